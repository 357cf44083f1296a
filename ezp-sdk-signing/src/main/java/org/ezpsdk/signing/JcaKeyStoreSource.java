package org.ezpsdk.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.error.SigningException;

/**
 * A key in a JCA {@link KeyStore} of a named provider and type, such as a CryptoPro JCP container
 * store (provider {@code JCP}, type {@code HDImageStore}) or a PKCS#12 file read by the JDK or
 * Bouncy Castle. The provider must be registered with {@link Security} (JCP registers itself when
 * installed). A store that lives in a file gets the file; a store that finds its own containers,
 * such as HDImageStore, gets none.
 *
 * <p>NOTE: the loaded key must be usable by Bouncy Castle's GOST signature classes, which is the
 * case for keys from Bouncy Castle and the JDK's PKCS12 store. A non-exportable CryptoPro JCP key
 * is not: loading it fails with a message that names its algorithm, and such keys need a signer
 * that runs inside JCP ({@link JcpAdapter} maps the algorithm names for one).
 */
public final class JcaKeyStoreSource implements KeySource {
  private final String providerName;
  private final String keyStoreType;
  private final String alias;
  private final Path keyStoreFile;
  private final char[] storePassword;
  private final char[] keyPassword;

  private JcaKeyStoreSource(Builder builder) {
    this.providerName = builder.providerName;
    this.keyStoreType = Objects.requireNonNull(builder.keyStoreType, "keyStoreType");
    this.alias = builder.alias;
    this.keyStoreFile = builder.keyStoreFile;
    this.storePassword = builder.storePassword;
    this.keyPassword = builder.keyPassword != null ? builder.keyPassword : builder.storePassword;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SigningCredentials load() {
    KeyStore store = open();
    String entry = chooseAlias(store);
    Key key;
    Certificate[] chain;
    try {
      key = store.getKey(entry, keyPassword);
      chain = store.getCertificateChain(entry);
    } catch (UnrecoverableKeyException e) {
      throw new SigningException(
          "Wrong key password for entry '" + entry + "' of " + describe() + "; check it", e);
    } catch (GeneralSecurityException e) {
      throw new SigningException(
          "Failed to read entry '" + entry + "' of " + describe() + ": " + e.getMessage(), e);
    }
    if (!(key instanceof PrivateKey)) {
      throw new SigningException(
          "Entry '" + entry + "' of " + describe() + " is not a private key entry");
    }
    if (chain == null || chain.length == 0) {
      throw new SigningException(
          "Key entry '" + entry + "' of " + describe() + " has no certificate; add it");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : chain) {
      certificates.add((X509Certificate) certificate);
    }
    return SigningCredentials.of(
        (PrivateKey) key, certificates.get(0), certificates.subList(1, certificates.size()));
  }

  @Override
  public String describe() {
    return "key store of type '"
        + keyStoreType
        + "'"
        + (providerName == null ? "" : " from provider '" + providerName + "'")
        + (keyStoreFile == null ? "" : " in '" + keyStoreFile + "'")
        + (alias == null ? "" : " entry '" + alias + "'");
  }

  @Override
  public String toString() {
    return "JcaKeyStoreSource[" + describe() + "]";
  }

  private KeyStore open() {
    KeyStore store;
    try {
      store =
          providerName == null
              ? KeyStore.getInstance(keyStoreType)
              : KeyStore.getInstance(keyStoreType, provider());
    } catch (GeneralSecurityException e) {
      throw new SigningException(
          "Key store type '"
              + keyStoreType
              + "' is not available"
              + (providerName == null ? "" : " from provider '" + providerName + "'")
              + ": "
              + e.getMessage(),
          e);
    }
    try (InputStream in = keyStoreFile == null ? null : Files.newInputStream(keyStoreFile)) {
      store.load(in, storePassword);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      boolean password =
          e.getCause() instanceof UnrecoverableKeyException
              || String.valueOf(e.getMessage())
                  .toLowerCase(java.util.Locale.ROOT)
                  .contains("password");
      throw new SigningException(
          (password ? "Wrong password for " : "Failed to open ")
              + describe()
              + ": "
              + e.getMessage()
              + (password ? "; check the key store password" : ""),
          e);
    }
  }

  private Provider provider() {
    Provider provider = Security.getProvider(providerName);
    if (provider == null) {
      throw new SigningException(
          "JCA provider '"
              + providerName
              + "' is not installed; install it (for CryptoPro JCP, run its installer or add"
              + " its jars and register ru.CryptoPro.JCP.JCP) or choose another provider");
    }
    return provider;
  }

  private String chooseAlias(KeyStore store) {
    List<String> keyAliases = new ArrayList<>();
    try {
      for (String candidate : Collections.list(store.aliases())) {
        if (store.isKeyEntry(candidate)) {
          keyAliases.add(candidate);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new SigningException("Failed to list entries of " + describe(), e);
    }
    if (alias != null) {
      if (!keyAliases.contains(alias)) {
        throw new SigningException(
            "Key alias '"
                + alias
                + "' not found in "
                + describe()
                + "; key entries: "
                + keyAliases);
      }
      return alias;
    }
    if (keyAliases.size() != 1) {
      throw new SigningException(
          describe()
              + " contains "
              + (keyAliases.isEmpty() ? "no private key" : "several private keys " + keyAliases)
              + (keyAliases.isEmpty() ? "" : "; pass the alias of the one to use"));
    }
    return keyAliases.get(0);
  }

  /** Builder of {@link JcaKeyStoreSource}. */
  public static final class Builder {
    private String providerName;
    private String keyStoreType;
    private String alias;
    private Path keyStoreFile;
    private char[] storePassword;
    private char[] keyPassword;

    private Builder() {}

    /** Sets the JCA provider by name, such as {@code JCP} or {@code BC}; default: any provider. */
    public Builder provider(String providerName) {
      this.providerName = providerName;
      return this;
    }

    /** Sets the key store type, such as {@code HDImageStore} or {@code PKCS12}; required. */
    public Builder keyStoreType(String keyStoreType) {
      this.keyStoreType = Objects.requireNonNull(keyStoreType, "keyStoreType");
      return this;
    }

    /** Sets the key entry; default: the only key entry of the store. */
    public Builder alias(String alias) {
      this.alias = alias;
      return this;
    }

    /** Sets the file the store is read from; default none, for stores that find their keys. */
    public Builder keyStoreFile(Path keyStoreFile) {
      this.keyStoreFile = keyStoreFile;
      return this;
    }

    /** Sets the store's password; default none. The array is copied. */
    public Builder storePassword(char[] storePassword) {
      this.storePassword = storePassword == null ? null : storePassword.clone();
      return this;
    }

    /** Sets the key's password; default the store's password. The array is copied. */
    public Builder keyPassword(char[] keyPassword) {
      this.keyPassword = keyPassword == null ? null : keyPassword.clone();
      return this;
    }

    /**
     * Builds the source; nothing is read until {@link JcaKeyStoreSource#load()}.
     *
     * @throws NullPointerException when no key store type was set
     */
    public JcaKeyStoreSource build() {
      return new JcaKeyStoreSource(this);
    }
  }
}
