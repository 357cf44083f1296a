package org.ezpsdk.signing.internal;

import org.bouncycastle.crypto.engines.GOST28147Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithSBox;

/**
 * Magma (GOST R 34.12-2015, 64-bit block) in CTR-ACPKM mode, built on Bouncy Castle's GOST 28147-89
 * engine with the tc26 Z S-box. Magma is that cipher with big-endian key words and blocks, so each
 * 4-byte key word and each whole block is byte-reversed on the way in and out.
 *
 * <p>The counter starts at the 4-byte IV followed by 4 zero bytes. The key is renewed every {@link
 * #SECTION_BYTES}, as gost-engine 3.0 does for PBES2: for each 8-byte part of the constant D (bytes
 * 0x80 to 0x9f), the engine encrypts the byte-reversed part, and the result with its two halves
 * swapped becomes that part of the new engine key. Encryption and decryption are the same
 * operation.
 */
final class MagmaCtrAcpkm {
  static final int IV_LENGTH = 4;

  /** Section size that gost-engine 3.0 ends up with for this mode in PBES2. */
  static final int SECTION_BYTES = 1024;

  private static final int BLOCK = 8;
  private static final int KEY_LENGTH = 32;

  private MagmaCtrAcpkm() {}

  static byte[] crypt(byte[] magmaKey, byte[] iv, byte[] data) {
    GOST28147Engine engine = new GOST28147Engine();
    init(engine, reverseWords(magmaKey));
    byte[] counter = new byte[BLOCK];
    System.arraycopy(iv, 0, counter, 0, IV_LENGTH);
    byte[] gamma = new byte[BLOCK];
    byte[] out = new byte[data.length];
    int sectionUsed = 0;
    for (int offset = 0; offset < data.length; offset += BLOCK) {
      if (sectionUsed == SECTION_BYTES) {
        init(engine, nextEngineKey(engine));
        sectionUsed = 0;
      }
      engine.processBlock(reverse(counter), 0, gamma, 0);
      byte[] magmaGamma = reverse(gamma);
      int length = Math.min(BLOCK, data.length - offset);
      for (int i = 0; i < length; i++) {
        out[offset + i] = (byte) (data[offset + i] ^ magmaGamma[i]);
      }
      increment(counter);
      sectionUsed += BLOCK;
    }
    return out;
  }

  private static void init(GOST28147Engine engine, byte[] engineKey) {
    engine.init(
        true,
        new ParametersWithSBox(new KeyParameter(engineKey), GOST28147Engine.getSBox("Param-Z")));
  }

  private static byte[] nextEngineKey(GOST28147Engine engine) {
    byte[] next = new byte[KEY_LENGTH];
    byte[] part = new byte[BLOCK];
    byte[] encrypted = new byte[BLOCK];
    for (int i = 0; i < KEY_LENGTH / BLOCK; i++) {
      for (int j = 0; j < BLOCK; j++) {
        part[j] = (byte) (0x80 + BLOCK * i + BLOCK - 1 - j);
      }
      engine.processBlock(part, 0, encrypted, 0);
      System.arraycopy(encrypted, 4, next, BLOCK * i, 4);
      System.arraycopy(encrypted, 0, next, BLOCK * i + 4, 4);
    }
    return next;
  }

  private static byte[] reverseWords(byte[] key) {
    byte[] result = new byte[key.length];
    for (int word = 0; word < key.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        result[4 * word + i] = key[4 * word + 3 - i];
      }
    }
    return result;
  }

  private static byte[] reverse(byte[] block) {
    byte[] result = new byte[block.length];
    for (int i = 0; i < block.length; i++) {
      result[i] = block[block.length - 1 - i];
    }
    return result;
  }

  private static void increment(byte[] counter) {
    for (int i = counter.length - 1; i >= 0; i--) {
      counter[i]++;
      if (counter[i] != 0) {
        return;
      }
    }
  }
}
