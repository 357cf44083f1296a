package org.ezpsdk.signing.internal;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * {@link Streebog} as a JCA {@link MessageDigest}, named like Bouncy Castle's provider names it
 * ({@code GOST3411-2012-256}, {@code GOST3411-2012-512}). It is created directly, not looked up
 * through a provider.
 */
public final class StreebogMessageDigest extends MessageDigest implements Cloneable {
  private Streebog streebog;

  private StreebogMessageDigest(String algorithm, Streebog streebog) {
    super(algorithm);
    this.streebog = streebog;
  }

  /** Creates a Streebog-256 message digest. */
  public static StreebogMessageDigest streebog256() {
    return new StreebogMessageDigest("GOST3411-2012-256", new Streebog(32));
  }

  /** Creates a Streebog-512 message digest. */
  public static StreebogMessageDigest streebog512() {
    return new StreebogMessageDigest("GOST3411-2012-512", new Streebog(64));
  }

  @Override
  protected int engineGetDigestLength() {
    return streebog.digestSize();
  }

  @Override
  protected void engineUpdate(byte input) {
    streebog.update(input);
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int length) {
    streebog.update(input, offset, length);
  }

  @Override
  protected void engineUpdate(ByteBuffer input) {
    if (input.hasArray()) {
      int position = input.position();
      streebog.update(input.array(), input.arrayOffset() + position, input.remaining());
      input.position(input.limit());
    } else {
      super.engineUpdate(input);
    }
  }

  @Override
  protected byte[] engineDigest() {
    return streebog.digest();
  }

  @Override
  protected int engineDigest(byte[] output, int offset, int length) throws DigestException {
    if (length < streebog.digestSize()) {
      throw new DigestException(
          "Invalid output length for "
              + getAlgorithm()
              + ": "
              + length
              + " bytes given, at least "
              + streebog.digestSize()
              + " needed");
    }
    return streebog.doFinal(output, offset);
  }

  @Override
  protected void engineReset() {
    streebog.reset();
  }

  @Override
  public Object clone() throws CloneNotSupportedException {
    StreebogMessageDigest copy = (StreebogMessageDigest) super.clone();
    copy.streebog = streebog.copy();
    return copy;
  }
}
