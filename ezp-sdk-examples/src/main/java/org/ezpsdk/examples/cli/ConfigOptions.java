package org.ezpsdk.examples.cli;

import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.examples.config.EzpConfig;

/** Rules shared by the commands that take {@code --config} and {@code --profile}. */
final class ConfigOptions {
  private ConfigOptions() {}

  /**
   * Requires {@code --production} on the command line for a production profile, so that a
   * production profile chosen by EZP_PROFILE alone cannot send real letters, and rejects {@code
   * --production} for a test profile.
   */
  static void requireProductionConfirmed(EzpConfig config, boolean productionFlag) {
    if (config.isProduction() && !productionFlag) {
      throw new ConfigurationException(
          "The profile '"
              + config.profile()
              + "' uses the production environment, where letters are real and paid for; add"
              + " --production to confirm, or choose a test profile with --profile");
    }
    if (!config.isProduction() && productionFlag) {
      throw new ConfigurationException(
          "--production was given, but the profile '"
              + config.profile()
              + "' uses the test environment; choose the production profile with --profile");
    }
  }
}
