package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.validation.TrackingNumbers;

/** Letters, PDFs and waits shared by the emulator's tests. */
final class TestLetters {
  /** ИНН and КПП of the organisation that agreed to Госпочта in the tests' emulators. */
  static final String CONSENTING_INN = "7707083893";

  static final String CONSENTING_KPP = "773601001";

  /** A person who did not agree to Госпочта, so letters to her go on paper. */
  static final Recipient PAPER_RECIPIENT = Recipient.individual("Иванова", "Мария", "Петровна");

  /** The maximum wait for a letter to reach its final status; the tests use 20 ms steps. */
  static final Duration FINAL_STATUS_WAIT = Duration.ofSeconds(20);

  private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 50_000));

  private TestLetters() {}

  /** Returns an unused, valid domestic track number (ШПИ). */
  static String nextBarcode() {
    int serial = SERIAL.incrementAndGet() % 100_000;
    return TrackingNumbers.completeDomestic("80080152" + String.format("%05d", serial));
  }

  /** Returns a registered letter to the organisation that receives mail on Госуслуги. */
  static Letter electronicLetter(String barcode, boolean notice) {
    return base(barcode, notice)
        .recipient(Recipient.organisation("ПАО Сбербанк", CONSENTING_INN, CONSENTING_KPP))
        .build();
  }

  /** Returns a registered letter to a person who gets it on paper. */
  static Letter paperLetter(String barcode, boolean notice) {
    return base(barcode, notice).recipient(PAPER_RECIPIENT).build();
  }

  /** Returns a regular letter, which has no ШПИ, to a person who gets it on paper. */
  static Letter regularLetter() {
    return base(null, false).type(LetterType.REGULAR).recipient(PAPER_RECIPIENT).build();
  }

  private static Letter.Builder base(String barcode, boolean notice) {
    return Letter.builder()
        .documentNumber("01-12/345")
        .documentDate(LocalDate.of(2026, 3, 2))
        .title("Решение по делу А40-12345/2026")
        .sender(
            Sender.of(
                "Арбитражный суд города Москвы",
                Address.of("115225", "г. Москва, ул. Большая Тульская, д. 17")))
        .recipientAddress("101000, г. Москва, ул. Мясницкая, д. 26, кв. 5")
        .type(LetterType.REGISTERED)
        .mailRank(MailRank.JUDICIAL)
        .electronicNotice(notice)
        .barcode(barcode);
  }

  /** Writes a PDF of A4 portrait pages, each with a line of text. */
  static Path a4Pdf(Path directory, String name, int pages) throws IOException {
    return pdf(directory, name, PDRectangle.A4, pages);
  }

  /** Writes a one-page US Letter PDF, which hybrid print rejects. */
  static Path usLetterPdf(Path directory, String name) throws IOException {
    return pdf(directory, name, PDRectangle.LETTER, 1);
  }

  private static Path pdf(Path directory, String name, PDRectangle size, int pages)
      throws IOException {
    Path file = directory.resolve(name);
    try (PDDocument document = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int number = 1; number <= pages; number++) {
        PDPage page = new PDPage(size);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, size.getHeight() - 72);
          content.showText(name + ", page " + number + " of " + pages);
          content.endText();
        }
      }
      document.save(file.toFile());
    }
    return file;
  }

  /** Polls the letter's status until it is final, failing after {@link #FINAL_STATUS_WAIT}. */
  static LetterInfo awaitFinalStatus(EzpClient client, String letterId) {
    long deadline = System.nanoTime() + FINAL_STATUS_WAIT.toNanos();
    while (true) {
      LetterInfo info = client.status(letterId);
      if (info.finalStatus()) {
        return info;
      }
      if (System.nanoTime() > deadline) {
        fail(
            "Letter %s did not reach a final status within %s; last: %s",
            letterId, FINAL_STATUS_WAIT, info);
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for the emulator", e);
    }
  }
}
