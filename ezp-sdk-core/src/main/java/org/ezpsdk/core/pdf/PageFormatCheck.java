package org.ezpsdk.core.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.ezpsdk.core.error.Violation;

/**
 * Judges whether one page displays as A4 portrait. The visible box is the CropBox clipped to the
 * MediaBox, both possibly inherited from the page tree, scaled by /UserUnit and turned by /Rotate.
 * Sizes are compared in hundredths of a point, so a limit such as ±3 pt is exact.
 */
final class PageFormatCheck {

  /** A4 is 210 × 297 mm, which is 595.28 × 841.89 pt at 72 pt per inch, rounded to 0.01 pt. */
  static final long A4_WIDTH_CENTIPOINTS = 59528;

  static final long A4_HEIGHT_CENTIPOINTS = 84189;

  private static final String FIX_FORMAT = "export or print the document to A4 portrait";

  private final long toleranceCentipoints;
  private final String expected;

  PageFormatCheck(double tolerancePt) {
    this.toleranceCentipoints = Math.round(tolerancePt * 100);
    this.expected =
        "expected A4 portrait "
            + formatPoints(A4_WIDTH_CENTIPOINTS)
            + " x "
            + formatPoints(A4_HEIGHT_CENTIPOINTS)
            + " pt within ±"
            + BigDecimal.valueOf(toleranceCentipoints, 2).stripTrailingZeros().toPlainString()
            + " pt";
  }

  /** Returns the page's violation, or {@code null} when the page displays as A4 portrait. */
  Violation check(PDPage page, String field) {
    COSDictionary dictionary = page.getCOSObject();
    COSBase rotateValue = PDPageTree.getInheritableAttribute(dictionary, COSName.ROTATE);
    Integer rotation = rotationDegrees(rotateValue);
    if (rotation == null) {
      String value = describe(rotateValue);
      return new Violation(
          field,
          PreflightRules.PDF_INVALID_PAGE_ROTATION,
          value,
          "page has /Rotate "
              + value
              + ", which is not a multiple of 90, so its orientation is"
              + " undefined; "
              + FIX_FORMAT);
    }
    if (!(PDPageTree.getInheritableAttribute(dictionary, COSName.MEDIA_BOX) instanceof COSArray)) {
      return new Violation(
          field,
          PreflightRules.INCORRECT_LETTER_PAGE_FORMAT,
          null,
          "page has no MediaBox, so its size is undefined; " + FIX_FORMAT);
    }
    return checkSize(page, rotation, field);
  }

  private Violation checkSize(PDPage page, int rotation, String field) {
    // PDPage.getCropBox() falls back to the MediaBox and clips a CropBox to it (PDFBox 3.0.8).
    PDRectangle visible = page.getCropBox();
    float userUnit = page.getUserUnit();
    long width = Math.round((double) visible.getWidth() * userUnit * 100);
    long height = Math.round((double) visible.getHeight() * userUnit * 100);
    if (width <= 0 || height <= 0) {
      return new Violation(
          field,
          PreflightRules.INCORRECT_LETTER_PAGE_FORMAT,
          "empty",
          "page has an empty visible area because its CropBox lies outside its MediaBox; "
              + FIX_FORMAT);
    }
    if (rotation == 90 || rotation == 270) {
      long swapped = width;
      width = height;
      height = swapped;
    }
    if (Math.abs(width - A4_WIDTH_CENTIPOINTS) <= toleranceCentipoints
        && Math.abs(height - A4_HEIGHT_CENTIPOINTS) <= toleranceCentipoints) {
      return null;
    }
    String shown = rotation == 0 ? "" : " as displayed with /Rotate " + rotation;
    return new Violation(
        field,
        PreflightRules.INCORRECT_LETTER_PAGE_FORMAT,
        formatPoints(width) + "x" + formatPoints(height),
        "page is "
            + formatPoints(width)
            + " x "
            + formatPoints(height)
            + " pt ("
            + formatMillimetres(width)
            + " x "
            + formatMillimetres(height)
            + " mm)"
            + shown
            + ", "
            + expected
            + "; "
            + FIX_FORMAT);
  }

  /** Returns the rotation normalised to 0, 90, 180 or 270, or {@code null} when it is invalid. */
  private static Integer rotationDegrees(COSBase value) {
    if (value == null) {
      return 0;
    }
    long degrees;
    if (value instanceof COSInteger integer) {
      degrees = integer.longValue();
    } else if (value instanceof COSFloat real
        && real.floatValue() == Math.rint(real.floatValue())) {
      degrees = (long) real.floatValue();
    } else {
      return null;
    }
    if (degrees % 90 != 0) {
      return null;
    }
    return (int) Math.floorMod(degrees, 360L);
  }

  private static String describe(COSBase value) {
    if (value instanceof COSInteger integer) {
      return Long.toString(integer.longValue());
    }
    if (value instanceof COSFloat real) {
      return new BigDecimal(Float.toString(real.floatValue())).stripTrailingZeros().toPlainString();
    }
    return "of type " + value.getClass().getSimpleName();
  }

  /** Formats hundredths of a point as points with one or two decimals: 612.0, 595.28. */
  static String formatPoints(long centipoints) {
    BigDecimal points = BigDecimal.valueOf(centipoints, 2).stripTrailingZeros();
    return points.scale() < 1 ? points.setScale(1).toPlainString() : points.toPlainString();
  }

  /** Formats hundredths of a point as millimetres with one decimal: 215.9. */
  static String formatMillimetres(long centipoints) {
    // 1 pt = 25.4 / 72 mm, so 1 centipoint = 254 / 72000 mm.
    return BigDecimal.valueOf(centipoints)
        .multiply(BigDecimal.valueOf(254))
        .divide(BigDecimal.valueOf(72000), 1, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
