package org.ezpsdk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ezpsdk.core.RetryPolicy;

/**
 * A clock that moves only when the client waits, and records every wait, so retry tests run without
 * sleeping. Thread-safe.
 */
final class FakeTime extends Clock implements RetryPolicy.Sleeper {
  private volatile Instant now = Instant.parse("2026-03-02T10:00:00Z");
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  /** Returns every wait so far, in order. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** Returns a policy on this clock with the given attempts and deadline. */
  RetryPolicy policy(int maxAttempts, Duration deadline) {
    return RetryPolicy.builder()
        .maxAttempts(maxAttempts)
        .totalDeadline(deadline)
        .clock(this)
        .sleeper(this)
        .build();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
