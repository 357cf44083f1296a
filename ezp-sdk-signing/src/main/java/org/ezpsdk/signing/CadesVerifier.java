package org.ezpsdk.signing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.signing.VerificationResult.Failure;
import org.ezpsdk.signing.internal.GostAlgorithm;
import org.ezpsdk.signing.internal.MalformedSignatureException;
import org.ezpsdk.signing.internal.SignedDataParts;
import org.ezpsdk.signing.internal.SigningCertificateV2Attribute;

/**
 * Checks detached CAdES-BES signatures made with GOST R 34.10-2012 and Streebog, by this SDK,
 * OpenSSL's gost-engine ({@code openssl cms -sign -binary}) or CryptoPro. The SignerInfo's
 * signature algorithm may be the public key OID or the signature-with-digest OID. The content is
 * streamed through the digest.
 *
 * <p>It checks the first SignerInfo: the content digest against messageDigest, the signature value
 * over the DER encoding of the signed attributes with the public key of the signer's certificate
 * (taken from the CMS), that the signed attributes are DER-encoded as RFC 5652 requires, the
 * signingCertificateV2 attribute, and the certificate's validity at signingTime (or now when the
 * attribute is absent).
 *
 * <p>With {@link Builder#trustAnchors trust anchors} it also validates the signer's certificate
 * path (PKIX, through the certificates carried in the CMS) at the same time and reports the outcome
 * in {@link VerificationResult#chain()}; a path that does not validate makes the signature invalid
 * with {@link Failure#CERTIFICATE_NOT_TRUSTED}. NOTE: revocation (CRL, OCSP) is not checked, so a
 * revoked certificate still counts as trusted. Without trust anchors the path is not checked.
 *
 * <p>A signature it cannot parse gives a result with {@link Failure#MALFORMED}, never an exception.
 * Instances are immutable and thread-safe.
 */
public final class CadesVerifier {
  private final boolean requireSigningCertificate;
  private final Clock clock;
  private final TrustAnchors trustAnchors;

  private CadesVerifier(Builder builder) {
    this.requireSigningCertificate = builder.requireSigningCertificate;
    this.clock = builder.clock;
    this.trustAnchors = builder.trustAnchors;
  }

  /** Creates a verifier that requires the signingCertificateV2 attribute, as CAdES-BES does. */
  public static CadesVerifier create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a detached signature over a file's bytes.
   *
   * @throws EzpClientException when the content file cannot be read
   */
  public VerificationResult verifyDetached(Path content, byte[] signature) {
    Objects.requireNonNull(content, "content");
    try (InputStream in = Files.newInputStream(content)) {
      return verifyDetached(in, signature);
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read '" + content + "' for signature verification: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies a detached signature over the content read from the stream to its end. The stream is
   * not closed. Bytes after the CMS structure (such as the zero padding of a PDF signature field)
   * are ignored.
   *
   * @throws IOException when reading the content fails
   */
  public VerificationResult verifyDetached(InputStream content, byte[] signature)
      throws IOException {
    return verify(content, signature, null);
  }

  /**
   * Verifies like {@link #verifyDetached(InputStream, byte[])}; {@code claimedTime} (a PDF
   * signature's /M entry, or null) replaces an absent signingTime attribute.
   */
  VerificationResult verify(InputStream content, byte[] signature, Instant claimedTime)
      throws IOException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signature, "signature");
    Check check = new Check();

    SignerInformation signer;
    CMSSignedData signedData;
    try {
      signedData = SignedDataParts.parse(signature);
      signer = signedData.getSignerInfos().getSigners().iterator().next();
    } catch (MalformedSignatureException e) {
      return check.fail(Failure.MALFORMED, e.getMessage());
    }
    return verifySigner(content, signedData, signer, check, claimedTime);
  }

  private VerificationResult verifySigner(
      InputStream content,
      CMSSignedData signedData,
      SignerInformation signer,
      Check check,
      Instant claimedTime)
      throws IOException {
    Optional<GostAlgorithm> algorithm = GostAlgorithm.forDigestOid(signer.getDigestAlgOID());
    if (algorithm.isEmpty()) {
      return check.fail(
          Failure.UNSUPPORTED_ALGORITHM,
          "Digest algorithm "
              + signer.getDigestAlgOID()
              + " is not Streebog (GOST R 34.11-2012, OID 1.2.643.7.1.1.2.2 or .2.3)");
    }
    check.digestAlgorithm = algorithm.get().digestName();
    if (!isSignatureAlgorithmOf(signer.getEncryptionAlgOID(), algorithm.get())) {
      return check.fail(
          Failure.UNSUPPORTED_ALGORITHM,
          "Signature algorithm "
              + signer.getEncryptionAlgOID()
              + " does not match digest "
              + algorithm.get().digestName()
              + "; expected "
              + algorithm.get().signatureOid()
              + " or "
              + algorithm.get().keyOid());
    }

    AttributeTable attributes = signer.getSignedAttributes();
    if (attributes == null) {
      return check.fail(
          Failure.MALFORMED,
          "SignerInfo has no signed attributes, which CAdES-BES requires (messageDigest,"
              + " signingCertificateV2)");
    }
    try {
      check.signingTime = SignedDataParts.signingTime(attributes);
      byte[] contentDigest = SignedDataParts.digest(content, algorithm.get());
      check.contentDigestMatches =
          MessageDigest.isEqual(contentDigest, SignedDataParts.messageDigest(attributes));
    } catch (MalformedSignatureException e) {
      return check.fail(Failure.MALFORMED, e.getMessage());
    }

    Optional<X509Certificate> certificate = SignedDataParts.signerCertificate(signedData, signer);
    if (certificate.isEmpty()) {
      return check.fail(
          Failure.SIGNER_CERTIFICATE_NOT_FOUND,
          "The CMS does not contain the signer's certificate ("
              + signer.getSID().getIssuer()
              + ", serial "
              + signer.getSID().getSerialNumber().toString(16)
              + "); sign again with the certificate included");
    }
    check.describe(certificate.get());
    check.evaluatedAt =
        check.signingTime != null
            ? check.signingTime
            : claimedTime != null ? claimedTime : clock.instant();
    checkChain(signedData, certificate.get(), check);
    return verifyWithCertificate(signer, certificate.get(), algorithm.get(), attributes, check);
  }

  private void checkChain(CMSSignedData signedData, X509Certificate certificate, Check check) {
    if (trustAnchors == null) {
      check.chain = ChainResult.notChecked("No trust anchors were given to the verifier");
      return;
    }
    check.chain =
        new ChainCheck(trustAnchors)
            .check(certificate, SignedDataParts.certificates(signedData), check.evaluatedAt);
  }

  private VerificationResult verifyWithCertificate(
      SignerInformation signer,
      X509Certificate certificate,
      GostAlgorithm algorithm,
      AttributeTable attributes,
      Check check)
      throws IOException {
    SignatureValueCheck value = SignatureValueCheck.of(signer, certificate, algorithm);
    check.signatureValueValid = value.overDer() || value.overEncoded();
    checkSigningCertificate(attributes, certificate, check);

    if (!check.contentDigestMatches) {
      return check.fail(
          Failure.CONTENT_DIGEST_MISMATCH,
          "The content's "
              + algorithm.digestName()
              + " digest differs from the signed messageDigest: the content was changed after"
              + " signing, or this signature belongs to other content");
    }
    if (!check.signatureValueValid) {
      return check.fail(
          Failure.SIGNATURE_INVALID,
          "The signature value does not verify with the public key of '"
              + check.signerSubject
              + "': the signature or its signed attributes were changed, or it was made with"
              + " another key"
              + (value.der() ? "" : " (the signed attributes are not DER-encoded either)"));
    }
    if (!value.der()) {
      return check.fail(Failure.SIGNED_ATTRIBUTES_NOT_DER, value.notDerReason());
    }
    if (!check.signingCertificatePresent && requireSigningCertificate) {
      return check.fail(
          Failure.SIGNING_CERTIFICATE_MISSING,
          "The signingCertificateV2 attribute is missing; CAdES-BES requires it (OpenSSL adds"
              + " it with 'cms -sign -cades')");
    }
    if (check.signingCertificatePresent && !check.signingCertificateMatches) {
      return check.fail(
          Failure.SIGNING_CERTIFICATE_MISMATCH,
          "The signingCertificateV2 attribute does not identify the certificate of '"
              + check.signerSubject
              + "' (hash, issuer or serial differs)");
    }
    return checkValidityAtSigningTime(certificate, check);
  }

  private VerificationResult checkValidityAtSigningTime(X509Certificate certificate, Check check) {
    Instant at = check.evaluatedAt;
    try {
      certificate.checkValidity(Date.from(at));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return check.fail(
          Failure.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME,
          "The certificate of '"
              + check.signerSubject
              + "' is valid from "
              + check.certificateNotBefore
              + " to "
              + check.certificateNotAfter
              + ", which does not include the "
              + (check.signingTime != null ? "signing time " : "claimed or current time ")
              + at);
    }
    if (check.chain.failed()) {
      return check.fail(
          Failure.CERTIFICATE_NOT_TRUSTED,
          "The signer's certificate path is not trusted ("
              + check.chain.status()
              + "): "
              + check.chain.reason());
    }
    return check.pass();
  }

  private static boolean isSignatureAlgorithmOf(String oid, GostAlgorithm algorithm) {
    // Bouncy Castle and OpenSSL's gost-engine write the public key OID here, others the
    // signature-with-digest OID.
    return algorithm.signatureOid().equals(oid) || algorithm.keyOid().equals(oid);
  }

  private static void checkSigningCertificate(
      AttributeTable attributes, X509Certificate certificate, Check check) {
    Attribute attribute = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    check.signingCertificatePresent = attribute != null;
    if (attribute == null || attribute.getAttrValues().size() == 0) {
      return;
    }
    try {
      SigningCertificateV2 value =
          SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0));
      check.signingCertificateMatches = SigningCertificateV2Attribute.matches(value, certificate);
    } catch (CertificateEncodingException | IllegalArgumentException e) {
      check.signingCertificateMatches = false;
    }
  }

  /**
   * Whether the signed attributes are DER-encoded, and over which encoding the signature value
   * verifies: RFC 5652 signs the DER form, but some signers sign their own non-DER bytes.
   */
  private record SignatureValueCheck(boolean der, boolean overDer, boolean overEncoded) {
    static SignatureValueCheck of(
        SignerInformation signer, X509Certificate certificate, GostAlgorithm algorithm)
        throws IOException {
      byte[] derBytes = SignedDataParts.signedAttributesDer(signer);
      byte[] encodedBytes = SignedDataParts.signedAttributesAsEncoded(signer);
      byte[] value = signer.getSignature();
      boolean der = Arrays.equals(derBytes, encodedBytes);
      boolean overDer = SignedDataParts.verifies(derBytes, value, certificate, algorithm);
      boolean overEncoded =
          !der && SignedDataParts.verifies(encodedBytes, value, certificate, algorithm);
      return new SignatureValueCheck(der, overDer, overEncoded);
    }

    String notDerReason() {
      return "The signed attributes are not DER-encoded (for example a SET OF that is not sorted,"
          + " or indefinite lengths), which RFC 5652 requires; the signature value verifies over "
          + (overEncoded
              ? "the bytes as encoded, not over their DER form, so other verifiers reject it"
              : "their DER form, but the CMS carries another encoding")
          + "; sign again with software that DER-encodes the signed attributes";
    }
  }

  /** The facts gathered so far; turned into a result by {@link #fail} or {@link #pass}. */
  private static final class Check {
    String signerSubject;
    BigInteger serialNumber;
    Instant certificateNotBefore;
    Instant certificateNotAfter;
    Instant signingTime;
    Instant evaluatedAt;
    String digestAlgorithm;
    boolean contentDigestMatches;
    boolean signatureValueValid;
    boolean signingCertificatePresent;
    boolean signingCertificateMatches;
    ChainResult chain =
        ChainResult.notChecked("The signer's certificate was not found in the signature");

    void describe(X509Certificate certificate) {
      signerSubject = certificate.getSubjectX500Principal().getName();
      serialNumber = certificate.getSerialNumber();
      certificateNotBefore = certificate.getNotBefore().toInstant();
      certificateNotAfter = certificate.getNotAfter().toInstant();
    }

    VerificationResult fail(Failure failure, String reason) {
      return result(false, failure, reason);
    }

    VerificationResult pass() {
      return result(true, Failure.NONE, "");
    }

    private VerificationResult result(boolean valid, Failure failure, String reason) {
      return new VerificationResult(
          valid,
          failure,
          reason,
          signerSubject,
          serialNumber,
          certificateNotBefore,
          certificateNotAfter,
          signingTime,
          digestAlgorithm,
          contentDigestMatches,
          signatureValueValid,
          signingCertificatePresent,
          signingCertificateMatches,
          chain);
    }
  }

  /** Builder of {@link CadesVerifier}. */
  public static final class Builder {
    private boolean requireSigningCertificate = true;
    private Clock clock = Clock.systemUTC();
    private TrustAnchors trustAnchors;

    private Builder() {}

    /**
     * Sets whether a signature without the signingCertificateV2 attribute is invalid; default true.
     * Plain CMS from {@code openssl cms -sign} without {@code -cades} lacks it. A present attribute
     * that does not match is invalid either way.
     */
    public Builder requireSigningCertificate(boolean require) {
      this.requireSigningCertificate = require;
      return this;
    }

    /** Sets the clock used for the validity checks when signingTime is absent; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the CA certificates that the signer's certificate path must lead to; default none, and
     * then the path is not checked ({@link ChainResult.Status#NOT_CHECKED}).
     */
    public Builder trustAnchors(TrustAnchors trustAnchors) {
      this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
      return this;
    }

    public CadesVerifier build() {
      return new CadesVerifier(this);
    }
  }
}
