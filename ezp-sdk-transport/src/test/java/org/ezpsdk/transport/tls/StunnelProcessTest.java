package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void assumeStunnel() {
    boolean installed = StunnelProcess.findExecutable().isPresent();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(installed).as("stunnel4 or stunnel on the PATH (required when CI=true)").isTrue();
    }
    assumeTrue(installed, "stunnel is not installed");
  }

  @Test
  void missingKeyFileIsNamed() throws Exception {
    StunnelConfig config = config(freePort());
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
    assumeStunnel();
    StunnelConfig config = config(freePort());

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
    assumeStunnel();
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
