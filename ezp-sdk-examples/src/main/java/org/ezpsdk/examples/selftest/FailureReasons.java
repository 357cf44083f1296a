package org.ezpsdk.examples.selftest;

import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.TransportException;

/**
 * Describes why a request of the self-test failed, in words for the report: what the service or the
 * network did on each attempt, then the last error's own message. The messages of the SDK's errors
 * carry no credentials.
 */
final class FailureReasons {
  private FailureReasons() {}

  /**
   * Describes the failure of a request that the retry policy tried {@code retries.size() + 1}
   * times, such as {@code the service responded with HTTP 500 on all 5 attempts; the last response:
   * internal error (request id r-1). The retry policy allows ...}.
   *
   * @param last the error of the last attempt
   * @param retries the retries of this request, each with the failure of the attempt before it
   */
  static String afterRetries(
      RuntimeException last, List<RetryPolicy.RetryEvent> retries, RetryPolicy policy) {
    List<String> attempts = new ArrayList<>();
    retries.forEach(event -> attempts.add(attemptFailure(event.cause())));
    attempts.add(attemptFailure(last));

    StringBuilder text = new StringBuilder();
    if (attempts.size() == 1) {
      text.append(attempts.get(0)).append(": ").append(detail(last));
      return text.toString();
    }
    if (attempts.stream().distinct().count() == 1) {
      text.append(attempts.get(0)).append(" on all ").append(attempts.size()).append(" attempts");
    } else {
      text.append("all ")
          .append(attempts.size())
          .append(" attempts failed: ")
          .append(String.join(", ", attempts));
    }
    text.append(
            last instanceof EzpServiceException ? "; the last response: " : "; the last error: ")
        .append(detail(last));
    if (isTransient(last)) {
      text.append(". The retry policy allows at most ")
          .append(policy.maxAttempts())
          .append(" attempts within ")
          .append(policy.totalDeadline().toSeconds())
          .append(" s, honouring Retry-After; try again later, or ask Russian Post's support")
          .append(" whether the test environment is down");
    }
    return text.toString();
  }

  /**
   * Describes an error that no request helper described, for the last line of defence of a step.
   * The class name comes last and only for errors outside the SDK, whose message alone may be just
   * a file name or nothing.
   */
  static String unexpected(Exception e) {
    if (e instanceof EzpServiceException || e instanceof TransportException) {
      RuntimeException failure = (RuntimeException) e;
      return "a request to the service failed: " + attemptFailure(failure) + ": " + detail(failure);
    }
    if (e instanceof EzpException) {
      return "the step failed: " + e.getMessage();
    }
    String message = e.getMessage() == null ? "no message" : e.getMessage();
    return "the step failed on an unexpected error: "
        + message
        + " ("
        + e.getClass().getName()
        + ")";
  }

  /**
   * Returns what one attempt's failure was, such as {@code the service responded with HTTP 503}.
   */
  private static String attemptFailure(RuntimeException cause) {
    if (cause instanceof EzpServiceException service) {
      return "the service responded with HTTP " + service.httpStatus();
    }
    if (cause instanceof TransportException transport) {
      return switch (transport.kind()) {
        case CONNECTION -> "the connection failed";
        case TIMEOUT -> "the request timed out";
        case TLS -> "the TLS handshake or certificate check failed";
      };
    }
    return "the request failed";
  }

  /**
   * Returns the last error's message without the status that {@link #attemptFailure} already names:
   * the service's message, error codes and request id.
   */
  private static String detail(RuntimeException last) {
    String message = String.valueOf(last.getMessage());
    if (last instanceof EzpServiceException service) {
      // The prefix of EzpServiceException's message; if it changes, the status shows twice.
      String prefix = "EPS service answered HTTP " + service.httpStatus();
      if (message.startsWith(prefix)) {
        String rest = message.substring(prefix.length()).replaceFirst("^: ", "").strip();
        return rest.isEmpty() ? "no message from the service" : rest;
      }
    }
    return message;
  }

  private static boolean isTransient(RuntimeException last) {
    if (last instanceof EzpServiceException service) {
      int status = service.httpStatus();
      return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
    return last instanceof TransportException transport && transport.retryable();
  }
}
