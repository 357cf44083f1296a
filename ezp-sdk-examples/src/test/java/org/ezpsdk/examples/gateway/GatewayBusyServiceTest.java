package org.ezpsdk.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.Fault;
import org.ezpsdk.testkit.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replies of the gateway to reads while ИС ЭПС responds to every read with 503 or 429. */
class GatewayBusyServiceTest {
  @TempDir static Path dir;

  private static EpsEmulator emulator;
  private static LetterOperations operations;
  private static Gateway gateway;
  private static GatewayHttp caller;

  @BeforeAll
  static void start() throws Exception {
    FaultPlan faults =
        FaultPlan.builder()
            .add(Fault.status(503).withProbability(1.0).on("getLetter"))
            .add(Fault.status(429).withProbability(1.0).on("findLetters"))
            .build();
    emulator = EpsEmulator.builder().faults(faults).build().start();
    EzpConfig config =
        EzpConfig.load(GatewayFixture.writeConfig(dir, emulator.baseUri()), null, Map.of());
    operations =
        LetterOperations.open(
            config, SendLogs.open(config.gateway()), SendLogs.attachmentFolder(config.gateway()));
    gateway = Gateway.start(config.gateway(), operations);
    caller = new GatewayHttp(gateway.baseUri(), "X-Api-Key", GatewayFixture.API_KEY);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    operations.close();
    emulator.close();
  }

  @Test
  void unavailableServiceIsNotRejection() throws Exception {
    GatewayHttp.Answer answer = caller.get("api/v1/letters/L-1");

    assertBusyReply(answer, 503);
  }

  @Test
  void tooManyRequestsIsNotRejection() throws Exception {
    GatewayHttp.Answer answer = caller.get("api/v1/letters?barcode=10100001000010");

    assertBusyReply(answer, 429);
  }

  @Test
  void barcodeWithWrongCheckDigitIsRejectedLocally() throws Exception {
    long lookupsBefore = emulator.requestCount("findLetters");

    GatewayHttp.Answer answer = caller.get("api/v1/letters?barcode=10100001000011");

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).as(answer.text()).isEqualTo("barcode");
    assertThat(answer.json().path("rejectedValue").asText())
        .as(answer.text())
        .isEqualTo("10100001000011");
    assertThat(emulator.requestCount("findLetters")).isEqualTo(lookupsBefore);
  }

  private static void assertBusyReply(GatewayHttp.Answer answer, int serviceStatus)
      throws Exception {
    JsonNode json = answer.json();
    String message = json.path("message").asText();
    String itemMessage = json.path("errors").get(0).path("message").asText();

    assertThat(answer.status()).as(answer.text()).isEqualTo(502);
    assertThat(json.path("serviceStatus").asInt()).as(answer.text()).isEqualTo(serviceStatus);
    assertThat(message).as(answer.text()).contains("HTTP " + serviceStatus);
    assertThat(message).as(answer.text()).contains("повторите запрос позже");
    assertThat(message).as(answer.text()).doesNotContain("отклонила");
    assertThat(itemMessage).as(answer.text()).doesNotContain("поле «»");
    assertThat(itemMessage).as(answer.text()).doesNotContain("не прошло проверку");
    assertThat(itemMessage).as(answer.text()).contains(json.path("code").asText());
  }
}
