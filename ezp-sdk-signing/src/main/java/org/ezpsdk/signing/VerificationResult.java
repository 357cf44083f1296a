package org.ezpsdk.signing;

import java.math.BigInteger;
import java.time.Instant;

/**
 * Outcome of checking one detached CAdES-BES signature. When the signature could not be parsed, the
 * certificate fields are null. {@code failure} is {@link Failure#NONE} exactly when {@code valid}
 * is true; otherwise {@code failureReason} explains it in a sentence.
 *
 * @param valid whether every check passed
 * @param failure the first check that failed, in the order of {@link Failure}
 * @param failureReason what failed, empty when valid
 * @param signerSubject the signer certificate's subject (RFC 2253), or null when unknown
 * @param serialNumber the signer certificate's serial number, or null when unknown
 * @param certificateNotBefore start of the signer certificate's validity, or null when unknown
 * @param certificateNotAfter end of the signer certificate's validity, or null when unknown
 * @param signingTime the signingTime attribute, or null when absent
 * @param digestAlgorithm the digest's JCA name (for example {@code GOST3411-2012-256}), or null
 * @param contentDigestMatches whether the messageDigest attribute equals the content's digest
 * @param signatureValueValid whether the signature value verifies over the signed attributes (their
 *     DER form or, when the CMS does not DER-encode them, the bytes as encoded)
 * @param signingCertificatePresent whether a signingCertificateV2 attribute is present
 * @param signingCertificateMatches whether that attribute identifies the signer's certificate
 * @param chain the outcome of the certificate path check against the caller's trust anchors; {@link
 *     ChainResult.Status#NOT_CHECKED} when the verifier has none or the certificate is unknown
 */
public record VerificationResult(
    boolean valid,
    Failure failure,
    String failureReason,
    String signerSubject,
    BigInteger serialNumber,
    Instant certificateNotBefore,
    Instant certificateNotAfter,
    Instant signingTime,
    String digestAlgorithm,
    boolean contentDigestMatches,
    boolean signatureValueValid,
    boolean signingCertificatePresent,
    boolean signingCertificateMatches,
    ChainResult chain) {

  /** Kinds of verification failure, in the order the verifier checks them. */
  public enum Failure {
    /** Every check passed. */
    NONE,
    /** The input is not a DER or BER CMS SignedData with a signer, or a part of it is invalid. */
    MALFORMED,
    /** The digest or signature algorithm is not GOST R 34.10-2012 with Streebog. */
    UNSUPPORTED_ALGORITHM,
    /** The CMS does not contain the signer's certificate. */
    SIGNER_CERTIFICATE_NOT_FOUND,
    /** The content's digest differs from the messageDigest attribute: the content changed. */
    CONTENT_DIGEST_MISMATCH,
    /** The signature value does not verify with the certificate's public key. */
    SIGNATURE_INVALID,
    /**
     * The signed attributes in the CMS are not DER-encoded (for example an unsorted SET OF), which
     * RFC 5652 requires because the signature covers their DER encoding. The reason tells whether
     * the signature value verifies over the bytes as encoded or over their DER form.
     */
    SIGNED_ATTRIBUTES_NOT_DER,
    /** The signingCertificateV2 attribute that CAdES-BES requires is absent. */
    SIGNING_CERTIFICATE_MISSING,
    /** The signingCertificateV2 attribute identifies another certificate. */
    SIGNING_CERTIFICATE_MISMATCH,
    /** The signer's certificate was not valid at the signing time. */
    CERTIFICATE_NOT_VALID_AT_SIGNING_TIME,
    /**
     * The signer's certificate path does not validate against the verifier's trust anchors; {@link
     * VerificationResult#chain()} gives the reason.
     */
    CERTIFICATE_NOT_TRUSTED
  }
}
