package org.ezpsdk.core.pdf;

/**
 * Facts measured on a PDF attachment that passed the preflight.
 *
 * @param fileName the file's name without its directory
 * @param sizeBytes the file's size in bytes
 * @param pageCount the number of pages found by walking the page tree
 * @param encryptedWithOwnerPassword true when the file opens without a password but is encrypted
 *     with an owner password; only possible under {@link OwnerPasswordPolicy#ACCEPT}
 */
public record PreflightReport(
    String fileName, long sizeBytes, int pageCount, boolean encryptedWithOwnerPassword) {}
