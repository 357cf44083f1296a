package org.ezpsdk.core.pdf;

/**
 * Handling of a PDF that opens without a password but is encrypted with an owner password, which
 * restricts permissions such as printing, copying or editing.
 */
public enum OwnerPasswordPolicy {
  /**
   * Reports the file with rule {@link PreflightRules#PDF_ENCRYPTED}, because the print centre or a
   * signature tool may honour the permissions or fail on the encryption.
   */
  REJECT,

  /**
   * Accepts the file; {@link PreflightReport#encryptedWithOwnerPassword()} still records the
   * encryption.
   */
  ACCEPT
}
