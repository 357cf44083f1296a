package org.ezpsdk.examples.config;

/**
 * One resolved configuration value with its origin.
 *
 * @param key the key as written in the configuration file, such as {@code profiles.test.endpoint}
 * @param value the value; {@code null} when the setting is not set
 * @param source where the value came from
 * @param origin the file path or the environment variable's name, for reports
 * @param secret true for tokens, passwords and API keys, which are shown masked
 */
public record ConfigValue(
    String key, String value, ConfigSource source, String origin, boolean secret) {

  /** Returns the value as it may be shown: a secret becomes {@code ***} or {@code (not set)}. */
  public String display() {
    if (value == null) {
      return "(not set)";
    }
    return secret ? "*** (" + value.length() + " characters)" : value;
  }

  /** Returns true when the value is set and not blank. */
  public boolean isSet() {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return key + "=" + display() + " [" + source + (origin == null ? "" : " " + origin) + "]";
  }
}
