package org.ezpsdk.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransportTlsTest {

  @TempDir static Path directory;

  private static KeyStore serverKeys;
  private static KeyStore serverTrust;
  private static KeyStore clientKeys;
  private static KeyStore clientTrust;
  private static KeyStore otherHostKeys;

  private MockWebServer server;

  @BeforeAll
  static void generateCertificates() throws Exception {
    serverKeys = TestCertificates.generate(directory, "server", "127.0.0.1", "ip:127.0.0.1");
    serverTrust = TestCertificates.trustStoreOf(serverKeys, "server");
    clientKeys = TestCertificates.generate(directory, "client", "sender-1", "dns:sender-1.test");
    clientTrust = TestCertificates.trustStoreOf(clientKeys, "client");
    otherHostKeys = TestCertificates.generate(directory, "other", "other.test", "dns:other.test");
  }

  @BeforeEach
  void createServer() {
    server = new MockWebServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void startHttps(SSLContext context) throws IOException {
    server.useHttps(context.getSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  private TransportRequest getLetter() {
    return new TransportRequest(
        "getLetter",
        "GET",
        URI.create("https://127.0.0.1:" + server.getPort() + "/api/v1/letters/L-1"),
        Map.of("Authorization", "Basic c2VuZGVyOnRva2Vu"),
        null);
  }

  @Test
  void rejectsSelfSignedCertificateWithoutTrustStore() throws Exception {
    startHttps(TestCertificates.serverContext(serverKeys, null));
    server.enqueue(new MockResponse.Builder().code(200).build());

    TransportException e;
    try (HttpTransport transport = HttpTransport.create()) {
      e = catchThrowableOfType(TransportException.class, () -> transport.execute(getLetter()));
    }

    assertThat(e).as("TransportException thrown").isNotNull();
    assertThat(e.requestMayHaveArrived()).isFalse();
    assertThat(e.getMessage()).contains("the server's certificate is not trusted: ");
    assertThat(e.getMessage()).contains("add the issuing CA to the trust store");
    assertThat(server.getRequestCount()).as("requests received").isZero();
  }

  @Test
  void acceptsCertificateFromTrustStore() throws Exception {
    startHttps(TestCertificates.serverContext(serverKeys, null));
    server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"L-1\"}").build());

    TransportResponse response;
    try (HttpTransport transport = HttpTransport.builder().trustStore(serverTrust).build()) {
      response = transport.execute(getLetter());
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).isEqualTo("{\"id\":\"L-1\"}");
  }

  @Test
  void rejectsTrustedCertificateForOtherHost() throws Exception {
    startHttps(TestCertificates.serverContext(otherHostKeys, null));
    server.enqueue(new MockResponse.Builder().code(200).build());
    KeyStore trustOther = TestCertificates.trustStoreOf(otherHostKeys, "other");

    TransportException e;
    try (HttpTransport transport = HttpTransport.builder().trustStore(trustOther).build()) {
      e = catchThrowableOfType(TransportException.class, () -> transport.execute(getLetter()));
    }

    assertThat(e).as("TransportException thrown").isNotNull();
    assertThat(e.requestMayHaveArrived()).isFalse();
    assertThat(e.getMessage()).contains("the server's certificate does not match host 127.0.0.1");
  }

  @Test
  void sendsClientCertificateForMutualTls() throws Exception {
    startHttps(TestCertificates.serverContext(serverKeys, clientTrust));
    server.requireClientAuth();
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpTransport transport =
        HttpTransport.builder()
            .trustStore(serverTrust)
            .clientKeyStore(clientKeys, TestCertificates.PASSWORD.toCharArray())
            .build();

    TransportResponse response;
    try (transport) {
      response = transport.execute(getLetter());
    }

    RecordedRequest recorded = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(recorded).as("request recorded by the server").isNotNull();
    assertThat(recorded.getHandshake().peerPrincipal().getName()).isEqualTo("CN=sender-1");
  }

  @Test
  void failsWithoutClientCertificateWhenServerRequiresOne() throws Exception {
    // Under TLS 1.3 the server rejects a missing client certificate only after the client has
    // finished its handshake, so the client may see a broken pipe instead; TLS 1.2 rejects it
    // inside the handshake, which makes the outcome deterministic.
    server.useHttps(
        new Tls12OnlySocketFactory(
            TestCertificates.serverContext(serverKeys, clientTrust).getSocketFactory()));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.requireClientAuth();
    server.enqueue(new MockResponse.Builder().code(200).build());

    TransportException e;
    try (HttpTransport transport = HttpTransport.builder().trustStore(serverTrust).build()) {
      e = catchThrowableOfType(TransportException.class, () -> transport.execute(getLetter()));
    }

    assertThat(e).as("TransportException thrown").isNotNull();
    assertThat(e.getMessage()).contains("client certificate");
    assertThat(server.getRequestCount()).as("requests received").isZero();
  }
}
