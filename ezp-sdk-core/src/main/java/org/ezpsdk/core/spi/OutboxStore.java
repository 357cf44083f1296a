package org.ezpsdk.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.outbox.OutboxEntry;
import org.ezpsdk.core.outbox.OutboxHistoryEntry;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxState;

/**
 * Durable store of letters to send: each letter is written before it is sent and updated after, so
 * a crash loses none and sends none twice. The SDK's implementation is {@link
 * org.ezpsdk.core.outbox.JdbcOutboxStore} on SQLite or PostgreSQL; a user may supply another.
 *
 * <p>Claims: a sender takes records with {@link #claim}, which moves them to {@link
 * OutboxState#SENDING} under the sender's name and a lease. Only the holder of a claim may record
 * its outcome. When a lease runs out because its sender crashed, another sender may take the
 * record, and must look the letter up at the service before sending it again. Two senders never
 * hold the same record at once.
 *
 * <p>Ownership: whoever creates a store closes it, after every sender that uses it has stopped.
 * Implementations must be safe for use by many threads.
 */
public interface OutboxStore extends AutoCloseable {

  /**
   * Records letters as {@link OutboxState#PENDING}. An entry whose reference is already recorded is
   * skipped and its existing record returned, so a rerun of the same batch records nothing twice.
   *
   * @return the records of all entries, in the order given
   */
  List<OutboxRecord> enqueue(List<OutboxEntry> entries);

  /**
   * Claims up to {@code max} records that are PENDING and due, or SENDING with an expired lease,
   * the records due longest first (then the oldest), and moves them to SENDING under {@code worker}
   * until {@code lease} has passed.
   */
  List<OutboxRecord> claim(String worker, int max, Duration lease);

  /** Extends the lease of every record {@code worker} holds; returns how many were extended. */
  int renewLeases(String worker, Duration lease);

  /**
   * Records that the service accepted the letter.
   *
   * @return false when {@code worker} no longer holds the claim, and nothing was changed
   */
  boolean markSent(long id, String worker, String letterId, LetterStatus status);

  /**
   * Records that the letter was rejected and must not be sent again as it is.
   *
   * @return false when {@code worker} no longer holds the claim, and nothing was changed
   */
  boolean markFailed(long id, String worker, String error);

  /**
   * Returns a claimed record to PENDING after a failure that may pass, due again after {@code
   * retryAfter}.
   *
   * @return false when {@code worker} no longer holds the claim, and nothing was changed
   */
  boolean release(long id, String worker, String error, Duration retryAfter);

  /** Returns the record with this outbox id. */
  Optional<OutboxRecord> find(long id);

  /** Returns the record with this reference. */
  Optional<OutboxRecord> findByReference(String reference);

  /**
   * Returns records oldest first, after the outbox id {@code afterId} (0 for the start).
   *
   * @param state the state to filter by, or {@code null} for all
   */
  List<OutboxRecord> list(OutboxState state, long afterId, int limit);

  /** Returns the number of records in each state; states without records are absent. */
  Map<OutboxState, Long> countByState();

  /** Returns the history of a record, oldest first. */
  List<OutboxHistoryEntry> history(long id);

  /**
   * Applies status changes from the event feed to the records of those letters, matched by the
   * service's letter id or the ШПИ, and stores {@code nextCursor} as the feed's position in the
   * same transaction. Events of letters not in this outbox are skipped.
   *
   * @param feed the name of the feed position, such as the sender id
   * @return how many events matched a record
   */
  int applyEvents(String feed, List<StatusEvent> events, String nextCursor);

  /** Returns the stored position of the event feed, empty before the first page was applied. */
  Optional<String> eventCursor(String feed);

  /** Closes the store's connections; see the ownership rule above. */
  @Override
  void close();
}
