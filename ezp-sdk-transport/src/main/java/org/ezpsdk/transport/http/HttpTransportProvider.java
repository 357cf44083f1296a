package org.ezpsdk.transport.http;

import java.util.Map;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportProvider;

/**
 * The provider of the {@code http} transport ({@link HttpTransport}), registered for {@link
 * java.util.ServiceLoader}. Its string settings, all optional:
 *
 * <table>
 *   <caption>Settings of the http transport</caption>
 *   <tr><th>Key</th><th>Value</th><th>Default</th></tr>
 *   <tr><td>{@code connectTimeout}</td><td>limit for opening the TCP connection</td><td>10s</td>
 *   <tr><td>{@code readTimeout}</td><td>limit for each read, also during the TLS
 *       handshake</td><td>60s</td>
 *   <tr><td>{@code writeTimeout}</td><td>limit for each write of the request</td><td>60s</td>
 *   <tr><td>{@code callTimeout}</td><td>limit for the whole call</td><td>5m</td>
 *   <tr><td>{@code proxy}</td><td>an HTTP proxy as {@code host:port} ({@code [::1]:3128} for
 *       IPv6)</td><td>none</td>
 *   <tr><td>{@code trustStore}</td><td>path of a PKCS#12 file with the trusted CA certificates,
 *       which replace the JDK's default CAs</td><td>the JDK's CAs</td>
 *   <tr><td>{@code trustStorePassword}</td><td>password of that file, never logged</td><td>none
 *       (the file's integrity is then not checked)</td>
 *   <tr><td>{@code maxIdleConnections}</td><td>idle connections kept in the pool</td><td>5</td>
 *   <tr><td>{@code keepAlive}</td><td>how long an idle connection is kept</td><td>5m</td>
 * </table>
 *
 * <p>Durations are a whole number with the unit {@code ms}, {@code s}, {@code m} or {@code h}
 * ({@code 500ms}, {@code 10s}, {@code 2m}); a timeout of {@code 0} means no limit. An unknown key
 * or a bad value is a {@link org.ezpsdk.core.error.ConfigurationException} that lists every
 * problem. Certificate checking cannot be turned off.
 */
public final class HttpTransportProvider implements TransportProvider {

  @Override
  public String name() {
    return HttpTransport.NAME;
  }

  @Override
  public String description() {
    return "HTTP over OkHttp: plain through a ViPNet tunnel or a local GOST TLS proxy, or HTTPS"
        + " with the JDK's TLS";
  }

  @Override
  public Transport create(Map<String, String> settings) {
    return HttpSettings.parse(settings).build();
  }
}
