package org.ezpsdk.signing;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.core.spi.AttachmentSigner;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.ezpsdk.signing.internal.SigningCertificateV2Attribute;
import org.ezpsdk.signing.internal.StreamingContent;
import org.ezpsdk.signing.internal.StreebogDigestCalculators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes detached CAdES-BES signatures with a GOST R 34.10-2012 key: Streebog-256 for a 256-bit key,
 * Streebog-512 for a 512-bit key. The signed attributes are contentType, messageDigest, signingTime
 * (from the clock, unless {@link Builder#includeSigningTime turned off}), signingCertificateV2 (the
 * Streebog hash, issuer and serial of the signer's certificate) and cmsAlgorithmProtection, which
 * Bouncy Castle adds. They are DER-sorted. The signer's certificate and its chain go into the CMS.
 * The SignerInfo's signature algorithm is the public key OID (1.2.643.7.1.1.1.1 or .1.2), as Bouncy
 * Castle 1.87 and OpenSSL 3.0 with gost-engine write it.
 *
 * <p>The content is streamed through the digest, so the heap needed does not grow with its size.
 * The signer rejects signing when its certificate is not valid at the clock's time. Instances are
 * immutable and thread-safe.
 */
public final class CadesSigner implements AttachmentSigner {
  private static final Logger LOG = LoggerFactory.getLogger(CadesSigner.class);

  private final SigningCredentials credentials;
  private final Clock clock;
  private final boolean includeSigningTime;

  private CadesSigner(Builder builder) {
    this.credentials = Objects.requireNonNull(builder.credentials, "credentials");
    this.clock = builder.clock;
    this.includeSigningTime = builder.includeSigningTime;
  }

  /** Creates a signer that takes the signing time from the system clock. */
  public static CadesSigner of(SigningCredentials credentials) {
    return builder().credentials(credentials).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns the credentials this signer uses. */
  public SigningCredentials credentials() {
    return credentials;
  }

  /**
   * Signs the content read to its end and returns a DER-encoded detached CMS {@code SignedData}.
   *
   * @throws SigningException when the certificate is not valid now or the key cannot sign
   * @throws IOException when reading the content fails
   */
  @Override
  public byte[] signDetached(InputStream content) throws IOException {
    Objects.requireNonNull(content, "content");
    Instant now = clock.instant();
    checkValidity(credentials.certificate(), now);

    StreamingContent streamed = new StreamingContent(content);
    CMSSignedDataGenerator generator = newGenerator(now);
    byte[] signature;
    try {
      CMSSignedData signed = generator.generate(streamed, false);
      signature = signed.getEncoded(ASN1Encoding.DER);
    } catch (CMSException e) {
      if (e.getCause() instanceof IOException) {
        throw (IOException) e.getCause();
      }
      throw new SigningException(
          "Failed to sign with the key of '" + subject() + "': " + e.getMessage(), e);
    }
    LOG.debug(
        "Signed {} bytes with the certificate of '{}' (serial {})",
        streamed.length(),
        subject(),
        credentials.certificate().getSerialNumber().toString(16));
    return signature;
  }

  private CMSSignedDataGenerator newGenerator(Instant signingTime) {
    X509Certificate certificate = credentials.certificate();
    try {
      ContentSigner contentSigner =
          new JcaContentSignerBuilder(credentials.algorithm().signatureName())
              .setProvider(BouncyCastle.provider())
              .build(credentials.privateKey());
      SignerInfoGenerator signerInfo =
          new JcaSignerInfoGeneratorBuilder(StreebogDigestCalculators.create())
              .setSignedAttributeGenerator(signedAttributeGenerator(signingTime))
              .build(contentSigner, certificate);

      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(signerInfo);
      generator.addCertificates(new JcaCertStore(credentials.certificates()));
      return generator;
    } catch (OperatorCreationException | CertificateEncodingException | CMSException e) {
      throw new SigningException(
          "Failed to prepare signing with the key of '" + subject() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Returns the generator of the signed attributes. Bouncy Castle's default generator adds
   * signingTime (at its own clock) when the table lacks it, so without signingTime it is removed
   * afterwards.
   */
  private CMSAttributeTableGenerator signedAttributeGenerator(Instant signingTime)
      throws CertificateEncodingException {
    DefaultSignedAttributeTableGenerator defaults =
        new DefaultSignedAttributeTableGenerator(signedAttributes(signingTime));
    if (includeSigningTime) {
      return defaults;
    }
    return parameters -> defaults.getAttributes(parameters).remove(CMSAttributes.signingTime);
  }

  /**
   * Returns signingTime (unless turned off) and signingCertificateV2; Bouncy Castle adds the other
   * attributes.
   */
  private AttributeTable signedAttributes(Instant signingTime) throws CertificateEncodingException {
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    if (includeSigningTime) {
      attributes.add(
          new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
    }
    attributes.add(
        SigningCertificateV2Attribute.create(credentials.certificate(), credentials.algorithm()));
    return new AttributeTable(attributes);
  }

  private static void checkValidity(X509Certificate certificate, Instant now) {
    try {
      certificate.checkValidity(Date.from(now));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      String state = e instanceof CertificateExpiredException ? "expired" : "not yet valid";
      throw new SigningException(
          "Certificate '"
              + certificate.getSubjectX500Principal().getName()
              + "' (serial "
              + certificate.getSerialNumber().toString(16)
              + ") is "
              + state
              + " at "
              + now
              + ": valid from "
              + certificate.getNotBefore().toInstant()
              + " to "
              + certificate.getNotAfter().toInstant()
              + "; sign with a certificate that is valid now",
          e);
    }
  }

  private String subject() {
    return credentials.certificate().getSubjectX500Principal().getName();
  }

  /** Builder of {@link CadesSigner}. */
  public static final class Builder {
    private SigningCredentials credentials;
    private Clock clock = Clock.systemUTC();
    private boolean includeSigningTime = true;

    private Builder() {}

    /** Sets the key and certificates to sign with; required. */
    public Builder credentials(SigningCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Sets the clock for the signingTime attribute and the validity check; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets whether the signed attributes include signingTime; default true. A PAdES baseline
     * signature (ETSI EN 319 142-1) leaves it out and carries the time in the PDF signature
     * dictionary's /M entry instead.
     */
    public Builder includeSigningTime(boolean include) {
      this.includeSigningTime = include;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @throws NullPointerException when no credentials were set
     */
    public CadesSigner build() {
      return new CadesSigner(this);
    }
  }
}
