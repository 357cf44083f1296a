package org.ezpsdk.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportResponsesTest {

  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = HttpTransport.create();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  private TransportRequest get(String path, Map<String, String> headers) {
    return new TransportRequest("getLetter", "GET", uri(path), headers, null);
  }

  private RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest recorded = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(recorded).as("request recorded by the server").isNotNull();
    return recorded;
  }

  @Test
  void returnsJsonResponse() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"id\":\"L-1\",\"status\":\"ACCEPTED\"}")
            .build());

    TransportResponse response = transport.execute(get("/api/v1/letters/L-1", Map.of()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).isEqualTo("{\"id\":\"L-1\",\"status\":\"ACCEPTED\"}");
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void returnsClientErrorAsResponse() {
    server.enqueue(
        new MockResponse.Builder().code(404).body("{\"message\":\"letter not found\"}").build());

    TransportResponse response = transport.execute(get("/api/v1/letters/missing", Map.of()));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsString()).isEqualTo("{\"message\":\"letter not found\"}");
  }

  @Test
  void returnsServerErrorAsResponse() {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Retry-After", "7")
            .body("{\"message\":\"overloaded\"}")
            .build());

    TransportResponse response = transport.execute(get("/api/v1/letters/L-1", Map.of()));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("7");
    assertThat(server.getRequestCount()).as("requests received").isEqualTo(1);
  }

  @Test
  void sendsRequestHeaders() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Map<String, String> headers =
        Map.of("Idempotency-Key", "80080012345678", "Authorization", "Basic c2VuZGVyOnRva2Vu");

    transport.execute(get("/api/v1/letters/L-1", headers));

    RecordedRequest recorded = takeRequest();
    assertThat(recorded.getHeaders().get("Idempotency-Key")).isEqualTo("80080012345678");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Basic c2VuZGVyOnRva2Vu");
  }

  @Test
  void readsResponseHeadersWithoutRegardToCase() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Request-Id", "r-42").build());

    TransportResponse response = transport.execute(get("/api/v1/letters/L-1", Map.of()));

    assertThat(response.header("x-request-id")).isEqualTo("r-42");
    assertThat(response.header("X-REQUEST-ID")).isEqualTo("r-42");
    assertThat(response.headers().get("x-Request-ID")).isEqualTo("r-42");
  }

  @Test
  void keepsFirstValueOfRepeatedHeader() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Warning", "first")
            .addHeader("Warning", "second")
            .build());

    TransportResponse response = transport.execute(get("/api/v1/letters/L-1", Map.of()));

    assertThat(response.header("Warning")).isEqualTo("first");
  }

  @Test
  void sendsBytesBodyWithContentType() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(201).build());
    byte[] json = "{\"barcode\":\"80080012345678\"}".getBytes(StandardCharsets.UTF_8);
    TransportRequest request =
        new TransportRequest(
            "sendLetter",
            "POST",
            uri("/api/v1/letters"),
            Map.of(),
            new TransportRequest.Bytes("application/json", json));

    TransportResponse response = transport.execute(request);

    RecordedRequest recorded = takeRequest();
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(recorded.getBody().toByteArray()).isEqualTo(json);
  }

  @Test
  void sendsEmptyBodyForPostWithoutBody() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200).build());
    TransportRequest request =
        new TransportRequest("ping", "POST", uri("/api/v1/ping"), Map.of(), null);

    transport.execute(request);

    RecordedRequest recorded = takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getBodySize()).isZero();
  }

  @Test
  void returnsRedirectWithoutFollowingIt() {
    server.enqueue(
        new MockResponse.Builder().code(307).addHeader("Location", "/api/v1/elsewhere").build());
    server.enqueue(new MockResponse.Builder().code(200).body("followed").build());
    TransportRequest request =
        new TransportRequest(
            "sendLetter",
            "POST",
            uri("/api/v1/letters"),
            Map.of(),
            new TransportRequest.Bytes("application/json", new byte[] {'{', '}'}));

    TransportResponse response = transport.execute(request);

    assertThat(response.statusCode()).isEqualTo(307);
    assertThat(response.header("Location")).isEqualTo("/api/v1/elsewhere");
    assertThat(server.getRequestCount()).as("requests received").isEqualTo(1);
  }
}
