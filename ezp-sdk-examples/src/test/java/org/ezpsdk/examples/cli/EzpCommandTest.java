package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The top-level command and the outbox commands' handling of a missing outbox file. */
class EzpCommandTest {

  @TempDir Path dir;

  @Test
  void noSubcommandPrintsUsageToStderr() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err()).as(run.toString()).contains("a subcommand is missing");
    assertThat(run.err()).as(run.toString()).contains("Usage: ezp");
    assertThat(run.out()).as(run.toString()).isEmpty();
  }

  @Test
  void outboxRejectsMissingFile() {
    Path typo = dir.resolve("TYPO.db");

    CliRun run = CliRun.of("outbox", "--outbox", typo.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).as(run.toString()).contains("'" + typo + "' not found");
    assertThat(run.errorLine()).as(run.toString()).contains("ezp batch");
    assertThat(Files.exists(typo)).as("outbox file created").isFalse();
  }

  @Test
  void outboxRejectsMissingSqliteUrlFile() {
    Path typo = dir.resolve("TYPO.db");

    CliRun run = CliRun.of("outbox", "--outbox-url", "jdbc:sqlite:" + typo);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).as(run.toString()).contains("'" + typo + "' not found");
    assertThat(Files.exists(typo)).as("outbox file created").isFalse();
  }

  @Test
  void eventsRejectsMissingOutboxFile() throws IOException {
    Path typo = dir.resolve("TYPO.db");
    Path token = Files.writeString(dir.resolve("token.txt"), "test-token\n");

    CliRun run =
        CliRun.of(
            "events",
            "--test",
            "--endpoint",
            "http://127.0.0.1:9/",
            "--sender-id",
            "sender",
            "--token-file",
            token.toString(),
            "--outbox",
            typo.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).as(run.toString()).contains("'" + typo + "' not found");
    assertThat(Files.exists(typo)).as("outbox file created").isFalse();
  }
}
