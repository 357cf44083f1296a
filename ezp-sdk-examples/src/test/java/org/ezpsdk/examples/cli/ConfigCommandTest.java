package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.examples.gateway.GatewayFixture;
import org.ezpsdk.testkit.EpsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ezp config check} and {@code --config} on the existing commands. */
class ConfigCommandTest {
  @TempDir Path dir;

  @Test
  void checkShowsProfileSourcesAndMaskedSecrets() throws Exception {
    Path config = GatewayFixture.writeConfig(dir, java.net.URI.create("http://127.0.0.1:8089/"));

    CliRun run = CliRun.of("config", "check", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Active profile: test (from file");
    assertThat(run.out()).containsPattern("profiles.test.endpoint +http://127.0.0.1:8089/ +file");
    assertThat(run.out()).containsPattern("profiles.test.token +\\*\\*\\* .* secret file");
    assertThat(run.out()).containsPattern("gateway.allowNonLoopback +false +default");
    assertThat(run.out()).doesNotContain(EpsEmulator.TEST_SENDER_TOKEN, GatewayFixture.API_KEY);
  }

  @Test
  void checkExitsThreeAndListsProblems() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "profiles:\n  test:\n    endpoint: nonsense\n    maxPages: zero\n");

    CliRun run = CliRun.of("config", "check", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.err())
        .contains(
            "profiles.test.endpoint",
            "profiles.test.maxPages",
            "profiles.test.senderId",
            "profiles.test.token");
  }

  @Test
  void checkRejectsGatewayWithoutSigningKey() throws Exception {
    Path config = GatewayFixture.writeConfig(dir, java.net.URI.create("http://127.0.0.1:8089/"));
    String yaml = Files.readString(config);
    Files.writeString(
        config, yaml.replace("    signing:\n      key: key.pem\n      cert: cert.pem\n", ""));

    CliRun run = CliRun.of("config", "check", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.err()).contains("profiles.test.signing: no signing key is set");
    assertThat(run.out()).doesNotContain("The configuration is valid");
  }

  @Test
  void checkReportsMissingFile() {
    CliRun run = CliRun.of("config", "check", "--config", dir.resolve("none.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.err()).contains("file: ", "none.yaml", "not found");
  }

  @Test
  void statusReadsConnectionFromConfig() throws Exception {
    try (EpsEmulator emulator = EpsEmulator.builder().build().start()) {
      Path config = GatewayFixture.writeConfig(dir, emulator.baseUri());

      CliRun run = CliRun.of("events", "--config", config.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("next cursor");
      assertThat(emulator.requestCount("events")).isEqualTo(1);
    }
  }

  @Test
  void eventsAcceptTokenFilesWrittenOnWindows() throws Exception {
    try (EpsEmulator emulator = EpsEmulator.builder().build().start()) {
      Path config = GatewayFixture.writeConfig(dir, emulator.baseUri());
      Path token =
          Files.writeString(
              dir.resolve("token.txt"), "\uFEFF" + EpsEmulator.TEST_SENDER_TOKEN + "\r\n");

      CliRun fromConfig = CliRun.of("events", "--config", config.toString());
      CliRun fromOption =
          CliRun.of(
              "events",
              "--test",
              "--endpoint",
              emulator.baseUri().toString(),
              "--sender-id",
              EpsEmulator.TEST_SENDER_ID,
              "--token-file",
              token.toString());

      assertThat(fromConfig.exitCode()).as(fromConfig.toString()).isZero();
      assertThat(fromOption.exitCode()).as(fromOption.toString()).isZero();
      assertThat(emulator.requestCount("events")).isEqualTo(2);
    }
  }

  @Test
  void tokenFileWithTwoLinesIsRejected() throws Exception {
    Path token = Files.writeString(dir.resolve("token.txt"), "first-part\r\nsecond-part\r\n");

    CliRun run =
        CliRun.of(
            "events",
            "--test",
            "--endpoint",
            "http://127.0.0.1:9/",
            "--sender-id",
            EpsEmulator.TEST_SENDER_ID,
            "--token-file",
            token.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).contains("--token-file", token.toString(), "a line break");
    assertThat(run.err()).doesNotContain("first-part", "second-part");
  }

  @Test
  void productionProfileNeedsProductionFlag() throws Exception {
    Path config = GatewayFixture.writeConfig(dir, java.net.URI.create("http://127.0.0.1:9/"));

    CliRun run = CliRun.of("events", "--config", config.toString(), "--profile", "production");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).contains("add --production to confirm");
  }

  @Test
  void testFlagWithProductionProfileIsRejected() throws Exception {
    Path config = GatewayFixture.writeConfig(dir, java.net.URI.create("http://127.0.0.1:9/"));

    CliRun run =
        CliRun.of("events", "--test", "--config", config.toString(), "--profile", "production");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
  }

  @Test
  void gatewayRefusesNonLoopbackHostFromConfig() throws Exception {
    Path config = GatewayFixture.writeConfig(dir, java.net.URI.create("http://127.0.0.1:9/"));
    String yaml = Files.readString(config).replace("host: 127.0.0.1", "host: 0.0.0.0");
    Files.writeString(config, yaml);

    CliRun run = CliRun.of("gateway", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.err()).contains("gateway.host", "not a loopback address");
  }
}
