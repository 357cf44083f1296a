package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.signing.OpenSsl;
import org.ezpsdk.transport.TransportContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract for tls-gost in local proxy mode: the transport sends plain HTTP to a
 * client stunnel made from {@link StunnelConfig}, which opens mutual TLS 1.2 with
 * GOST2012-KUZNYECHIK-KUZNYECHIKOMAC to a server stunnel in front of the test server. Certificates
 * come from OpenSSL with gost-engine. Skipped when stunnel or gost-engine is missing, except when
 * CI is "true", where it fails.
 *
 * <p>The trust test of the contract is skipped: behind the proxy an untrusted server certificate
 * reaches the SDK as a dropped connection, not as a TLS failure. The end-to-end test of the testkit
 * checks that case through the proxy's log.
 */
class GostTlsTransportContractTest extends TransportContractTest {

  @TempDir static Path certificates;

  private static OpenSsl openSsl;
  private static Path stunnel;

  private StunnelProcess server;
  private StunnelProcess client;
  private StunnelConfig clientConfig;

  @BeforeAll
  static void makeCertificates() throws Exception {
    openSsl = OpenSsl.withGostEngine(certificates);
    stunnel = StunnelProcess.findExecutable().orElse(null);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(stunnel).as("stunnel4 or stunnel on the PATH (required when CI=true)").isNotNull();
    }
    assumeTrue(stunnel != null, "stunnel is not installed");

    openSsl.runOk(
        "req",
        "-x509",
        "-newkey",
        "gost2012_256",
        "-pkeyopt",
        "paramset:A",
        "-nodes",
        "-keyout",
        file("ca.key"),
        "-out",
        file("ca.pem"),
        "-subj",
        "/CN=Contract GOST CA",
        "-days",
        "2",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    issue("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    issue("client", "extendedKeyUsage=clientAuth\n");
  }

  private static void issue(String name, String extensions) throws Exception {
    Path extensionFile = certificates.resolve(name + ".ext");
    Files.writeString(extensionFile, extensions, StandardCharsets.UTF_8);
    openSsl.runOk(
        "req",
        "-new",
        "-newkey",
        "gost2012_256",
        "-pkeyopt",
        "paramset:A",
        "-nodes",
        "-keyout",
        file(name + ".key"),
        "-out",
        file(name + ".csr"),
        "-subj",
        "/CN=" + name);
    openSsl.runOk(
        "x509",
        "-req",
        "-in",
        file(name + ".csr"),
        "-CA",
        file("ca.pem"),
        "-CAkey",
        file("ca.key"),
        "-set_serial",
        Long.toString(System.nanoTime()),
        "-out",
        file(name + ".pem"),
        "-days",
        "2",
        "-extfile",
        extensionFile.toString());
  }

  private static String file(String name) {
    return certificates.resolve(name).toString();
  }

  @AfterEach
  void stopStunnels() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected URI baseUri(InetSocketAddress testServer) throws Exception {
    int serverPort = freePort();
    server = startServer(serverPort, testServer.getPort());
    clientConfig =
        StunnelConfig.builder()
            .acceptPort(freePort())
            .connect("127.0.0.1", serverPort)
            .clientCertificate(Path.of(file("client.pem")), Path.of(file("client.key")))
            .trustedCertificates(Path.of(file("ca.pem")))
            .build();
    client = StunnelProcess.start(clientConfig, files.resolve("client-stunnel"));
    return URI.create("https://127.0.0.1:" + serverPort + "/");
  }

  @Override
  protected Transport createTransport(Duration readTimeout) {
    return GostTlsTransport.builder().localProxy(clientConfig).readTimeout(readTimeout).build();
  }

  private StunnelProcess startServer(int port, int backend) throws Exception {
    Path directory = Files.createDirectories(files.resolve("server-stunnel"));
    Path config = directory.resolve("stunnel.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "foreground = yes",
            "engine = gost",
            "engineDefault = ALL",
            "[contract-server]",
            "accept = 127.0.0.1:" + port,
            "connect = 127.0.0.1:" + backend,
            "cert = " + file("server.pem"),
            "key = " + file("server.key"),
            "CAfile = " + file("ca.pem"),
            "verifyChain = yes",
            "requireCert = yes",
            "sslVersion = TLSv1.2",
            "ciphers = " + GostCipherSuite.KUZNYECHIK.openSslName(),
            ""),
        StandardCharsets.UTF_8);
    return StunnelProcess.start(
        stunnel,
        config,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        directory.resolve("stunnel.log"),
        StunnelProcess.DEFAULT_START_TIMEOUT);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
