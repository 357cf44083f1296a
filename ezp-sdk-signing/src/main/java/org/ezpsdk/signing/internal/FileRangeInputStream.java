package org.ezpsdk.signing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads one part of a file, from an offset for a length, without loading it into memory. */
public final class FileRangeInputStream extends InputStream {
  private final FileChannel channel;
  private long position;
  private long remaining;

  private FileRangeInputStream(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.position = offset;
    this.remaining = length;
  }

  /** Opens the part of {@code file} that starts at {@code offset} and has {@code length} bytes. */
  public static FileRangeInputStream open(Path file, long offset, long length) throws IOException {
    return new FileRangeInputStream(
        FileChannel.open(file, StandardOpenOption.READ), offset, length);
  }

  @Override
  public int read() throws IOException {
    byte[] single = new byte[1];
    return read(single, 0, 1) == -1 ? -1 : single[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (remaining <= 0) {
      return -1;
    }
    int requested = (int) Math.min(length, remaining);
    int read = channel.read(ByteBuffer.wrap(buffer, offset, requested), position);
    if (read == -1) {
      throw new IOException(
          "File ended " + remaining + " bytes before the end of the signed range");
    }
    position += read;
    remaining -= read;
    return read;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
