package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local proxy mode against a plain HTTP server that stands in for the proxy. */
class GostTlsTransportLocalProxyTest {

  @TempDir Path dir;

  private MockWebServer proxy;

  @BeforeEach
  void startProxy() throws Exception {
    proxy = new MockWebServer();
    proxy.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private InetSocketAddress proxyAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.getPort());
  }

  private static TransportRequest request(String url) {
    return new TransportRequest(
        "getLetter",
        "GET",
        URI.create(url),
        Map.of("Authorization", "Basic c2VuZGVyOnRva2Vu"),
        null);
  }

  private RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest recorded = proxy.takeRequest(10, TimeUnit.SECONDS);
    assertThat(recorded).as("request received by the proxy").isNotNull();
    return recorded;
  }

  @Test
  void sendsPathAndQueryToProxy() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(200).body("[]").build());

    TransportResponse response;
    try (GostTlsTransport transport =
        GostTlsTransport.builder().localProxy(proxyAddress()).build()) {
      response =
          transport.execute(request("https://eps.example/api/v1/letters?barcode=80080152000048"));
    }

    RecordedRequest recorded = takeRequest();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(recorded.getTarget()).isEqualTo("/api/v1/letters?barcode=80080152000048");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Basic c2VuZGVyOnRva2Vu");
  }

  @Test
  void hostHeaderKeepsRealHost() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(200).build());

    try (GostTlsTransport transport =
        GostTlsTransport.builder().localProxy(proxyAddress()).build()) {
      transport.execute(request("https://eps.example/api/v1/letters/L-1"));
    }

    assertThat(takeRequest().getHeaders().get("Host")).isEqualTo("eps.example");
  }

  @Test
  void hostHeaderKeepsNonDefaultPort() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(200).build());

    try (GostTlsTransport transport =
        GostTlsTransport.builder().localProxy(proxyAddress()).build()) {
      transport.execute(request("https://eps.example:8443/api/v1/letters/L-1"));
    }

    assertThat(takeRequest().getHeaders().get("Host")).isEqualTo("eps.example:8443");
  }

  @Test
  void sendsBodyThroughProxy() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(201).body("{\"id\":\"L-1\"}").build());
    TransportRequest post =
        new TransportRequest(
            "sendLetter",
            "POST",
            URI.create("https://eps.example/api/v1/letters"),
            Map.of(),
            new TransportRequest.Bytes(
                "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

    TransportResponse response;
    try (GostTlsTransport transport =
        GostTlsTransport.builder().localProxy(proxyAddress()).build()) {
      response = transport.execute(post);
    }

    RecordedRequest recorded = takeRequest();
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsString()).isEqualTo("{\"id\":\"L-1\"}");
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getBody().utf8()).isEqualTo("{\"a\":1}");
  }

  @Test
  void rejectsRequestForOtherHostThanStunnelConnects() throws Exception {
    StunnelConfig config =
        StunnelConfig.builder()
            .acceptPort(proxy.getPort())
            .connect("eps.example", 443)
            .clientCertificate(dir.resolve("client.pem"), dir.resolve("client.key"))
            .trustedCertificates(dir.resolve("ca.pem"))
            .build();

    ConfigurationException e;
    try (GostTlsTransport transport = GostTlsTransport.builder().localProxy(config).build()) {
      e =
          catchThrowableOfType(
              ConfigurationException.class,
              () -> transport.execute(request("https://other.example/api/v1/letters/L-1")));
    }

    assertThat(e.getMessage()).contains("the request goes to other.example:443");
    assertThat(e.getMessage()).contains("connects to eps.example:443");
    assertThat(proxy.getRequestCount()).as("requests received").isZero();
  }

  @Test
  void acceptsRequestForHostStunnelConnects() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(204).build());
    StunnelConfig config =
        StunnelConfig.builder()
            .acceptPort(proxy.getPort())
            .connect("EPS.example", 443)
            .clientCertificate(dir.resolve("client.pem"), dir.resolve("client.key"))
            .trustedCertificates(dir.resolve("ca.pem"))
            .build();

    TransportResponse response;
    try (GostTlsTransport transport = GostTlsTransport.builder().localProxy(config).build()) {
      response = transport.execute(request("https://eps.example:443/api/v1/letters/L-1"));
    }

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void proxyDownNamesProxyAndItsLog() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    InetSocketAddress nothingListens =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort);

    TransportException e;
    try (GostTlsTransport transport =
        GostTlsTransport.builder().localProxy(nothingListens).build()) {
      e =
          catchThrowableOfType(
              TransportException.class,
              () -> transport.execute(request("https://eps.example/api/v1/letters/L-1")));
    }

    assertThat(e.getMessage())
        .startsWith(
            "getLetter GET https://eps.example/api/v1/letters/L-1 through the local GOST TLS"
                + " proxy at 127.0.0.1:"
                + freePort
                + " failed: ");
    assertThat(e.getMessage()).contains("check the proxy's log");
    assertThat(e.requestMayHaveArrived()).isFalse();
  }

  @Test
  void requiresExactlyOneMode() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> GostTlsTransport.builder().build());

    assertThat(e.getMessage()).contains("needs exactly one mode, got neither");
  }

  @Test
  void describesModeAndProxy() {
    try (GostTlsTransport transport =
        GostTlsTransport.builder().localProxy(proxyAddress()).build()) {
      assertThat(transport.name()).isEqualTo("tls-gost");
      assertThat(transport.mode()).isEqualTo(GostTlsTransport.Mode.LOCAL_PROXY);
      assertThat(transport.toString())
          .startsWith("GostTlsTransport[mode=LOCAL_PROXY, proxy=127.0.0.1:" + proxy.getPort());
    }
  }
}
