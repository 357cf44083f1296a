package org.ezpsdk.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cryptopro.GOST28147Parameters;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_512Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.GOST28147Engine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.GCFBBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.ParametersWithSBox;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Decrypts PBES2 (RFC 8018) content whose cipher is a GOST one, as OpenSSL 3.0 with gost-engine
 * writes PKCS#12 files with {@code -keypbe}/{@code -certpbe} {@code gost89}, {@code
 * kuznyechik-ctr-acpkm} or {@code magma-ctr-acpkm}; Bouncy Castle 1.87 has no such PBES2 ciphers.
 * The key is 32 bytes of PBKDF2 over the UTF-8 password with the PRF the parameters name
 * (HMAC-Streebog-256 or -512, or HMAC-SHA1, -SHA256 or -SHA512). The ciphers:
 *
 * <ul>
 *   <li>GOST 28147-89 (OID 1.2.643.2.2.21) in CFB mode with CryptoPro key meshing every 1024 bytes
 *       (RFC 4357), the S-box named by the parameters' encryptionParamSet, and the parameters' IV.
 *   <li>Kuznyechik in CTR-ACPKM mode (OID 1.2.643.7.1.1.5.2.1): the first 8 bytes of the
 *       parameters' 16-byte UKM are the IV, the counter block is the IV followed by 8 zero bytes,
 *       and the key is renewed every 256 KiB as gost-engine does for CMS and PKCS#12.
 *   <li>Magma in CTR-ACPKM mode (OID 1.2.643.7.1.1.5.1.1): the first 4 bytes of the 12-byte UKM are
 *       the IV, and the key is renewed every 1 KiB ({@link MagmaCtrAcpkm}).
 * </ul>
 *
 * <p>None of these ciphers has padding or an integrity check, so a wrong password gives garbage;
 * callers must check the PKCS#12 MAC first.
 */
public final class GostPbes2DecryptorProvider implements InputDecryptorProvider {
  /** GOST 28147-89 encryption algorithm, used with CFB mode in PBES2. */
  static final String GOST28147_OID = "1.2.643.2.2.21";

  /** Kuznyechik (GOST R 34.12-2015, 128-bit block) in CTR-ACPKM mode. */
  static final String KUZNYECHIK_CTR_ACPKM_OID = "1.2.643.7.1.1.5.2.1";

  /** Magma (GOST R 34.12-2015, 64-bit block) in CTR-ACPKM mode. */
  static final String MAGMA_CTR_ACPKM_OID = "1.2.643.7.1.1.5.1.1";

  private static final int KEY_LENGTH = 32;

  private static final Map<String, String> SBOX_NAMES =
      Map.of(
          "1.2.643.2.2.31.0", "E-TEST",
          "1.2.643.2.2.31.1", "E-A",
          "1.2.643.2.2.31.2", "E-B",
          "1.2.643.2.2.31.3", "E-C",
          "1.2.643.2.2.31.4", "E-D",
          "1.2.643.7.1.2.5.1.1", "Param-Z");

  private final char[] password;

  public GostPbes2DecryptorProvider(char[] password) {
    this.password = password == null ? new char[0] : password.clone();
  }

  /** Returns whether the algorithm is PBES2 with a cipher that this provider decrypts. */
  public static boolean handles(AlgorithmIdentifier algorithm) {
    String cipher = pbes2CipherOid(algorithm);
    return GOST28147_OID.equals(cipher)
        || KUZNYECHIK_CTR_ACPKM_OID.equals(cipher)
        || MAGMA_CTR_ACPKM_OID.equals(cipher);
  }

  /** Returns the cipher OID of a PBES2 algorithm identifier, or null for another scheme. */
  public static String pbes2CipherOid(AlgorithmIdentifier algorithm) {
    if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
      return null;
    }
    return PBES2Parameters.getInstance(algorithm.getParameters())
        .getEncryptionScheme()
        .getAlgorithm()
        .getId();
  }

  @Override
  public InputDecryptor get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    if (!handles(algorithm)) {
      throw new OperatorCreationException(
          "Not a PBES2 scheme with a GOST cipher: " + algorithm.getAlgorithm());
    }
    PBES2Parameters parameters = PBES2Parameters.getInstance(algorithm.getParameters());
    byte[] key = deriveKey(parameters);
    AlgorithmIdentifier scheme =
        AlgorithmIdentifier.getInstance(parameters.getEncryptionScheme().toASN1Primitive());
    return new InputDecryptor() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public InputStream getInputStream(InputStream encrypted) {
        try {
          return new ByteArrayInputStream(decrypt(scheme, key, encrypted.readAllBytes()));
        } catch (IOException e) {
          throw new IllegalStateException("Failed to read encrypted PKCS#12 content", e);
        }
      }
    };
  }

  private byte[] deriveKey(PBES2Parameters parameters) throws OperatorCreationException {
    AlgorithmIdentifier kdf =
        AlgorithmIdentifier.getInstance(parameters.getKeyDerivationFunc().toASN1Primitive());
    if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
      throw new OperatorCreationException(
          "PBES2 key derivation " + kdf.getAlgorithm() + " is not PBKDF2");
    }
    PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(kdf.getParameters());
    PKCS5S2ParametersGenerator generator =
        new PKCS5S2ParametersGenerator(prfDigest(pbkdf2.getPrf().getAlgorithm()));
    byte[] passwordBytes = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password);
    generator.init(passwordBytes, pbkdf2.getSalt(), pbkdf2.getIterationCount().intValueExact());
    byte[] key = ((KeyParameter) generator.generateDerivedParameters(KEY_LENGTH * 8)).getKey();
    Arrays.fill(passwordBytes, (byte) 0);
    return key;
  }

  private static Digest prfDigest(ASN1ObjectIdentifier prf) throws OperatorCreationException {
    switch (prf.getId()) {
      case "1.2.643.7.1.1.4.1":
        return new GOST3411_2012_256Digest();
      case "1.2.643.7.1.1.4.2":
        return new GOST3411_2012_512Digest();
      case "1.2.840.113549.2.7":
        return new SHA1Digest();
      case "1.2.840.113549.2.9":
        return new SHA256Digest();
      case "1.2.840.113549.2.11":
        return new SHA512Digest();
      default:
        throw new OperatorCreationException("Unsupported PBKDF2 PRF " + prf);
    }
  }

  private static byte[] decrypt(AlgorithmIdentifier scheme, byte[] key, byte[] data) {
    String oid = scheme.getAlgorithm().getId();
    if (GOST28147_OID.equals(oid)) {
      return decryptGost28147Cfb(
          GOST28147Parameters.getInstance(scheme.getParameters()), key, data);
    }
    byte[] ukm =
        ASN1OctetString.getInstance(ASN1Sequence.getInstance(scheme.getParameters()).getObjectAt(0))
            .getOctets();
    if (MAGMA_CTR_ACPKM_OID.equals(oid)) {
      return MagmaCtrAcpkm.crypt(key, Arrays.copyOf(ukm, MagmaCtrAcpkm.IV_LENGTH), data);
    }
    return KuznyechikCtrAcpkm.crypt(key, Arrays.copyOf(ukm, KuznyechikCtrAcpkm.IV_LENGTH), data);
  }

  private static byte[] decryptGost28147Cfb(
      GOST28147Parameters parameters, byte[] key, byte[] data) {
    String sboxName = SBOX_NAMES.get(parameters.getEncryptionParamSet().getId());
    if (sboxName == null) {
      throw new IllegalArgumentException(
          "Unknown GOST 28147-89 parameter set " + parameters.getEncryptionParamSet());
    }
    GCFBBlockCipher cipher = new GCFBBlockCipher(new GOST28147Engine());
    cipher.init(
        false,
        new ParametersWithIV(
            new ParametersWithSBox(new KeyParameter(key), GOST28147Engine.getSBox(sboxName)),
            parameters.getIV()));
    byte[] out = new byte[data.length];
    cipher.processBytes(data, 0, data.length, out, 0);
    return out;
  }
}
