package org.ezpsdk.core.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.model.Letter;

/**
 * A letter to record in the outbox before it is sent.
 *
 * @param reference the caller's unique name of this letter; a second entry with the same reference
 *     is not recorded again, which makes a rerun of the same batch safe. Derive it from what the
 *     letter is (a business key, or a digest of its content as {@code ezp batch} does), not from a
 *     position such as a row number, which may name another letter in the next run
 * @param letter the letter's metadata; when {@code rangeId} is set its ШПИ is replaced, so build it
 *     with any valid number such as {@link #PLACEHOLDER_BARCODE}
 * @param attachment the PDF to send
 * @param attachmentSha256 the PDF's SHA-256 in lower-case hex, checked again before the send
 * @param idempotencyKey the key to send under, or {@code null} for the ШПИ (the usual key), or a
 *     random UUID for a letter without ШПИ
 * @param rangeId the ШПИ range to take the letter's number from, {@link #ANY_RANGE}, or {@code
 *     null} to keep the letter's own; the number is taken in the transaction that records the
 *     letter, so it stays with this record
 */
public record OutboxEntry(
    String reference,
    Letter letter,
    Path attachment,
    String attachmentSha256,
    String idempotencyKey,
    String rangeId) {

  /**
   * A valid ШПИ (Russian Post's own example) to build a registered letter with before its number is
   * taken from a range.
   */
  public static final String PLACEHOLDER_BARCODE = "80080152000048";

  /** The {@code rangeId} that takes the number from the first range (by id) with numbers left. */
  public static final String ANY_RANGE = "*";

  public OutboxEntry {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(letter, "letter");
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(attachmentSha256, "attachmentSha256");
  }

  /**
   * Returns an entry whose attachment digest is computed from the file now, sent under the ШПИ.
   *
   * @throws EzpClientException when the PDF cannot be read
   */
  public static OutboxEntry of(String reference, Letter letter, Path attachment, String rangeId) {
    try (InputStream in = Files.newInputStream(attachment)) {
      return new OutboxEntry(reference, letter, attachment, Sha256.hex(in), null, rangeId);
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read the PDF '" + attachment + "' of letter " + reference + ": " + e, e);
    }
  }
}
