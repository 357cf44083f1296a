package org.ezpsdk.examples.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's record of letters it sent, by which a letter that a caller sends twice by mistake
 * goes to ИС ЭПС once. A letter is recorded before its first attempt and completed after the
 * service accepted it, so that a repeat after a crash or a lost response resends it under the same
 * idempotency key and the service recognises it.
 *
 * <p>Implementations must be thread-safe; the gateway calls them for one key at a time.
 */
public interface SendLog {

  /** Returns the entry recorded under a client key or a document key, empty when there is none. */
  Optional<Entry> find(String key);

  /**
   * Records a letter before its first attempt, under its client key (when given) and its document
   * key.
   */
  void begin(Entry pending);

  /** Marks the letter sent under the idempotency key as accepted by the service. */
  Entry complete(
      String idempotencyKey, String letterId, String barcode, String status, Instant acceptedAt);

  /**
   * Forgets a letter that the service or the local checks rejected, so that a corrected letter with
   * the same document number can be sent.
   */
  void abandon(String idempotencyKey);

  /** The state of a recorded letter. */
  enum State {
    /** Recorded; the send started and its outcome is not known yet. */
    PENDING,
    /** Accepted by the service. */
    SENT
  }

  /**
   * One recorded letter.
   *
   * @param idempotencyKey the key the letter is sent to the service under
   * @param clientKey the caller's key, or {@code null} when the caller gave none
   * @param documentKey the digest of the document number and the recipient
   * @param state pending or sent
   * @param letterId the service's id once sent, else {@code null}
   * @param barcode the ШПИ, or {@code null} for a regular letter
   * @param status the status at acceptance once sent, else {@code null}
   * @param acceptedAt when the service accepted it, or {@code null}
   */
  record Entry(
      String idempotencyKey,
      String clientKey,
      String documentKey,
      State state,
      String letterId,
      String barcode,
      String status,
      Instant acceptedAt) {

    public Entry {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      Objects.requireNonNull(documentKey, "documentKey");
      Objects.requireNonNull(state, "state");
    }

    /** Returns a pending entry. */
    public static Entry pending(
        String idempotencyKey, String clientKey, String documentKey, String barcode) {
      return new Entry(
          idempotencyKey, clientKey, documentKey, State.PENDING, null, barcode, null, null);
    }
  }
}
