package org.ezpsdk.examples.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.outbox.OutboxEntry;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxSender;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.spi.OutboxStore;
import org.ezpsdk.examples.batch.LetterReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SendLog} in the durable outbox ({@link OutboxStore}): every letter is written to the
 * outbox before it is sent, so a repeat is recognised after a restart too, and a letter whose
 * outcome stayed unknown is sent again under the same idempotency key by a background drain every
 * {@link #DRAIN_PERIOD}. A letter with a client key is recorded under the reference {@code
 * client-<SHA-256 of the client key>} and sent under the client key as its idempotency key; a
 * letter without one under its document key {@code doc-<digest>}, which is also its idempotency
 * key.
 *
 * <p>A rejected letter stays FAILED in the outbox; a corrected letter under the same reference is
 * recorded under the next one ({@code …#2}, {@code #3} …).
 */
public final class OutboxSendLog implements SendLog {
  private static final Logger log = LoggerFactory.getLogger(OutboxSendLog.class);

  /** How often letters left pending after a failure that may pass are sent again. */
  public static final Duration DRAIN_PERIOD = Duration.ofSeconds(30);

  private static final int MAX_CORRECTIONS = 100;
  private static final String CLIENT_REFERENCE_PREFIX = "client-";

  private final OutboxStore store;
  private final Duration retryDelay;
  private OutboxSender sender;
  private ScheduledExecutorService drainer;

  /**
   * Creates the log over a store, which {@link #close()} closes.
   *
   * @param retryDelay how long a letter waits after a failure that may pass before it is due again
   */
  public OutboxSendLog(OutboxStore store, Duration retryDelay) {
    this.store = store;
    this.retryDelay = retryDelay;
  }

  @Override
  public synchronized Optional<Entry> find(String clientKey, String documentKey) {
    String base = baseReference(clientKey, documentKey);
    for (int n = 1; n <= MAX_CORRECTIONS; n++) {
      Optional<OutboxRecord> record = store.findByReference(reference(base, n));
      if (record.isEmpty()) {
        return Optional.empty();
      }
      if (record.get().state() != OutboxState.FAILED) {
        return Optional.of(entry(record.get()));
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized Entry send(
      Letter letter, Path pdf, String clientKey, String documentKey, EzpClient client) {
    String reference = freeReference(baseReference(clientKey, documentKey), letter.barcode());
    String key = clientKey != null ? clientKey : reference;
    OutboxRecord record = enqueue(new OutboxEntry(reference, letter, pdf, sha256(pdf), key, null));
    sender(client).drain();
    OutboxRecord after = store.find(record.id()).orElse(record);
    log.info("Letter {} ({}) is {} in the outbox", after.barcode(), reference, after.state());
    return entry(after);
  }

  /** Stops the background drain and closes the store. */
  @Override
  public synchronized void close() {
    if (drainer != null) {
      drainer.shutdownNow();
    }
    store.close();
  }

  private OutboxSender sender(EzpClient client) {
    if (sender == null) {
      sender =
          OutboxSender.builder()
              .store(store)
              .client(client)
              .threads(1)
              .retryDelay(retryDelay)
              .build();
      drainer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "ezp-gateway-outbox-drain");
                thread.setDaemon(true);
                return thread;
              });
      long period = DRAIN_PERIOD.toMillis();
      drainer.scheduleWithFixedDelay(this::drainPending, period, period, TimeUnit.MILLISECONDS);
    }
    return sender;
  }

  private synchronized void drainPending() {
    try {
      OutboxSender.Summary summary = sender.drain();
      if (summary.sent() + summary.found() + summary.failed() > 0) {
        log.info("Background drain of the outbox: {}", summary);
      }
    } catch (RuntimeException e) {
      log.warn("Background drain of the outbox failed; it runs again in {}", DRAIN_PERIOD, e);
    }
  }

  /**
   * Returns the reference of a letter's first record: a digest of the client key, which may be
   * longer than a reference and contain any characters, or else the document key.
   */
  private static String baseReference(String clientKey, String documentKey) {
    if (clientKey == null) {
      return documentKey;
    }
    byte[] digest = Sha256.newDigest().digest(clientKey.getBytes(StandardCharsets.UTF_8));
    return CLIENT_REFERENCE_PREFIX + HexFormat.of().formatHex(digest);
  }

  /**
   * Returns the first reference of the sequence {@code base}, {@code base#2}, … that is free or not
   * FAILED.
   *
   * @throws ValidationException when a rejected letter of this document holds the same ШПИ, because
   *     the outbox keeps every ШПИ for one record
   */
  private String freeReference(String baseReference, String barcode) {
    for (int n = 1; n <= MAX_CORRECTIONS; n++) {
      String reference = reference(baseReference, n);
      Optional<OutboxRecord> record = store.findByReference(reference);
      if (record.isEmpty() || record.get().state() != OutboxState.FAILED) {
        return reference;
      }
      if (barcode != null && barcode.equals(record.get().barcode())) {
        throw barcodeUsed(barcode, "the rejected letter " + reference + " of this document");
      }
    }
    throw new EzpClientException(
        "The letter was rejected "
            + MAX_CORRECTIONS
            + " times under reference "
            + baseReference
            + "; send it with a new client key or a changed document");
  }

  private OutboxRecord enqueue(OutboxEntry entry) {
    try {
      return store.enqueue(List.of(entry)).get(0);
    } catch (EzpException e) {
      // NOTE: the outbox reports a ШПИ recorded for another letter only as a unique-constraint
      // failure, so its message is the one way to tell it from other database failures.
      String message = String.valueOf(e.getMessage());
      if (entry.letter().barcode() != null && message.contains("barcode")) {
        throw barcodeUsed(entry.letter().barcode(), "another letter");
      }
      throw e;
    }
  }

  private static ValidationException barcodeUsed(String barcode, String holder) {
    return new ValidationException(
        "Letter",
        List.of(
            new Violation(
                "barcode",
                "BARCODE_ALREADY_USED",
                barcode,
                "the outbox already holds this ШПИ for "
                    + holder
                    + "; give the letter a new ШПИ from your range")));
  }

  private static String reference(String baseReference, int n) {
    return n == 1 ? baseReference : baseReference + "#" + n;
  }

  private static Entry entry(OutboxRecord record) {
    String documentKey = LetterOperations.documentKey(record.letter(), record.attachmentSha256());
    State state =
        switch (record.state()) {
          case SENT -> State.SENT;
          case FAILED -> State.FAILED;
          case PENDING, SENDING -> State.PENDING;
        };
    String clientKey =
        record.reference().startsWith(CLIENT_REFERENCE_PREFIX) ? record.idempotencyKey() : null;
    // NOTE: the outbox does not store the service's acceptance time; the time the record became
    // SENT is used instead.
    return new Entry(
        record.idempotencyKey(),
        clientKey,
        documentKey,
        state,
        record.letterId(),
        record.barcode(),
        record.serviceStatus() == null ? null : record.serviceStatus().name(),
        state == State.SENT ? record.updatedAt() : null,
        record.error());
  }

  private static String sha256(Path pdf) {
    try {
      return LetterReferences.sha256(pdf);
    } catch (IOException e) {
      throw new EzpClientException(
          "PDF attachment '" + pdf + "' is not a readable file; check the path", e);
    }
  }
}
