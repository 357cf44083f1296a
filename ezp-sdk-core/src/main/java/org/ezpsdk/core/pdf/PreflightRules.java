package org.ezpsdk.core.pdf;

/** Rule codes of the {@link org.ezpsdk.core.error.Violation}s that {@link PdfPreflight} reports. */
public final class PreflightRules {

  /** The path does not exist or is not a regular file. */
  public static final String PDF_FILE_NOT_FOUND = "PDF_FILE_NOT_FOUND";

  /** The file exists but could not be read, for example for lack of permission. */
  public static final String PDF_FILE_NOT_READABLE = "PDF_FILE_NOT_READABLE";

  /** The file is larger than {@link PreflightPolicy#maxFileSizeBytes()}. */
  public static final String PDF_TOO_LARGE = "PDF_TOO_LARGE";

  /** The file is empty or has no {@code %PDF-} header in its first 1024 bytes. */
  public static final String PDF_NOT_PDF = "PDF_NOT_PDF";

  /** The file has no {@code %%EOF} marker in its last 1024 bytes, so it was probably cut off. */
  public static final String PDF_TRUNCATED = "PDF_TRUNCATED";

  /**
   * The file does not parse as a PDF without repairs: a damaged cross-reference table or trailer, a
   * broken page tree, a stream with a wrong length.
   */
  public static final String PDF_DAMAGED = "PDF_DAMAGED";

  /** The file needs a password (a user password) to open. */
  public static final String PDF_PASSWORD_PROTECTED = "PDF_PASSWORD_PROTECTED";

  /**
   * The file is encrypted and may not be or cannot be opened as it is: it opens without a password
   * but is encrypted with an owner password and the policy is {@link OwnerPasswordPolicy#REJECT},
   * or it needs a certificate or an unknown security handler to open.
   */
  public static final String PDF_ENCRYPTED = "PDF_ENCRYPTED";

  /** The file has no pages. */
  public static final String PDF_NO_PAGES = "PDF_NO_PAGES";

  /** The file has more pages than {@link PreflightPolicy#maxPages()}. */
  public static final String PDF_TOO_MANY_PAGES = "PDF_TOO_MANY_PAGES";

  /**
   * A page is not A4 portrait as displayed. The code is the one that Russian Post's web upload
   * returns for such a page.
   */
  public static final String INCORRECT_LETTER_PAGE_FORMAT = "INCORRECT_LETTER_PAGE_FORMAT";

  /** A page's {@code /Rotate} is not a multiple of 90, so its orientation is undefined. */
  public static final String PDF_INVALID_PAGE_ROTATION = "PDF_INVALID_PAGE_ROTATION";

  private PreflightRules() {}
}
