package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code ezp emulator}: the fault options are documented and checked before the server starts. */
class EmulatorCommandTest {

  @Test
  void helpDocumentsFaults() {
    CliRun run = CliRun.of("emulator", "--help");

    assertThat(run.exitCode()).as("exit code; %s", run).isZero();
    assertThat(run.out()).contains("--fault");
    assertThat(run.out()).contains("drop-after-commit");
    assertThat(run.out()).contains("--seed");
  }

  @Test
  void rejectsUnknownFault() {
    CliRun run = CliRun.of("emulator", "--port", "0", "--fault", "meteor=0.1");

    assertThat(run.exitCode()).as("exit code; %s", run).isNotZero();
    assertThat(run.err()).contains("unknown name 'meteor'");
  }
}
