package org.ezpsdk.examples.selftest;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Writes the small PDFs the self-test sends: a valid A4 portrait one and wrongly sized ones. */
final class TestPdfs {
  /** US Letter, 612 × 792 pt: portrait, but not A4, so the service rejects it. */
  static final PDRectangle US_LETTER = new PDRectangle(612, 792);

  /** A4 turned on its side, 841.89 × 595.28 pt. */
  static final PDRectangle A4_LANDSCAPE =
      new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

  private TestPdfs() {}

  /** Writes a one-page PDF of the given page size with a line of text that makes it unique. */
  static Path write(Path file, PDRectangle pageSize, String text) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(pageSize);
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, pageSize.getHeight() - 72);
        content.showText(text);
        content.endText();
      }
      document.save(file.toFile());
    }
    return file;
  }
}
