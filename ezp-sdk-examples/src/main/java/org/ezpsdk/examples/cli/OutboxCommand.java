package org.ezpsdk.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxHistoryEntry;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.outbox.ShpiRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the letters of an outbox, filtered by state, with the counts per state and the ranges. */
@Command(
    name = "outbox",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the letters of an outbox: id, reference, ШПИ, outbox state, service status, the"
          + " service's letter id and the last error; then the counts per state and the ШПИ ranges."
    })
final class OutboxCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin OutboxOptions outbox;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description = "Only letters in this state: ${COMPLETION-CANDIDATES}.")
  OutboxState state;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "At most this many letters (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--after-id",
      defaultValue = "0",
      paramLabel = "ID",
      description = "List letters after this outbox id, to page (default: from the first).")
  long afterId;

  @Option(
      names = "--history",
      paramLabel = "ID",
      description = "Print the history of the letter with this outbox id instead.")
  Long historyId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (JdbcOutboxStore store = outbox.openExisting()) {
      if (historyId != null) {
        for (OutboxHistoryEntry entry : store.history(historyId)) {
          out.printf("%s %s %s%n", entry.at(), entry.state(), nullToEmpty(entry.detail()));
        }
        return 0;
      }
      List<OutboxRecord> records = store.list(state, afterId, Math.max(1, limit));
      out.println("id\treference\tШПИ\tstate\tservice status\tletter id\terror");
      for (OutboxRecord record : records) {
        out.printf(
            "%d\t%s\t%s\t%s\t%s\t%s\t%s%n",
            record.id(),
            record.reference(),
            nullToEmpty(record.barcode()),
            record.state(),
            record.serviceStatus() == null ? "" : record.serviceStatus(),
            nullToEmpty(record.letterId()),
            nullToEmpty(record.error()));
      }
      Map<OutboxState, Long> counts = store.countByState();
      out.println("counts: " + counts);
      for (ShpiRange range : store.ranges().list()) {
        out.printf(
            "range %s: %d of %d numbers left%n", range.id(), range.remaining(), range.size());
      }
    }
    return 0;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
