package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.ezpsdk.examples.gateway.GatewayFixture;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.Fault;
import org.ezpsdk.testkit.FaultPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ezp selftest} against the emulator: the whole checklist, a fault, and production. */
class SelftestCommandTest {
  @TempDir Path dir;

  @Test
  void passesAgainstEmbeddedEmulator() throws Exception {
    CliRun run = CliRun.of("selftest", "--report-dir", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("19 step(s): 19 passed, 0 failed");
    assertThat(run.out()).doesNotContain("FAIL");
    for (String step :
        List.of(
            "credentials-accepted",
            "wrong-token-rejected",
            "valid-letter-accepted",
            "retry-not-duplicated",
            "landscape-pdf-local",
            "landscape-pdf-service",
            "us-letter-pdf-service",
            "barcode-check-digit-service",
            "inn-check-digit-service",
            "unsigned-service",
            "wrong-signature-service",
            "notice-downloadable")) {
      assertThat(run.out()).containsPattern(step + " +PASS");
    }
  }

  @Test
  void writesReportWithoutSecrets() throws Exception {
    CliRun run = CliRun.of("selftest", "--report-dir", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<Path> reports;
    try (Stream<Path> files = Files.list(dir)) {
      reports = files.filter(f -> f.getFileName().toString().startsWith("ezp-selftest-")).toList();
    }
    assertThat(reports).hasSize(2);
    for (Path report : reports) {
      String text = Files.readString(report);
      assertThat(text).contains("landscape-pdf-service", EpsEmulator.TEST_SENDER_ID);
      assertThat(text).doesNotContain(EpsEmulator.TEST_SENDER_TOKEN);
    }
  }

  @Test
  void failsWithClearRowWhenEmulatorBreaksNotices() throws Exception {
    FaultPlan faults =
        FaultPlan.builder().add(Fault.status(500).withProbability(1.0).on("notice")).build();
    try (EpsEmulator emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMillis(50))
            .withGosPochtaConsent("Иванов Иван Иванович")
            .faults(faults)
            .build()
            .start()) {
      Path token = Files.writeString(dir.resolve("token.txt"), EpsEmulator.TEST_SENDER_TOKEN);

      CliRun run =
          CliRun.of(
              "selftest",
              "--url",
              emulator.baseUri().toString(),
              "--sender-id",
              EpsEmulator.TEST_SENDER_ID,
              "--token-file",
              token.toString(),
              "--barcode-prefix",
              "10100001",
              "--report-dir",
              dir.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_FAILURE);
      assertThat(run.out()).containsPattern("notice-downloadable +FAIL +.*500");
      assertThat(run.out()).contains("19 step(s): 18 passed, 1 failed");
    }
  }

  @Test
  void failsWhenEmbeddedEmulatorRejectsEveryStatusRequest() {
    CliRun run =
        CliRun.of(
            "selftest",
            "--emulator-fault",
            "status-500=1@getLetter",
            "--report-dir",
            dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_FAILURE);
    assertThat(run.out()).containsPattern("status-readable +FAIL +.*500");
  }

  @Test
  void passesWhenOneStatusReadIsBusy() {
    // A Retry-After past 20 s: the selftest's reads must wait as long as a send would.
    CliRun run =
        CliRun.of(
            "selftest",
            "--emulator-fault",
            "status-503=once:21s@getLetter",
            "--report-dir",
            dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("status-readable +PASS");
    assertThat(run.out()).contains("19 step(s): 19 passed, 0 failed");
  }

  @Test
  void persistentlyBusyNoticeFailsWithReason() {
    CliRun run =
        CliRun.of(
            "selftest", "--emulator-fault", "status-503=1@notice", "--report-dir", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_FAILURE);
    assertThat(run.out())
        .containsPattern("notice-downloadable +FAIL +the service still returned HTTP 503 after");
    assertThat(run.out()).contains("at most 5 attempts within 120 s");
    assertThat(run.out()).contains("19 step(s): 18 passed, 1 failed");
  }

  @Test
  void urlWithoutBarcodePrefixIsRefused() throws Exception {
    Path token = Files.writeString(dir.resolve("token.txt"), EpsEmulator.TEST_SENDER_TOKEN);

    CliRun run =
        CliRun.of(
            "selftest",
            "--url",
            "http://127.0.0.1:9/",
            "--sender-id",
            EpsEmulator.TEST_SENDER_ID,
            "--token-file",
            token.toString(),
            "--report-dir",
            dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).contains("--barcode-prefix is missing");
    assertThat(run.out()).doesNotContain("EZP selftest against");
  }

  @Test
  void refusesProductionProfileWithoutConfirmation() throws Exception {
    Path config = GatewayFixture.writeConfig(dir, java.net.URI.create("http://127.0.0.1:9/"));

    CliRun run =
        CliRun.of(
            "selftest",
            "--config",
            config.toString(),
            "--profile",
            "production",
            "--report-dir",
            dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).contains("production", "--i-understand-this-is-production");
  }

  @Test
  void runsAgainstConfiguredTestProfile() throws Exception {
    try (EpsEmulator emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMillis(50))
            .withGosPochtaConsent("Иванов Иван Иванович")
            .build()
            .start()) {
      Path config = GatewayFixture.writeConfig(dir, emulator.baseUri());

      CliRun run =
          CliRun.of(
              "selftest",
              "--config",
              config.toString(),
              "--barcode-prefix",
              "10100001",
              "--report-dir",
              dir.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("profile test");
      assertThat(emulator.duplicates()).isEmpty();
    }
  }
}
