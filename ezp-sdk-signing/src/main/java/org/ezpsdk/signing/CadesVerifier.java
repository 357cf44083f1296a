package org.ezpsdk.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.signing.VerificationResult.Failure;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.ezpsdk.signing.internal.GostAlgorithm;
import org.ezpsdk.signing.internal.SigningCertificateV2Attribute;

/**
 * Checks detached CAdES-BES signatures made with GOST R 34.10-2012 and Streebog, by this SDK,
 * OpenSSL's gost-engine ({@code openssl cms -sign -binary}) or CryptoPro. The SignerInfo's
 * signature algorithm may be the public key OID or the signature-with-digest OID. The content is
 * streamed through the digest.
 *
 * <p>It checks the first SignerInfo: the content digest against messageDigest, the signature value
 * over the signed attributes with the public key of the signer's certificate (taken from the CMS),
 * the signingCertificateV2 attribute, and the certificate's validity at signingTime (or now when
 * the attribute is absent). It does not build a chain to a trusted root or check revocation: a
 * caller that needs the signer to be trusted must check the certificate itself.
 *
 * <p>A signature it cannot parse gives a result with {@link Failure#MALFORMED}, never an exception.
 * Instances are immutable and thread-safe.
 */
public final class CadesVerifier {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final boolean requireSigningCertificate;
  private final Clock clock;

  private CadesVerifier(Builder builder) {
    this.requireSigningCertificate = builder.requireSigningCertificate;
    this.clock = builder.clock;
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
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(signature, "signature");
    Check check = new Check();

    SignerInformation signer;
    CMSSignedData signedData;
    try {
      signedData = parse(signature);
      signer = signedData.getSignerInfos().getSigners().iterator().next();
    } catch (MalformedException e) {
      return check.fail(Failure.MALFORMED, e.getMessage());
    }
    return verifySigner(content, signedData, signer, check);
  }

  private VerificationResult verifySigner(
      InputStream content, CMSSignedData signedData, SignerInformation signer, Check check)
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
      check.signingTime = signingTime(attributes);
      byte[] contentDigest = digest(content, algorithm.get());
      check.contentDigestMatches = MessageDigest.isEqual(contentDigest, messageDigest(attributes));
    } catch (MalformedException e) {
      return check.fail(Failure.MALFORMED, e.getMessage());
    }

    Optional<X509Certificate> certificate = signerCertificate(signedData, signer);
    if (certificate.isEmpty()) {
      return check.fail(
          Failure.SIGNER_CERTIFICATE_NOT_FOUND,
          "The CMS does not contain the signer's certificate ("
              + signer.getSID().getIssuer()
              + ", serial "
              + signer.getSID().getSerialNumber().toString(16)
              + "); sign again with the certificate included");
    }
    return verifyWithCertificate(signer, certificate.get(), algorithm.get(), attributes, check);
  }

  private VerificationResult verifyWithCertificate(
      SignerInformation signer,
      X509Certificate certificate,
      GostAlgorithm algorithm,
      AttributeTable attributes,
      Check check) {
    check.describe(certificate);
    check.signatureValueValid = signatureVerifies(signer, certificate, algorithm);
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
              + " another key");
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
    Instant at = check.signingTime != null ? check.signingTime : clock.instant();
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
              + (check.signingTime != null ? "signing time " : "current time ")
              + at);
    }
    return check.pass();
  }

  private static CMSSignedData parse(byte[] signature) throws MalformedException {
    ASN1Primitive primitive;
    try (ASN1InputStream in = new ASN1InputStream(signature)) {
      // Reads one object, so trailing bytes (zero padding) are ignored.
      primitive = in.readObject();
    } catch (IOException | RuntimeException e) {
      throw new MalformedException("The signature is not DER or BER encoded: " + e.getMessage());
    }
    if (primitive == null) {
      throw new MalformedException("The signature is empty");
    }
    try {
      ContentInfo info = ContentInfo.getInstance(primitive);
      if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
        throw new MalformedException(
            "The CMS content type is " + info.getContentType() + ", not signedData");
      }
      CMSSignedData signedData = new CMSSignedData(info);
      if (signedData.getSignerInfos().size() == 0) {
        throw new MalformedException("The CMS SignedData has no SignerInfo");
      }
      return signedData;
    } catch (CMSException | RuntimeException e) {
      throw new MalformedException("The signature is not a CMS SignedData: " + e.getMessage());
    }
  }

  private static boolean isSignatureAlgorithmOf(String oid, GostAlgorithm algorithm) {
    // Bouncy Castle and OpenSSL's gost-engine write the public key OID here, others the
    // signature-with-digest OID.
    return algorithm.signatureOid().equals(oid) || algorithm.keyOid().equals(oid);
  }

  private static byte[] digest(InputStream content, GostAlgorithm algorithm) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm.digestName(), BouncyCastle.provider());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Bouncy Castle lacks " + algorithm.digestName(), e);
    }
    byte[] buffer = new byte[BUFFER_SIZE];
    int read;
    while ((read = content.read(buffer)) != -1) {
      digest.update(buffer, 0, read);
    }
    return digest.digest();
  }

  private static byte[] messageDigest(AttributeTable attributes) throws MalformedException {
    Attribute attribute = attributes.get(CMSAttributes.messageDigest);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      throw new MalformedException("The messageDigest signed attribute is missing");
    }
    try {
      return ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
    } catch (IllegalArgumentException e) {
      throw new MalformedException("The messageDigest attribute is not an OCTET STRING");
    }
  }

  private static Instant signingTime(AttributeTable attributes) throws MalformedException {
    Attribute attribute = attributes.get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() == 0) {
      return null;
    }
    try {
      return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MalformedException("The signingTime attribute is invalid: " + e.getMessage());
    }
  }

  private static Optional<X509Certificate> signerCertificate(
      CMSSignedData signedData, SignerInformation signer) {
    // SignerId implements the raw Selector type, so getMatches cannot be checked.
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches =
        signedData.getCertificates().getMatches(signer.getSID());
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new JcaX509CertificateConverter()
              .setProvider(BouncyCastle.provider())
              .getCertificate(matches.iterator().next()));
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }

  private static boolean signatureVerifies(
      SignerInformation signer, X509Certificate certificate, GostAlgorithm algorithm) {
    try {
      Signature verifier =
          Signature.getInstance(algorithm.signatureName(), BouncyCastle.provider());
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(signer.getEncodedSignedAttributes());
      return verifier.verify(signer.getSignature());
    } catch (InvalidKeyException | SignatureException | IOException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Bouncy Castle lacks " + algorithm.signatureName(), e);
    }
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

  /** The facts gathered so far; turned into a result by {@link #fail} or {@link #pass}. */
  private static final class Check {
    String signerSubject;
    java.math.BigInteger serialNumber;
    Instant certificateNotBefore;
    Instant certificateNotAfter;
    Instant signingTime;
    String digestAlgorithm;
    boolean contentDigestMatches;
    boolean signatureValueValid;
    boolean signingCertificatePresent;
    boolean signingCertificateMatches;

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
          signingCertificateMatches);
    }
  }

  /** A signature that is not a well-formed CMS SignedData; its message is the failure reason. */
  private static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }

  /** Builder of {@link CadesVerifier}. */
  public static final class Builder {
    private boolean requireSigningCertificate = true;
    private Clock clock = Clock.systemUTC();

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

    /** Sets the clock used for the validity check when signingTime is absent; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public CadesVerifier build() {
      return new CadesVerifier(this);
    }
  }
}
