package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start failures of stunnel, with the real program where one is needed. */
class StunnelProcessTest {

  @TempDir Path dir;

  private StunnelConfig config(int port) throws Exception {
    Path certificate = Files.writeString(dir.resolve("client.pem"), "not a certificate\n");
    Path key = Files.writeString(dir.resolve("client.key"), "not a key\n");
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a CA\n");
    return StunnelConfig.builder()
        .acceptPort(port)
        .connect("127.0.0.1", 9)
        .clientCertificate(certificate, key)
        .trustedCertificates(ca)
        .build();
  }

  @Test
  void missingKeyFileIsNamed() throws Exception {
    StunnelConfig config = config(GostTlsFixture.freePort());
    Files.delete(config.keyFile());

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> StunnelProcess.start(config, dir.resolve("run")));

    assertThat(e.getMessage())
        .isEqualTo(
            "The stunnel clientCertificate (key PEM) file '"
                + config.keyFile()
                + "' does not exist or is not readable; check the path and its permissions");
  }

  @Test
  void exitBeforeListeningReportsLog() throws Exception {
    GostTlsFixture.requireStunnel();
    StunnelConfig config = config(GostTlsFixture.freePort());

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> StunnelProcess.start(config, dir.resolve("run")));

    assertThat(e.getMessage()).contains("exited with code");
    assertThat(e.getMessage())
        .contains("before listening on 127.0.0.1:" + config.acceptAddress().getPort());
    assertThat(e.getMessage()).contains("its log (" + dir.resolve("run/stunnel.log") + ")");
    assertThat(e.getMessage()).contains("stunnel");
  }

  @Test
  void acceptAddressInUseIsRejected() throws Exception {
    GostTlsFixture.requireStunnel();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StunnelConfig config = config(taken.getLocalPort());

      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class, () -> StunnelProcess.start(config, dir.resolve("run")));

      assertThat(e.getMessage())
          .isEqualTo(
              "The stunnel accept address 127.0.0.1:"
                  + taken.getLocalPort()
                  + " is already in use by another program; choose a free port");
    }
  }
}
