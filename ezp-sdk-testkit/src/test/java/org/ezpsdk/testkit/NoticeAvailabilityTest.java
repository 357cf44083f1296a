package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.awaitFinalStatus;
import static org.ezpsdk.testkit.TestLetters.electronicLetter;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import java.nio.file.Path;
import java.time.Duration;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notice of delivery is not served before the letter reaches NOTICE_AVAILABLE. */
class NoticeAvailabilityTest {
  @TempDir Path files;

  @Test
  void noticeIsNotFoundBeforeNoticeAvailable() throws Exception {
    // With one step per hour the letter stays ACCEPTED for the whole test.
    try (EpsEmulator emulator =
            EpsEmulator.builder()
                .stepDelay(Duration.ofHours(1))
                .withGosPochtaConsent(TestLetters.CONSENTING_INN)
                .build()
                .start();
        HttpTransport transport = HttpTransport.create()) {
      EzpClient client = TestClients.client(emulator, transport);
      SendResult receipt =
          client.send(electronicLetter(nextBarcode(), true), a4Pdf(files, "a.pdf", 1));

      EzpServiceException error =
          catchThrowableOfType(EzpServiceException.class, () -> client.notice(receipt.letterId()));

      assertThat(client.status(receipt.letterId()).status()).isEqualTo(LetterStatus.ACCEPTED);
      assertThat(error.httpStatus()).isEqualTo(404);
      assertThat(error.errorCode()).isEqualTo("NOTICE_NOT_AVAILABLE");
    }
  }

  @Test
  void returnedLetterHasNoNotice() throws Exception {
    try (EpsEmulator emulator =
            EpsEmulator.builder()
                .stepDelay(Duration.ofMillis(20))
                .returnEveryNthPaperLetter(1)
                .build()
                .start();
        HttpTransport transport = HttpTransport.create()) {
      EzpClient client = TestClients.client(emulator, transport);
      SendResult receipt = client.send(paperLetter(nextBarcode(), true), a4Pdf(files, "a.pdf", 1));
      assertThat(awaitFinalStatus(client, receipt.letterId()).status())
          .isEqualTo(LetterStatus.RETURNED);

      EzpServiceException error =
          catchThrowableOfType(EzpServiceException.class, () -> client.notice(receipt.letterId()));

      assertThat(error.httpStatus()).isEqualTo(404);
      assertThat(error.errorCode()).isEqualTo("NOTICE_NOT_AVAILABLE");
    }
  }
}
