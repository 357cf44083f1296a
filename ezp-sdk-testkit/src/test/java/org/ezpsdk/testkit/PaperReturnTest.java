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
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Returned paper letters: with the default setting every fourth paper letter comes back. */
class PaperReturnTest {

  @RegisterExtension
  final EpsEmulatorExtension eps =
      EpsEmulatorExtension.perTest(
          EpsEmulator.builder()
              .stepDelay(Duration.ofMillis(20))
              .withGosPochtaConsent(TestLetters.CONSENTING_INN));

  @TempDir Path files;

  @Test
  void everyFourthPaperLetterIsReturned(EpsEmulator emulator) throws Exception {
    Path pdf = a4Pdf(files, "decision.pdf", 1);
    List<String> paperIds = new ArrayList<>();
    try (HttpTransport transport = HttpTransport.create()) {
      EzpClient client = TestClients.client(emulator, transport);
      for (int i = 1; i <= 8; i++) {
        paperIds.add(client.send(paperLetter(nextBarcode(), true), pdf).letterId());
        if (i == 2) {
          // A letter delivered electronically does not count towards the returns.
          client.send(electronicLetter(nextBarcode(), false), pdf);
        }
      }

      List<LetterStatus> finals = new ArrayList<>();
      for (String id : paperIds) {
        finals.add(awaitFinalStatus(client, id).status());
      }

      assertThat(finals)
          .containsExactly(
              LetterStatus.NOTICE_AVAILABLE,
              LetterStatus.NOTICE_AVAILABLE,
              LetterStatus.NOTICE_AVAILABLE,
              LetterStatus.RETURNED,
              LetterStatus.NOTICE_AVAILABLE,
              LetterStatus.NOTICE_AVAILABLE,
              LetterStatus.NOTICE_AVAILABLE,
              LetterStatus.RETURNED);
    }
  }

  @Test
  void returnedLetterHistoryEndsWithReturn(EpsEmulator emulator) throws Exception {
    Path pdf = a4Pdf(files, "decision.pdf", 1);
    try (HttpTransport transport = HttpTransport.create()) {
      EzpClient client = TestClients.client(emulator, transport);
      String fourth = null;
      for (int i = 1; i <= 4; i++) {
        fourth = client.send(paperLetter(nextBarcode(), true), pdf).letterId();
      }

      LetterInfo info = awaitFinalStatus(client, fourth);

      assertThat(info.history())
          .extracting(StatusChange::status)
          .containsExactly(
              LetterStatus.ACCEPTED,
              LetterStatus.PRINTED,
              LetterStatus.IN_DELIVERY,
              LetterStatus.RETURNED);
      assertThat(info.history().get(3).operation()).isEqualTo("Возврат: истёк срок хранения");
      assertThat(info.finalStatus()).isTrue();
    }
  }
}
