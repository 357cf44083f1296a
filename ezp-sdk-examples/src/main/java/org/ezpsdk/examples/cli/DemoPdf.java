package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Writes a multi-page A4 portrait PDF with Russian text, as a court's decision would look. */
final class DemoPdf {
  /**
   * A font with Cyrillic glyphs that ships inside the PDFBox jar, so the demo needs no system
   * fonts: Liberation Sans, under the SIL Open Font License.
   */
  private static final String FONT_RESOURCE =
      "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private static final float MARGIN = 72;
  private static final float LEADING = 18;

  private DemoPdf() {}

  static void write(Path file, String title, int pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDFont font = loadFont(document);
      for (int page = 1; page <= pages; page++) {
        PDPage pdfPage = new PDPage(PDRectangle.A4);
        document.addPage(pdfPage);
        try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
          writePage(content, font, title, page, pages);
        }
      }
      document.getDocumentInformation().setTitle(title);
      document.save(file.toFile());
    }
  }

  private static PDFont loadFont(PDDocument document) throws IOException {
    try (InputStream in = PDDocument.class.getResourceAsStream(FONT_RESOURCE)) {
      if (in == null) {
        throw new IOException("Font " + FONT_RESOURCE + " is missing from the PDFBox jar");
      }
      return PDType0Font.load(document, in);
    }
  }

  private static void writePage(
      PDPageContentStream content, PDFont font, String title, int page, int pages)
      throws IOException {
    float top = PDRectangle.A4.getHeight() - MARGIN;
    content.beginText();
    content.setFont(font, 14);
    content.newLineAtOffset(MARGIN, top);
    content.showText(title);
    content.setFont(font, 11);
    content.setLeading(LEADING);
    content.newLine();
    content.newLine();
    for (String line : bodyLines(page)) {
      content.showText(line);
      content.newLine();
    }
    content.endText();

    content.beginText();
    content.setFont(font, 9);
    content.newLineAtOffset(MARGIN, MARGIN / 2);
    content.showText("Страница " + page + " из " + pages + " · демонстрационный документ EZP SDK");
    content.endText();
  }

  private static List<String> bodyLines(int page) {
    if (page == 1) {
      return List.of(
          "Арбитражный суд города Москвы (демонстрация)",
          "115225, г. Москва, ул. Большая Тульская, д. 17",
          "",
          "Кому: Иванову Ивану Ивановичу",
          "101000, г. Москва, ул. Мясницкая, д. 26, кв. 1",
          "",
          "Настоящим уведомляем Вас о принятом решении по делу № А40-12345/2026.",
          "Текст решения приведён на следующих страницах.",
          "",
          "Этот документ создан командой «ezp demo» и не имеет юридической силы.");
    }
    return List.of(
        "Раздел " + page + ". Обстоятельства дела",
        "",
        "Суд, рассмотрев материалы дела, установил следующее. Съешь же ещё этих мягких",
        "французских булок, да выпей чаю. Буквы ё, й, ъ, ы, э, щ должны читаться верно.",
        "",
        "Руководствуясь статьями 167–170 АПК РФ, суд решил: требования удовлетворить.");
  }
}
