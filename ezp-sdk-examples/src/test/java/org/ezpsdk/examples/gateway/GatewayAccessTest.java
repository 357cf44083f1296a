package org.ezpsdk.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.examples.config.GatewaySettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the gateway, and where it may listen. */
class GatewayAccessTest {
  @TempDir static Path dir;

  private static RunningGateway running;

  @BeforeAll
  static void start() throws Exception {
    running = RunningGateway.start(dir);
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  @Test
  void rejectsRequestWithoutApiKey() throws Exception {
    GatewayHttp.Answer answer =
        new GatewayHttp(running.gateway().baseUri(), null, null).get("api/v1/health");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(answer.json().get("message").asText()).contains("Нет ключа API");
  }

  @Test
  void rejectsWrongApiKeyWithoutEchoingIt() throws Exception {
    String wrong = GatewayFixture.API_KEY + "x";
    GatewayHttp.Answer answer =
        new GatewayHttp(running.gateway().baseUri(), "X-Api-Key", wrong).get("api/v1/health");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.text()).doesNotContain(wrong).doesNotContain(GatewayFixture.API_KEY);
  }

  @Test
  void rejectsSendWithoutApiKeyBeforeSending() throws Exception {
    // Other tests of this class send letters to the same emulator.
    long sendsBefore = running.emulator().requestCount("sendLetter");
    GatewayHttp.Answer answer =
        new GatewayHttp(running.gateway().baseUri(), null, null)
            .post("api/v1/letters", "{\"letter\":{},\"pdfPath\":\"x.pdf\"}");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(running.emulator().requestCount("sendLetter")).isEqualTo(sendsBefore);
  }

  @Test
  void acceptsBearerApiKey() throws Exception {
    GatewayHttp.Answer answer =
        new GatewayHttp(
                running.gateway().baseUri(), "Authorization", "Bearer " + GatewayFixture.API_KEY)
            .get("api/v1/health");

    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void acceptsApiKeyHeader() throws Exception {
    GatewayHttp.Answer answer =
        new GatewayHttp(running.gateway().baseUri(), "X-Api-Key", GatewayFixture.API_KEY)
            .get("api/v1/health");

    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void inMemoryLogLetsClientKeyDecide() throws Exception {
    GatewayHttp caller =
        new GatewayHttp(running.gateway().baseUri(), "X-Api-Key", GatewayFixture.API_KEY);
    Path pdf = GatewayFixture.writePdf(dir.resolve("memory.pdf"), "in memory");
    String first = request("1010000500001", "in-memory-1", pdf);
    String otherTitle = first.replace("Решение суда", "Определение суда");
    String newKey = request("1010000500002", "in-memory-2", pdf);

    GatewayHttp.Answer sent = caller.post("api/v1/letters", first);
    GatewayHttp.Answer conflict = caller.post("api/v1/letters", otherTitle);
    GatewayHttp.Answer second = caller.post("api/v1/letters", newKey);
    GatewayHttp.Answer repeat = caller.post("api/v1/letters", first);

    assertThat(sent.status()).as(sent.text()).isEqualTo(201);
    assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
    assertThat(conflict.json().get("code").asText()).isEqualTo("CLIENT_KEY_REUSED");
    assertThat(second.status()).as(second.text()).isEqualTo(201);
    assertThat(repeat.status()).as(repeat.text()).isEqualTo(200);
    assertThat(repeat.json().get("id").asText()).isEqualTo(sent.json().get("id").asText());
  }

  private static String request(String first13Digits, String clientKey, Path pdf) {
    String letter =
        GatewayFixture.letterJson(TrackingNumbers.completeDomestic(first13Digits), "А40-50/2026");
    return "{\"clientKey\":\""
        + clientKey
        + "\",\"letter\":"
        + letter
        + ",\"pdfPath\":\""
        + pdf.toString().replace("\\", "\\\\")
        + "\"}";
  }

  @Test
  void refusesNonLoopbackAddressUnlessAllowed() {
    GatewaySettings anyAddress =
        new GatewaySettings("0.0.0.0", 0, GatewayFixture.API_KEY, false, null);

    assertThatThrownBy(() -> Gateway.start(anyAddress, running.operations()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'0.0.0.0' is not a loopback address")
        .hasMessageContaining("allowNonLoopback");
  }

  @Test
  void bindsNonLoopbackAddressWhenAllowed() throws Exception {
    GatewaySettings anyAddress =
        new GatewaySettings("0.0.0.0", 0, GatewayFixture.API_KEY, true, null);

    try (Gateway open = Gateway.start(anyAddress, running.operations())) {
      java.net.URI loopback =
          java.net.URI.create("http://127.0.0.1:" + open.baseUri().getPort() + "/");
      GatewayHttp.Answer answer =
          new GatewayHttp(loopback, "X-Api-Key", GatewayFixture.API_KEY).get("api/v1/health");
      assertThat(answer.status()).isEqualTo(200);
    }
  }

  @Test
  void refusesToStartWithoutApiKey() {
    GatewaySettings noKey = new GatewaySettings("127.0.0.1", 0, null, false, null);

    assertThatThrownBy(() -> Gateway.start(noKey, running.operations()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("API key");
  }

  @Test
  void configurationWithNonLoopbackHostIsInvalid() {
    Map<String, String> env = Map.of("EZP_GATEWAY_HOST", "0.0.0.0");
    EzpConfig withHost = EzpConfig.load(running.config().file().orElseThrow(), null, env);

    assertThat(withHost.problems()).anySatisfy(p -> assertThat(p.key()).isEqualTo("gateway.host"));
  }
}
