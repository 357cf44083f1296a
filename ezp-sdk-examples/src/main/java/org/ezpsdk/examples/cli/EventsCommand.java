package org.ezpsdk.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.outbox.OutboxStatusTracker;
import org.ezpsdk.transport.http.HttpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints status changes from the event feed, and with an outbox applies them to its letters. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Prints status changes of all the sender's letters from the event feed.",
      "With --outbox or --outbox-url the changes are applied to the outbox's letters and the feed"
          + " position is stored there, so the next run continues after it; --follow keeps"
          + " reading until interrupted."
    })
final class EventsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin OutboxOptions outbox;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description =
          "Print the events after this cursor (default: from the start of the feed, or from the"
              + " position stored in the outbox).")
  String after;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "Events per page, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--follow",
      description = "Keep reading new events every --interval-seconds until interrupted.")
  boolean follow;

  @Option(
      names = "--interval-seconds",
      defaultValue = "5",
      paramLabel = "S",
      description = "Wait between reads with --follow, in s (default: ${DEFAULT-VALUE}).")
  double intervalSeconds;

  @Option(
      names = "--until-final",
      description =
          "With --follow and an outbox: stop once every letter of the outbox is sent or failed"
              + " and every sent one has a final status.")
  boolean untilFinal;

  @Override
  public Integer call() throws InterruptedException {
    boolean withOutbox = outbox.file != null || outbox.url != null;
    if (untilFinal && !withOutbox) {
      throw new ConfigurationException("--until-final needs --outbox or --outbox-url");
    }
    try (HttpTransport transport = HttpTransport.create()) {
      EzpClient client = connection.readingClient(transport, spec.commandLine().getErr());
      if (withOutbox) {
        return followIntoOutbox(client);
      }
      return printFeed(client);
    }
  }

  private int printFeed(EzpClient client) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    String cursor = after;
    while (true) {
      EventPage page = client.events(cursor, limit);
      for (StatusEvent event : page.events()) {
        print(out, event);
      }
      cursor = page.nextCursor();
      if (!page.hasMore()) {
        if (!follow) {
          out.printf("next cursor: %s%n", cursor);
          return 0;
        }
        pause();
      }
    }
  }

  private int followIntoOutbox(EzpClient client) throws InterruptedException {
    if (after != null) {
      throw new ConfigurationException(
          "--after cannot be combined with an outbox, which stores its own feed position");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (JdbcOutboxStore store = outbox.openExisting()) {
      OutboxStatusTracker tracker =
          new OutboxStatusTracker(store, client, connection.credentials().id(), limit);
      while (true) {
        OutboxStatusTracker.Progress progress = tracker.catchUp(event -> print(out, event));
        if (!follow || (untilFinal && allFinal(store))) {
          out.printf("stored cursor: %s%n", progress.cursor());
          return 0;
        }
        pause();
      }
    }
  }

  /** Returns true when no letter is open and every sent letter has a final status. */
  private static boolean allFinal(JdbcOutboxStore store) {
    var counts = store.countByState();
    if (counts.getOrDefault(OutboxState.PENDING, 0L) + counts.getOrDefault(OutboxState.SENDING, 0L)
        > 0) {
      return false;
    }
    long after = 0;
    List<OutboxRecord> page;
    do {
      page = store.list(OutboxState.SENT, after, 1000);
      for (OutboxRecord record : page) {
        if (!record.finalStatus()) {
          return false;
        }
        after = record.id();
      }
    } while (page.size() == 1000);
    return true;
  }

  private void pause() throws InterruptedException {
    if (!(intervalSeconds > 0)) {
      throw new ConfigurationException(
          "--interval-seconds must be above 0, got " + intervalSeconds);
    }
    Thread.sleep((long) (intervalSeconds * 1000));
  }

  private static void print(PrintWriter out, StatusEvent event) {
    out.printf("%s %s%s%n", event.cursor(), event.barcode(), Reports.describe(event));
    out.flush();
  }
}
