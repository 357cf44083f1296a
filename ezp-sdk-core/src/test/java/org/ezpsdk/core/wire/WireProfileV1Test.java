package org.ezpsdk.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.Test;

class WireProfileV1Test {
  private final WireProfileV1 profile = new WireProfileV1();

  @Test
  void readErrorQuotesEveryPart() {
    String body =
        """
        {"message": "Letter rejected", "requestId": "req-42", "errors": [
          {"code": "INN_CHECK_DIGIT", "field": "recipient.inn", "message": "bad ИНН"},
          {"code": "INCORRECT_LETTER_PAGE_FORMAT", "field": "attachment", "message": "landscape"}
        ]}
        """;

    EzpServiceException error = profile.readError(response(422, Map.of(), body));

    assertThat(error.httpStatus()).isEqualTo(422);
    assertThat(error.requestId()).isEqualTo("req-42");
    assertThat(error.errorCode()).isEqualTo("INN_CHECK_DIGIT");
    assertThat(error.getMessage()).contains("422");
    assertThat(error.getMessage()).contains("Letter rejected");
    assertThat(error.getMessage()).contains("INN_CHECK_DIGIT");
    assertThat(error.getMessage()).contains("INCORRECT_LETTER_PAGE_FORMAT");
    assertThat(error.getMessage()).contains("recipient.inn");
    assertThat(error.getMessage()).contains("attachment");
    assertThat(error.getMessage()).contains("req-42");
  }

  @Test
  void readErrorFallsBackToHeaderRequestId() {
    String body = "{\"message\": \"Too many requests\"}";

    EzpServiceException error =
        profile.readError(response(429, Map.of("x-request-id", "hdr-7"), body));

    assertThat(error.requestId()).isEqualTo("hdr-7");
    assertThat(error.getMessage()).contains("hdr-7");
    assertThat(error.errorCode()).isNull();
  }

  @Test
  void readErrorQuotesHtmlBody() {
    String body =
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
            + "<hr><center>nginx</center></body></html>";

    EzpServiceException error = profile.readError(response(502, Map.of(), body));

    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.getMessage()).contains("HTTP 502");
    assertThat(error.getMessage()).contains("<title>502 Bad Gateway</title>");
  }

  @Test
  void readErrorShortensLongBody() {
    String body = "<html>" + "x".repeat(5000) + "</html>";

    EzpServiceException error = profile.readError(response(500, Map.of(), body));

    assertThat(error.getMessage()).contains("<html>xxx");
    assertThat(error.getMessage()).hasSizeLessThan(400);
  }

  @Test
  void readErrorHandlesJsonNullBody() {
    EzpServiceException error = profile.readError(response(503, Map.of(), "null"));

    assertThat(error.httpStatus()).isEqualTo(503);
    assertThat(error.getMessage()).contains("HTTP 503");
  }

  @Test
  void readErrorHandlesEmptyBody() {
    EzpServiceException error = profile.readError(response(504, Map.of(), ""));

    assertThat(error.getMessage()).contains("HTTP 504");
  }

  @Test
  void getLetterEncodesIdUnderEndpointPath() {
    Environment environment = Environment.test(URI.create("https://eps.test.example/base"));

    TransportRequest request = profile.getLetter(environment, "a/b c");

    assertThat(request.uri())
        .isEqualTo(URI.create("https://eps.test.example/base/api/v1/letters/a%2Fb%20c"));
  }

  @Test
  void findsLettersByIdempotencyKey() {
    Environment environment = Environment.test(URI.create("https://eps.test.example/base/"));

    TransportRequest request = profile.findLettersByIdempotencyKey(environment, "key 1&2");

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.operation()).isEqualTo("findLetters");
    assertThat(request.uri().toString())
        .isEqualTo("https://eps.test.example/base/api/v1/letters?idempotencyKey=key%201%262");
  }

  @Test
  void status200IsRepeatedReceipt() {
    assertThat(profile.isRepeatedReceipt(response(200, Map.of(), "{}"))).isTrue();
    assertThat(profile.isRepeatedReceipt(response(201, Map.of(), "{}"))).isFalse();
  }

  private static TransportResponse response(int status, Map<String, String> headers, String body) {
    return new TransportResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
