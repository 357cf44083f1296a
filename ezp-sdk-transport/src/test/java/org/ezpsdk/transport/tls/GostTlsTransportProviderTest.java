package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.Security;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportProvider;
import org.junit.jupiter.api.Test;

class GostTlsTransportProviderTest {

  private final GostTlsTransportProvider provider = new GostTlsTransportProvider();

  @Test
  void serviceLoaderFindsTlsGost() {
    assertThat(ServiceLoader.load(TransportProvider.class).stream().map(p -> p.get().name()))
        .contains("tls-gost");
  }

  @Test
  void createsLocalProxyTransport() {
    try (Transport transport =
        provider.create(
            Map.of("mode", "proxy", "proxyAddress", "127.0.0.1:18443", "readTimeout", "30s"))) {
      assertThat(transport).isInstanceOf(GostTlsTransport.class);
      assertThat(((GostTlsTransport) transport).mode())
          .isEqualTo(GostTlsTransport.Mode.LOCAL_PROXY);
      assertThat(transport.toString()).contains("proxy=127.0.0.1:18443");
      assertThat(transport.toString()).contains("readTimeout=30 s");
    }
  }

  @Test
  void rejectsMissingMode() {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> provider.create(Map.of()));

    assertThat(e.getMessage()).startsWith("tls-gost setting 'mode' is missing");
  }

  @Test
  void rejectsUnknownMode() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> provider.create(Map.of("mode", "vipnet")));

    assertThat(e.getMessage())
        .isEqualTo("tls-gost setting 'mode' must be proxy or jsse, got 'vipnet'");
  }

  @Test
  void rejectsUnknownKey() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> provider.create(Map.of("mode", "proxy", "proxyAdress", "127.0.0.1:1")));

    assertThat(e.getMessage()).startsWith("Unknown tls-gost settings [proxyAdress]");
    assertThat(e.getMessage()).contains("proxyAddress");
  }

  @Test
  void rejectsProxyAddressWithoutPort() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> provider.create(Map.of("mode", "proxy", "proxyAddress", "127.0.0.1")));

    assertThat(e.getMessage()).contains("must be host:port").contains("got '127.0.0.1'");
  }

  @Test
  void rejectsBadDuration() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                provider.create(
                    Map.of("mode", "proxy", "proxyAddress", "127.0.0.1:1", "callTimeout", "soon")));

    assertThat(e.getMessage()).contains("'callTimeout' must be a duration").contains("got 'soon'");
  }

  @Test
  void parsesShortAndIsoDurations() {
    assertThat(GostTlsTransportProvider.duration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GostTlsTransportProvider.duration("k", "5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(GostTlsTransportProvider.duration("k", "PT10S")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jsseModeWithoutJtlsNamesProviderAndAlternatives() {
    assumeTrue(Security.getProvider("JTLS") == null, "CryptoPro JTLS is installed here");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> provider.create(Map.of("mode", "jsse", "keyStoreType", "HDImageStore")));

    assertThat(e.getMessage()).startsWith("The JSSE provider JTLS for GOST TLS is not installed");
    assertThat(e.getMessage()).contains("mode=proxy").contains("ViPNet");
  }
}
