package org.ezpsdk.signing;

import org.ezpsdk.core.error.SigningException;

/**
 * A source of signing credentials: key files, a PKCS#12 file or a JCA key store. A source keeps the
 * location and the passwords it needs, and loads the key when asked, so it can be configured once
 * and loaded again after the key is replaced.
 *
 * <p>Implementations: {@link PemKeySource}, {@link Pkcs12KeySource}, {@link JcaKeyStoreSource}.
 */
public interface KeySource {

  /**
   * Loads the private key and its certificates.
   *
   * @throws SigningException when the key cannot be loaded; the message names the file or key store
   *     and never contains a password
   */
  SigningCredentials load();

  /** Returns where the key comes from, for logs and messages; never a password or key material. */
  String describe();
}
