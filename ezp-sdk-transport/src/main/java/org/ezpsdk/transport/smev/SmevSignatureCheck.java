package org.ezpsdk.transport.smev;

import java.security.cert.X509Certificate;

/**
 * Outcome of checking one ЭП-ОВ signature.
 *
 * @param valid whether every check passed
 * @param failure the check that failed, {@link Failure#NONE} when valid
 * @param reason what failed, empty when valid
 * @param certificate the signer's certificate from {@code KeyInfo}, or null when absent
 */
public record SmevSignatureCheck(
    boolean valid, Failure failure, String reason, X509Certificate certificate) {

  /** The check that failed, listed in the order the checks run. */
  public enum Failure {
    NONE,
    /** The container has no {@code ds:Signature}. */
    NO_SIGNATURE,
    /** The signature cannot be parsed or its reference cannot be resolved. */
    MALFORMED,
    /** {@code KeyInfo} carries no certificate. */
    CERTIFICATE_MISSING,
    /** The signature or its transforms are not the СМЭВ profile. */
    ALGORITHM_NOT_ALLOWED,
    /** The reference does not point at the block that must be signed. */
    WRONG_TARGET,
    /** The digest of the signed block differs: the block changed after signing. */
    DIGEST_MISMATCH,
    /** The signature value does not verify: the signature or {@code SignedInfo} changed. */
    SIGNATURE_VALUE_INVALID
  }

  static SmevSignatureCheck valid(X509Certificate certificate) {
    return new SmevSignatureCheck(true, Failure.NONE, "", certificate);
  }

  static SmevSignatureCheck failed(Failure failure, String reason, X509Certificate certificate) {
    return new SmevSignatureCheck(false, failure, reason, certificate);
  }

  SmevSignatureCheck withCertificate(X509Certificate signer) {
    return new SmevSignatureCheck(valid, failure, reason, signer);
  }
}
