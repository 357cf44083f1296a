package org.ezpsdk.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * When and how often the client tries a request again. Immutable and thread-safe.
 *
 * <p>Retried: connection failures and timeouts, and the responses 429, 502, 503 and 504. A read
 * (status, lookup, event feed, notice) is also retried after 500, because repeating it changes
 * nothing on the service. Never retried: TLS and certificate failures, and every other error
 * response. A send whose outcome is unknown (the request may have arrived, or the service responded
 * 500, 502 or 504) is looked up before it is sent again; see {@link EzpClient#send}.
 *
 * <p>The backoff before retry n (n = 1 after the first failure) is "equal jitter": with {@code cap
 * = min(maxBackoff, initialBackoff × multiplier^(n-1))}, half of the cap (rounded up to whole
 * milliseconds) is always waited and the other half is drawn uniformly, so the wait lies between
 * {@code cap / 2} and {@code cap}. The random half spreads out senders that failed together; the
 * fixed half keeps a retry from following its failure almost at once. With the defaults the waits
 * are 250–500 ms, 0.5–1 s, 1–2 s, 2–4 s and so on, never more than 30 s.
 *
 * <p>When the service sends {@code Retry-After}, the client waits exactly that long instead of the
 * backoff, even when it is shorter than the backoff's floor, and gives up when the wait would pass
 * the deadline. A backoff that would pass the deadline is cut to the time left.
 *
 * <p>Defaults: 5 attempts, backoff from 500 ms doubling up to 30 s, total deadline 2 min from the
 * first attempt, the system UTC clock and {@link Thread#sleep}. Tests inject a {@link Clock}, a
 * {@link Sleeper} and a seeded {@link RandomGenerator}.
 */
public final class RetryPolicy {

  /** Waits between two attempts. The default is {@link Thread#sleep(long)}. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Receives each retry of a request just before the client waits for it, on the thread that made
   * the call, so that a program can show progress. The lookups that follow a send whose outcome is
   * unknown are reported too, under the lookup request's operation name (such as {@code
   * findLetters}), with {@code nextAttempt} counting lookups. An exception thrown by the listener
   * is logged and does not stop the retry.
   */
  @FunctionalInterface
  public interface RetryListener {
    void beforeRetry(RetryEvent event);
  }

  /**
   * One retry about to happen.
   *
   * @param operation the request's short name, such as {@code sendLetter}
   * @param nextAttempt the number of the attempt after the wait, 2 for the first retry
   * @param maxAttempts the policy's maximum number of attempts
   * @param delay the wait before the next attempt
   * @param cause the failure of the attempt before: an {@link
   *     org.ezpsdk.core.error.EzpServiceException} for an error response (it carries the HTTP
   *     status) or a {@link org.ezpsdk.core.error.TransportException}; its message contains no
   *     credentials
   */
  public record RetryEvent(
      String operation, int nextAttempt, int maxAttempts, Duration delay, RuntimeException cause) {}

  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final Duration totalDeadline;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final RetryListener listener;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.multiplier = builder.multiplier;
    this.totalDeadline = builder.totalDeadline;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.random = builder.random;
    this.listener = builder.listener;
  }

  /** Returns the default policy; see the class description. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a policy of one attempt: nothing is retried, but an ambiguous send is still looked up
   * once before the client reports it.
   */
  public static RetryPolicy noRetries() {
    return builder().maxAttempts(1).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxAttempts = maxAttempts;
    builder.initialBackoff = initialBackoff;
    builder.maxBackoff = maxBackoff;
    builder.multiplier = multiplier;
    builder.totalDeadline = totalDeadline;
    builder.clock = clock;
    builder.sleeper = sleeper;
    builder.random = random;
    builder.listener = listener;
    return builder;
  }

  /** Returns the maximum number of attempts of one request, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public double multiplier() {
    return multiplier;
  }

  /**
   * Returns how long all attempts and lookups of one call may take, from the first attempt.
   *
   * <p>NOTE: the deadline is checked between attempts, so one attempt that has started can run past
   * it for up to the transport's own call timeout.
   */
  public Duration totalDeadline() {
    return totalDeadline;
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public RetryListener listener() {
    return listener;
  }

  /**
   * Returns the random backoff before the next attempt: at least half of the current cap and at
   * most the cap; see the class description.
   *
   * @param failedAttempts how many attempts failed so far, at least 1
   */
  public Duration backoff(int failedAttempts) {
    long capMillis = capMillis(failedAttempts);
    if (capMillis <= 0) {
      return Duration.ZERO;
    }
    long randomMillis = capMillis / 2;
    long fixedMillis = capMillis - randomMillis;
    RandomGenerator generator = random != null ? random : ThreadLocalRandom.current();
    return Duration.ofMillis(fixedMillis + generator.nextLong(randomMillis + 1));
  }

  /** Returns {@code min(maxBackoff, initialBackoff × multiplier^(n-1))} in milliseconds. */
  private long capMillis(int failedAttempts) {
    double cap = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    return (long) Math.min(cap, maxBackoff.toMillis());
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff.toMillis()
        + " ms, maxBackoff="
        + maxBackoff.toMillis()
        + " ms, multiplier="
        + multiplier
        + ", totalDeadline="
        + totalDeadline.toMillis()
        + " ms]";
  }

  /** Builder of {@link RetryPolicy}; {@link #build()} checks every setting at once. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private double multiplier = 2.0;
    private Duration totalDeadline = Duration.ofMinutes(2);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
    private RandomGenerator random;
    private RetryListener listener = event -> {};

    private Builder() {}

    /** Sets the maximum number of attempts, the first included; 1 turns retries off. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff cap after the first failure; 500 ms unless set, so the first retry waits 250
     * to 500 ms.
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** Sets the largest backoff cap; 30 s unless set. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** Sets the factor by which the backoff cap grows after each failure; 2 unless set. */
    public Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    /** Sets the time limit of one call with all its retries and lookups; 2 min unless set. */
    public Builder totalDeadline(Duration totalDeadline) {
      this.totalDeadline = totalDeadline;
      return this;
    }

    /** Sets the clock the deadline and {@code Retry-After} dates are measured with. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Sets how the client waits between attempts; {@link Thread#sleep} unless set. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Sets the source of the random half of each backoff; a thread-local random generator unless
     * set. Only {@link RandomGenerator#nextLong(long)} is called.
     */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /** Sets the listener called before each retry; none unless set. */
    public Builder listener(RetryListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws ConfigurationException listing every invalid setting
     */
    public RetryPolicy build() {
      List<String> problems = new ArrayList<>();
      if (maxAttempts < 1) {
        problems.add("maxAttempts is " + maxAttempts + ", expected 1 or more");
      }
      requireNotNegative(problems, "initialBackoff", initialBackoff);
      requireNotNegative(problems, "maxBackoff", maxBackoff);
      requireNotNegative(problems, "totalDeadline", totalDeadline);
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        problems.add("multiplier is " + multiplier + ", expected a finite number of 1 or more");
      }
      if (clock == null) {
        problems.add("clock is missing; use Clock.systemUTC()");
      }
      if (sleeper == null) {
        problems.add("sleeper is missing; leave it unset for Thread.sleep");
      }
      if (listener == null) {
        problems.add("listener is missing; leave it unset for none");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(
            "Invalid retry policy: " + String.join("; ", problems) + "; fix the builder");
      }
      return new RetryPolicy(this);
    }

    private static void requireNotNegative(List<String> problems, String name, Duration value) {
      if (value == null) {
        problems.add(name + " is missing; pass a duration");
      } else if (value.isNegative()) {
        problems.add(name + " is " + value + ", expected zero or more");
      }
    }
  }
}
