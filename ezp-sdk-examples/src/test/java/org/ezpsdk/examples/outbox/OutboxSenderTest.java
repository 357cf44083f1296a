package org.ezpsdk.examples.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.model.SampleLetters;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxEntry;
import org.ezpsdk.core.outbox.OutboxHistoryEntry;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxSender;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.outbox.OutboxStatusTracker;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.testkit.EmulatedLetter;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.FaultPlan;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OutboxSender} and {@link OutboxStatusTracker} against the emulator over HTTP. */
class OutboxSenderTest {
  private static final String RANGE = "10100001:00001-99999";
  private static final Duration EXPIRED = Duration.ofMillis(-1);

  @TempDir Path dir;
  EpsEmulator emulator;
  HttpTransport transport;
  EzpClient client;
  JdbcOutboxStore store;
  Path pdf;

  void start(Consumer<EpsEmulator.Builder> settings) throws IOException {
    EpsEmulator.Builder builder = EpsEmulator.builder().stepDelay(Duration.ofMillis(10));
    settings.accept(builder);
    emulator = builder.build().start();
    transport = HttpTransport.create();
    client =
        EzpClient.builder()
            .environment(Environment.test(emulator.baseUri()))
            .credentials(EpsEmulator.testCredentials())
            .transport(transport)
            .signer(
                CadesSigner.of(
                    TestKeys.generate(
                        GostParameterSet.TC26_256_A, "Outbox test", Duration.ofDays(1))))
            .retryPolicy(
                RetryPolicy.defaults().toBuilder().totalDeadline(Duration.ofSeconds(3)).build())
            .build();
    store = JdbcOutboxStore.sqlite(dir.resolve("outbox.db"));
    store.ranges().addRange("10100001", 1, 99_999, "test");
    pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 1);
  }

  @BeforeEach
  void startDefault() throws IOException {
    start(builder -> {});
  }

  @AfterEach
  void stop() {
    store.close();
    client.close();
    transport.close();
    emulator.close();
  }

  private List<OutboxRecord> enqueue(int count) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(
          OutboxEntry.of(
              "r" + i,
              SampleLetters.toIndividual().documentNumber("А40-" + i + "/2026").build(),
              pdf,
              RANGE));
    }
    return store.enqueue(entries);
  }

  private OutboxSender sender(int threads) {
    return OutboxSender.builder()
        .store(store)
        .client(client)
        .threads(threads)
        .lease(Duration.ofSeconds(30))
        .retryDelay(Duration.ofHours(1))
        .build();
  }

  @Test
  void sendsEveryLetterOnceOnSeveralThreads() {
    enqueue(40);

    OutboxSender.Summary summary = sender(4).drain();

    assertThat(summary.sent()).isEqualTo(40);
    assertThat(store.countByState()).containsEntry(OutboxState.SENT, 40L);
    assertThat(emulator.letters()).hasSize(40);
    assertThat(emulator.duplicates()).isEmpty();
  }

  @Test
  void drainReturnsWhileServiceIsDown() {
    enqueue(3);
    emulator.close();
    OutboxSender sender =
        OutboxSender.builder()
            .store(store)
            .client(client)
            .threads(1)
            .lease(Duration.ofSeconds(30))
            .retryDelay(Duration.ofMillis(1))
            .build();

    OutboxSender.Summary summary =
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sender.drain());

    assertThat(summary.retryLater()).as("each letter tried once").isEqualTo(3);
    assertThat(store.countByState()).containsEntry(OutboxState.PENDING, 3L);
  }

  @Test
  void crashedClaimIsLookedUpNotResent() {
    OutboxRecord record = enqueue(1).get(0);
    store.claim("crashed", 1, EXPIRED);
    String letterId = client.send(record.letter(), pdf, record.idempotencyKey()).letterId();

    OutboxSender.Summary summary = sender(1).drain();

    assertThat(summary.found()).isEqualTo(1);
    OutboxRecord sent = store.find(record.id()).orElseThrow();
    assertThat(sent.state()).isEqualTo(OutboxState.SENT);
    assertThat(sent.letterId()).isEqualTo(letterId);
    assertThat(emulator.requestCount("sendLetter")).isEqualTo(1);
  }

  @Test
  void crashedClaimThatNeverArrivedIsSent() {
    OutboxRecord record = enqueue(1).get(0);
    store.claim("crashed", 1, EXPIRED);

    OutboxSender.Summary summary = sender(1).drain();

    assertThat(summary.sent()).isEqualTo(1);
    assertThat(emulator.requestCount("findLetters")).isEqualTo(1);
    assertThat(emulator.letters())
        .extracting(EmulatedLetter::barcode)
        .containsExactly(record.barcode());
  }

  @Test
  void changedPdfFailsWithoutSending() throws IOException {
    OutboxRecord record = enqueue(1).get(0);
    TestPdfs.a4Portrait(dir, "letter.pdf", 2);

    sender(1).drain();

    OutboxRecord failed = store.find(record.id()).orElseThrow();
    assertThat(failed.state()).isEqualTo(OutboxState.FAILED);
    assertThat(failed.error()).contains("changed after the letter was recorded");
    assertThat(emulator.requestCount("sendLetter")).isZero();
  }

  @Test
  void busyServiceLeavesLetterPending() throws IOException {
    stop();
    start(builder -> builder.faults(FaultPlan.parse(List.of("status-503=1@sendLetter"), 1)));
    OutboxRecord record = enqueue(1).get(0);

    OutboxSender.Summary summary = sender(1).drain();

    assertThat(summary.retryLater()).isEqualTo(1);
    OutboxRecord pending = store.find(record.id()).orElseThrow();
    assertThat(pending.state()).isEqualTo(OutboxState.PENDING);
    assertThat(pending.error()).contains("503");
    assertThat(emulator.letters()).isEmpty();
  }

  @Test
  void lostResponsesStillSendEachLetterOnce() throws IOException {
    stop();
    start(
        builder -> builder.faults(FaultPlan.parse(List.of("drop-after-commit=0.3@sendLetter"), 7)));
    enqueue(30);

    sender(3).drain();

    assertThat(store.countByState()).containsEntry(OutboxState.SENT, 30L);
    assertThat(emulator.letters()).hasSize(30);
    assertThat(emulator.duplicates()).isEmpty();
    assertThat(emulator.injectedFaults()).containsKey("drop-after-commit");
  }

  @Test
  void trackerReadsStatusesByPageNotByLetter() throws Exception {
    enqueue(50);
    sender(4).drain();
    OutboxStatusTracker tracker = new OutboxStatusTracker(store, client, "test-sender", 100);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!allFinal() && System.nanoTime() < deadline) {
      tracker.catchUp();
      Thread.sleep(100);
    }
    assertThat(allFinal()).isTrue();
    long before = emulator.requestCount("events");

    OutboxStatusTracker.Progress replay =
        new OutboxStatusTracker(store, client, "replay", 100).catchUp();

    assertThat(emulator.requestCount("events") - before).isEqualTo(replay.pages());
    assertThat(replay.events()).isGreaterThanOrEqualTo(100);
    assertThat(replay.pages()).isLessThanOrEqualTo(replay.events() / 100 + 1);
    assertThat(replay.matched()).isEqualTo(replay.events());
    assertThat(emulator.requestCount("getLetter")).isZero();
    List<OutboxHistoryEntry> history =
        store.history(store.list(OutboxState.SENT, 0, 1).get(0).id());
    assertThat(history)
        .extracting(OutboxHistoryEntry::state)
        .contains("PENDING", "SENDING", "SENT");
  }

  private boolean allFinal() {
    List<OutboxRecord> sent = store.list(OutboxState.SENT, 0, 1000);
    return !sent.isEmpty() && sent.stream().allMatch(OutboxRecord::finalStatus);
  }

  @Test
  void numbersStayWithTheirLetters() throws IOException {
    List<OutboxRecord> records = enqueue(25);

    sender(2).drain();

    assertThat(new HashSet<>(records.stream().map(OutboxRecord::barcode).toList())).hasSize(25);
    for (OutboxRecord record : records) {
      assertThat(store.find(record.id()).orElseThrow().barcode()).isEqualTo(record.barcode());
    }
    assertThat(Files.exists(dir.resolve("outbox.db"))).isTrue();
  }
}
