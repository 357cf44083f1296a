package org.ezpsdk.signing;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS#8 private key file (PEM or DER, plain or encrypted) with a certificate file (PEM with one
 * or more certificates, or DER). The certificate whose public key matches the key is the signer;
 * the others form the chain, in file order.
 */
public final class PemKeySource implements KeySource {
  private final Path keyFile;
  private final Path certFile;
  private final char[] password;

  private PemKeySource(Path keyFile, Path certFile, char[] password) {
    this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
    this.certFile = Objects.requireNonNull(certFile, "certFile");
    this.password = password == null ? null : password.clone();
  }

  /**
   * Creates the source; nothing is read until {@link #load()}.
   *
   * @param password the password of an encrypted key, or null for a plain key
   */
  public static PemKeySource of(Path keyFile, Path certFile, char[] password) {
    return new PemKeySource(keyFile, certFile, password);
  }

  @Override
  public SigningCredentials load() {
    return KeySources.loadPem(keyFile, certFile, password);
  }

  @Override
  public String describe() {
    return "PKCS#8 key '" + keyFile + "' with certificate '" + certFile + "'";
  }

  @Override
  public String toString() {
    return "PemKeySource[" + describe() + "]";
  }
}
