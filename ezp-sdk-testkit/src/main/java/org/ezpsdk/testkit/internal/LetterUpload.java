package org.ezpsdk.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one send request: the {@code letter} JSON and the detached signature in memory, the
 * PDF attachment in a temporary directory of its own that {@link #close()} deletes.
 *
 * @param letterJson the bytes of the {@code letter} part
 * @param attachment the temporary file holding the {@code attachment} part
 * @param signature the bytes of the {@code signature} part
 * @param fingerprint the SHA-256 of the letter part and of the attachment
 */
public record LetterUpload(
    byte[] letterJson, Path attachment, byte[] signature, Fingerprint fingerprint)
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LetterUpload.class);

  /** Deletes the attachment and its temporary directory. */
  @Override
  public void close() {
    deleteQuietly(attachment);
    deleteQuietly(attachment.getParent());
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("Failed to delete temporary upload file '{}'", path, e);
    }
  }
}
