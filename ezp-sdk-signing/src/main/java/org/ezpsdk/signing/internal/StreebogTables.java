package org.ezpsdk.signing.internal;

import java.util.HexFormat;

/**
 * Constants of GOST R 34.11-2012 (also published as RFC 6986): the substitution π, the matrix A of
 * the linear map l and the round constants C1..C12, and the lookup tables of {@link Streebog}
 * derived from them. The known-answer tests of RFC 6986 in StreebogTest check all of them.
 */
final class StreebogTables {
  /** The substitution π, as the bytes π(0), π(1), ..., π(255). */
  private static final String PI =
      "fceedd11cf6e3116fbc4fada23c5044de977f0db932e99ba1736f1bb14cd5fc1"
          + "f918655ae25cef21811c3c428b018e4f058402aee36a8fa0060bed987fd4d31f"
          + "eb342c51eac848abf22a68a2fd3aceccb5700e56080c7612bf7213479cb75d87"
          + "15a19629107b9ac7f391786f9d9eb2b13275193dff358a7e6d54c680c3bd0d57"
          + "dff524a93ea843c9d779d6f67c22b903e00fecde7a94b0bcdce828504e330a4a"
          + "a79760731e0062441ab83882649f2641ad454692275e552f8ca3a57d69d5953b"
          + "0758b34086ac1df730376be488d9e789e11b83494c3ff8fe8d53aa90cad88561"
          + "207167a42d2b095bcb9b25d0bee56c5259a674d2e6f4b4c0d166afc2394b63b6";

  /**
   * Rows A_0..A_63 of the matrix of the linear map l. Row A_i is added to the output when bit 63 -
   * i of the input word is set, so A_0 belongs to the most significant bit.
   */
  private static final long[] A = {
    0x8e20faa72ba0b470L, 0x47107ddd9b505a38L, 0xad08b0e0c3282d1cL, 0xd8045870ef14980eL,
    0x6c022c38f90a4c07L, 0x3601161cf205268dL, 0x1b8e0b0e798c13c8L, 0x83478b07b2468764L,
    0xa011d380818e8f40L, 0x5086e740ce47c920L, 0x2843fd2067adea10L, 0x14aff010bdd87508L,
    0x0ad97808d06cb404L, 0x05e23c0468365a02L, 0x8c711e02341b2d01L, 0x46b60f011a83988eL,
    0x90dab52a387ae76fL, 0x486dd4151c3dfdb9L, 0x24b86a840e90f0d2L, 0x125c354207487869L,
    0x092e94218d243cbaL, 0x8a174a9ec8121e5dL, 0x4585254f64090fa0L, 0xaccc9ca9328a8950L,
    0x9d4df05d5f661451L, 0xc0a878a0a1330aa6L, 0x60543c50de970553L, 0x302a1e286fc58ca7L,
    0x18150f14b9ec46ddL, 0x0c84890ad27623e0L, 0x0642ca05693b9f70L, 0x0321658cba93c138L,
    0x86275df09ce8aaa8L, 0x439da0784e745554L, 0xafc0503c273aa42aL, 0xd960281e9d1d5215L,
    0xe230140fc0802984L, 0x71180a8960409a42L, 0xb60c05ca30204d21L, 0x5b068c651810a89eL,
    0x456c34887a3805b9L, 0xac361a443d1c8cd2L, 0x561b0d22900e4669L, 0x2b838811480723baL,
    0x9bcf4486248d9f5dL, 0xc3e9224312c8c1a0L, 0xeffa11af0964ee50L, 0xf97d86d98a327728L,
    0xe4fa2054a80b329cL, 0x727d102a548b194eL, 0x39b008152acb8227L, 0x9258048415eb419dL,
    0x492c024284fbaec0L, 0xaa16012142f35760L, 0x550b8e9e21f7a530L, 0xa48b474f9ef5dc18L,
    0x70a6a56e2440598eL, 0x3853dc371220a247L, 0x1ca76e95091051adL, 0x0edd37c48a08a6d8L,
    0x07e095624504536cL, 0x8d70c431ac02a736L, 0xc83862965601dd1bL, 0x641c314b2b8ee083L,
  };

  /** C1..C12, each a 512-bit number written most significant byte first. */
  private static final String[] ROUND_CONSTANTS = {
    "b1085bda1ecadae9ebcb2f81c0657c1f2f6a76432e45d016714eb88d7585c4fc"
        + "4b7ce09192676901a2422a08a460d31505767436cc744d23dd806559f2a64507",
    "6fa3b58aa99d2f1a4fe39d460f70b5d7f3feea720a232b9861d55e0f16b50131"
        + "9ab5176b12d699585cb561c2db0aa7ca55dda21bd7cbcd56e679047021b19bb7",
    "f574dcac2bce2fc70a39fc286a3d843506f15e5f529c1f8bf2ea7514b1297b7b"
        + "d3e20fe490359eb1c1c93a376062db09c2b6f443867adb31991e96f50aba0ab2",
    "ef1fdfb3e81566d2f948e1a05d71e4dd488e857e335c3c7d9d721cad685e353f"
        + "a9d72c82ed03d675d8b71333935203be3453eaa193e837f1220cbebc84e3d12e",
    "4bea6bacad4747999a3f410c6ca923637f151c1f1686104a359e35d7800fffbd"
        + "bfcd1747253af5a3dfff00b723271a167a56a27ea9ea63f5601758fd7c6cfe57",
    "ae4faeae1d3ad3d96fa4c33b7a3039c02d66c4f95142a46c187f9ab49af08ec6"
        + "cffaa6b71c9ab7b40af21f66c2bec6b6bf71c57236904f35fa68407a46647d6e",
    "f4c70e16eeaac5ec51ac86febf240954399ec6c7e6bf87c9d3473e33197a93c9"
        + "0992abc52d822c3706476983284a05043517454ca23c4af38886564d3a14d493",
    "9b1f5b424d93c9a703e7aa020c6e41414eb7f8719c36de1e89b4443b4ddbc49a"
        + "f4892bcb929b069069d18d2bd1a5c42f36acc2355951a8d9a47f0dd4bf02e71e",
    "378f5a541631229b944c9ad8ec165fde3a7d3a1b258942243cd955b7e00d0984"
        + "800a440bdbb2ceb17b2b8a9aa6079c540e38dc92cb1f2a607261445183235adb",
    "abbedea680056f52382ae548b2e4f3f38941e71cff8a78db1fffe18a1b336103"
        + "9fe76702af69334b7a1e6c303b7652f43698fad1153bb6c374b4c7fb98459ced",
    "7bcd9ed0efc889fb3002c6cd635afe94d8fa6bbbebab07612001802114846679"
        + "8a1d71efea48b9caefbacd1d7d476e98dea2594ac06fd85d6bcaa4cd81f32d1b",
    "378ee767f11631bad21380b00449b17acda43c32bcdf1d77f82012d430219f9b"
        + "5d80ef9d1891cc86e71da4aa88e12852faf417d5d9b21b9948bc924af11bd720",
  };

  private StreebogTables() {}

  /**
   * Returns the LPS table of {@link Streebog}: entry {@code 256 * k + b}, for byte lane k (0 =
   * least significant byte of a word), is l(π(b) shifted left by 8k bits), so one LPS output word
   * is the XOR of eight lookups.
   */
  static long[] lpsTable() {
    byte[] pi = HexFormat.of().parseHex(PI);
    long[] table = new long[8 * 256];
    for (int lane = 0; lane < 8; lane++) {
      for (int b = 0; b < 256; b++) {
        table[256 * lane + b] = linearMap((pi[b] & 0xFFL) << (8 * lane));
      }
    }
    return table;
  }

  /** Applies l: the XOR of the rows A_i for which bit 63 - i of {@code word} is set. */
  static long linearMap(long word) {
    long result = 0;
    for (int i = 0; i < 64; i++) {
      if (((word >>> (63 - i)) & 1) != 0) {
        result ^= A[i];
      }
    }
    return result;
  }

  /**
   * Returns C1..C12 as little-endian words, word 0 first, eight words per constant, followed by
   * zero words up to {@code count} constants.
   */
  static long[] roundConstants(int count) {
    long[] words = new long[Math.max(count, ROUND_CONSTANTS.length) * 8];
    for (int i = 0; i < ROUND_CONSTANTS.length; i++) {
      String hex = ROUND_CONSTANTS[i];
      for (int j = 0; j < 8; j++) {
        // Word j is the j-th group of 16 hex digits counted from the right-hand end.
        int end = hex.length() - 16 * j;
        words[8 * i + j] = Long.parseUnsignedLong(hex.substring(end - 16, end), 16);
      }
    }
    return words;
  }
}
