package org.ezpsdk.examples.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.ConfigurationException;

/** Checks a loaded configuration and adds one problem per invalid or missing setting. */
final class ConfigChecks {
  private final EzpConfig config;
  private final Map<String, String> fileValues;

  ConfigChecks(EzpConfig config, Map<String, String> fileValues) {
    this.config = config;
    this.fileValues = fileValues;
  }

  void run() {
    checkKeys();
    checkEnvironment();
    checkEndpoint();
    checkSender();
    checkMaxPages();
    checkSigning();
    if (config.isGatewayConfigured()) {
      gatewayChecks(config).forEach(p -> config.addProblem(p.key(), p.message()));
    }
  }

  private void checkKeys() {
    Set<String> known = new TreeSet<>();
    known.add("profile");
    for (Setting setting : Setting.values()) {
      if (setting.scope == Setting.Scope.GATEWAY) {
        known.add(setting.key(null));
      }
    }
    for (String key : fileValues.keySet()) {
      if (!known.contains(key) && !isProfileKey(key)) {
        config.addProblem(
            key, "unknown key; check its spelling (keys are listed by 'ezp config check --help')");
      }
    }
    TreeSet<String> profiles = EzpConfig.profilesIn(fileValues);
    if (!profiles.isEmpty() && !profiles.contains(config.profile())) {
      config.addProblem(
          "profile",
          "the profile '"
              + config.profile()
              + "' is not defined in the file; defined profiles: "
              + String.join(", ", profiles));
    }
  }

  private static boolean isProfileKey(String key) {
    if (!key.startsWith("profiles.") || key.indexOf('.', 9) < 0) {
      return false;
    }
    String name = key.substring(key.indexOf('.', 9) + 1);
    for (Setting setting : Setting.in(Setting.Scope.PROFILE)) {
      if (setting.name.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private void checkEnvironment() {
    String environment = EzpConfig.lower(config.text(Setting.ENVIRONMENT));
    if (environment == null) {
      config.addProblem(
          Setting.ENVIRONMENT,
          "missing; set test or production (or EZP_ENVIRONMENT), because the profile '"
              + config.profile()
              + "' does not say which one it is");
    } else if (!environment.equals("test") && !environment.equals("production")) {
      config.addProblem(
          Setting.ENVIRONMENT, "invalid value '" + environment + "'; expected test or production");
    }
  }

  private void checkEndpoint() {
    String endpoint = config.text(Setting.ENDPOINT);
    if (endpoint == null) {
      config.addProblem(
          Setting.ENDPOINT,
          "missing; set the base URL of ИС ЭПС from your contract (or EZP_ENDPOINT)");
      return;
    }
    try {
      Environment.test(URI.create(endpoint.strip()));
    } catch (IllegalArgumentException e) {
      config.addProblem(
          Setting.ENDPOINT, "'" + endpoint + "' is not a valid URL; give it as https://host:port/");
    } catch (ConfigurationException e) {
      config.addProblem(Setting.ENDPOINT, e.getMessage());
    }
  }

  private void checkSender() {
    String senderId = config.text(Setting.SENDER_ID);
    if (senderId == null) {
      config.addProblem(
          Setting.SENDER_ID,
          "missing; set the sender id issued by Russian Post (or EZP_SENDER_ID)");
    } else if (senderId.indexOf(':') >= 0) {
      config.addProblem(
          Setting.SENDER_ID,
          "contains ':', which Basic authentication cannot carry; give the id without the token");
    }
    ConfigValue token = config.value(Setting.TOKEN);
    boolean tokenFileFailed = token.source() == ConfigSource.SECRET_FILE && !token.isSet();
    if (!token.isSet() && !tokenFileFailed) {
      config.addProblem(
          Setting.TOKEN,
          "missing; set the environment variable EZP_TOKEN or the key "
              + Setting.TOKEN_FILE.key(config.profile()));
    }
  }

  private void checkMaxPages() {
    String text = config.text(Setting.MAX_PAGES);
    if (!isInteger(text, 1, 1000)) {
      config.addProblem(Setting.MAX_PAGES, "invalid value '" + text + "'; expected 1 to 1000");
    }
  }

  private void checkSigning() {
    boolean key = config.text(Setting.SIGNING_KEY) != null;
    boolean cert = config.text(Setting.SIGNING_CERT) != null;
    boolean pkcs12 = config.text(Setting.SIGNING_PKCS12) != null;
    if (key && !cert) {
      config.addProblem(
          Setting.SIGNING_CERT, "missing; signing.key needs the certificate that belongs to it");
    }
    if (cert && !key) {
      config.addProblem(Setting.SIGNING_KEY, "missing; signing.cert needs its private key");
    }
    if (pkcs12 && (key || cert)) {
      config.addProblem(
          Setting.SIGNING_PKCS12, "give either signing.pkcs12 or signing.key with signing.cert");
    }
    for (Setting setting :
        List.of(Setting.SIGNING_KEY, Setting.SIGNING_CERT, Setting.SIGNING_PKCS12)) {
      if (config.path(setting) != null && !Files.isReadable(config.path(setting))) {
        config.addProblem(
            setting, "the file '" + config.path(setting) + "' is not found or not readable");
      }
    }
  }

  /** Returns the problems of the gateway settings: port, loopback binding and the API key. */
  static List<ConfigProblem> gatewayChecks(EzpConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    String port = config.text(Setting.GATEWAY_PORT);
    if (!isInteger(port, 0, 65535)) {
      problems.add(
          problem(
              config, Setting.GATEWAY_PORT, "invalid port '" + port + "'; expected 0 to 65535"));
    }
    String allow = EzpConfig.lower(config.text(Setting.GATEWAY_ALLOW_NON_LOOPBACK));
    if (!"true".equals(allow) && !"false".equals(allow)) {
      problems.add(
          problem(
              config,
              Setting.GATEWAY_ALLOW_NON_LOOPBACK,
              "invalid value '" + allow + "'; expected true or false"));
    }
    String host = config.text(Setting.GATEWAY_HOST);
    if (!"true".equals(allow) && !isLoopback(host)) {
      problems.add(
          problem(
              config,
              Setting.GATEWAY_HOST,
              "'"
                  + host
                  + "' is not a loopback address; the gateway binds other addresses only with"
                  + " gateway.allowNonLoopback: true, and then every caller on the network can"
                  + " reach it"));
    }
    String outbox = config.text(Setting.GATEWAY_OUTBOX);
    java.nio.file.Path outboxFolder =
        outbox == null || EzpConfig.IN_MEMORY.equals(outbox.strip())
            ? null
            : java.nio.file.Path.of(outbox.strip()).toAbsolutePath().getParent();
    if (outboxFolder != null && !Files.isDirectory(outboxFolder)) {
      problems.add(
          problem(
              config,
              Setting.GATEWAY_OUTBOX,
              "the folder '"
                  + outboxFolder
                  + "' does not exist; create it or choose another file"));
    }
    ConfigValue apiKey = config.value(Setting.GATEWAY_API_KEY);
    if (!apiKey.isSet() && apiKey.source() != ConfigSource.SECRET_FILE) {
      problems.add(
          problem(
              config,
              Setting.GATEWAY_API_KEY,
              "missing; set gateway.apiKeyFile or the environment variable EZP_GATEWAY_API_KEY"));
    } else if (apiKey.isSet() && apiKey.value().length() < GATEWAY_MIN_API_KEY_LENGTH) {
      problems.add(
          problem(
              config,
              Setting.GATEWAY_API_KEY,
              "too short ("
                  + apiKey.value().length()
                  + " characters); use at least "
                  + GATEWAY_MIN_API_KEY_LENGTH
                  + " random characters"));
    }
    return problems;
  }

  /** The shortest API key the gateway accepts, so that it cannot be guessed quickly. */
  static final int GATEWAY_MIN_API_KEY_LENGTH = 16;

  private static ConfigProblem problem(EzpConfig config, Setting setting, String message) {
    return new ConfigProblem(setting.key(config.profile()), message);
  }

  /** Returns true for a loopback address; a host name is resolved to find out. */
  static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host.strip())) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isInteger(String text, int min, int max) {
    try {
      int value = Integer.parseInt(text == null ? "" : text.strip());
      return value >= min && value <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
