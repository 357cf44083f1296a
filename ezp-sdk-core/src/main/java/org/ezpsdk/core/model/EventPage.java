package org.ezpsdk.core.model;

import java.util.List;

/**
 * One page of the event feed.
 *
 * @param events the events in feed order
 * @param nextCursor the cursor to read the next page after; equal to the request's cursor when the
 *     page is empty
 * @param hasMore true when more events are ready right now
 */
public record EventPage(List<StatusEvent> events, String nextCursor, boolean hasMore) {
  public EventPage {
    events = List.copyOf(events);
  }
}
