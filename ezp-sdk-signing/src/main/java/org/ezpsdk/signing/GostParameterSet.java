package org.ezpsdk.signing;

import java.util.Optional;

/**
 * Elliptic-curve parameter sets of GOST R 34.10-2012, as registered by TC 26 and CryptoPro. The
 * 256-bit sets tc26 B, C and D use the same curves as CryptoPro A, B and C but carry their own
 * OIDs, and a key remembers the OID it was made with.
 */
public enum GostParameterSet {
  TC26_256_A("1.2.643.7.1.2.1.1.1", "Tc26-Gost-3410-12-256-paramSetA", 256, "TCA"),
  TC26_256_B("1.2.643.7.1.2.1.1.2", "Tc26-Gost-3410-12-256-paramSetB", 256, "TCB"),
  TC26_256_C("1.2.643.7.1.2.1.1.3", "Tc26-Gost-3410-12-256-paramSetC", 256, "TCC"),
  TC26_256_D("1.2.643.7.1.2.1.1.4", "Tc26-Gost-3410-12-256-paramSetD", 256, "TCD"),
  CRYPTOPRO_A("1.2.643.2.2.35.1", "GostR3410-2001-CryptoPro-A", 256, "A"),
  CRYPTOPRO_B("1.2.643.2.2.35.2", "GostR3410-2001-CryptoPro-B", 256, "B"),
  CRYPTOPRO_C("1.2.643.2.2.35.3", "GostR3410-2001-CryptoPro-C", 256, "C"),
  CRYPTOPRO_XCHA("1.2.643.2.2.36.0", "GostR3410-2001-CryptoPro-XchA", 256, "XA"),
  CRYPTOPRO_XCHB("1.2.643.2.2.36.1", "GostR3410-2001-CryptoPro-XchB", 256, "XB"),
  TC26_512_A("1.2.643.7.1.2.1.2.1", "Tc26-Gost-3410-12-512-paramSetA", 512, "A"),
  TC26_512_B("1.2.643.7.1.2.1.2.2", "Tc26-Gost-3410-12-512-paramSetB", 512, "B"),
  TC26_512_C("1.2.643.7.1.2.1.2.3", "Tc26-Gost-3410-12-512-paramSetC", 512, "C");

  private final String oid;
  private final String curveName;
  private final int keySize;
  private final String openSslParamSet;

  GostParameterSet(String oid, String curveName, int keySize, String openSslParamSet) {
    this.oid = oid;
    this.curveName = curveName;
    this.keySize = keySize;
    this.openSslParamSet = openSslParamSet;
  }

  /** Returns the OID of the parameter set, as written in keys and certificates. */
  public String oid() {
    return oid;
  }

  /** Returns the curve name that Bouncy Castle's {@code ECGOST3410NamedCurves} uses. */
  public String curveName() {
    return curveName;
  }

  /** Returns the key size in bits: 256 or 512. */
  public int keySize() {
    return keySize;
  }

  /**
   * Returns the name that OpenSSL's gost-engine (3.0) takes for this set in {@code -pkeyopt
   * paramset:NAME}, with algorithm {@code gost2012_256} for 256-bit sets and {@code gost2012_512}
   * for 512-bit sets. The engine has no name for {@code D} of the 256-bit CryptoPro sets; {@code
   * A}, {@code B} and {@code C} mean CryptoPro A, B and C for 256 bits but tc26 A, B and C for 512
   * bits.
   */
  public String openSslParamSet() {
    return openSslParamSet;
  }

  /** Returns the OpenSSL algorithm name for keys on this set: gost2012_256 or gost2012_512. */
  public String openSslAlgorithm() {
    return keySize == 256 ? "gost2012_256" : "gost2012_512";
  }

  /** Finds the parameter set with the given OID. */
  public static Optional<GostParameterSet> fromOid(String oid) {
    for (GostParameterSet set : values()) {
      if (set.oid.equals(oid)) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }

  /** Finds the parameter set with the given Bouncy Castle curve name. */
  public static Optional<GostParameterSet> fromCurveName(String curveName) {
    for (GostParameterSet set : values()) {
      if (set.curveName.equalsIgnoreCase(curveName)) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }
}
