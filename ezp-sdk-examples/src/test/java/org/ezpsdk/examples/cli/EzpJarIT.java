package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.Fault;
import org.ezpsdk.testkit.FaultPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code ezp.jar} in its own JVM, as the README instructs a new user. */
class EzpJarIT {
  private static final Pattern BARCODE = Pattern.compile("ШПИ (\\d{14})");

  @TempDir Path workDir;

  @Test
  void demoPrintsValidBarcodeAndFinalStatus() throws Exception {
    Result result = runJar("demo", "--work-dir", workDir.toString(), "--step-delay-ms", "100");

    assertThat(result.exitCode).as(result.output).isZero();
    Matcher barcode = BARCODE.matcher(result.output);
    assertThat(barcode.find()).as(result.output).isTrue();
    assertThat(TrackingNumbers.isValidDomestic(barcode.group(1))).isTrue();
    assertThat(result.output).contains("ACCEPTED", "PRINTED", "IN_DELIVERY", "DELIVERED");
    assertThat(result.output).contains("Final status: NOTICE_AVAILABLE");
    assertThat(result.output).contains("verification: VALID");
    assertThat(workDir.resolve("demo-letter.pdf.sig")).isNotEmptyFile();
  }

  @Test
  void demoDeliversElectronicallyWithConsent() throws Exception {
    Result result =
        runJar("demo", "--electronic", "--work-dir", workDir.toString(), "--step-delay-ms", "100");

    assertThat(result.exitCode).as(result.output).isZero();
    assertThat(result.output).contains("DELIVERED_ELECTRONICALLY");
    assertThat(result.output).doesNotContain("PRINTED");
  }

  @Test
  void helpDescribesEveryCommand() throws Exception {
    Result result = runJar("--help");

    assertThat(result.exitCode).isZero();
    assertThat(result.output)
        .contains("demo", "keygen", "preflight", "sign", "verify", "send", "status", "emulator");
  }

  @Test
  void batchKeepsLibraryWarningsOutOfProgress() throws Exception {
    try (EpsEmulator busyOnce = busyOnFirstSend()) {
      Result result = runJar(batchArgs(busyOnce));

      assertThat(result.exitCode).as(result.output).isZero();
      assertThat(result.output).contains("ezp: batch decisions.csv: 2 letters to send");
      assertThat(result.output).contains("2 sent, 0 failed, 0 not sent yet");
      assertThat(result.output).doesNotContain(" WARN ", " INFO ");
      assertThat(busyOnce.injectedFaults()).containsEntry("status-503", 1L);
    }
  }

  @Test
  void batchPrintsLibraryLogsWhenVerbose() throws Exception {
    try (EpsEmulator busyOnce = busyOnFirstSend()) {
      List<String> args = batchArgs(busyOnce);
      args.add(args.size() - 1, "--verbose");

      Result result = runJar(args);

      assertThat(result.exitCode).as(result.output).isZero();
      assertThat(result.output).contains("WARN org.ezpsdk.core.outbox.OutboxSender");
      assertThat(result.output).contains(" INFO ");
    }
  }

  /** Starts an emulator whose first send gets a 503, so one letter stays pending once. */
  private static EpsEmulator busyOnFirstSend() {
    FaultPlan faults = FaultPlan.builder().add(Fault.status(503).once().on("sendLetter")).build();
    return EpsEmulator.builder().faults(faults).build().start();
  }

  /** Returns the arguments of a batch of two letters that gives up a send after 1 s of retries. */
  private List<String> batchArgs(EpsEmulator emulator) throws IOException {
    Path key = workDir.resolve("key.pem");
    Path cert = workDir.resolve("cert.pem");
    CliRun keygen = CliRun.of("keygen", "--key-out", key.toString(), "--cert-out", cert.toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    Path manifest = TestManifests.write(workDir, "decisions.csv", 2, i -> null);
    List<String> args = TestManifests.batchArgs(emulator.baseUri().toString(), key, cert, manifest);
    args.addAll(
        args.size() - 1,
        List.of("--threads", "1", "--deadline-seconds", "1", "--retry-seconds", "0.2"));
    return args;
  }

  private record Result(int exitCode, String output) {}

  private Result runJar(List<String> args) throws IOException, InterruptedException {
    return runJar(args.toArray(String[]::new));
  }

  private Result runJar(String... args) throws IOException, InterruptedException {
    String jar = System.getProperty("ezp.jar");
    assertThat(jar).as("system property ezp.jar, set by the failsafe plugin").isNotNull();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    Path log = Files.createTempFile(workDir, "ezp-", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("ezp finished within 120 s; output: " + output).isTrue();
    return new Result(process.exitValue(), output);
  }
}
