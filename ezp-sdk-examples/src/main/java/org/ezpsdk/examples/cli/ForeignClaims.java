package org.ezpsdk.examples.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxState;

/**
 * The letters that other senders hold in SENDING: a run that was killed, or one still running.
 * Their claims end at the lease the claiming run set, whatever this run's own lease is.
 *
 * @param count how many letters other senders hold
 * @param lastLeaseEnd when the last of their claims expires unless renewed
 */
record ForeignClaims(int count, Instant lastLeaseEnd) {
  private static final int PAGE = 200;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss z", Locale.ROOT).withZone(ZoneId.systemDefault());

  /** Finds the SENDING letters that {@code worker} does not hold. */
  static ForeignClaims find(JdbcOutboxStore store, String worker) {
    int count = 0;
    Instant last = Instant.EPOCH;
    long after = 0;
    List<OutboxRecord> page = store.list(OutboxState.SENDING, after, PAGE);
    while (!page.isEmpty()) {
      for (OutboxRecord record : page) {
        after = record.id();
        if (worker.equals(record.claimedBy())) {
          continue;
        }
        count++;
        if (record.leaseUntil() != null && record.leaseUntil().isAfter(last)) {
          last = record.leaseUntil();
        }
      }
      page = page.size() < PAGE ? List.of() : store.list(OutboxState.SENDING, after, PAGE);
    }
    return new ForeignClaims(count, last);
  }

  /** Returns the line that explains why the run waits, and until when. */
  String describe() {
    return "ezp: waiting until "
        + TIME.format(lastLeaseEnd)
        + " for "
        + count
        + " letter(s) claimed by an earlier run that stopped or is still running; then each is"
        + " looked up at the service before it is sent again";
  }
}
