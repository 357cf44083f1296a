package org.ezpsdk.examples.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.FaultPlan;
import org.ezpsdk.transport.smev.SmevVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the EPS emulator until the process is stopped. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the ИС ЭПС emulator (wire profile v1) on this machine until Ctrl+C.",
      "It checks credentials, letters, PDFs, signatures and ШПИ like the service, and moves"
          + " accepted letters through their life on an accelerated clock.",
      "It also serves СМЭВ 3 at smev/1.1, smev/1.2 and smev/1.3 for ezp send --transport smev."
    })
final class EmulatorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8089",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--step-delay-ms",
      defaultValue = "2000",
      paramLabel = "MS",
      description = "Time between two statuses of a letter, in ms (default: ${DEFAULT-VALUE}).")
  long stepDelayMillis;

  @Option(
      names = "--gospochta-consent",
      paramLabel = "INN_OR_NAME",
      split = ",",
      description =
          "Addressees (ИНН or full name) who receive electronically on Госуслуги; others get"
              + " hybrid print and paper delivery.")
  List<String> consents = List.of();

  @Option(
      names = "--fault",
      paramLabel = "NAME=TRIGGER[:VALUE][@OPS]",
      description = {
        "Injects a fault; repeat the option for several. NAME: drop-after-commit (store the"
            + " letter, then close the connection without an answer), status-429, status-500,"
            + " status-502, status-503, status-504 (answer with that status, store nothing), slow"
            + " (store, then wait before answering).",
        "TRIGGER: a probability from 0 to 1 (0.05), everyN for every n-th request (every20), or"
            + " once for the first matching request only."
            + " The probabilities of all faults on one operation add up and must not exceed 1.",
        "VALUE: the delay of slow (required) or the Retry-After of status-429 and status-503"
            + " (default 1s), in ms or s, such as 2000ms.",
        "OPS: comma-separated operations (sendLetter, getLetter, findLetters, events, notice);"
            + " all when left out.",
        "Example: --fault drop-after-commit=0.05 --fault status-503=0.05:1s"
            + " --fault slow=0.05:2000ms@sendLetter"
      })
  List<String> faults = List.of();

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Seed of the random fault draws; the same seed gives the same faults for the same"
              + " sequence of requests (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws InterruptedException {
    EpsEmulator.Builder builder =
        EpsEmulator.builder()
            .host(host)
            .port(port)
            .stepDelay(Duration.ofMillis(stepDelayMillis))
            .faults(FaultPlan.parse(faults, seed));
    consents.forEach(builder::withGosPochtaConsent);
    EpsEmulator emulator = builder.build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                }));
    var out = spec.commandLine().getOut();
    out.printf("EPS emulator listening at %s%n", emulator.baseUri());
    out.printf(
        "СМЭВ 3 endpoints: %s%n",
        Arrays.stream(SmevVersion.values())
            .map(version -> emulator.smevUri(version).toString())
            .collect(Collectors.joining(", ")));
    out.printf(
        "Sender id: %s, token: %s (test credentials of the emulator)%n",
        EpsEmulator.TEST_SENDER_ID, EpsEmulator.TEST_SENDER_TOKEN);
    if (!faults.isEmpty()) {
      out.printf("Injecting faults %s with seed %d%n", faults, seed);
    }
    out.println("Press Ctrl+C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
