package org.ezpsdk.core.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.spi.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the letters of an outbox: claims a record, sends it with {@link EzpClient#send(
 * org.ezpsdk.core.model.Letter, java.nio.file.Path, String)} under the record's idempotency key,
 * and records the outcome, on a configurable number of threads.
 *
 * <p>A record claimed for the second time (its earlier sender crashed, or the outcome stayed
 * unknown) is first looked up at the service by its idempotency key, or by its ШПИ when the wire
 * profile has no lookup by key; a letter found is recorded as sent and not sent again. While it
 * runs, the sender renews the leases of the records it holds every third of the lease, so only the
 * claims of a sender that stopped expire.
 *
 * <p>Outcomes: an accepted letter becomes SENT (a REJECTED verdict is kept as its service status);
 * a letter refused by the client's checks or by a 4xx response becomes FAILED; a network failure,
 * an unknown outcome, 408, 429 or 5xx returns it to PENDING, due again after the retry delay. The
 * sender neither creates nor closes the store or the client.
 */
public final class OutboxSender {
  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final OutboxStore store;
  private final EzpClient client;
  private final int threads;
  private final Duration lease;
  private final Duration retryDelay;
  private final String worker;
  private final Consumer<OutboxRecord> listener;
  private final AtomicBoolean stopping = new AtomicBoolean();

  private OutboxSender(Builder builder) {
    this.store = builder.store;
    this.client = builder.client;
    this.threads = builder.threads;
    this.lease = builder.lease;
    this.retryDelay = builder.retryDelay;
    this.worker = builder.worker != null ? builder.worker : defaultWorkerName();
    this.listener = builder.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns the name under which this sender claims records. */
  public String worker() {
    return worker;
  }

  /**
   * Sends until no record is due, then returns what this call did. Records due later (after a
   * failure that may pass) stay PENDING for the next call.
   *
   * <p>Each record is tried at most once per call: a thread that claims a record which already
   * failed in this call gives it back and returns. Without that rule, a failed record would be due
   * again before the threads ran out of work whenever one attempt takes longer than the retry
   * delay, as while the service is down, and the call would not return.
   */
  public Summary drain() {
    stopping.set(false);
    Counters counters = new Counters();
    ExecutorService pool = Executors.newFixedThreadPool(threads, named("ezp-outbox-sender"));
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(named("ezp-outbox-lease"));
    long period = Math.max(1, lease.toMillis() / 3);
    heartbeat.scheduleAtFixedRate(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
    try {
      List<Future<?>> loops = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        loops.add(pool.submit(() -> loop(counters)));
      }
      for (Future<?> loop : loops) {
        await(loop);
      }
    } finally {
      heartbeat.shutdownNow();
      pool.shutdownNow();
    }
    return counters.summary();
  }

  /** Asks a running {@link #drain()} to return after the letters in flight. */
  public void stop() {
    stopping.set(true);
  }

  private void loop(Counters counters) {
    while (!stopping.get() && !Thread.currentThread().isInterrupted()) {
      List<OutboxRecord> claimed = store.claim(worker, 1, lease);
      if (claimed.isEmpty()) {
        return;
      }
      OutboxRecord record = claimed.get(0);
      if (counters.retried.contains(record.id())) {
        // The store hands out the records due longest first, so every other due record has been
        // tried in this call. This one waits for the next call.
        store.release(record.id(), worker, record.error(), Duration.ZERO);
        return;
      }
      Outcome outcome = process(record);
      counters.count(outcome);
      if (outcome == Outcome.RETRY) {
        counters.retried.add(record.id());
      }
      store.find(record.id()).ifPresent(listener);
    }
  }

  private void renewLeases() {
    try {
      store.renewLeases(worker, lease);
    } catch (RuntimeException e) {
      log.warn("Renewing the outbox leases of {} failed; they may expire", worker, e);
    }
  }

  enum Outcome {
    SENT,
    FOUND,
    FAILED,
    RETRY
  }

  /** Sends one claimed record, or resolves it by a lookup, and records the outcome. */
  Outcome process(OutboxRecord record) {
    try {
      if (record.attempts() > 1) {
        Optional<LetterInfo> found = lookUp(record);
        if (found.isPresent()) {
          return recordFound(record, found.get());
        }
        log.info(
            "Letter {} ({}) is not at the service after an earlier attempt; sending it under"
                + " idempotency key {}",
            record.barcode(),
            record.reference(),
            record.idempotencyKey());
      }
      checkAttachment(record);
      SendResult result =
          client.send(record.letter(), record.attachment(), record.idempotencyKey());
      store.markSent(record.id(), worker, result.letterId(), result.status());
      return result.alreadyAccepted() ? Outcome.FOUND : Outcome.SENT;
    } catch (OutcomeUnknownException | TransportException e) {
      return retryLater(record, e);
    } catch (EzpServiceException e) {
      if (e.isTemporary()) {
        return retryLater(record, e);
      }
      return fail(record, e);
    } catch (EzpClientException e) {
      return fail(record, e);
    } catch (RuntimeException e) {
      log.error(
          "Unexpected failure sending letter {} ({})", record.barcode(), record.reference(), e);
      return retryLater(record, e);
    }
  }

  private Optional<LetterInfo> lookUp(OutboxRecord record) {
    try {
      return client.findByIdempotencyKey(record.idempotencyKey());
    } catch (UnsupportedOperationException e) {
      if (record.barcode() == null) {
        throw new OutcomeUnknownException(record.idempotencyKey(), null, e);
      }
      return client.findByBarcode(record.barcode());
    }
  }

  private Outcome recordFound(OutboxRecord record, LetterInfo info) {
    if (info.idempotencyKey() != null && !info.idempotencyKey().equals(record.idempotencyKey())) {
      String error =
          "the ШПИ "
              + record.barcode()
              + " belongs to the service's letter "
              + info.letterId()
              + " sent under another idempotency key ("
              + info.idempotencyKey()
              + "); check the range, then give this letter a new number";
      store.markFailed(record.id(), worker, error);
      log.error("Letter {} failed: {}", record.reference(), error);
      return Outcome.FAILED;
    }
    store.markSent(record.id(), worker, info.letterId(), info.status());
    log.info(
        "Letter {} ({}) was already at the service as {}; recorded as sent without sending again",
        record.barcode(),
        record.reference(),
        info.letterId());
    return Outcome.FOUND;
  }

  private Outcome retryLater(OutboxRecord record, RuntimeException e) {
    log.warn(
        "Letter {} ({}) stays pending after: {}",
        record.barcode(),
        record.reference(),
        e.getMessage());
    store.release(record.id(), worker, e.getMessage(), retryDelay);
    return Outcome.RETRY;
  }

  private Outcome fail(OutboxRecord record, EzpException e) {
    log.error("Letter {} ({}) failed: {}", record.barcode(), record.reference(), e.getMessage());
    store.markFailed(record.id(), worker, e.getMessage());
    return Outcome.FAILED;
  }

  /** Rejects a PDF changed since the record was made, because the letter was checked on it. */
  private static void checkAttachment(OutboxRecord record) {
    String actual = sha256(record);
    if (!actual.equals(record.attachmentSha256())) {
      throw new EzpClientException(
          "The PDF '"
              + record.attachment()
              + "' changed after the letter was recorded (SHA-256 "
              + actual
              + ", recorded "
              + record.attachmentSha256()
              + "); restore the file or record the letter again under a new reference");
    }
  }

  private static String sha256(OutboxRecord record) {
    try (InputStream in = Files.newInputStream(record.attachment())) {
      return Sha256.hex(in);
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read the PDF '"
              + record.attachment()
              + "' of letter "
              + record.reference()
              + ": "
              + e.getMessage()
              + "; restore the file, then run again",
          e);
    }
  }

  private static void await(Future<?> loop) {
    try {
      loop.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static String defaultWorkerName() {
    String process = ManagementFactory.getRuntimeMXBean().getName();
    return process + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The counts of one {@link #drain()}.
   *
   * @param sent letters accepted by this call
   * @param found letters found at the service (an earlier attempt had reached it) and recorded
   *     without sending again
   * @param failed letters that became FAILED
   * @param retryLater letters returned to PENDING after a failure that may pass
   */
  public record Summary(int sent, int found, int failed, int retryLater) {}

  private static final class Counters {
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger found = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger retry = new AtomicInteger();
    private final Set<Long> retried = ConcurrentHashMap.newKeySet();

    void count(Outcome outcome) {
      switch (outcome) {
        case SENT -> sent.incrementAndGet();
        case FOUND -> found.incrementAndGet();
        case FAILED -> failed.incrementAndGet();
        case RETRY -> retry.incrementAndGet();
      }
    }

    Summary summary() {
      return new Summary(sent.get(), found.get(), failed.get(), retry.get());
    }
  }

  /** Builder of {@link OutboxSender}; the store and the client are required. */
  public static final class Builder {
    private OutboxStore store;
    private EzpClient client;
    private int threads = 4;
    private Duration lease = Duration.ofMinutes(2);
    private Duration retryDelay = Duration.ofSeconds(30);
    private String worker;
    private Consumer<OutboxRecord> listener = record -> {};

    private Builder() {}

    public Builder store(OutboxStore store) {
      this.store = store;
      return this;
    }

    /** Sets the client, which must have a signer; the caller closes it after the sender. */
    public Builder client(EzpClient client) {
      this.client = client;
      return this;
    }

    /** Sets the number of sending threads, 1 to 64; 4 unless set. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be 1 to 64, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets how long a claim lasts without renewal; 2 minutes unless set. After a crash, the crashed
     * sender's letters wait this long before another sender takes them over.
     */
    public Builder lease(Duration lease) {
      if (lease.toMillis() < 300) {
        throw new IllegalArgumentException("lease must be at least 300 ms, got " + lease);
      }
      this.lease = lease;
      return this;
    }

    /** Sets how long a letter waits after a failure that may pass; 30 s unless set. */
    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
      return this;
    }

    /**
     * Sets the name under which claims are held; the process name and a random suffix unless set.
     */
    public Builder worker(String worker) {
      this.worker = worker;
      return this;
    }

    /** Sets a listener called with each record after its outcome is recorded, for progress. */
    public Builder listener(Consumer<OutboxRecord> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public OutboxSender build() {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(client, "client");
      return new OutboxSender(this);
    }
  }
}
