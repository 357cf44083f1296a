package org.ezpsdk.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every transport must show, run against a local HTTP server: responses of every
 * status returned rather than thrown, headers carried to the server, timeouts and TLS failures
 * reported as {@link TransportException} of the right kind, a 50 MB file part streamed intact, and
 * the {@code Authorization} value kept out of every message and {@code toString()}.
 *
 * <p>A subclass supplies the transport and the URI through which it reaches the test server. The
 * server is a plain HTTP server on 127.0.0.1 unless {@link #createServer()} is overridden (an HTTPS
 * subclass returns an {@code HttpsServer}); a transport that needs a relay in front of the server,
 * such as a GOST TLS terminator, starts it in {@link #baseUri(InetSocketAddress)}.
 */
public abstract class TransportContractTest {

  /** A token that must never appear in any message or string form. */
  protected static final String CANARY_TOKEN = "canary-token-7f3c9e1a";

  protected static final String AUTHORIZATION =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("contract-sender:" + CANARY_TOKEN).getBytes(StandardCharsets.UTF_8));

  private static final int LARGE_FILE_BYTES = 50 * 1024 * 1024;

  @TempDir protected Path files;

  private HttpServer server;
  private ExecutorService serverThreads;
  private final List<Map<String, String>> receivedHeaders = new CopyOnWriteArrayList<>();
  private URI baseUri;

  /**
   * Creates the transport under test.
   *
   * @param readTimeout the limit for each read, short in the timeout test
   */
  protected abstract Transport createTransport(Duration readTimeout);

  /**
   * Returns the base URI by which the transport reaches the test server, such as {@code
   * http://127.0.0.1:PORT/}.
   *
   * @param server the address the test server listens on
   */
  protected abstract URI baseUri(InetSocketAddress server) throws Exception;

  /**
   * Returns a transport that does not trust the server's certificate, or {@code null} for a
   * transport without TLS, which skips the trust test.
   */
  protected Transport createUntrustingTransport() throws Exception {
    return null;
  }

  /** Creates the unstarted test server on 127.0.0.1 and a free port; plain HTTP by default. */
  protected HttpServer createServer() throws Exception {
    return HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
  }

  @BeforeEach
  void startServer() throws Exception {
    server = createServer();
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    server.createContext("/", this::handle);
    server.start();
    baseUri = baseUri(server.getAddress());
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private TransportRequest get(String path) {
    return new TransportRequest(
        "contract",
        "GET",
        baseUri.resolve(path),
        Map.of("Authorization", AUTHORIZATION, "Accept", "application/json"),
        null);
  }

  @Test
  void returnsSuccessfulResponse() throws Exception {
    TransportResponse response;
    try (Transport transport = createTransport(Duration.ofSeconds(10))) {
      response = transport.execute(get("status/200"));
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).isEqualTo("{\"status\":200}");
    assertThat(response.header("x-contract")).isEqualTo("yes");
  }

  @Test
  void postsBodyAndReturnsCreated() throws Exception {
    TransportRequest post =
        new TransportRequest(
            "contract",
            "POST",
            baseUri.resolve("status/201"),
            Map.of("Authorization", AUTHORIZATION),
            new TransportRequest.Bytes(
                "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

    TransportResponse response;
    try (Transport transport = createTransport(Duration.ofSeconds(10))) {
      response = transport.execute(post);
    }

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsString()).isEqualTo("{\"status\":201}");
  }

  @Test
  void returnsClientErrorAsResponse() throws Exception {
    TransportResponse response;
    try (Transport transport = createTransport(Duration.ofSeconds(10))) {
      response = transport.execute(get("status/404"));
    }

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.isSuccessful()).isFalse();
  }

  @Test
  void returnsServerErrorWithRetryAfter() throws Exception {
    TransportResponse response;
    try (Transport transport = createTransport(Duration.ofSeconds(10))) {
      response = transport.execute(get("status/503"));
    }

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("3");
  }

  @Test
  void carriesIdempotencyKeyAndAuthorization() throws Exception {
    TransportRequest request = get("status/200").withHeader("Idempotency-Key", "80080152000048");

    try (Transport transport = createTransport(Duration.ofSeconds(10))) {
      transport.execute(request);
    }

    assertThat(receivedHeaders).hasSize(1);
    assertThat(receivedHeaders.get(0).get("idempotency-key")).isEqualTo("80080152000048");
    assertThat(receivedHeaders.get(0).get("authorization")).isEqualTo(AUTHORIZATION);
  }

  @Test
  void slowResponseTimesOutAfterArrival() throws Exception {
    TransportException e;
    try (Transport transport = createTransport(Duration.ofMillis(300))) {
      e = catchThrowableOfType(TransportException.class, () -> transport.execute(get("slow")));
    }

    assertThat(e).as("TransportException thrown").isNotNull();
    assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
    assertThat(e.retryable()).isTrue();
    assertThat(e.requestMayHaveArrived()).isTrue();
    assertThat(e.getMessage()).doesNotContain(CANARY_TOKEN);
    assertThat(e.getMessage()).doesNotContain(AUTHORIZATION);
  }

  @Test
  void streamsLargeFilePartIntact() throws Exception {
    Path file = files.resolve("large.bin");
    String expected = TestFiles.writeRandom(file, LARGE_FILE_BYTES);
    TransportRequest upload =
        new TransportRequest(
            "contract",
            "POST",
            baseUri.resolve("upload"),
            Map.of("Authorization", AUTHORIZATION),
            TransportRequest.Multipart.builder()
                .add(
                    TransportRequest.Part.ofFile(
                        "attachment", "large.bin", "application/octet-stream", file))
                .build());

    TransportResponse response;
    try (Transport transport = createTransport(Duration.ofSeconds(60))) {
      response = transport.execute(upload);
    }

    assertThat(response.statusCode())
        .as("status; body: %s", response.bodyAsString())
        .isEqualTo(200);
    assertThat(response.bodyAsString()).isEqualTo(expected + " " + LARGE_FILE_BYTES);
  }

  @Test
  void rejectsUntrustedCertificate() throws Exception {
    Transport untrusting = createUntrustingTransport();
    assumeTrue(untrusting != null, "the transport under test does not use TLS");

    TransportException e;
    try (untrusting) {
      e =
          catchThrowableOfType(
              TransportException.class, () -> untrusting.execute(get("status/200")));
    }

    assertThat(e).as("TransportException thrown").isNotNull();
    assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
    assertThat(e.retryable()).isFalse();
    assertThat(e.requestMayHaveArrived()).isFalse();
    assertThat(e.getMessage()).containsIgnoringCase("certificate");
    assertThat(receivedHeaders).as("requests received by the server").isEmpty();
  }

  @Test
  void keepsAuthorizationOutOfStrings() throws Exception {
    TransportRequest request = get("status/401");

    TransportResponse response;
    String transportText;
    try (Transport transport = createTransport(Duration.ofSeconds(10))) {
      response = transport.execute(request);
      transportText = transport.toString();
    }

    assertThat(response.statusCode()).isEqualTo(401);
    for (String text : List.of(request.toString(), response.toString(), transportText)) {
      assertThat(text).doesNotContain(CANARY_TOKEN);
      assertThat(text).doesNotContain(AUTHORIZATION.substring(6));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      receivedHeaders.add(headersOf(exchange));
      if (path.startsWith("/status/")) {
        int status = Integer.parseInt(path.substring("/status/".length()));
        discard(exchange.getRequestBody());
        exchange.getResponseHeaders().set("X-Contract", "yes");
        if (status == 503) {
          exchange.getResponseHeaders().set("Retry-After", "3");
        }
        respond(exchange, status, "{\"status\":" + status + "}");
      } else if (path.equals("/slow")) {
        Thread.sleep(5_000);
        respond(exchange, 200, "late");
      } else if (path.equals("/upload")) {
        respond(exchange, 200, hashSinglePart(exchange));
      } else {
        respond(exchange, 404, "{}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> headersOf(HttpExchange exchange) {
    Map<String, String> headers = new java.util.HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
    return headers;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void discard(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }

  /**
   * Reads a multipart body of one part as a stream and returns the SHA-256 of the part's content
   * and its length. The last bytes are held back until the end, because the closing delimiter
   * follows the content.
   */
  private static String hashSinglePart(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
    byte[] trailer = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    InputStream in = exchange.getRequestBody();
    skipPartHeaders(in);

    MessageDigest digest = sha256();
    byte[] held = new byte[0];
    byte[] buffer = new byte[64 * 1024];
    long length = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      byte[] joined = Arrays.copyOf(held, held.length + read);
      System.arraycopy(buffer, 0, joined, held.length, read);
      int release = Math.max(0, joined.length - trailer.length);
      digest.update(joined, 0, release);
      length += release;
      held = Arrays.copyOfRange(joined, release, joined.length);
    }
    if (!Arrays.equals(held, trailer)) {
      return "body does not end with the closing delimiter";
    }
    return HexFormat.of().formatHex(digest.digest()) + " " + length;
  }

  /** Reads up to and including the blank line that ends the part's headers. */
  private static void skipPartHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int next;
    while (matched < end.length && (next = in.read()) != -1) {
      matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
