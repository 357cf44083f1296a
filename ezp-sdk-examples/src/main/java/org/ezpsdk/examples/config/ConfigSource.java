package org.ezpsdk.examples.config;

/** The origin of a configuration value. */
public enum ConfigSource {
  /** The configuration file. */
  FILE,
  /** An environment variable, which overrides the file. */
  ENV,
  /** A file named by a {@code …File} setting, such as {@code tokenFile}. */
  SECRET_FILE,
  /** The built-in default. */
  DEFAULT
}
