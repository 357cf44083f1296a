package org.ezpsdk.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_512Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreebogTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Example M1 of RFC 6986: 63 ASCII digits. */
  private static final byte[] M1 =
      "012345678901234567890123456789012345678901234567890123456789012"
          .getBytes(StandardCharsets.US_ASCII);

  /** Example M2 of RFC 6986: 72 bytes of Russian text in Windows-1251. */
  private static final byte[] M2 =
      HEX.parseHex(
          "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20"
              + "f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb"
              + "20c8e3eef0e5e2fb");

  /**
   * The "carry" message of gost-engine's digest test: 64 bytes of 0xEE, then 0x16, 62 bytes of 0x11
   * and 0x16. Adding its two blocks to Σ carries through every byte.
   */
  private static final byte[] CARRY = carryMessage();

  /** 200 bytes of 0xFF: three full blocks whose sum in Σ overflows 2^512, and a partial one. */
  private static final byte[] ALL_ONES = filled(200, 0xFF);

  // Expected digests in output byte order: RFC 6986 prints the same values byte-reversed.
  private static final String M1_256 =
      "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500";
  private static final String M1_512 =
      "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
          + "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48";
  private static final String M2_256 =
      "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50";
  private static final String M2_512 =
      "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376"
          + "035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28";
  private static final String EMPTY_256 =
      "3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb";
  private static final String EMPTY_512 =
      "8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7"
          + "362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a";

  // Output of `openssl dgst -md_gost12_256` and `-md_gost12_512` with gost-engine 3.0.1.
  private static final String CARRY_256 =
      "81bb632fa31fcc38b4c379a662dbc58b9bed83f50d3a1b2ce7271ab02d25babb";
  private static final String CARRY_512 =
      "8b06f41e59907d9636e892caf5942fcdfb71fa31169a5e70f0edb873664df41c"
          + "2cce6e06dc6755d15a61cdeb92bd607cc4aaca6732bf3568a23a210dd520fd41";
  private static final String ALL_ONES_256 =
      "766ecebac5817150ace66c0c94c9feb9fa6ee9a238a500a3592b0943571b3020";
  private static final String ALL_ONES_512 =
      "a32bc44c32d9f7fc60d133fbddd468fc49e43253bcce4d90befcdbe5d4899d46"
          + "a54ca52f416ed90cd74c46a5e1d67932b5e8350370424e6918ab80a19ffc97c6";

  static Stream<Arguments> knownAnswers() {
    return Stream.of(
        Arguments.of("M1", M1, 32, M1_256),
        Arguments.of("M1", M1, 64, M1_512),
        Arguments.of("M2", M2, 32, M2_256),
        Arguments.of("M2", M2, 64, M2_512),
        Arguments.of("empty", new byte[0], 32, EMPTY_256),
        Arguments.of("empty", new byte[0], 64, EMPTY_512),
        Arguments.of("carry", CARRY, 32, CARRY_256),
        Arguments.of("carry", CARRY, 64, CARRY_512),
        Arguments.of("0xFF x 200", ALL_ONES, 32, ALL_ONES_256),
        Arguments.of("0xFF x 200", ALL_ONES, 64, ALL_ONES_512));
  }

  @ParameterizedTest(name = "{0}, {2} bytes")
  @MethodSource("knownAnswers")
  void oneUpdateMatchesKnownAnswer(String name, byte[] message, int size, String expected) {
    Streebog streebog = new Streebog(size);
    streebog.update(message, 0, message.length);

    assertThat(HEX.formatHex(streebog.digest())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}, {2} bytes")
  @MethodSource("knownAnswers")
  void everySplitMatchesKnownAnswer(String name, byte[] message, int size, String expected) {
    Streebog streebog = new Streebog(size);
    for (int split = 0; split <= message.length; split++) {
      streebog.update(message, 0, split);
      streebog.update(message, split, message.length - split);

      assertThat(HEX.formatHex(streebog.digest())).as("split at %d", split).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}, {2} bytes")
  @MethodSource("knownAnswers")
  void byteAtATimeMatchesKnownAnswer(String name, byte[] message, int size, String expected) {
    Streebog streebog = new Streebog(size);
    for (byte b : message) {
      streebog.update(b);
    }

    assertThat(HEX.formatHex(streebog.digest())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}, {2} bytes")
  @MethodSource("knownAnswers")
  void unalignedOffsetMatchesKnownAnswer(String name, byte[] message, int size, String expected) {
    for (int shift = 1; shift < 8; shift++) {
      byte[] padded = new byte[message.length + shift];
      System.arraycopy(message, 0, padded, shift, message.length);
      Streebog streebog = new Streebog(size);
      streebog.update(padded, shift, message.length);

      assertThat(HEX.formatHex(streebog.digest())).as("offset %d", shift).isEqualTo(expected);
    }
  }

  @Test
  void randomMessagesMatchBouncyCastle() {
    SplittableRandom random = new SplittableRandom(20261204L);
    for (int trial = 0; trial < 600; trial++) {
      byte[] message = new byte[random.nextInt(5001)];
      random.nextBytes(message);
      int size = random.nextBoolean() ? 32 : 64;
      int split = random.nextInt(message.length + 1);

      assertThat(HEX.formatHex(hashInTwoParts(size, message, split)))
          .as("%d bytes split at %d, digest size %d", message.length, split, size)
          .isEqualTo(HEX.formatHex(bouncyCastleHash(size, message)));
    }
  }

  @Test
  void randomChunkSizesMatchBouncyCastle() {
    SplittableRandom random = new SplittableRandom(7L);
    byte[] message = new byte[5000];
    random.nextBytes(message);
    for (int size : new int[] {32, 64}) {
      Streebog streebog = new Streebog(size);
      int offset = 0;
      while (offset < message.length) {
        int chunk = Math.min(random.nextInt(200), message.length - offset);
        streebog.update(message, offset, chunk);
        offset += chunk;
      }

      assertThat(HEX.formatHex(streebog.digest()))
          .as("digest size %d", size)
          .isEqualTo(HEX.formatHex(bouncyCastleHash(size, message)));
    }
  }

  @Test
  void sigmaCarriesMatchBouncyCastle() {
    // Blocks of 0xFF make the addition to Σ carry through all eight words. The tail length and
    // the last byte (0x00, 0x01, 0xFE or 0xFF) vary the padded final block added on top.
    for (int blocks = 1; blocks <= 5; blocks++) {
      for (int tail = 0; tail < 64; tail += 7) {
        for (int last : new int[] {0x00, 0x01, 0xFE, 0xFF}) {
          byte[] message = filled(64 * blocks + tail + 1, 0xFF);
          message[message.length - 1] = (byte) last;
          for (int size : new int[] {32, 64}) {
            assertThat(HEX.formatHex(hashInTwoParts(size, message, message.length / 2)))
                .as("%d blocks, tail %d, last byte %d, size %d", blocks, tail, last, size)
                .isEqualTo(HEX.formatHex(bouncyCastleHash(size, message)));
          }
        }
      }
    }
  }

  @Test
  void wordBoundaryCarriesMatchBouncyCastle() {
    // A block whose words are all 0xFF except one byte set to 0x00 adds a carry that stops at
    // that byte, after the first block has filled Σ with ones.
    for (int zeroByte = 0; zeroByte < 64; zeroByte++) {
      byte[] message = filled(129, 0xFF);
      message[64 + zeroByte] = 0;
      for (int size : new int[] {32, 64}) {
        assertThat(HEX.formatHex(hashInTwoParts(size, message, 64)))
            .as("zero byte %d, size %d", zeroByte, size)
            .isEqualTo(HEX.formatHex(bouncyCastleHash(size, message)));
      }
    }
  }

  @Test
  void randomSplitsMatchBouncyCastle() {
    // Random lengths 0..5000 cut at several random points, so that update calls start and end
    // anywhere inside a block.
    SplittableRandom random = new SplittableRandom(34112012L);
    for (int trial = 0; trial < 300; trial++) {
      byte[] message = new byte[random.nextInt(5001)];
      random.nextBytes(message);
      int size = random.nextBoolean() ? 32 : 64;
      Streebog streebog = new Streebog(size);
      int[] cuts = random.ints(random.nextInt(1, 8), 0, message.length + 1).sorted().toArray();
      int offset = 0;
      for (int cut : cuts) {
        streebog.update(message, offset, cut - offset);
        offset = cut;
      }
      streebog.update(message, offset, message.length - offset);

      assertThat(HEX.formatHex(streebog.digest()))
          .as("%d bytes cut at %s, digest size %d", message.length, Arrays.toString(cuts), size)
          .isEqualTo(HEX.formatHex(bouncyCastleHash(size, message)));
    }
  }

  @Test
  void everyWordOverflowMatchesBouncyCastle() {
    // Every 64-bit word of every block has its top bit set, so each addition to Σ overflows all
    // eight words at once and each carry must reach the next word, on top of its own overflow.
    SplittableRandom random = new SplittableRandom(63L);
    for (int blocks = 2; blocks <= 6; blocks++) {
      byte[] message = new byte[64 * blocks + random.nextInt(64)];
      random.nextBytes(message);
      for (int word = 0; word < message.length / 8; word++) {
        message[8 * word + 7] |= (byte) 0x80;
      }
      for (int size : new int[] {32, 64}) {
        assertThat(HEX.formatHex(hashInTwoParts(size, message, 64)))
            .as("%d bytes, digest size %d", message.length, size)
            .isEqualTo(HEX.formatHex(bouncyCastleHash(size, message)));
      }
    }
  }

  @Test
  void doFinalResetsState() {
    Streebog streebog = new Streebog(32);
    streebog.update(M2, 0, M2.length);
    streebog.digest();
    streebog.update(M1, 0, M1.length);

    assertThat(HEX.formatHex(streebog.digest())).isEqualTo(M1_256);
  }

  @Test
  void copyContinuesIndependently() {
    Streebog streebog = new Streebog(64);
    streebog.update(M1, 0, 30);
    Streebog copy = streebog.copy();
    streebog.update(M2, 0, M2.length);
    copy.update(M1, 30, M1.length - 30);

    assertThat(HEX.formatHex(copy.digest())).isEqualTo(M1_512);
  }

  @Test
  void doFinalWritesAtOffset() {
    Streebog streebog = new Streebog(32);
    streebog.update(M1, 0, M1.length);
    byte[] output = new byte[40];
    int written = streebog.doFinal(output, 5);

    assertThat(written).isEqualTo(32);
    assertThat(HEX.formatHex(Arrays.copyOfRange(output, 5, 37))).isEqualTo(M1_256);
  }

  @Test
  void rejectsUnsupportedDigestSize() {
    assertThatThrownBy(() -> new Streebog(48))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("48");
  }

  @Test
  void rejectsRangeOutsideInput() {
    Streebog streebog = new Streebog(32);

    assertThatThrownBy(() -> streebog.update(new byte[10], 5, 6))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void rejectsTooSmallOutput() {
    Streebog streebog = new Streebog(64);

    assertThatThrownBy(() -> streebog.doFinal(new byte[70], 10))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void bouncyCastleAdapterMatchesKnownAnswers() {
    StreebogDigest digest256 = StreebogDigest.streebog256();
    StreebogDigest digest512 = StreebogDigest.streebog512();

    assertThat(digest256.getAlgorithmName()).isEqualTo("GOST3411-2012-256");
    assertThat(digest512.getAlgorithmName()).isEqualTo("GOST3411-2012-512");
    assertThat(digest256.getByteLength()).isEqualTo(64);
    assertThat(HEX.formatHex(finish(digest256, M2))).isEqualTo(M2_256);
    assertThat(HEX.formatHex(finish(digest512, M2))).isEqualTo(M2_512);
  }

  @Test
  void messageDigestMatchesKnownAnswers() throws Exception {
    MessageDigest digest256 = StreebogMessageDigest.streebog256();
    MessageDigest digest512 = StreebogMessageDigest.streebog512();

    assertThat(digest256.getAlgorithm()).isEqualTo("GOST3411-2012-256");
    assertThat(digest256.getDigestLength()).isEqualTo(32);
    assertThat(HEX.formatHex(digest256.digest(M1))).isEqualTo(M1_256);
    assertThat(HEX.formatHex(digest512.digest(M1))).isEqualTo(M1_512);
  }

  @Test
  void messageDigestCloneContinuesIndependently() throws Exception {
    MessageDigest digest = StreebogMessageDigest.streebog256();
    digest.update(ByteBuffer.wrap(M2, 0, 40));
    MessageDigest clone = (MessageDigest) digest.clone();
    digest.update(M1);
    clone.update(ByteBuffer.wrap(M2, 40, M2.length - 40));

    assertThat(HEX.formatHex(clone.digest())).isEqualTo(M2_256);
  }

  private static byte[] hashInTwoParts(int size, byte[] message, int split) {
    Streebog streebog = new Streebog(size);
    streebog.update(message, 0, split);
    streebog.update(message, split, message.length - split);
    return streebog.digest();
  }

  private static byte[] bouncyCastleHash(int size, byte[] message) {
    Digest digest = size == 32 ? new GOST3411_2012_256Digest() : new GOST3411_2012_512Digest();
    return finish(digest, message);
  }

  private static byte[] finish(Digest digest, byte[] message) {
    digest.update(message, 0, message.length);
    byte[] result = new byte[digest.getDigestSize()];
    digest.doFinal(result, 0);
    return result;
  }

  private static byte[] carryMessage() {
    byte[] message = filled(128, 0x11);
    Arrays.fill(message, 0, 64, (byte) 0xEE);
    message[64] = 0x16;
    message[127] = 0x16;
    return message;
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
