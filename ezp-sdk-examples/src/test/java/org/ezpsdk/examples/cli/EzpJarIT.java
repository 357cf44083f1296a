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

  private record Result(int exitCode, String output) {}

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
