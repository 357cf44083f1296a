package org.ezpsdk.signing.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * The ESS {@code signingCertificateV2} attribute (RFC 5035) that binds a CAdES-BES signature to the
 * signer's certificate: the certificate's hash and its issuer and serial number.
 */
public final class SigningCertificateV2Attribute {
  private SigningCertificateV2Attribute() {}

  /**
   * Builds the attribute with one ESSCertIDv2 that contains the Streebog hash of the DER
   * certificate. The hash algorithm is written out because only SHA-256, the default, may be
   * omitted.
   */
  public static Attribute create(X509Certificate certificate, GostAlgorithm algorithm)
      throws CertificateEncodingException {
    AlgorithmIdentifier hashAlgorithm =
        new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.digestOid()));
    byte[] hash = digest(algorithm.digestName(), certificate.getEncoded());
    ESSCertIDv2 id = new ESSCertIDv2(hashAlgorithm, hash, issuerSerial(certificate));
    return new Attribute(
        PKCSObjectIdentifiers.id_aa_signingCertificateV2,
        new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
  }

  /**
   * Returns whether the first ESSCertIDv2 of the attribute value identifies {@code certificate}:
   * the hash matches and, when present, so do the issuer and serial number.
   *
   * @throws IllegalArgumentException when the hash algorithm is unknown to Bouncy Castle
   */
  public static boolean matches(SigningCertificateV2 value, X509Certificate certificate)
      throws CertificateEncodingException {
    ESSCertIDv2[] ids = value.getCerts();
    if (ids.length == 0) {
      return false;
    }
    ESSCertIDv2 id = ids[0];
    String digestName = digestName(id.getHashAlgorithm());
    byte[] expected = digest(digestName, certificate.getEncoded());
    if (!MessageDigest.isEqual(expected, id.getCertHash())) {
      return false;
    }
    IssuerSerial issuerSerial = id.getIssuerSerial();
    return issuerSerial == null || issuerSerialMatches(issuerSerial, certificate);
  }

  private static boolean issuerSerialMatches(IssuerSerial actual, X509Certificate certificate) {
    IssuerSerial expected = issuerSerial(certificate);
    return expected.getSerial().equals(actual.getSerial())
        && expected.getIssuer().equals(actual.getIssuer());
  }

  private static IssuerSerial issuerSerial(X509Certificate certificate) {
    X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
    BigInteger serial = certificate.getSerialNumber();
    return new IssuerSerial(new GeneralNames(new GeneralName(issuer)), serial);
  }

  private static String digestName(AlgorithmIdentifier algorithm) {
    String oid = algorithm.getAlgorithm().getId();
    return GostAlgorithm.forDigestOid(oid)
        .map(GostAlgorithm::digestName)
        .orElseGet(() -> new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm));
  }

  /** Hashes with the SDK's Streebog, or with Bouncy Castle for any other algorithm. */
  private static byte[] digest(String digestName, byte[] data) {
    StreebogProvider streebog = StreebogProvider.instance();
    Provider provider = streebog.supportsDigest(digestName) ? streebog : BouncyCastle.provider();
    try {
      return MessageDigest.getInstance(digestName, provider).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("Unsupported certificate hash algorithm " + digestName, e);
    }
  }
}
