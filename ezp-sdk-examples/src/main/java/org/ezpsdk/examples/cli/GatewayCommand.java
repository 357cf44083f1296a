package org.ezpsdk.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ezpsdk.examples.config.ConfigProblem;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.examples.config.GatewaySettings;
import org.ezpsdk.examples.gateway.Gateway;
import org.ezpsdk.examples.gateway.LetterOperations;
import org.ezpsdk.examples.gateway.SendLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the local HTTP gateway for 1C and other callers that are not Java. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a local HTTP service with JSON endpoints that send letters, read statuses, events"
          + " and notices through the SDK, for 1C and other callers that are not Java.",
      "Every request needs the API key from the configuration (gateway.apiKeyFile or"
          + " EZP_GATEWAY_API_KEY). The endpoints are described in docs/gateway.md."
    })
final class GatewayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The YAML configuration file (default: the file named by EZP_CONFIG).")
  Path configFile;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "The profile to use (default: EZP_PROFILE, the file's 'profile', test).")
  String profile;

  @Option(
      names = "--production",
      description =
          "Confirm that the active profile is the production environment, where letters are real"
              + " and paid for; required for a production profile.")
  boolean production;

  @Override
  public Integer call() throws Exception {
    EzpConfig config = EzpConfig.load(configFile, profile);
    if (!config.gatewayProblems().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "ezp: the gateway configuration has %d problem(s):%n", config.gatewayProblems().size());
      for (ConfigProblem problem : config.gatewayProblems()) {
        err.printf("  %s%n", problem);
      }
      return EzpCommand.EXIT_INVALID_INPUT;
    }
    ConfigOptions.requireProductionConfirmed(config, production);

    GatewaySettings settings = config.gateway();
    Path workDir = SendLogs.attachmentFolder(settings);
    LetterOperations operations = LetterOperations.open(config, SendLogs.open(settings), workDir);
    Gateway gateway;
    try {
      gateway = Gateway.start(settings, operations);
    } catch (RuntimeException e) {
      operations.close();
      throw e;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  operations.close();
                  stopped.countDown();
                }));

    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "EZP gateway listening at %s for profile %s (%s)%n",
        gateway.baseUri(), config.profile(), config.environment());
    out.println("Press Ctrl+C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
