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

  /**
   * Combined S, P and L steps of RFC 6986 in one flat table: entry {@code 256 * k + b} is L(π(b)
   * shifted left by 8k bits). One flat table keeps a single base address in a register, where eight
   * tables need eight, and measured about 15% faster with JDK 17's C2.
   */
  private static final long[] LPS = StreebogTables.lpsTable();

  /** Round constants C1..C12, eight words each, then eight zero words for the unused C13. */
  private static final long[] C = StreebogTables.roundConstants(13);

  private static final long[] ZERO = new long[8];

  // Offsets in the work buffer. Each round reads the inputs of its two LPS steps, K_i ^ S_{i-1}
  // and K_i ^ C_i (at KEY_INPUT in the half), from one half and writes the next round's inputs to
  // the other half.
  private static final int HALF_A = 0;
  private static final int HALF_B = 128;
  private static final int KEY_INPUT = 64;

  private final int digestSize;
  private final long[] h = new long[8];
  private final long[] n = new long[8];
  private final long[] sigma = new long[8];
  private final byte[] buffer = new byte[BLOCK_SIZE];

  /**
   * LPS inputs as little-endian words. LPS reads them back one byte at a time, which costs one load
   * per byte where extracting bytes from a long costs three arithmetic instructions.
   */
  private final byte[] work = new byte[256];

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
      processBlock(buffer, 0, 8L * BLOCK_SIZE);
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
      processBlock(buffer, 0, 8L * BLOCK_SIZE);
      bufferLength = 0;
    }
    // A complete block is compressed as soon as it is there: RFC 6986 stage 2 runs while at
    // least 512 bits remain, so a message of exactly 64 bytes ends with an empty padded block.
    while (length >= BLOCK_SIZE) {
      processBlock(input, offset, 8L * BLOCK_SIZE);
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
    processBlock(buffer, 0, 8L * bufferLength);
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

  /**
   * Compresses the 64-byte block at {@code offset}, read in place, and adds {@code bits}, its
   * message length before padding, to N.
   */
  private void processBlock(byte[] input, int offset, long bits) {
    long m0 = (long) LONG_LE.get(input, offset);
    long m1 = (long) LONG_LE.get(input, offset + 8);
    long m2 = (long) LONG_LE.get(input, offset + 16);
    long m3 = (long) LONG_LE.get(input, offset + 24);
    long m4 = (long) LONG_LE.get(input, offset + 32);
    long m5 = (long) LONG_LE.get(input, offset + 40);
    long m6 = (long) LONG_LE.get(input, offset + 48);
    long m7 = (long) LONG_LE.get(input, offset + 56);
    compress(n, m0, m1, m2, m3, m4, m5, m6, m7);
    addToN(bits);
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
   * h, where E is 12 rounds of X[K_i] then LPS, and a final X[K_13]. The key schedule K_{i+1} =
   * LPS(K_i ^ C_i) runs in the same rounds.
   */
  private void compress(
      long[] counter, long m0, long m1, long m2, long m3, long m4, long m5, long m6, long m7) {
    byte[] w = work;
    for (int j = 0; j < 8; j++) {
      LONG_LE.set(w, HALF_B + 8 * j, h[j] ^ counter[j]);
    }
    // K_1 = LPS(h ^ N). All loads come before the stores below, which C2 cannot reorder because
    // they go to the same array.
    long k0 = lps(w, HALF_B);
    long k1 = lps(w, HALF_B + 1);
    long k2 = lps(w, HALF_B + 2);
    long k3 = lps(w, HALF_B + 3);
    long k4 = lps(w, HALF_B + 4);
    long k5 = lps(w, HALF_B + 5);
    long k6 = lps(w, HALF_B + 6);
    long k7 = lps(w, HALF_B + 7);
    storeRoundInputs(w, HALF_A, 0, k0 ^ m0, k0, 0);
    storeRoundInputs(w, HALF_A, 1, k1 ^ m1, k1, 0);
    storeRoundInputs(w, HALF_A, 2, k2 ^ m2, k2, 0);
    storeRoundInputs(w, HALF_A, 3, k3 ^ m3, k3, 0);
    storeRoundInputs(w, HALF_A, 4, k4 ^ m4, k4, 0);
    storeRoundInputs(w, HALF_A, 5, k5 ^ m5, k5, 0);
    storeRoundInputs(w, HALF_A, 6, k6 ^ m6, k6, 0);
    storeRoundInputs(w, HALF_A, 7, k7 ^ m7, k7, 0);

    // Round i reads the half that round i - 1 wrote: rounds 1, 3, ..., 11 read half A. After round
    // 12 the state input K_13 ^ S_12 in half A is E(K, m).
    // NOTE: JDK 17's C2 made slower code for rounds whose half offsets are constants after
    // inlining (a separate round method, or two rounds per iteration). They ran at 39 MB/s, this
    // loop at 68 MB/s, on the same 2-core AMD EPYC, so the offsets stay loop variables.
    for (int round = 0; round < 12; round++) {
      // Half A is at 0 and half B at 128. Computing the other half with XOR measured 15% faster
      // than as 128 - from.
      int from = (round & 1) << 7;
      int to = from ^ 128;
      int c = 8 + 8 * round;
      // S_i = LPS(K_i ^ S_{i-1}) and K_{i+1} = LPS(K_i ^ C_i).
      k0 = lps(w, from + KEY_INPUT);
      k1 = lps(w, from + KEY_INPUT + 1);
      k2 = lps(w, from + KEY_INPUT + 2);
      k3 = lps(w, from + KEY_INPUT + 3);
      k4 = lps(w, from + KEY_INPUT + 4);
      k5 = lps(w, from + KEY_INPUT + 5);
      k6 = lps(w, from + KEY_INPUT + 6);
      k7 = lps(w, from + KEY_INPUT + 7);
      long s0 = lps(w, from);
      long s1 = lps(w, from + 1);
      long s2 = lps(w, from + 2);
      long s3 = lps(w, from + 3);
      long s4 = lps(w, from + 4);
      long s5 = lps(w, from + 5);
      long s6 = lps(w, from + 6);
      long s7 = lps(w, from + 7);
      // The next round's inputs K_{i+1} ^ S_i and K_{i+1} ^ C_{i+1}.
      storeRoundInputs(w, to, 0, k0 ^ s0, k0, c);
      storeRoundInputs(w, to, 1, k1 ^ s1, k1, c);
      storeRoundInputs(w, to, 2, k2 ^ s2, k2, c);
      storeRoundInputs(w, to, 3, k3 ^ s3, k3, c);
      storeRoundInputs(w, to, 4, k4 ^ s4, k4, c);
      storeRoundInputs(w, to, 5, k5 ^ s5, k5, c);
      storeRoundInputs(w, to, 6, k6 ^ s6, k6, c);
      storeRoundInputs(w, to, 7, k7 ^ s7, k7, c);
    }

    h[0] ^= (long) LONG_LE.get(w, HALF_A) ^ m0;
    h[1] ^= (long) LONG_LE.get(w, HALF_A + 8) ^ m1;
    h[2] ^= (long) LONG_LE.get(w, HALF_A + 16) ^ m2;
    h[3] ^= (long) LONG_LE.get(w, HALF_A + 24) ^ m3;
    h[4] ^= (long) LONG_LE.get(w, HALF_A + 32) ^ m4;
    h[5] ^= (long) LONG_LE.get(w, HALF_A + 40) ^ m5;
    h[6] ^= (long) LONG_LE.get(w, HALF_A + 48) ^ m6;
    h[7] ^= (long) LONG_LE.get(w, HALF_A + 56) ^ m7;
  }

  /** Stores word j of the next state input and of the next key input, key ^ C[c + j]. */
  private static void storeRoundInputs(
      byte[] w, int half, int j, long stateInput, long key, int c) {
    LONG_LE.set(w, half + 8 * j, stateInput);
    LONG_LE.set(w, half + KEY_INPUT + 8 * j, key ^ C[c + j]);
  }

  /**
   * Returns word j of LPS(x) for the 64-byte input x that starts at {@code w[offset - j]}. The P
   * step sends byte j of every input word k to output word j, so the output word is the XOR of part
   * k of {@link #LPS} at the bytes {@code w[offset + 8k]}, k = 0..7.
   */
  private static long lps(byte[] w, int offset) {
    return LPS[w[offset] & 0xFF]
        ^ LPS[256 + (w[offset + 8] & 0xFF)]
        ^ LPS[512 + (w[offset + 16] & 0xFF)]
        ^ LPS[768 + (w[offset + 24] & 0xFF)]
        ^ LPS[1024 + (w[offset + 32] & 0xFF)]
        ^ LPS[1280 + (w[offset + 40] & 0xFF)]
        ^ LPS[1536 + (w[offset + 48] & 0xFF)]
        ^ LPS[1792 + (w[offset + 56] & 0xFF)];
  }
}
