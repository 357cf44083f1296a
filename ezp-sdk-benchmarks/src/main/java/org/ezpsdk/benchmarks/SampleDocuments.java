package org.ezpsdk.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The PDFs that the benchmarks sign, verify and send, written with PDFBox: a one-page A4 letter and
 * a one-page A4 letter padded to at least 50 MiB, or to a given size for {@link LargeLetterRun}.
 */
final class SampleDocuments {
  /** {@code @Param} value of the one-page A4 PDF: 864 bytes as PDFBox 3.0.8 writes it. */
  static final String ONE_PAGE = "1-page";

  /** {@code @Param} value of the PDF of at least 50 MiB (52,428,800 bytes). */
  static final String FIFTY_MB = "50MB";

  static final long LARGE_MIN_BYTES = 50L * 1024 * 1024;

  private static final int CHUNK_SIZE = 64 * 1024;

  /** Fixed, so that every run signs the same bytes. */
  private static final long RANDOM_SEED = 20261204L;

  private SampleDocuments() {}

  /**
   * Writes the document named by a {@code @Param} value into {@code dir} and returns its path.
   *
   * @throws IllegalArgumentException when the name is neither {@link #ONE_PAGE} nor {@link
   *     #FIFTY_MB}
   */
  static Path write(String document, Path dir) throws IOException {
    return switch (document) {
      case ONE_PAGE -> writeOnePage(dir.resolve("one-page.pdf"));
      case FIFTY_MB -> writeLarge(dir.resolve("fifty-mb.pdf"), LARGE_MIN_BYTES);
      default ->
          throw new IllegalArgumentException(
              "Unknown document '" + document + "': use " + ONE_PAGE + " or " + FIFTY_MB);
    };
  }

  static Path writeOnePage(Path path) throws IOException {
    try (PDDocument pdf = new PDDocument()) {
      addTextPage(pdf);
      pdf.save(path.toFile());
    }
    return path;
  }

  /**
   * Writes a valid one-page PDF whose page carries an unused, unfiltered stream of random bytes.
   * Signing and verification never parse the PDF: they hash its bytes with Streebog, so only the
   * size matters for the timing. PDFBox buffers the stream in temporary files, not in the heap.
   */
  static Path writeLarge(Path path, long minBytes) throws IOException {
    try (PDDocument pdf = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
      PDPage page = addTextPage(pdf);
      PDStream padding = new PDStream(pdf);
      writeRandomBytes(padding, minBytes);
      page.getCOSObject().setItem(COSName.getPDFName("EzpPadding"), padding);
      pdf.save(path.toFile());
    }
    long size = Files.size(path);
    if (size < minBytes) {
      throw new IllegalStateException(
          "PDFBox wrote " + size + " bytes to '" + path + "', expected at least " + minBytes);
    }
    return path;
  }

  private static void writeRandomBytes(PDStream stream, long count) throws IOException {
    SplittableRandom random = new SplittableRandom(RANDOM_SEED);
    byte[] chunk = new byte[CHUNK_SIZE];
    try (OutputStream out = stream.createOutputStream()) {
      for (long written = 0; written < count; written += chunk.length) {
        fill(chunk, random);
        out.write(chunk);
      }
    }
  }

  private static void fill(byte[] bytes, SplittableRandom random) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
  }

  private static PDPage addTextPage(PDDocument pdf) throws IOException {
    PDPage page = new PDPage(PDRectangle.A4);
    pdf.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
      content.beginText();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
      content.newLineAtOffset(72, PDRectangle.A4.getHeight() - 72);
      content.showText("Benchmark letter: one A4 page of text.");
      content.endText();
    }
    return page;
  }

  /**
   * Deletes the files in {@code dir} and then {@code dir}. It does not descend into subdirectories.
   */
  static void deleteDirectory(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }
}
