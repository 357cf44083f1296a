package org.ezpsdk.examples.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ezpsdk.testkit.EpsEmulator;
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
          + " accepted letters through their life on an accelerated clock."
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

  @Override
  public Integer call() throws InterruptedException {
    EpsEmulator.Builder builder =
        EpsEmulator.builder().host(host).port(port).stepDelay(Duration.ofMillis(stepDelayMillis));
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
        "Sender id: %s, token: %s (test credentials of the emulator)%n",
        EpsEmulator.TEST_SENDER_ID, EpsEmulator.TEST_SENDER_TOKEN);
    out.println("Press Ctrl+C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
