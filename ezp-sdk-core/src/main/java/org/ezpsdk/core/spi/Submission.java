package org.ezpsdk.core.spi;

import java.nio.file.Path;
import java.util.Objects;
import org.ezpsdk.core.model.Letter;

/**
 * Everything that goes out for one letter: its metadata, the PDF, its detached signature and the
 * idempotency key fixed before the first attempt.
 *
 * @param letter the validated letter
 * @param attachment the PDF file that passed preflight
 * @param signature the DER-encoded detached CMS over the PDF bytes
 * @param signatureMediaType the media type of the signature part
 * @param idempotencyKey the key under which a repeat returns the first answer
 */
public record Submission(
    Letter letter,
    Path attachment,
    byte[] signature,
    String signatureMediaType,
    String idempotencyKey) {

  public Submission {
    Objects.requireNonNull(letter, "letter");
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signatureMediaType, "signatureMediaType");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  @Override
  public String toString() {
    return "Submission[" + letter + ", key=" + idempotencyKey + "]";
  }
}
