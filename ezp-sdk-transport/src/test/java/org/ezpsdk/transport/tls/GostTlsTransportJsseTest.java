package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSSE mode: the failure without CryptoPro JTLS, the provider lookup, and the TLS context
 * handed to OkHttp, shown with the JDK's own SunJSSE provider in place of a GOST one.
 */
class GostTlsTransportJsseTest {

  @TempDir Path dir;

  @Test
  void missingJtlsFailsAtBuildWithAlternatives() {
    assumeTrue(Security.getProvider("JTLS") == null, "CryptoPro JTLS is installed here");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                GostTlsTransport.builder()
                    .jsseProvider(
                        GostTlsTransport.DEFAULT_JSSE_PROVIDER,
                        GostTlsTransport.DEFAULT_JSSE_PROVIDER_CLASS)
                    .build());

    assertThat(e.getMessage()).startsWith("The JSSE provider JTLS for GOST TLS is not installed");
    assertThat(e.getMessage()).contains("class ru.CryptoPro.ssl.Provider is not on the class path");
    assertThat(e.getMessage()).contains("local proxy mode (mode=proxy, a stunnel on OpenSSL");
    assertThat(e.getMessage()).contains("the ViPNet channel with the http transport");
  }

  @Test
  void findsUnregisteredProviderByClassName() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                GostTlsTransport.builder()
                    .jsseProvider(
                        UnregisteredTestProvider.NAME, UnregisteredTestProvider.class.getName())
                    .build());

    assertThat(e.getMessage())
        .isEqualTo(
            "JSSE provider EZP-TEST-UNREGISTERED has no SSLContext 'GostTLSv1.2'; set jsseProtocol"
                + " to one it offers: none");
    assertThat(Security.getProvider(UnregisteredTestProvider.NAME)).isNull();
  }

  @Test
  void rejectsClassThatIsNotProvider() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                GostTlsTransport.builder()
                    .jsseProvider("NOT-A-PROVIDER", "java.lang.String")
                    .build());

    assertThat(e.getMessage())
        .contains("jsseProviderClass java.lang.String is not a java.security.Provider");
  }

  @Test
  void namesAlgorithmsProviderOffers() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> GostTlsTransport.builder().jsseProvider("SunJSSE", null).build());

    assertThat(e.getMessage()).startsWith("JSSE provider SunJSSE has no SSLContext 'GostTLSv1.2'");
    assertThat(e.getMessage()).contains("TLSv1.2");
  }

  @Test
  void requiresClientKeyStore() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                GostTlsTransport.builder()
                    .jsseProvider("SunJSSE", null)
                    .jsseProtocol("TLSv1.2")
                    .build());

    assertThat(e.getMessage()).startsWith("clientKeyStore is missing");
  }

  @Test
  void providerContextCarriesMutualTls() throws Exception {
    KeyStore server = KeytoolStores.generate(dir, "server", "ip:127.0.0.1");
    KeyStore client = KeytoolStores.generate(dir, "sender-1", "dns:sender-1.test");
    try (MockWebServer https = new MockWebServer()) {
      https.useHttps(
          KeytoolStores.serverContext(server, KeytoolStores.trusting(client, "sender-1"))
              .getSocketFactory());
      https.requireClientAuth();
      https.start(InetAddress.getByName("127.0.0.1"), 0);
      https.enqueue(new MockResponse.Builder().code(200).body("ok").build());

      TransportResponse response;
      try (GostTlsTransport transport =
          GostTlsTransport.builder()
              .jsseProvider("SunJSSE", null)
              .jsseProtocol("TLSv1.2")
              .keyManagerAlgorithm("SunX509")
              .trustManagerAlgorithm("PKIX")
              .clientKeyStore(client, KeytoolStores.PASSWORD.toCharArray())
              .trustStore(KeytoolStores.trusting(server, "server"))
              .build()) {
        assertThat(transport.mode()).isEqualTo(GostTlsTransport.Mode.JSSE);
        response =
            transport.execute(
                new TransportRequest(
                    "getLetter",
                    "GET",
                    URI.create("https://127.0.0.1:" + https.getPort() + "/api/v1/letters/L-1"),
                    Map.of(),
                    null));
      }

      RecordedRequest recorded = https.takeRequest(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(recorded).as("request received").isNotNull();
      assertThat(recorded.getHandshake().peerPrincipal().getName()).isEqualTo("CN=sender-1");
      assertThat(recorded.getHandshake().tlsVersion().javaName()).isEqualTo("TLSv1.2");
    }
  }
}
