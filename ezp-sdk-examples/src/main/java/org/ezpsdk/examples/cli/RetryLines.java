package org.ezpsdk.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.TransportException;

/**
 * Prints one line to stderr per retry of a request, so that a command waiting on a busy service
 * shows why. After a send, the lookups that follow a lost response get lines of their own.
 */
final class RetryLines implements RetryPolicy.RetryListener {
  /** The wire profile's operation that looks a letter up by ШПИ or idempotency key. */
  private static final String LOOKUP_OPERATION = "findLetters";

  private final PrintWriter err;
  private final boolean afterSend;

  private RetryLines(PrintWriter err, boolean afterSend) {
    this.err = err;
    this.afterSend = afterSend;
  }

  /** Returns the lines for {@code ezp send}, whose lookups check whether the letter arrived. */
  static RetryLines forSend(PrintWriter err) {
    return new RetryLines(err, true);
  }

  /** Returns the lines for commands that only read, where a lookup is the request itself. */
  static RetryLines forReads(PrintWriter err) {
    return new RetryLines(err, false);
  }

  @Override
  public void beforeRetry(RetryPolicy.RetryEvent event) {
    if (afterSend && event.operation().equals(LOOKUP_OPERATION)) {
      // Lookups have no attempt limit of their own, only the deadline, so no "of N" is printed.
      err.printf(
          Locale.ROOT,
          "ezp: checking whether the letter arrived: lookup %d failed: %s; checking again in %.1f"
              + " s%n",
          event.nextAttempt() - 1,
          reason(event.cause()),
          event.delay().toMillis() / 1000.0);
      return;
    }
    err.printf(
        Locale.ROOT,
        "ezp: attempt %d of %d failed: %s; trying again in %.1f s%n",
        event.nextAttempt() - 1,
        event.maxAttempts(),
        reason(event.cause()),
        event.delay().toMillis() / 1000.0);
  }

  /**
   * Returns the cause in a few words. Messages of the SDK's errors carry no credentials, and the
   * service's own text is left out because one line per retry should stay short.
   */
  static String reason(RuntimeException cause) {
    if (cause instanceof EzpServiceException service) {
      String code = service.errorCode();
      return service.httpStatus()
          + " from the service"
          + (code == null || code.isEmpty() ? "" : ", code " + code);
    }
    if (cause instanceof TransportException transport) {
      String message = String.valueOf(transport.getMessage());
      int failed = message.indexOf(" failed: ");
      String detail = failed < 0 ? message : message.substring(failed + " failed: ".length());
      int end = detail.indexOf(';');
      return end < 0 ? detail : detail.substring(0, end);
    }
    return cause.getClass().getSimpleName();
  }
}
