package org.ezpsdk.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportProvider;
import org.ezpsdk.core.spi.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransportProviderTest {

  @TempDir Path directory;

  @Test
  void httpIsFoundByName() {
    assertThat(Transports.available()).extracting(TransportProvider::name).contains("http");
  }

  @Test
  void createsTransportWithTimeouts() {
    Map<String, String> settings =
        Map.of(
            "connectTimeout", "2s",
            "readTimeout", "500ms",
            "writeTimeout", "3m",
            "callTimeout", "1h");

    try (Transport transport = Transports.create("http", settings)) {
      HttpTransport http = (HttpTransport) transport;
      assertThat(http.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(http.readTimeout()).isEqualTo(Duration.ofMillis(500));
      assertThat(http.writeTimeout()).isEqualTo(Duration.ofMinutes(3));
      assertThat(http.callTimeout()).isEqualTo(Duration.ofHours(1));
    }
  }

  @Test
  void zeroMeansNoLimit() {
    try (Transport transport = Transports.create("http", Map.of("callTimeout", "0"))) {
      assertThat(((HttpTransport) transport).callTimeout()).isZero();
    }
  }

  @Test
  void readsProxyAndPool() {
    Map<String, String> settings =
        Map.of("proxy", "proxy.example:3128", "maxIdleConnections", "2", "keepAlive", "30s");

    try (Transport transport = Transports.create("http", settings)) {
      assertThat(transport.toString()).contains("proxy=HTTP @ proxy.example");
      assertThat(transport.toString()).contains("maxIdleConnections=2");
      assertThat(transport.toString()).contains("keepAlive=30 s");
    }
  }

  @Test
  void listsEveryInvalidSetting() {
    Map<String, String> settings =
        Map.of(
            "readTimout", "10s",
            "connectTimeout", "10 seconds",
            "proxy", "proxy.example",
            "maxIdleConnections", "many");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Transports.create("http", settings));

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("unknown key 'readTimout'");
    assertThat(e.getMessage()).contains("connectTimeout '10 seconds' is not a duration");
    assertThat(e.getMessage()).contains("proxy 'proxy.example' is not host:port");
    assertThat(e.getMessage()).contains("maxIdleConnections 'many' is not a whole number");
    assertThat(e.getMessage()).contains("the keys are callTimeout, connectTimeout");
  }

  @Test
  void loadsTrustStoreFile() throws Exception {
    KeyStore keys = TestCertificates.generate(directory, "server", "127.0.0.1", "ip:127.0.0.1");
    Path trustFile = directory.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trustFile)) {
      TestCertificates.trustStoreOf(keys, "server")
          .store(out, TestCertificates.PASSWORD.toCharArray());
    }
    Map<String, String> settings =
        Map.of("trustStore", trustFile.toString(), "trustStorePassword", TestCertificates.PASSWORD);

    try (Transport transport = Transports.create("http", settings)) {
      assertThat(transport.toString()).contains("trustStore=custom");
      assertThat(transport.toString()).doesNotContain(TestCertificates.PASSWORD);
    }
  }

  @Test
  void wrongTrustStorePasswordIsNotQuoted() throws Exception {
    KeyStore keys = TestCertificates.generate(directory, "server", "127.0.0.1", "ip:127.0.0.1");
    Path trustFile = directory.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trustFile)) {
      TestCertificates.trustStoreOf(keys, "server")
          .store(out, TestCertificates.PASSWORD.toCharArray());
    }
    String wrongPassword = "canary-password-5d2e";
    Map<String, String> settings =
        Map.of("trustStore", trustFile.toString(), "trustStorePassword", wrongPassword);

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Transports.create("http", settings));

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("cannot be read as PKCS#12");
    assertThat(e.getMessage()).doesNotContain(wrongPassword);
  }

  @Test
  void missingTrustStoreFileIsNamed() {
    Path missing = directory.resolve("missing.p12");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Transports.create("http", Map.of("trustStore", missing.toString())));

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("trustStore '" + missing + "' is not a readable file");
  }
}
