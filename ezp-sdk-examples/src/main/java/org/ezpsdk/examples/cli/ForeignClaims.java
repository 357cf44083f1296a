package org.ezpsdk.examples.cli;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxState;

/**
 * The letters that other senders hold in SENDING: a run that was killed, or one still running.
 * Their claims end at the lease the claiming run set, whatever this run's own lease is.
 *
 * @param count how many letters other senders hold
 * @param lastLeaseEnd when the last of their claims expires unless renewed
 */
record ForeignClaims(int count, Instant lastLeaseEnd) {
  /** Finds the SENDING letters that {@code worker} does not hold. */
  static ForeignClaims find(JdbcOutboxStore store, String worker) {
    // A claim without a lease end cannot occur; EPOCH counts it without moving the wait.
    List<Instant> leaseEnds =
        OutboxPages.times(
            store,
            OutboxState.SENDING,
            record ->
                worker.equals(record.claimedBy())
                    ? null
                    : Objects.requireNonNullElse(record.leaseUntil(), Instant.EPOCH));
    return new ForeignClaims(
        leaseEnds.size(), leaseEnds.stream().max(Comparator.naturalOrder()).orElse(Instant.EPOCH));
  }

  /** Returns the line that explains why the run waits, and until when. */
  String describe() {
    return "ezp: waiting until "
        + OutboxPages.TIME.format(lastLeaseEnd)
        + " for "
        + count
        + " letter(s) claimed by an earlier run that stopped or is still running; then each is"
        + " looked up at the service before it is sent again";
  }
}
