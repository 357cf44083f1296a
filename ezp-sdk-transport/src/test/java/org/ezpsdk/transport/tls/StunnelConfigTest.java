package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StunnelConfigTest {

  @TempDir Path dir;

  private StunnelConfig.Builder base() {
    return StunnelConfig.builder()
        .acceptPort(18443)
        .connect("eps.test.russianpost.ru", 443)
        .clientCertificate(dir.resolve("client.pem"), dir.resolve("client.key"))
        .trustedCertificates(dir.resolve("ca.pem"));
  }

  private static List<String> lines(StunnelConfig config) {
    return config.render().lines().toList();
  }

  @Test
  void rendersClientServiceWithVerification() {
    List<String> lines = lines(base().build());

    assertThat(lines)
        .containsSubsequence(
            "foreground = yes",
            "[ezp-eps]",
            "client = yes",
            "accept = 127.0.0.1:18443",
            "connect = eps.test.russianpost.ru:443",
            "cert = " + dir.resolve("client.pem").toAbsolutePath(),
            "key = " + dir.resolve("client.key").toAbsolutePath(),
            "CAfile = " + dir.resolve("ca.pem").toAbsolutePath(),
            "verifyChain = yes",
            "checkHost = eps.test.russianpost.ru",
            "sni = eps.test.russianpost.ru",
            "sslVersion = TLSv1.2",
            "ciphers = GOST2012-KUZNYECHIK-KUZNYECHIKOMAC");
  }

  @Test
  void loadsGostEngineByIdByDefault() {
    List<String> lines = lines(base().build());

    assertThat(lines).contains("engine = gost", "engineDefault = ALL");
    assertThat(lines).noneMatch(line -> line.startsWith("engineCtrl"));
  }

  @Test
  void loadsGivenEngineLibraryThroughDynamic() {
    Path library = dir.resolve("engines-3/gost.so");

    List<String> lines = lines(base().gostEngine(library).build());

    assertThat(lines)
        .containsSubsequence(
            "engine = dynamic",
            "engineCtrl = SO_PATH:" + library.toAbsolutePath(),
            "engineCtrl = ID:gost",
            "engineCtrl = LOAD",
            "engineDefault = ALL");
  }

  @Test
  void checksIpAddressWithoutSni() {
    List<String> lines = lines(base().connect("127.0.0.1", 9443).build());

    assertThat(lines).contains("connect = 127.0.0.1:9443", "checkIP = 127.0.0.1");
    assertThat(lines).noneMatch(line -> line.startsWith("checkHost") || line.startsWith("sni"));
  }

  @Test
  void explicitCheckHostAndSniReplaceDefaults() {
    List<String> lines =
        lines(
            base().connect("10.0.0.5", 443).checkHost("eps.example").sni("front.example").build());

    assertThat(lines).contains("checkHost = eps.example", "sni = front.example");
    assertThat(lines).noneMatch(line -> line.startsWith("checkIP"));
  }

  @Test
  void magmaSuiteIsRendered() {
    List<String> lines = lines(base().cipherSuite(GostCipherSuite.MAGMA).build());

    assertThat(lines).contains("ciphers = GOST2012-MAGMA-MAGMAOMAC");
  }

  @Test
  void connectFromEndpointDefaultsToPort443() {
    StunnelConfig config = base().connect(URI.create("https://eps.example/api/")).build();

    assertThat(config.connectHost()).isEqualTo("eps.example");
    assertThat(config.connectPort()).isEqualTo(443);
  }

  @Test
  void pidAndLogFilesAreRendered() {
    Path pid = dir.resolve("stunnel.pid");
    Path log = dir.resolve("stunnel.log");

    List<String> lines = lines(base().pidFile(pid).logFile(log).logLevel(6).build());

    assertThat(lines)
        .contains("pid = " + pid.toAbsolutePath(), "output = " + log.toAbsolutePath(), "debug = 6");
  }

  @Test
  void writesConfigurationFile() throws Exception {
    StunnelConfig config = base().build();

    Path file = config.write(dir.resolve("conf/stunnel.conf"));

    assertThat(Files.readString(file)).isEqualTo(config.render());
  }

  @Test
  void rejectsNonLoopbackAccept() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> base().accept(new InetSocketAddress("8.8.8.8", 18443)).build());

    assertThat(e.getMessage()).contains("accept must be a loopback address");
    assertThat(e.getMessage()).contains("8.8.8.8");
  }

  @Test
  void rejectsPortZero() {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> base().acceptPort(0).build());

    assertThat(e.getMessage()).contains("acceptPort must be from 1 to 65535");
  }

  @Test
  void listsEveryMissingSetting() {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> StunnelConfig.builder().build());

    assertThat(e.getMessage()).contains("acceptPort is missing");
    assertThat(e.getMessage()).contains("connect host is missing");
    assertThat(e.getMessage()).contains("clientCertificate (certificate PEM) is missing");
    assertThat(e.getMessage()).contains("clientCertificate (key PEM) is missing");
    assertThat(e.getMessage()).contains("trustedCertificates is missing");
  }

  @Test
  void rejectsLineBreakInValue() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> base().checkHost("eps.example\nverifyChain = no").build());

    assertThat(e.getMessage()).contains("checkHost must be a host name without spaces");
  }

  @Test
  void rejectsLineBreakInPath() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> base().trustedCertificates(Path.of("/tmp/ca.pem\nverifyChain = no")).build());

    assertThat(e.getMessage()).contains("trustedCertificates must be a path without line breaks");
  }

  @Test
  void rejectsLogLevelOutOfRange() {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> base().logLevel(8).build());

    assertThat(e.getMessage()).contains("logLevel must be from 0 to 7, got 8");
  }
}
