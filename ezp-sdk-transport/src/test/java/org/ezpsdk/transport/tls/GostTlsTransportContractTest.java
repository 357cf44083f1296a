package org.ezpsdk.transport.tls;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.ezpsdk.core.spi.Transport;
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

  private static GostTlsFixture fixture;

  private StunnelConfig clientConfig;

  @BeforeAll
  static void makeCertificates() throws Exception {
    fixture = GostTlsFixture.create(certificates);
    fixture.makeCa("ca", "Contract GOST CA");
    fixture.issue(
        "ca", "server", "server", "subjectAltName=IP:127.0.0.1", "extendedKeyUsage=serverAuth");
    fixture.issue("ca", "client", "client", "extendedKeyUsage=clientAuth");
  }

  @AfterEach
  void stopStunnels() {
    if (fixture != null) {
      fixture.stopAll();
    }
  }

  @Override
  protected URI baseUri(InetSocketAddress testServer) throws Exception {
    int serverPort = GostTlsFixture.freePort();
    fixture.startServer("contract-server", serverPort, "server", "ca", testServer.getPort());
    clientConfig =
        fixture.clientConfig(
            "contract-client", GostTlsFixture.freePort(), serverPort, "client", "ca");
    fixture.startClient("contract-client", clientConfig);
    return URI.create("https://127.0.0.1:" + serverPort + "/");
  }

  @Override
  protected Transport createTransport(Duration readTimeout) {
    return GostTlsTransport.builder().localProxy(clientConfig).readTimeout(readTimeout).build();
  }
}
