package org.ezpsdk.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportProvider;

/**
 * Makes {@link GostTlsTransport} from string settings, found by {@link java.util.ServiceLoader}
 * under the name {@code tls-gost}.
 *
 * <p>Settings:
 *
 * <ul>
 *   <li>{@code mode}: {@code proxy} (a local GOST TLS proxy such as stunnel) or {@code jsse} (a
 *       JSSE provider such as CryptoPro JTLS); required.
 *   <li>{@code proxyAddress}: {@code host:port} where the proxy accepts plain HTTP, such as {@code
 *       127.0.0.1:8443}; required in proxy mode.
 *   <li>{@code jsseProvider} (default {@code JTLS}), {@code jsseProviderClass} (default {@code
 *       ru.CryptoPro.ssl.Provider}), {@code jsseProtocol} (default {@code GostTLSv1.2}), {@code
 *       keyManagerAlgorithm} and {@code trustManagerAlgorithm} (default {@code GostX509}).
 *   <li>{@code keyStore} (a file), {@code keyStoreType} (default {@code PKCS12}), {@code
 *       keyStorePassword}: the client GOST key in JSSE mode. With a type but no file, the store is
 *       loaded without a file, as CryptoPro's {@code HDImageStore} is.
 *   <li>{@code trustStore}, {@code trustStoreType}, {@code trustStorePassword}: the trusted
 *       certificates in JSSE mode; the provider's default without them.
 *   <li>{@code connectTimeout}, {@code readTimeout}, {@code writeTimeout}, {@code callTimeout}:
 *       durations such as {@code 10s}, {@code 500ms}, {@code 5m} or {@code PT10S}.
 * </ul>
 */
public final class GostTlsTransportProvider implements TransportProvider {

  private static final Set<String> KEYS =
      Set.of(
          "mode",
          "proxyAddress",
          "jsseProvider",
          "jsseProviderClass",
          "jsseProtocol",
          "keyManagerAlgorithm",
          "trustManagerAlgorithm",
          "keyStore",
          "keyStoreType",
          "keyStorePassword",
          "trustStore",
          "trustStoreType",
          "trustStorePassword",
          "connectTimeout",
          "readTimeout",
          "writeTimeout",
          "callTimeout");

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern HOST_PORT = Pattern.compile("\\[?([^\\[\\]]+)]?:(\\d{1,5})");

  @Override
  public String name() {
    return GostTlsTransport.NAME;
  }

  @Override
  public String description() {
    return "Mutual TLS 1.2 with GOST cipher suites, through a local stunnel with gost-engine"
        + " (mode=proxy) or a JSSE provider such as CryptoPro JTLS (mode=jsse)";
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConfigurationException when a key is unknown, a value is invalid, a required setting is
   *     missing, or in JSSE mode the provider is not installed
   */
  @Override
  public Transport create(Map<String, String> settings) {
    checkKeys(settings);
    String mode = settings.get("mode");
    if (mode == null || mode.isBlank()) {
      throw new ConfigurationException(
          "tls-gost setting 'mode' is missing; set mode=proxy for a local GOST TLS proxy such as"
              + " stunnel, or mode=jsse for a JSSE provider such as CryptoPro JTLS");
    }
    GostTlsTransport.Builder builder = GostTlsTransport.builder();
    applyTimeouts(settings, builder);
    switch (mode.strip().toLowerCase(Locale.ROOT)) {
      case "proxy" -> builder.localProxy(proxyAddress(settings.get("proxyAddress")));
      case "jsse" -> applyJsse(settings, builder);
      default ->
          throw new ConfigurationException(
              "tls-gost setting 'mode' must be proxy or jsse, got '" + mode + "'");
    }
    return builder.build();
  }

  private static void checkKeys(Map<String, String> settings) {
    List<String> unknown = new ArrayList<>();
    for (String key : settings.keySet()) {
      if (!KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigurationException(
          "Unknown tls-gost settings "
              + unknown
              + "; the known settings are "
              + new TreeSet<>(KEYS));
    }
  }

  private static InetSocketAddress proxyAddress(String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          "tls-gost setting 'proxyAddress' is missing in proxy mode; set the address where the"
              + " local GOST TLS proxy accepts plain HTTP, such as 127.0.0.1:8443");
    }
    Matcher matcher = HOST_PORT.matcher(value.strip());
    int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
    if (port < 1 || port > 65535) {
      throw new ConfigurationException(
          "tls-gost setting 'proxyAddress' must be host:port with a port from 1 to 65535, such as"
              + " 127.0.0.1:8443; got '"
              + value
              + "'");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(matcher.group(1)), port);
    } catch (UnknownHostException e) {
      throw new ConfigurationException(
          "tls-gost setting 'proxyAddress': host '" + matcher.group(1) + "' cannot be resolved", e);
    }
  }

  private static void applyJsse(Map<String, String> settings, GostTlsTransport.Builder builder) {
    String providerName =
        settings.getOrDefault("jsseProvider", GostTlsTransport.DEFAULT_JSSE_PROVIDER);
    String providerClass =
        settings.getOrDefault(
            "jsseProviderClass",
            providerName.equals(GostTlsTransport.DEFAULT_JSSE_PROVIDER)
                ? GostTlsTransport.DEFAULT_JSSE_PROVIDER_CLASS
                : null);
    // The provider is checked before the key stores, whose types it may define.
    Provider provider = JsseProviders.find(providerName, providerClass);
    builder.jsseProvider(providerName, providerClass);
    setIfPresent(settings, "jsseProtocol", builder::jsseProtocol);
    setIfPresent(settings, "keyManagerAlgorithm", builder::keyManagerAlgorithm);
    setIfPresent(settings, "trustManagerAlgorithm", builder::trustManagerAlgorithm);

    char[] keyPassword = password(settings, "keyStorePassword");
    KeyStore keyStore = keyStore(settings, "keyStore", keyPassword, provider);
    if (keyStore != null) {
      builder.clientKeyStore(keyStore, keyPassword);
    }
    KeyStore trustStore =
        keyStore(settings, "trustStore", password(settings, "trustStorePassword"), provider);
    if (trustStore != null) {
      builder.trustStore(trustStore);
    }
  }

  private static char[] password(Map<String, String> settings, String key) {
    String value = settings.get(key);
    return value == null ? null : value.toCharArray();
  }

  /** Loads the store named by {@code prefix}, {@code prefix + "Type"}, or returns null. */
  private static KeyStore keyStore(
      Map<String, String> settings, String prefix, char[] password, Provider provider) {
    String file = settings.get(prefix);
    String type = settings.get(prefix + "Type");
    if (file == null && type == null) {
      return null;
    }
    String storeType = type == null ? "PKCS12" : type;
    KeyStore store = keyStoreInstance(prefix, storeType, provider);
    try {
      if (file == null) {
        store.load(null, password);
      } else {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
          store.load(in, password);
        }
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException(
          "Failed to load tls-gost setting '"
              + prefix
              + "' ("
              + (file == null ? "no file" : "file '" + file + "'")
              + ", type "
              + storeType
              + "): "
              + e.getMessage()
              + "; check the file, its type and the "
              + prefix
              + "Password setting",
          e);
    }
  }

  private static KeyStore keyStoreInstance(String prefix, String type, Provider provider) {
    try {
      return KeyStore.getInstance(type);
    } catch (GeneralSecurityException e) {
      try {
        return KeyStore.getInstance(type, provider);
      } catch (GeneralSecurityException again) {
        throw new ConfigurationException(
            "tls-gost setting '"
                + prefix
                + "Type': no installed security provider offers key store type '"
                + type
                + "'; use PKCS12, or install the provider of that type (CryptoPro JCP for"
                + " HDImageStore)",
            e);
      }
    }
  }

  private static void applyTimeouts(
      Map<String, String> settings, GostTlsTransport.Builder builder) {
    setDuration(settings, "connectTimeout", builder::connectTimeout);
    setDuration(settings, "readTimeout", builder::readTimeout);
    setDuration(settings, "writeTimeout", builder::writeTimeout);
    setDuration(settings, "callTimeout", builder::callTimeout);
  }

  private static void setIfPresent(
      Map<String, String> settings, String key, Consumer<String> setter) {
    String value = settings.get(key);
    if (value != null) {
      setter.accept(value.strip());
    }
  }

  private static void setDuration(
      Map<String, String> settings, String key, Consumer<Duration> setter) {
    String value = settings.get(key);
    if (value != null) {
      setter.accept(duration(key, value));
    }
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or an ISO-8601 duration. */
  static Duration duration(String key, String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_DURATION.matcher(text);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
      }
      return Duration.parse(value.strip());
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new ConfigurationException(
          "tls-gost setting '"
              + key
              + "' must be a duration such as 10s, 500ms, 5m or PT10S; got '"
              + value
              + "'",
          e);
    }
  }
}
