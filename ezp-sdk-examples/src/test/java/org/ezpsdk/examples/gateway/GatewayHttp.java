package org.ezpsdk.examples.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A caller of the gateway that sends JSON over plain HTTP, the way 1C's HTTPСоединение does. */
final class GatewayHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String apiKeyHeader;
  private final String apiKey;

  GatewayHttp(URI base, String apiKeyHeader, String apiKey) {
    this.base = base;
    this.apiKeyHeader = apiKeyHeader;
    this.apiKey = apiKey;
  }

  /** One response: its status, headers' content type and the body parsed as JSON. */
  record Answer(int status, String contentType, String text, JsonNode json) {}

  Answer post(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  /** Posts the bytes as they are, so that a test can send a body that is not UTF-8. */
  Answer post(String path, byte[] body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (apiKeyHeader != null) {
      builder.header(apiKeyHeader, apiKey);
    }
    return builder;
  }

  private Answer send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    return new Answer(
        response.statusCode(), contentType, response.body(), JSON.readTree(response.body()));
  }
}
