package org.ezpsdk.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed certificates made at test time with the JDK's keytool, in PKCS#12 key stores. */
final class TestCertificates {

  static final String PASSWORD = "test-store-password";

  private TestCertificates() {}

  /**
   * Generates an EC P-256 key pair with a self-signed certificate valid for two days.
   *
   * @param subjectAltName a keytool SAN value, such as {@code ip:127.0.0.1}
   */
  static KeyStore generate(Path directory, String alias, String commonName, String subjectAltName)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path store = directory.resolve(alias + ".p12");
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            alias,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-sigalg",
            "SHA256withECDSA",
            "-dname",
            "CN=" + commonName,
            "-ext",
            "SAN=" + subjectAltName,
            "-validity",
            "2",
            "-keystore",
            store.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            PASSWORD,
            "-keypass",
            PASSWORD,
            "-noprompt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool exit code; output: %s", output).isZero();
    return load(store);
  }

  static KeyStore load(Path store) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD.toCharArray());
    }
    return keyStore;
  }

  /** Returns a new trust store that contains the certificate of the alias in the key store. */
  static KeyStore trustStoreOf(KeyStore keyStore, String alias)
      throws IOException, GeneralSecurityException {
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry(alias, keyStore.getCertificate(alias));
    return trustStore;
  }

  /**
   * Returns a server TLS context with the given key; with {@code trustedClients}, the server can
   * check client certificates against it.
   */
  static SSLContext serverContext(KeyStore keys, KeyStore trustedClients)
      throws GeneralSecurityException {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    TrustManagerFactory trustManagers = null;
    if (trustedClients != null) {
      trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trustedClients);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers.getKeyManagers(),
        trustManagers == null ? null : trustManagers.getTrustManagers(),
        null);
    return context;
  }
}
