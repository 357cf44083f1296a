package org.ezpsdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  private static Duration retryAfter(String value) {
    return RetryAfter.of(new TransportResponse(503, Map.of("retry-after", value), null), CLOCK);
  }

  @Test
  void readsDelaySeconds() {
    assertThat(retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void readsHttpDate() {
    assertThat(retryAfter("Mon, 02 Mar 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void pastHttpDateMeansNoWait() {
    assertThat(retryAfter("Mon, 02 Mar 2026 09:59:00 GMT")).isZero();
  }

  @Test
  void ignoresInvalidValue() {
    assertThat(retryAfter("soon")).isNull();
  }

  @Test
  void missingHeaderGivesNull() {
    assertThat(RetryAfter.of(new TransportResponse(503, Map.of(), null), CLOCK)).isNull();
  }

  @Test
  void hugeDelayExceedsAnyDeadline() {
    assertThat(retryAfter("99999999999999999999999")).isGreaterThan(Duration.ofDays(365));
  }
}
