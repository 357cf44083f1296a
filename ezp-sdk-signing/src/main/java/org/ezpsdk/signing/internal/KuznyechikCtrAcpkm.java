package org.ezpsdk.signing.internal;

import org.bouncycastle.crypto.engines.GOST3412_2015Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Kuznyechik (GOST R 34.12-2015) in CTR-ACPKM mode (R 1323565.1.017-2018): CTR with a 128-bit
 * big-endian counter that starts at the 8-byte IV followed by 8 zero bytes, and a new key after
 * every section of {@link #SECTION_BYTES}. The new key is the encryption of the constant D (bytes
 * 0x80 to 0x9f) under the current key. Encryption and decryption are the same operation.
 */
final class KuznyechikCtrAcpkm {
  static final int IV_LENGTH = 8;

  /** Section size that gost-engine uses for this mode in CMS and PKCS#12. */
  static final int SECTION_BYTES = 256 * 1024;

  private static final int BLOCK = 16;

  private KuznyechikCtrAcpkm() {}

  static byte[] crypt(byte[] key, byte[] iv, byte[] data) {
    GOST3412_2015Engine engine = new GOST3412_2015Engine();
    byte[] currentKey = key.clone();
    engine.init(true, new KeyParameter(currentKey));
    byte[] counter = new byte[BLOCK];
    System.arraycopy(iv, 0, counter, 0, IV_LENGTH);
    byte[] gamma = new byte[BLOCK];
    byte[] out = new byte[data.length];
    int sectionUsed = 0;
    for (int offset = 0; offset < data.length; offset += BLOCK) {
      if (sectionUsed == SECTION_BYTES) {
        currentKey = nextKey(engine);
        engine.init(true, new KeyParameter(currentKey));
        sectionUsed = 0;
      }
      engine.processBlock(counter, 0, gamma, 0);
      int length = Math.min(BLOCK, data.length - offset);
      for (int i = 0; i < length; i++) {
        out[offset + i] = (byte) (data[offset + i] ^ gamma[i]);
      }
      increment(counter);
      sectionUsed += BLOCK;
    }
    return out;
  }

  private static byte[] nextKey(GOST3412_2015Engine engine) {
    byte[] next = new byte[2 * BLOCK];
    byte[] constant = new byte[BLOCK];
    for (int half = 0; half < 2; half++) {
      for (int i = 0; i < BLOCK; i++) {
        constant[i] = (byte) (0x80 + half * BLOCK + i);
      }
      engine.processBlock(constant, 0, next, half * BLOCK);
    }
    return next;
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
