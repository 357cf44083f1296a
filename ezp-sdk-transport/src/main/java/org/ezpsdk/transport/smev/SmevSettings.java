package org.ezpsdk.transport.smev;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.signing.KeySources;
import org.ezpsdk.signing.SigningCredentials;

/** Reads the string settings of {@link SmevTransportProvider} into a builder. */
final class SmevSettings {
  private static final Set<String> KEYS =
      Set.of(
          "endpoint",
          "version",
          "key",
          "cert",
          "keyPasswordEnv",
          "pkcs12",
          "pkcs12PasswordEnv",
          "pkcs12Alias",
          "businessNamespace",
          "testMessage",
          "transactionCode",
          "routing",
          "pollInterval",
          "maxPollInterval",
          "responseTimeout",
          "connectTimeout",
          "readTimeout",
          "envelopeDirectory");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

  private final List<String> problems = new ArrayList<>();

  private SmevSettings() {}

  static SmevTransport.Builder parse(Map<String, String> settings) {
    SmevSettings parser = new SmevSettings();
    SmevTransport.Builder builder = parser.apply(settings);
    if (!parser.problems.isEmpty()) {
      throw new ConfigurationException(
          "Invalid settings of the smev transport: "
              + String.join("; ", parser.problems)
              + "; the keys are "
              + String.join(", ", new TreeSet<>(KEYS)));
    }
    return builder;
  }

  private SmevTransport.Builder apply(Map<String, String> settings) {
    for (String key : new TreeSet<>(settings.keySet())) {
      if (!KEYS.contains(key)) {
        problems.add("unknown key '" + key + "'");
      }
    }
    SmevTransport.Builder builder = SmevTransport.builder();
    String endpoint = settings.get("endpoint");
    if (endpoint != null) {
      try {
        builder.endpoint(URI.create(endpoint.strip()));
      } catch (IllegalArgumentException e) {
        problems.add("endpoint '" + endpoint + "' is not a URL");
      }
    }
    if (settings.get("version") != null) {
      try {
        builder.version(SmevVersion.of(settings.get("version")));
      } catch (ConfigurationException e) {
        problems.add(e.getMessage());
      }
    }
    builder.credentials(credentials(settings));
    applyContent(builder, settings);
    applyTimes(builder, settings);
    if (settings.get("envelopeDirectory") != null) {
      builder.envelopeDirectory(Path.of(settings.get("envelopeDirectory").strip()));
    }
    return builder;
  }

  private void applyContent(SmevTransport.Builder builder, Map<String, String> settings) {
    if (settings.get("businessNamespace") != null) {
      builder.businessNamespace(settings.get("businessNamespace").strip());
    }
    String test = settings.get("testMessage");
    if (test != null) {
      if (!test.equalsIgnoreCase("true") && !test.equalsIgnoreCase("false")) {
        problems.add("testMessage '" + test + "' is not true or false");
      }
      builder.testMessage(Boolean.parseBoolean(test.strip()));
    }
    builder.transactionCode(settings.get("transactionCode"));
    String routing = settings.get("routing");
    if (routing != null && !routing.isBlank()) {
      builder.routingValues(Arrays.stream(routing.split(",")).map(String::strip).toList());
    }
  }

  private void applyTimes(SmevTransport.Builder builder, Map<String, String> settings) {
    Duration value;
    if ((value = duration(settings, "pollInterval")) != null) {
      builder.pollInterval(value);
    }
    if ((value = duration(settings, "maxPollInterval")) != null) {
      builder.maxPollInterval(value);
    }
    if ((value = duration(settings, "responseTimeout")) != null) {
      builder.responseTimeout(value);
    }
    if ((value = duration(settings, "connectTimeout")) != null) {
      builder.connectTimeout(value);
    }
    if ((value = duration(settings, "readTimeout")) != null) {
      builder.readTimeout(value);
    }
  }

  private SigningCredentials credentials(Map<String, String> settings) {
    String key = settings.get("key");
    String pkcs12 = settings.get("pkcs12");
    try {
      if (key != null) {
        if (settings.get("cert") == null) {
          problems.add("key is set without cert; give the PEM certificate of the ЭП-ОВ key");
          return null;
        }
        return KeySources.fromPem(
            Path.of(key.strip()),
            Path.of(settings.get("cert").strip()),
            password(settings.get("keyPasswordEnv")));
      }
      if (pkcs12 != null) {
        return KeySources.fromPkcs12(
            Path.of(pkcs12.strip()),
            password(settings.get("pkcs12PasswordEnv")),
            settings.get("pkcs12Alias"));
      }
    } catch (EzpException e) {
      problems.add("the ЭП-ОВ key cannot be loaded: " + e.getMessage());
    }
    return null;
  }

  private char[] password(String variable) {
    if (variable == null) {
      return null;
    }
    String value = System.getenv(variable.strip());
    if (value == null) {
      problems.add("the environment variable " + variable + " with the key password is not set");
      return null;
    }
    return value.toCharArray();
  }

  private Duration duration(Map<String, String> settings, String key) {
    String value = settings.get(key);
    if (value == null) {
      return null;
    }
    Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      problems.add(key + " '" + value + "' is not a duration; write 500ms, 10s, 2m or 1h");
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
}
