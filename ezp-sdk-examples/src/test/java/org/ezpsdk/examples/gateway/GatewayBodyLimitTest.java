package org.ezpsdk.examples.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests over the gateway's 40 MiB limit get a 413 with the JSON error body. */
class GatewayBodyLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long OVER_LIMIT = 2L * Gateway.MAX_BODY_BYTES;
  private static final Pattern FINAL_HEAD =
      Pattern.compile("HTTP/1\\.1 [2-5][0-9][0-9][^\\r]*\\r\\n(?:[^\\r]+\\r\\n)*\\r\\n");
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *([0-9]+)");

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
  void expectContinueGetsJson413() throws Exception {
    HttpResponse<String> response = post(zeroes(OVER_LIMIT), true);

    assertTooLarge(response.statusCode(), response.body());
  }

  @Test
  void plainRequestGetsJson413() throws Exception {
    HttpResponse<String> response = post(zeroes(OVER_LIMIT), false);

    assertTooLarge(response.statusCode(), response.body());
  }

  @Test
  void chunkedBodyGetsJson413() throws Exception {
    BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ZeroStream(OVER_LIMIT));

    HttpResponse<String> response = post(chunked, false);

    assertTooLarge(response.statusCode(), response.body());
  }

  @Test
  void hugeDeclaredBodyIsNotAwaited() throws Exception {
    try (Socket socket =
        new Socket(running.gateway().baseUri().getHost(), running.gateway().baseUri().getPort())) {
      socket.setSoTimeout(30_000);
      String head =
          "POST /api/v1/letters HTTP/1.1\r\n"
              + "Host: 127.0.0.1\r\n"
              + "X-Api-Key: "
              + GatewayFixture.API_KEY
              + "\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: "
              + (Gateway.MAX_DISCARDED_BYTES + 1)
              + "\r\n"
              + "Expect: 100-continue\r\n"
              + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String answer = readFinalResponse(socket.getInputStream());

      assertThat(answer).contains("HTTP/1.1 413");
      String body = answer.substring(answer.lastIndexOf("\r\n\r\n") + 4);
      assertTooLarge(413, body);
    }
  }

  private static void assertTooLarge(int status, String body) throws IOException {
    assertThat(status).isEqualTo(413);
    JsonNode json = JSON.readTree(body);
    assertThat(json).as("JSON body: %s", body).isNotNull();
    assertThat(json.path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(json.path("message").asText()).contains("40 МиБ");
    assertThat(json.has("field")).isTrue();
    assertThat(json.has("rejectedValue")).isTrue();
  }

  private static HttpResponse<String> post(BodyPublisher body, boolean expectContinue)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(running.gateway().baseUri().resolve("api/v1/letters"))
            .timeout(Duration.ofSeconds(60))
            .header("X-Api-Key", GatewayFixture.API_KEY)
            .header("Content-Type", "application/json")
            .expectContinue(expectContinue)
            .POST(body)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Returns a body of zero bytes with a Content-Length, generated while it is sent. */
  private static BodyPublisher zeroes(long length) {
    return BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(() -> new ZeroStream(length)), length);
  }

  /**
   * Reads responses from the connection until a final (not 1xx) response is complete. Returns them
   * all as text, with the final response's body decoded as UTF-8 and the rest as ISO-8859-1.
   */
  private static String readFinalResponse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) != -1) {
      all.write(buffer, 0, read);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      Matcher head = FINAL_HEAD.matcher(text);
      if (head.find()) {
        Matcher length = CONTENT_LENGTH.matcher(head.group());
        int bodyStart = head.end();
        if (length.find() && text.length() - bodyStart >= Integer.parseInt(length.group(1))) {
          byte[] bytes = all.toByteArray();
          String body = new String(bytes, bodyStart, bytes.length - bodyStart, UTF_8);
          return text.substring(0, bodyStart) + body;
        }
      }
    }
    throw new IOException("the connection closed before a final response: " + all);
  }

  private static final class ZeroStream extends InputStream {
    private long left;

    ZeroStream(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
