package org.ezpsdk.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.SigningException;

/**
 * Makes the detached signature that travels with each PDF attachment. The SDK's own implementation
 * (module {@code ezp-sdk-signing}) makes a GOST R 34.10-2012 CAdES-BES; a sender with a hardware
 * token can supply its own.
 */
public interface AttachmentSigner {

  /**
   * Signs the content read from the stream, to its end, and returns the DER-encoded detached CMS
   * {@code SignedData}. The stream is read once and not closed.
   *
   * @throws SigningException when the key cannot sign
   */
  byte[] signDetached(InputStream content) throws IOException;

  /** Signs a file's bytes; see {@link #signDetached(InputStream)}. */
  default byte[] signDetached(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return signDetached(in);
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read '" + file + "' for signing: " + e.getMessage(), e);
    }
  }

  /** Returns the MIME type of the signature part: a detached CMS by default. */
  default String mediaType() {
    return "application/pkcs7-signature";
  }
}
