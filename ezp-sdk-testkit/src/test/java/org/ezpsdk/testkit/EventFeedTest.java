package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.awaitFinalStatus;
import static org.ezpsdk.testkit.TestLetters.electronicLetter;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event feed: cursor paging, completeness, and one sender never seeing another's events. */
class EventFeedTest {
  private static final Credentials OTHER_SENDER = Credentials.of("other-sender", "other-token");

  @TempDir Path files;
  private EpsEmulator emulator;
  private HttpTransport transport;
  private EzpClient client;

  @BeforeEach
  void startEmulator() {
    emulator =
        EpsEmulator.builder()
            .credentials(EpsEmulator.testCredentials(), OTHER_SENDER)
            .stepDelay(Duration.ofMillis(20))
            .withGosPochtaConsent(TestLetters.CONSENTING_INN)
            .build()
            .start();
    transport = HttpTransport.create();
    client = TestClients.client(emulator, transport);
  }

  @AfterEach
  void stopEmulator() {
    transport.close();
    emulator.close();
  }

  @Test
  void pagesReturnEveryStatusChangeOnce() throws Exception {
    Path pdf = a4Pdf(files, "decision.pdf", 1);
    List<LetterInfo> finals = new ArrayList<>();
    for (SendResult receipt :
        List.of(
            client.send(electronicLetter(nextBarcode(), true), pdf),
            client.send(paperLetter(nextBarcode(), true), pdf),
            client.send(paperLetter(nextBarcode(), false), pdf))) {
      finals.add(awaitFinalStatus(client, receipt.letterId()));
    }

    List<StatusEvent> events = readWholeFeed(client, 2);

    int changes = finals.stream().mapToInt(info -> info.history().size()).sum();
    assertThat(events).hasSize(changes);
    assertThat(events).extracting(StatusEvent::cursor).doesNotHaveDuplicates();
    assertThat(events).extracting(event -> Long.parseLong(event.cursor())).isSorted();
    Map<String, List<StatusEvent>> byLetter =
        events.stream().collect(Collectors.groupingBy(StatusEvent::letterId));
    for (LetterInfo info : finals) {
      List<StatusEvent> letterEvents = byLetter.get(info.letterId());
      assertThat(letterEvents)
          .extracting(StatusEvent::status)
          .containsExactlyElementsOf(info.history().stream().map(c -> c.status()).toList());
      assertThat(letterEvents).extracting(StatusEvent::barcode).containsOnly(info.barcode());
      assertThat(letterEvents.get(letterEvents.size() - 1).finalStatus()).isTrue();
      assertThat(letterEvents.subList(0, letterEvents.size() - 1))
          .extracting(StatusEvent::finalStatus)
          .containsOnly(false);
    }
  }

  @Test
  void pageAfterLastEventIsEmpty() throws Exception {
    SendResult receipt = client.send(paperLetter(nextBarcode(), false), a4Pdf(files, "a.pdf", 1));
    awaitFinalStatus(client, receipt.letterId());
    List<StatusEvent> events = readWholeFeed(client, 100);
    String last = events.get(events.size() - 1).cursor();

    EventPage page = client.events(last, 10);

    assertThat(page.events()).isEmpty();
    assertThat(page.nextCursor()).isEqualTo(last);
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void fullPageReportsMore() throws Exception {
    SendResult receipt = client.send(paperLetter(nextBarcode(), false), a4Pdf(files, "a.pdf", 1));
    awaitFinalStatus(client, receipt.letterId());

    EventPage first = client.events(null, 1);

    assertThat(first.events()).hasSize(1);
    assertThat(first.hasMore()).isTrue();
    assertThat(first.nextCursor()).isEqualTo(first.events().get(0).cursor());
  }

  @Test
  void emptyFeedReturnsNoEvents() {
    EventPage page = client.events(null, 100);

    assertThat(page.events()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertThat(page.nextCursor()).isEqualTo("0");
  }

  @Test
  void senderReadsOnlyOwnLetters() throws Exception {
    SendResult receipt = client.send(paperLetter(nextBarcode(), false), a4Pdf(files, "a.pdf", 1));
    awaitFinalStatus(client, receipt.letterId());
    EzpClient other = TestClients.client(emulator, OTHER_SENDER, transport);

    EventPage page = other.events(null, 100);
    EzpServiceException error =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            EzpServiceException.class, () -> other.status(receipt.letterId()));

    assertThat(page.events()).isEmpty();
    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(other.findByBarcode(receipt.barcode())).isEmpty();
  }

  private static List<StatusEvent> readWholeFeed(EzpClient client, int limit) {
    List<StatusEvent> events = new ArrayList<>();
    String cursor = null;
    EventPage page;
    do {
      page = client.events(cursor, limit);
      assertThat(page.events()).hasSizeLessThanOrEqualTo(limit);
      events.addAll(page.events());
      cursor = page.nextCursor();
    } while (page.hasMore());
    return events;
  }
}
