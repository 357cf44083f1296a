package org.ezpsdk.signing.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** Tells whether a certificate belongs to a GOST private key, by signing and verifying a probe. */
final class KeyMatch {
  private static final byte[] PROBE = "ezp-sdk key match".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  static boolean matches(PrivateKey key, X509Certificate certificate) {
    Optional<GostAlgorithm> algorithm = GostAlgorithm.forKey(key);
    if (algorithm.isEmpty()) {
      return false;
    }
    try {
      Signature signer =
          Signature.getInstance(algorithm.get().signatureName(), BouncyCastle.provider());
      signer.initSign(key);
      signer.update(PROBE);
      byte[] value = signer.sign();
      Signature verifier =
          Signature.getInstance(algorithm.get().signatureName(), BouncyCastle.provider());
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      return verifier.verify(value);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
