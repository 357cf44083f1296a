package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ezpsdk.core.ChildJvm;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends a PDF of 200 MiB through {@code EzpClient}, the {@code http} transport and a GOST signer in
 * a child JVM whose heap is 64 MiB, to an emulator in this JVM. The child fails with an
 * OutOfMemoryError if preflight, signing, upload or the resend after a 503 keeps the whole file in
 * memory. The child also reports how many bytes it read, from {@code rchar} in Linux's {@code
 * /proc/self/io}, so that a change that reads the file more often fails too.
 */
class LargeLetterStreamingTest {
  private static final long PADDING_BYTES = 200L * 1024 * 1024;
  private static final String CHILD_HEAP = "-Xmx64m";

  /**
   * Full reads of the PDF that one send makes: signing hashes it once and the upload streams it
   * once. Preflight reads only the objects that PDFBox parses and skips the padding stream.
   */
  private static final int READS_PER_SEND = 2;

  /** Bytes read besides the full reads: preflight, class files, random bytes and responses. */
  private static final long OTHER_BYTES_ALLOWANCE = 8L * 1024 * 1024;

  private static final long MAX_BYTES = 512L * 1024 * 1024;
  private static final Pattern RESULT =
      Pattern.compile(
          "send=(\\w+) letterId=(\\S+) attempts=(\\d+) bytesRead=(\\d+) elapsedMs=(\\d+)"
              + " peakHeapBytes=(\\d+)");

  @TempDir Path dir;

  @Test
  void sendsLargePdfWithBoundedReads() throws IOException, InterruptedException {
    assumeThat(ResourceMeter.isSupported()).as("Linux /proc/self/io for read counts").isTrue();
    Path warmUp = TestLetters.a4Pdf(dir, "warm-up.pdf", 1);
    Path large = TestPdfs.largeA4(dir, PADDING_BYTES);
    long size = Files.size(large);
    String[] barcodes = {
      TestLetters.nextBarcode(), TestLetters.nextBarcode(), TestLetters.nextBarcode()
    };

    // Send requests 1 (warm-up) and 2 pass; request 3 gets a 503 and request 4 is its resend.
    Fault unavailable =
        Fault.status(503).withEveryNth(3).withRetryAfter(Duration.ofMillis(100)).on("sendLetter");
    try (EpsEmulator emulator = largeFileEmulator(unavailable)) {
      ChildJvm.Result child =
          ChildJvm.run(
              SendMain.class,
              CHILD_HEAP,
              emulator.baseUri().toString(),
              warmUp.toString(),
              large.toString(),
              String.join(",", barcodes));
      assertThat(child.exitCode()).as(child.output()).isZero();

      String sha256 = sha256(large);
      assertThat(attachmentSha256(emulator, barcodes[1])).isEqualTo(sha256);
      assertThat(attachmentSha256(emulator, barcodes[2])).isEqualTo(sha256);
      assertThat(emulator.injectedFaults()).containsEntry(unavailable.name(), 1L);

      Matcher plain = result(child.output(), "large");
      Matcher resent = result(child.output(), "largeAfter503");
      System.out.println(plain.group() + "\n" + resent.group() + "\nfileBytes=" + size);
      assertThat(Long.parseLong(plain.group(4)))
          .as("bytes read by one send of a %d-byte PDF", size)
          .isLessThanOrEqualTo(READS_PER_SEND * size + OTHER_BYTES_ALLOWANCE);
      assertThat(Integer.parseInt(resent.group(3))).as("attempts after a 503").isEqualTo(2);
      // The emulator reads the whole body before it responds 503, so the file is uploaded twice.
      assertThat(Long.parseLong(resent.group(4)))
          .as("bytes read by a send of a %d-byte PDF that is uploaded twice", size)
          .isLessThanOrEqualTo((READS_PER_SEND + 1) * size + OTHER_BYTES_ALLOWANCE);
      assertThat(Long.parseLong(resent.group(4)))
          .as("bytes read when signing, the first upload and the resend each read the file")
          .isGreaterThanOrEqualTo((READS_PER_SEND + 1) * size);
    }
  }

  private static EpsEmulator largeFileEmulator(Fault fault) {
    return EpsEmulator.builder()
        .stepDelay(Duration.ofMinutes(1))
        .preflightPolicy(PreflightPolicy.builder().maxFileSizeBytes(MAX_BYTES).build())
        .maxRequestBytes(MAX_BYTES)
        .faults(FaultPlan.builder().add(fault).build())
        .build()
        .start();
  }

  /**
   * Returns the SHA-256 the emulator computed of the letter's attachment. The emulator accepts a
   * letter only after its signature verified over that attachment.
   */
  private static String attachmentSha256(EpsEmulator emulator, String barcode) {
    return emulator.letters().stream()
        .filter(letter -> barcode.equals(letter.barcode()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the emulator has no letter " + barcode))
        .attachmentSha256();
  }

  private static Matcher result(String output, String send) {
    Matcher matcher = RESULT.matcher(output);
    while (matcher.find()) {
      if (matcher.group(1).equals(send)) {
        return matcher;
      }
    }
    throw new AssertionError("the child printed no result of send " + send + ":\n" + output);
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Sends the warm-up PDF, so that the classes of the whole path are loaded, and then the large PDF
   * twice, printing for each large send the bytes this process read, the time and the peak heap.
   *
   * <p>Arguments: the emulator's URL, the warm-up PDF, the large PDF and three comma-separated ШПИ.
   */
  static final class SendMain {
    public static void main(String[] args) throws IOException {
      URI endpoint = URI.create(args[0]);
      Path warmUp = Path.of(args[1]);
      Path large = Path.of(args[2]);
      String[] barcodes = args[3].split(",");
      try (EzpClient client = client(endpoint)) {
        client.send(TestLetters.paperLetter(barcodes[0], false), warmUp);
        measure("large", client, barcodes[1], large);
        measure("largeAfter503", client, barcodes[2], large);
      }
    }

    private static EzpClient client(URI endpoint) {
      return EzpClient.builder()
          .environment(Environment.test(endpoint))
          .credentials(EpsEmulator.testCredentials())
          .transport("http", Map.of())
          .signer(
              CadesSigner.of(
                  TestKeys.generate(
                      GostParameterSet.TC26_256_A, "Large file sender", Duration.ofDays(1))))
          .preflightPolicy(PreflightPolicy.builder().maxFileSizeBytes(MAX_BYTES).build())
          .build();
    }

    private static void measure(String name, EzpClient client, String barcode, Path pdf)
        throws IOException {
      ResourceMeter meter = ResourceMeter.start();
      SendResult result = client.send(TestLetters.paperLetter(barcode, false), pdf);
      ResourceMeter.Usage usage = meter.stop();
      System.out.printf(
          "send=%s letterId=%s attempts=%d bytesRead=%d elapsedMs=%d peakHeapBytes=%d%n",
          name,
          result.letterId(),
          result.attempts(),
          usage.bytesRead(),
          usage.elapsed().toMillis(),
          usage.peakHeapBytes());
    }
  }
}
