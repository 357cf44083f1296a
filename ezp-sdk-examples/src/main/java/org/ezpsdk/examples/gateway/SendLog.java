package org.ezpsdk.examples.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.model.Letter;

/**
 * The gateway's record of the letters it sent, by which a letter that a caller sends twice by
 * mistake goes to ИС ЭПС once. A letter is recorded before its first attempt, so that a repeat
 * after a crash or a lost response resends it under the same idempotency key and the service
 * recognises it. {@link OutboxSendLog} keeps the record in the durable outbox; {@link
 * InMemorySendLog} only while the process runs.
 *
 * <p>The gateway calls {@link #send} for one letter at a time. Implementations close what they
 * opened in {@link #close()}.
 */
public interface SendLog extends AutoCloseable {

  /**
   * Returns the latest letter that was not rejected and was recorded under the client key, or, when
   * the client key is {@code null}, under the document key without a client key; empty when there
   * is none. The entry's {@link Entry#documentKey()} is that of the recorded letter, so the caller
   * can tell a repeat from another letter under the same client key.
   */
  Optional<Entry> find(String clientKey, String documentKey);

  /**
   * Records the letter unless {@link #find} returns it, sends it through the client, and returns
   * its entry after the attempt: {@link State#SENT}, {@link State#PENDING} when the outcome is not
   * known yet (the caller repeats the same request later), or {@link State#FAILED} with the reason
   * when it was rejected. A rejected letter is not returned by {@link #find}, so a corrected one
   * with the same client key or document key can be sent.
   *
   * @throws EzpException when an implementation reports a rejection or a failure as an exception
   *     instead of a {@link State#FAILED} or {@link State#PENDING} entry
   */
  Entry send(Letter letter, Path pdf, String clientKey, String documentKey, EzpClient client);

  @Override
  default void close() {}

  /** The state of a recorded letter. */
  enum State {
    /** Recorded; the send has not succeeded yet and will be repeated under the same key. */
    PENDING,
    /** Accepted by the service. */
    SENT,
    /** Rejected; {@link Entry#error()} says why. */
    FAILED
  }

  /**
   * One recorded letter.
   *
   * @param idempotencyKey the key the letter is sent to the service under
   * @param clientKey the caller's key, or {@code null} when the caller gave none
   * @param documentKey the digest of the recorded letter and its PDF, see {@link
   *     LetterOperations#documentKey}
   * @param state pending, sent or failed
   * @param letterId the service's id once sent, else {@code null}
   * @param barcode the ШПИ, or {@code null} for a regular letter
   * @param status the service's status once sent, else {@code null}
   * @param acceptedAt when the service accepted it, as far as the log knows, or {@code null}
   * @param error why it failed or is still pending, or {@code null}
   */
  record Entry(
      String idempotencyKey,
      String clientKey,
      String documentKey,
      State state,
      String letterId,
      String barcode,
      String status,
      Instant acceptedAt,
      String error) {

    public Entry {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      Objects.requireNonNull(documentKey, "documentKey");
      Objects.requireNonNull(state, "state");
    }
  }
}
