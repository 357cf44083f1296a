package org.ezpsdk.core.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.time.Instant;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;

/**
 * A letter as the outbox stores it.
 *
 * @param id the outbox's own id of the record
 * @param reference the caller's unique name of the letter, such as an order number or a digest of
 *     the letter's content
 * @param idempotencyKey the key the letter is sent under; fixed when the record is created
 * @param barcode the ШПИ, or {@code null} for a regular letter
 * @param letterJson the letter's metadata in wire profile v1 JSON, sent byte for byte as stored
 * @param attachment the PDF to send
 * @param attachmentSha256 the PDF's SHA-256 in lower-case hex when the record was created
 * @param state the outbox state
 * @param attempts how many times a sender claimed the record; above 1 the letter may have reached
 *     the service already, so a sender looks it up before sending it again
 * @param claimedBy the sender that holds the claim, or {@code null}
 * @param leaseUntil when the claim expires unless renewed, or {@code null}
 * @param notBefore when a pending record whose attempt failed may be tried again, or {@code null}
 *     when it may be tried at once
 * @param letterId the service's id of the letter once known, else {@code null}
 * @param serviceStatus the latest status reported by the service, or {@code null}
 * @param finalStatus true when the service reported that no further status will follow
 * @param error the last error, or {@code null}
 * @param createdAt when the record was created
 * @param updatedAt when the record last changed
 */
public record OutboxRecord(
    long id,
    String reference,
    String idempotencyKey,
    String barcode,
    String letterJson,
    Path attachment,
    String attachmentSha256,
    OutboxState state,
    int attempts,
    String claimedBy,
    Instant leaseUntil,
    Instant notBefore,
    String letterId,
    LetterStatus serviceStatus,
    boolean finalStatus,
    String error,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Parses the stored metadata back into a letter.
   *
   * @throws EzpClientException when the stored JSON no longer parses, which means the database was
   *     changed by hand
   */
  public Letter letter() {
    try {
      return WireProfileV1.objectMapper().readValue(letterJson, LetterJson.class).toLetter();
    } catch (JsonProcessingException e) {
      throw new EzpClientException(
          "The stored letter of outbox record "
              + id
              + " ("
              + reference
              + ") is not valid JSON: "
              + e.getOriginalMessage()
              + "; restore the record from the source of the batch",
          e);
    }
  }

  /** Describes the record by its ids; names and addresses are personal data. */
  @Override
  public String toString() {
    return "OutboxRecord[id="
        + id
        + ", reference="
        + reference
        + ", barcode="
        + barcode
        + ", state="
        + state
        + ", letterId="
        + letterId
        + "]";
  }
}
