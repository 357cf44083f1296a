package org.ezpsdk.examples.cli;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxState;

/**
 * The pending letters whose last attempt failed and that may not be tried again before their retry
 * time, which {@code --retry-seconds} sets.
 *
 * @param count how many letters wait
 * @param firstDue when the first of them may be tried again
 */
record DelayedRetries(int count, Instant firstDue) {
  /** Finds the pending letters that may not be tried before a time after {@code now}. */
  static DelayedRetries find(JdbcOutboxStore store, Instant now) {
    List<Instant> due =
        OutboxPages.times(
            store,
            OutboxState.PENDING,
            record ->
                record.notBefore() != null && record.notBefore().isAfter(now)
                    ? record.notBefore()
                    : null);
    return new DelayedRetries(due.size(), due.stream().min(Comparator.naturalOrder()).orElse(now));
  }

  /** Returns the line that explains why the run waits, and until when. */
  String describe() {
    return "ezp: "
        + count
        + " letter(s) wait for their next attempt after a failed one; the first is due at "
        + OutboxPages.TIME.format(firstDue)
        + " (--retry-seconds sets the wait)";
  }
}
