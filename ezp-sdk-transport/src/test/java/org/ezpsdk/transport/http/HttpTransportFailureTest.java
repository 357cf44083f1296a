package org.ezpsdk.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.TransportRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportFailureTest {

  private static final String AUTHORIZATION = "Basic c2VuZGVyLTE6c2VjcmV0LXRva2Vu";

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static TransportRequest sendLetter(int port) {
    return new TransportRequest(
        "sendLetter",
        "POST",
        URI.create("http://127.0.0.1:" + port + "/api/v1/letters"),
        Map.of("Authorization", AUTHORIZATION, "Idempotency-Key", "80080012345678"),
        new TransportRequest.Bytes(
            "application/json",
            "{\"barcode\":\"80080012345678\"}".getBytes(StandardCharsets.UTF_8)));
  }

  /** Returns a loopback port on which nothing listens. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static TransportException failureOf(HttpTransport transport, TransportRequest request) {
    TransportException e =
        catchThrowableOfType(TransportException.class, () -> transport.execute(request));
    assertThat(e).as("TransportException thrown").isNotNull();
    return e;
  }

  @Test
  void connectionRefusedIsReportedAsNotSent() throws IOException {
    int port = closedPort();

    TransportException e;
    try (HttpTransport transport = HttpTransport.create()) {
      e = failureOf(transport, sendLetter(port));
    }

    assertThat(e.requestMayHaveArrived()).isFalse();
    assertThat(e.getMessage()).contains("could not connect to 127.0.0.1:" + port);
    assertThat(e.getMessage()).contains("check the endpoint and that the tunnel or proxy is up");
    assertThat(e.getMessage())
        .startsWith("sendLetter POST http://127.0.0.1:" + port + "/api/v1/letters failed: ");
    assertThat(e.getMessage()).doesNotContain(AUTHORIZATION);
  }

  @Test
  void readTimeoutIsReportedAsMaybeArrived() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    TransportException e;
    try (HttpTransport transport =
        HttpTransport.builder().readTimeout(Duration.ofSeconds(1)).build()) {
      e = failureOf(transport, sendLetter(server.getPort()));
    }

    assertThat(e.requestMayHaveArrived()).isTrue();
    assertThat(e.getMessage()).contains("timed out after 1 s waiting for the response");
    assertThat(e.getMessage()).contains("check its outcome before sending it again");
    assertThat(e.getMessage()).doesNotContain(AUTHORIZATION);
    RecordedRequest recorded = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(recorded).as("request recorded by the server").isNotNull();
  }

  @Test
  void callTimeoutNamesWholeCallLimit() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    TransportException e;
    try (HttpTransport transport =
        HttpTransport.builder()
            .readTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(1))
            .build()) {
      e = failureOf(transport, sendLetter(server.getPort()));
    }

    assertThat(e.requestMayHaveArrived()).isTrue();
    assertThat(e.getMessage()).contains("timed out after 1 s, the limit for the whole call");
  }

  @Test
  void postIsSentOnceWhenConnectionDrops() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().code(200).body("second attempt").build());

    TransportException e;
    try (HttpTransport transport = HttpTransport.create()) {
      e = failureOf(transport, sendLetter(server.getPort()));
    }

    assertThat(server.getRequestCount()).as("requests received").isEqualTo(1);
    assertThat(e.requestMayHaveArrived()).isTrue();
    assertThat(e.getMessage())
        .contains(
            "the server closed the connection after the request was sent, without a response");
  }

  @Test
  void postIsSentOnceWhenPooledConnectionDrops() {
    // OkHttp retries silently, when allowed, after a failure on a reused connection.
    server.enqueue(new MockResponse.Builder().code(200).body("first call").build());
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().code(200).body("silent retry").build());

    TransportException e;
    try (HttpTransport transport = HttpTransport.create()) {
      transport.execute(sendLetter(server.getPort()));
      e = failureOf(transport, sendLetter(server.getPort()));
    }

    assertThat(server.getRequestCount()).as("requests received").isEqualTo(2);
    assertThat(e.requestMayHaveArrived()).isTrue();
  }

  @Test
  void sendsThroughProxy() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200).body("via proxy").build());
    Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", server.getPort()));
    TransportRequest request =
        new TransportRequest(
            "getLetter",
            "GET",
            URI.create("http://10.255.255.1:8080/api/v1/letters/L-1"),
            Map.of(),
            null);

    try (HttpTransport transport = HttpTransport.builder().proxy(proxy).build()) {
      assertThat(transport.execute(request).bodyAsString()).isEqualTo("via proxy");
    }

    RecordedRequest recorded = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(recorded).as("request recorded by the proxy").isNotNull();
    assertThat(recorded.getTarget()).isEqualTo("http://10.255.255.1:8080/api/v1/letters/L-1");
  }

  @Test
  void unreachableProxyIsNamed() throws IOException {
    int port = closedPort();
    Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", port));

    TransportException e;
    try (HttpTransport transport = HttpTransport.builder().proxy(proxy).build()) {
      e = failureOf(transport, sendLetter(8080));
    }

    assertThat(e.requestMayHaveArrived()).isFalse();
    assertThat(e.getMessage()).contains("could not connect to the proxy 127.0.0.1:" + port);
  }

  @Test
  void toStringHidesRequestHeaders() {
    server.enqueue(new MockResponse.Builder().code(200).build());

    try (HttpTransport transport = HttpTransport.create()) {
      transport.execute(sendLetter(server.getPort()));

      assertThat(transport.toString()).doesNotContain(AUTHORIZATION);
      assertThat(transport.toString()).doesNotContain("c2VjcmV0LXRva2Vu");
    }
  }
}
