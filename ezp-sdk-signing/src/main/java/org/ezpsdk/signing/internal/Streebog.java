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
    compressWords(n);
    compressWords(sigma);

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
    compress(n, input, offset);
    addToN(bits);
    addToSigma(input, offset);
  }

  /** Applies g_0(h, words) to the state h, for the last two steps of stage 3. */
  private void compressWords(long[] words) {
    for (int j = 0; j < 8; j++) {
      LONG_LE.set(buffer, 8 * j, words[j]);
    }
    compress(ZERO, buffer, 0);
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

  /**
   * Adds the 64-byte block at {@code offset} to Σ modulo 2^512, carrying across all eight words.
   */
  private void addToSigma(byte[] block, int offset) {
    long carry = 0;
    for (int j = 0; j < 8; j++) {
      carry = addWord(j, (long) LONG_LE.get(block, offset + 8 * j), carry);
    }
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
  private void compress(long[] counter, byte[] block, int offset) {
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
    storeFirstRoundInputs(w, 0, k0, (long) LONG_LE.get(block, offset));
    storeFirstRoundInputs(w, 1, k1, (long) LONG_LE.get(block, offset + 8));
    storeFirstRoundInputs(w, 2, k2, (long) LONG_LE.get(block, offset + 16));
    storeFirstRoundInputs(w, 3, k3, (long) LONG_LE.get(block, offset + 24));
    storeFirstRoundInputs(w, 4, k4, (long) LONG_LE.get(block, offset + 32));
    storeFirstRoundInputs(w, 5, k5, (long) LONG_LE.get(block, offset + 40));
    storeFirstRoundInputs(w, 6, k6, (long) LONG_LE.get(block, offset + 48));
    storeFirstRoundInputs(w, 7, k7, (long) LONG_LE.get(block, offset + 56));
    rounds(w);
    for (int j = 0; j < 8; j++) {
      h[j] ^= (long) LONG_LE.get(w, HALF_A + 8 * j) ^ (long) LONG_LE.get(block, offset + 8 * j);
    }
  }

  /**
   * Runs the 12 rounds on the work buffer. Round i reads K_i ^ S_{i-1} and K_i ^ C_i from one half
   * and writes K_{i+1} ^ S_i and K_{i+1} ^ C_{i+1} to the other: rounds 1, 3, ..., 11 read half A,
   * so after round 12 half A contains K_13 ^ S_12, which is E(K, m).
   *
   * <p>NOTE: the rounds are a method of their own so that JDK 17's C2 allocates registers for them
   * apart from compress; in compress, a change outside the loop moved the loop from 74 to 55 MB/s.
   * The half offsets stay loop variables: with constant offsets C2 can tell every load from every
   * store, moves all loads to the top of the round and runs out of registers (48 MB/s).
   */
  private static void rounds(byte[] w) {
    for (int round = 0; round < 12; round++) {
      // Half A is at 0 and half B at 128. Computing the other half with XOR measured 15% faster
      // than as 128 - from.
      int from = (round & 1) << 7;
      int to = from ^ 128;
      int c = 8 + 8 * round;
      // S_i = LPS(K_i ^ S_{i-1}), kept in the next state input until K_{i+1} is added to it.
      long s0 = lps(w, from);
      long s1 = lps(w, from + 1);
      long s2 = lps(w, from + 2);
      long s3 = lps(w, from + 3);
      long s4 = lps(w, from + 4);
      long s5 = lps(w, from + 5);
      long s6 = lps(w, from + 6);
      long s7 = lps(w, from + 7);
      LONG_LE.set(w, to, s0);
      LONG_LE.set(w, to + 8, s1);
      LONG_LE.set(w, to + 16, s2);
      LONG_LE.set(w, to + 24, s3);
      LONG_LE.set(w, to + 32, s4);
      LONG_LE.set(w, to + 40, s5);
      LONG_LE.set(w, to + 48, s6);
      LONG_LE.set(w, to + 56, s7);
      // K_{i+1} = LPS(K_i ^ C_i), stored word by word.
      storeNextKeyWord(w, from, to, c, 0);
      storeNextKeyWord(w, from, to, c, 1);
      storeNextKeyWord(w, from, to, c, 2);
      storeNextKeyWord(w, from, to, c, 3);
      storeNextKeyWord(w, from, to, c, 4);
      storeNextKeyWord(w, from, to, c, 5);
      storeNextKeyWord(w, from, to, c, 6);
      storeNextKeyWord(w, from, to, c, 7);
    }
  }

  /**
   * Computes word j of K_{i+1} = LPS(K_i ^ C_i) from the half at {@code from}, stores K_{i+1} ^
   * C_{i+1} in the next key input and adds K_{i+1} to S_i in the next state input at {@code to}.
   *
   * <p>Storing each word before the next one is computed keeps C2 from loading the inputs of all
   * eight words first: it cannot prove that the stores miss those inputs, so the loads stay after
   * them and only one key word is held in a register. Computing all eight key words before storing
   * kept 16 words live, spilled a third of them to the stack and measured about 6% slower (70 MB/s
   * against 74 on a 2-core AMD EPYC with JDK 17.0.15).
   */
  private static void storeNextKeyWord(byte[] w, int from, int to, int c, int j) {
    long key = lps(w, from + KEY_INPUT + j);
    LONG_LE.set(w, to + KEY_INPUT + 8 * j, key ^ C[c + j]);
    int state = to + 8 * j;
    LONG_LE.set(w, state, key ^ (long) LONG_LE.get(w, state));
  }

  /** Stores word j of round 1's inputs K_1 ^ m and K_1 ^ C_1 in half A. */
  private static void storeFirstRoundInputs(byte[] w, int j, long key, long message) {
    LONG_LE.set(w, HALF_A + 8 * j, key ^ message);
    LONG_LE.set(w, HALF_A + KEY_INPUT + 8 * j, key ^ C[j]);
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
