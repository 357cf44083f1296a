package org.ezpsdk.transport.tls;

import java.security.KeyStore;

/**
 * The JSSE mode's settings after {@link GostTlsTransport.Builder#build()} checked them.
 *
 * @param protocol the SSLContext algorithm, such as {@code GostTLSv1.2}
 * @param keyManagerAlgorithm the KeyManagerFactory algorithm, such as {@code GostX509}
 * @param trustManagerAlgorithm the TrustManagerFactory algorithm, such as {@code GostX509}
 * @param clientKeyStore the client's key and certificate
 * @param clientKeyPassword the password of the client's private key, or null
 * @param trustStore the trusted certificates, or null for the provider's default
 */
record JsseSettings(
    String protocol,
    String keyManagerAlgorithm,
    String trustManagerAlgorithm,
    KeyStore clientKeyStore,
    char[] clientKeyPassword,
    KeyStore trustStore) {

  @Override
  public String toString() {
    return "JsseSettings["
        + protocol
        + ", "
        + keyManagerAlgorithm
        + ", "
        + trustManagerAlgorithm
        + "]";
  }
}
