package org.ezpsdk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.transport.http.HttpTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Letters per second sent one after another by {@link EzpClient} over {@link HttpTransport} to an
 * {@link EpsEmulator} in the same process, on 127.0.0.1. Each letter is the one-page A4 PDF of
 * {@link SampleDocuments}, checked by the PDF preflight and sent with a detached CAdES-BES
 * signature that the emulator verifies.
 *
 * <p>With {@code signing = per-letter} the client signs each letter ({@link EzpClient#send(Letter,
 * Path, String)}). With {@code presigned} the signature is made once in the setup and every letter
 * goes through {@link EzpClient#sendSigned}, so the score leaves out the signer's cost. Client and
 * emulator share the machine's CPUs, so the score counts the work of both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
// The JDK's HTTP server, which the emulator runs on, leaves Nagle's algorithm on unless this
// property is set. Then each response waits for the client's delayed ACK, about 40 ms on Linux,
// which would cap the score at about 25 letters per second whatever the SDK does.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class SendBenchmark {
  /** Postcode 101000 and month field 01 of the first track numbers; see {@link #nextBarcode()}. */
  private static final int FIRST_POSTCODE = 101000;

  private static final int SERIALS_PER_PREFIX = 100_000;

  @Param({"per-letter", "presigned"})
  public String signing;

  private Path dir;
  private Path pdf;
  private EpsEmulator emulator;
  private HttpTransport transport;
  private EzpClient client;
  private byte[] signature;
  private int sent;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("ezp-send-benchmark");
    pdf = SampleDocuments.write(SampleDocuments.ONE_PAGE, dir);
    SigningCredentials key = SampleKeys.generate(256);
    CadesSigner signer = CadesSigner.of(key);
    signature = signer.signDetached(pdf);
    // Letters stay in their first status: with a step delay of an hour the emulator schedules no
    // status changes while the benchmark runs.
    emulator = EpsEmulator.builder().port(0).stepDelay(Duration.ofHours(1)).build().start();
    transport = HttpTransport.create();
    client =
        EzpClient.builder()
            .environment(Environment.test(emulator.baseUri()))
            .credentials(EpsEmulator.testCredentials())
            .transport(transport)
            .signer(signer)
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    client.close();
    transport.close();
    emulator.close();
    SampleDocuments.deleteDirectory(dir);
  }

  @Benchmark
  public SendResult sendOnePageLetter() {
    String barcode = nextBarcode();
    Letter letter = letter(barcode);
    return switch (signing) {
      case "per-letter" -> client.send(letter, pdf, barcode);
      case "presigned" -> client.sendSigned(letter, pdf, signature, barcode);
      default ->
          throw new IllegalArgumentException(
              "Unknown signing '" + signing + "': use per-letter or presigned");
    };
  }

  /**
   * Returns a new domestic track number (ШПИ), so that the emulator stores every letter instead of
   * returning the receipt of an earlier one. The postcode goes up by one every 100,000 letters.
   */
  private String nextBarcode() {
    int postcode = FIRST_POSTCODE + sent / SERIALS_PER_PREFIX;
    int serial = sent % SERIALS_PER_PREFIX;
    sent++;
    return TrackingNumbers.completeDomestic(String.format("%06d01%05d", postcode, serial));
  }

  private static Letter letter(String barcode) {
    return Letter.builder()
        .documentNumber("BENCH-2026/001")
        .documentDate(LocalDate.of(2026, 12, 4))
        .title("Benchmark letter")
        .sender(
            Sender.of(
                "Арбитражный суд города Москвы",
                Address.parse("115225, г. Москва, ул. Большая Тульская, д. 17")))
        .recipient(Recipient.individual("Иванов", "Иван", "Иванович"))
        .recipientAddress("101000, г. Москва, ул. Мясницкая, д. 26, кв. 1")
        .type(LetterType.REGISTERED)
        .mailRank(MailRank.JUDICIAL)
        .electronicNotice(true)
        .barcode(barcode)
        .build();
  }
}
