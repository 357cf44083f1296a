package org.ezpsdk.examples.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightPolicy;
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
 * <p>A letter sent twice by mistake, with the same {@code clientKey} or with the same document
 * number and recipient, goes to the service once: the {@link SendLog} records the first, and the
 * second gets the first's result with {@code "repeat": true}.
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
    try {
      return send(SendRequest.read(requestJson));
    } catch (EzpException e) {
      return GatewayErrors.of(e);
    }
  }

  private JsonResult send(SendRequest request) {
    Letter letter = request.letter();
    String documentKey = documentKey(letter);
    synchronized (sendLock) {
      Optional<SendLog.Entry> earlier = sendLog.find(request.clientKey(), documentKey);
      if (earlier.isPresent() && !earlier.get().documentKey().equals(documentKey)) {
        return GatewayErrors.of(
            409,
            "CLIENT_KEY_CONFLICT",
            "clientKey",
            request.clientKey(),
            RussianMessages.violation(
                "clientKey",
                "CLIENT_KEY_CONFLICT",
                request.clientKey(),
                "this client key was used for another document; use a new key"));
      }
      if (earlier.isPresent() && earlier.get().state() == SendLog.State.SENT) {
        log.info("Repeat of letter {} recognised; not sent again", earlier.get().letterId());
        return new JsonResult(200, receipt(earlier.get(), true));
      }
      return sendNow(request, documentKey);
    }
  }

  private JsonResult sendNow(SendRequest request, String documentKey) {
    Path pdf = null;
    boolean temporary = request.pdfBase64() != null;
    boolean keepPdf = false;
    try {
      pdf = temporary ? writeTemporaryPdf(request.pdfBase64()) : pdfPath(request.pdfPath());
      preflight.check(pdf);
      SendLog.Entry entry =
          sendLog.send(request.letter(), pdf, request.clientKey(), documentKey, client);
      keepPdf = entry.state() == SendLog.State.PENDING;
      return switch (entry.state()) {
        case SENT -> new JsonResult(201, receipt(entry, false));
        case PENDING -> pending(entry);
        case FAILED -> rejected(entry);
      };
    } catch (OutcomeUnknownException | TransportException e) {
      keepPdf = true;
      log.warn("Letter {} kept for a repeat: {}", documentKey, e.getMessage());
      return GatewayErrors.of(e);
    } catch (EzpException e) {
      return GatewayErrors.of(e);
    } finally {
      if (temporary && pdf != null && !keepPdf) {
        deleteQuietly(pdf);
      }
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
   * Returns the key of a document: a digest of its document number and its recipient, so that the
   * same document to the same recipient is recognised without a client key.
   */
  static String documentKey(Letter letter) {
    String identity = letter.documentNumber().strip() + "\n" + letter.recipient();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "doc-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private Path writeTemporaryPdf(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64);
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
