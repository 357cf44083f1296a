package org.ezpsdk.core;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.ezpsdk.core.spi.TransportResponse;

/** Reads the {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110, 10.2.3). */
final class RetryAfter {
  static final String HEADER = "Retry-After";

  private RetryAfter() {}

  /**
   * Returns the wait the response requests, or {@code null} when it has no valid {@code
   * Retry-After}. A date in the past gives zero.
   */
  static Duration of(TransportResponse response, Clock clock) {
    String value = response.header(HEADER);
    if (value == null || value.isBlank()) {
      return null;
    }
    return parse(value.strip(), clock);
  }

  static Duration parse(String value, Clock clock) {
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        // More digits than a long holds: a wait no deadline allows.
        return Duration.ofSeconds(Long.MAX_VALUE);
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
