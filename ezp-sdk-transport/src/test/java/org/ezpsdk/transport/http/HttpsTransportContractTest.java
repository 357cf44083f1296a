package org.ezpsdk.transport.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.transport.TransportContractTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract for the http transport over HTTPS with a trust store that holds the test
 * server's self-signed certificate.
 */
class HttpsTransportContractTest extends TransportContractTest {

  @TempDir static Path certificates;

  private static KeyStore serverKeys;
  private static KeyStore serverTrust;

  @BeforeAll
  static void generateCertificate() throws Exception {
    serverKeys = TestCertificates.generate(certificates, "server", "127.0.0.1", "ip:127.0.0.1");
    serverTrust = TestCertificates.trustStoreOf(serverKeys, "server");
  }

  @Override
  protected HttpServer createServer() throws Exception {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(TestCertificates.serverContext(serverKeys, null)));
    return server;
  }

  @Override
  protected Transport createTransport(Duration readTimeout) {
    return HttpTransport.builder().trustStore(serverTrust).readTimeout(readTimeout).build();
  }

  @Override
  protected Transport createUntrustingTransport() {
    return HttpTransport.create();
  }

  @Override
  protected URI baseUri(InetSocketAddress server) {
    return URI.create("https://127.0.0.1:" + server.getPort() + "/");
  }
}
