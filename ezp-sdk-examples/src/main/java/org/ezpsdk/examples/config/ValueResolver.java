package org.ezpsdk.examples.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Resolves each setting from the environment, then the file, then the default. */
final class ValueResolver {
  private final Path file;
  private final String profile;
  private final Map<String, String> env;
  private final Map<String, String> fileValues;

  ValueResolver(
      Path file, String profile, Map<String, String> env, Map<String, String> fileValues) {
    this.file = file;
    this.profile = profile;
    this.env = env;
    this.fileValues = fileValues;
  }

  ConfigValue resolve(Setting setting) {
    String key = setting.key(profile);
    boolean secret = setting.kind == Setting.Kind.SECRET;
    String fromEnv = env.get(setting.envVar);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new ConfigValue(key, fromEnv.strip(), ConfigSource.ENV, setting.envVar, secret);
    }
    String fromFile = fileValues.get(key);
    if (fromFile != null && !fromFile.isBlank()) {
      boolean path =
          setting.kind == Setting.Kind.PATH && !EzpConfig.IN_MEMORY.equals(fromFile.strip());
      String value = path ? resolvePath(fromFile.strip()) : fromFile;
      return new ConfigValue(key, value, ConfigSource.FILE, file.toString(), secret);
    }
    return new ConfigValue(key, defaultValue(setting), ConfigSource.DEFAULT, null, secret);
  }

  private String defaultValue(Setting setting) {
    return switch (setting) {
      case ENVIRONMENT -> "test".equals(profile) || "production".equals(profile) ? profile : null;
      case MAX_PAGES -> String.valueOf(EzpConfig.DEFAULT_MAX_PAGES);
      case GATEWAY_HOST -> EzpConfig.DEFAULT_GATEWAY_HOST;
      case GATEWAY_PORT -> String.valueOf(EzpConfig.DEFAULT_GATEWAY_PORT);
      case GATEWAY_ALLOW_NON_LOOPBACK -> "false";
      case GATEWAY_OUTBOX -> EzpConfig.DEFAULT_GATEWAY_OUTBOX;
      default -> null;
    };
  }

  /**
   * Fills each secret from its {@code …File} setting when the secret itself is not set, or is set
   * only in the file while the {@code …File} setting comes from the environment.
   */
  void resolveSecrets(
      Map<Setting, ConfigValue> values,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    resolveSecret(values, Setting.TOKEN, Setting.TOKEN_FILE, problems, warnings);
    resolveSecret(
        values, Setting.SIGNING_PASSWORD, Setting.SIGNING_PASSWORD_FILE, problems, warnings);
    resolveSecret(
        values, Setting.GATEWAY_API_KEY, Setting.GATEWAY_API_KEY_FILE, problems, warnings);
  }

  private void resolveSecret(
      Map<Setting, ConfigValue> values,
      Setting secret,
      Setting secretFile,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    ConfigValue direct = values.get(secret);
    ConfigValue viaFile = values.get(secretFile);
    boolean fileWins =
        viaFile.isSet()
            && (!direct.isSet()
                || direct.source() == ConfigSource.FILE && viaFile.source() == ConfigSource.ENV);
    if (fileWins) {
      String value = EzpConfig.readSecretFile(Path.of(viaFile.value()), viaFile.key(), problems);
      values.put(
          secret,
          new ConfigValue(direct.key(), value, ConfigSource.SECRET_FILE, viaFile.value(), true));
    } else if (direct.source() == ConfigSource.FILE) {
      warnings.add(
          new ConfigProblem(
              direct.key(),
              "a secret is written in the configuration file; move it to the file named by "
                  + secretFile.name
                  + " or to the environment variable "
                  + secret.envVar));
    }
  }

  private String resolvePath(String value) {
    Path path = Path.of(value);
    if (path.isAbsolute() || file == null) {
      return path.toString();
    }
    Path folder = file.toAbsolutePath().getParent();
    return folder == null ? path.toString() : folder.resolve(path).normalize().toString();
  }
}
