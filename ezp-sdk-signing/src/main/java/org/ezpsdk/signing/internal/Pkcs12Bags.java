package org.ezpsdk.signing.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.util.encoders.Hex;
import org.ezpsdk.core.error.SigningException;

/**
 * Reads the bags of a PKCS#12 file one by one with Bouncy Castle's low-level PKCS#12 classes, so
 * that bags encrypted with GOST PBES2 ciphers ({@link GostPbes2DecryptorProvider}) can be read next
 * to bags in the schemes that Bouncy Castle supports. The caller checks the file's MAC first.
 */
final class Pkcs12Bags {
  /** A private key bag: the key and the attributes that tie it to its certificate. */
  record KeyBag(String alias, byte[] localKeyId, PrivateKey key) {}

  /** A certificate bag with its localKeyId, or null when it has none. */
  record CertificateBag(byte[] localKeyId, X509Certificate certificate) {}

  private final Path file;
  private final char[] password;
  private final List<KeyBag> keys = new ArrayList<>();
  private final List<CertificateBag> certificates = new ArrayList<>();

  private Pkcs12Bags(Path file, char[] password) {
    this.file = file;
    this.password = password;
  }

  /**
   * Reads every bag of the PFX.
   *
   * @param withKeys whether to decrypt key bags; false reads only certificates
   */
  static Pkcs12Bags read(Path file, Pfx pfx, char[] password, boolean withKeys) {
    Pkcs12Bags bags = new Pkcs12Bags(file, password);
    InputDecryptorProvider decryptors = bags.decryptors();
    for (ContentInfo info : new PKCS12PfxPdu(pfx).getContentInfos()) {
      for (PKCS12SafeBag bag : bags.safeBags(info, decryptors)) {
        bags.add(bag, decryptors, withKeys);
      }
    }
    return bags;
  }

  List<KeyBag> keys() {
    return keys;
  }

  List<CertificateBag> certificates() {
    return certificates;
  }

  private PKCS12SafeBag[] safeBags(ContentInfo info, InputDecryptorProvider decryptors) {
    try {
      if (PKCSObjectIdentifiers.encryptedData.equals(info.getContentType())) {
        return new PKCS12SafeBagFactory(info, decryptors).getSafeBags();
      }
      return new PKCS12SafeBagFactory(info).getSafeBags();
    } catch (PKCSException | RuntimeException e) {
      throw PrivateKeyReader.wrongPassword(file, e);
    }
  }

  private void add(PKCS12SafeBag bag, InputDecryptorProvider decryptors, boolean withKeys) {
    Object value = bag.getBagValue();
    if (value instanceof X509CertificateHolder) {
      certificates.add(
          new CertificateBag(localKeyId(bag), toCertificate((X509CertificateHolder) value)));
    } else if (withKeys && value instanceof PKCS8EncryptedPrivateKeyInfo) {
      PrivateKeyInfo info = decrypt((PKCS8EncryptedPrivateKeyInfo) value, decryptors);
      keys.add(new KeyBag(alias(bag), localKeyId(bag), toPrivateKey(info)));
    } else if (withKeys && value instanceof PrivateKeyInfo) {
      keys.add(new KeyBag(alias(bag), localKeyId(bag), toPrivateKey((PrivateKeyInfo) value)));
    }
  }

  private PrivateKeyInfo decrypt(
      PKCS8EncryptedPrivateKeyInfo encrypted, InputDecryptorProvider decryptors) {
    try {
      return encrypted.decryptPrivateKeyInfo(decryptors);
    } catch (PKCSException | RuntimeException e) {
      throw PrivateKeyReader.wrongPassword(file, e);
    }
  }

  private PrivateKey toPrivateKey(PrivateKeyInfo info) {
    try {
      return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      // Decryption without padding yields garbage for a wrong password, which fails here.
      throw PrivateKeyReader.wrongPassword(file, e);
    }
  }

  private X509Certificate toCertificate(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(BouncyCastle.provider())
          .getCertificate(holder);
    } catch (CertificateException e) {
      throw new SigningException(
          "PKCS#12 file '" + file + "' has a certificate that could not be read: " + e, e);
    }
  }

  /** Returns the decryptor for GOST PBES2 ciphers, falling back to Bouncy Castle's for others. */
  private InputDecryptorProvider decryptors() {
    GostPbes2DecryptorProvider gost = new GostPbes2DecryptorProvider(password);
    InputDecryptorProvider standard =
        new JcePKCSPBEInputDecryptorProviderBuilder()
            .setProvider(BouncyCastle.provider())
            .build(password);
    return new InputDecryptorProvider() {
      @Override
      public InputDecryptor get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        return GostPbes2DecryptorProvider.handles(algorithm)
            ? gost.get(algorithm)
            : standard.get(algorithm);
      }
    };
  }

  private static byte[] localKeyId(PKCS12SafeBag bag) {
    for (Attribute attribute : attributes(bag)) {
      if (PKCSObjectIdentifiers.pkcs_9_at_localKeyId.equals(attribute.getAttrType())) {
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        return ASN1OctetString.getInstance(value).getOctets();
      }
    }
    return null;
  }

  private static Attribute[] attributes(PKCS12SafeBag bag) {
    Attribute[] attributes = bag.getAttributes();
    return attributes == null ? new Attribute[0] : attributes;
  }

  private String alias(PKCS12SafeBag bag) {
    for (Attribute attribute : attributes(bag)) {
      if (PKCSObjectIdentifiers.pkcs_9_at_friendlyName.equals(attribute.getAttrType())) {
        return DERBMPString.getInstance(attribute.getAttrValues().getObjectAt(0)).getString();
      }
    }
    byte[] id = localKeyId(bag);
    return id == null ? "key-" + (keys.size() + 1) : Hex.toHexString(id);
  }

  /** Returns the certificates whose localKeyId equals the key's, then all others. */
  List<X509Certificate> certificatesFor(KeyBag key) {
    List<X509Certificate> matching = new ArrayList<>();
    List<X509Certificate> others = new ArrayList<>();
    for (CertificateBag bag : certificates) {
      boolean match =
          key.localKeyId() != null
              && bag.localKeyId() != null
              && Arrays.equals(key.localKeyId(), bag.localKeyId());
      (match ? matching : others).add(bag.certificate());
    }
    matching.addAll(others);
    return matching;
  }
}
