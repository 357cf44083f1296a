package org.ezpsdk.examples.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.signing.KeySource;
import org.ezpsdk.signing.KeySources;

/**
 * The configuration of the {@code ezp} command line and gateway: a YAML file with a {@code test}
 * and a {@code production} profile side by side, overridden by environment variables.
 *
 * <pre>{@code
 * profile: test                      # the active profile; EZP_PROFILE overrides it
 * profiles:
 *   test:
 *     environment: test              # test or production
 *     endpoint: https://eps.example.test/
 *     senderId: my-test-id
 *     tokenFile: test-token.txt      # or token, or EZP_TOKEN / EZP_TOKEN_FILE
 *     signing: { key: key.pem, cert: cert.pem, passwordFile: key-password.txt }
 *   production:
 *     environment: production
 *     ...
 * gateway:
 *   host: 127.0.0.1
 *   port: 8765
 *   apiKeyFile: gateway-api-key.txt
 *   outbox: ezp-gateway-outbox.db    # SQLite file; "memory" keeps no record across restarts
 * }</pre>
 *
 * <p>Each setting of the active profile and the gateway has an environment variable ({@link
 * #environmentVariables()}) that wins over the file. Relative paths in the file resolve against the
 * file's folder. Secrets (the token, the key password, the gateway's API key) come from the
 * environment, from a file named by a {@code …File} setting, or, with a warning, from the
 * configuration file itself; they are never shown, only their length.
 */
public final class EzpConfig {

  /**
   * The environment variable that names the configuration file when {@code --config} is not given.
   */
  public static final String CONFIG_ENV = "EZP_CONFIG";

  /** The environment variable that chooses the active profile. */
  public static final String PROFILE_ENV = "EZP_PROFILE";

  /** The active profile unless the file or {@link #PROFILE_ENV} chooses another. */
  public static final String DEFAULT_PROFILE = "test";

  public static final String DEFAULT_GATEWAY_HOST = "127.0.0.1";
  public static final int DEFAULT_GATEWAY_PORT = 8765;
  public static final int DEFAULT_MAX_PAGES = 15;

  /** The gateway's outbox file unless configured, in the current folder. */
  public static final String DEFAULT_GATEWAY_OUTBOX = "ezp-gateway-outbox.db";

  /** The value of {@code gateway.outbox} that keeps the gateway's record in memory only. */
  public static final String IN_MEMORY = "memory";

  private final Path file;
  private final ConfigValue profile;
  private final Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();
  private final boolean configured;
  private final boolean gatewayConfigured;

  private EzpConfig(Path file, String profileOverride, Map<String, String> env) {
    this.file = file;
    Map<String, String> fileValues =
        file == null ? Map.of() : ConfigFileReader.read(file, problems);
    this.profile = resolveProfile(profileOverride, env, fileValues);
    ValueResolver resolver = new ValueResolver(file, profile.value(), env, fileValues);
    for (Setting setting : Setting.values()) {
      values.put(setting, resolver.resolve(setting));
    }
    resolver.resolveSecrets(values, problems, warnings);
    this.configured = file != null || values.get(Setting.ENDPOINT).source() == ConfigSource.ENV;
    this.gatewayConfigured =
        Setting.in(Setting.Scope.GATEWAY).stream()
            .anyMatch(s -> values.get(s).source() != ConfigSource.DEFAULT);
    new ConfigChecks(this, fileValues).run();
  }

  /**
   * Loads the configuration from the file (or the one named by {@link #CONFIG_ENV}, or none) and
   * the process's environment variables. Problems do not throw here: read them with {@link
   * #problems()} or call {@link #requireValid()}.
   *
   * @param file the configuration file, or {@code null}
   * @param profileOverride the profile chosen on the command line, or {@code null}
   */
  public static EzpConfig load(Path file, String profileOverride) {
    return load(file, profileOverride, System.getenv());
  }

  /** Loads the configuration like {@link #load(Path, String)} with the given environment. */
  public static EzpConfig load(Path file, String profileOverride, Map<String, String> env) {
    Path chosen = file;
    String named = env.get(CONFIG_ENV);
    if (chosen == null && named != null && !named.isBlank()) {
      chosen = Path.of(named.strip());
    }
    return new EzpConfig(chosen, profileOverride, env);
  }

  /** Returns the environment variable of each setting, by key inside a profile or the gateway. */
  public static Map<String, String> environmentVariables() {
    Map<String, String> names = new java.util.LinkedHashMap<>();
    names.put("profile", PROFILE_ENV);
    for (Setting setting : Setting.values()) {
      String prefix = setting.scope == Setting.Scope.GATEWAY ? "gateway." : "profiles.<name>.";
      names.put(prefix + setting.name, setting.envVar);
    }
    return names;
  }

  /** Returns the configuration file, empty when none was given. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Returns the active profile's name. */
  public String profile() {
    return profile.value();
  }

  /** Returns the active profile's name with where it came from. */
  public ConfigValue profileValue() {
    return profile;
  }

  /**
   * Returns true when a file was given or EZP_ENDPOINT is set; false means no environment is
   * configured, so {@code ezp selftest} uses its embedded emulator.
   */
  public boolean isConfigured() {
    return configured;
  }

  /** Returns true when any gateway setting was given, in the file or the environment. */
  public boolean isGatewayConfigured() {
    return gatewayConfigured;
  }

  /** Returns every setting of the active profile and the gateway, in a fixed order. */
  public List<ConfigValue> values() {
    return List.copyOf(values.values());
  }

  /** Returns every problem found, each with its key; empty when the configuration is valid. */
  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /** Returns advice that does not stop the configuration from working, such as inline secrets. */
  public List<ConfigProblem> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Throws when the configuration has problems.
   *
   * @throws ConfigurationException listing every problem with its key
   */
  public EzpConfig requireValid() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "The configuration"
              + (file == null ? "" : " '" + file + "'")
              + " of profile '"
              + profile()
              + "' is invalid: "
              + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "))
              + "; run 'ezp config check' for details");
    }
    return this;
  }

  /** Returns the environment of the active profile. */
  public Environment environment() {
    requireValid();
    URI endpoint = URI.create(text(Setting.ENDPOINT).strip());
    return isProduction() ? Environment.production(endpoint) : Environment.test(endpoint);
  }

  /** Returns true when the active profile's environment is production. */
  public boolean isProduction() {
    return "production".equalsIgnoreCase(String.valueOf(text(Setting.ENVIRONMENT)).strip());
  }

  /** Returns the sender id and token of the active profile. */
  public Credentials credentials() {
    requireValid();
    return Credentials.of(text(Setting.SENDER_ID), text(Setting.TOKEN));
  }

  /** Returns the sender token of the active profile. Never log it. */
  public String token() {
    requireValid();
    return text(Setting.TOKEN);
  }

  /** Returns the signing key of the active profile, empty when none is configured. */
  public Optional<KeySource> keySource() {
    requireValid();
    String password = text(Setting.SIGNING_PASSWORD);
    char[] secret = password == null ? null : password.toCharArray();
    if (text(Setting.SIGNING_PKCS12) != null) {
      return Optional.of(
          KeySources.pkcs12(path(Setting.SIGNING_PKCS12), secret, text(Setting.SIGNING_ALIAS)));
    }
    if (text(Setting.SIGNING_KEY) != null) {
      return Optional.of(
          KeySources.pem(path(Setting.SIGNING_KEY), path(Setting.SIGNING_CERT), secret));
    }
    return Optional.empty();
  }

  /** Returns the maximum number of PDF pages of the active profile; 15 unless set. */
  public int maxPages() {
    return Integer.parseInt(text(Setting.MAX_PAGES).strip());
  }

  /** Returns the gateway's settings; check {@link #gatewayProblems()} first. */
  public GatewaySettings gateway() {
    String outbox = text(Setting.GATEWAY_OUTBOX);
    return new GatewaySettings(
        text(Setting.GATEWAY_HOST).strip(),
        Integer.parseInt(text(Setting.GATEWAY_PORT).strip()),
        text(Setting.GATEWAY_API_KEY),
        Boolean.parseBoolean(text(Setting.GATEWAY_ALLOW_NON_LOOPBACK).strip()),
        outbox == null || IN_MEMORY.equals(outbox.strip()) ? null : Path.of(outbox.strip()));
  }

  /**
   * Returns the problems that stop the gateway from starting: those of the profile, and a missing
   * API key or a non-loopback address that the configuration does not allow.
   */
  public List<ConfigProblem> gatewayProblems() {
    List<ConfigProblem> all = new ArrayList<>(problems);
    if (!gatewayConfigured) {
      all.addAll(ConfigChecks.gatewayChecks(this));
    }
    return all;
  }

  ConfigValue value(Setting setting) {
    return values.get(setting);
  }

  String text(Setting setting) {
    ConfigValue value = values.get(setting);
    return value.isSet() ? value.value() : null;
  }

  Path path(Setting setting) {
    String value = text(setting);
    return value == null ? null : Path.of(value);
  }

  void addProblem(Setting setting, String message) {
    problems.add(new ConfigProblem(setting.key(profile()), message));
  }

  void addProblem(String key, String message) {
    problems.add(new ConfigProblem(key, message));
  }

  private static ConfigValue resolveProfile(
      String override, Map<String, String> env, Map<String, String> fileValues) {
    if (override != null && !override.isBlank()) {
      return new ConfigValue("profile", override.strip(), ConfigSource.ENV, "--profile", false);
    }
    String fromEnv = env.get(PROFILE_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new ConfigValue("profile", fromEnv.strip(), ConfigSource.ENV, PROFILE_ENV, false);
    }
    String fromFile = fileValues.get("profile");
    if (fromFile != null && !fromFile.isBlank()) {
      return new ConfigValue("profile", fromFile.strip(), ConfigSource.FILE, null, false);
    }
    return new ConfigValue("profile", DEFAULT_PROFILE, ConfigSource.DEFAULT, null, false);
  }

  /** Returns the profile names the file defines. */
  static TreeSet<String> profilesIn(Map<String, String> fileValues) {
    TreeSet<String> names = new TreeSet<>();
    for (String key : fileValues.keySet()) {
      if (key.startsWith("profiles.") && key.indexOf('.', 9) > 0) {
        names.add(key.substring(9, key.indexOf('.', 9)));
      }
    }
    return names;
  }

  /** Reads a secret file; a problem is added when it is unreadable, empty or invalid. */
  static String readSecretFile(Path path, String key, List<ConfigProblem> problems) {
    SecretFiles.Result result = SecretFiles.readChecked(path);
    if (result.problem() != null) {
      problems.add(new ConfigProblem(key, result.problem()));
    }
    return result.secret();
  }

  static String lower(String text) {
    return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "EzpConfig[file=" + file + ", profile=" + profile() + ", values=" + values() + "]";
  }
}
