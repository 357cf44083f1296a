package org.ezpsdk.transport.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.transport.TransportContractTest;

/** The transport contract for the http transport over plain HTTP, as through a ViPNet tunnel. */
class HttpTransportContractTest extends TransportContractTest {

  @Override
  protected Transport createTransport(Duration readTimeout) {
    return HttpTransport.builder().readTimeout(readTimeout).build();
  }

  @Override
  protected URI baseUri(InetSocketAddress server) {
    return URI.create("http://127.0.0.1:" + server.getPort() + "/");
  }
}
