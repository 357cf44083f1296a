package org.ezpsdk.examples.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxState;

/** Reads the outbox a page at a time for the lines that explain why a run waits. */
final class OutboxPages {
  /** The local time of day with its zone, for the lines that tell until when a run waits. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss z", Locale.ROOT).withZone(ZoneId.systemDefault());

  private static final int PAGE = 200;

  private OutboxPages() {}

  /**
   * Returns the times that {@code time} gives for the records in {@code state}, in id order; a
   * record for which it gives {@code null} is left out.
   */
  static List<Instant> times(
      JdbcOutboxStore store, OutboxState state, Function<OutboxRecord, Instant> time) {
    List<Instant> times = new ArrayList<>();
    long after = 0;
    List<OutboxRecord> page = store.list(state, after, PAGE);
    while (!page.isEmpty()) {
      for (OutboxRecord record : page) {
        after = record.id();
        Instant value = time.apply(record);
        if (value != null) {
          times.add(value);
        }
      }
      page = page.size() < PAGE ? List.of() : store.list(state, after, PAGE);
    }
    return times;
  }
}
