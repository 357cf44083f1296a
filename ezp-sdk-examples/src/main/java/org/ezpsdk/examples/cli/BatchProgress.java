package org.ezpsdk.examples.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.spi.OutboxStore;

/**
 * Prints the progress of a batch on the error output every second: letters done, the rate since the
 * start and the time left at that rate. On a terminal the line is rewritten in place; otherwise a
 * line is printed every 10 s.
 */
final class BatchProgress implements AutoCloseable {
  private final OutboxStore store;
  private final int total;
  private final PrintWriter err;
  private final boolean terminal = System.console() != null;
  private final long startNanos = System.nanoTime();
  private final long openAtStart;
  private final ScheduledExecutorService timer;
  private int ticks;

  private BatchProgress(OutboxStore store, int total, PrintWriter err) {
    this.store = store;
    this.total = total;
    this.err = err;
    this.openAtStart = open(store.countByState());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "ezp-batch-progress");
              thread.setDaemon(true);
              return thread;
            });
  }

  static BatchProgress start(OutboxStore store, int total, PrintWriter err) {
    BatchProgress progress = new BatchProgress(store, total, err);
    progress.timer.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
    return progress;
  }

  private void tick() {
    ticks++;
    if (terminal || ticks % 10 == 0) {
      err.print(line() + (terminal ? "\r" : "\n"));
      err.flush();
    }
  }

  /** Prints the last progress line. */
  void finish() {
    timer.shutdownNow();
    err.println(line());
  }

  private String line() {
    long open = open(store.countByState());
    long doneNow = Math.max(0, openAtStart - open);
    double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
    double rate = doneNow / seconds;
    String left = rate > 0 ? String.format("about %.0f s left", open / rate) : "time left unknown";
    return String.format(
        "ezp: %d of %d letters done, %.1f letters/s, %s",
        total - Math.min(total, open), total, rate, left);
  }

  private static long open(Map<OutboxState, Long> counts) {
    return counts.getOrDefault(OutboxState.PENDING, 0L)
        + counts.getOrDefault(OutboxState.SENDING, 0L);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
