package org.ezpsdk.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Large files for transport tests, written in chunks so that no test holds them in memory. */
public final class TestFiles {
  private TestFiles() {}

  /**
   * Writes pseudo-random bytes and returns their SHA-256, lower-case hex.
   *
   * @param size the number of bytes
   */
  public static String writeRandom(Path file, long size) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
    Random random = new Random(size);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        int length = (int) Math.min(chunk.length, size - written);
        out.write(chunk, 0, length);
        digest.update(chunk, 0, length);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
