package org.ezpsdk.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.ezpsdk.core.error.SigningException;

/** Reads a PKCS#8 private key, plain or encrypted, from PEM or DER bytes. */
public final class PrivateKeyReader {
  private static final String ACCEPTED_FORMATS =
      "accepted formats: PKCS#8 PEM ('-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED"
          + " PRIVATE KEY-----') or PKCS#8 DER; for a PKCS#12 file (.pfx, .p12) use"
          + " KeySources.fromPkcs12";

  private PrivateKeyReader() {}

  /**
   * Reads the key in {@code bytes}, which came from {@code file} (named in messages only).
   *
   * @param password the password of an encrypted key; ignored for a plain one
   */
  public static PrivateKey read(Path file, byte[] bytes, char[] password) {
    Object keyObject = isPem(bytes) ? readPemObject(file, bytes) : readDerObject(file, bytes);
    PrivateKeyInfo info;
    if (keyObject instanceof PKCS8EncryptedPrivateKeyInfo) {
      info = decrypt(file, (PKCS8EncryptedPrivateKeyInfo) keyObject, password);
    } else {
      info = (PrivateKeyInfo) keyObject;
    }
    return toPrivateKey(file, info);
  }

  /** Returns whether the bytes start, after optional white space, with a PEM boundary. */
  public static boolean isPem(byte[] bytes) {
    String start = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.US_ASCII);
    return start.contains("-----BEGIN ");
  }

  private static Object readPemObject(Path file, byte[] bytes) {
    try (Reader reader =
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof PrivateKeyInfo || object instanceof PKCS8EncryptedPrivateKeyInfo) {
          return object;
        }
        if (!(object instanceof X509CertificateHolder)) {
          throw unknownFormat(file, "PEM object " + object.getClass().getSimpleName());
        }
      }
      throw unknownFormat(file, "no private key found in the PEM blocks");
    } catch (IOException e) {
      throw unknownFormat(file, "PEM parse failed: " + e.getMessage());
    }
  }

  private static Object readDerObject(Path file, byte[] bytes) {
    ASN1Sequence sequence;
    try {
      sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(bytes));
    } catch (IOException | IllegalArgumentException e) {
      throw unknownFormat(file, "neither PEM nor DER");
    }
    if (Pkcs12Reader.looksLikePfx(sequence)) {
      throw new SigningException(
          "Key file '" + file + "' is a PKCS#12 file; load it with KeySources.fromPkcs12");
    }
    try {
      return PrivateKeyInfo.getInstance(sequence);
    } catch (IllegalArgumentException notPlain) {
      try {
        return new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(sequence));
      } catch (IllegalArgumentException notEncrypted) {
        throw unknownFormat(file, "DER structure is not PKCS#8");
      }
    }
  }

  private static PrivateKeyInfo decrypt(
      Path file, PKCS8EncryptedPrivateKeyInfo encrypted, char[] password) {
    String scheme = encrypted.getEncryptionAlgorithm().getAlgorithm().getId();
    if (password == null) {
      throw new SigningException(
          "Key file '"
              + file
              + "' is encrypted (ENCRYPTED PRIVATE KEY) but no password was given; pass the"
              + " key's password");
    }
    InputDecryptorProvider decryptor;
    try {
      decryptor =
          new JceOpenSSLPKCS8DecryptorProviderBuilder()
              .setProvider(BouncyCastle.provider())
              .build(password);
    } catch (OperatorCreationException e) {
      throw new SigningException("Failed to set up decryption of key file '" + file + "'", e);
    }
    try {
      return encrypted.decryptPrivateKeyInfo(decryptor);
    } catch (PKCSException e) {
      if (e.getCause() instanceof OperatorCreationException) {
        throw new SigningException(
            "Key file '"
                + file
                + "' is encrypted with scheme "
                + scheme
                + ", which Bouncy Castle cannot decrypt ("
                + e.getCause().getMessage()
                + "); re-encrypt the key with PBES2 (PBKDF2 with HMAC-SHA256, AES-256-CBC), for"
                + " example 'openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256'",
            e);
      }
      throw wrongPassword(file, e);
    }
  }

  private static PrivateKey toPrivateKey(Path file, PrivateKeyInfo info) {
    try {
      return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPrivateKey(info);
    } catch (PEMException | RuntimeException e) {
      throw new SigningException(
          "Key file '"
              + file
              + "' holds a key of algorithm "
              + info.getPrivateKeyAlgorithm().getAlgorithm().getId()
              + " that could not be read ("
              + e.getMessage()
              + "); supply a GOST R 34.10-2012 key (OID 1.2.643.7.1.1.1.1 or 1.2.643.7.1.1.1.2)",
          e);
    }
  }

  /** Returns the error for a wrong password; it names the file and never the password. */
  public static SigningException wrongPassword(Path file, Exception cause) {
    return new SigningException(
        "Wrong password for key file '" + file + "': decryption failed; check the password", cause);
  }

  private static SigningException unknownFormat(Path file, String detail) {
    return new SigningException(
        "Key file '" + file + "' has an unknown format (" + detail + "); " + ACCEPTED_FORMATS);
  }
}
