package org.ezpsdk.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes allocating from one range at once never receive the same number. */
class RangeAcrossProcessesTest {
  private static final int PER_PROCESS = 5_000;

  @TempDir Path folder;

  // Commits here wait for no disk flush, which keeps 10,000 commits within seconds: what is under
  // test is the locking between processes, which flushing does not change.

  @Test
  void sqliteProcessesNeverShareNumber() throws Exception {
    allocateFromTwoProcesses(OutboxDatabases.sqlite(folder) + "?synchronous=OFF");
  }

  @Test
  void postgresProcessesNeverShareNumber() throws Exception {
    allocateFromTwoProcesses(OutboxDatabases.postgres() + "&options=-c%20synchronous_commit%3Doff");
  }

  private void allocateFromTwoProcesses(String url) throws Exception {
    String rangeId;
    try (JdbcOutboxStore store = JdbcOutboxStore.open(url, new Properties())) {
      rangeId = store.ranges().addRange("10100001", 0, 99_999, "test").id();
    }
    List<Process> processes = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path output = folder.resolve("numbers-" + i + ".txt");
      outputs.add(output);
      processes.add(child(url, rangeId, output));
    }
    for (Process process : processes) {
      assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue())
          .as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isZero();
    }

    List<String> all = new ArrayList<>();
    for (Path output : outputs) {
      all.addAll(Files.readAllLines(output));
    }
    Set<String> distinct = new HashSet<>(all);
    assertThat(all).hasSize(2 * PER_PROCESS);
    assertThat(distinct).hasSize(2 * PER_PROCESS);
    assertThat(all).allMatch(TrackingNumbers::isValidDomestic);
    try (JdbcOutboxStore store = JdbcOutboxStore.open(url, new Properties())) {
      assertThat(store.ranges().find(rangeId).orElseThrow().nextSerial())
          .isEqualTo(2 * PER_PROCESS);
    }
  }

  private static Process child(String url, String rangeId, Path output) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AllocateNumbers.class.getName());
    command.addAll(List.of(url, rangeId, String.valueOf(PER_PROCESS), output.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
