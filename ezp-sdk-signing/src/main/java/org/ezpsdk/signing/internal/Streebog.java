package org.ezpsdk.signing.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Streebog, the hash function of GOST R 34.11-2012 (RFC 6986), with a 256- or 512-bit output.
 *
 * <p>The state is kept as eight 64-bit little-endian words: word 0 contains message bytes 0 to 7,
 * so byte {@code i} of a block is the coefficient of 2^(8i) in the 512-bit number that RFC 6986
 * works with. RFC 6986 prints vectors with that number's most significant byte first, which is the
 * reverse of the byte order of messages and digests here.
 *
 * <p>Instances are not thread-safe. This class is public only so that the benchmarks module can
 * reach it; it is not part of the SDK's API.
 */
public final class Streebog {
  /** Block size in bytes. */
  public static final int BLOCK_SIZE = 64;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // Combined S, P and L steps of RFC 6986: TK[b] = L(pi(b) << 8k) for byte lane k.
  private static final long[] T0 = StreebogTables.lpsTable(0);
  private static final long[] T1 = StreebogTables.lpsTable(1);
  private static final long[] T2 = StreebogTables.lpsTable(2);
  private static final long[] T3 = StreebogTables.lpsTable(3);
  private static final long[] T4 = StreebogTables.lpsTable(4);
  private static final long[] T5 = StreebogTables.lpsTable(5);
  private static final long[] T6 = StreebogTables.lpsTable(6);
  private static final long[] T7 = StreebogTables.lpsTable(7);

  /** Round constants C1..C12, eight words each, stored one after another. */
  private static final long[] C = StreebogTables.roundConstants();

  private static final long[] ZERO = new long[8];

  private final int digestSize;
  private final long[] h = new long[8];
  private final long[] n = new long[8];
  private final long[] sigma = new long[8];
  private final byte[] buffer = new byte[BLOCK_SIZE];
  private int bufferLength;

  /**
   * Creates a digest with an output of {@code digestSize} bytes.
   *
   * @param digestSize 32 for Streebog-256 or 64 for Streebog-512
   * @throws IllegalArgumentException for any other size
   */
  public Streebog(int digestSize) {
    if (digestSize != 32 && digestSize != 64) {
      throw new IllegalArgumentException(
          "Invalid Streebog digest size " + digestSize + " bytes: use 32 (256 bits) or 64 (512)");
    }
    this.digestSize = digestSize;
    reset();
  }

  private Streebog(Streebog source) {
    this.digestSize = source.digestSize;
    System.arraycopy(source.h, 0, h, 0, 8);
    System.arraycopy(source.n, 0, n, 0, 8);
    System.arraycopy(source.sigma, 0, sigma, 0, 8);
    System.arraycopy(source.buffer, 0, buffer, 0, BLOCK_SIZE);
    this.bufferLength = source.bufferLength;
  }

  /** Returns the output size in bytes: 32 or 64. */
  public int digestSize() {
    return digestSize;
  }

  /** Returns an independent digest in the same state as this one. */
  public Streebog copy() {
    return new Streebog(this);
  }

  /** Restores the initial state: IV of 0x01 bytes for 256 bits, of zero bytes for 512. */
  public void reset() {
    Arrays.fill(h, digestSize == 32 ? 0x0101010101010101L : 0L);
    Arrays.fill(n, 0L);
    Arrays.fill(sigma, 0L);
    Arrays.fill(buffer, (byte) 0);
    bufferLength = 0;
  }

  /** Adds one byte to the message. */
  public void update(byte input) {
    buffer[bufferLength++] = input;
    if (bufferLength == BLOCK_SIZE) {
      processBlock(buffer, 0);
      bufferLength = 0;
    }
  }

  /**
   * Adds {@code length} bytes of {@code input} from {@code offset} to the message.
   *
   * @throws IndexOutOfBoundsException if the range is outside {@code input}
   */
  public void update(byte[] input, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, input.length);
    if (bufferLength > 0) {
      int copied = Math.min(length, BLOCK_SIZE - bufferLength);
      System.arraycopy(input, offset, buffer, bufferLength, copied);
      bufferLength += copied;
      offset += copied;
      length -= copied;
      if (bufferLength < BLOCK_SIZE) {
        return;
      }
      processBlock(buffer, 0);
      bufferLength = 0;
    }
    // A complete block is compressed as soon as it is there: RFC 6986 stage 2 runs while at
    // least 512 bits remain, so a message of exactly 64 bytes ends with an empty padded block.
    while (length >= BLOCK_SIZE) {
      processBlock(input, offset);
      offset += BLOCK_SIZE;
      length -= BLOCK_SIZE;
    }
    System.arraycopy(input, offset, buffer, 0, length);
    bufferLength = length;
  }

  /**
   * Writes the digest to {@code output} from {@code offset} and resets this digest.
   *
   * @return the number of bytes written, {@link #digestSize()}
   * @throws IndexOutOfBoundsException if the digest does not fit in {@code output}
   */
  public int doFinal(byte[] output, int offset) {
    Objects.checkFromIndexSize(offset, digestSize, output.length);
    // Stage 3: pad the last bytes (0 to 63 of them) with 0x01 and zeros.
    buffer[bufferLength] = 1;
    Arrays.fill(buffer, bufferLength + 1, BLOCK_SIZE, (byte) 0);
    long[] m = new long[8];
    for (int j = 0; j < 8; j++) {
      m[j] = (long) LONG_LE.get(buffer, 8 * j);
    }
    compress(n, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
    addToN(8L * bufferLength);
    addToSigma(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
    compress(ZERO, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
    compress(ZERO, sigma[0], sigma[1], sigma[2], sigma[3], sigma[4], sigma[5], sigma[6], sigma[7]);

    // Streebog-256 is the most significant half of the final state, words 4 to 7.
    int firstWord = 8 - digestSize / 8;
    for (int j = firstWord; j < 8; j++) {
      LONG_LE.set(output, offset + 8 * (j - firstWord), h[j]);
    }
    reset();
    return digestSize;
  }

  /** Returns the digest of the bytes added so far and resets this digest. */
  public byte[] digest() {
    byte[] result = new byte[digestSize];
    doFinal(result, 0);
    return result;
  }

  private void processBlock(byte[] input, int offset) {
    long m0 = (long) LONG_LE.get(input, offset);
    long m1 = (long) LONG_LE.get(input, offset + 8);
    long m2 = (long) LONG_LE.get(input, offset + 16);
    long m3 = (long) LONG_LE.get(input, offset + 24);
    long m4 = (long) LONG_LE.get(input, offset + 32);
    long m5 = (long) LONG_LE.get(input, offset + 40);
    long m6 = (long) LONG_LE.get(input, offset + 48);
    long m7 = (long) LONG_LE.get(input, offset + 56);
    compress(n, m0, m1, m2, m3, m4, m5, m6, m7);
    addToN(8L * BLOCK_SIZE);
    addToSigma(m0, m1, m2, m3, m4, m5, m6, m7);
  }

  /** Adds {@code bits} (at most 512) to N modulo 2^512. */
  private void addToN(long bits) {
    long sum = n[0] + bits;
    boolean carry = Long.compareUnsigned(sum, bits) < 0;
    n[0] = sum;
    for (int j = 1; carry && j < 8; j++) {
      n[j]++;
      carry = n[j] == 0;
    }
  }

  /** Adds the block m0..m7 to Σ modulo 2^512, carrying across all eight words. */
  private void addToSigma(long m0, long m1, long m2, long m3, long m4, long m5, long m6, long m7) {
    long carry = addWord(0, m0, 0);
    carry = addWord(1, m1, carry);
    carry = addWord(2, m2, carry);
    carry = addWord(3, m3, carry);
    carry = addWord(4, m4, carry);
    carry = addWord(5, m5, carry);
    carry = addWord(6, m6, carry);
    addWord(7, m7, carry);
  }

  /** Sets sigma[j] to sigma[j] + word + carryIn and returns the carry out, 0 or 1. */
  private long addWord(int j, long word, long carryIn) {
    long a = sigma[j];
    long sum = a + word + carryIn;
    sigma[j] = sum;
    // Carry out of a full adder: set when both addends have the top bit, or either has it and the
    // sum lost it.
    return ((a & word) | ((a | word) & ~sum)) >>> 63;
  }

  /**
   * Applies the compression function g_N(h, m) = E(LPS(h ^ N), m) ^ h ^ m of RFC 6986 to the state
   * h, where E is 12 rounds of X[K_i] then LPS, and a final X[K_13].
   */
  private void compress(
      long[] counter, long m0, long m1, long m2, long m3, long m4, long m5, long m6, long m7) {
    long x0 = h[0] ^ counter[0];
    long x1 = h[1] ^ counter[1];
    long x2 = h[2] ^ counter[2];
    long x3 = h[3] ^ counter[3];
    long x4 = h[4] ^ counter[4];
    long x5 = h[5] ^ counter[5];
    long x6 = h[6] ^ counter[6];
    long x7 = h[7] ^ counter[7];
    long k0 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 0);
    long k1 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 8);
    long k2 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 16);
    long k3 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 24);
    long k4 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 32);
    long k5 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 40);
    long k6 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 48);
    long k7 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 56);

    long s0 = m0;
    long s1 = m1;
    long s2 = m2;
    long s3 = m3;
    long s4 = m4;
    long s5 = m5;
    long s6 = m6;
    long s7 = m7;
    // NOTE: unrolling this loop (12 rounds, or 2 per iteration) made JDK 17's C2 code slower on an
    // AMD EPYC (30 to 37 against 51 MB/s), so the rounds stay in a loop.
    for (int c = 0; c < 12 * 8; c += 8) {
      // State: S_{i+1} = LPS(K_i ^ S_i).
      x0 = k0 ^ s0;
      x1 = k1 ^ s1;
      x2 = k2 ^ s2;
      x3 = k3 ^ s3;
      x4 = k4 ^ s4;
      x5 = k5 ^ s5;
      x6 = k6 ^ s6;
      x7 = k7 ^ s7;
      s0 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 0);
      s1 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 8);
      s2 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 16);
      s3 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 24);
      s4 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 32);
      s5 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 40);
      s6 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 48);
      s7 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 56);

      // Key schedule: K_{i+1} = LPS(K_i ^ C_i).
      x0 = k0 ^ C[c];
      x1 = k1 ^ C[c + 1];
      x2 = k2 ^ C[c + 2];
      x3 = k3 ^ C[c + 3];
      x4 = k4 ^ C[c + 4];
      x5 = k5 ^ C[c + 5];
      x6 = k6 ^ C[c + 6];
      x7 = k7 ^ C[c + 7];
      k0 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 0);
      k1 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 8);
      k2 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 16);
      k3 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 24);
      k4 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 32);
      k5 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 40);
      k6 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 48);
      k7 = lps(x0, x1, x2, x3, x4, x5, x6, x7, 56);
    }

    h[0] ^= s0 ^ k0 ^ m0;
    h[1] ^= s1 ^ k1 ^ m1;
    h[2] ^= s2 ^ k2 ^ m2;
    h[3] ^= s3 ^ k3 ^ m3;
    h[4] ^= s4 ^ k4 ^ m4;
    h[5] ^= s5 ^ k5 ^ m5;
    h[6] ^= s6 ^ k6 ^ m6;
    h[7] ^= s7 ^ k7 ^ m7;
  }

  /**
   * Returns one output word of LPS: the P step sends byte lane {@code shift / 8} of every input
   * word to output word {@code shift / 8}, and table Tk applies S and L to the byte from word k.
   */
  private static long lps(
      long x0, long x1, long x2, long x3, long x4, long x5, long x6, long x7, int shift) {
    return T0[(int) (x0 >>> shift) & 0xFF]
        ^ T1[(int) (x1 >>> shift) & 0xFF]
        ^ T2[(int) (x2 >>> shift) & 0xFF]
        ^ T3[(int) (x3 >>> shift) & 0xFF]
        ^ T4[(int) (x4 >>> shift) & 0xFF]
        ^ T5[(int) (x5 >>> shift) & 0xFF]
        ^ T6[(int) (x6 >>> shift) & 0xFF]
        ^ T7[(int) (x7 >>> shift) & 0xFF];
  }
}
