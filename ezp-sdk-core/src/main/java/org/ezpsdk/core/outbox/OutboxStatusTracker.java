package org.ezpsdk.core.outbox;

import java.util.Objects;
import java.util.function.Consumer;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.spi.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the service's event feed to the outbox: reads pages of status changes after the cursor
 * stored in the outbox, applies each page with its new cursor in one transaction, and repeats while
 * the service has more ready. Many letters in flight cost one request per page, not one per letter.
 * After a crash the tracker resumes at the stored cursor; a page applied twice only repeats its
 * history entries. The tracker neither creates nor closes the store or the client.
 */
public final class OutboxStatusTracker {
  private static final Logger log = LoggerFactory.getLogger(OutboxStatusTracker.class);

  private final OutboxStore store;
  private final EzpClient client;
  private final String feed;
  private final int pageSize;

  /**
   * @param feed the name under which the cursor is stored, such as the sender id; one outbox may
   *     follow the feeds of several senders
   * @param pageSize events per request, 1 to {@link EzpClient#MAX_EVENTS_PER_PAGE}
   */
  public OutboxStatusTracker(OutboxStore store, EzpClient client, String feed, int pageSize) {
    this.store = Objects.requireNonNull(store, "store");
    this.client = Objects.requireNonNull(client, "client");
    this.feed = Objects.requireNonNull(feed, "feed");
    if (pageSize < 1 || pageSize > EzpClient.MAX_EVENTS_PER_PAGE) {
      throw new IllegalArgumentException(
          "pageSize must be 1 to " + EzpClient.MAX_EVENTS_PER_PAGE + ", got " + pageSize);
    }
    this.pageSize = pageSize;
  }

  /**
   * Reads and applies pages until the service has no more events ready.
   *
   * @return what was read and applied
   */
  public Progress catchUp() {
    return catchUp(event -> {});
  }

  /**
   * Reads and applies pages like {@link #catchUp()}, and passes each event to {@code onEvent} after
   * its page was applied.
   */
  public Progress catchUp(Consumer<StatusEvent> onEvent) {
    String cursor = store.eventCursor(feed).orElse(null);
    int events = 0;
    int matched = 0;
    int pages = 0;
    while (true) {
      EventPage page = client.events(cursor, pageSize);
      pages++;
      if (!page.events().isEmpty() || !Objects.equals(page.nextCursor(), cursor)) {
        matched += store.applyEvents(feed, page.events(), page.nextCursor());
        page.events().forEach(onEvent);
        events += page.events().size();
        cursor = page.nextCursor();
      }
      if (!page.hasMore() || page.events().isEmpty()) {
        break;
      }
    }
    if (events > 0) {
      log.info(
          "Applied {} status events ({} of this outbox's letters) from {} page(s) of feed {};"
              + " cursor {}",
          events,
          matched,
          pages,
          feed,
          cursor);
    }
    return new Progress(events, matched, pages, cursor);
  }

  /**
   * The result of one {@link #catchUp()}.
   *
   * @param events events read
   * @param matched events that matched a letter of this outbox
   * @param pages requests made
   * @param cursor the stored cursor afterwards, or {@code null} when the feed was empty
   */
  public record Progress(int events, int matched, int pages, String cursor) {}
}
