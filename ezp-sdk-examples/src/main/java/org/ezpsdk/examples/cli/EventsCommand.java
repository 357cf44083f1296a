package org.ezpsdk.examples.cli;

import java.util.concurrent.Callable;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.transport.http.HttpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints status changes from the event feed. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Prints status changes of all the sender's letters from the event feed.")
final class EventsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Print the events after this cursor (default: from the start of the feed).")
  String after;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "Events per page, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    try (HttpTransport transport = HttpTransport.create()) {
      EzpClient client = connection.readingClient(transport);
      EventPage page = client.events(after, limit);
      var out = spec.commandLine().getOut();
      for (StatusEvent event : page.events()) {
        out.printf("%s %s%s%n", event.cursor(), event.barcode(), Reports.describe(event));
      }
      out.printf("next cursor: %s%s%n", page.nextCursor(), page.hasMore() ? " (more ready)" : "");
    }
    return 0;
  }
}
