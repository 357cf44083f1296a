package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.pdf.PreflightReport;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.signing.VerificationResult;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.transport.http.HttpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the SDK's main job end to end on this machine: emulator, test key, PDF, preflight,
 * signature, send, and the letter's life up to a final status.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the main job on the embedded emulator: makes a test GOST key and a 3-page A4 PDF in"
          + " Russian, checks and signs it, sends it, and follows the letter to its final status.",
      "Nothing leaves this machine: the emulator listens on 127.0.0.1."
    })
final class DemoCommand implements Callable<Integer> {
  /** Allocation prefix of the demo's track numbers: postcode 101000 and month field 01. */
  private static final String DEMO_BARCODE_PREFIX = "10100001";

  @Spec CommandSpec spec;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Where to write the key, PDF, signature and notice (default: a new temp dir).")
  Path workDir;

  @Option(
      names = "--step-delay-ms",
      defaultValue = "300",
      paramLabel = "MS",
      description = "Emulator time between two statuses, in ms (default: ${DEFAULT-VALUE}).")
  long stepDelayMillis;

  @Option(
      names = "--timeout-seconds",
      defaultValue = "60",
      paramLabel = "S",
      description = "How long to wait for the final status, in s (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = "--electronic",
      description =
          "Give the addressee Госпочта consent, so the letter is delivered electronically"
              + " instead of printed and delivered on paper.")
  boolean electronic;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path dir =
        workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("ezp-demo-");
    out.println("EZP SDK demo: one registered letter on the embedded emulator (TEST environment)");
    Recipient recipient = Recipient.individual("Иванов", "Иван", "Иванович");

    try (EpsEmulator emulator = startEmulator(recipient);
        HttpTransport transport = HttpTransport.create()) {
      out.printf("1. Emulator listening at %s%n", emulator.baseUri());
      SigningCredentials key = makeKey(dir, out);
      Path pdf = makePdf(dir, out);
      byte[] signature = signAndVerify(key, pdf, dir, out);

      EzpClient client =
          EzpClient.builder()
              .environment(Environment.test(emulator.baseUri()))
              .credentials(
                  Credentials.of(EpsEmulator.TEST_SENDER_ID, EpsEmulator.TEST_SENDER_TOKEN))
              .transport(transport)
              .signer(CadesSigner.of(key))
              .build();
      Letter letter = demoLetter(recipient);
      SendResult receipt = client.sendSigned(letter, pdf, signature, letter.barcode());
      out.printf(
          "5. Sent: ШПИ %s, letter id %s, status %s%n",
          receipt.barcode(), receipt.letterId(), receipt.status());

      out.println("6. Following the letter through the event feed:");
      StatusEvent last = follow(client, receipt.letterId(), out);
      if (last.status() == LetterStatus.NOTICE_AVAILABLE) {
        DeliveryNotice notice = client.notice(receipt.letterId());
        Path noticeFile = dir.resolve("notice-" + receipt.barcode() + ".json");
        Files.write(noticeFile, notice.content());
        out.printf(
            "7. Notice of delivery saved to %s (%d bytes)%n", noticeFile, notice.content().length);
      }
      out.printf(
          "Final status: %s. ШПИ: %s. Files are in %s%n", last.status(), receipt.barcode(), dir);
    }
    return 0;
  }

  private EpsEmulator startEmulator(Recipient recipient) {
    EpsEmulator.Builder builder =
        EpsEmulator.builder().port(0).stepDelay(Duration.ofMillis(stepDelayMillis));
    if (electronic) {
      builder.withGosPochtaConsent(recipient.displayName());
    }
    return builder.build().start();
  }

  private static SigningCredentials makeKey(Path dir, PrintWriter out) {
    SigningCredentials key =
        TestKeys.generate(
            GostParameterSet.TC26_256_A, "EZP SDK demo signer (test only)", Duration.ofDays(1));
    TestKeys.writePem(key, dir.resolve("demo-key.pem"), dir.resolve("demo-cert.pem"), null);
    out.printf("2. Test key made: GOST R 34.10-2012 256-bit, tc26 set A; %s%n", key);
    return key;
  }

  private static Path makePdf(Path dir, PrintWriter out) throws IOException {
    Path pdf = dir.resolve("demo-letter.pdf");
    DemoPdf.write(pdf, "Решение по делу № А40-12345/2026 (демонстрация)", 3);
    PreflightReport report = new PdfPreflight(PreflightPolicy.defaults()).check(pdf);
    out.printf(
        "3. PDF written and checked: %s, %d pages A4 portrait, %d bytes%n",
        pdf, report.pageCount(), report.sizeBytes());
    return pdf;
  }

  private static byte[] signAndVerify(SigningCredentials key, Path pdf, Path dir, PrintWriter out)
      throws IOException {
    byte[] signature = CadesSigner.of(key).signDetached(pdf);
    Path signatureFile = dir.resolve("demo-letter.pdf.sig");
    Files.write(signatureFile, signature);
    VerificationResult result = CadesVerifier.create().verifyDetached(pdf, signature);
    if (!result.valid()) {
      throw new EzpClientException(
          "The demo's own signature did not verify: " + result.failureReason());
    }
    out.printf(
        "4. Signed (CAdES-BES, %s): %s, %d bytes; verification: VALID%n",
        result.digestAlgorithm(), signatureFile, signature.length);
    return signature;
  }

  private static Letter demoLetter(Recipient recipient) {
    String serial = String.format("%05d", new SecureRandom().nextInt(100_000));
    return Letter.builder()
        .documentNumber("ДЕМО-2026/001")
        .documentDate(LocalDate.now())
        .title("Решение по делу № А40-12345/2026 (демонстрация)")
        .sender(
            Sender.of(
                "Арбитражный суд города Москвы (демонстрация)",
                Address.parse("115225, г. Москва, ул. Большая Тульская, д. 17")))
        .recipient(recipient)
        .recipientAddress("101000, г. Москва, ул. Мясницкая, д. 26, кв. 1")
        .type(LetterType.REGISTERED)
        .mailRank(MailRank.JUDICIAL)
        .electronicNotice(true)
        .barcode(TrackingNumbers.completeDomestic(DEMO_BARCODE_PREFIX + serial))
        .build();
  }

  /** Reads the event feed page by page until the letter reaches a final status. */
  private StatusEvent follow(EzpClient client, String letterId, PrintWriter out)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
    String cursor = null;
    while (Instant.now().isBefore(deadline)) {
      EventPage page = client.events(cursor, 100);
      for (StatusEvent event : page.events()) {
        if (!event.letterId().equals(letterId)) {
          continue;
        }
        out.println(Reports.describe(event));
        out.flush();
        if (event.finalStatus()) {
          return event;
        }
      }
      cursor = page.nextCursor();
      if (!page.hasMore()) {
        Thread.sleep(Math.max(50, stepDelayMillis / 3));
      }
    }
    throw new EzpClientException(
        "The letter "
            + letterId
            + " did not reach a final status within "
            + timeoutSeconds
            + " s; raise --timeout-seconds");
  }
}
