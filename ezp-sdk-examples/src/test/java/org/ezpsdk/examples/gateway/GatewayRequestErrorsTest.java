package org.ezpsdk.examples.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replies of the gateway to request bodies that are not UTF-8 JSON of a send request. */
class GatewayRequestErrorsTest {
  private static final String LETTER = GatewayFixture.letterJson("10100001000010", "А40-9/2026");

  @TempDir static Path dir;

  private static RunningGateway running;
  private static GatewayHttp caller;

  @BeforeAll
  static void start() throws Exception {
    running = RunningGateway.start(dir);
    caller = new GatewayHttp(running.gateway().baseUri(), "X-Api-Key", GatewayFixture.API_KEY);
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  /**
   * A bad body and the reply it must get.
   *
   * @param line the expected line, or 0 when the reply must have no line and column
   * @param advice a part of the English message with the action to take
   */
  record BadBody(
      String name,
      byte[] body,
      String code,
      String field,
      String rejectedValue,
      int line,
      int column,
      String advice) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Returns a request over four lines or more: the client key on line 2, the PDF on line 3, and the
   * letter from line 4, where {@code letter} may break lines of its own.
   */
  private static String request(String letter) {
    return "{\n\"clientKey\":\"doc-9\",\n\"pdfPath\":\"x.pdf\",\n\"letter\":" + letter + "\n}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }

  static Stream<BadBody> badBodies() {
    String cut = "{\n\"clientKey\":\"doc-9\",\n\"letter\":{\"barcode\":\"1010";
    return Stream.of(
        new BadBody(
            "missing comma",
            utf8("{\n\"clientKey\":\"doc-9\"\n\"pdfPath\":\"x.pdf\"}"),
            "JSON_MALFORMED",
            "request",
            "\"",
            3,
            1,
            "check for a missing comma"),
        new BadBody(
            "body cut short",
            utf8(cut),
            "JSON_MALFORMED",
            "request",
            null,
            3,
            "\"letter\":{\"barcode\":\"1010".length() + 1,
            "restore the end of the request body"),
        new BadBody(
            "text for a number",
            utf8(request(LETTER.replace("\"mailRank\":4", "\n\"mailRank\":\"четыре\""))),
            "JSON_VALUE_FORMAT",
            "letter.mailRank",
            "четыре",
            5,
            "\"mailRank\":".length() + 1,
            "expected a whole number"),
        new BadBody(
            "fraction for a whole number",
            utf8(request(LETTER.replace("\"mailRank\":4", "\n\"mailRank\":4.7"))),
            "JSON_VALUE_FORMAT",
            "letter.mailRank",
            "4.7",
            5,
            "\"mailRank\":".length() + 1,
            "expected a whole number"),
        new BadBody(
            "number for true or false",
            utf8(request(LETTER.replace("\"electronicNotice\":true", "\n\"electronicNotice\":1"))),
            "JSON_VALUE_FORMAT",
            "letter.electronicNotice",
            "1",
            5,
            "\"electronicNotice\":".length() + 1,
            "expected true or false"),
        new BadBody(
            "object for a text",
            utf8(
                request(
                    LETTER.replace(
                        "\"recipientAddress\":{\"postcode\":\"101000\"",
                        "\n\"recipientAddress\":{\"postcode\":{\"code\":\"101000\"}"))),
            "JSON_WRONG_TYPE",
            "letter.recipientAddress.postcode",
            "{…}",
            5,
            "\"recipientAddress\":{\"postcode\":".length() + 1,
            "expected a text in quotes, found an object"),
        new BadBody(
            "text for an object",
            utf8(request("\"Решение суда\"")),
            "JSON_WRONG_TYPE",
            "letter",
            "Решение суда",
            4,
            "\"letter\":".length() + 1,
            "expected an object with the fields barcode, type, mailRank"),
        new BadBody(
            "unknown request field",
            utf8(request(LETTER).replace("\"pdfPath\"", "\"pdfpath\"")),
            "UNKNOWN_FIELD",
            "pdfpath",
            "pdfpath",
            3,
            1,
            "the known fields here are [clientKey, letter, pdfBase64, pdfPath]"),
        new BadBody(
            "unknown letter field",
            utf8(request(LETTER.replace("\"mailRank\"", "\n\"mailrank\""))),
            "UNKNOWN_FIELD",
            "letter.mailrank",
            "mailrank",
            5,
            1,
            "check its spelling"),
        new BadBody(
            "empty body", new byte[0], "JSON_EMPTY", "request", null, 0, 0, "is empty; expected"),
        new BadBody(
            "white space only",
            utf8(" \r\n\t"),
            "JSON_EMPTY",
            "request",
            null,
            0,
            0,
            "an object with the fields clientKey, letter, pdfPath, pdfBase64"),
        new BadBody(
            "Windows-1251 body",
            "{\n\"clientKey\":\"Иванов\"}".getBytes(Charset.forName("windows-1251")),
            "JSON_MALFORMED",
            "request",
            "0xC8",
            2,
            "\"clientKey\":\"".length() + 1,
            "save or send the text as UTF-8"),
        new BadBody(
            "UTF-16 body with byte order mark",
            request(LETTER).getBytes(StandardCharsets.UTF_16),
            "JSON_MALFORMED",
            "request",
            "0xFE",
            1,
            1,
            "does not form a UTF-8 character"),
        new BadBody(
            "UTF-16 body without byte order mark",
            request(LETTER).getBytes(StandardCharsets.UTF_16LE),
            "JSON_MALFORMED",
            "request",
            "0x00",
            1,
            2,
            "UTF-16 text has in every Latin letter"),
        new BadBody(
            "byte order mark before a syntax error",
            utf8("\uFEFF{\"clientKey\" \"doc-9\"}"),
            "JSON_MALFORMED",
            "request",
            "\"",
            1,
            "{\"clientKey\" ".length() + 1,
            "check for a missing comma"),
        new BadBody(
            "second object after the first",
            utf8(request(LETTER) + "\n{}"),
            "JSON_MALFORMED",
            "request",
            "{",
            6,
            1,
            "remove what follows it"),
        new BadBody(
            "JSON null", utf8("null"), "JSON_WRONG_TYPE", "request", "null", 0, 0, "found null"),
        new BadBody(
            "list for the request",
            utf8("[\n]"),
            "JSON_WRONG_TYPE",
            "request",
            "[…]",
            1,
            1,
            "found a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void rejectsBadBodyInOwnWords(BadBody bad) throws Exception {
    GatewayHttp.Answer answer = caller.post("api/v1/letters", bad.body());
    JsonNode json = answer.json();

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(json.path("code").asText()).as(answer.text()).isEqualTo(bad.code());
    assertThat(json.path("field").asText()).as(answer.text()).isEqualTo(bad.field());
    assertThat(json.path("rejectedValue").textValue())
        .as(answer.text())
        .isEqualTo(bad.rejectedValue());
    if (bad.line() > 0) {
      assertThat(json.path("line").asInt()).as(answer.text()).isEqualTo(bad.line());
      assertThat(json.path("column").asInt()).as(answer.text()).isEqualTo(bad.column());
      assertThat(json.path("message").asText())
          .as(answer.text())
          .contains("строка " + bad.line() + ", позиция " + bad.column());
    } else {
      assertThat(json.has("line")).as(answer.text()).isFalse();
    }
    assertThat(json.path("message").asText()).as(answer.text()).contains(bad.advice());
    assertThat(json.path("errors").get(0)).as(answer.text()).isEqualTo(withoutErrors(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void bodyErrorShowsNoJacksonText(BadBody bad) throws Exception {
    GatewayHttp.Answer answer = caller.post("api/v1/letters", bad.body());

    assertThat(answer.text())
        .doesNotContain("Cannot ", "Unexpected", "`", "jackson", "Source:", "reference chain");
  }

  @Test
  void longRejectedValueIsShortened() throws Exception {
    String longValue = "ч".repeat(500);
    String body = request(LETTER.replace("\"mailRank\":4", "\"mailRank\":\"" + longValue + "\""));

    GatewayHttp.Answer answer = caller.post("api/v1/letters", body);

    assertThat(answer.json().path("code").asText()).isEqualTo("JSON_VALUE_FORMAT");
    assertThat(answer.json().path("rejectedValue").asText()).isEqualTo("ч".repeat(60) + "…");
    assertThat(answer.text()).doesNotContain("ч".repeat(61));
  }

  @Test
  void valueOfUnknownFieldIsNotEchoed() throws Exception {
    String body =
        request(LETTER).replace("{\n", "{\n\"apiKey\":\"" + GatewayFixture.API_KEY + "\",");

    GatewayHttp.Answer answer = caller.post("api/v1/letters", body);

    assertThat(answer.json().path("code").asText()).isEqualTo("UNKNOWN_FIELD");
    assertThat(answer.json().path("field").asText()).isEqualTo("apiKey");
    assertThat(answer.text()).doesNotContain(GatewayFixture.API_KEY);
  }

  @Test
  void objectGivenForTextIsNotEchoed() throws Exception {
    String secret = "hidden-" + GatewayFixture.API_KEY;
    String body = request(LETTER).replace("\"doc-9\"", "{\"token\":\"" + secret + "\"}");

    GatewayHttp.Answer answer = caller.post("api/v1/letters", body);

    assertThat(answer.json().path("code").asText()).isEqualTo("JSON_WRONG_TYPE");
    assertThat(answer.json().path("field").asText()).isEqualTo("clientKey");
    assertThat(answer.text()).doesNotContain(secret);
  }

  @Test
  void acceptsByteOrderMarkBeforeRequest() throws Exception {
    Path pdf = GatewayFixture.writePdf(dir.resolve("bom.pdf"), "sent with a byte order mark");
    String letter =
        GatewayFixture.letterJson(TrackingNumbers.completeDomestic("1010000100099"), "А40-10/2026");
    String json =
        "{\"clientKey\":\"bom-1\",\"letter\":"
            + letter
            + ",\"pdfPath\":\""
            + pdf.toString().replace("\\", "\\\\")
            + "\"}";

    GatewayHttp.Answer answer = caller.post("api/v1/letters", utf8("\uFEFF" + json));

    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    assertThat(answer.json().path("clientKey").asText()).isEqualTo("bom-1");
  }

  private static JsonNode withoutErrors(JsonNode json) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = json.deepCopy();
    copy.remove("errors");
    return copy;
  }
}
