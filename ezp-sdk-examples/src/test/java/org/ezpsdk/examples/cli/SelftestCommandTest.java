package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
      CliRun run = selftestAt(emulator.baseUri().toString(), "--barcode-prefix", "10100001");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_FAILURE);
      assertThat(run.out())
          .containsPattern(
              "notice-downloadable +FAIL +notice download for ШПИ 10100001\\d{6} \\(letter [^)]+\\)"
                  + " failed: the service responded with HTTP 500 on all 5 attempts");
      assertThat(run.out()).contains("19 step(s): 18 passed, 1 failed");
    }
  }

  @Test
  void persistentStatusFailureIsReportedInWords() throws Exception {
    CliRun run =
        CliRun.of(
            "selftest",
            "--emulator-fault",
            "status-500=1@getLetter",
            "--report-dir",
            dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_FAILURE);
    String reason =
        "status request for ШПИ 10100001\\d{6} \\(letter [^)]+\\) failed: the service responded with"
            + " HTTP 500 on all 5 attempts; the last response: injected fault status-500 on getLetter";
    assertThat(run.out()).containsPattern("status-readable +FAIL +" + reason);
    assertThat(run.out()).contains("at most 5 attempts within 120 s, honouring Retry-After");
    assertThat(run.out()).contains("19 step(s): 17 passed, 2 failed");
    assertThat(markdownReport())
        .containsPattern("\\| status-readable \\| .* \\| FAIL \\| " + reason);
    JsonNode step = jsonStep("status-readable");
    assertThat(step.get("result").asText()).isEqualTo("FAIL");
    assertThat(step.get("reason").asText()).containsPattern("^" + reason);
    assertThat(jsonStep("notice-downloadable").get("reason").asText())
        .startsWith("status request for ШПИ ");
  }

  @Test
  void passesWhenOneStatusReadFails() throws Exception {
    CliRun run =
        CliRun.of(
            "selftest",
            "--emulator-fault",
            "status-500=once@getLetter",
            "--report-dir",
            dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("19 step(s): 19 passed, 0 failed");
    String retried = "; after 1 retry: getLetter got HTTP 500";
    assertThat(run.out()).containsPattern("status-readable +PASS +status .*" + retried);
    assertThat(markdownReport())
        .containsPattern("\\| status-readable \\| .* \\| PASS \\| .*" + retried);
    JsonNode step = jsonStep("status-readable");
    assertThat(step.get("result").asText()).isEqualTo("PASS");
    assertThat(step.get("reason").asText()).endsWith(retried);
    assertThat(jsonStep("notice-downloadable").get("reason").asText()).doesNotContain("retry");
  }

  @Test
  void passesAfterEventAndNoticeFailures() throws Exception {
    CliRun run =
        CliRun.of(
            "selftest",
            "--emulator-fault",
            "status-500=once@events",
            "--emulator-fault",
            "status-502=once@notice",
            "--report-dir",
            dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(jsonStep("credentials-accepted").get("reason").asText())
        .endsWith("; after 1 retry: events got HTTP 500");
    assertThat(jsonStep("notice-downloadable").get("reason").asText())
        .endsWith("; after 1 retry: notice got HTTP 502");
  }

  @Test
  void unreachableServiceFailsEveryStepInWords() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    CliRun run = selftestAt("http://127.0.0.1:" + port + "/", "--barcode-prefix", "10100001");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_FAILURE);
    assertThat(jsonStep("credentials-accepted").get("reason").asText())
        .startsWith(
            "event feed request failed: the connection failed on all 5 attempts; the last error: ");
    assertThat(jsonStep("valid-letter-accepted").get("reason").asText())
        .startsWith("send of the valid letter with ШПИ 10100001");
    assertThat(jsonStep("landscape-pdf-service").get("reason").asText())
        .startsWith("raw send of a 841.9 × 595.3 pt PDF failed: the connection failed: ");
    assertThat(jsonStep("status-readable").get("reason").asText())
        .isEqualTo("skipped because no letter was accepted in step valid-letter-accepted");
    for (JsonNode step : jsonReport().get("steps")) {
      String reason = step.get("reason").asText();
      assertThat(reason)
          .as(step.get("id").asText())
          .doesNotContainPattern("\\w+(Exception|Error):");
      assertThat(reason).as(step.get("id").asText()).doesNotContain("org.ezpsdk");
      assertThat(reason).as(step.get("id").asText()).matches("(?s)[a-z].*");
    }
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
        .containsPattern(
            "notice-downloadable +FAIL +notice download for ШПИ \\d{14} \\(letter [^)]+\\)"
                + " failed: the service responded with HTTP 503 on all 5 attempts");
    assertThat(run.out()).contains("at most 5 attempts within 120 s");
    assertThat(run.out()).contains("19 step(s): 18 passed, 1 failed");
  }

  @Test
  void urlWithoutBarcodePrefixIsRefused() throws Exception {
    CliRun run = selftestAt("http://127.0.0.1:9/");

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

  /**
   * Runs the selftest against {@code url} as the emulator's test sender, with its token in a file
   * and the reports in the test's folder, followed by {@code moreArgs}.
   */
  private CliRun selftestAt(String url, String... moreArgs) throws IOException {
    Path token = Files.writeString(dir.resolve("token.txt"), EpsEmulator.TEST_SENDER_TOKEN);
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "selftest",
            "--url",
            url,
            "--sender-id",
            EpsEmulator.TEST_SENDER_ID,
            "--token-file",
            token.toString(),
            "--report-dir",
            dir.toString()));
    args.addAll(List.of(moreArgs));
    return CliRun.of(args.toArray(String[]::new));
  }

  private String markdownReport() throws IOException {
    return Files.readString(report(".md"));
  }

  private JsonNode jsonReport() throws IOException {
    return new ObjectMapper().readTree(Files.readString(report(".json")));
  }

  private JsonNode jsonStep(String id) throws IOException {
    for (JsonNode step : jsonReport().get("steps")) {
      if (step.get("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("the JSON report has no step " + id);
  }

  private Path report(String extension) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> reports =
          files
              .filter(f -> f.getFileName().toString().startsWith("ezp-selftest-"))
              .filter(f -> f.getFileName().toString().endsWith(extension))
              .toList();
      assertThat(reports).as("%s reports in %s", extension, dir).hasSize(1);
      return reports.get(0);
    }
  }
}
