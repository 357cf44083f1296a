package org.ezpsdk.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ezpsdk.examples.cli.EzpCommand;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.testkit.EpsEmulator;
import picocli.CommandLine;

/**
 * Sends a batch of letters with {@code ezp batch} against the emulator in the same JVM and prints
 * letters per second and the peak heap in use. Each letter has its own copy of a one-page A4 PDF
 * (864 bytes), is checked, recorded in a new SQLite outbox, given a ШПИ from a range, signed with a
 * GOST R 34.10-2012 256-bit key and sent over HTTP on 127.0.0.1. The rate counts the whole command:
 * reading and checking the manifest, recording, signing and sending.
 *
 * <p>Usage: {@code java -Xmx512m -cp ezp-sdk-benchmarks/target/benchmarks.jar
 * org.ezpsdk.benchmarks.BatchBenchmark [LETTERS] [THREADS]}, by default 10000 letters on 4 threads.
 * Heap use is sampled every 20 ms, so the peak is a lower bound of the true peak.
 */
public final class BatchBenchmark {
  private BatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int letters = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path folder = Files.createTempDirectory("ezp-batch-benchmark");
    try {
      run(folder, letters, threads);
    } finally {
      deleteFolder(folder);
    }
  }

  private static void run(Path folder, int letters, int threads) throws IOException {
    try (EpsEmulator emulator =
        EpsEmulator.builder().stepDelay(Duration.ofHours(1)).build().start()) {
      List<String> command = prepare(folder, letters, threads, emulator);
      HeapSampler heap = HeapSampler.start();
      long start = System.nanoTime();
      StringWriter out = new StringWriter();
      CommandLine cli = EzpCommand.newCommandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(System.err, true));
      int exit = cli.execute(command.toArray(String[]::new));
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = heap.stop();
      int accepted = emulator.letters().size();
      System.out.print(out);
      System.out.printf(
          "letters: %d accepted of %d, exit code %d%n"
              + "time: %.1f s%n"
              + "rate: %.1f letters/s%n"
              + "peak heap used: %.0f MB (max heap %.0f MB)%n"
              + "threads: %d, processors: %d%n",
          accepted,
          letters,
          exit,
          seconds,
          accepted / seconds,
          peak / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6,
          threads,
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** Deletes the manifest, PDFs, key and outbox the run wrote. */
  private static void deleteFolder(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static List<String> prepare(Path folder, int letters, int threads, EpsEmulator emulator)
      throws IOException {
    Path key = folder.resolve("key.pem");
    Path cert = folder.resolve("cert.pem");
    SigningCredentials credentials =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Batch benchmark", Duration.ofDays(1));
    TestKeys.writePem(credentials, key, cert, null);
    Path pdf = SampleDocuments.write(SampleDocuments.ONE_PAGE, folder);
    List<String> rows = new ArrayList<>();
    rows.add("pdf,document_number,document_date,title,surname,name,patronymic,postcode,address");
    for (int i = 0; i < letters; i++) {
      String name = "letter-" + i + ".pdf";
      Files.copy(pdf, folder.resolve(name));
      rows.add(
          name
              + ",А40-"
              + i
              + "/2026,2026-12-04,Определение суда,Иванов,Иван,Иванович,101000,"
              + "\"г. Москва, ул. Мясницкая, д. 26\"");
    }
    Path manifest = Files.write(folder.resolve("batch.csv"), rows, StandardCharsets.UTF_8);
    Path token = Files.writeString(folder.resolve("token.txt"), EpsEmulator.TEST_SENDER_TOKEN);
    return List.of(
        "batch",
        "--test",
        "--endpoint",
        emulator.baseUri().toString(),
        "--sender-id",
        EpsEmulator.TEST_SENDER_ID,
        "--token-file",
        token.toString(),
        "--key",
        key.toString(),
        "--cert",
        cert.toString(),
        "--sender-name",
        "Арбитражный суд города Москвы",
        "--sender-address",
        "115225, г. Москва, ул. Большая Тульская, д. 17",
        "--mail-rank",
        "4",
        "--range",
        "10100001:0-99999",
        "--low-remainder",
        "0",
        "--threads",
        String.valueOf(threads),
        manifest.toString());
  }

  /** Samples the heap in use and keeps the maximum. */
  private static final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    static HeapSampler start() {
      HeapSampler sampler = new HeapSampler();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      sampler.timer.scheduleAtFixedRate(
          () -> sampler.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
          0,
          20,
          TimeUnit.MILLISECONDS);
      return sampler;
    }

    long stop() {
      timer.shutdownNow();
      return peak.get();
    }
  }
}
