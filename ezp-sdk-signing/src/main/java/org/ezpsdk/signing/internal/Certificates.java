package org.ezpsdk.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Parses X.509 certificates with Bouncy Castle, so that GOST public keys come out usable. */
public final class Certificates {
  private Certificates() {}

  /** Parses every certificate in the stream, PEM (one or more blocks) or DER. */
  public static List<X509Certificate> parseAll(InputStream in) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
    List<X509Certificate> result = new ArrayList<>();
    for (java.security.cert.Certificate certificate : factory.generateCertificates(in)) {
      result.add((X509Certificate) certificate);
    }
    return result;
  }

  /**
   * Returns the certificate re-parsed by Bouncy Castle. A certificate parsed by the JDK's own
   * factory has a public key that Bouncy Castle's GOST signature classes cannot use.
   */
  public static X509Certificate toBouncyCastle(X509Certificate certificate)
      throws CertificateException {
    if (certificate.getClass().getName().startsWith("org.bouncycastle.")) {
      return certificate;
    }
    CertificateFactory factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
    try (InputStream in = new ByteArrayInputStream(certificate.getEncoded())) {
      return (X509Certificate) factory.generateCertificate(in);
    } catch (IOException e) {
      throw new CertificateException("Failed to re-read certificate: " + e.getMessage(), e);
    }
  }
}
