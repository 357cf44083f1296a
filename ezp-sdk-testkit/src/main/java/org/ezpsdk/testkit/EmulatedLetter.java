package org.ezpsdk.testkit;

import java.time.Instant;
import java.util.List;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusChange;

/**
 * A snapshot of one letter the emulator accepted, for assertions in tests.
 *
 * @param letterId the id the emulator gave the letter, a UUID
 * @param senderId the id of the credentials the letter was sent with
 * @param barcode the track number (ШПИ), or {@code null} for a regular letter
 * @param idempotencyKey the key the letter was sent under
 * @param deliveryMethod how the letter travels, decided at acceptance
 * @param electronicNotice true when the sender requested an electronic notice of delivery
 * @param acceptedAt when the emulator accepted the letter
 * @param status the latest status
 * @param finalStatus true when no further status will follow
 * @param history every status change, oldest first
 * @param attachmentSha256 the SHA-256 of the PDF attachment, lower-case hex
 */
public record EmulatedLetter(
    String letterId,
    String senderId,
    String barcode,
    String idempotencyKey,
    DeliveryMethod deliveryMethod,
    boolean electronicNotice,
    Instant acceptedAt,
    LetterStatus status,
    boolean finalStatus,
    List<StatusChange> history,
    String attachmentSha256) {

  public EmulatedLetter {
    history = List.copyOf(history);
  }
}
