package org.ezpsdk.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ezpsdk.core.error.EzpClientException;

/**
 * The retry state of one client call: the attempts made, the lookups that failed and the deadline,
 * all measured with the policy's clock. Used by one thread.
 */
final class RetryBudget {
  private final RetryPolicy policy;
  private final Instant deadline;
  private int attempts;
  private int failedAttempts;
  private int failedLookups;

  RetryBudget(RetryPolicy policy) {
    this.policy = policy;
    this.deadline = policy.clock().instant().plus(policy.totalDeadline());
  }

  /** Counts a new attempt and returns its number, 1 for the first. */
  int startAttempt() {
    return ++attempts;
  }

  int attempts() {
    return attempts;
  }

  int maxAttempts() {
    return policy.maxAttempts();
  }

  /** Returns how many lookups of this call failed so far. */
  int failedLookups() {
    return failedLookups;
  }

  boolean attemptsLeft() {
    return attempts < policy.maxAttempts();
  }

  /**
   * Returns the wait before the next attempt: the service's {@code Retry-After} when given, else
   * the jittered backoff cut to the time left. Empty when the deadline has passed or the service
   * requests a wait past it.
   */
  Optional<Duration> delayBeforeAttempt(Duration retryAfter) {
    failedAttempts++;
    return delay(retryAfter, policy.backoff(failedAttempts));
  }

  /** Returns the wait before the next lookup, like {@link #delayBeforeAttempt}. */
  Optional<Duration> delayBeforeLookup(Duration retryAfter) {
    failedLookups++;
    return delay(retryAfter, policy.backoff(failedLookups));
  }

  /** Waits, keeping the thread's interrupt status. */
  void sleep(Duration delay, String subject) {
    try {
      policy.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EzpClientException(
          "Interrupted while waiting to retry " + subject + "; the call was abandoned", e);
    }
  }

  private Optional<Duration> delay(Duration retryAfter, Duration backoff) {
    Duration left = Duration.between(policy.clock().instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      return Optional.empty();
    }
    if (retryAfter != null) {
      return retryAfter.compareTo(left) < 0 ? Optional.of(retryAfter) : Optional.empty();
    }
    return Optional.of(backoff.compareTo(left) < 0 ? backoff : left);
  }
}
