package org.ezpsdk.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.signing.internal.Certificates;

/**
 * The CA certificates that a verifier trusts as the roots of signer certificate paths, such as the
 * root and intermediate certificates of an accredited certification centre. Immutable.
 */
public final class TrustAnchors {
  private final List<X509Certificate> certificates;

  private TrustAnchors(List<X509Certificate> certificates) {
    this.certificates = List.copyOf(certificates);
  }

  /** Trusts the given certificates. */
  public static TrustAnchors of(X509Certificate... certificates) {
    List<X509Certificate> list = new ArrayList<>();
    for (X509Certificate certificate : certificates) {
      list.add(normalise(Objects.requireNonNull(certificate, "certificate"), "argument"));
    }
    return create(list, "the arguments");
  }

  /**
   * Trusts every certificate in the regular files of a folder (not its subfolders): PEM files with
   * one or more certificates, or DER files, whatever their extension. Files that hold no
   * certificate, such as a README, are rejected, so a wrong folder is noticed.
   *
   * @throws ConfigurationException when the folder cannot be read, a file is not a certificate, or
   *     the folder contains none
   */
  public static TrustAnchors fromDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new ConfigurationException(
          "Trust anchor folder '" + directory + "' not found or not a folder; check the path");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    } catch (IOException e) {
      throw new ConfigurationException(
          "Failed to list trust anchor folder '" + directory + "': " + e.getMessage(), e);
    }
    Collections.sort(files);
    List<X509Certificate> list = new ArrayList<>();
    for (Path file : files) {
      list.addAll(readFile(file));
    }
    return create(list, "folder '" + directory + "'");
  }

  /** Trusts every certificate in a key store: trusted certificate entries and key entries. */
  public static TrustAnchors fromKeyStore(KeyStore keyStore) {
    Objects.requireNonNull(keyStore, "keyStore");
    List<X509Certificate> list = new ArrayList<>();
    try {
      for (String alias : Collections.list(keyStore.aliases())) {
        Certificate certificate = keyStore.getCertificate(alias);
        if (certificate instanceof X509Certificate) {
          list.add(normalise((X509Certificate) certificate, "key store entry '" + alias + "'"));
        }
      }
    } catch (KeyStoreException e) {
      throw new ConfigurationException(
          "Failed to read trust anchors from the key store: " + e.getMessage(), e);
    }
    return create(list, "the key store");
  }

  /** Returns the trusted certificates, in the order they were read. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** Returns the certificates as PKIX trust anchors. */
  Set<TrustAnchor> anchors() {
    Set<TrustAnchor> anchors = new LinkedHashSet<>();
    for (X509Certificate certificate : certificates) {
      anchors.add(new TrustAnchor(certificate, null));
    }
    return anchors;
  }

  @Override
  public String toString() {
    List<String> subjects = new ArrayList<>();
    for (X509Certificate certificate : certificates) {
      subjects.add(certificate.getSubjectX500Principal().getName());
    }
    return "TrustAnchors" + subjects;
  }

  private static TrustAnchors create(List<X509Certificate> list, String source) {
    if (list.isEmpty()) {
      throw new ConfigurationException(
          "No trust anchor certificate found in " + source + "; supply CA certificates");
    }
    return new TrustAnchors(list);
  }

  private static List<X509Certificate> readFile(Path file) {
    List<X509Certificate> parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = Certificates.parseAll(in);
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new ConfigurationException(
          "Trust anchor file '"
              + file
              + "' is not an X.509 certificate ("
              + e.getMessage()
              + "); keep only CA certificates (PEM or DER) in the folder",
          e);
    }
    if (parsed.isEmpty()) {
      throw new ConfigurationException(
          "Trust anchor file '"
              + file
              + "' contains no certificate; keep only CA certificates (PEM or DER) in the folder");
    }
    return parsed;
  }

  private static X509Certificate normalise(X509Certificate certificate, String source) {
    try {
      return Certificates.toBouncyCastle(certificate);
    } catch (CertificateException e) {
      throw new ConfigurationException(
          "Failed to read trust anchor from " + source + ": " + e.getMessage(), e);
    }
  }
}
