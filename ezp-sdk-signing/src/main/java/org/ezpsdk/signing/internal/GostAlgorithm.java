package org.ezpsdk.signing.internal;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.util.Optional;

/**
 * The algorithm identifiers that go with one GOST R 34.10-2012 key size: the key OID, the Streebog
 * digest and the signature-with-digest OID, plus their Bouncy Castle JCA names.
 */
public enum GostAlgorithm {
  GOST_2012_256(
      256,
      "1.2.643.7.1.1.1.1",
      "1.2.643.7.1.1.2.2",
      "1.2.643.7.1.1.3.2",
      "GOST3411-2012-256",
      "GOST3411-2012-256WITHECGOST3410-2012-256"),
  GOST_2012_512(
      512,
      "1.2.643.7.1.1.1.2",
      "1.2.643.7.1.1.2.3",
      "1.2.643.7.1.1.3.3",
      "GOST3411-2012-512",
      "GOST3411-2012-512WITHECGOST3410-2012-512");

  private final int keySize;
  private final String keyOid;
  private final String digestOid;
  private final String signatureOid;
  private final String digestName;
  private final String signatureName;

  GostAlgorithm(
      int keySize,
      String keyOid,
      String digestOid,
      String signatureOid,
      String digestName,
      String signatureName) {
    this.keySize = keySize;
    this.keyOid = keyOid;
    this.digestOid = digestOid;
    this.signatureOid = signatureOid;
    this.digestName = digestName;
    this.signatureName = signatureName;
  }

  public int keySize() {
    return keySize;
  }

  public String keyOid() {
    return keyOid;
  }

  public String digestOid() {
    return digestOid;
  }

  public String signatureOid() {
    return signatureOid;
  }

  public String digestName() {
    return digestName;
  }

  public String signatureName() {
    return signatureName;
  }

  /**
   * Returns the algorithm for a GOST R 34.10-2012 key, judged by the size of the curve's field (the
   * order of the tc26 256-bit set A is shorter than 256 bits, so the order would mislead).
   */
  public static Optional<GostAlgorithm> forKey(Key key) {
    if (!(key instanceof ECKey) || !key.getAlgorithm().startsWith("ECGOST3410-2012")) {
      return Optional.empty();
    }
    if (((ECKey) key).getParams() == null) {
      return Optional.empty();
    }
    int fieldSize = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
    return Optional.of(fieldSize <= 256 ? GOST_2012_256 : GOST_2012_512);
  }

  /** Finds the algorithm whose Streebog digest has the given OID. */
  public static Optional<GostAlgorithm> forDigestOid(String oid) {
    for (GostAlgorithm algorithm : values()) {
      if (algorithm.digestOid.equals(oid)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
