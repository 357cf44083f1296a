package org.ezpsdk.transport.tls;

/**
 * The TLS 1.2 cipher suites of RFC 9189 that ИС ЭПС senders use, by their OpenSSL (gost-engine)
 * names and their IANA names.
 */
public enum GostCipherSuite {
  /** Kuznyechik (GOST R 34.12-2015, 128-bit block) in CTR mode with OMAC; the default. */
  KUZNYECHIK("GOST2012-KUZNYECHIK-KUZNYECHIKOMAC", "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC"),
  /** Magma (GOST R 34.12-2015, 64-bit block) in CTR mode with OMAC. */
  MAGMA("GOST2012-MAGMA-MAGMAOMAC", "TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC");

  private final String openSslName;
  private final String ianaName;

  GostCipherSuite(String openSslName, String ianaName) {
    this.openSslName = openSslName;
    this.ianaName = ianaName;
  }

  /** Returns the name OpenSSL with gost-engine and stunnel's {@code ciphers} option use. */
  public String openSslName() {
    return openSslName;
  }

  /** Returns the name in the IANA TLS cipher suite registry. */
  public String ianaName() {
    return ianaName;
  }
}
