package org.ezpsdk.core.pdf;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.pdf.PreflightPdfParser.UnsupportedEncryptionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One preflight of one file: collects every violation and the facts for the report. Not
 * thread-safe; {@link PdfPreflight} makes a new run per call.
 */
final class PreflightRun {
  private static final Logger LOG = LoggerFactory.getLogger(PreflightRun.class);

  /** Pages with problems listed one by one; the rest are summed up in one violation per rule. */
  static final int MAX_LISTED_PAGES = 10;

  /**
   * Readers such as Acrobat accept the {@code %PDF-} header within the first 1024 bytes and the
   * {@code %%EOF} marker within the last 1024 bytes, so the markers are searched there.
   */
  private static final int MARKER_WINDOW_BYTES = 1024;

  private final Path file;
  private final PreflightPolicy policy;
  private final String fileName;
  private final List<Violation> violations = new ArrayList<>();
  private long sizeBytes;
  private int pageCount;
  private boolean encryptedWithOwnerPassword;

  PreflightRun(Path file, PreflightPolicy policy) {
    this.file = file;
    this.policy = policy;
    Path name = file.getFileName();
    this.fileName = name == null ? file.toString() : name.toString();
  }

  /** Runs every check that the file's state allows; later checks need a file that parses. */
  PreflightRun run() {
    if (!checkFileReadable()) {
      return this;
    }
    checkSize();
    if (!checkMarkers()) {
      return this;
    }
    PDDocument document = open();
    if (document == null) {
      return this;
    }
    try (document) {
      checkEncryption(document);
      checkPages(document);
    } catch (IOException e) {
      // Only closing can throw here, after every check has run.
      LOG.warn("Failed to close PDF '{}' after its preflight", fileName, e);
    }
    return this;
  }

  String fileName() {
    return fileName;
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }

  PreflightReport report() {
    return new PreflightReport(fileName, sizeBytes, pageCount, encryptedWithOwnerPassword);
  }

  private boolean checkFileReadable() {
    if (!Files.isRegularFile(file)) {
      String problem = Files.isDirectory(file) ? "is a directory" : "was not found";
      violations.add(
          new Violation(
              fileName,
              PreflightRules.PDF_FILE_NOT_FOUND,
              file.toString(),
              "file " + problem + " at " + file + "; pass the path of the PDF attachment"));
      return false;
    }
    try {
      sizeBytes = Files.size(file);
      return true;
    } catch (IOException e) {
      violations.add(notReadable(e));
      return false;
    }
  }

  private void checkSize() {
    long maxBytes = policy.maxFileSizeBytes();
    if (sizeBytes <= maxBytes) {
      return;
    }
    violations.add(
        new Violation(
            fileName,
            PreflightRules.PDF_TOO_LARGE,
            Long.toString(sizeBytes),
            "file is "
                + formatMebibytes(sizeBytes)
                + " ("
                + sizeBytes
                + " bytes), the maximum is "
                + formatMebibytes(maxBytes)
                + " ("
                + maxBytes
                + " bytes); lower the resolution of its images or split the document into"
                + " several letters"));
  }

  /** Checks the header and end markers; returns false when the file cannot be parsed at all. */
  private boolean checkMarkers() {
    if (sizeBytes == 0) {
      violations.add(
          new Violation(
              fileName,
              PreflightRules.PDF_NOT_PDF,
              "0 bytes",
              "file is empty; attach the document saved or exported as PDF"));
      return false;
    }
    byte[] head;
    byte[] tail;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      int window = (int) Math.min(MARKER_WINDOW_BYTES, sizeBytes);
      head = read(channel, 0, window);
      tail = read(channel, sizeBytes - window, window);
    } catch (IOException e) {
      violations.add(notReadable(e));
      return false;
    }
    if (!contains(head, "%PDF-")) {
      violations.add(notPdf(head));
      return false;
    }
    if (!contains(tail, "%%EOF")) {
      violations.add(
          new Violation(
              fileName,
              PreflightRules.PDF_TRUNCATED,
              sizeBytes + " bytes",
              "file has no %%EOF marker at its end, so it is probably truncated by an interrupted"
                  + " download or copy; get the complete file again"));
      return false;
    }
    return true;
  }

  /**
   * Opens the file strictly, so that a damaged cross-reference table, trailer or object is a
   * violation. When the strict parse fails, a lenient parse (the one PDF readers do, with repairs)
   * still lets the other checks report their problems.
   */
  private PDDocument open() {
    try {
      return parse(false);
    } catch (InvalidPasswordException e) {
      violations.add(passwordProtected());
      return null;
    } catch (UnsupportedEncryptionException e) {
      LOG.debug("Decryption of PDF '{}' failed", fileName, e);
      violations.add(unsupportedEncryption(e));
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.debug("Strict parse of PDF '{}' failed", fileName, e);
      violations.add(damaged(e));
    }
    try {
      return parse(true);
    } catch (InvalidPasswordException e) {
      violations.add(passwordProtected());
    } catch (UnsupportedEncryptionException e) {
      violations.add(unsupportedEncryption(e));
    } catch (IOException | RuntimeException e) {
      LOG.debug("Lenient parse of PDF '{}' failed too", fileName, e);
    }
    return null;
  }

  /**
   * Parses the file from disk. PDFBox reads the file in parts through a buffer and keeps the
   * streams it creates in temporary files, so the heap does not need room for the whole file. A
   * test checks a 100 MiB file in a JVM with a 32 MiB heap.
   */
  private PDDocument parse(boolean lenient) throws IOException {
    RandomAccessRead source = new RandomAccessReadBufferedFile(file);
    try {
      return new PreflightPdfParser(source).parse(lenient);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeQuietly(source);
      throw e;
    }
  }

  private void checkEncryption(PDDocument document) {
    if (!document.isEncrypted()) {
      return;
    }
    encryptedWithOwnerPassword = true;
    if (policy.ownerPasswordPolicy() == OwnerPasswordPolicy.ACCEPT) {
      return;
    }
    boolean canPrint = document.getCurrentAccessPermission().canPrint();
    violations.add(
        new Violation(
            fileName,
            PreflightRules.PDF_ENCRYPTED,
            canPrint ? "owner password, printing allowed" : "owner password, printing forbidden",
            "file is encrypted with an owner password that restricts what may be done with it"
                + (canPrint ? "" : ", including printing")
                + "; save the PDF without encryption (no security in the PDF reader's settings)"));
  }

  private void checkPages(PDDocument document) {
    PageFormatCheck formatCheck = new PageFormatCheck(policy.pageSizeTolerancePt());
    List<Violation> pageViolations = new ArrayList<>();
    Map<String, OmittedPages> omitted = new LinkedHashMap<>();
    int pageNumber = 0;
    try {
      for (PDPage page : document.getPages()) {
        pageNumber++;
        Violation violation = formatCheck.check(page, fileName + " page " + pageNumber);
        if (violation == null) {
          continue;
        }
        if (pageViolations.size() < MAX_LISTED_PAGES) {
          pageViolations.add(violation);
        } else {
          omitted.computeIfAbsent(violation.rule(), rule -> new OmittedPages()).add(pageNumber);
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("Walking the page tree of PDF '{}' failed after page {}", fileName, pageNumber, e);
      violations.add(damaged(e));
    }
    pageCount = pageNumber;
    checkPageCount();
    violations.addAll(pageViolations);
    omitted.forEach((rule, pages) -> violations.add(pages.summary(fileName, rule)));
  }

  private void checkPageCount() {
    if (pageCount == 0) {
      violations.add(
          new Violation(
              fileName,
              PreflightRules.PDF_NO_PAGES,
              "0",
              "file has no pages; attach a document with at least one page"));
    } else if (pageCount > policy.maxPages()) {
      violations.add(
          new Violation(
              fileName,
              PreflightRules.PDF_TOO_MANY_PAGES,
              Integer.toString(pageCount),
              "file has "
                  + pageCount
                  + " pages, the maximum is "
                  + policy.maxPages()
                  + "; split the document into several letters"));
    }
  }

  private Violation notReadable(IOException e) {
    return new Violation(
        fileName,
        PreflightRules.PDF_FILE_NOT_READABLE,
        file.toString(),
        "file could not be read ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); check that the process may read it");
  }

  private Violation notPdf(byte[] head) {
    byte[] signature = Arrays.copyOf(head, Math.min(4, head.length));
    return new Violation(
        fileName,
        PreflightRules.PDF_NOT_PDF,
        "starts with 0x" + HexFormat.of().formatHex(signature),
        "file is not a PDF because its first "
            + MARKER_WINDOW_BYTES
            + " bytes have no %PDF- header; attach the document saved or exported as PDF");
  }

  private Violation damaged(Exception e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new Violation(
        fileName,
        PreflightRules.PDF_DAMAGED,
        abbreviate(detail),
        "file is a damaged PDF that readers can open only by repairing it, if at all; open it in"
            + " a PDF reader and save it again, or export it from the source document again");
  }

  private Violation passwordProtected() {
    return new Violation(
        fileName,
        PreflightRules.PDF_PASSWORD_PROTECTED,
        "user password",
        "file needs a password to open, so it can be neither printed nor read by the"
            + " addressee; save the PDF without a password and without encryption");
  }

  private Violation unsupportedEncryption(UnsupportedEncryptionException e) {
    return new Violation(
        fileName,
        PreflightRules.PDF_ENCRYPTED,
        abbreviate(e.getMessage() == null ? "unsupported encryption" : e.getMessage()),
        "file is encrypted so that it opens only with a certificate or a reader plug-in; save the"
            + " PDF without encryption");
  }

  private static byte[] read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static boolean contains(byte[] bytes, String marker) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(marker);
  }

  private static String formatMebibytes(long bytes) {
    return BigDecimal.valueOf(bytes)
            .divide(BigDecimal.valueOf(1024L * 1024), 1, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + " MiB";
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }

  /** Pages with problems of one rule beyond the first {@link #MAX_LISTED_PAGES}. */
  private static final class OmittedPages {
    private int count;
    private int firstPage;
    private int lastPage;

    void add(int pageNumber) {
      if (count == 0) {
        firstPage = pageNumber;
      }
      lastPage = pageNumber;
      count++;
    }

    Violation summary(String fileName, String rule) {
      String problem =
          PreflightRules.PDF_INVALID_PAGE_ROTATION.equals(rule)
              ? "have a /Rotate that is not a multiple of 90"
              : "are not A4 portrait";
      return new Violation(
          fileName,
          rule,
          count + " pages",
          count
              + " more pages from page "
              + firstPage
              + " to page "
              + lastPage
              + " "
              + problem
              + " (only the first "
              + MAX_LISTED_PAGES
              + " pages with problems are listed one by one); export or print the document to A4"
              + " portrait");
    }
  }
}
