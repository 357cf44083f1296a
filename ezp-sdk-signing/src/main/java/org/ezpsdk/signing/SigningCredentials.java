package org.ezpsdk.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.ezpsdk.signing.internal.Certificates;
import org.ezpsdk.signing.internal.GostAlgorithm;

/**
 * A GOST R 34.10-2012 private key with its certificate and the certificates above it. Creation
 * signs and verifies a probe, so an instance always contains a certificate that belongs to its key.
 * {@link #toString()} shows the subject, serial number and key size, never key material.
 */
public final class SigningCredentials {
  private static final byte[] PROBE = "ezp-sdk key probe".getBytes(StandardCharsets.US_ASCII);

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final List<X509Certificate> chain;
  private final GostAlgorithm algorithm;

  private SigningCredentials(
      PrivateKey privateKey,
      X509Certificate certificate,
      List<X509Certificate> chain,
      GostAlgorithm algorithm) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.chain = chain;
    this.algorithm = algorithm;
  }

  /**
   * Creates credentials with no certificates above the signer's; see {@link #of(PrivateKey,
   * X509Certificate, List)}.
   */
  public static SigningCredentials of(PrivateKey privateKey, X509Certificate certificate) {
    return of(privateKey, certificate, List.of());
  }

  /**
   * Creates credentials after checking that the key is a GOST R 34.10-2012 key and that the
   * certificate's public key verifies a probe signed with it.
   *
   * @param chain the issuing CA certificates, nearest first; they go into each signature
   * @throws SigningException when the key is not GOST R 34.10-2012 or the certificate does not
   *     belong to it
   */
  public static SigningCredentials of(
      PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(chain, "chain");
    GostAlgorithm algorithm =
        GostAlgorithm.forKey(privateKey)
            .orElseThrow(
                () ->
                    new SigningException(
                        "Private key algorithm '"
                            + privateKey.getAlgorithm()
                            + "' is not GOST R 34.10-2012 (ECGOST3410-2012); supply a GOST R"
                            + " 34.10-2012 key with a 256-bit or 512-bit curve"));
    X509Certificate signer = normalise(certificate);
    List<X509Certificate> issuers = new ArrayList<>();
    for (X509Certificate issuer : chain) {
      issuers.add(normalise(issuer));
    }
    checkKeyMatches(privateKey, signer, algorithm);
    return new SigningCredentials(privateKey, signer, List.copyOf(issuers), algorithm);
  }

  /** Returns the private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** Returns the signer's certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Returns the issuing CA certificates, nearest first; empty for a self-signed certificate. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** Returns the signer's certificate followed by the chain. */
  public List<X509Certificate> certificates() {
    List<X509Certificate> all = new ArrayList<>(chain.size() + 1);
    all.add(certificate);
    all.addAll(chain);
    return List.copyOf(all);
  }

  /** Returns the key size in bits: 256 or 512. */
  public int keySize() {
    return algorithm.keySize();
  }

  GostAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public String toString() {
    return "SigningCredentials[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", serial="
        + certificate.getSerialNumber().toString(16)
        + ", keySize="
        + algorithm.keySize()
        + "]";
  }

  private static X509Certificate normalise(X509Certificate certificate) {
    try {
      return Certificates.toBouncyCastle(certificate);
    } catch (CertificateException e) {
      throw new SigningException(
          "Failed to read certificate '"
              + certificate.getSubjectX500Principal().getName()
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private static void checkKeyMatches(
      PrivateKey privateKey, X509Certificate certificate, GostAlgorithm algorithm) {
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm.signatureName(), BouncyCastle.provider());
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] probeSignature = signer.sign();

      Signature verifier =
          Signature.getInstance(algorithm.signatureName(), BouncyCastle.provider());
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      matches = verifier.verify(probeSignature);
    } catch (InvalidKeyException | SignatureException | IllegalArgumentException e) {
      // A certificate with an RSA or other non-GOST public key lands here, so it cannot match.
      matches = false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "Bouncy Castle provider lacks " + algorithm.signatureName(), e);
    }
    if (!matches) {
      throw new SigningException(
          "Certificate '"
              + certificate.getSubjectX500Principal().getName()
              + "' (serial "
              + certificate.getSerialNumber().toString(16)
              + ") does not belong to the private key: its public key does not verify a"
              + " signature made with the key; supply the certificate issued for this key");
    }
  }
}
