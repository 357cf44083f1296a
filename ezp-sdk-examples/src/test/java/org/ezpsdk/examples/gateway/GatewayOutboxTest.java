package org.ezpsdk.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.testkit.EpsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A letter that the service rejects after the gateway recorded it: the emulator allows one page
 * only, while the gateway's own checks allow 15, so a two-page letter passes the gateway and fails
 * at the service.
 */
class GatewayOutboxTest {
  @TempDir Path dir;

  private EpsEmulator emulator;
  private EzpConfig config;
  private LetterOperations operations;
  private Gateway gateway;
  private GatewayHttp caller;

  @BeforeEach
  void start() throws Exception {
    emulator =
        EpsEmulator.builder()
            .preflightPolicy(PreflightPolicy.defaults().toBuilder().maxPages(1).build())
            .stepDelay(Duration.ofMillis(20))
            .returnEveryNthPaperLetter(1)
            .build()
            .start();
    config = EzpConfig.load(GatewayFixture.writeConfig(dir, emulator.baseUri()), null, Map.of());
    operations =
        LetterOperations.open(
            config, SendLogs.open(config.gateway()), SendLogs.attachmentFolder(config.gateway()));
    gateway = Gateway.start(config.gateway(), operations);
    caller = new GatewayHttp(gateway.baseUri(), "X-Api-Key", GatewayFixture.API_KEY);
  }

  @AfterEach
  void stop() {
    gateway.close();
    operations.close();
    emulator.close();
  }

  @Test
  void serviceRejectionIsReportedAndRecordedAsFailed() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("two.pdf"), "two pages", 2);

    GatewayHttp.Answer answer = caller.post("api/v1/letters", request(pdf));

    assertThat(answer.status()).as(answer.text()).isEqualTo(422);
    assertThat(answer.json().get("code").asText()).isEqualTo("LETTER_REJECTED");
    assertThat(answer.json().get("message").asText()).contains("PDF_TOO_MANY_PAGES");
    try (JdbcOutboxStore store = JdbcOutboxStore.sqlite(config.gateway().outbox())) {
      assertThat(store.countByState()).containsEntry(OutboxState.FAILED, 1L);
    }
  }

  @Test
  void correctedLetterIsSentAfterServiceRejection() throws Exception {
    Path twoPages = GatewayFixture.writePdf(dir.resolve("two.pdf"), "two pages", 2);
    Path onePage = GatewayFixture.writePdf(dir.resolve("one.pdf"), "one page", 1);

    GatewayHttp.Answer rejected = caller.post("api/v1/letters", request(twoPages, 1));
    GatewayHttp.Answer accepted = caller.post("api/v1/letters", request(onePage, 2));
    GatewayHttp.Answer repeat = caller.post("api/v1/letters", request(onePage, 2));

    assertThat(rejected.status()).as(rejected.text()).isEqualTo(422);
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
    assertThat(repeat.json().get("repeat").asBoolean()).isTrue();
    assertThat(repeat.json().get("id").asText()).isEqualTo(accepted.json().get("id").asText());
    assertThat(emulator.letters()).hasSize(1);
  }

  @Test
  void correctedLetterWithRejectedBarcodeNeedsNewOne() throws Exception {
    Path twoPages = GatewayFixture.writePdf(dir.resolve("two.pdf"), "two pages", 2);
    Path onePage = GatewayFixture.writePdf(dir.resolve("one.pdf"), "one page", 1);

    caller.post("api/v1/letters", request(twoPages, 1));
    GatewayHttp.Answer answer = caller.post("api/v1/letters", request(onePage, 1));

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo("BARCODE_ALREADY_USED");
    assertThat(answer.json().get("field").asText()).isEqualTo("barcode");
    assertThat(emulator.letters()).isEmpty();
  }

  @Test
  void barcodeOfAnotherDocumentIsRejected() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("one.pdf"), "one page", 1);
    String barcode = TrackingNumbers.completeDomestic("1010000300007");
    String first = GatewayFixture.letterJson(barcode, "А40-10/2026");
    String second = GatewayFixture.letterJson(barcode, "А40-11/2026");

    caller.post("api/v1/letters", "{\"letter\":" + first + ",\"pdfPath\":\"" + pdf + "\"}");
    GatewayHttp.Answer answer =
        caller.post("api/v1/letters", "{\"letter\":" + second + ",\"pdfPath\":\"" + pdf + "\"}");

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo("BARCODE_ALREADY_USED");
    assertThat(emulator.letters()).hasSize(1);
  }

  @Test
  void noticeOfReturnedLetterIsNotAvailable() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("one.pdf"), "returned letter", 1);
    GatewayHttp.Answer sent = caller.post("api/v1/letters", request(pdf));
    assertThat(sent.status()).as(sent.text()).isEqualTo(201);
    String id = sent.json().get("id").asText();
    Instant deadline = Instant.now().plusSeconds(20);
    GatewayHttp.Answer status = caller.get("api/v1/letters/" + id);
    while (!status.json().get("final").asBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      status = caller.get("api/v1/letters/" + id);
    }

    GatewayHttp.Answer notice = caller.get("api/v1/letters/" + id + "/notice");

    assertThat(status.json().get("status").asText()).as(status.text()).isEqualTo("RETURNED");
    assertThat(notice.status()).as(notice.text()).isEqualTo(409);
    assertThat(notice.json().get("code").asText()).isEqualTo("NOTICE_NOT_AVAILABLE");
    assertThat(notice.json().get("message").asText()).contains("Уведомления о вручении нет");
  }

  private static String request(Path pdf) {
    return request(pdf, 1);
  }

  private static String request(Path pdf, int serial) {
    String barcode = TrackingNumbers.completeDomestic(String.format("10100003%05d", serial));
    String letter = GatewayFixture.letterJson(barcode, "А40-9/2026");
    return "{\"letter\":" + letter + ",\"pdfPath\":\"" + pdf + "\"}";
  }
}
