package org.ezpsdk.signing.internal;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The integrity MAC of a PKCS#12 file whose MAC digest is Streebog, as OpenSSL with gost-engine
 * writes it ({@code -macalg md_gost12_256} or {@code md_gost12_512}) and RFC 9548 describes. The
 * MAC key is not made with the PKCS#12 key derivation but with PBKDF2: 96 bytes of
 * PBKDF2-HMAC-Streebog over the UTF-8 password, of which the last 32 are the HMAC key. Bouncy
 * Castle 1.87's KeyStore cannot check such a MAC, so this class checks it and returns the file
 * without its MAC for the KeyStore to read.
 */
final class GostPkcs12Mac {
  private static final int DERIVED_LENGTH = 96;
  private static final int KEY_LENGTH = 32;

  private GostPkcs12Mac() {}

  /** Returns whether the PFX carries a MAC with a Streebog digest. */
  static boolean applies(Pfx pfx) {
    MacData macData = pfx.getMacData();
    return macData != null && digestFor(oid(macData)).isPresent();
  }

  /** Returns whether the Streebog MAC of the PFX verifies with the password. */
  static boolean verifies(Pfx pfx, char[] password) {
    MacData macData = pfx.getMacData();
    byte[] content = ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets();
    byte[] passwordBytes = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password);

    PKCS5S2ParametersGenerator kdf = new PKCS5S2ParametersGenerator(digestFor(oid(macData)).get());
    kdf.init(passwordBytes, macData.getSalt(), macData.getIterationCount().intValueExact());
    byte[] derived = ((KeyParameter) kdf.generateDerivedParameters(DERIVED_LENGTH * 8)).getKey();
    byte[] macKey = Arrays.copyOfRange(derived, DERIVED_LENGTH - KEY_LENGTH, DERIVED_LENGTH);
    Arrays.fill(passwordBytes, (byte) 0);
    Arrays.fill(derived, (byte) 0);

    HMac hmac = new HMac(digestFor(oid(macData)).get());
    hmac.init(new KeyParameter(macKey));
    hmac.update(content, 0, content.length);
    byte[] computed = new byte[hmac.getMacSize()];
    hmac.doFinal(computed, 0);
    Arrays.fill(macKey, (byte) 0);
    return MessageDigest.isEqual(computed, macData.getMac().getDigest());
  }

  /** Returns the DER encoding of the PFX with the MAC removed. */
  static byte[] withoutMac(Pfx pfx) throws IOException {
    return new Pfx(pfx.getAuthSafe(), null).getEncoded(ASN1Encoding.DER);
  }

  private static String oid(MacData macData) {
    return macData.getMac().getAlgorithmId().getAlgorithm().getId();
  }

  private static Optional<Digest> digestFor(String oid) {
    if (GostAlgorithm.GOST_2012_256.digestOid().equals(oid)) {
      return Optional.of(new GOST3411_2012_256Digest());
    }
    if (GostAlgorithm.GOST_2012_512.digestOid().equals(oid)) {
      return Optional.of(new GOST3411_2012_512Digest());
    }
    return Optional.empty();
  }
}
