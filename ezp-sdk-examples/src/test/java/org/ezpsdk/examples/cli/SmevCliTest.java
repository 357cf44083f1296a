package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.testkit.EmulatedLetter;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.EpsEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ezp send --transport smev} against the emulator, and {@code ezp smev inspect}. */
class SmevCliTest {
  private static final String BARCODE = "10100001000010";

  @RegisterExtension
  final EpsEmulatorExtension eps =
      EpsEmulatorExtension.perTest(EpsEmulator.builder().stepDelay(Duration.ofMillis(20)));

  @TempDir Path dir;

  private Path key;
  private Path cert;
  private Path pdf;
  private Path envelopes;

  @BeforeEach
  void makeKeyAndPdf() throws IOException {
    key = dir.resolve("key.pem");
    cert = dir.resolve("cert.pem");
    CliRun keygen = CliRun.of("keygen", "--key-out", key.toString(), "--cert-out", cert.toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 2);
    envelopes = dir.resolve("envelopes");
  }

  @Test
  void sentLetterReachesFinalStatus() throws Exception {
    CliRun run = sendOverSmev("1.2", "--smev-transaction-code", "EZP-CLI");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Letter " + BARCODE + " accepted");
    assertThat(awaitFinalLetter().finalStatus()).isTrue();
    assertThat(eps.emulator().requestCount("smevSendRequest")).isEqualTo(1);
  }

  @Test
  void inspectPrintsSavedEnvelope() throws Exception {
    CliRun send = sendOverSmev("1.3");
    Path envelope = savedSendRequest();

    CliRun run = CliRun.of("smev", "inspect", envelope.toString());

    assertThat(send.exitCode()).as(send.toString()).isZero();
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Version:     1.3");
    assertThat(run.out())
        .contains("MessageID:   " + envelope.getFileName().toString().substring(0, 36));
    assertThat(run.out()).contains("ЭП-ОВ:       valid by CN=");
    assertThat(run.out())
        .containsPattern("Attachment:  attachment-1, application/pdf, \\d+ bytes: signature valid");
  }

  @Test
  void inspectSaysResponseIsNotChecked() throws Exception {
    sendOverSmev("1.2", "--smev-transaction-code", "EZP-CLI");
    Path request = savedSendRequest();
    String name = request.getFileName().toString().replace(".mime", "-response.xml");
    Path response = request.resolveSibling(name);

    CliRun run = CliRun.of("smev", "inspect", response.toString());

    assertThat(response).exists();
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("NOT CHECKED").doesNotContain("every check passed");
    assertThat(run.err()).doesNotContain("[Fatal Error]");
  }

  @Test
  void inspectExitsThreeForTamperedEnvelope() throws Exception {
    sendOverSmev("1.1");
    Path envelope = savedSendRequest();
    String text = Files.readString(envelope, StandardCharsets.ISO_8859_1);
    Path tampered = dir.resolve("tampered.mime");
    Files.writeString(
        tampered,
        text.replace("operation=\"sendLetter\"", "operation=\"sendLettex\""),
        StandardCharsets.ISO_8859_1);

    CliRun run = CliRun.of("smev", "inspect", tampered.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("INVALID (DIGEST_MISMATCH");
  }

  @Test
  void rejectsUnknownTransport() throws Exception {
    CliRun run = send(List.of("--transport", "carrier-pigeon"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.errorLine()).contains("carrier-pigeon", "http or smev");
  }

  private CliRun sendOverSmev(String version, String... extra) throws IOException {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--transport",
                "smev",
                "--smev-version",
                version,
                "--save-envelope",
                envelopes.toString()));
    args.addAll(List.of(extra));
    return send(args);
  }

  private CliRun send(List<String> transportArgs) throws IOException {
    Path token = Files.writeString(dir.resolve("token.txt"), EpsEmulator.TEST_SENDER_TOKEN + "\n");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "send",
                "--test",
                "--endpoint",
                eps.emulator().baseUri().toString(),
                "--sender-id",
                EpsEmulator.TEST_SENDER_ID,
                "--token-file",
                token.toString(),
                "--letter",
                letterJson().toString(),
                "--key",
                key.toString(),
                "--cert",
                cert.toString()));
    args.addAll(transportArgs);
    args.add(pdf.toString());
    return CliRun.of(args.toArray(String[]::new));
  }

  private Path savedSendRequest() throws IOException {
    try (Stream<Path> files = Files.list(envelopes)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith("-SendRequestRequest.mime"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no SendRequestRequest saved in " + envelopes));
    }
  }

  private EmulatedLetter awaitFinalLetter() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      EmulatedLetter letter = eps.emulator().letters().get(0);
      if (letter.finalStatus() || System.nanoTime() > deadline) {
        return letter;
      }
      Thread.sleep(20);
    }
  }

  private Path letterJson() throws IOException {
    String json =
        """
        {
          "barcode": "%s",
          "type": "REGISTERED",
          "mailRank": 4,
          "electronicNotice": false,
          "document": {"number": "А40-1/2026", "date": "2026-12-04", "title": "Решение суда"},
          "sender": {
            "name": "Арбитражный суд города Москвы",
            "returnAddress": {"postcode": "115225", "line": "г. Москва, ул. Большая Тульская, д. 17"}
          },
          "recipient": {"kind": "ORGANISATION", "name": "ПАО Сбербанк", "inn": "7707083893", "kpp": "773601001"},
          "recipientAddress": {"postcode": "101000", "line": "г. Москва, ул. Мясницкая, д. 26"}
        }
        """
            .formatted(BARCODE);
    return Files.writeString(dir.resolve("letter.json"), json, StandardCharsets.UTF_8);
  }
}
