package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.EpsEmulatorExtension;
import org.ezpsdk.testkit.Fault;
import org.ezpsdk.testkit.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code ezp send} against the emulator over real HTTP: bad input is rejected with one line that
 * names the field or file, the rule and the value, a non-zero exit and nothing sent.
 */
class SendCommandTest {
  private static final String VALID_BARCODE = "10100001000010";

  @RegisterExtension
  final EpsEmulatorExtension eps =
      EpsEmulatorExtension.perTest(EpsEmulator.builder().stepDelay(Duration.ofMillis(20)));

  @TempDir Path dir;

  private Path key;
  private Path cert;
  private Path pdf;

  @BeforeEach
  void makeKeyAndPdf() throws IOException {
    key = dir.resolve("key.pem");
    cert = dir.resolve("cert.pem");
    CliRun keygen = CliRun.of("keygen", "--key-out", key.toString(), "--cert-out", cert.toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 2);
  }

  @Test
  void sendsLetterWhoseCheckDigitIsZero() throws IOException {
    CliRun run = send(letterJson(VALID_BARCODE, "7707083893", "101000"), pdf, key, cert);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Letter " + VALID_BARCODE + " accepted");
    assertThat(eps.emulator().letters()).hasSize(1);
    assertThat(eps.emulator().letters().get(0).barcode()).isEqualTo(VALID_BARCODE);
  }

  @Test
  void sendsLetterJsonWithByteOrderMark() throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");
    Files.writeString(letter, "\uFEFF" + Files.readString(letter), StandardCharsets.UTF_8);

    CliRun run = send(letter, pdf, key, cert);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(eps.emulator().letters()).hasSize(1);
  }

  static Stream<Arguments> badPdfs() {
    return Stream.of(
        Arguments.of(
            "US Letter page", (PdfMaker) TestPdfs::usLetter, "INCORRECT_LETTER_PAGE_FORMAT"),
        Arguments.of(
            "A4 with /Rotate 90", (PdfMaker) TestPdfs::a4Rotated90, "INCORRECT_LETTER_PAGE_FORMAT"),
        Arguments.of(
            "A5 CropBox in A4", (PdfMaker) TestPdfs::a5CropBoxInA4, "INCORRECT_LETTER_PAGE_FORMAT"),
        Arguments.of(
            "user password", (PdfMaker) TestPdfs::userPasswordEncrypted, "PDF_PASSWORD_PROTECTED"),
        Arguments.of("truncated", (PdfMaker) TestPdfs::truncated, "PDF_TRUNCATED"),
        Arguments.of("not a PDF", (PdfMaker) TestPdfs::notAPdf, "PDF_NOT_PDF"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPdfs")
  void rejectsBadPdfAndSendsNothing(String name, PdfMaker maker, String rule) throws IOException {
    Path badPdf = maker.make(dir);

    CliRun run = send(letterJson(VALID_BARCODE, "7707083893", "101000"), badPdf, key, cert);

    assertRejectedWithOneLine(run, rule);
    assertThat(run.errorLine()).contains(badPdf.getFileName().toString());
    assertNothingSent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPdfs")
  void preflightRejectsBadPdf(String name, PdfMaker maker, String rule) throws IOException {
    Path badPdf = maker.make(dir);

    CliRun run = CliRun.of("preflight", badPdf.toString());

    assertRejectedWithOneLine(run, rule);
  }

  @Test
  void rejectsWrongBarcodeCheckDigit() throws IOException {
    CliRun run = send(letterJson("10100001000011", "7707083893", "101000"), pdf, key, cert);

    assertRejectedWithOneLine(run, "BARCODE_CHECK_DIGIT");
    assertThat(run.errorLine()).contains("barcode", "'10100001000011'");
    assertNothingSent();
  }

  @Test
  void rejectsWrongInnCheckDigit() throws IOException {
    CliRun run = send(letterJson(VALID_BARCODE, "7707083894", "101000"), pdf, key, cert);

    assertRejectedWithOneLine(run, "INN_CHECK_DIGIT");
    assertThat(run.errorLine()).contains("recipient.inn", "'7707083894'");
    assertNothingSent();
  }

  @Test
  void rejectsAddressWithoutPostcode() throws IOException {
    CliRun run = send(letterJson(VALID_BARCODE, "7707083893", null), pdf, key, cert);

    assertRejectedWithOneLine(run, "POSTCODE_REQUIRED");
    assertThat(run.errorLine()).contains("recipientAddress.postcode");
    assertNothingSent();
  }

  @Test
  void rejectsWrongKeyPasswordWithoutShowingIt() throws IOException {
    Path encryptedKey = dir.resolve("encrypted-key.pem");
    Path encryptedCert = dir.resolve("encrypted-cert.pem");
    writeEncryptedKey(encryptedKey, encryptedCert);

    CliRun run =
        send(
            letterJson(VALID_BARCODE, "7707083893", "101000"),
            pdf,
            List.of(
                "--key", encryptedKey.toString(),
                "--cert", encryptedCert.toString(),
                "--password", "not-the-password"));

    assertRejectedWithOneLine(run, null);
    assertThat(run.errorLine()).containsIgnoringCase("wrong password");
    assertThat(run.errorLine()).contains("encrypted-key.pem");
    assertThat(run.err() + run.out()).doesNotContain("not-the-password");
    assertNothingSent();
  }

  @Test
  void rejectsCertificateOfAnotherKey() throws IOException {
    Path otherKey = dir.resolve("other-key.pem");
    Path otherCert = dir.resolve("other-cert.pem");
    CliRun keygen =
        CliRun.of(
            "keygen",
            "--subject",
            "Other test signer",
            "--key-out",
            otherKey.toString(),
            "--cert-out",
            otherCert.toString());
    assertThat(keygen.exitCode()).isZero();

    CliRun run = send(letterJson(VALID_BARCODE, "7707083893", "101000"), pdf, key, otherCert);

    assertRejectedWithOneLine(run, null);
    assertThat(run.errorLine()).contains("Other test signer", "does not belong to the private key");
    assertNothingSent();
  }

  @Test
  void rejectsMisspeltLetterField() throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");
    Files.writeString(letter, Files.readString(letter).replace("\"mailRank\"", "\"mailrank\""));

    CliRun run = send(letter, pdf, key, cert);

    assertRejectedWithOneLine(run, "UNKNOWN_FIELD");
    assertThat(run.errorLine()).contains("'mailrank'");
    assertNothingSent();
  }

  static Stream<Arguments> badLetterJson() {
    return Stream.of(
        Arguments.of(
            "recipient as text",
            (JsonEdit)
                json -> json.replaceFirst("\"recipient\": \\{[^}]*\\}", "\"recipient\": \"ПАО\""),
            "recipient: expected an object with the fields kind, surname, name, patronymic, inn,"
                + " kpp, found a text at line 11, column 16; correct the value",
            "JSON_WRONG_TYPE, value 'ПАО'"),
        Arguments.of(
            "mail rank as word",
            (JsonEdit) json -> json.replace("\"mailRank\": 4", "\"mailRank\": \"четыре\""),
            "mailRank: expected a whole number at line 4, column 15",
            "JSON_VALUE_FORMAT, value 'четыре'"),
        Arguments.of(
            "mail rank as fraction",
            (JsonEdit) json -> json.replace("\"mailRank\": 4", "\"mailRank\": 4.7"),
            "mailRank: expected a whole number at line 4, column 15",
            "JSON_VALUE_FORMAT, value '4.7'"),
        Arguments.of(
            "notice as number",
            (JsonEdit)
                json -> json.replace("\"electronicNotice\": true", "\"electronicNotice\": 1"),
            "electronicNotice: expected true or false at line 5, column 23",
            "JSON_VALUE_FORMAT, value '1'"),
        Arguments.of(
            "Russian date",
            (JsonEdit) json -> json.replace("2026-12-04", "04.12.2026"),
            "document.date: expected a date in quotes, written yyyy-MM-dd at line 6",
            "JSON_VALUE_FORMAT, value '04.12.2026'"),
        Arguments.of(
            "missing comma",
            (JsonEdit) json -> json.replace("\"REGISTERED\",", "\"REGISTERED\""),
            "letter.json: the file is not valid JSON: unexpected character at line 4, column 3;"
                + " check for a missing comma",
            "JSON_MALFORMED, value '\"'"),
        Arguments.of(
            "cut short",
            (JsonEdit) json -> json.substring(0, json.indexOf("\"sender\"")),
            "letter.json: the JSON ends at line 7",
            "JSON_MALFORMED, value missing"),
        Arguments.of(
            "cut inside a text",
            (JsonEdit) json -> json.substring(0, json.indexOf("Решение суда") + 3),
            "letter.json: the JSON ends at line 6",
            "JSON_MALFORMED, value missing"),
        Arguments.of(
            "empty file", (JsonEdit) json -> "", "letter.json: the file is empty", "JSON_EMPTY"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLetterJson")
  void rejectsBadLetterJsonInOwnWords(String name, JsonEdit edit, String where, String rule)
      throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");
    Files.writeString(letter, edit.apply(Files.readString(letter)));

    CliRun run = send(letter, pdf, key, cert);

    assertRejectedWithOneLine(run, null);
    assertThat(run.errorLine()).as(run.toString()).contains(where);
    assertThat(run.errorLine()).as(run.toString()).contains("[rule " + rule);
    assertThat(run.errorLine())
        .as(run.toString())
        .doesNotContain("Cannot ", "Unexpected", "`", "code ", "Source:", "reference chain");
    assertNothingSent();
  }

  @Test
  void rejectsSignatureOfAnotherFile() throws IOException {
    Path otherPdf = TestPdfs.a4Portrait(dir, "other.pdf", 1);
    CliRun sign =
        CliRun.of("sign", "--key", key.toString(), "--cert", cert.toString(), otherPdf.toString());
    assertThat(sign.exitCode()).as(sign.toString()).isZero();

    CliRun run =
        send(
            letterJson(VALID_BARCODE, "7707083893", "101000"),
            pdf,
            List.of("--signature", dir.resolve("other.pdf.sig").toString()));

    assertRejectedWithOneLine(run, "SIGNATURE_CONTENT_DIGEST_MISMATCH");
    assertNothingSent();
  }

  @Test
  void sendsWithSignatureMadeBeforehand() throws IOException {
    CliRun sign =
        CliRun.of("sign", "--key", key.toString(), "--cert", cert.toString(), pdf.toString());
    assertThat(sign.exitCode()).as(sign.toString()).isZero();

    CliRun run =
        send(
            letterJson(VALID_BARCODE, "7707083893", "101000"),
            pdf,
            List.of("--signature", dir.resolve("letter.pdf.sig").toString()));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(eps.emulator().letters()).hasSize(1);
  }

  @Test
  void rejectsWrongTokenAsServiceError() throws IOException {
    Path tokenFile = dir.resolve("token.txt");
    Files.writeString(tokenFile, "wrong-token\n");
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");

    CliRun run =
        CliRun.of(
            "send",
            "--test",
            "--endpoint",
            eps.emulator().baseUri().toString(),
            "--sender-id",
            EpsEmulator.TEST_SENDER_ID,
            "--token-file",
            tokenFile.toString(),
            "--letter",
            letter.toString(),
            "--key",
            key.toString(),
            "--cert",
            cert.toString(),
            pdf.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_SERVICE_ERROR);
    assertThat(run.errorLine()).contains("401").doesNotContain("wrong-token");
    assertThat(eps.emulator().letters()).isEmpty();
  }

  @Test
  void printsEachRetryOf503() throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");
    FaultPlan faults =
        FaultPlan.builder().add(Fault.status(503).withProbability(1).on("sendLetter")).build();
    try (EpsEmulator busy = EpsEmulator.builder().faults(faults).build().start()) {
      CliRun run = sendTo(busy.baseUri().toString(), letter, "--deadline-seconds", "2");

      assertThat(run.err())
          .as(run.toString())
          .contains(
              "ezp: attempt 1 of 5 failed: 503 from the service, code SERVICE_UNAVAILABLE;"
                  + " trying again in 1.0 s");
      assertThat(run.err()).doesNotContain(EpsEmulator.TEST_SENDER_TOKEN);
    }
  }

  @Test
  void busyServiceEndsAsNotSentYet() throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");
    FaultPlan faults =
        FaultPlan.builder().add(Fault.status(503).withProbability(1).on("sendLetter")).build();
    try (EpsEmulator busy = EpsEmulator.builder().faults(faults).build().start()) {
      CliRun run = sendTo(busy.baseUri().toString(), letter, "--deadline-seconds", "2");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_TRANSPORT_ERROR);
      assertThat(run.err())
          .as(run.toString())
          .contains("ezp: error: letter " + VALID_BARCODE + " was not sent")
          .contains("HTTP 503")
          .contains("run the same command again later");
      assertThat(busy.letters()).isEmpty();
    }
  }

  @Test
  void statusPrintsEachRetryOfItsRead() {
    FaultPlan faults = FaultPlan.builder().add(Fault.status(503).once().on("findLetters")).build();
    try (EpsEmulator busy = EpsEmulator.builder().faults(faults).build().start()) {
      CliRun run =
          CliRun.of(
              "status",
              "--test",
              "--endpoint",
              busy.baseUri().toString(),
              "--sender-id",
              EpsEmulator.TEST_SENDER_ID,
              "--token-file",
              tokenFile().toString(),
              "--barcode",
              VALID_BARCODE);

      assertThat(run.err())
          .as(run.toString())
          .containsPattern(
              "ezp: attempt 1 of 5 failed: 503 from the service[^;]*; trying again in \\d+\\.\\d"
                  + " s");
      assertThat(run.err()).doesNotContain("checking whether the letter arrived");
      assertThat(busy.requestCount("findLetters")).isEqualTo(2);
    }
  }

  @Test
  void printsLookupRetriesAfterLostResponse() throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");
    FaultPlan faults =
        FaultPlan.builder()
            .add(Fault.dropAfterCommit().once().on("sendLetter"))
            .add(Fault.status(503).once().on("findLetters"))
            .build();
    try (EpsEmulator lossy = EpsEmulator.builder().faults(faults).build().start()) {
      CliRun run = sendTo(lossy.baseUri().toString(), letter, "--deadline-seconds", "30");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.err())
          .as(run.toString())
          .contains(
              "ezp: checking whether the letter arrived: lookup 1 failed: 503 from the service,"
                  + " code SERVICE_UNAVAILABLE; checking again in 1.0 s");
      assertThat(run.out()).contains("the service already had it");
      assertThat(lossy.letters()).hasSize(1);
      assertThat(lossy.requestCount("sendLetter")).isEqualTo(1);
    }
  }

  @Test
  void printsEachRetryOfRefusedConnection() throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    CliRun run = sendTo("http://127.0.0.1:" + closedPort + "/", letter, "--deadline-seconds", "1");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_TRANSPORT_ERROR);
    assertThat(run.err())
        .as(run.toString())
        .containsPattern(
            "ezp: attempt 1 of 5 failed: could not connect to 127\\.0\\.0\\.1:\\d+"
                + " \\(Connection refused\\); trying again in \\d+\\.\\d s");
    assertThat(run.err()).contains("the request did not get through; run the same command again");
    assertThat(run.err()).doesNotContain(EpsEmulator.TEST_SENDER_TOKEN);
  }

  @Test
  void requiresExplicitEnvironment() throws IOException {
    Path letter = letterJson(VALID_BARCODE, "7707083893", "101000");

    CliRun run =
        CliRun.of(
            "send",
            "--endpoint",
            eps.emulator().baseUri().toString(),
            "--sender-id",
            EpsEmulator.TEST_SENDER_ID,
            "--letter",
            letter.toString(),
            pdf.toString());

    assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err()).contains("--test", "--production");
    assertNothingSent();
  }

  @FunctionalInterface
  interface JsonEdit {
    String apply(String json);
  }

  @FunctionalInterface
  interface PdfMaker {
    Path make(Path dir) throws IOException;
  }

  private static void assertRejectedWithOneLine(CliRun run, String rule) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine().lines()).as(run.toString()).hasSize(1);
    assertThat(run.errorLine()).startsWith("ezp: error: ");
    assertThat(run.err()).doesNotContain("\tat ", "Exception");
    if (rule != null) {
      assertThat(run.errorLine()).contains("rule " + rule);
    }
  }

  private void assertNothingSent() {
    assertThat(eps.emulator().requestCount("sendLetter")).isZero();
    assertThat(eps.emulator().letters()).isEmpty();
  }

  private void writeEncryptedKey(Path keyFile, Path certFile) {
    // keygen reads the password from an environment variable, which a test cannot set, so the
    // encrypted key is written through the signing module's test key writer.
    org.ezpsdk.signing.SigningCredentials credentials =
        org.ezpsdk.signing.TestKeys.generate(
            org.ezpsdk.signing.GostParameterSet.TC26_256_A,
            "Encrypted test signer",
            Duration.ofDays(1));
    org.ezpsdk.signing.TestKeys.writePem(
        credentials, keyFile, certFile, "right-password".toCharArray());
  }

  private CliRun send(Path letter, Path attachment, Path keyFile, Path certFile) {
    return send(
        letter, attachment, List.of("--key", keyFile.toString(), "--cert", certFile.toString()));
  }

  private CliRun send(Path letter, Path attachment, List<String> keyArgs) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "send",
            "--test",
            "--endpoint",
            eps.emulator().baseUri().toString(),
            "--sender-id",
            EpsEmulator.TEST_SENDER_ID,
            "--token-file",
            tokenFile().toString(),
            "--letter",
            letter.toString()));
    args.addAll(keyArgs);
    args.add(attachment.toString());
    return CliRun.of(args.toArray(String[]::new));
  }

  private CliRun sendTo(String endpoint, Path letter, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "send",
                "--test",
                "--endpoint",
                endpoint,
                "--sender-id",
                EpsEmulator.TEST_SENDER_ID,
                "--token-file",
                tokenFile().toString(),
                "--letter",
                letter.toString(),
                "--key",
                key.toString(),
                "--cert",
                cert.toString()));
    args.addAll(List.of(options));
    args.add(pdf.toString());
    return CliRun.of(args.toArray(String[]::new));
  }

  private Path tokenFile() {
    Path file = dir.resolve("test-token.txt");
    try {
      Files.writeString(file, EpsEmulator.TEST_SENDER_TOKEN + "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  /** Writes a letter JSON to an organisation; a null postcode leaves it out of the address. */
  private Path letterJson(String barcode, String inn, String postcode) throws IOException {
    String address =
        postcode == null
            ? "{\"line\": \"г. Москва, ул. Мясницкая, д. 26\"}"
            : "{\"postcode\": \"" + postcode + "\", \"line\": \"г. Москва, ул. Мясницкая, д. 26\"}";
    String json =
        """
        {
          "barcode": "%s",
          "type": "REGISTERED",
          "mailRank": 4,
          "electronicNotice": true,
          "document": {"number": "А40-1/2026", "date": "2026-12-04", "title": "Решение суда"},
          "sender": {
            "name": "Арбитражный суд города Москвы",
            "returnAddress": {"postcode": "115225", "line": "г. Москва, ул. Большая Тульская, д. 17"}
          },
          "recipient": {"kind": "ORGANISATION", "name": "ПАО Сбербанк", "inn": "%s", "kpp": "773601001"},
          "recipientAddress": %s
        }
        """
            .formatted(barcode, inn, address);
    Path file = dir.resolve("letter.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }
}
