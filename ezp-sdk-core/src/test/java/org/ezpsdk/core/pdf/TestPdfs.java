package org.ezpsdk.core.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Writes the PDFs that the preflight tests check, each with PDFBox into a given directory. */
public final class TestPdfs {

  public static final PDRectangle A4 = new PDRectangle(595.28f, 841.89f);
  public static final PDRectangle A4_LANDSCAPE = new PDRectangle(841.89f, 595.28f);
  public static final PDRectangle A5 = new PDRectangle(419.53f, 595.28f);
  public static final PDRectangle US_LETTER = new PDRectangle(612f, 792f);

  private TestPdfs() {}

  /** Writes an A4 portrait PDF whose pages each carry a line of text. */
  public static Path a4Portrait(Path dir, String name, int pageCount) throws IOException {
    PDRectangle[] sizes = new PDRectangle[pageCount];
    Arrays.fill(sizes, A4);
    return withPages(dir, name, sizes);
  }

  /** Writes one text page per given MediaBox, without a CropBox or /Rotate. */
  public static Path withPages(Path dir, String name, PDRectangle... mediaBoxes)
      throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (PDRectangle mediaBox : mediaBoxes) {
        addTextPage(document, mediaBox);
      }
      return save(document, dir.resolve(name));
    }
  }

  public static Path usLetter(Path dir) throws IOException {
    return withPages(dir, "letter-size.pdf", US_LETTER);
  }

  /** Writes an A4 portrait MediaBox turned by /Rotate 90, which displays as landscape. */
  public static Path a4Rotated90(Path dir) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4).setRotation(90);
      return save(document, dir.resolve("a4-rotated.pdf"));
    }
  }

  /** Writes an A4 landscape MediaBox turned by /Rotate 90, which displays as A4 portrait. */
  public static Path landscapeRotated90(Path dir) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4_LANDSCAPE).setRotation(90);
      return save(document, dir.resolve("landscape-rotated.pdf"));
    }
  }

  /** Writes an A4 page given a /Rotate value, which may be invalid, such as 45. */
  public static Path a4WithRotate(Path dir, int rotate) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4).getCOSObject().setInt(COSName.ROTATE, rotate);
      return save(document, dir.resolve("a4-rotate-" + rotate + ".pdf"));
    }
  }

  /** Writes an A4 MediaBox whose CropBox shows only an A5 part of it. */
  public static Path a5CropBoxInA4(Path dir) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4).setCropBox(A5);
      return save(document, dir.resolve("a5-crop.pdf"));
    }
  }

  /** Writes a page whose CropBox lies wholly outside its A4 MediaBox. */
  public static Path cropBoxOutsideMediaBox(Path dir) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4).setCropBox(new PDRectangle(700, 900, 100, 100));
      return save(document, dir.resolve("crop-outside.pdf"));
    }
  }

  /**
   * Writes pages that carry no MediaBox, CropBox or /Rotate of their own, so they inherit these
   * from the root Pages node.
   */
  public static Path inheritedBoxes(
      Path dir, String name, int pageCount, PDRectangle mediaBox, PDRectangle cropBox, int rotate)
      throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (int i = 0; i < pageCount; i++) {
        PDPage page = addTextPage(document, mediaBox);
        page.getCOSObject().removeItem(COSName.MEDIA_BOX);
      }
      var pagesNode = document.getPages().getCOSObject();
      pagesNode.setItem(COSName.MEDIA_BOX, mediaBox.getCOSArray());
      if (cropBox != null) {
        pagesNode.setItem(COSName.CROP_BOX, cropBox.getCOSArray());
      }
      if (rotate != 0) {
        pagesNode.setInt(COSName.ROTATE, rotate);
      }
      return save(document, dir.resolve(name));
    }
  }

  /** Writes a page with no MediaBox anywhere in its page tree. */
  public static Path noMediaBox(Path dir) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4).getCOSObject().removeItem(COSName.MEDIA_BOX);
      return save(document, dir.resolve("no-media-box.pdf"));
    }
  }

  /** Writes an A4 page whose /UserUnit scales the default user space unit. */
  public static Path a4WithUserUnit(Path dir, PDRectangle mediaBox, float userUnit)
      throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, mediaBox).setUserUnit(userUnit);
      return save(document, dir.resolve("user-unit.pdf"));
    }
  }

  /** Writes an A4 PDF that opens only with the user password {@code user-secret}. */
  public static Path userPasswordEncrypted(Path dir) throws IOException {
    return encrypted(dir, "user-password.pdf", "user-secret", new AccessPermission());
  }

  /** Writes an A4 PDF that opens without a password but forbids printing and copying. */
  public static Path ownerPasswordOnly(Path dir) throws IOException {
    AccessPermission permissions = new AccessPermission();
    permissions.setCanPrint(false);
    permissions.setCanExtractContent(false);
    return encrypted(dir, "owner-password.pdf", "", permissions);
  }

  private static Path encrypted(
      Path dir, String name, String userPassword, AccessPermission permissions) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4);
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", userPassword, permissions);
      policy.setEncryptionKeyLength(256);
      document.protect(policy);
      return save(document, dir.resolve(name));
    }
  }

  /**
   * Writes an owner-password PDF and renames its security handler from /Standard to /FooCrypt, a
   * handler that no reader has.
   */
  public static Path unknownSecurityHandler(Path dir) throws IOException {
    Path path = dir.resolve("unknown-handler.pdf");
    try (PDDocument document = new PDDocument()) {
      addTextPage(document, A4);
      document.protect(new StandardProtectionPolicy("owner-secret", "", new AccessPermission()));
      document.save(path.toFile(), CompressParameters.NO_COMPRESSION);
    }
    String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
    if (!text.contains("/Filter /Standard")) {
      throw new IllegalStateException("PDFBox wrote no /Filter /Standard to replace");
    }
    String renamed = text.replace("/Filter /Standard", "/Filter /FooCrypt");
    return Files.write(path, renamed.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Writes a valid 3-page A4 PDF and cuts off its second half. */
  public static Path truncated(Path dir) throws IOException {
    Path whole = a4Portrait(dir, "whole.pdf", 3);
    byte[] bytes = Files.readAllBytes(whole);
    return Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(bytes, bytes.length / 2));
  }

  /** Writes a plain text file with a .pdf name. */
  public static Path notAPdf(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("notes.pdf"), "Dear sender,\nthis is plain text, not a PDF.\n");
  }

  /** Writes a PDF whose page tree has no pages. */
  public static Path zeroPages(Path dir) throws IOException {
    try (PDDocument document = new PDDocument()) {
      return save(document, dir.resolve("empty.pdf"));
    }
  }

  /**
   * Writes one text page per given MediaBox with a classic cross-reference table and then points
   * its {@code startxref} at an offset inside the first object, where no table is.
   */
  public static Path damagedXref(Path dir, PDRectangle... mediaBoxes) throws IOException {
    Path path = dir.resolve("damaged-xref.pdf");
    try (PDDocument document = new PDDocument()) {
      for (PDRectangle mediaBox : mediaBoxes) {
        addTextPage(document, mediaBox);
      }
      document.save(path.toFile(), CompressParameters.NO_COMPRESSION);
    }
    String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
    int keyword = text.lastIndexOf("startxref");
    int end = text.indexOf("%%EOF", keyword);
    String wrongOffset = "startxref\n20\n";
    String damaged = text.substring(0, keyword) + wrongOffset + text.substring(end);
    return Files.write(path, damaged.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes a one-page A4 PDF padded with an unused stream, so that the file is at least {@code
   * minBytes} long. The stream is written through temporary files, not held in the heap.
   */
  public static Path largeA4(Path dir, long minBytes) throws IOException {
    try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
      PDPage page = addTextPage(document, A4);
      PDStream padding = new PDStream(document);
      byte[] line = "% padding that no reader draws.\n".getBytes(StandardCharsets.US_ASCII);
      try (OutputStream out = padding.createOutputStream()) {
        for (long written = 0; written < minBytes; written += line.length) {
          out.write(line);
        }
      }
      page.getCOSObject().setItem(COSName.getPDFName("EzpPadding"), padding);
      return save(document, dir.resolve("large.pdf"));
    }
  }

  private static PDPage addTextPage(PDDocument document, PDRectangle mediaBox) throws IOException {
    PDPage page = new PDPage(mediaBox);
    document.addPage(page);
    int pageNumber = document.getNumberOfPages();
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.beginText();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
      content.newLineAtOffset(72, mediaBox.getHeight() - 72);
      content.showText("Test letter, page " + pageNumber);
      content.endText();
    }
    return page;
  }

  private static Path save(PDDocument document, Path path) throws IOException {
    document.save(path.toFile());
    return path;
  }
}
