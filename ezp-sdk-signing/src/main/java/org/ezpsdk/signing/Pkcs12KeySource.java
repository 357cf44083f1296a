package org.ezpsdk.signing;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS#12 (PFX) file with a private key and its certificates, protected by one password for the
 * file and the key, as OpenSSL and most tools write it. Files from OpenSSL with gost-engine load,
 * including those encrypted with GOST 28147-89, Kuznyechik or Magma and a Streebog MAC; a PFX
 * exported natively by CryptoPro CSP does not ({@link UnsupportedKeyFormatException}).
 */
public final class Pkcs12KeySource implements KeySource {
  private final Path file;
  private final char[] password;
  private final String alias;

  private Pkcs12KeySource(Path file, char[] password, String alias) {
    this.file = Objects.requireNonNull(file, "file");
    this.password = password == null ? null : password.clone();
    this.alias = alias;
  }

  /**
   * Creates the source; nothing is read until {@link #load()}.
   *
   * @param password the file's password; null means an empty password
   * @param alias the key entry to use, or null when the file contains exactly one key
   */
  public static Pkcs12KeySource of(Path file, char[] password, String alias) {
    return new Pkcs12KeySource(file, password, alias);
  }

  @Override
  public SigningCredentials load() {
    return KeySources.loadPkcs12(file, password, alias);
  }

  @Override
  public String describe() {
    return "PKCS#12 file '" + file + "'" + (alias == null ? "" : " entry '" + alias + "'");
  }

  @Override
  public String toString() {
    return "Pkcs12KeySource[" + describe() + "]";
  }
}
