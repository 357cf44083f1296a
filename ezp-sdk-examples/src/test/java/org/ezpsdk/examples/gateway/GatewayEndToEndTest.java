package org.ezpsdk.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.testkit.EpsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over real HTTP in front of the emulator, called like 1C calls it. */
class GatewayEndToEndTest {
  @TempDir Path dir;

  private EpsEmulator emulator;
  private EzpConfig config;
  private LetterOperations operations;
  private Gateway gateway;
  private GatewayHttp caller;
  private int serial;

  @BeforeEach
  void start() throws IOException {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMillis(40))
            .withGosPochtaConsent("Иванов Иван Иванович")
            .build()
            .start();
    Path configFile = GatewayFixture.writeConfig(dir, emulator.baseUri());
    config = EzpConfig.load(configFile, null, java.util.Map.of());
    assertThat(config.gatewayProblems()).isEmpty();
    operations = openOperations();
    gateway = Gateway.start(config.gateway(), operations);
    caller = new GatewayHttp(gateway.baseUri(), "X-Api-Key", GatewayFixture.API_KEY);
  }

  private LetterOperations openOperations() {
    return LetterOperations.open(
        config, SendLogs.open(config.gateway()), SendLogs.attachmentFolder(config.gateway()));
  }

  @AfterEach
  void stop() {
    gateway.close();
    operations.close();
    emulator.close();
  }

  @Test
  void sendsLetterAndFollowsItToFinalStatus() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("decision.pdf"), "decision one");
    String request = sendRequest(barcode(), "А40-1/2026", "1c-doc-1", "\"pdfPath\":" + quote(pdf));

    GatewayHttp.Answer sent = caller.post("api/v1/letters", request);

    assertThat(sent.status()).as(sent.text()).isEqualTo(201);
    assertThat(sent.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(sent.json().get("repeat").asBoolean()).isFalse();
    assertThat(sent.json().get("status").asText()).isEqualTo("ACCEPTED");
    String id = sent.json().get("id").asText();

    GatewayHttp.Answer status = awaitFinal(id);
    assertThat(status.json().get("status").asText()).isEqualTo("NOTICE_AVAILABLE");
    assertThat(status.json().get("history")).hasSizeGreaterThanOrEqualTo(3);

    GatewayHttp.Answer events = caller.get("api/v1/events?limit=100");
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.json().get("events").findValuesAsText("id")).contains(id);

    GatewayHttp.Answer notice = caller.get("api/v1/letters/" + id + "/notice");
    assertThat(notice.status()).as(notice.text()).isEqualTo(200);
    byte[] content = Base64.getDecoder().decode(notice.json().get("contentBase64").asText());
    assertThat(content).hasSize(notice.json().get("size").asInt());
  }

  @Test
  void sameRequestTwiceSendsOneLetter() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("twice.pdf"), "sent twice");
    String request = sendRequest(barcode(), "А40-2/2026", "1c-doc-2", "\"pdfPath\":" + quote(pdf));

    GatewayHttp.Answer first = caller.post("api/v1/letters", request);
    GatewayHttp.Answer second = caller.post("api/v1/letters", request);

    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(second.status()).as(second.text()).isEqualTo(200);
    assertThat(second.json().get("repeat").asBoolean()).isTrue();
    assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(emulator.letters()).hasSize(1);
    assertThat(emulator.requestCount("sendLetter")).isEqualTo(1);
  }

  @Test
  void sameDocumentWithoutClientKeySentOnce() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("doc.pdf"), "same document");
    String code = barcode();
    String first = sendRequest(code, "А40-3/2026", null, "\"pdfPath\":" + quote(pdf));
    String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(pdf));
    String second = sendRequest(code, "А40-3/2026", null, "\"pdfBase64\":\"" + base64 + "\"");

    GatewayHttp.Answer one = caller.post("api/v1/letters", first);
    GatewayHttp.Answer two = caller.post("api/v1/letters", second);

    assertThat(one.status()).as(one.text()).isEqualTo(201);
    assertThat(two.json().get("repeat").asBoolean()).isTrue();
    assertThat(two.json().get("id").asText()).isEqualTo(one.json().get("id").asText());
    assertThat(emulator.letters()).hasSize(1);
  }

  @Test
  void recognisesRepeatAfterRestart() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("restart.pdf"), "before restart");
    String request = sendRequest(barcode(), "А40-8/2026", "1c-doc-8", "\"pdfPath\":" + quote(pdf));
    GatewayHttp.Answer first = caller.post("api/v1/letters", request);

    gateway.close();
    operations.close();
    operations = openOperations();
    gateway = Gateway.start(config.gateway(), operations);
    caller = new GatewayHttp(gateway.baseUri(), "X-Api-Key", GatewayFixture.API_KEY);
    GatewayHttp.Answer second = caller.post("api/v1/letters", request);

    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(second.status()).as(second.text()).isEqualTo(200);
    assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(emulator.requestCount("sendLetter")).isEqualTo(1);
  }

  @Test
  void sameCaseNumberNewDocumentIsSent() throws Exception {
    Path decision = GatewayFixture.writePdf(dir.resolve("decision.pdf"), "decision");
    Path ruling = GatewayFixture.writePdf(dir.resolve("ruling.pdf"), "ruling");
    String firstBarcode = barcode();
    String secondBarcode = barcode();
    String first =
        sendRequest(firstBarcode, "А40-12345/2026", null, "\"pdfPath\":" + quote(decision));
    String second =
        sendRequest(secondBarcode, "А40-12345/2026", null, "\"pdfPath\":" + quote(ruling))
            .replace("Решение суда", "Определение суда")
            .replace("2026-12-04", "2026-12-05");

    GatewayHttp.Answer one = caller.post("api/v1/letters", first);
    GatewayHttp.Answer two = caller.post("api/v1/letters", second);

    assertThat(one.status()).as(one.text()).isEqualTo(201);
    assertThat(two.status()).as(two.text()).isEqualTo(201);
    assertThat(two.json().get("repeat").asBoolean()).isFalse();
    assertThat(two.json().get("id").asText()).isNotEqualTo(one.json().get("id").asText());
    assertThat(two.json().get("barcode").asText()).isEqualTo(secondBarcode);
    assertThat(emulator.letters()).hasSize(2);
  }

  @Test
  void differentClientKeyIsNewLetter() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("notice.pdf"), "same text");
    String secondBarcode = barcode();
    String first = sendRequest(barcode(), "А40-20/2026", "1c-doc-20", "\"pdfPath\":" + quote(pdf));
    String second =
        sendRequest(secondBarcode, "А40-20/2026", "1c-doc-21", "\"pdfPath\":" + quote(pdf));

    GatewayHttp.Answer one = caller.post("api/v1/letters", first);
    GatewayHttp.Answer two = caller.post("api/v1/letters", second);

    assertThat(one.status()).as(one.text()).isEqualTo(201);
    assertThat(two.status()).as(two.text()).isEqualTo(201);
    assertThat(two.json().get("repeat").asBoolean()).isFalse();
    assertThat(two.json().get("barcode").asText()).isEqualTo(secondBarcode);
    assertThat(emulator.letters()).hasSize(2);
  }

  @Test
  void sameClientKeyOtherContentIsConflict() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("first.pdf"), "first document");
    String code = barcode();
    String first = sendRequest(code, "А40-21/2026", "1c-doc-30", "\"pdfPath\":" + quote(pdf));
    String other = first.replace("Решение суда", "Определение суда");

    GatewayHttp.Answer one = caller.post("api/v1/letters", first);
    GatewayHttp.Answer two = caller.post("api/v1/letters", other);

    assertThat(one.status()).as(one.text()).isEqualTo(201);
    assertThat(two.status()).as(two.text()).isEqualTo(409);
    assertThat(two.json().get("code").asText()).isEqualTo("CLIENT_KEY_REUSED");
    assertThat(two.json().get("field").asText()).isEqualTo("clientKey");
    assertThat(two.json().get("message").asText()).contains("1c-doc-30");
    assertThat(emulator.letters()).hasSize(1);
  }

  @Test
  void badPdfPathIsNotRepeat() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("good.pdf"), "good document");
    Path text = Files.writeString(dir.resolve("notes.txt"), "plain text, not a PDF");
    String code = barcode();
    String good = sendRequest(code, "А40-22/2026", "1c-doc-40", "\"pdfPath\":" + quote(pdf));
    String missing = good.replace(quote(pdf), quote(dir.resolve("missing.pdf")));
    String notPdf = good.replace(quote(pdf), quote(text));
    String withoutKey = notPdf.replace("\"clientKey\":\"1c-doc-40\",", "");
    String badBase64 = good.replace("\"pdfPath\":" + quote(pdf), "\"pdfBase64\":\"%%%\"");
    caller.post("api/v1/letters", good);

    GatewayHttp.Answer noFile = caller.post("api/v1/letters", missing);
    GatewayHttp.Answer textFile = caller.post("api/v1/letters", notPdf);
    GatewayHttp.Answer textFileWithoutKey = caller.post("api/v1/letters", withoutKey);
    GatewayHttp.Answer notBase64 = caller.post("api/v1/letters", badBase64);

    assertThat(noFile.status()).as(noFile.text()).isEqualTo(400);
    assertThat(noFile.json().get("code").asText()).isEqualTo("PDF_FILE_NOT_FOUND");
    assertThat(noFile.json().get("field").asText()).isEqualTo("pdfPath");
    assertThat(textFile.status()).as(textFile.text()).isEqualTo(400);
    assertThat(textFile.json().get("code").asText()).isEqualTo("PDF_NOT_PDF");
    assertThat(textFile.json().get("field").asText()).isEqualTo("pdfPath");
    assertThat(textFileWithoutKey.status()).as(textFileWithoutKey.text()).isEqualTo(400);
    assertThat(notBase64.status()).as(notBase64.text()).isEqualTo(400);
    assertThat(notBase64.json().get("code").asText()).isEqualTo("PDF_BASE64");
    assertThat(notBase64.json().get("field").asText()).isEqualTo("pdfBase64");
    assertThat(emulator.letters()).hasSize(1);
  }

  @Test
  void notPdfErrorHidesFileContent() throws Exception {
    Path text = Files.writeString(dir.resolve("secret.txt"), "SECRET-CONTENT");
    String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(text));

    GatewayHttp.Answer byPath =
        caller.post(
            "api/v1/letters",
            sendRequest(barcode(), "А40-23/2026", null, "\"pdfPath\":" + quote(text)));
    GatewayHttp.Answer inline =
        caller.post(
            "api/v1/letters",
            sendRequest(barcode(), "А40-23/2026", null, "\"pdfBase64\":\"" + base64 + "\""));

    assertThat(byPath.json().get("code").asText()).isEqualTo("PDF_NOT_PDF");
    assertThat(byPath.text()).doesNotContain("0x5345").doesNotContain("SECRET");
    assertThat(inline.json().get("code").asText()).isEqualTo("PDF_NOT_PDF");
    assertThat(inline.json().get("field").asText()).isEqualTo("pdfBase64");
    assertThat(inline.text()).doesNotContain("0x5345").doesNotContain("letter-");
  }

  @Test
  void sendsPdfGivenAsBase64() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("inline.pdf"), "inline pdf");
    String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(pdf));

    GatewayHttp.Answer sent =
        caller.post(
            "api/v1/letters",
            sendRequest(barcode(), "А40-4/2026", null, "\"pdfBase64\":\"" + base64 + "\""));

    assertThat(sent.status()).as(sent.text()).isEqualTo(201);
    assertThat(Files.list(SendLogs.attachmentFolder(config.gateway()))).isEmpty();
  }

  @Test
  void rejectsWrongInnInRussian() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("inn.pdf"), "wrong inn");
    String letter = GatewayFixture.organisationLetterJson(barcode(), "7707083890");

    GatewayHttp.Answer answer =
        caller.post("api/v1/letters", "{\"letter\":" + letter + ",\"pdfPath\":" + quote(pdf) + "}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo("INN_CHECK_DIGIT");
    assertThat(answer.json().get("field").asText()).isEqualTo("recipient.inn");
    assertThat(answer.json().get("rejectedValue").asText()).isEqualTo("7707083890");
    assertThat(answer.json().get("message").asText())
        .contains("recipient.inn", "7707083890", "контрольная цифра ИНН");
    assertThat(emulator.requestCount("sendLetter")).isZero();
  }

  @Test
  void correctedLetterIsSentAfterRejection() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("fix.pdf"), "corrected");
    String code = barcode();
    String wrong = code.substring(0, 13) + (char) ('0' + (code.charAt(13) - '0' + 1) % 10);

    GatewayHttp.Answer rejected =
        caller.post(
            "api/v1/letters",
            sendRequest(wrong, "А40-5/2026", "1c-doc-5", "\"pdfPath\":" + quote(pdf)));
    GatewayHttp.Answer accepted =
        caller.post(
            "api/v1/letters",
            sendRequest(code, "А40-5/2026", "1c-doc-5", "\"pdfPath\":" + quote(pdf)));

    assertThat(rejected.json().get("code").asText()).isEqualTo("BARCODE_CHECK_DIGIT");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
  }

  @Test
  void rejectsUnknownFieldOfLetter() throws Exception {
    String letter =
        GatewayFixture.letterJson(barcode(), "А40-6/2026").replace("\"mailRank\"", "\"mailrank\"");

    GatewayHttp.Answer answer =
        caller.post("api/v1/letters", "{\"letter\":" + letter + ",\"pdfPath\":\"x.pdf\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
    assertThat(answer.json().get("field").asText()).isEqualTo("letter.mailrank");
  }

  @Test
  void reportsMissingPdfFileAsError() throws Exception {
    GatewayHttp.Answer answer =
        caller.post(
            "api/v1/letters",
            sendRequest(
                barcode(), "А40-7/2026", null, "\"pdfPath\":" + quote(dir.resolve("missing.pdf"))));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains("missing.pdf");
  }

  @Test
  void answersUnknownLetterWith404() throws Exception {
    GatewayHttp.Answer answer = caller.get("api/v1/letters/no-such-letter");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void reportsHealth() throws Exception {
    GatewayHttp.Answer answer = caller.get("api/v1/health");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("status").asText()).isEqualTo("UP");
    assertThat(answer.json().get("environment").asText()).isEqualTo("TEST");
  }

  private GatewayHttp.Answer awaitFinal(String id) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    GatewayHttp.Answer status = caller.get("api/v1/letters/" + id);
    while (!status.json().get("final").asBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      status = caller.get("api/v1/letters/" + id);
    }
    assertThat(status.status()).as(status.text()).isEqualTo(200);
    assertThat(status.json().get("final").asBoolean()).as(status.text()).isTrue();
    return status;
  }

  private String barcode() {
    serial++;
    return TrackingNumbers.completeDomestic(String.format("10100001%05d", serial));
  }

  private static String sendRequest(String barcode, String number, String clientKey, String pdf) {
    String key = clientKey == null ? "" : "\"clientKey\":\"" + clientKey + "\",";
    return "{" + key + "\"letter\":" + GatewayFixture.letterJson(barcode, number) + "," + pdf + "}";
  }

  private static String quote(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\") + "\"";
  }
}
