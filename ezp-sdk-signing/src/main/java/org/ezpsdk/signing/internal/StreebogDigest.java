package org.ezpsdk.signing.internal;

import org.bouncycastle.crypto.ExtendedDigest;

/**
 * {@link Streebog} as a Bouncy Castle {@link ExtendedDigest}, with the algorithm names of Bouncy
 * Castle's own GOST3411_2012_256Digest and GOST3411_2012_512Digest.
 */
public final class StreebogDigest implements ExtendedDigest {
  private final Streebog streebog;

  private StreebogDigest(int digestSize) {
    this.streebog = new Streebog(digestSize);
  }

  /** Creates a Streebog-256 digest (GOST R 34.11-2012, 256-bit output). */
  public static StreebogDigest streebog256() {
    return new StreebogDigest(32);
  }

  /** Creates a Streebog-512 digest (GOST R 34.11-2012, 512-bit output). */
  public static StreebogDigest streebog512() {
    return new StreebogDigest(64);
  }

  @Override
  public String getAlgorithmName() {
    return streebog.digestSize() == 32 ? "GOST3411-2012-256" : "GOST3411-2012-512";
  }

  @Override
  public int getDigestSize() {
    return streebog.digestSize();
  }

  @Override
  public int getByteLength() {
    return Streebog.BLOCK_SIZE;
  }

  @Override
  public void update(byte input) {
    streebog.update(input);
  }

  @Override
  public void update(byte[] input, int offset, int length) {
    streebog.update(input, offset, length);
  }

  @Override
  public int doFinal(byte[] output, int offset) {
    return streebog.doFinal(output, offset);
  }

  @Override
  public void reset() {
    streebog.reset();
  }
}
