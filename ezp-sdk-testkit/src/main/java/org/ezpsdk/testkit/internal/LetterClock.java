package org.ezpsdk.testkit.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accelerated clock that moves accepted letters along their {@link LifePlan}: one status per
 * step delay. One daemon thread runs every step, so the steps of all letters reach the event feed
 * in the order they happen.
 */
public final class LetterClock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LetterClock.class);

  private final long stepDelayNanos;
  private final LetterStore store;
  private final ScheduledExecutorService scheduler;

  public LetterClock(Duration stepDelay, LetterStore store) {
    this.stepDelayNanos = stepDelay.toNanos();
    this.store = store;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "eps-emulator-clock");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Schedules the next status of the letter one step delay from now. */
  public void scheduleNextStep(String letterId) {
    try {
      scheduler.schedule(() -> step(letterId), stepDelayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("EPS emulator is stopping; letter {} stays in its current status", letterId);
    }
  }

  private void step(String letterId) {
    try {
      if (store.advance(letterId)) {
        scheduleNextStep(letterId);
      }
    } catch (RuntimeException e) {
      LOG.error("Failed to move letter {} to its next status", letterId, e);
    }
  }

  /** Stops the clock; letters keep the status they have. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("EPS emulator clock thread did not stop within 5 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
