package org.ezpsdk.examples.selftest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.TransportException;

/**
 * The retries of the current self-test step, recorded by the retry policy's listener so that the
 * report lists them for a step that passed. Used by the thread that runs the steps.
 */
final class RetryLog implements RetryPolicy.RetryListener {
  private final List<RetryPolicy.RetryEvent> events = new ArrayList<>();

  @Override
  public void beforeRetry(RetryPolicy.RetryEvent event) {
    events.add(event);
  }

  /** Forgets the retries of the previous step. */
  void clear() {
    events.clear();
  }

  /** Returns the number of retries recorded, to pass to {@link #since(int)} later. */
  int size() {
    return events.size();
  }

  /** Returns the retries recorded after the first {@code mark} ones. */
  List<RetryPolicy.RetryEvent> since(int mark) {
    return List.copyOf(events.subList(mark, events.size()));
  }

  /**
   * Returns the retries of the step in a few words, such as {@code after 2 retries: getLetter got
   * HTTP 500 (2 times)}, or an empty string when there were none.
   */
  String summary() {
    if (events.isEmpty()) {
      return "";
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (RetryPolicy.RetryEvent event : events) {
      counts.merge(event.operation() + " got " + shortCause(event.cause()), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (cause, count) -> parts.add(count == 1 ? cause : cause + " (" + count + " times)"));
    int retries = events.size();
    return "after "
        + retries
        + (retries == 1 ? " retry: " : " retries: ")
        + String.join(", ", parts);
  }

  /** Returns the failure of one attempt in two or three words, such as {@code HTTP 503}. */
  static String shortCause(RuntimeException cause) {
    if (cause instanceof EzpServiceException service) {
      return "HTTP " + service.httpStatus();
    }
    if (cause instanceof TransportException transport) {
      return switch (transport.kind()) {
        case CONNECTION -> "a connection failure";
        case TIMEOUT -> "a timeout";
        case TLS -> "a TLS failure";
      };
    }
    return "a failure";
  }
}
