package org.ezpsdk.examples.selftest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.pdf.PreflightRules;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.SigningCredentials;

/**
 * Runs the integration-test checklist that a sender passes in the test environment before Russian
 * Post issues production credentials: credentials, a valid letter, each kind of invalid letter
 * (checked both by the SDK locally and, sent raw past those checks, by the service), statuses,
 * events, the notice of delivery and a repeated send. Each step is independent: a failed step is
 * recorded and the next one runs.
 */
public final class Selftest {
  /** The recipient's ИНН of the organisation letters; valid, as Sberbank's published one. */
  static final String VALID_INN = "7707083893";

  /** The same ИНН with a wrong check digit. */
  static final String WRONG_INN = "7707083890";

  private final Environment environment;
  private final Credentials credentials;
  private final SigningCredentials signingKey;
  private final Transport transport;
  private final Options options;
  private final Path workDir;
  private final SecureRandom random = new SecureRandom();
  private final List<StepResult> steps = new ArrayList<>();

  /** The retries of the current step, listed in its reason. */
  private final RetryLog retries = new RetryLog();

  /**
   * The policy of every request but the raw sends: the SDK's default, as {@code ezp send} uses. A
   * read that gets 429, 500, 502, 503 or 504 is tried again after a backoff or the service's {@code
   * Retry-After}, so one failed response does not fail a step.
   */
  private final RetryPolicy retryPolicy =
      RetryPolicy.defaults().toBuilder().listener(retries).build();

  private EzpClient client;
  private SendResult sent;
  private Letter sentLetter;
  private Path validPdf;

  /**
   * Settings of a run.
   *
   * @param barcodePrefix the first 8 digits of the ШПИ of the test letters, from the sender's
   *     allocated range
   * @param noticeTimeout how long to wait for the notice of delivery
   * @param pollInterval the time between two status requests while waiting
   * @param recipientName the full name of the individual addressee; with Госпочта consent in the
   *     test environment the letter is delivered electronically, which is fastest
   */
  public record Options(
      String barcodePrefix, Duration noticeTimeout, Duration pollInterval, String recipientName) {
    public Options {
      Objects.requireNonNull(barcodePrefix, "barcodePrefix");
      if (!barcodePrefix.matches("\\d{8}")) {
        throw new ConfigurationException(
            "The ШПИ prefix '" + barcodePrefix + "' must be 8 digits from your allocated range");
      }
    }
  }

  public Selftest(
      Environment environment,
      Credentials credentials,
      SigningCredentials signingKey,
      Transport transport,
      Options options,
      Path workDir) {
    this.environment = environment;
    this.credentials = credentials;
    this.signingKey = signingKey;
    this.transport = transport;
    this.options = options;
    this.workDir = workDir;
  }

  /** Runs every step and returns their results in order. */
  public List<StepResult> run() {
    client = newClient(credentials, true);
    RawSender raw = new RawSender(transport, environment, credentials);
    step("credentials-accepted", "Credentials are accepted", this::credentialsAccepted);
    step("wrong-token-rejected", "A wrong token is rejected", this::wrongTokenRejected);
    step("valid-letter-accepted", "A valid letter is accepted", this::validLetterAccepted);
    step("retry-not-duplicated", "A repeated send is not duplicated", this::repeatNotDuplicated);
    step(
        "landscape-pdf-local",
        "Landscape A4 PDF: the SDK rejects it",
        () -> pdfLocal(TestPdfs.A4_LANDSCAPE));
    step(
        "landscape-pdf-service",
        "Landscape A4 PDF: the service rejects it",
        () -> pdfService(raw, TestPdfs.A4_LANDSCAPE));
    step(
        "us-letter-pdf-local",
        "US Letter PDF: the SDK rejects it",
        () -> pdfLocal(TestPdfs.US_LETTER));
    step(
        "us-letter-pdf-service",
        "US Letter PDF: the service rejects it",
        () -> pdfService(raw, TestPdfs.US_LETTER));
    step(
        "barcode-check-digit-local",
        "Wrong ШПИ check digit: the SDK rejects it",
        this::barcodeLocal);
    step(
        "barcode-check-digit-service",
        "Wrong ШПИ check digit: the service rejects it",
        () -> barcodeService(raw));
    step("inn-check-digit-local", "Wrong ИНН: the SDK rejects it", this::innLocal);
    step("inn-check-digit-service", "Wrong ИНН: the service rejects it", () -> innService(raw));
    step("unsigned-local", "Unsigned PDF: the SDK does not send it", this::unsignedLocal);
    step("unsigned-service", "Unsigned PDF: the service rejects it", () -> unsignedService(raw));
    step(
        "wrong-signature-local",
        "Signature of another PDF: the SDK detects it",
        this::wrongSignatureLocal);
    step(
        "wrong-signature-service",
        "Signature of another PDF: the service rejects it",
        () -> wrongSignatureService(raw));
    step("status-readable", "The letter's status is readable", this::statusReadable);
    step("events-readable", "The event feed lists the letter", this::eventsReadable);
    step("notice-downloadable", "The notice of delivery downloads", this::noticeDownloadable);
    return List.copyOf(steps);
  }

  /** One check: returns the reason it passed, or throws {@link StepFailure} with why it failed. */
  @FunctionalInterface
  private interface Check {
    String run() throws Exception;
  }

  /** The environment behaved differently from what the checklist expects. */
  private static final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailure(String reason) {
      super(reason);
    }
  }

  /**
   * A request to the service, with the file work around it, that {@link #request} runs and
   * describes.
   */
  @FunctionalInterface
  private interface Request<T> {
    T run() throws IOException;
  }

  private void step(String id, String title, Check check) {
    retries.clear();
    steps.add(result(id, title, check));
  }

  /**
   * Runs the check. A passed step's reason lists the retries it needed, and a failed step's reason
   * starts with what failed, in words.
   */
  private StepResult result(String id, String title, Check check) {
    try {
      String reason = check.run();
      String retried = retries.summary();
      return new StepResult(id, title, true, retried.isEmpty() ? reason : reason + "; " + retried);
    } catch (StepFailure e) {
      return new StepResult(id, title, false, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StepResult(
          id, title, false, "the self-test was interrupted before this step finished");
    } catch (Exception e) {
      return new StepResult(id, title, false, FailureReasons.unexpected(e));
    }
  }

  /**
   * Runs the request and returns its result.
   *
   * @param description the request in words, such as {@code status request for ШПИ 10100001000010}
   * @throws StepFailure whose reason starts with the description and lists the failure of every
   *     attempt
   */
  private <T> T request(String description, Request<T> request) throws StepFailure {
    int mark = retries.size();
    try {
      return request.run();
    } catch (EzpServiceException | TransportException e) {
      throw new StepFailure(
          description
              + " failed: "
              + FailureReasons.afterRetries(e, retries.since(mark), retryPolicy));
    } catch (EzpException e) {
      throw new StepFailure(description + " failed: " + e.getMessage());
    } catch (IOException e) {
      throw new StepFailure(
          description
              + " failed: a test file could not be read or written: "
              + e.getMessage()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private String credentialsAccepted() throws StepFailure {
    EventPage page = request("event feed request", () -> client.events(null, 1));
    return "the event feed answered with " + page.events().size() + " event(s)";
  }

  private String wrongTokenRejected() throws StepFailure {
    EzpClient wrong =
        newClient(Credentials.of(credentials.id(), "selftest-wrong-" + random.nextInt()), false);
    String description = "event feed request with a wrong token";
    int mark = retries.size();
    try {
      wrong.events(null, 1);
    } catch (EzpServiceException e) {
      if (e.httpStatus() == 401 || e.httpStatus() == 403) {
        return "rejected with HTTP " + e.httpStatus() + " " + e.errorCode();
      }
      throw new StepFailure(
          description
              + " was not rejected with HTTP 401 or 403: "
              + FailureReasons.afterRetries(e, retries.since(mark), retryPolicy));
    } catch (TransportException e) {
      throw new StepFailure(
          description
              + " failed: "
              + FailureReasons.afterRetries(e, retries.since(mark), retryPolicy));
    }
    throw new StepFailure(description + " was accepted: the service does not check tokens");
  }

  private String validLetterAccepted() throws Exception {
    validPdf =
        request(
            "writing the test PDF",
            () ->
                TestPdfs.write(
                    workDir.resolve("selftest-valid.pdf"),
                    PDRectangle.A4,
                    "EZP selftest " + Instant.now()));
    Letter letter = individualLetter(newBarcode());
    sentLetter = letter;
    sent =
        request(
            "send of the valid letter with ШПИ " + letter.barcode(),
            () -> client.send(letter, validPdf, letter.barcode()));
    if (sent.alreadyAccepted()) {
      throw new StepFailure("the new letter " + sent.barcode() + " was reported as a repeat");
    }
    return "accepted as "
        + sent.letterId()
        + ", ШПИ "
        + sent.barcode()
        + ", status "
        + sent.status();
  }

  private String repeatNotDuplicated() throws Exception {
    requireSent();
    SendResult again =
        request(
            "repeated send of the letter with ШПИ " + sentLetter.barcode(),
            () -> client.send(sentLetter, validPdf, sentLetter.barcode()));
    if (!again.letterId().equals(sent.letterId())) {
      throw new StepFailure(
          "the repeat created a second letter "
              + again.letterId()
              + " (first "
              + sent.letterId()
              + ")");
    }
    if (!again.alreadyAccepted()) {
      throw new StepFailure(
          "the repeat returned the same id but was not marked as already accepted");
    }
    return "the repeat under key "
        + sentLetter.barcode()
        + " returned the same letter "
        + again.letterId();
  }

  private String pdfLocal(PDRectangle size) throws Exception {
    Path pdf =
        request(
            "writing the test PDF",
            () ->
                TestPdfs.write(
                    workDir.resolve("selftest-" + size.getWidth() + ".pdf"), size, "EZP selftest"));
    String page = pageSize(size);
    try {
      client.send(individualLetter(newBarcode()), pdf, "selftest-local-" + random.nextLong());
    } catch (ValidationException e) {
      return expectRule(e, PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    } catch (EzpException e) {
      throw new StepFailure(
          "the SDK did not reject the " + page + " PDF and tried to send it: " + e.getMessage());
    }
    throw new StepFailure("the SDK sent a " + page + " PDF");
  }

  private String pdfService(RawSender raw, PDRectangle size) throws Exception {
    Path pdf =
        request(
            "writing the test PDF",
            () ->
                TestPdfs.write(
                    workDir.resolve("selftest-raw-" + size.getWidth() + ".pdf"),
                    size,
                    "EZP selftest raw"));
    ObjectNode json = json(individualLetter(newBarcode()));
    TransportResponse response =
        request(
            "raw send of a " + pageSize(size) + " PDF", () -> raw.send(json, pdf, signature(pdf)));
    return expectRejected(response, PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
  }

  private String barcodeLocal() throws StepFailure {
    try {
      individualLetter(wrongCheckDigit(newBarcode()));
    } catch (ValidationException e) {
      return expectRule(e, "BARCODE_CHECK_DIGIT");
    }
    throw new StepFailure("the SDK built a letter with a wrong ШПИ check digit");
  }

  private String barcodeService(RawSender raw) throws Exception {
    ObjectNode json = json(individualLetter(newBarcode()));
    json.put("barcode", wrongCheckDigit(json.get("barcode").asText()));
    TransportResponse response =
        request(
            "raw send of a letter with a wrong ШПИ check digit",
            () -> raw.send(json, validPdf(), signature(validPdf())));
    return expectRejected(response, "BARCODE_CHECK_DIGIT");
  }

  private String innLocal() throws StepFailure {
    try {
      organisationLetter(newBarcode(), WRONG_INN);
    } catch (ValidationException e) {
      return expectRule(e, "INN_CHECK_DIGIT");
    }
    throw new StepFailure("the SDK built a letter to ИНН " + WRONG_INN);
  }

  private String innService(RawSender raw) throws Exception {
    ObjectNode json = json(organisationLetter(newBarcode(), VALID_INN));
    ((ObjectNode) json.get("recipient")).put("inn", WRONG_INN);
    TransportResponse response =
        request(
            "raw send of a letter to a wrong ИНН",
            () -> raw.send(json, validPdf(), signature(validPdf())));
    return expectRejected(response, "INN_CHECK_DIGIT");
  }

  private String unsignedLocal() throws StepFailure {
    EzpClient unsigned = newClient(credentials, false);
    try {
      unsigned.send(
          individualLetter(newBarcode()), validPdf(), "selftest-unsigned-" + random.nextLong());
    } catch (ConfigurationException e) {
      return "refused before sending: " + e.getMessage();
    } catch (IOException e) {
      throw new StepFailure("writing the test PDF failed: " + e.getMessage());
    } catch (EzpException e) {
      throw new StepFailure("the SDK tried to send a letter without a signer: " + e.getMessage());
    }
    throw new StepFailure("the SDK sent a letter without a signer");
  }

  private String unsignedService(RawSender raw) throws Exception {
    ObjectNode json = json(individualLetter(newBarcode()));
    TransportResponse response =
        request("raw send of a letter without a signature", () -> raw.send(json, validPdf(), null));
    return expectRejected(response, "PART_REQUIRED");
  }

  private String wrongSignatureLocal() throws Exception {
    Path other = otherPdf();
    var result = CadesVerifier.create().verifyDetached(validPdf(), signature(other));
    if (result.valid()) {
      throw new StepFailure("the signature of another PDF verified against this one");
    }
    return "detected: " + result.failure() + " (" + result.failureReason() + ")";
  }

  private String wrongSignatureService(RawSender raw) throws Exception {
    Path other = otherPdf();
    ObjectNode json = json(individualLetter(newBarcode()));
    TransportResponse response =
        request(
            "raw send of a letter with the signature of another PDF",
            () -> raw.send(json, validPdf(), signature(other)));
    return expectRejected(response, "SIGNATURE_INVALID");
  }

  private Path otherPdf() throws StepFailure {
    return request(
        "writing the test PDF",
        () ->
            TestPdfs.write(
                workDir.resolve("selftest-other.pdf"), PDRectangle.A4, "another document"));
  }

  private String statusReadable() throws StepFailure {
    requireSent();
    LetterInfo info = readStatus();
    if (!Objects.equals(info.barcode(), sent.barcode())) {
      throw new StepFailure(
          "the status of "
              + sent.letterId()
              + " names ШПИ "
              + info.barcode()
              + ", expected "
              + sent.barcode());
    }
    return "status " + info.status() + " with " + info.history().size() + " change(s)";
  }

  private String eventsReadable() throws Exception {
    requireSent();
    Instant deadline = Instant.now().plus(options.noticeTimeout());
    String cursor = null;
    int read = 0;
    while (Instant.now().isBefore(deadline)) {
      String after = cursor;
      EventPage page = request("event feed request", () -> client.events(after, 100));
      read += page.events().size();
      for (StatusEvent event : page.events()) {
        if (sent.letterId().equals(event.letterId())) {
          return "found "
              + event.status()
              + " of "
              + sent.barcode()
              + " after reading "
              + read
              + " event(s)";
        }
      }
      cursor = page.nextCursor();
      if (!page.hasMore()) {
        Thread.sleep(options.pollInterval().toMillis());
      }
    }
    throw new StepFailure(
        "no event of "
            + sent.letterId()
            + " within "
            + options.noticeTimeout().toSeconds()
            + " s ("
            + read
            + " event(s) read)");
  }

  private String noticeDownloadable() throws Exception {
    requireSent();
    Instant deadline = Instant.now().plus(options.noticeTimeout());
    LetterInfo info = readStatus();
    while (!info.finalStatus() && Instant.now().isBefore(deadline)) {
      Thread.sleep(options.pollInterval().toMillis());
      info = readStatus();
    }
    if (info.status() != LetterStatus.NOTICE_AVAILABLE) {
      throw new StepFailure(
          "the letter is "
              + info.status()
              + (info.finalStatus()
                  ? " (final)"
                  : " after " + options.noticeTimeout().toSeconds() + " s")
              + ", no notice to download");
    }
    DeliveryNotice notice =
        request(
            "notice download for ШПИ " + sent.barcode() + " (letter " + sent.letterId() + ")",
            () -> client.notice(sent.letterId()));
    if (notice.content().length == 0) {
      throw new StepFailure("the notice is empty");
    }
    return "downloaded " + notice.content().length + " bytes of " + notice.contentType();
  }

  private LetterInfo readStatus() throws StepFailure {
    return request(
        "status request for ШПИ " + sent.barcode() + " (letter " + sent.letterId() + ")",
        () -> client.status(sent.letterId()));
  }

  private EzpClient newClient(Credentials with, boolean signed) {
    return EzpClient.builder()
        .environment(environment)
        .credentials(with)
        .transport(transport)
        .signer(signed ? CadesSigner.of(signingKey) : null)
        .preflightPolicy(PreflightPolicy.defaults())
        .retryPolicy(retryPolicy)
        .build();
  }

  private void requireSent() throws StepFailure {
    if (sent == null) {
      throw new StepFailure("skipped because no letter was accepted in step valid-letter-accepted");
    }
  }

  private Path validPdf() throws IOException {
    if (validPdf == null) {
      validPdf =
          TestPdfs.write(workDir.resolve("selftest-valid.pdf"), PDRectangle.A4, "EZP selftest");
    }
    return validPdf;
  }

  private byte[] signature(Path pdf) {
    return CadesSigner.of(signingKey).signDetached(pdf);
  }

  private static String expectRule(ValidationException e, String rule) throws StepFailure {
    boolean found = e.violations().stream().anyMatch(v -> v.rule().equals(rule));
    if (!found) {
      throw new StepFailure("the SDK rejected it, but not for " + rule + ": " + e.getMessage());
    }
    return "rejected locally with " + rule;
  }

  private String expectRejected(TransportResponse response, String code) throws StepFailure {
    if (response.isSuccessful()) {
      throw new StepFailure(
          "the service accepted the letter with HTTP "
              + response.statusCode()
              + "; expected a rejection with "
              + code);
    }
    EzpServiceException error = new WireProfileV1().readError(response);
    boolean found = error.errors().stream().anyMatch(e -> code.equals(e.code()));
    if (found) {
      return "rejected with HTTP " + response.statusCode() + " " + code;
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      // NOTE: raw sends go once, without retries, so a busy service fails these steps.
      throw new StepFailure(
          FailureReasons.afterRetries(error, List.of(), retryPolicy)
              + " instead of a rejection with "
              + code
              + "; raw sends are not retried, so run the self-test again later");
    }
    throw new StepFailure(
        "the service rejected the letter with HTTP "
            + status
            + " but not for "
            + code
            + ": "
            + error.getMessage());
  }

  private static String pageSize(PDRectangle size) {
    return String.format(Locale.ROOT, "%.1f × %.1f pt", size.getWidth(), size.getHeight());
  }

  private String newBarcode() {
    String serial = String.format("%05d", random.nextInt(100_000));
    return TrackingNumbers.completeDomestic(options.barcodePrefix() + serial);
  }

  private static String wrongCheckDigit(String barcode) {
    char last = barcode.charAt(barcode.length() - 1);
    return barcode.substring(0, barcode.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
  }

  private static ObjectNode json(Letter letter) {
    return WireProfileV1.objectMapper().valueToTree(LetterJson.from(letter));
  }

  private Letter individualLetter(String barcode) {
    String[] name = options.recipientName().split(" ");
    return letter(
        barcode, Recipient.individual(name[0], name[1], name.length > 2 ? name[2] : null));
  }

  private static Letter organisationLetter(String barcode, String inn) {
    return letter(barcode, Recipient.organisation("ПАО Сбербанк", inn, "773601001"));
  }

  private static Letter letter(String barcode, Recipient recipient) {
    return Letter.builder()
        .documentNumber("SELFTEST-" + barcode)
        .documentDate(LocalDate.now())
        .title("Проверка интеграции EZP SDK")
        .sender(
            Sender.of(
                "EZP SDK selftest",
                Address.parse("115225, г. Москва, ул. Большая Тульская, д. 17")))
        .recipient(recipient)
        .recipientAddress("101000, г. Москва, ул. Мясницкая, д. 26, кв. 1")
        .type(LetterType.REGISTERED)
        .mailRank(MailRank.JUDICIAL)
        .electronicNotice(true)
        .barcode(barcode)
        .build();
  }
}
