package org.ezpsdk.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.internal.Certificates;
import org.ezpsdk.signing.internal.GostAlgorithm;
import org.ezpsdk.signing.internal.Pkcs12Reader;
import org.ezpsdk.signing.internal.PrivateKeyReader;

/**
 * Loads {@link SigningCredentials} from files: a PKCS#8 key with a certificate file, or a PKCS#12
 * (PFX) file; {@link #pem} and {@link #pkcs12} return the same as a {@link KeySource}. Keys made by
 * OpenSSL's gost-engine and by Bouncy Castle load, including keys whose algorithm parameters omit
 * the digest parameter set. PKCS#12 files from OpenSSL with gost-engine load whatever their MAC
 * ({@code -macalg md_gost12_256} or {@code md_gost12_512}) and bag encryption ({@code -keypbe} and
 * {@code -certpbe} {@code gost89}, {@code kuznyechik-ctr-acpkm}, {@code magma-ctr-acpkm} or AES). A
 * PFX exported natively by CryptoPro CSP and CryptoPro key containers (the {@code *.000} folders)
 * do not: no open-source Java reader exists for them; the PFX gives an {@link
 * UnsupportedKeyFormatException} that explains how to convert it, and {@link #readCertificates}
 * still reads its certificates.
 *
 * <p>Error messages name the file and never contain the password.
 */
public final class KeySources {
  private KeySources() {}

  /**
   * Loads a PKCS#8 private key ({@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}, PEM or DER)
   * and its certificate (PEM with one or more certificates, or DER). The certificate whose public
   * key matches the private key is the signer; the others in the file form the chain, in file
   * order.
   *
   * @param password the password of an encrypted key, or null for a plain key
   * @throws SigningException when a file cannot be read, has an unknown format, the password is
   *     missing or wrong, or no certificate belongs to the key
   */
  public static SigningCredentials fromPem(Path keyFile, Path certFile, char[] password) {
    return PemKeySource.of(keyFile, certFile, password).load();
  }

  /**
   * Returns a {@link KeySource} for a PKCS#8 key and its certificate file; see {@link #fromPem}.
   */
  public static KeySource pem(Path keyFile, Path certFile, char[] password) {
    return PemKeySource.of(keyFile, certFile, password);
  }

  /** Returns a {@link KeySource} for a PKCS#12 file; see {@link #fromPkcs12}. */
  public static KeySource pkcs12(Path file, char[] password, String alias) {
    return Pkcs12KeySource.of(file, password, alias);
  }

  /**
   * Reads every certificate in a PKCS#12 file without its private key, decrypting encrypted
   * certificate bags. This works for a PFX exported natively by CryptoPro CSP, whose key cannot be
   * read.
   *
   * @param password the file's password; null means an empty password
   * @throws SigningException when the file cannot be read, is not PKCS#12, or the password is wrong
   */
  public static List<X509Certificate> readCertificates(Path pfx, char[] password) {
    Objects.requireNonNull(pfx, "pfx");
    return Pkcs12Reader.readCertificates(pfx, readFile(pfx), password);
  }

  static SigningCredentials loadPem(Path keyFile, Path certFile, char[] password) {
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(certFile, "certFile");
    PrivateKey key = PrivateKeyReader.read(keyFile, readFile(keyFile), password);
    List<X509Certificate> certificates = readCertificates(certFile);
    return matchCertificate(key, certificates, certFile);
  }

  /**
   * Loads a private key and its certificate chain from a PKCS#12 file. The same password protects
   * the file and the key, as OpenSSL and most tools write it.
   *
   * @param password the file's password; null means an empty password
   * @param alias the key entry to use, or null when the file contains exactly one key
   * @throws UnsupportedKeyFormatException when the file is a CryptoPro CSP native PFX
   * @throws SigningException when the file cannot be read, is not PKCS#12, the password is wrong,
   *     or the alias is missing or ambiguous
   */
  public static SigningCredentials fromPkcs12(Path file, char[] password, String alias) {
    return Pkcs12KeySource.of(file, password, alias).load();
  }

  static SigningCredentials loadPkcs12(Path file, char[] password, String alias) {
    Objects.requireNonNull(file, "file");
    Pkcs12Reader.Entry entry = Pkcs12Reader.read(file, readFile(file), password, alias);
    List<X509Certificate> certificates = entry.certificates();
    return SigningCredentials.of(
        entry.privateKey(), certificates.get(0), certificates.subList(1, certificates.size()));
  }

  private static byte[] readFile(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SigningException("Failed to read key file '" + file + "': " + e, e);
    }
  }

  private static List<X509Certificate> readCertificates(Path certFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(certFile);
    } catch (IOException e) {
      throw new SigningException("Failed to read certificate file '" + certFile + "': " + e, e);
    }
    List<X509Certificate> certificates;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      certificates = Certificates.parseAll(in);
    } catch (CertificateException | IOException e) {
      throw new SigningException(
          "Certificate file '"
              + certFile
              + "' could not be parsed ("
              + e.getMessage()
              + "); supply X.509 certificates in PEM ('-----BEGIN CERTIFICATE-----') or DER",
          e);
    }
    if (certificates.isEmpty()) {
      throw new SigningException(
          "Certificate file '"
              + certFile
              + "' contains no certificate; supply X.509 certificates in PEM or DER");
    }
    return certificates;
  }

  private static SigningCredentials matchCertificate(
      PrivateKey key, List<X509Certificate> certificates, Path certFile) {
    if (GostAlgorithm.forKey(key).isEmpty()) {
      // Raises the error about the key itself, which no certificate can fix.
      return SigningCredentials.of(key, certificates.get(0));
    }
    SigningException firstMismatch = null;
    for (X509Certificate candidate : certificates) {
      List<X509Certificate> chain = new ArrayList<>(certificates);
      chain.remove(candidate);
      try {
        return SigningCredentials.of(key, candidate, chain);
      } catch (SigningException e) {
        if (firstMismatch == null) {
          firstMismatch = e;
        }
      }
    }
    throw new SigningException(
        "Certificate file '" + certFile + "': " + firstMismatch.getMessage(), firstMismatch);
  }
}
