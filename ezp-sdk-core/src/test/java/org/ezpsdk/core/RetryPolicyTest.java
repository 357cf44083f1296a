package org.ezpsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Random;
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

  @Test
  void backoffStaysWithinGrowingCap() {
    RetryPolicy policy = RetryPolicy.builder().random(new Random(7)).build();

    for (int failures = 1; failures <= 12; failures++) {
      long cap = Math.min(30_000, 500L << (failures - 1));
      for (int draw = 0; draw < 200; draw++) {
        Duration backoff = policy.backoff(failures);
        assertThat(backoff.isNegative())
            .as("backoff after %d failures is negative", failures)
            .isFalse();
        assertThat(backoff.toMillis())
            .as("backoff after %d failures", failures)
            .isLessThanOrEqualTo(cap);
      }
    }
  }

  @Test
  void backoffIsJitteredOverWholeRange() {
    RetryPolicy policy = RetryPolicy.builder().random(new Random(11)).build();
    long min = Long.MAX_VALUE;
    long max = 0;

    for (int draw = 0; draw < 2000; draw++) {
      long millis = policy.backoff(3).toMillis();
      min = Math.min(min, millis);
      max = Math.max(max, millis);
    }

    assertThat(min).as("smallest of 2000 draws under a 2000 ms cap").isLessThan(100);
    assertThat(max).as("largest of 2000 draws under a 2000 ms cap").isGreaterThan(1900);
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
}
