package org.ezpsdk.signing;

import java.time.Instant;
import java.util.List;

/**
 * Outcome of checking one signature embedded in a PDF.
 *
 * @param fieldName the fully qualified name of the signature field, or null when the signature
 *     dictionary is not in a field
 * @param subFilter the SubFilter, such as {@code ETSI.CAdES.detached}, or null when absent
 * @param signDate the /M entry, or null when absent
 * @param byteRange the /ByteRange: offset and length of each signed part of the file
 * @param coversWholeFile whether the signed parts start at the file's first byte and end at its
 *     last, so nothing was appended after this signature
 * @param verification the check of the CMS over the signed parts, which names the signer
 */
public record PadesSignatureResult(
    String fieldName,
    String subFilter,
    Instant signDate,
    List<Long> byteRange,
    boolean coversWholeFile,
    VerificationResult verification) {

  public PadesSignatureResult {
    byteRange = List.copyOf(byteRange);
  }

  /** Returns whether the CMS verifies over the signed parts, as {@link #verification()} reports. */
  public boolean valid() {
    return verification.valid();
  }

  /** Returns the signer certificate's subject, or null when it is unknown. */
  public String signer() {
    return verification.signerSubject();
  }
}
