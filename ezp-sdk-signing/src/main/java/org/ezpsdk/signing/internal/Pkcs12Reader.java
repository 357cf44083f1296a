package org.ezpsdk.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.util.Properties;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.UnsupportedKeyFormatException;

/** Reads a private key and its certificate chain from a PKCS#12 (PFX) file. */
public final class Pkcs12Reader {
  /** PBE scheme of the key bag in a PFX exported natively by CryptoPro CSP. */
  static final String CRYPTOPRO_PBE_OID = "1.2.840.113549.1.12.1.80";

  /** HMAC-Streebog-256 and -512 are 1.2.643.7.1.1.4.1 and 1.2.643.7.1.1.4.2. */
  private static final String STREEBOG_HMAC_OID_PREFIX = "1.2.643.7.1.1.4.";

  private Pkcs12Reader() {}

  /** A key entry: the private key and its certificate chain, signer first. */
  public record Entry(PrivateKey privateKey, List<X509Certificate> certificates) {}

  /**
   * Reads the key entry {@code alias} (or the only key entry when it is null) from {@code bytes},
   * which came from {@code file} (named in messages only).
   */
  public static Entry read(Path file, byte[] bytes, char[] password, String alias) {
    Pfx pfx = parsePfx(file, bytes);
    List<AlgorithmIdentifier> schemes = encryptionSchemesOrEmpty(pfx);
    rejectCryptoProFormat(file, schemes);
    char[] storePassword = password == null ? new char[0] : password;
    if (usesGostCipher(schemes)) {
      checkMac(file, pfx, storePassword);
      return readGostEntry(file, pfx, storePassword, alias);
    }
    KeyStore store;
    if (GostPkcs12Mac.applies(pfx)) {
      if (!GostPkcs12Mac.verifies(pfx, storePassword)) {
        throw passwordFailure(file, storePassword, null);
      }
      rejectStreebogPrf(file, schemes);
      store = loadWithoutMac(file, pfx, storePassword);
    } else {
      rejectStreebogPrf(file, schemes);
      store = load(file, bytes, storePassword);
    }
    String keyAlias = chooseAlias(file, keyAliases(file, store), alias);
    return readEntry(file, store, keyAlias, storePassword);
  }

  /**
   * Reads every certificate of a PKCS#12 file, decrypting encrypted certificate bags, without
   * reading its keys. This also works for a CryptoPro CSP PFX, whose key cannot be read.
   */
  public static List<X509Certificate> readCertificates(Path file, byte[] bytes, char[] password) {
    Pfx pfx = parsePfx(file, bytes);
    char[] storePassword = password == null ? new char[0] : password;
    checkMac(file, pfx, storePassword);
    List<X509Certificate> certificates = new ArrayList<>();
    for (Pkcs12Bags.CertificateBag bag :
        Pkcs12Bags.read(file, pfx, storePassword, false).certificates()) {
      certificates.add(bag.certificate());
    }
    return certificates;
  }

  private static boolean usesGostCipher(List<AlgorithmIdentifier> schemes) {
    return schemes.stream().anyMatch(GostPbes2DecryptorProvider::handles);
  }

  /** Checks the MAC with the password when the file has one; a wrong password fails here. */
  private static void checkMac(Path file, Pfx pfx, char[] password) {
    if (pfx.getMacData() == null) {
      return;
    }
    boolean valid;
    if (GostPkcs12Mac.applies(pfx)) {
      valid = GostPkcs12Mac.verifies(pfx, password);
    } else {
      try {
        valid =
            new PKCS12PfxPdu(pfx)
                .isMacValid(
                    new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE),
                    password);
      } catch (PKCSException | RuntimeException e) {
        throw new SigningException(
            "PKCS#12 file '"
                + file
                + "' has a MAC that could not be checked ("
                + e.getMessage()
                + "); re-export it with a SHA-256 or Streebog MAC",
            e);
      }
    }
    if (!valid) {
      throw passwordFailure(file, password, null);
    }
  }

  /**
   * Says that a password is needed when none was given, since "wrong password" would send the user
   * looking for a typo in a password they never typed.
   */
  private static SigningException passwordFailure(Path file, char[] password, Exception cause) {
    if (password.length > 0) {
      return PrivateKeyReader.wrongPassword(file, cause);
    }
    return new SigningException(
        "PKCS#12 file '"
            + file
            + "' is protected by a password and none was given; pass the file's password",
        cause);
  }

  private static Entry readGostEntry(Path file, Pfx pfx, char[] password, String alias) {
    Pkcs12Bags bags = Pkcs12Bags.read(file, pfx, password, true);
    List<String> aliases = new ArrayList<>();
    for (Pkcs12Bags.KeyBag key : bags.keys()) {
      aliases.add(key.alias());
    }
    String keyAlias = chooseAlias(file, aliases, alias);
    Pkcs12Bags.KeyBag key = bags.keys().get(aliases.indexOf(keyAlias));
    List<X509Certificate> candidates = bags.certificatesFor(key);
    if (candidates.isEmpty()) {
      throw new SigningException(
          "Key '"
              + keyAlias
              + "' in '"
              + file
              + "' has no certificate; add the signer certificate to the PKCS#12 file");
    }
    return new Entry(key.key(), signerFirst(key.key(), candidates));
  }

  /**
   * Returns the certificates with the one whose public key matches the key first, followed by its
   * issuers in path order and then any others. Without a match the order is kept, and the
   * credentials check reports the mismatch.
   */
  private static List<X509Certificate> signerFirst(
      PrivateKey key, List<X509Certificate> certificates) {
    X509Certificate signer = certificates.get(0);
    for (X509Certificate candidate : certificates) {
      if (KeyMatch.matches(key, candidate)) {
        signer = candidate;
        break;
      }
    }
    List<X509Certificate> rest = new ArrayList<>(certificates);
    rest.remove(signer);
    List<X509Certificate> ordered = new ArrayList<>();
    ordered.add(signer);
    X509Certificate current = signer;
    while (true) {
      X509Certificate issuer = null;
      for (X509Certificate candidate : rest) {
        if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
          issuer = candidate;
          break;
        }
      }
      if (issuer == null) {
        break;
      }
      ordered.add(issuer);
      rest.remove(issuer);
      current = issuer;
    }
    ordered.addAll(rest);
    return ordered;
  }

  /** Returns whether a DER sequence looks like a PFX: version 3 followed by a ContentInfo. */
  static boolean looksLikePfx(ASN1Sequence sequence) {
    if (sequence.size() < 2 || !(sequence.getObjectAt(0) instanceof ASN1Integer)) {
      return false;
    }
    return ((ASN1Integer) sequence.getObjectAt(0)).hasValue(3)
        && sequence.getObjectAt(1) instanceof ASN1Sequence;
  }

  private static Pfx parsePfx(Path file, byte[] bytes) {
    try {
      ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(bytes));
      if (!looksLikePfx(sequence)) {
        throw notPkcs12(file);
      }
      return Pfx.getInstance(sequence);
    } catch (IOException | IllegalArgumentException e) {
      throw notPkcs12(file);
    }
  }

  private static List<AlgorithmIdentifier> encryptionSchemesOrEmpty(Pfx pfx) {
    try {
      return encryptionSchemes(pfx);
    } catch (RuntimeException e) {
      // The KeyStore reports the problem with its own message; this scan is only for hints.
      return List.of();
    }
  }

  private static void rejectCryptoProFormat(Path file, List<AlgorithmIdentifier> schemes) {
    boolean cryptoPro =
        schemes.stream().anyMatch(s -> CRYPTOPRO_PBE_OID.equals(s.getAlgorithm().getId()));
    if (cryptoPro) {
      throw new UnsupportedKeyFormatException(
          UnsupportedKeyFormatException.Format.CRYPTOPRO_CSP_PFX,
          "Key file '"
              + file
              + "' is a PFX exported natively by CryptoPro CSP: its private key is encrypted with"
              + " CryptoPro's own scheme (PBE OID "
              + CRYPTOPRO_PBE_OID
              + "), which only CryptoPro CSP can decrypt. Export the key again from CryptoPro CSP"
              + " as a PKCS#12 compatible with OpenSSL (PBES2 with GOST algorithms, as in RFC"
              + " 9548), or convert this PFX with a tool that reads CryptoPro's format, then load"
              + " the result with KeySources.fromPkcs12 or, as PEM, with KeySources.fromPem. Its"
              + " certificates can be read with KeySources.readCertificates");
    }
  }

  /**
   * Rejects PBES2 with an HMAC-Streebog PRF and a cipher other than the GOST ones that {@link
   * GostPbes2DecryptorProvider} decrypts: Bouncy Castle 1.87's PBKDF2 lacks that PRF.
   */
  private static void rejectStreebogPrf(Path file, List<AlgorithmIdentifier> schemes) {
    for (AlgorithmIdentifier scheme : schemes) {
      if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme.getAlgorithm())) {
        continue;
      }
      if (GostPbes2DecryptorProvider.handles(scheme)) {
        continue;
      }
      PBES2Parameters parameters = PBES2Parameters.getInstance(scheme.getParameters());
      ASN1Encodable kdfParameters = parameters.getKeyDerivationFunc().getParameters();
      String prf = PBKDF2Params.getInstance(kdfParameters).getPrf().getAlgorithm().getId();
      if (prf.startsWith(STREEBOG_HMAC_OID_PREFIX)) {
        throw new UnsupportedKeyFormatException(
            UnsupportedKeyFormatException.Format.UNSUPPORTED_ENCRYPTION,
            "PKCS#12 file '"
                + file
                + "' is encrypted with PBES2 whose PRF is HMAC-Streebog (OID "
                + prf
                + "), which Bouncy Castle 1.87 cannot decrypt. Re-export it with AES using"
                + " OpenSSL with gost-engine loaded: 'openssl pkcs12 -in FILE -nodes -out"
                + " key-and-cert.pem', then 'openssl pkcs12 -export -in key-and-cert.pem -keypbe"
                + " AES-256-CBC -certpbe AES-256-CBC -out NEW.p12' (or load key-and-cert.pem"
                + " with KeySources.fromPem), and delete the unencrypted PEM afterwards");
      }
    }
  }

  /** Lists the key bag and encrypted-data schemes of a PFX in password integrity mode. */
  private static List<AlgorithmIdentifier> encryptionSchemes(Pfx pfx) {
    ContentInfo authSafe = pfx.getAuthSafe();
    if (!PKCSObjectIdentifiers.data.equals(authSafe.getContentType())) {
      return List.of();
    }
    byte[] safeBytes = ASN1OctetString.getInstance(authSafe.getContent()).getOctets();
    List<AlgorithmIdentifier> schemes = new ArrayList<>();
    for (ContentInfo info : AuthenticatedSafe.getInstance(safeBytes).getContentInfo()) {
      if (PKCSObjectIdentifiers.encryptedData.equals(info.getContentType())) {
        EncryptedData data = EncryptedData.getInstance(info.getContent());
        schemes.add(data.getEncryptionAlgorithm());
      } else if (PKCSObjectIdentifiers.data.equals(info.getContentType())) {
        byte[] bagBytes = ASN1OctetString.getInstance(info.getContent()).getOctets();
        for (ASN1Encodable element : ASN1Sequence.getInstance(bagBytes)) {
          SafeBag bag = SafeBag.getInstance(element);
          if (PKCSObjectIdentifiers.pkcs8ShroudedKeyBag.equals(bag.getBagId())) {
            EncryptedPrivateKeyInfo key = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
            schemes.add(key.getEncryptionAlgorithm());
          }
        }
      }
    }
    return schemes;
  }

  private static KeyStore load(Path file, byte[] bytes, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.provider());
      store.load(new ByteArrayInputStream(bytes), password);
      return store;
    } catch (IOException e) {
      if (isPasswordFailure(e)) {
        throw passwordFailure(file, password, e);
      }
      throw new SigningException(
          "Failed to read PKCS#12 file '" + file + "': " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new SigningException(
          "Failed to read PKCS#12 file '" + file + "': " + e.getMessage(), e);
    }
  }

  private static KeyStore loadWithoutMac(Path file, Pfx pfx, char[] password) {
    byte[] unsealed;
    try {
      unsealed = GostPkcs12Mac.withoutMac(pfx);
    } catch (IOException e) {
      throw new SigningException("Failed to re-encode PKCS#12 file '" + file + "'", e);
    }
    // Without its MAC the file would make the KeyStore reject the password as unneeded.
    Properties.setThreadOverride(Properties.PKCS12_IGNORE_USELESS_PASSWD, true);
    try {
      return load(file, unsealed, password);
    } finally {
      Properties.removeThreadOverride(Properties.PKCS12_IGNORE_USELESS_PASSWD);
    }
  }

  private static boolean isPasswordFailure(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("password")
        || message.contains("mac invalid")
        || e.getCause() instanceof UnrecoverableKeyException
        || e.getCause() instanceof javax.crypto.BadPaddingException;
  }

  private static List<String> keyAliases(Path file, KeyStore store) {
    List<String> keyAliases = new ArrayList<>();
    try {
      for (String candidate : Collections.list(store.aliases())) {
        if (store.isKeyEntry(candidate)) {
          keyAliases.add(candidate);
        }
      }
    } catch (KeyStoreException e) {
      throw new SigningException("Failed to list entries of '" + file + "'", e);
    }
    return keyAliases;
  }

  private static String chooseAlias(Path file, List<String> keyAliases, String alias) {
    if (alias != null) {
      if (!keyAliases.contains(alias)) {
        throw new SigningException(
            "Key alias '" + alias + "' not found in '" + file + "'; key entries: " + keyAliases);
      }
      return alias;
    }
    if (keyAliases.isEmpty()) {
      throw new SigningException("PKCS#12 file '" + file + "' contains no private key");
    }
    if (keyAliases.size() > 1) {
      throw new SigningException(
          "PKCS#12 file '"
              + file
              + "' contains several private keys "
              + keyAliases
              + "; pass the alias of the one to use");
    }
    return keyAliases.get(0);
  }

  private static Entry readEntry(Path file, KeyStore store, String alias, char[] password) {
    Key key;
    Certificate[] chain;
    try {
      key = store.getKey(alias, password);
      chain = store.getCertificateChain(alias);
    } catch (UnrecoverableKeyException e) {
      throw passwordFailure(file, password, e);
    } catch (GeneralSecurityException e) {
      throw new SigningException(
          "Failed to read key '" + alias + "' from '" + file + "': " + e.getMessage(), e);
    }
    if (!(key instanceof PrivateKey)) {
      throw new SigningException("Entry '" + alias + "' of '" + file + "' is not a private key");
    }
    if (chain == null || chain.length == 0) {
      throw new SigningException(
          "Key '"
              + alias
              + "' in '"
              + file
              + "' has no certificate; add the signer certificate"
              + " to the PKCS#12 file");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : chain) {
      certificates.add((X509Certificate) certificate);
    }
    return new Entry((PrivateKey) key, certificates);
  }

  private static SigningException notPkcs12(Path file) {
    return new SigningException(
        "Key file '"
            + file
            + "' has an unknown format: it is not a PKCS#12 (PFX) file; accepted formats:"
            + " PKCS#12 DER (.pfx, .p12) here, PKCS#8 PEM or DER with KeySources.fromPem");
  }
}
