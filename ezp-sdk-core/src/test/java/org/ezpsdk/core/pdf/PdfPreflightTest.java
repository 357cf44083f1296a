package org.ezpsdk.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ezpsdk.core.pdf.TestPdfs.A4;
import static org.ezpsdk.core.pdf.TestPdfs.A4_LANDSCAPE;
import static org.ezpsdk.core.pdf.TestPdfs.A5;
import static org.ezpsdk.core.pdf.TestPdfs.US_LETTER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.ezpsdk.core.error.PreflightException;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PdfPreflightTest {

  @TempDir Path dir;

  private final PdfPreflight preflight = new PdfPreflight();

  @Test
  void acceptsA4PortraitWithText() throws IOException {
    Path pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 3);

    PreflightReport report = preflight.check(pdf);

    assertThat(report.fileName()).isEqualTo("letter.pdf");
    assertThat(report.sizeBytes()).isEqualTo(Files.size(pdf));
    assertThat(report.pageCount()).isEqualTo(3);
    assertThat(report.encryptedWithOwnerPassword()).isFalse();
  }

  @Test
  void rejectsUsLetterPage() throws IOException {
    Path pdf = TestPdfs.usLetter(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.field()).isEqualTo("letter-size.pdf page 1");
    assertThat(violation.rejectedValue()).isEqualTo("612.0x792.0");
    assertThat(violation.message()).contains("(215.9 x 279.4 mm)");
  }

  @Test
  void formatsPageViolationOnOneLine() throws IOException {
    Path pdf = TestPdfs.usLetter(dir);

    assertThat(onlyViolation(pdf).toString())
        .isEqualTo(
            "letter-size.pdf page 1: page is 612.0 x 792.0 pt (215.9 x 279.4 mm), expected A4"
                + " portrait 595.28 x 841.89 pt within ±3 pt; export or print the document to A4"
                + " portrait [rule INCORRECT_LETTER_PAGE_FORMAT, value '612.0x792.0']");
  }

  @Test
  void rejectsA4PageRotatedToLandscape() throws IOException {
    Path pdf = TestPdfs.a4Rotated90(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.field()).isEqualTo("a4-rotated.pdf page 1");
    assertThat(violation.rejectedValue()).isEqualTo("841.89x595.28");
    assertThat(violation.message()).contains("as displayed with /Rotate 90");
  }

  @Test
  void rejectsLandscapePage() throws IOException {
    Path pdf = TestPdfs.withPages(dir, "landscape.pdf", A4_LANDSCAPE);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.field()).isEqualTo("landscape.pdf page 1");
  }

  @Test
  void acceptsLandscapeMediaBoxRotatedToPortrait() throws IOException {
    Path pdf = TestPdfs.landscapeRotated90(dir);

    assertThat(preflight.findViolations(pdf)).isEmpty();
  }

  @Test
  void normalisesNegativeRotate() throws IOException {
    Path pdf = TestPdfs.a4WithRotate(dir, -90);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.message()).contains("/Rotate 270");
  }

  @Test
  void acceptsUpsideDownA4() throws IOException {
    Path pdf = TestPdfs.a4WithRotate(dir, 180);

    assertThat(preflight.findViolations(pdf)).isEmpty();
  }

  @Test
  void rejectsRotateNotMultipleOf90() throws IOException {
    Path pdf = TestPdfs.a4WithRotate(dir, 45);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_INVALID_PAGE_ROTATION);
    assertThat(violation.field()).isEqualTo("a4-rotate-45.pdf page 1");
    assertThat(violation.rejectedValue()).isEqualTo("45");
  }

  @Test
  void rejectsA5CropBoxInsideA4MediaBox() throws IOException {
    Path pdf = TestPdfs.a5CropBoxInA4(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.field()).isEqualTo("a5-crop.pdf page 1");
    assertThat(violation.rejectedValue()).isEqualTo("419.53x595.28");
  }

  @Test
  void rejectsCropBoxOutsideMediaBox() throws IOException {
    Path pdf = TestPdfs.cropBoxOutsideMediaBox(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.field()).isEqualTo("crop-outside.pdf page 1");
    assertThat(violation.message()).contains("empty visible area");
  }

  @Test
  void acceptsMediaBoxInheritedFromPagesNode() throws IOException {
    Path pdf = TestPdfs.inheritedBoxes(dir, "inherited.pdf", 2, A4, null, 0);

    assertThat(preflight.check(pdf).pageCount()).isEqualTo(2);
  }

  @Test
  void acceptsInheritedLandscapeMediaBoxWithInheritedRotate() throws IOException {
    Path pdf = TestPdfs.inheritedBoxes(dir, "inherited-rotate.pdf", 2, A4_LANDSCAPE, null, 90);

    assertThat(preflight.findViolations(pdf)).isEmpty();
  }

  @Test
  void rejectsInheritedLandscapeMediaBox() throws IOException {
    Path pdf = TestPdfs.inheritedBoxes(dir, "inherited-landscape.pdf", 2, A4_LANDSCAPE, null, 0);

    List<Violation> violations = preflight.findViolations(pdf);

    assertThat(violations)
        .extracting(Violation::field)
        .containsExactly("inherited-landscape.pdf page 1", "inherited-landscape.pdf page 2");
    assertThat(violations)
        .extracting(Violation::rule)
        .containsOnly(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
  }

  @Test
  void rejectsInheritedA5CropBox() throws IOException {
    Path pdf = TestPdfs.inheritedBoxes(dir, "inherited-crop.pdf", 2, A4, A5, 0);

    List<Violation> violations = preflight.findViolations(pdf);

    assertThat(violations)
        .extracting(Violation::field)
        .containsExactly("inherited-crop.pdf page 1", "inherited-crop.pdf page 2");
    assertThat(violations).extracting(Violation::rejectedValue).containsOnly("419.53x595.28");
  }

  @Test
  void rejectsPageWithoutMediaBox() throws IOException {
    Path pdf = TestPdfs.noMediaBox(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.field()).isEqualTo("no-media-box.pdf page 1");
    assertThat(violation.message()).contains("no MediaBox");
  }

  @Test
  void scalesPageSizeByUserUnit() throws IOException {
    Path pdf = TestPdfs.a4WithUserUnit(dir, new PDRectangle(297.64f, 420.945f), 2f);

    assertThat(preflight.findViolations(pdf)).isEmpty();
  }

  @ParameterizedTest(name = "{0} x {1} pt")
  @CsvSource({"598.18, 841.89", "595.28, 844.79", "592.38, 838.99", "598.28, 844.89"})
  void acceptsSizeWithinTolerance(float width, float height) throws IOException {
    Path pdf = TestPdfs.withPages(dir, "near-a4.pdf", new PDRectangle(width, height));

    assertThat(preflight.findViolations(pdf)).isEmpty();
  }

  @ParameterizedTest(name = "{0} x {1} pt")
  @CsvSource({"598.38, 841.89", "595.28, 844.99", "592.18, 841.89", "595.28, 838.79"})
  void rejectsSizeBeyondTolerance(float width, float height) throws IOException {
    Path pdf = TestPdfs.withPages(dir, "off-a4.pdf", new PDRectangle(width, height));

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violation.field()).isEqualTo("off-a4.pdf page 1");
  }

  @Test
  void appliesConfiguredTolerance() throws IOException {
    Path pdf = TestPdfs.withPages(dir, "near-a4.pdf", new PDRectangle(600.28f, 841.89f));
    PdfPreflight wider = new PdfPreflight(PreflightPolicy.builder().pageSizeTolerancePt(5).build());

    assertThat(wider.findViolations(pdf)).isEmpty();
    assertThat(onlyViolation(pdf).message()).contains("within ±3 pt");
  }

  @Test
  void rejectsUserPasswordPdf() throws IOException {
    Path pdf = TestPdfs.userPasswordEncrypted(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_PASSWORD_PROTECTED);
    assertThat(violation.field()).isEqualTo("user-password.pdf");
    assertThat(violation.toString()).doesNotContain("secret");
  }

  @Test
  void rejectsOwnerPasswordPdfByDefault() throws IOException {
    Path pdf = TestPdfs.ownerPasswordOnly(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_ENCRYPTED);
    assertThat(violation.field()).isEqualTo("owner-password.pdf");
    assertThat(violation.message()).contains("save the PDF without encryption");
    assertThat(violation.rejectedValue()).isEqualTo("owner password, printing forbidden");
  }

  @Test
  void acceptsOwnerPasswordPdfWhenPolicyAccepts() throws IOException {
    Path pdf = TestPdfs.ownerPasswordOnly(dir);
    PreflightPolicy policy =
        PreflightPolicy.builder().ownerPasswordPolicy(OwnerPasswordPolicy.ACCEPT).build();

    PreflightReport report = new PdfPreflight(policy).check(pdf);

    assertThat(report.encryptedWithOwnerPassword()).isTrue();
    assertThat(report.pageCount()).isEqualTo(1);
  }

  @Test
  void acceptPolicyStillRejectsUserPassword() throws IOException {
    Path pdf = TestPdfs.userPasswordEncrypted(dir);
    PreflightPolicy policy =
        PreflightPolicy.builder().ownerPasswordPolicy(OwnerPasswordPolicy.ACCEPT).build();

    List<Violation> violations = new PdfPreflight(policy).findViolations(pdf);

    assertThat(violations)
        .extracting(Violation::rule)
        .containsExactly(PreflightRules.PDF_PASSWORD_PROTECTED);
  }

  @Test
  void rejectsUnknownSecurityHandler() throws IOException {
    Path pdf = TestPdfs.unknownSecurityHandler(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_ENCRYPTED);
    assertThat(violation.field()).isEqualTo("unknown-handler.pdf");
    assertThat(violation.rejectedValue()).contains("FooCrypt");
  }

  @Test
  void rejectsTruncatedFile() throws IOException {
    Path pdf = TestPdfs.truncated(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_TRUNCATED);
    assertThat(violation.field()).isEqualTo("truncated.pdf");
  }

  @Test
  void rejectsTextFileNamedPdf() throws IOException {
    Path pdf = TestPdfs.notAPdf(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_NOT_PDF);
    assertThat(violation.field()).isEqualTo("notes.pdf");
  }

  @Test
  void rejectsEmptyFile() throws IOException {
    Path pdf = Files.createFile(dir.resolve("zero-bytes.pdf"));

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_NOT_PDF);
    assertThat(violation.message()).contains("file is empty");
  }

  @Test
  void rejectsDamagedXref() throws IOException {
    Path pdf = TestPdfs.damagedXref(dir, A4, A4);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_DAMAGED);
    assertThat(violation.field()).isEqualTo("damaged-xref.pdf");
  }

  @Test
  void checksPagesOfDamagedFileThatRepairs() throws IOException {
    Path pdf = TestPdfs.damagedXref(dir, A4, US_LETTER);

    List<Violation> violations = preflight.findViolations(pdf);

    assertThat(violations)
        .extracting(Violation::rule)
        .containsExactly(PreflightRules.PDF_DAMAGED, PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violations.get(1).field()).isEqualTo("damaged-xref.pdf page 2");
  }

  @Test
  void rejectsPdfWithoutPages() throws IOException {
    Path pdf = TestPdfs.zeroPages(dir);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_NO_PAGES);
    assertThat(violation.field()).isEqualTo("empty.pdf");
  }

  @Test
  void acceptsFifteenPages() throws IOException {
    Path pdf = TestPdfs.a4Portrait(dir, "fifteen.pdf", 15);

    assertThat(preflight.check(pdf).pageCount()).isEqualTo(15);
  }

  @Test
  void rejectsSixteenPages() throws IOException {
    Path pdf = TestPdfs.a4Portrait(dir, "sixteen.pdf", 16);

    Violation violation = onlyViolation(pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_TOO_MANY_PAGES);
    assertThat(violation.field()).isEqualTo("sixteen.pdf");
    assertThat(violation.rejectedValue()).isEqualTo("16");
  }

  @Test
  void appliesConfiguredMaxPages() throws IOException {
    Path pdf = TestPdfs.a4Portrait(dir, "six.pdf", 6);
    PdfPreflight fivePages = new PdfPreflight(PreflightPolicy.builder().maxPages(5).build());

    List<Violation> violations = fivePages.findViolations(pdf);

    assertThat(violations)
        .extracting(Violation::rule)
        .containsExactly(PreflightRules.PDF_TOO_MANY_PAGES);
    assertThat(violations.get(0).message()).contains("the maximum is 5");
  }

  @Test
  void rejectsFileLargerThanMax() throws IOException {
    Path pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 1);
    long size = Files.size(pdf);
    PreflightPolicy policy = PreflightPolicy.builder().maxFileSizeBytes(size - 1).build();

    Violation violation = onlyViolation(new PdfPreflight(policy), pdf);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_TOO_LARGE);
    assertThat(violation.field()).isEqualTo("letter.pdf");
    assertThat(violation.rejectedValue()).isEqualTo(Long.toString(size));
  }

  @Test
  void acceptsFileOfExactlyMaxSize() throws IOException {
    Path pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 1);
    PreflightPolicy policy = PreflightPolicy.builder().maxFileSizeBytes(Files.size(pdf)).build();

    assertThat(new PdfPreflight(policy).findViolations(pdf)).isEmpty();
  }

  @Test
  void rejectsMissingFile() {
    Path missing = dir.resolve("missing.pdf");

    Violation violation = onlyViolation(missing);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_FILE_NOT_FOUND);
    assertThat(violation.field()).isEqualTo("missing.pdf");
  }

  @Test
  void rejectsDirectory() {
    Violation violation = onlyViolation(dir);

    assertThat(violation.rule()).isEqualTo(PreflightRules.PDF_FILE_NOT_FOUND);
    assertThat(violation.message()).contains("is a directory");
  }

  @Test
  void reportsAllViolationsTogether() throws IOException {
    PDRectangle[] pages = new PDRectangle[17];
    Arrays.fill(pages, A4);
    pages[1] = US_LETTER;
    pages[4] = A4_LANDSCAPE;
    Path pdf = TestPdfs.withPages(dir, "mixed.pdf", pages);
    PreflightPolicy policy = PreflightPolicy.builder().maxFileSizeBytes(1024).build();

    List<Violation> violations = new PdfPreflight(policy).findViolations(pdf);

    assertThat(violations)
        .extracting(Violation::rule)
        .containsExactly(
            PreflightRules.PDF_TOO_LARGE,
            PreflightRules.PDF_TOO_MANY_PAGES,
            PreflightRules.INCORRECT_LETTER_PAGE_FORMAT,
            PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(violations.get(2).field()).isEqualTo("mixed.pdf page 2");
    assertThat(violations.get(3).field()).isEqualTo("mixed.pdf page 5");
  }

  @Test
  void checkThrowsWithEveryViolation() throws IOException {
    PDRectangle[] pages = new PDRectangle[17];
    Arrays.fill(pages, A4);
    pages[1] = US_LETTER;
    pages[4] = A4_LANDSCAPE;
    Path pdf = TestPdfs.withPages(dir, "mixed.pdf", pages);
    List<Violation> expected = preflight.findViolations(pdf);

    assertThatThrownBy(() -> preflight.check(pdf))
        .isInstanceOfSatisfying(
            PreflightException.class, e -> assertThat(e.violations()).isEqualTo(expected))
        .hasMessageStartingWith("PDF attachment 'mixed.pdf' is invalid (3 problems)")
        .hasMessageContaining("mixed.pdf page 5: page is 841.89 x 595.28 pt");
  }

  @Test
  void summarisesPagesBeyondTheFirstTen() throws IOException {
    PDRectangle[] pages = Collections.nCopies(500, A4_LANDSCAPE).toArray(new PDRectangle[0]);
    Path pdf = TestPdfs.withPages(dir, "landscape-500.pdf", pages);

    List<Violation> violations = preflight.findViolations(pdf);

    assertThat(violations).hasSize(12);
    assertThat(violations.get(0).rule()).isEqualTo(PreflightRules.PDF_TOO_MANY_PAGES);
    assertThat(violations.get(10).field()).isEqualTo("landscape-500.pdf page 10");
    Violation summary = violations.get(11);
    assertThat(summary.field()).isEqualTo("landscape-500.pdf");
    assertThat(summary.rule()).isEqualTo(PreflightRules.INCORRECT_LETTER_PAGE_FORMAT);
    assertThat(summary.rejectedValue()).isEqualTo("490 pages");
    assertThat(summary.message()).contains("from page 11 to page 500");
  }

  private Violation onlyViolation(Path pdf) {
    return onlyViolation(preflight, pdf);
  }

  private static Violation onlyViolation(PdfPreflight preflight, Path pdf) {
    List<Violation> violations = preflight.findViolations(pdf);
    assertThat(violations).hasSize(1);
    return violations.get(0);
  }
}
