package org.ezpsdk.examples.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.examples.gateway.GatewayFixture;
import org.ezpsdk.testkit.EpsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flat facade over the emulator: strings in, JSON strings out, no exceptions. */
class EzpBridgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private EpsEmulator emulator;
  private EzpBridge bridge;

  @BeforeEach
  void start() throws Exception {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMillis(40))
            .withGosPochtaConsent("Иванов Иван Иванович")
            .build()
            .start();
    bridge = EzpBridge.open(GatewayFixture.writeConfig(dir, emulator.baseUri()).toString());
  }

  @AfterEach
  void stop() {
    bridge.close();
    emulator.close();
  }

  @Test
  void sendsLetterAndReadsItsStatus() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("bridge.pdf"), "bridge letter");
    String letter = GatewayFixture.letterJson(barcode(1), "МОСТ-1/2026");

    JsonNode receipt = JSON.readTree(bridge.send(letter, pdf.toString()));
    String id = receipt.get("id").asText();
    JsonNode status = JSON.readTree(bridge.status(id));
    Instant deadline = Instant.now().plusSeconds(20);
    while (!status.get("final").asBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      status = JSON.readTree(bridge.status(id));
    }

    assertThat(receipt.get("repeat").asBoolean()).isFalse();
    assertThat(status.get("status").asText()).isEqualTo("NOTICE_AVAILABLE");
    assertThat(JSON.readTree(bridge.events(null)).get("events").findValuesAsText("id"))
        .contains(id);
    Path noticeFile = dir.resolve("notice.bin");
    JsonNode notice = JSON.readTree(bridge.notice(id, noticeFile.toString()));
    assertThat(Files.size(noticeFile)).isEqualTo(notice.get("size").asLong());
  }

  @Test
  void sameLetterTwiceIsSentOnce() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("twice.pdf"), "bridge twice");
    String letter = GatewayFixture.letterJson(barcode(2), "МОСТ-2/2026");

    String first = bridge.send(letter, pdf.toString(), "key-2");
    String second = bridge.send(letter, pdf.toString(), "key-2");

    assertThat(JSON.readTree(second).get("repeat").asBoolean()).isTrue();
    assertThat(JSON.readTree(second).get("id")).isEqualTo(JSON.readTree(first).get("id"));
    assertThat(emulator.requestCount("sendLetter")).isEqualTo(1);
  }

  @Test
  void returnsInvalidLetterAsJsonError() throws Exception {
    String letter = GatewayFixture.organisationLetterJson(barcode(3), "7707083890");

    String answer = bridge.send(letter, dir.resolve("any.pdf").toString());

    assertThat(EzpBridge.isError(answer)).isTrue();
    assertThat(JSON.readTree(answer).get("field").asText()).isEqualTo("recipient.inn");
  }

  @Test
  void returnsMalformedJsonAsError() {
    String answer = bridge.send("{not json", "x.pdf");

    assertThat(EzpBridge.isError(answer)).isTrue();
  }

  @Test
  void invalidConfigurationAnswersEveryCallWithError() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "profiles:\n  test:\n    senderId: x\n");

    try (EzpBridge broken = EzpBridge.open(bad.toString())) {
      assertThat(EzpBridge.isError(broken.status("L-1"))).isTrue();
      assertThat(JSON.readTree(broken.check()).get("code").asText()).isEqualTo("CONFIGURATION");
    }
  }

  private static String barcode(int serial) {
    return TrackingNumbers.completeDomestic(String.format("10100002%05d", serial));
  }
}
