package org.ezpsdk.testkit.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.wire.ErrorBody;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST api/v1/letters}: checks a letter the way the service would, in this order, and
 * accepts it.
 *
 * <ol>
 *   <li>The {@code Idempotency-Key} header is present (400).
 *   <li>The body fits the size limit (413) and carries the parts {@code letter}, {@code attachment}
 *       and {@code signature} (400).
 *   <li>A repeat of accepted content under the same key returns the first receipt (200), and other
 *       content under that key is a conflict (409).
 *   <li>The letter metadata is valid (400).
 *   <li>The PDF passes preflight (422).
 *   <li>The signature verifies over the PDF (422).
 *   <li>The ШПИ is not used by another letter (409).
 * </ol>
 */
public final class SendLetterOperation {
  private static final Logger LOG = LoggerFactory.getLogger(SendLetterOperation.class);

  /** The maximum idempotency key length. NOTE: assumed, because the real limit is not public. */
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  private final LetterStore store;
  private final LetterClock clock;
  private final UploadReader uploads;
  private final PdfPreflight preflight;
  private final SignatureCheck signatures;

  public SendLetterOperation(
      LetterStore store,
      LetterClock clock,
      UploadReader uploads,
      PdfPreflight preflight,
      SignatureCheck signatures) {
    this.store = store;
    this.clock = clock;
    this.uploads = uploads;
    this.preflight = preflight;
    this.signatures = signatures;
  }

  /** Handles one send request of the authenticated sender. */
  public ApiResponse send(String senderId, HttpExchange exchange) {
    String key = exchange.getRequestHeaders().getFirst(WireProfileV1.IDEMPOTENCY_KEY_HEADER);
    String barcode = null;
    try {
      checkIdempotencyKey(key);
      try (LetterUpload upload = uploads.read(exchange)) {
        LetterJson letterJson = parseJson(upload.letterJson());
        barcode = letterJson.barcode();
        Optional<LetterReceipt> repeat = store.findRepeat(senderId, key, upload.fingerprint());
        if (repeat.isPresent()) {
          LOG.info("Repeat of letter {} under idempotency key {}", describe(barcode), key);
          return ApiResponse.json(200, repeat.get());
        }
        Letter letter = toLetter(letterJson);
        checkAttachment(upload);
        signatures.check(upload.attachment(), upload.signature());
        return accept(senderId, key, upload, letter);
      }
    } catch (ApiException e) {
      LOG.info(
          "Rejected letter {} under idempotency key {}: HTTP {} {}",
          describe(barcode),
          key,
          e.status(),
          e.codes());
      throw e;
    }
  }

  private ApiResponse accept(String senderId, String key, LetterUpload upload, Letter letter) {
    LetterStore.Acceptance acceptance = store.accept(senderId, key, upload.fingerprint(), letter);
    LetterReceipt receipt = acceptance.receipt();
    if (!acceptance.created()) {
      LOG.info("Repeat of letter {} under idempotency key {}", describe(receipt.barcode()), key);
      return ApiResponse.json(200, receipt);
    }
    clock.scheduleNextStep(receipt.letterId());
    LOG.info(
        "Accepted letter {} as {} from sender {} under idempotency key {}",
        describe(receipt.barcode()),
        receipt.letterId(),
        senderId,
        key);
    return ApiResponse.json(201, receipt)
        .withHeader("Location", "/" + WireProfileV1.LETTERS_PATH + "/" + receipt.letterId());
  }

  private static void checkIdempotencyKey(String key) {
    if (key == null || key.isBlank()) {
      throw ApiException.of(
          400,
          "IDEMPOTENCY_KEY_REQUIRED",
          WireProfileV1.IDEMPOTENCY_KEY_HEADER,
          "the Idempotency-Key header is missing; send a key fixed before the first attempt,"
              + " such as the ШПИ");
    }
    if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw ApiException.of(
          400,
          "IDEMPOTENCY_KEY_TOO_LONG",
          WireProfileV1.IDEMPOTENCY_KEY_HEADER,
          "the Idempotency-Key is "
              + key.length()
              + " characters, at most "
              + MAX_IDEMPOTENCY_KEY_LENGTH
              + " allowed");
    }
  }

  private static LetterJson parseJson(byte[] json) {
    LetterJson letterJson;
    try {
      letterJson = WireProfileV1.objectMapper().readValue(json, LetterJson.class);
    } catch (JacksonException e) {
      throw ApiException.of(
          400,
          "INVALID_JSON",
          UploadReader.LETTER,
          "the letter part is not valid letter JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("Reading JSON from memory failed", e);
    }
    if (letterJson == null) {
      throw ApiException.of(
          400, "INVALID_JSON", UploadReader.LETTER, "the letter part is JSON null");
    }
    return letterJson;
  }

  private static Letter toLetter(LetterJson letterJson) {
    try {
      return letterJson.toLetter();
    } catch (ValidationException e) {
      List<ErrorBody.Item> items =
          e.violations().stream()
              .map(v -> new ErrorBody.Item(v.rule(), v.field(), describe(v)))
              .toList();
      throw new ApiException(400, "The letter metadata is invalid", items);
    }
  }

  private void checkAttachment(LetterUpload upload) {
    List<Violation> violations = preflight.findViolations(upload.attachment());
    if (violations.isEmpty()) {
      return;
    }
    List<ErrorBody.Item> items =
        violations.stream()
            .map(
                v ->
                    new ErrorBody.Item(
                        v.rule(), UploadReader.ATTACHMENT, v.field() + ": " + describe(v)))
            .toList();
    throw new ApiException(422, "The PDF attachment failed the service's checks", items);
  }

  /** Names a letter in logs by its ШПИ; a regular letter has none. */
  private static String describe(String barcode) {
    return barcode == null ? "without ШПИ" : barcode;
  }

  private static String describe(Violation violation) {
    String value = violation.rejectedValue();
    return value == null
        ? violation.message()
        : violation.message() + " (rejected value '" + value + "')";
  }
}
