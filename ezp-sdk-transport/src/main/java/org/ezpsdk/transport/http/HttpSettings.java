package org.ezpsdk.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * Reads the string settings of {@link HttpTransportProvider} into an {@link HttpTransport.Builder}.
 * The trust store password never enters a message.
 */
final class HttpSettings {
  static final String CONNECT_TIMEOUT = "connectTimeout";
  static final String READ_TIMEOUT = "readTimeout";
  static final String WRITE_TIMEOUT = "writeTimeout";
  static final String CALL_TIMEOUT = "callTimeout";
  static final String PROXY = "proxy";
  static final String TRUST_STORE = "trustStore";
  static final String TRUST_STORE_PASSWORD = "trustStorePassword";
  static final String MAX_IDLE_CONNECTIONS = "maxIdleConnections";
  static final String KEEP_ALIVE = "keepAlive";

  static final Set<String> KEYS =
      Set.of(
          CONNECT_TIMEOUT,
          READ_TIMEOUT,
          WRITE_TIMEOUT,
          CALL_TIMEOUT,
          PROXY,
          TRUST_STORE,
          TRUST_STORE_PASSWORD,
          MAX_IDLE_CONNECTIONS,
          KEEP_ALIVE);

  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+):(\\d+)");

  private final List<String> problems = new ArrayList<>();

  private HttpSettings() {}

  /**
   * Returns a builder with the settings applied.
   *
   * @throws ConfigurationException listing every unknown key and invalid value
   */
  static HttpTransport.Builder parse(Map<String, String> settings) {
    HttpSettings parser = new HttpSettings();
    HttpTransport.Builder builder = parser.apply(new TreeMap<>(settings));
    if (!parser.problems.isEmpty()) {
      throw new ConfigurationException(
          "Invalid settings of the http transport: "
              + String.join("; ", parser.problems)
              + "; the keys are "
              + String.join(", ", new java.util.TreeSet<>(KEYS)));
    }
    return builder;
  }

  private HttpTransport.Builder apply(Map<String, String> settings) {
    HttpTransport.Builder builder = HttpTransport.builder();
    for (String key : settings.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add("unknown key '" + key + "'");
      }
    }
    Duration connect = duration(settings, CONNECT_TIMEOUT);
    if (connect != null) {
      builder.connectTimeout(connect);
    }
    Duration read = duration(settings, READ_TIMEOUT);
    if (read != null) {
      builder.readTimeout(read);
    }
    Duration write = duration(settings, WRITE_TIMEOUT);
    if (write != null) {
      builder.writeTimeout(write);
    }
    Duration call = duration(settings, CALL_TIMEOUT);
    if (call != null) {
      builder.callTimeout(call);
    }
    builder.proxy(proxy(settings.get(PROXY)));
    builder.trustStore(trustStore(settings.get(TRUST_STORE), settings.get(TRUST_STORE_PASSWORD)));
    applyPool(builder, settings);
    return builder;
  }

  private void applyPool(HttpTransport.Builder builder, Map<String, String> settings) {
    String idle = settings.get(MAX_IDLE_CONNECTIONS);
    Duration keepAlive = duration(settings, KEEP_ALIVE);
    int maxIdle = 5;
    if (idle != null) {
      try {
        maxIdle = Integer.parseInt(idle.strip());
      } catch (NumberFormatException e) {
        problems.add(MAX_IDLE_CONNECTIONS + " '" + idle + "' is not a whole number");
      }
    }
    builder.connectionPool(maxIdle, keepAlive == null ? Duration.ofMinutes(5) : keepAlive);
  }

  private Duration duration(Map<String, String> settings, String key) {
    String value = settings.get(key);
    if (value == null) {
      return null;
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      problems.add(
          key
              + " '"
              + value
              + "' is not a duration; write a whole number with ms, s, m or h, such as 10s or"
              + " 500ms");
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private Proxy proxy(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher matcher = HOST_PORT.matcher(value.strip());
    int port = matcher.matches() ? parsePort(matcher.group(2)) : -1;
    if (port < 1 || port > 65535) {
      problems.add(
          PROXY
              + " '"
              + value
              + "' is not host:port with a port from 1 to 65535, such as proxy:3128");
      return null;
    }
    String host = matcher.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
  }

  private static int parsePort(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private KeyStore trustStore(String path, String password) {
    if (path == null || path.isBlank()) {
      if (password != null) {
        problems.add(TRUST_STORE_PASSWORD + " is set without " + TRUST_STORE);
      }
      return null;
    }
    Path file = Path.of(path.strip());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      problems.add(TRUST_STORE + " '" + file + "' is not a readable file; check the path");
      return null;
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password == null ? null : password.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      // The JDK reports a wrong password as an IOException whose cause is
      // UnrecoverableKeyException.
      problems.add(
          TRUST_STORE
              + " '"
              + file
              + "' cannot be read as PKCS#12 ("
              + e.getClass().getSimpleName()
              + "); check the file and "
              + TRUST_STORE_PASSWORD);
      return null;
    }
  }
}
