package org.ezpsdk.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.SampleLetters;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour every JDBC outbox database must show; subclasses choose the database. */
abstract class OutboxStoreContract {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration EXPIRED = Duration.ofMillis(-1);

  @TempDir Path folder;
  JdbcOutboxStore store;
  Path pdf;

  abstract String url(Path folder) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = JdbcOutboxStore.open(url(folder), new Properties());
    pdf = Files.write(folder.resolve("letter.pdf"), "%PDF-1.7 test".getBytes());
    store.ranges().addRange("10100001", 1, 500, "test");
  }

  @AfterEach
  void closeStore() {
    // The store is null when the database was not available and the test was skipped.
    if (store != null) {
      store.close();
    }
  }

  private OutboxEntry entry(String reference) {
    return OutboxEntry.of(
        reference, SampleLetters.toIndividual().build(), pdf, "10100001:00001-00500");
  }

  @Test
  void enqueueRecordsPendingLetterWithRangeNumber() {
    OutboxRecord record = store.enqueue(List.of(entry("batch.csv:1"))).get(0);

    assertThat(record.state()).isEqualTo(OutboxState.PENDING);
    assertThat(record.barcode()).startsWith("1010000100001");
    assertThat(TrackingNumbers.isValidDomestic(record.barcode())).isTrue();
    assertThat(record.idempotencyKey()).isEqualTo(record.barcode());
    assertThat(record.letter().barcode()).isEqualTo(record.barcode());
    assertThat(record.attachmentSha256()).hasSize(64);
    assertThat(store.history(record.id()))
        .extracting(OutboxHistoryEntry::state)
        .containsExactly("PENDING");
  }

  @Test
  void enqueueSkipsKnownReference() {
    OutboxRecord first = store.enqueue(List.of(entry("batch.csv:1"))).get(0);
    OutboxRecord again = store.enqueue(List.of(entry("batch.csv:1"))).get(0);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.barcode()).isEqualTo(first.barcode());
    assertThat(store.countByState()).containsEntry(OutboxState.PENDING, 1L);
    assertThat(store.ranges().find("10100001:00001-00500").orElseThrow().remaining())
        .isEqualTo(499);
  }

  @Test
  void claimHandsEachRecordToOneWorker() {
    store.enqueue(List.of(entry("r1"), entry("r2"), entry("r3")));

    List<OutboxRecord> first = store.claim("w1", 2, LEASE);
    List<OutboxRecord> second = store.claim("w2", 5, LEASE);

    assertThat(first).extracting(OutboxRecord::reference).containsExactly("r1", "r2");
    assertThat(first).allSatisfy(r -> assertThat(r.state()).isEqualTo(OutboxState.SENDING));
    assertThat(first).allSatisfy(r -> assertThat(r.claimedBy()).isEqualTo("w1"));
    assertThat(second).extracting(OutboxRecord::reference).containsExactly("r3");
    assertThat(store.claim("w3", 5, LEASE)).isEmpty();
  }

  @Test
  void concurrentClaimsNeverShareRecord() throws Exception {
    List<OutboxEntry> entries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      entries.add(entry("r" + i));
    }
    store.enqueue(entries);
    List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String worker = "w" + w;
      workers.add(
          pool.submit(
              () -> {
                List<OutboxRecord> batch;
                while (!(batch = store.claim(worker, 3, LEASE)).isEmpty()) {
                  batch.forEach(r -> claimed.add(r.id()));
                }
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();

    Set<Long> distinct = new HashSet<>(claimed);
    assertThat(claimed).hasSize(200);
    assertThat(distinct).hasSize(200);
  }

  @Test
  void markSentNeedsTheClaim() {
    OutboxRecord record = store.enqueue(List.of(entry("r1"))).get(0);
    store.claim("w1", 1, LEASE);

    boolean byOther = store.markSent(record.id(), "w2", "L-1", LetterStatus.ACCEPTED);
    boolean byHolder = store.markSent(record.id(), "w1", "L-1", LetterStatus.ACCEPTED);

    assertThat(byOther).isFalse();
    assertThat(byHolder).isTrue();
    OutboxRecord sent = store.find(record.id()).orElseThrow();
    assertThat(sent.state()).isEqualTo(OutboxState.SENT);
    assertThat(sent.letterId()).isEqualTo("L-1");
    assertThat(sent.serviceStatus()).isEqualTo(LetterStatus.ACCEPTED);
    assertThat(sent.claimedBy()).isNull();
  }

  @Test
  void expiredLeaseIsClaimedAgain() {
    OutboxRecord record = store.enqueue(List.of(entry("r1"))).get(0);
    store.claim("crashed", 1, EXPIRED);

    List<OutboxRecord> again = store.claim("w2", 1, LEASE);

    assertThat(again).extracting(OutboxRecord::id).containsExactly(record.id());
    assertThat(again.get(0).attempts()).isEqualTo(2);
    assertThat(store.history(record.id()).get(2).detail()).contains("lease of crashed expired");
    assertThat(store.markFailed(record.id(), "crashed", "late")).isFalse();
  }

  @Test
  void liveLeaseIsNotClaimedAgain() {
    store.enqueue(List.of(entry("r1")));
    store.claim("w1", 1, LEASE);

    assertThat(store.renewLeases("w1", LEASE)).isEqualTo(1);
    assertThat(store.claim("w2", 1, LEASE)).isEmpty();
  }

  @Test
  void releasedLetterWaitsForItsRetryTime() {
    OutboxRecord record = store.enqueue(List.of(entry("r1"))).get(0);
    store.claim("w1", 1, LEASE);
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    store.release(record.id(), "w1", "status 503", Duration.ofHours(1));

    OutboxRecord pending = store.find(record.id()).orElseThrow();
    assertThat(pending.state()).isEqualTo(OutboxState.PENDING);
    assertThat(pending.error()).isEqualTo("status 503");
    assertThat(pending.notBefore())
        .isBetween(before.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
    assertThat(store.claim("w1", 1, LEASE)).isEmpty();
  }

  @Test
  void failedLetterIsNotClaimed() {
    OutboxRecord record = store.enqueue(List.of(entry("r1"))).get(0);
    store.claim("w1", 1, LEASE);

    store.markFailed(record.id(), "w1", "rejected: 400 INVALID_PDF");

    assertThat(store.find(record.id()).orElseThrow().state()).isEqualTo(OutboxState.FAILED);
    assertThat(store.claim("w1", 1, LEASE)).isEmpty();
    assertThat(store.list(OutboxState.FAILED, 0, 10))
        .extracting(OutboxRecord::id)
        .containsExactly(record.id());
  }

  @Test
  void applyEventsUpdatesStatusAndCursor() {
    OutboxRecord record = store.enqueue(List.of(entry("r1"), entry("r2"))).get(0);
    store.claim("w1", 1, LEASE);
    store.markSent(record.id(), "w1", "L-1", LetterStatus.ACCEPTED);
    StatusEvent delivered =
        new StatusEvent(
            "c7", "L-1", record.barcode(), LetterStatus.DELIVERED, true, Instant.now(), "вручено");
    StatusEvent stranger =
        new StatusEvent(
            "c8", "L-9", "80080152000048", LetterStatus.PRINTED, false, Instant.now(), null);

    int matched = store.applyEvents("test-sender", List.of(delivered, stranger), "c8");

    assertThat(matched).isEqualTo(1);
    OutboxRecord updated = store.find(record.id()).orElseThrow();
    assertThat(updated.serviceStatus()).isEqualTo(LetterStatus.DELIVERED);
    assertThat(updated.finalStatus()).isTrue();
    assertThat(store.eventCursor("test-sender")).contains("c8");
    assertThat(store.eventCursor("other-sender")).isEmpty();
  }

  @Test
  void eventBeforeSentMarkMatchesByBarcode() {
    OutboxRecord record = store.enqueue(List.of(entry("r1"))).get(0);
    StatusEvent accepted =
        new StatusEvent(
            "c1", "L-5", record.barcode(), LetterStatus.ACCEPTED, false, Instant.now(), null);

    store.applyEvents("test-sender", List.of(accepted), "c1");

    assertThat(store.find(record.id()).orElseThrow().letterId()).isEqualTo("L-5");
  }

  @Test
  void reopeningKeepsSchemaAndRecords() throws Exception {
    String url = url(folder);
    try (JdbcOutboxStore first = JdbcOutboxStore.open(url, new Properties())) {
      first.ranges().addRange("20200002", 1, 10, "test");
      first.enqueue(
          List.of(
              OutboxEntry.of(
                  "r1", SampleLetters.toIndividual().build(), pdf, "20200002:00001-00010")));
    }
    try (JdbcOutboxStore second = JdbcOutboxStore.open(url, new Properties())) {
      assertThat(second.schemaVersion()).isEqualTo(1);
      assertThat(second.findByReference("r1")).isPresent();
    }
  }
}
