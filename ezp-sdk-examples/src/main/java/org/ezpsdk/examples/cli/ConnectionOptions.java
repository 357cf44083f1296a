package org.ezpsdk.examples.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.examples.config.SecretFiles;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options that choose the ИС ЭПС environment and the sender's credentials, on the command line or
 * from a configuration profile ({@code --config}, {@code --profile}). The environment is always
 * chosen explicitly: {@code --test} or {@code --production}, or a profile, and a production profile
 * needs {@code --production} too, so a test configuration cannot reach production by accident.
 */
final class ConnectionOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  EnvironmentChoice environment;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML configuration file with the endpoint, sender id and token of each profile"
              + " (default: the file named by EZP_CONFIG); the options here override it.")
  Path configFile;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Profile of the configuration file (default: EZP_PROFILE, the file's, test).")
  String profile;

  private EzpConfig config;

  static final class EnvironmentChoice {
    @Option(
        names = "--test",
        required = true,
        description = "Use the test environment (with --config: confirm the profile is test).")
    boolean test;

    @Option(
        names = "--production",
        required = true,
        description =
            "Use the production environment: letters are real and are paid for. Required to use"
                + " a production profile of the configuration.")
    boolean production;
  }

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "Base URL of ИС ЭПС (from the contract) or of the emulator.")
  URI endpoint;

  @Option(
      names = "--sender-id",
      paramLabel = "ID",
      description = "Sender identifier issued by Russian Post for this environment.")
  String senderId;

  @Option(
      names = "--token-env",
      paramLabel = "VAR",
      defaultValue = "EZP_TOKEN",
      description = "Environment variable that holds the sender token (default: ${DEFAULT-VALUE}).")
  String tokenEnv;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "File that contains the sender token; used instead of --token-env.")
  Path tokenFile;

  /** Builds a client for reading statuses and events; it has no signer, so it cannot send. */
  /** Returns a client for reads that prints a line to {@code err} before each retry. */
  EzpClient readingClient(Transport transport, PrintWriter err) {
    return EzpClient.builder()
        .environment(environment())
        .credentials(credentials())
        .transport(transport)
        .retryPolicy(RetryPolicy.defaults().toBuilder().listener(RetryLines.forReads(err)).build())
        .build();
  }

  Environment environment() {
    EzpConfig loaded = config();
    if (loaded == null) {
      requireOption(endpoint, "--endpoint URL");
      return environment.production ? Environment.production(endpoint) : Environment.test(endpoint);
    }
    URI base = endpoint != null ? endpoint : loaded.environment().endpoint();
    return loaded.isProduction() ? Environment.production(base) : Environment.test(base);
  }

  Credentials credentials() {
    EzpConfig loaded = config();
    if (loaded == null) {
      requireOption(senderId, "--sender-id ID");
      return Credentials.of(senderId, token());
    }
    Credentials configured = loaded.credentials();
    String id = senderId != null ? senderId : configured.id();
    boolean tokenOnCommandLine =
        tokenFile != null || !"EZP_TOKEN".equals(tokenEnv) && System.getenv(tokenEnv) != null;
    return tokenOnCommandLine || senderId != null
        ? Credentials.of(id, tokenOnCommandLine ? token() : loaded.token())
        : configured;
  }

  /**
   * Returns the configuration when --config, --profile or EZP_CONFIG names one, else null; without
   * one, --test or --production is required.
   */
  private EzpConfig config() {
    if (config != null) {
      return config;
    }
    String named = System.getenv(EzpConfig.CONFIG_ENV);
    boolean requested = configFile != null || profile != null || named != null && !named.isBlank();
    if (!requested) {
      if (environment == null) {
        throw new CommandLine.ParameterException(
            command.commandLine(),
            "Missing required option: --test or --production (or --config FILE with the"
                + " environment)");
      }
      return null;
    }
    config = EzpConfig.load(configFile, profile).requireValid();
    ConfigOptions.requireProductionConfirmed(config, environment != null && environment.production);
    return config;
  }

  private void requireOption(Object value, String option) {
    if (value == null) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "Missing required option: " + option + " (or --config FILE)");
    }
  }

  private String token() {
    if (tokenFile != null) {
      return SecretFiles.read(tokenFile, "--token-file");
    }
    String token = System.getenv(tokenEnv);
    if (token == null || token.isBlank()) {
      throw new ConfigurationException(
          "The sender token is missing: set the environment variable "
              + tokenEnv
              + " or give --token-file");
    }
    return token;
  }
}
