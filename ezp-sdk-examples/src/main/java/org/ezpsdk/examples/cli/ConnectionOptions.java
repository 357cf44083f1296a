package org.ezpsdk.examples.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.Transport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Options that choose the ИС ЭПС environment and the sender's credentials. The environment is
 * always chosen explicitly: {@code --test} or {@code --production}, never a default, so a test
 * configuration cannot reach production by accident.
 */
final class ConnectionOptions {

  @ArgGroup(exclusive = true, multiplicity = "1")
  EnvironmentChoice environment;

  static final class EnvironmentChoice {
    @Option(names = "--test", required = true, description = "Use the test environment.")
    boolean test;

    @Option(
        names = "--production",
        required = true,
        description = "Use the production environment: letters are real and are paid for.")
    boolean production;
  }

  @Option(
      names = "--endpoint",
      required = true,
      paramLabel = "URL",
      description = "Base URL of ИС ЭПС (from the contract) or of the emulator.")
  URI endpoint;

  @Option(
      names = "--sender-id",
      required = true,
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
      description = "File whose first line is the sender token; used instead of --token-env.")
  Path tokenFile;

  /** Builds a client for reading statuses and events; it has no signer, so it cannot send. */
  EzpClient readingClient(Transport transport) {
    return EzpClient.builder()
        .environment(environment())
        .credentials(credentials())
        .transport(transport)
        .build();
  }

  Environment environment() {
    return environment.production ? Environment.production(endpoint) : Environment.test(endpoint);
  }

  Credentials credentials() {
    return Credentials.of(senderId, token());
  }

  private String token() {
    if (tokenFile != null) {
      try {
        return Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream()
            .findFirst()
            .orElseThrow(
                () -> new ConfigurationException("The token file '" + tokenFile + "' is empty"));
      } catch (java.io.IOException e) {
        throw new ConfigurationException(
            "Failed to read the token file '" + tokenFile + "': " + e.getMessage(), e);
      }
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
