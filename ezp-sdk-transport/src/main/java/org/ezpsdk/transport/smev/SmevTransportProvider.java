package org.ezpsdk.transport.smev;

import java.util.Map;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportProvider;

/**
 * The provider of the {@code smev} transport ({@link SmevTransport}), registered for {@link
 * java.util.ServiceLoader}. Its string settings:
 *
 * <table>
 *   <caption>Settings of the smev transport</caption>
 *   <tr><th>Key</th><th>Value</th><th>Default</th></tr>
 *   <tr><td>{@code endpoint}</td><td>URL of the СМЭВ message-exchange service</td>
 *       <td>required</td>
 *   <tr><td>{@code version}</td><td>{@code 1.1}, {@code 1.2} or {@code 1.3}</td><td>1.3</td>
 *   <tr><td>{@code key}, {@code cert}</td><td>PEM files of the ЭП-ОВ key (PKCS#8) and
 *       certificate</td><td>one of key or pkcs12 is required</td>
 *   <tr><td>{@code keyPasswordEnv}</td><td>environment variable with the PEM key's
 *       password</td><td>none (unencrypted key)</td>
 *   <tr><td>{@code pkcs12}, {@code pkcs12PasswordEnv}, {@code pkcs12Alias}</td><td>a PKCS#12 file
 *       with the key, the variable with its password, the entry</td><td>none</td>
 *   <tr><td>{@code businessNamespace}</td><td>namespace of the business messages</td>
 *       <td>{@value SmevBusinessContent#DEFAULT_NAMESPACE}</td>
 *   <tr><td>{@code testMessage}</td><td>{@code true} marks messages as test messages</td>
 *       <td>false</td>
 *   <tr><td>{@code transactionCode}</td><td>the TransactionCode; required by 1.2</td><td>none</td>
 *   <tr><td>{@code routing}</td><td>comma-separated dynamic routing values (1.3)</td><td>none</td>
 *   <tr><td>{@code pollInterval}, {@code maxPollInterval}</td><td>first and longest wait between
 *       polls</td><td>200ms, 5s</td>
 *   <tr><td>{@code responseTimeout}</td><td>how long a call waits for its response</td><td>2m</td>
 *   <tr><td>{@code connectTimeout}, {@code readTimeout}</td><td>limits of each HTTP
 *       exchange</td><td>10s, 60s</td>
 *   <tr><td>{@code envelopeDirectory}</td><td>directory where every envelope is saved</td>
 *       <td>none</td>
 * </table>
 *
 * <p>Durations are a whole number with {@code ms}, {@code s}, {@code m} or {@code h}. Passwords are
 * read from environment variables and never appear in messages.
 */
public final class SmevTransportProvider implements TransportProvider {

  @Override
  public String name() {
    return SmevTransport.NAME;
  }

  @Override
  public String description() {
    return "СМЭВ 3 for state bodies: signed SOAP with MTOM attachments, polled for the response";
  }

  @Override
  public Transport create(Map<String, String> settings) {
    return SmevSettings.parse(settings).build();
  }
}
