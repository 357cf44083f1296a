package org.ezpsdk.testkit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.wire.WireProfileV1;
import org.ezpsdk.testkit.DeliveryMethod;
import org.ezpsdk.testkit.DuplicateLetter;
import org.ezpsdk.testkit.EmulatedLetter;

/**
 * The emulator's letters, their idempotency keys and ШПИ, and the event feed of all status changes.
 * Thread-safe: every method holds the store's lock, so a letter, its key, its ШПИ and its events
 * change together.
 *
 * <p>Idempotency keys are scoped to a sender. A ШПИ is unique across all senders, as a track number
 * is in the postal network. The feed cursor is the event's position in the feed, counted from 1, as
 * a decimal string.
 */
public final class LetterStore {
  private final Clock clock;
  private final LifePlanner planner;
  private final Map<String, StoredLetter> byId = new LinkedHashMap<>();
  private final Map<String, StoredLetter> byBarcode = new HashMap<>();
  private final Map<SenderKey, StoredLetter> byKey = new HashMap<>();
  private final Map<SenderContent, StoredLetter> byContent = new HashMap<>();
  private final List<DuplicateLetter> duplicates = new ArrayList<>();
  private final List<FeedEntry> feed = new ArrayList<>();

  public LetterStore(Clock clock, LifePlanner planner) {
    this.clock = clock;
    this.planner = planner;
  }

  /**
   * Returns the first receipt when the sender already sent this content under this key.
   *
   * @throws ApiException 409 {@code IDEMPOTENCY_KEY_REUSED} when the key was used for other content
   */
  public synchronized Optional<LetterReceipt> findRepeat(
      String senderId, String idempotencyKey, Fingerprint fingerprint) {
    StoredLetter earlier = byKey.get(new SenderKey(senderId, idempotencyKey));
    if (earlier == null) {
      return Optional.empty();
    }
    if (!earlier.fingerprint.equals(fingerprint)) {
      throw ApiException.of(
          409,
          "IDEMPOTENCY_KEY_REUSED",
          WireProfileV1.IDEMPOTENCY_KEY_HEADER,
          "idempotency key '"
              + idempotencyKey
              + "' was already used for letter "
              + earlier.id
              + " with other content; send new content under a new key");
    }
    return Optional.of(earlier.receipt);
  }

  /**
   * Accepts a letter, or returns the first receipt when the same content was sent under the same
   * key meanwhile.
   *
   * @return the receipt and whether it is new
   * @throws ApiException 409 when the key was used for other content or the ШПИ by another letter
   */
  public synchronized Acceptance accept(
      String senderId, String idempotencyKey, Fingerprint fingerprint, Letter letter) {
    Optional<LetterReceipt> repeat = findRepeat(senderId, idempotencyKey, fingerprint);
    if (repeat.isPresent()) {
      return new Acceptance(repeat.get(), false);
    }
    String barcode = letter.barcode();
    if (barcode != null && byBarcode.containsKey(barcode)) {
      StoredLetter first = byBarcode.get(barcode);
      duplicates.add(
          new DuplicateLetter(
              barcode,
              fingerprint.attachmentSha256(),
              first.id,
              first.idempotencyKey,
              idempotencyKey,
              false));
      throw ApiException.of(
          409,
          "BARCODE_ALREADY_USED",
          "barcode",
          "track number "
              + barcode
              + " is already used by another letter; take an unused number from your range");
    }
    StoredLetter stored =
        new StoredLetter(
            UUID.randomUUID().toString(),
            senderId,
            idempotencyKey,
            letter,
            fingerprint,
            planner.plan(letter),
            clock.instant());
    SenderContent content = new SenderContent(senderId, fingerprint);
    StoredLetter sameContent = byContent.get(content);
    if (sameContent != null) {
      // Without a ШПИ the service cannot tell a second letter from a duplicate, so it accepts it.
      duplicates.add(
          new DuplicateLetter(
              null,
              fingerprint.attachmentSha256(),
              sameContent.id,
              sameContent.idempotencyKey,
              idempotencyKey,
              true));
    } else {
      byContent.put(content, stored);
    }
    byId.put(stored.id, stored);
    byKey.put(new SenderKey(senderId, idempotencyKey), stored);
    if (barcode != null) {
      byBarcode.put(barcode, stored);
    }
    record(stored, stored.advance(stored.receipt.acceptedAt()));
    return new Acceptance(stored.receipt, true);
  }

  /**
   * Moves a letter to its next planned status.
   *
   * @return true when more statuses follow
   */
  public synchronized boolean advance(String letterId) {
    StoredLetter stored = byId.get(letterId);
    if (stored == null || stored.isFinal()) {
      return false;
    }
    record(stored, stored.advance(clock.instant()));
    return !stored.isFinal();
  }

  /** Returns the letter when it exists and belongs to the sender. */
  public synchronized Optional<LetterInfo> info(String senderId, String letterId) {
    return find(senderId, letterId).map(StoredLetter::info);
  }

  /** Returns the sender's letters with the track number: none or one. */
  public synchronized List<LetterInfo> findByBarcode(String senderId, String barcode) {
    StoredLetter stored = byBarcode.get(barcode);
    if (stored == null || !stored.senderId.equals(senderId)) {
      return List.of();
    }
    return List.of(stored.info());
  }

  /** Returns the sender's letter sent under the idempotency key: none or one. */
  public synchronized List<LetterInfo> findByIdempotencyKey(String senderId, String key) {
    StoredLetter stored = byKey.get(new SenderKey(senderId, key));
    return stored == null ? List.of() : List.of(stored.info());
  }

  /** Returns every letter that arrived again under another key, in order of arrival. */
  public synchronized List<DuplicateLetter> duplicates() {
    return List.copyOf(duplicates);
  }

  /**
   * Returns up to {@code limit} of the sender's events after the cursor position.
   *
   * @param after the position of the last event already read, 0 for the start of the feed
   */
  public synchronized EventPage events(String senderId, long after, int limit) {
    List<StatusEvent> events = new ArrayList<>();
    boolean hasMore = false;
    for (long index = Math.min(after, feed.size()); index < feed.size(); index++) {
      FeedEntry entry = feed.get((int) index);
      if (!entry.senderId().equals(senderId)) {
        continue;
      }
      if (events.size() == limit) {
        hasMore = true;
        break;
      }
      events.add(entry.event());
    }
    String next = events.isEmpty() ? Long.toString(after) : events.get(events.size() - 1).cursor();
    return new EventPage(events, next, hasMore);
  }

  /**
   * Returns the notice of delivery of the sender's letter.
   *
   * @throws ApiException 404 when the letter is unknown, has no notice requested or not yet one
   */
  public synchronized NoticeDocument notice(String senderId, String letterId) {
    StoredLetter stored = find(senderId, letterId).orElseThrow(() -> letterNotFound(letterId));
    if (!stored.noticeRequested()) {
      throw ApiException.of(
          404,
          "NOTICE_NOT_REQUESTED",
          "letterId",
          "letter " + letterId + " was sent without an electronic notice of delivery");
    }
    if (stored.reached(LetterStatus.NOTICE_AVAILABLE) == null && stored.isFinal()) {
      throw ApiException.of(
          404,
          "NOTICE_NOT_AVAILABLE",
          "letterId",
          "letter "
              + letterId
              + " ended in status "
              + stored.status()
              + " without delivery, so no notice of delivery will be issued");
    }
    if (stored.reached(LetterStatus.NOTICE_AVAILABLE) == null) {
      throw ApiException.of(
          404,
          "NOTICE_NOT_AVAILABLE",
          "letterId",
          "the notice of delivery of letter "
              + letterId
              + " is not available in status "
              + stored.status()
              + "; ask again after the status NOTICE_AVAILABLE");
    }
    Instant deliveredAt =
        stored.plan.deliveryMethod() == DeliveryMethod.ELECTRONIC
            ? stored.reached(LetterStatus.DELIVERED_ELECTRONICALLY)
            : stored.reached(LetterStatus.DELIVERED);
    return new NoticeDocument(
        stored.id,
        stored.letter.barcode(),
        stored.letter.recipient().displayName(),
        stored.plan.deliveryMethod(),
        deliveredAt,
        stored.reached(LetterStatus.NOTICE_AVAILABLE));
  }

  /** Returns every accepted letter, in order of acceptance. */
  public synchronized List<EmulatedLetter> snapshot() {
    return byId.values().stream().map(StoredLetter::snapshot).toList();
  }

  /** Returns the error for a letter id that is unknown to the sender. */
  public static ApiException letterNotFound(String letterId) {
    return ApiException.of(
        404,
        "NOT_FOUND",
        "letterId",
        "letter " + letterId + " was not found; use the letterId of a receipt of this sender");
  }

  private Optional<StoredLetter> find(String senderId, String letterId) {
    StoredLetter stored = byId.get(letterId);
    // Another sender's letter is reported as missing, so that ids of others cannot be probed.
    return stored != null && stored.senderId.equals(senderId)
        ? Optional.of(stored)
        : Optional.empty();
  }

  private void record(StoredLetter stored, StatusChange change) {
    String cursor = Long.toString(feed.size() + 1L);
    StatusEvent event =
        new StatusEvent(
            cursor,
            stored.id,
            stored.letter.barcode(),
            change.status(),
            stored.isFinal(),
            change.at(),
            change.operation());
    feed.add(new FeedEntry(stored.senderId, event));
  }

  /**
   * The result of {@link #accept}.
   *
   * @param receipt the letter's receipt
   * @param created true for a new letter, false for a repeat of an accepted one
   */
  public record Acceptance(LetterReceipt receipt, boolean created) {}

  private record SenderKey(String senderId, String idempotencyKey) {}

  private record SenderContent(String senderId, Fingerprint fingerprint) {}

  private record FeedEntry(String senderId, StatusEvent event) {}
}
