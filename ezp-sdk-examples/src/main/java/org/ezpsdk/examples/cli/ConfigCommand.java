package org.ezpsdk.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ezpsdk.examples.config.ConfigProblem;
import org.ezpsdk.examples.config.ConfigValue;
import org.ezpsdk.examples.config.EzpConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Groups the commands that work on the configuration file. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Checks the configuration of the command line and the gateway.",
    subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Validates the configuration and prints every value with its origin, secrets masked. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Validates the configuration: lists every problem with its key, the active profile, and"
            + " where each value came from (file, env, default). Secrets are masked.",
        "Exits 0 when valid and 3 when there are problems."
      },
      footer = {
        "",
        "Keys of the YAML file and their environment variables (the variable wins):",
        "  profile                              EZP_PROFILE",
        "  profiles.<name>.environment          EZP_ENVIRONMENT        test or production",
        "  profiles.<name>.endpoint             EZP_ENDPOINT",
        "  profiles.<name>.senderId             EZP_SENDER_ID",
        "  profiles.<name>.token | tokenFile    EZP_TOKEN | EZP_TOKEN_FILE",
        "  profiles.<name>.signing.key, .cert   EZP_SIGNING_KEY, EZP_SIGNING_CERT",
        "  profiles.<name>.signing.pkcs12       EZP_SIGNING_PKCS12 (and signing.alias)",
        "  profiles.<name>.signing.password | passwordFile",
        "                                       EZP_SIGNING_PASSWORD | EZP_SIGNING_PASSWORD_FILE",
        "  profiles.<name>.maxPages             EZP_MAX_PAGES          default 15",
        "  gateway.host, gateway.port           EZP_GATEWAY_HOST, EZP_GATEWAY_PORT",
        "  gateway.apiKey | apiKeyFile          EZP_GATEWAY_API_KEY | EZP_GATEWAY_API_KEY_FILE",
        "  gateway.allowNonLoopback             EZP_GATEWAY_ALLOW_NON_LOOPBACK",
        "  gateway.outbox                       EZP_GATEWAY_OUTBOX"
      })
  static final class Check implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "The YAML configuration file (default: the file named by EZP_CONFIG).")
    Path configFile;

    @Option(
        names = "--profile",
        paramLabel = "NAME",
        description = "The profile to check (default: EZP_PROFILE, the file's 'profile', test).")
    String profile;

    @Override
    public Integer call() {
      EzpConfig config = EzpConfig.load(configFile, profile);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Configuration file: %s%n",
          config.file().map(Path::toString).orElse("none (environment variables only)"));
      out.printf("Active profile: %s (from %s)%n", config.profile(), origin(config.profileValue()));
      out.println("Values:");
      for (ConfigValue value : config.values()) {
        out.printf("  %-40s %-32s %s%n", value.key(), value.display(), origin(value));
      }
      for (ConfigProblem warning : config.warnings()) {
        out.printf("Warning: %s%n", warning);
      }
      if (config.problems().isEmpty() && config.keySource().isEmpty()) {
        ConfigProblem noKey =
            new ConfigProblem(
                "profiles." + config.profile() + ".signing",
                "no signing key is set; ezp gateway signs every letter and needs signing.key and"
                    + " signing.cert, or signing.pkcs12");
        if (config.isGatewayConfigured()) {
          return report(List.of(noKey));
        }
        out.printf("Warning: %s%n", noKey);
      }
      if (config.problems().isEmpty()) {
        out.printf(
            "The configuration is valid%s.%n",
            config.isGatewayConfigured() ? "" : " (the gateway section is not set)");
        return 0;
      }
      return report(config.problems());
    }

    private int report(List<ConfigProblem> problems) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf("The configuration has %d problem(s):%n", problems.size());
      for (ConfigProblem problem : problems) {
        err.printf("  %s%n", problem);
      }
      return EzpCommand.EXIT_INVALID_INPUT;
    }

    private static String origin(ConfigValue value) {
      String source = value.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      return value.origin() == null ? source : source + " " + value.origin();
    }
  }
}
