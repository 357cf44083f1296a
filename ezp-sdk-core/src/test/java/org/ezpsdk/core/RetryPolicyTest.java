package org.ezpsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsMatchDocumentation() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.maxAttempts()).isEqualTo(5);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.multiplier()).isEqualTo(2.0);
    assertThat(policy.totalDeadline()).isEqualTo(Duration.ofMinutes(2));
  }

  /** The caps of the default policy after 1 to 8 failures: 500 ms doubling up to 30 s. */
  private static final long[] DEFAULT_CAPS = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};

  @Test
  void smallestBackoffIsHalfTheCap() {
    RetryPolicy policy = RetryPolicy.builder().random(new FixedDraw(false)).build();
    long[] expected = {250, 500, 1000, 2000, 4000, 8000, 15000, 15000};

    for (int failures = 1; failures <= expected.length; failures++) {
      assertThat(policy.backoff(failures).toMillis())
          .as("smallest backoff after %d failures", failures)
          .isEqualTo(expected[failures - 1]);
    }
  }

  @Test
  void largestBackoffIsTheCap() {
    RetryPolicy policy = RetryPolicy.builder().random(new FixedDraw(true)).build();

    for (int failures = 1; failures <= DEFAULT_CAPS.length; failures++) {
      assertThat(policy.backoff(failures).toMillis())
          .as("largest backoff after %d failures", failures)
          .isEqualTo(DEFAULT_CAPS[failures - 1]);
    }
  }

  @Test
  void oddCapRoundsFloorUp() {
    RetryPolicy.Builder builder = RetryPolicy.builder().initialBackoff(Duration.ofMillis(301));

    assertThat(builder.random(new FixedDraw(false)).build().backoff(1)).hasMillis(151);
    assertThat(builder.random(new FixedDraw(true)).build().backoff(1)).hasMillis(301);
  }

  @Test
  void capHoldsAfterManyFailures() {
    RetryPolicy policy = RetryPolicy.builder().random(new FixedDraw(true)).build();

    assertThat(policy.backoff(40)).as("after 40 failures").isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.backoff(Integer.MAX_VALUE)).as("after 2^31-1 failures").hasSeconds(30);
  }

  @Test
  void seededBackoffStaysBetweenFloorAndCap() {
    RetryPolicy policy = RetryPolicy.builder().random(new Random(7)).build();

    for (int failures = 1; failures <= 12; failures++) {
      long cap = DEFAULT_CAPS[Math.min(failures, DEFAULT_CAPS.length) - 1];
      for (int draw = 0; draw < 200; draw++) {
        long millis = policy.backoff(failures).toMillis();
        assertThat(millis)
            .as("backoff after %d failures, draw %d", failures, draw)
            .isBetween(cap / 2, cap);
      }
    }
  }

  @Test
  void seededBackoffSpreadsOverUpperHalf() {
    RetryPolicy policy = RetryPolicy.builder().random(new Random(11)).build();
    long min = Long.MAX_VALUE;
    long max = 0;

    for (int draw = 0; draw < 2000; draw++) {
      long millis = policy.backoff(3).toMillis();
      min = Math.min(min, millis);
      max = Math.max(max, millis);
    }

    assertThat(min).as("smallest of 2000 draws between 1000 and 2000 ms").isLessThan(1050);
    assertThat(max).as("largest of 2000 draws between 1000 and 2000 ms").isGreaterThan(1950);
  }

  @Test
  void sameSeedGivesSameBackoffs() {
    RetryPolicy first = RetryPolicy.builder().random(new Random(42)).build();
    RetryPolicy second = RetryPolicy.builder().random(new Random(42)).build();

    for (int failures = 1; failures <= 6; failures++) {
      assertThat(first.backoff(failures)).isEqualTo(second.backoff(failures));
    }
  }

  @Test
  void zeroBackoffNeverWaits() {
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ZERO).build();

    assertThat(policy.backoff(4)).isZero();
  }

  @Test
  void rejectsEveryInvalidSettingAtOnce() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                RetryPolicy.builder()
                    .maxAttempts(0)
                    .initialBackoff(Duration.ofMillis(-1))
                    .multiplier(0.5)
                    .totalDeadline(null)
                    .build());

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("maxAttempts is 0");
    assertThat(e.getMessage()).contains("initialBackoff is PT-0.001S");
    assertThat(e.getMessage()).contains("multiplier is 0.5");
    assertThat(e.getMessage()).contains("totalDeadline is missing");
  }

  @Test
  void toBuilderKeepsSettings() {
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(9).multiplier(3).build();

    RetryPolicy copy = policy.toBuilder().build();

    assertThat(copy.maxAttempts()).isEqualTo(9);
    assertThat(copy.multiplier()).isEqualTo(3.0);
  }

  /**
   * A generator whose bounded draws are always the smallest value (0) or always the largest ({@code
   * bound - 1}), to pin the backoff to the ends of its range.
   */
  private static final class FixedDraw implements RandomGenerator {
    private final boolean top;

    FixedDraw(boolean top) {
      this.top = top;
    }

    @Override
    public long nextLong() {
      return top ? -1L : 0L;
    }

    @Override
    public long nextLong(long bound) {
      return top ? bound - 1 : 0L;
    }
  }
}
