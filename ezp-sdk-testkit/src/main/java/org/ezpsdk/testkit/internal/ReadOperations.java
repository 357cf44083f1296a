package org.ezpsdk.testkit.internal;

import java.util.Map;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.wire.LetterList;
import org.ezpsdk.core.wire.WireProfileV1;

/**
 * The read operations of wire profile v1: a letter by id, letters by ШПИ, the event feed and the
 * notice of delivery. Each returns only the authenticated sender's letters.
 */
public final class ReadOperations {
  /** The page size of the event feed when the request sets none. */
  static final int DEFAULT_EVENT_LIMIT = 100;

  private final LetterStore store;

  public ReadOperations(LetterStore store) {
    this.store = store;
  }

  /** {@code GET api/v1/letters/{id}}. */
  public ApiResponse getLetter(String senderId, String letterId) {
    return ApiResponse.json(
        200,
        store.info(senderId, letterId).orElseThrow(() -> LetterStore.letterNotFound(letterId)));
  }

  /** {@code GET api/v1/letters?barcode=…} or {@code GET api/v1/letters?idempotencyKey=…}. */
  public ApiResponse findLetters(String senderId, Map<String, String> query) {
    String barcode = query.get("barcode");
    String key = query.get(WireProfileV1.IDEMPOTENCY_KEY_PARAMETER);
    boolean hasBarcode = barcode != null && !barcode.isBlank();
    boolean hasKey = key != null && !key.isBlank();
    if (hasBarcode == hasKey) {
      throw ApiException.of(
          400,
          hasBarcode ? "LOOKUP_AMBIGUOUS" : "BARCODE_REQUIRED",
          "barcode",
          "pass exactly one of the query parameters barcode (the track number, ШПИ) and "
              + WireProfileV1.IDEMPOTENCY_KEY_PARAMETER
              + " to look up");
    }
    if (hasKey) {
      return ApiResponse.json(200, new LetterList(store.findByIdempotencyKey(senderId, key)));
    }
    return ApiResponse.json(
        200, new LetterList(store.findByBarcode(senderId, barcode.replace(" ", ""))));
  }

  /** {@code GET api/v1/events?after=C&limit=N}. */
  public ApiResponse events(String senderId, Map<String, String> query) {
    long after = parseCursor(query.get("after"));
    int limit = parseLimit(query.get("limit"));
    return ApiResponse.json(200, store.events(senderId, after, limit));
  }

  /** {@code GET api/v1/letters/{id}/notice}: the notice as an {@code application/json} document. */
  public ApiResponse notice(String senderId, String letterId) {
    return ApiResponse.json(200, store.notice(senderId, letterId));
  }

  private static long parseCursor(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      long cursor = Long.parseLong(value);
      if (cursor >= 0) {
        return cursor;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw ApiException.of(
        400,
        "CURSOR_INVALID",
        "after",
        "the cursor '"
            + value
            + "' is not one this service issued; pass the nextCursor of the previous page, or"
            + " leave after out to start at the beginning of the feed");
  }

  private static int parseLimit(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_EVENT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= EzpClient.MAX_EVENTS_PER_PAGE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw ApiException.of(
        400,
        "LIMIT_RANGE",
        "limit",
        "the limit '"
            + value
            + "' must be a whole number from 1 to "
            + EzpClient.MAX_EVENTS_PER_PAGE);
  }
}
