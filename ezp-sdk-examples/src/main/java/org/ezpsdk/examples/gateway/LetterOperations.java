package org.ezpsdk.examples.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.PreflightException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.pdf.PreflightRules;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.examples.batch.LetterReferences;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.KeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of the gateway and the Java facade on JSON: send a letter once, read its status,
 * the event feed and the notice of delivery. Every method returns a {@link JsonResult} and throws
 * nothing for bad input or service errors. Thread-safe.
 *
 * <p>A letter sent twice by mistake goes to the service once: the {@link SendLog} records the
 * first, and the second gets the first's result with {@code "repeat": true}. A request with a
 * {@code clientKey} is a repeat exactly when an earlier letter had that key, and a 409 error when
 * that letter differs from the request. A request without one is a repeat when an earlier letter
 * had the same {@link #documentKey document key}.
 */
public final class LetterOperations implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LetterOperations.class);

  private final EzpClient client;
  private final SendLog sendLog;
  private final PdfPreflight preflight;
  private final Path workDir;
  // NOTE: sends are serialised so that two copies of one letter arriving at once are recognised.
  // The gateway therefore sends one letter at a time, which may be slow for a large sender.
  private final Object sendLock = new Object();

  /**
   * Creates the operations over a client that can send (it has a signer).
   *
   * @param workDir where PDFs given as Base64 are written while they are sent
   */
  public LetterOperations(
      EzpClient client, SendLog sendLog, PreflightPolicy preflightPolicy, Path workDir) {
    this.client = client;
    this.preflight = new PdfPreflight(preflightPolicy);
    this.sendLog = sendLog;
    this.workDir = workDir;
  }

  /**
   * Creates the operations from a configuration: the active profile's environment, credentials and
   * signing key, over the {@code http} transport, which {@link #close()} closes.
   *
   * @throws ConfigurationException when the configuration is invalid or has no signing key
   */
  public static LetterOperations open(EzpConfig config, SendLog sendLog, Path workDir) {
    config.requireValid();
    KeySource keySource =
        config
            .keySource()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "The profile '"
                            + config.profile()
                            + "' has no signing key; set profiles."
                            + config.profile()
                            + ".signing.key and .cert, or .signing.pkcs12"));
    PreflightPolicy policy =
        PreflightPolicy.defaults().toBuilder().maxPages(config.maxPages()).build();
    EzpClient client =
        EzpClient.builder()
            .environment(config.environment())
            .credentials(config.credentials())
            .transport("http", Map.of())
            .signer(CadesSigner.of(keySource.load()))
            .preflightPolicy(policy)
            .build();
    return new LetterOperations(client, sendLog, policy, workDir);
  }

  /** Closes the send log and the client, and with it the transport it created. */
  @Override
  public void close() {
    sendLog.close();
    client.close();
  }

  /** Sends a letter from the JSON of a send request (see {@link SendRequest}). */
  public JsonResult send(byte[] requestJson) {
    JsonResult result;
    try {
      result = send(SendRequest.read(requestJson));
    } catch (EzpException e) {
      result = GatewayErrors.of(e);
    }
    logOutcome(result);
    return result;
  }

  /**
   * Checks the request and its PDF first, so that a bad request gets its error and never a repeat,
   * then looks for an earlier letter: by the client key alone when the request has one, else by the
   * document key.
   */
  private JsonResult send(SendRequest request) {
    Path pdf = null;
    boolean temporary = request.pdfBase64() != null;
    boolean keepPdf = false;
    try {
      pdf = temporary ? writeTemporaryPdf(request.pdfBase64()) : pdfPath(request.pdfPath());
      checkPdf(pdf, request);
      String documentKey = documentKey(request.letter(), sha256(pdf));
      synchronized (sendLock) {
        Optional<SendLog.Entry> earlier = sendLog.find(request.clientKey(), documentKey);
        if (earlier.isPresent() && !earlier.get().documentKey().equals(documentKey)) {
          return clientKeyReused(request.clientKey());
        }
        if (earlier.isPresent() && earlier.get().state() == SendLog.State.SENT) {
          return new JsonResult(200, receipt(earlier.get(), true));
        }
        SendLog.Entry entry =
            sendLog.send(request.letter(), pdf, request.clientKey(), documentKey, client);
        keepPdf = entry.state() == SendLog.State.PENDING;
        return switch (entry.state()) {
          case SENT -> new JsonResult(201, receipt(entry, false));
          case PENDING -> pending(entry);
          case FAILED -> rejected(entry);
        };
      }
    } catch (OutcomeUnknownException | TransportException e) {
      keepPdf = true;
      log.warn("Letter {} kept for a repeat: {}", request.letter().barcode(), e.getMessage());
      return GatewayErrors.of(e);
    } catch (EzpException e) {
      return GatewayErrors.of(e);
    } finally {
      if (temporary && pdf != null && !keepPdf) {
        deleteQuietly(pdf);
      }
    }
  }

  /** Logs one line per send request: INFO for an accepted letter, WARN for a rejected request. */
  private static void logOutcome(JsonResult result) {
    Map<String, Object> body = result.body();
    if (result.isSuccess()) {
      log.info(
          "Letter {} with ШПИ {} accepted (repeat: {})",
          body.get("id"),
          body.get("barcode"),
          body.get("repeat"));
    } else {
      log.warn(
          "Send request rejected with HTTP {}: code {}, field {}",
          result.httpStatus(),
          body.get("code"),
          body.get("field"));
    }
  }

  private static JsonResult clientKeyReused(String clientKey) {
    return GatewayErrors.of(
        409,
        "CLIENT_KEY_REUSED",
        "clientKey",
        clientKey,
        RussianMessages.violation(
            "clientKey",
            "CLIENT_KEY_REUSED",
            clientKey,
            "this client key was used for a letter with other content; give each new letter a"
                + " new client key"));
  }

  /**
   * Runs the preflight and reports its problems under the request's field, {@code pdfPath} or
   * {@code pdfBase64}, because a PDF given as Base64 is checked under a temporary file name that
   * the caller does not know.
   */
  private void checkPdf(Path pdf, SendRequest request) {
    try {
      preflight.check(pdf);
    } catch (PreflightException e) {
      String field = request.pdfPath() != null ? "pdfPath" : "pdfBase64";
      List<Violation> violations = new ArrayList<>();
      for (Violation v : e.violations()) {
        violations.add(
            PreflightRules.PDF_NOT_PDF.equals(v.rule())
                ? new Violation(
                    field,
                    v.rule(),
                    request.pdfPath(),
                    "the file is not a PDF; attach the document saved or exported as PDF")
                : new Violation(field, v.rule(), v.rejectedValue(), v.message()));
      }
      throw new PreflightException(field, violations);
    }
  }

  private static JsonResult pending(SendLog.Entry entry) {
    return GatewayErrors.of(
        503,
        "SEND_PENDING",
        null,
        null,
        "Письмо записано в очередь, но ИС ЭПС пока не подтвердила приём; шлюз повторит отправку"
            + " сам. Повторите тот же запрос позже, чтобы получить результат: письмо не будет"
            + " отправлено дважды. ("
            + entry.error()
            + ")");
  }

  private static JsonResult rejected(SendLog.Entry entry) {
    return GatewayErrors.of(
        422,
        "LETTER_REJECTED",
        null,
        null,
        "Письмо отклонено: " + entry.error() + ". Исправьте письмо и отправьте его снова.");
  }

  private static Path pdfPath(String text) {
    try {
      return Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ValidationException(
          "Send request",
          List.of(new Violation("pdfPath", "PDF_FILE_NOT_FOUND", text, "the path is invalid")));
    }
  }

  /** Returns the status and history of a letter by the service's id. */
  public JsonResult status(String letterId) {
    if (letterId == null || letterId.isBlank()) {
      return missing("id");
    }
    try {
      return new JsonResult(200, letterInfo(client.status(letterId.strip())));
    } catch (EzpException e) {
      return GatewayErrors.of(e);
    }
  }

  /** Returns a letter found by its ШПИ, or a 404 error. */
  public JsonResult findByBarcode(String barcode) {
    if (barcode == null || barcode.isBlank()) {
      return missing("barcode");
    }
    Optional<Violation> invalid = TrackingNumbers.check("barcode", barcode.strip());
    if (invalid.isPresent()) {
      // A ШПИ with a wrong check digit or length cannot be found, so ИС ЭПС is not asked.
      return GatewayErrors.of(
          new ValidationException("Letter lookup by ШПИ", List.of(invalid.get())));
    }
    try {
      return client
          .findByBarcode(barcode.strip())
          .map(info -> new JsonResult(200, letterInfo(info)))
          .orElseGet(
              () ->
                  GatewayErrors.of(
                      404,
                      "NOT_FOUND",
                      "barcode",
                      barcode,
                      "Письмо с ШПИ «" + barcode + "» не найдено."));
    } catch (EzpException e) {
      return GatewayErrors.of(e);
    }
  }

  /** Returns the next page of the event feed after a cursor ({@code null} for the start). */
  public JsonResult events(String afterCursor, int limit) {
    try {
      EventPage page =
          client.events(afterCursor == null || afterCursor.isBlank() ? null : afterCursor, limit);
      List<Map<String, Object>> events = new ArrayList<>();
      for (StatusEvent event : page.events()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("cursor", event.cursor());
        item.put("id", event.letterId());
        item.put("barcode", event.barcode());
        item.put("status", event.status().name());
        item.put("final", event.finalStatus());
        item.put("at", String.valueOf(event.at()));
        item.put("operation", event.operation());
        events.add(item);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("events", events);
      body.put("nextCursor", page.nextCursor());
      body.put("hasMore", page.hasMore());
      return new JsonResult(200, body);
    } catch (EzpException e) {
      return GatewayErrors.of(e);
    }
  }

  /** Returns the notice of delivery with its content in Base64. */
  public JsonResult notice(String letterId) {
    if (letterId == null || letterId.isBlank()) {
      return missing("id");
    }
    try {
      DeliveryNotice notice = client.notice(letterId.strip());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", notice.letterId());
      body.put("contentType", notice.contentType());
      body.put("size", notice.content().length);
      body.put("contentBase64", Base64.getEncoder().encodeToString(notice.content()));
      return new JsonResult(200, body);
    } catch (EzpException e) {
      return GatewayErrors.of(e);
    }
  }

  /** Returns the gateway's state without calling the service. */
  public JsonResult health() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "UP");
    body.put("environment", client.environment().kind().name());
    return new JsonResult(200, body);
  }

  private static Map<String, Object> receipt(SendLog.Entry entry, boolean repeat) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", entry.letterId());
    body.put("barcode", entry.barcode());
    body.put("status", entry.status());
    body.put("acceptedAt", entry.acceptedAt() == null ? null : entry.acceptedAt().toString());
    body.put("clientKey", entry.clientKey());
    body.put("idempotencyKey", entry.idempotencyKey());
    body.put("repeat", repeat);
    return body;
  }

  private static Map<String, Object> letterInfo(LetterInfo info) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", info.letterId());
    body.put("barcode", info.barcode());
    body.put("status", info.status().name());
    body.put("final", info.finalStatus());
    List<Map<String, Object>> history = new ArrayList<>();
    for (StatusChange change : info.history()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("status", change.status().name());
      item.put("at", String.valueOf(change.at()));
      item.put("operation", change.operation());
      history.add(item);
    }
    body.put("history", history);
    return body;
  }

  /**
   * Returns the key of a letter sent without a client key: a digest of everything that makes the
   * letter, so that only the same letter is a repeat. In courts one case number (such as
   * А40-12345/2026) is the document number of many documents to the same party, so the number and
   * recipient alone do not identify a letter.
   *
   * @param pdfSha256 the SHA-256 of the PDF in hexadecimal
   */
  static String documentKey(Letter letter, String pdfSha256) {
    StringBuilder identity = new StringBuilder();
    for (Object part :
        List.of(
            letter.documentNumber().strip(),
            String.valueOf(letter.recipient()),
            String.valueOf(letter.title()),
            String.valueOf(letter.documentDate()),
            String.valueOf(letter.barcode()),
            pdfSha256)) {
      // The length before each part keeps the parts apart whatever characters they contain.
      String text = part.toString();
      identity.append(text.length()).append(':').append(text);
    }
    return "doc-" + HexFormat.of().formatHex(sha256(identity.toString()));
  }

  private static byte[] sha256(String text) {
    return Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the SHA-256 of a file in hexadecimal. */
  static String sha256(Path file) {
    try {
      return LetterReferences.sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read the PDF '" + file + "'", e);
    }
  }

  private Path writeTemporaryPdf(String base64) {
    byte[] bytes;
    try {
      // Line breaks and spaces are allowed, as in MIME Base64, but any other character outside
      // the Base64 alphabet is an error: the MIME decoder would skip it silently.
      bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "Send request",
          List.of(new Violation("pdfBase64", "PDF_BASE64", null, "pdfBase64 is not valid Base64")));
    }
    try {
      Files.createDirectories(workDir);
      Path file = Files.createTempFile(workDir, "letter-", ".pdf");
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write the PDF to '" + workDir + "'", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Failed to delete the temporary PDF '{}': {}", file, e.getMessage());
    }
  }

  private static JsonResult missing(String field) {
    return GatewayErrors.of(
        400, "REQUIRED", field, null, RussianMessages.violation(field, "REQUIRED", null, null));
  }
}
