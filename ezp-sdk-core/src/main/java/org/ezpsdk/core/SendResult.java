package org.ezpsdk.core;

import java.time.Instant;
import java.util.Objects;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.model.LetterStatus;

/**
 * The result of sending one letter: the service's receipt and whether this call created the letter
 * or found it already accepted.
 *
 * @param receipt the receipt; after a lookup it is built from the letter's status at the service
 * @param alreadyAccepted true when the service had the letter before the call's last attempt: an
 *     earlier attempt whose response was lost, or an earlier call under the same idempotency key
 * @param attempts how many times the letter was sent in this call, at least 1
 */
public record SendResult(LetterReceipt receipt, boolean alreadyAccepted, int attempts) {

  public SendResult {
    Objects.requireNonNull(receipt, "receipt");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
  }

  /** Returns the service's id of the letter. */
  public String letterId() {
    return receipt.letterId();
  }

  /** Returns the track number (ШПИ), or {@code null} for a regular letter. */
  public String barcode() {
    return receipt.barcode();
  }

  /** Returns the letter's status as the receipt reports it. */
  public LetterStatus status() {
    return receipt.status();
  }

  /**
   * Returns when the service accepted the letter, or {@code null} when the service did not report
   * it.
   */
  public Instant acceptedAt() {
    return receipt.acceptedAt();
  }

  public String idempotencyKey() {
    return receipt.idempotencyKey();
  }
}
