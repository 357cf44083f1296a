package org.ezpsdk.transport.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * A TLS socket factory with its trust manager, built from JSSE key stores. Certificate checking
 * stays on: the trust manager is the JDK's PKIX one over the given trusted certificates, or over
 * the JDK's default CAs when no trust store is given.
 *
 * @param socketFactory the factory OkHttp opens TLS sockets with
 * @param trustManager the trust manager behind it, which OkHttp needs to clean certificate chains
 */
public record TlsSetup(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

  /**
   * Builds the TLS setup.
   *
   * @param trustStore trusted certificates, or {@code null} for the JDK's default CAs
   * @param clientKeyStore the client's private key and certificate for mutual TLS, or {@code null}
   * @param clientKeyPassword the password of the client's private key; ignored without a key store
   * @throws ConfigurationException when a key store is not loaded, empty or cannot be read
   */
  public static TlsSetup create(
      KeyStore trustStore, KeyStore clientKeyStore, char[] clientKeyPassword) {
    X509TrustManager trustManager = trustManager(trustStore);
    KeyManager[] keyManagers =
        clientKeyStore == null ? null : keyManagers(clientKeyStore, clientKeyPassword);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trustManager}, null);
      return new TlsSetup(context.getSocketFactory(), trustManager);
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "Failed to set up TLS: " + e.getMessage() + "; check the JDK's security providers", e);
    }
  }

  private static X509TrustManager trustManager(KeyStore trustStore) {
    if (trustStore != null) {
      requireCertificates(trustStore);
    }
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new ConfigurationException(
          "The JDK's trust manager factory "
              + factory.getAlgorithm()
              + " returned no X509TrustManager; check the JDK's security providers");
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "Failed to read trustStore: " + e.getMessage() + "; check the key store file", e);
    }
  }

  private static void requireCertificates(KeyStore trustStore) {
    int certificates = 0;
    try {
      for (String alias : Collections.list(trustStore.aliases())) {
        if (trustStore.getCertificate(alias) != null) {
          certificates++;
        }
      }
    } catch (KeyStoreException e) {
      throw new ConfigurationException(
          "trustStore is not loaded; call KeyStore.load(...) before passing it", e);
    }
    if (certificates == 0) {
      throw new ConfigurationException(
          "trustStore contains no certificates; add the certificate of the CA that issued the"
              + " server's certificate");
    }
  }

  private static KeyManager[] keyManagers(KeyStore keyStore, char[] password) {
    requirePrivateKey(keyStore);
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore, password);
      return factory.getKeyManagers();
    } catch (UnrecoverableKeyException e) {
      throw new ConfigurationException(
          "The private key in clientKeyStore cannot be read with the given password; check the"
              + " key password",
          e);
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "Failed to read clientKeyStore: " + e.getMessage() + "; check the key store file", e);
    }
  }

  private static void requirePrivateKey(KeyStore keyStore) {
    try {
      for (String alias : Collections.list(keyStore.aliases())) {
        if (keyStore.isKeyEntry(alias)) {
          return;
        }
      }
    } catch (KeyStoreException e) {
      throw new ConfigurationException(
          "clientKeyStore is not loaded; call KeyStore.load(...) before passing it", e);
    }
    throw new ConfigurationException(
        "clientKeyStore contains no private key; add the client certificate with its private key,"
            + " for example from a PKCS#12 file");
  }
}
