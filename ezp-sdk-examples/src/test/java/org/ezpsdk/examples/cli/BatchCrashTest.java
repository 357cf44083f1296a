package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.testkit.EmulatedLetter;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.EpsEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code ezp batch} (a child JVM) with SIGKILL at random moments and runs it again each time:
 * in the end every row reached the emulator exactly once, with its own ШПИ.
 */
class BatchCrashTest {
  private static final int ROWS = 500;
  private static final int KILLS = 20;

  @RegisterExtension
  final EpsEmulatorExtension eps =
      EpsEmulatorExtension.perTest(EpsEmulator.builder().stepDelay(Duration.ofMinutes(10)));

  @TempDir Path dir;

  @Test
  void killedBatchSendsEveryRowExactlyOnce() throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    CliRun keygen = CliRun.of("keygen", "--key-out", key.toString(), "--cert-out", cert.toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    Path manifest = TestManifests.write(dir, "decisions.csv", ROWS, i -> null);
    List<String> args =
        TestManifests.batchArgs(eps.emulator().baseUri().toString(), key, cert, manifest);
    args.addAll(
        args.size() - 1,
        List.of("--lease-seconds", "1", "--retry-seconds", "0.5", "--threads", "4"));
    long seed = System.nanoTime();
    Random random = new Random(seed);

    List<Integer> acceptedAtKill = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      Process process = start(args, dir.resolve("run-" + kill + ".log"));
      waitForRandomMoment(process, random, kill);
      process.destroyForcibly();
      assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
      acceptedAtKill.add(eps.emulator().letters().size());
    }
    long lastStart = System.nanoTime();
    Process last = start(args, dir.resolve("last.log"));
    assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();

    String log = Files.readString(dir.resolve("last.log"));
    String context = "seed " + seed + ", accepted at each kill " + acceptedAtKill + "\n" + log;
    System.out.printf(
        "Crash test: accepted at each kill %s; last run %.1f s%n",
        acceptedAtKill, (System.nanoTime() - lastStart) / 1e9);
    assertThat(acceptedAtKill).as(context).anyMatch(n -> n > 0 && n < ROWS);
    assertThat(last.exitValue()).as(context).isZero();
    List<EmulatedLetter> letters = eps.emulator().letters();
    assertThat(letters).as(context).hasSize(ROWS);
    assertThat(eps.emulator().acceptedLetterCounts().values()).as(context).allMatch(n -> n == 1);
    assertThat(eps.emulator().duplicates()).as(context).isEmpty();
    assertThat(new HashSet<>(letters.stream().map(EmulatedLetter::barcode).toList())).hasSize(ROWS);
    assertEveryRowSent(dir.resolve("decisions.outbox.db"), letters);
  }

  @Test
  void interruptedBatchTellsHowToResume() throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    CliRun keygen = CliRun.of("keygen", "--key-out", key.toString(), "--cert-out", cert.toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    Path manifest = TestManifests.write(dir, "decisions.csv", 50, i -> null);
    List<String> args =
        TestManifests.batchArgs(eps.emulator().baseUri().toString(), key, cert, manifest);
    args.addAll(args.size() - 1, List.of("--lease-seconds", "1", "--threads", "2"));
    Path log = dir.resolve("interrupted.log");
    Process process = start(args, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (eps.emulator().letters().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
    assertThat(kill.waitFor()).isZero();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

    String output = Files.readString(log);
    assertThat(process.exitValue()).as(output).isNotZero();
    assertThat(output)
        .containsOnlyOnce("ezp: batch interrupted; run the same command again to resume it");
    CliRun rerun = CliRun.of(args.toArray(String[]::new));
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(eps.emulator().letters()).hasSize(50);
    assertThat(eps.emulator().duplicates()).isEmpty();
  }

  /**
   * Waits until the moment of the next kill. Every fourth run is killed at a random time from the
   * start, which may fall while the JVM starts, the manifest is checked or the rows are recorded.
   * The others are killed after a random number of further letters reached the emulator, plus up to
   * 200 ms, so that most kills hit letters in flight.
   */
  private void waitForRandomMoment(Process process, Random random, int kill) throws Exception {
    if (kill % 4 == 3) {
      Thread.sleep(200 + random.nextInt(3000));
      return;
    }
    int target = Math.min(ROWS, eps.emulator().letters().size() + 1 + random.nextInt(30));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (eps.emulator().letters().size() < target
        && process.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(random.nextInt(200));
  }

  private static void assertEveryRowSent(Path outbox, List<EmulatedLetter> letters) {
    try (JdbcOutboxStore store = JdbcOutboxStore.sqlite(outbox)) {
      List<OutboxRecord> records = store.list(null, 0, ROWS + 10);
      assertThat(records).hasSize(ROWS);
      assertThat(records).allSatisfy(r -> assertThat(r.state()).isEqualTo(OutboxState.SENT));
      assertThat(new HashSet<>(records.stream().map(OutboxRecord::reference).toList()))
          .hasSize(ROWS);
      assertThat(records.stream().map(OutboxRecord::barcode).toList())
          .containsExactlyInAnyOrderElementsOf(
              letters.stream().map(EmulatedLetter::barcode).toList());
    }
  }

  private static Process start(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EzpCommand.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
