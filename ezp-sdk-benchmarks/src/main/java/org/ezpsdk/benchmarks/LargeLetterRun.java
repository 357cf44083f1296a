package org.ezpsdk.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.testkit.EmulatedLetter;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.ResourceMeter;

/**
 * Sends one large PDF end to end in a child JVM with a small heap and prints the child's elapsed
 * time, peak heap and bytes read. The child runs {@code EzpClient} with the {@code http} transport
 * and a 256-bit GOST key, so the send covers preflight, signing and the upload. It sends to an
 * {@link EpsEmulator} in this JVM on 127.0.0.1, whose own preflight and signature check are part of
 * the elapsed time, because the client waits for its response. This is one timed run, not a JMH
 * benchmark.
 *
 * <p>Usage: {@code java -cp ezp-sdk-benchmarks/target/benchmarks.jar
 * org.ezpsdk.benchmarks.LargeLetterRun [SIZE_MIB [CHILD_HEAP]]}, by default 200 MiB and {@code
 * -Xmx64m}. The PDF is written into a temporary directory and deleted at the end.
 */
public final class LargeLetterRun {
  private static final long MIB = 1024L * 1024;
  private static final long DEFAULT_SIZE_MIB = 200;
  private static final String DEFAULT_CHILD_HEAP = "-Xmx64m";
  private static final String WARM_UP_BARCODE = TrackingNumbers.completeDomestic("8008015200001");
  private static final String LARGE_BARCODE = TrackingNumbers.completeDomestic("8008015200002");

  private LargeLetterRun() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    long sizeMib = args.length > 0 ? parseSize(args[0]) : DEFAULT_SIZE_MIB;
    String childHeap = args.length > 1 ? args[1] : DEFAULT_CHILD_HEAP;
    Path dir = Files.createTempDirectory("ezp-large-letter-");
    try {
      Path onePage = SampleDocuments.writeOnePage(dir.resolve("one-page.pdf"));
      long start = System.nanoTime();
      Path large = SampleDocuments.writeLarge(dir.resolve("large.pdf"), sizeMib * MIB);
      System.out.printf(
          "PDF written: %,d bytes in %,d ms%n", Files.size(large), millisSince(start));
      int exitCode = sendInChild(childHeap, onePage, large);
      if (exitCode != 0) {
        System.err.println("error: the child JVM exited with " + exitCode);
        System.exit(1);
      }
    } finally {
      SampleDocuments.deleteDirectory(dir);
    }
  }

  private static long parseSize(String text) {
    try {
      long sizeMib = Long.parseLong(text);
      if (sizeMib > 0) {
        return sizeMib;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    System.err.println(
        "error: SIZE_MIB '" + text + "' is invalid; pass the PDF size in MiB, such as 200");
    System.exit(2);
    return 0;
  }

  /** Starts the emulator, runs {@link Child} against it and checks the letter it accepted. */
  private static int sendInChild(String childHeap, Path onePage, Path large)
      throws IOException, InterruptedException {
    try (EpsEmulator emulator = emulator(Files.size(large))) {
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              childHeap,
              "-cp",
              System.getProperty("java.class.path"),
              Child.class.getName(),
              emulator.baseUri().toString(),
              onePage.toString(),
              large.toString());
      int exitCode = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exitCode == 0) {
        checkAttachment(emulator, large);
      }
      return exitCode;
    }
  }

  private static EpsEmulator emulator(long fileBytes) {
    long maxBytes = fileBytes + MIB;
    return EpsEmulator.builder()
        .stepDelay(Duration.ofMinutes(1))
        .preflightPolicy(PreflightPolicy.builder().maxFileSizeBytes(maxBytes).build())
        .maxRequestBytes(maxBytes + MIB)
        .build()
        .start();
  }

  private static void checkAttachment(EpsEmulator emulator, Path large) throws IOException {
    EmulatedLetter letter =
        emulator.letters().stream()
            .filter(candidate -> LARGE_BARCODE.equals(candidate.barcode()))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("the emulator has no letter " + LARGE_BARCODE));
    String expected = sha256(large);
    if (!expected.equals(letter.attachmentSha256())) {
      throw new IllegalStateException(
          "the emulator received an attachment with SHA-256 "
              + letter.attachmentSha256()
              + ", expected "
              + expected);
    }
    System.out.println("Emulator: signature verified, attachment SHA-256 " + expected);
  }

  private static String sha256(Path file) throws IOException {
    return Sha256.hex(file);
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  /**
   * The sender in the child JVM: sends a one-page letter, so that the classes of the whole path are
   * loaded, and then the large one, and prints the figures of the large send.
   *
   * <p>Arguments: the emulator's URL, the one-page PDF and the large PDF.
   */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) throws IOException {
      URI endpoint = URI.create(args[0]);
      Path onePage = Path.of(args[1]);
      Path large = Path.of(args[2]);
      try (EzpClient client = client(endpoint, Files.size(large))) {
        client.send(letter(WARM_UP_BARCODE), onePage);

        ResourceMeter meter = ResourceMeter.start();
        SendResult result = client.send(letter(LARGE_BARCODE), large);
        ResourceMeter.Usage usage = meter.stop();

        long fileBytes = Files.size(large);
        System.out.printf(
            "Letter %s accepted as %s after %d attempt(s)%n",
            LARGE_BARCODE, result.letterId(), result.attempts());
        System.out.printf("File:       %,d bytes%n", fileBytes);
        System.out.printf("Elapsed:    %,d ms%n", usage.elapsed().toMillis());
        System.out.printf(
            "Bytes read: %,d, %.2f times the file (rchar of /proc/self/io)%n",
            usage.bytesRead(), (double) usage.bytesRead() / fileBytes);
        System.out.printf(
            "Peak heap:  %.1f MiB (sum of the heap pools' peaks), max heap %.1f MiB%n",
            (double) usage.peakHeapBytes() / MIB, (double) Runtime.getRuntime().maxMemory() / MIB);
        System.out.printf(
            "GC:         %d collections, %d ms%n", usage.gcCount(), usage.gcTime().toMillis());
      }
    }

    private static EzpClient client(URI endpoint, long fileBytes) {
      return EzpClient.builder()
          .environment(Environment.test(endpoint))
          .credentials(EpsEmulator.testCredentials())
          .transport("http", Map.of())
          .signer(CadesSigner.of(SampleKeys.generate(256)))
          .preflightPolicy(PreflightPolicy.builder().maxFileSizeBytes(fileBytes + MIB).build())
          .build();
    }

    private static Letter letter(String barcode) {
      return Letter.builder()
          .documentNumber("А40-12345/2026")
          .documentDate(LocalDate.of(2026, 12, 4))
          .title("Материалы дела")
          .sender(
              Sender.of(
                  "Арбитражный суд города Москвы",
                  Address.of("115225", "г. Москва, ул. Большая Тульская, д. 17")))
          .recipient(Recipient.individual("Иванов", "Иван", "Иванович"))
          .recipientAddress("101000, г. Москва, ул. Мясницкая, д. 26, кв. 1")
          .type(LetterType.REGISTERED)
          .mailRank(MailRank.JUDICIAL)
          .barcode(barcode)
          .build();
    }
  }
}
