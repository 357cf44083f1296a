package org.ezpsdk.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/** Reads the parts of a CMS SignedData that signature verification needs. */
public final class SignedDataParts {
  private static final int BUFFER_SIZE = 64 * 1024;

  private SignedDataParts() {}

  /**
   * Parses the first DER or BER object of the bytes as a CMS SignedData with at least one signer.
   * The bytes are read through a stream, so trailing bytes (the zero padding of a PDF signature's
   * /Contents) are ignored; Bouncy Castle 1.85 and later reject them in {@code new
   * CMSSignedData(byte[])}.
   */
  public static CMSSignedData parse(byte[] signature) throws MalformedSignatureException {
    ASN1Primitive primitive;
    try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(signature))) {
      primitive = in.readObject();
    } catch (IOException | RuntimeException e) {
      throw new MalformedSignatureException(
          "The signature is not DER or BER encoded: " + e.getMessage());
    }
    if (primitive == null) {
      throw new MalformedSignatureException("The signature is empty");
    }
    try {
      ContentInfo info = ContentInfo.getInstance(primitive);
      if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
        throw new MalformedSignatureException(
            "The CMS content type is " + info.getContentType() + ", not signedData");
      }
      CMSSignedData signedData = new CMSSignedData(info);
      if (signedData.getSignerInfos().size() == 0) {
        throw new MalformedSignatureException("The CMS SignedData has no SignerInfo");
      }
      return signedData;
    } catch (CMSException | RuntimeException e) {
      throw new MalformedSignatureException(
          "The signature is not a CMS SignedData: " + e.getMessage());
    }
  }

  /** Returns the digest of the stream read to its end. */
  public static byte[] digest(InputStream content, GostAlgorithm algorithm) throws IOException {
    StreebogDigest digest = StreebogDigestCalculators.newDigest(algorithm);
    byte[] buffer = new byte[BUFFER_SIZE];
    int read;
    while ((read = content.read(buffer)) != -1) {
      digest.update(buffer, 0, read);
    }
    byte[] result = new byte[digest.getDigestSize()];
    digest.doFinal(result, 0);
    return result;
  }

  /** Returns the value of the messageDigest signed attribute. */
  public static byte[] messageDigest(AttributeTable attributes) throws MalformedSignatureException {
    Attribute attribute = attributes.get(CMSAttributes.messageDigest);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      throw new MalformedSignatureException("The messageDigest signed attribute is missing");
    }
    try {
      return ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
    } catch (IllegalArgumentException e) {
      throw new MalformedSignatureException("The messageDigest attribute is not an OCTET STRING");
    }
  }

  /** Returns the signingTime signed attribute, or null when it is absent. */
  public static Instant signingTime(AttributeTable attributes) throws MalformedSignatureException {
    Attribute attribute = attributes.get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() == 0) {
      return null;
    }
    try {
      return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MalformedSignatureException(
          "The signingTime attribute is invalid: " + e.getMessage());
    }
  }

  /** Returns the certificate that the SignerInfo's identifier names, from the CMS. */
  public static Optional<X509Certificate> signerCertificate(
      CMSSignedData signedData, SignerInformation signer) {
    // SignerId implements the raw Selector type, so getMatches cannot be checked.
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches =
        signedData.getCertificates().getMatches(signer.getSID());
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(toCertificate(matches.iterator().next()));
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }

  /** Returns every certificate carried in the CMS that parses. */
  public static List<X509Certificate> certificates(CMSSignedData signedData) {
    List<X509Certificate> result = new ArrayList<>();
    // Store.getMatches(null) returns every element; the raw Selector type hides the element type.
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> holders = signedData.getCertificates().getMatches(null);
    for (X509CertificateHolder holder : holders) {
      try {
        result.add(toCertificate(holder));
      } catch (CertificateException e) {
        // A certificate that does not parse cannot be part of a valid path; skip it.
      }
    }
    return result;
  }

  /**
   * Returns the signed attributes exactly as the CMS encodes them (the SET tag, not the implicit
   * [0] of the SignerInfo).
   */
  public static byte[] signedAttributesAsEncoded(SignerInformation signer) throws IOException {
    ASN1Set set = signer.toASN1Structure().getAuthenticatedAttributes();
    return set.getEncoded();
  }

  /** Returns the DER encoding of the signed attributes, the bytes RFC 5652 says are signed. */
  public static byte[] signedAttributesDer(SignerInformation signer) throws IOException {
    ASN1Set set = signer.toASN1Structure().getAuthenticatedAttributes();
    return set.getEncoded(ASN1Encoding.DER);
  }

  /** Returns whether the signature value verifies over the given bytes. */
  public static boolean verifies(
      byte[] signedBytes,
      byte[] signatureValue,
      X509Certificate certificate,
      GostAlgorithm algorithm) {
    try {
      Signature verifier =
          Signature.getInstance(algorithm.signatureName(), BouncyCastle.provider());
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(signedBytes);
      return verifier.verify(signatureValue);
    } catch (InvalidKeyException | SignatureException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Bouncy Castle lacks " + algorithm.signatureName(), e);
    }
  }

  private static X509Certificate toCertificate(X509CertificateHolder holder)
      throws CertificateException {
    return new JcaX509CertificateConverter()
        .setProvider(BouncyCastle.provider())
        .getCertificate(holder);
  }
}
