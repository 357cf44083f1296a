package org.ezpsdk.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.TransportRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransportBuilderTest {

  @TempDir static Path directory;

  private static KeyStore clientKeys;

  @BeforeAll
  static void generateClientKey() throws Exception {
    clientKeys = TestCertificates.generate(directory, "client", "sender-1", "dns:sender-1.test");
  }

  @Test
  void createUsesDefaultTimeouts() {
    try (HttpTransport transport = HttpTransport.create()) {
      assertThat(transport.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(transport.readTimeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(transport.writeTimeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(transport.callTimeout()).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void nameIsHttp() {
    try (HttpTransport transport = HttpTransport.create()) {
      assertThat(transport.name()).isEqualTo("http");
    }
  }

  @Test
  void rejectsNegativeTimeout() {
    HttpTransport.Builder builder = HttpTransport.builder().readTimeout(Duration.ofSeconds(-1));

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("readTimeout must be zero (no limit) or positive, got PT-1S");
  }

  @Test
  void listsEveryTimeoutProblem() {
    HttpTransport.Builder builder =
        HttpTransport.builder().connectTimeout(null).callTimeout(Duration.ofNanos(10));

    assertThatThrownBy(builder::build)
        .hasMessageContaining("connectTimeout is missing")
        .hasMessageContaining(
            "callTimeout must be at least 1 ms or zero (no limit), got PT0.00000001S");
  }

  @Test
  void rejectsEmptyTrustStore() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    HttpTransport.Builder builder = HttpTransport.builder().trustStore(empty);

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("trustStore contains no certificates");
  }

  @Test
  void rejectsTrustStoreNotLoaded() throws Exception {
    HttpTransport.Builder builder =
        HttpTransport.builder().trustStore(KeyStore.getInstance("PKCS12"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("trustStore is not loaded");
  }

  @Test
  void rejectsClientKeyStoreWithoutPrivateKey() throws Exception {
    KeyStore certificatesOnly = TestCertificates.trustStoreOf(clientKeys, "client");
    HttpTransport.Builder builder =
        HttpTransport.builder().clientKeyStore(certificatesOnly, "irrelevant".toCharArray());

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("clientKeyStore contains no private key");
  }

  @Test
  void rejectsWrongClientKeyPasswordWithoutShowingIt() throws Exception {
    HttpTransport.Builder builder =
        HttpTransport.builder().clientKeyStore(clientKeys, "wrong-password-value".toCharArray());

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cannot be read with the given password")
        .hasMessageNotContaining("wrong-password-value");
  }

  @Test
  void toStringShowsSettingsButNoPassword() throws Exception {
    Proxy proxy =
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.test", 3128));

    try (HttpTransport transport =
        HttpTransport.builder()
            .readTimeout(Duration.ofMillis(1500))
            .proxy(proxy)
            .clientKeyStore(clientKeys, TestCertificates.PASSWORD.toCharArray())
            .build()) {
      assertThat(transport.toString()).contains("readTimeout=1.5 s");
      assertThat(transport.toString()).contains("proxy.test");
      assertThat(transport.toString()).contains("clientCertificate=set");
      assertThat(transport.toString()).doesNotContain(TestCertificates.PASSWORD);
    }
  }

  @Test
  void rejectsExecuteAfterClose() {
    HttpTransport transport = HttpTransport.create();
    transport.close();
    TransportRequest request =
        new TransportRequest(
            "getLetter",
            "GET",
            URI.create("http://127.0.0.1:9/api/v1/letters/L-1"),
            Map.of(),
            null);

    assertThatThrownBy(() -> transport.execute(request))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void rejectsUrlThatIsNotHttp() {
    TransportRequest request =
        new TransportRequest(
            "getLetter", "GET", URI.create("ftp://127.0.0.1/api/v1/letters/L-1"), Map.of(), null);

    try (HttpTransport transport = HttpTransport.create()) {
      assertThatThrownBy(() -> transport.execute(request))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("'ftp://127.0.0.1/api/v1/letters/L-1' is not an absolute http");
    }
  }

  @Test
  void rejectsHeaderValueWithoutShowingIt() {
    TransportRequest request =
        new TransportRequest(
            "getLetter",
            "GET",
            URI.create("http://127.0.0.1:9/api/v1/letters/L-1"),
            Map.of("X-Sender-Token", "secret\nInjected: yes"),
            null);

    try (HttpTransport transport = HttpTransport.create()) {
      assertThatThrownBy(() -> transport.execute(request))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("header 'X-Sender-Token'")
          .hasMessageNotContaining("secret");
    }
  }
}
