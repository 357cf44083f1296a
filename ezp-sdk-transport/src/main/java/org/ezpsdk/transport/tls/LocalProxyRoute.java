package org.ezpsdk.transport.tls;

import java.net.InetSocketAddress;
import java.net.URI;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.TransportRequest;

/**
 * Sends requests for the real ИС ЭПС endpoint to a local GOST TLS client proxy: the URL's scheme,
 * host and port become {@code http://} and the proxy's accept address, the path and query stay, and
 * the {@code Host} header keeps the real host.
 */
final class LocalProxyRoute {

  private final InetSocketAddress proxyAddress;
  private final String proxyHostPort;
  private final String remoteHost;
  private final int remotePort;

  /**
   * @param proxyAddress the proxy's accept address
   * @param remoteHost the host the proxy connects to, or null when unknown; requests for another
   *     host are rejected
   * @param remotePort the port the proxy connects to; ignored without a remote host
   */
  LocalProxyRoute(InetSocketAddress proxyAddress, String remoteHost, int remotePort) {
    this.proxyAddress = proxyAddress;
    this.proxyHostPort = StunnelConfig.hostPort(proxyAddress);
    this.remoteHost = remoteHost == null ? null : StunnelConfig.normalizeHost(remoteHost);
    this.remotePort = remotePort;
  }

  InetSocketAddress proxyAddress() {
    return proxyAddress;
  }

  /**
   * Returns the request addressed to the proxy.
   *
   * @throws ConfigurationException when the request's host or port is not the one the proxy
   *     connects to
   */
  TransportRequest rewrite(TransportRequest request) {
    URI real = request.uri();
    if (real.getHost() == null) {
      throw new ConfigurationException(
          request.operation()
              + ": the request URL '"
              + real
              + "' has no host; check the endpoint of the environment");
    }
    checkRemote(request.operation(), real);

    String path =
        real.getRawPath() == null || real.getRawPath().isEmpty() ? "/" : real.getRawPath();
    String query = real.getRawQuery() == null ? "" : "?" + real.getRawQuery();
    URI local = URI.create("http://" + proxyHostPort + path + query);
    TransportRequest routed =
        new TransportRequest(
            request.operation(), request.method(), local, request.headers(), request.body());
    return hasHost(request) ? routed : routed.withHeader("Host", hostHeader(real));
  }

  /** Wraps a failure to reach the service through the proxy in a message that names the proxy. */
  TransportException failure(TransportRequest request, TransportException e) {
    String message =
        request.operation()
            + " "
            + request.method()
            + " "
            + withoutUserInfo(request.uri())
            + " through the local GOST TLS proxy at "
            + proxyHostPort
            + " failed: "
            + e.getMessage()
            + ". NOTE: the proxy makes the TLS connection, so its TLS errors (an untrusted server"
            + " certificate, a client certificate the server rejects, no common GOST cipher suite)"
            + " cannot be seen from here; check the proxy's log (for stunnel, its standard error or"
            + " the 'output' file) and that the proxy is running";
    return new TransportException(message, e.kind(), e.requestMayHaveArrived(), e);
  }

  private void checkRemote(String operation, URI real) {
    if (remoteHost == null) {
      return;
    }
    String host = StunnelConfig.normalizeHost(real.getHost());
    int port = real.getPort() != -1 ? real.getPort() : defaultPort(real.getScheme());
    if (!host.equals(remoteHost) || port != remotePort) {
      throw new ConfigurationException(
          operation
              + ": the request goes to "
              + StunnelConfig.hostPort(host, port)
              + ", but the local GOST TLS proxy at "
              + proxyHostPort
              + " connects to "
              + StunnelConfig.hostPort(remoteHost, remotePort)
              + "; make the environment's endpoint and the proxy's connect setting name the same"
              + " host and port");
    }
  }

  private static boolean hasHost(TransportRequest request) {
    return request.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Host"));
  }

  /**
   * Returns host[:port] as an HTTP Host header, without the port when it is the scheme's default.
   */
  private static String hostHeader(URI real) {
    String host = real.getHost();
    int port = real.getPort();
    if (port == -1 || port == defaultPort(real.getScheme())) {
      return host;
    }
    return host + ":" + port;
  }

  private static int defaultPort(String scheme) {
    return "http".equalsIgnoreCase(scheme) ? 80 : 443;
  }

  private static String withoutUserInfo(URI uri) {
    String userInfo = uri.getRawUserInfo();
    return userInfo == null ? uri.toString() : uri.toString().replace(userInfo + "@", "");
  }
}
