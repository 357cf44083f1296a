package org.ezpsdk.transport.internal;

import java.io.IOException;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * A request body that copies a file from disk to the socket while the request is written, so a
 * large PDF never sits whole in memory. The length is measured when the body is built. If the file
 * changes size before it is sent, OkHttp fails the call with a protocol error.
 */
final class FileRequestBody extends RequestBody {
  private final Path file;
  private final MediaType contentType;
  private final long length;

  FileRequestBody(Path file, MediaType contentType, long length) {
    this.file = file;
    this.contentType = contentType;
    this.length = length;
  }

  @Override
  public MediaType contentType() {
    return contentType;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try (Source source = Okio.source(file)) {
      sink.writeAll(source);
    }
  }
}
