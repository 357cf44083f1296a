package org.ezpsdk.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests in lower-case hex, the form in which the outbox and the service's letter records
 * store a PDF's digest. The class is public only so that the SDK's other modules can reach it, and
 * it is not part of the SDK's API.
 */
public final class Sha256 {
  private static final int BUFFER_SIZE = 64 * 1024;

  private Sha256() {}

  /** Returns a new SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "The Java runtime has no SHA-256, which every JDK provides", e);
    }
  }

  /** Reads {@code in} to its end and returns the SHA-256 of what it read. */
  public static String hex(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER_SIZE];
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      digest.update(buffer, 0, read);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Returns the SHA-256 of a file, read once in blocks. */
  public static String hex(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return hex(in);
    }
  }
}
