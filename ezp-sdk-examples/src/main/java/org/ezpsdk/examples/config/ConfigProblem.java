package org.ezpsdk.examples.config;

/**
 * One invalid or missing configuration setting.
 *
 * @param key the key as written in the configuration file, such as {@code profiles.test.token}
 * @param message what is wrong and how to fix it; never contains a secret
 */
public record ConfigProblem(String key, String message) {
  @Override
  public String toString() {
    return key + ": " + message;
  }
}
