package org.ezpsdk.testkit.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.VerificationResult;

/**
 * Checks the detached CAdES-BES signature of an attachment with {@link CadesVerifier}, and, when
 * trusted certificates are configured, that the signer's certificate is one of them or was issued
 * by one of them. No chain longer than one issuer is built and revocation is not checked.
 */
public final class SignatureCheck {
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private final CadesVerifier verifier = CadesVerifier.create();
  private final List<X509Certificate> trusted;

  /**
   * @param trusted the certificates a signer must match or be issued by, or empty to accept any
   *     certificate whose signature verifies
   */
  public SignatureCheck(Collection<X509Certificate> trusted) {
    List<X509Certificate> converted = new ArrayList<>();
    for (X509Certificate certificate : trusted) {
      converted.add(toBouncyCastle(certificate));
    }
    this.trusted = List.copyOf(converted);
  }

  /**
   * Verifies the signature over the attachment's bytes.
   *
   * @throws ApiException 422 {@code SIGNATURE_INVALID} when it does not verify, or {@code
   *     SIGNER_NOT_TRUSTED} when its certificate is not trusted
   */
  public void check(Path attachment, byte[] signature) {
    VerificationResult result = verifier.verifyDetached(attachment, signature);
    if (!result.valid()) {
      throw ApiException.of(
          422,
          "SIGNATURE_INVALID",
          "signature",
          "the signature does not verify over the attachment ("
              + result.failure()
              + "): "
              + result.failureReason());
    }
    if (trusted.isEmpty()) {
      return;
    }
    X509Certificate signer = signerCertificate(signature).orElse(null);
    if (signer == null || !isTrusted(signer)) {
      String subject = result.signerSubject();
      throw ApiException.of(
          422,
          "SIGNER_NOT_TRUSTED",
          "signature",
          "the signer's certificate '"
              + subject
              + "' (serial "
              + result.serialNumber().toString(16)
              + ") is not trusted; sign with a certificate registered with the service");
    }
  }

  private boolean isTrusted(X509Certificate signer) {
    for (X509Certificate anchor : trusted) {
      if (anchor.equals(signer) || isIssuedBy(signer, anchor)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIssuedBy(X509Certificate certificate, X509Certificate issuer) {
    if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(issuer.getPublicKey(), BOUNCY_CASTLE);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Returns the certificate of the first SignerInfo, the one {@link CadesVerifier} checks. */
  private static Optional<X509Certificate> signerCertificate(byte[] signature) {
    try (ASN1InputStream in = new ASN1InputStream(signature)) {
      // Reads one object, so bytes after the CMS structure are ignored, as the verifier does.
      ASN1Primitive primitive = in.readObject();
      CMSSignedData signedData = new CMSSignedData(ContentInfo.getInstance(primitive));
      SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
      // SignerId is a raw Selector in Bouncy Castle, so the match is unchecked.
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches =
          signedData.getCertificates().getMatches(signer.getSID());
      if (matches.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new JcaX509CertificateConverter()
              .setProvider(BOUNCY_CASTLE)
              .getCertificate(matches.iterator().next()));
    } catch (IOException | CMSException | CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static X509Certificate toBouncyCastle(X509Certificate certificate) {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(BOUNCY_CASTLE)
          .getCertificate(new JcaX509CertificateHolder(certificate));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "Trusted certificate '"
              + certificate.getSubjectX500Principal().getName()
              + "' cannot be read: "
              + e.getMessage(),
          e);
    }
  }
}
