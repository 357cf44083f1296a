package org.ezpsdk.signing;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.ezpsdk.signing.ChainResult.Status;
import org.ezpsdk.signing.internal.BouncyCastle;

/**
 * Validates a signer's certificate path with the PKIX validator of Bouncy Castle against the
 * caller's trust anchors. The path is built from the signer's certificate upwards through the
 * certificates carried in the CMS, by issuer name, until a certificate issued by a trust anchor.
 */
final class ChainCheck {
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int MAX_PATH_LENGTH = 10;

  private final TrustAnchors trustAnchors;

  ChainCheck(TrustAnchors trustAnchors) {
    this.trustAnchors = trustAnchors;
  }

  /**
   * Checks the path of {@code signer} at {@code at}.
   *
   * @param carried the certificates carried in the signature, which may include the signer's
   */
  ChainResult check(X509Certificate signer, Collection<X509Certificate> carried, Instant at) {
    if (!hasSigningKeyUsage(signer)) {
      return new ChainResult(
          Status.WRONG_KEY_USAGE,
          "The certificate of '"
              + subject(signer)
              + "' has key usage "
              + keyUsageNames(signer)
              + ", without digitalSignature or nonRepudiation, so it may not sign documents");
    }
    List<X509Certificate> path = buildPath(signer, carried);
    ChainResult validity = checkValidity(path, at);
    if (validity != null) {
      return validity;
    }
    if (trustAnchors.certificates().contains(signer)) {
      return new ChainResult(Status.TRUSTED, "");
    }
    return validate(path, at);
  }

  private static boolean hasSigningKeyUsage(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    // A certificate without the extension may be used for any purpose (RFC 5280, 4.2.1.3).
    return usage == null || usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION];
  }

  private List<X509Certificate> buildPath(
      X509Certificate signer, Collection<X509Certificate> carried) {
    List<X509Certificate> path = new ArrayList<>();
    path.add(signer);
    X509Certificate current = signer;
    while (path.size() < MAX_PATH_LENGTH && !issuedByAnchor(current) && !selfIssued(current)) {
      X509Certificate issuer = findIssuer(current, carried, path);
      if (issuer == null) {
        break;
      }
      path.add(issuer);
      current = issuer;
    }
    return path;
  }

  private boolean issuedByAnchor(X509Certificate certificate) {
    for (X509Certificate anchor : trustAnchors.certificates()) {
      if (anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        return true;
      }
    }
    return false;
  }

  private static boolean selfIssued(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }

  private static X509Certificate findIssuer(
      X509Certificate certificate,
      Collection<X509Certificate> carried,
      List<X509Certificate> path) {
    for (X509Certificate candidate : carried) {
      if (!path.contains(candidate)
          && candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        return candidate;
      }
    }
    return null;
  }

  /** Returns the first validity failure in the path, or null when every certificate is valid. */
  private static ChainResult checkValidity(List<X509Certificate> path, Instant at) {
    for (X509Certificate certificate : path) {
      try {
        certificate.checkValidity(Date.from(at));
      } catch (CertificateExpiredException | CertificateNotYetValidException e) {
        boolean expired = e instanceof CertificateExpiredException;
        return new ChainResult(
            expired ? Status.EXPIRED : Status.NOT_YET_VALID,
            "The certificate of '"
                + subject(certificate)
                + "' (serial "
                + certificate.getSerialNumber().toString(16)
                + ") is valid from "
                + certificate.getNotBefore().toInstant()
                + " to "
                + certificate.getNotAfter().toInstant()
                + ", so it "
                + (expired ? "had expired" : "was not yet valid")
                + " at "
                + at);
      }
    }
    return null;
  }

  private ChainResult validate(List<X509Certificate> path, Instant at) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
      CertPath certPath = factory.generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(trustAnchors.anchors());
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX", BouncyCastle.provider()).validate(certPath, parameters);
      return new ChainResult(Status.TRUSTED, "");
    } catch (CertPathValidatorException e) {
      return failure(path, e);
    } catch (GeneralSecurityException e) {
      return new ChainResult(
          Status.INVALID_PATH, "The certificate path could not be checked: " + e.getMessage());
    }
  }

  private ChainResult failure(List<X509Certificate> path, CertPathValidatorException e) {
    X509Certificate top = path.get(path.size() - 1);
    if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR || !issuedByAnchor(top)) {
      return new ChainResult(
          Status.UNTRUSTED_ISSUER,
          "The certificate of '"
              + subject(top)
              + "' was issued by '"
              + top.getIssuerX500Principal().getName()
              + "', which is not among the trust anchors "
              + trustAnchors
              + " and not in the signature; add that CA's certificate to the trust anchors if it"
              + " is trusted");
    }
    return new ChainResult(
        Status.INVALID_PATH,
        "The certificate path from '"
            + subject(path.get(0))
            + "' does not validate: "
            + e.getMessage());
  }

  private static String keyUsageNames(X509Certificate certificate) {
    String[] names = {
      "digitalSignature",
      "nonRepudiation",
      "keyEncipherment",
      "dataEncipherment",
      "keyAgreement",
      "keyCertSign",
      "cRLSign",
      "encipherOnly",
      "decipherOnly"
    };
    boolean[] usage = certificate.getKeyUsage();
    List<String> set = new ArrayList<>();
    for (int i = 0; i < usage.length && i < names.length; i++) {
      if (usage[i]) {
        set.add(names[i]);
      }
    }
    return set.toString();
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }
}
