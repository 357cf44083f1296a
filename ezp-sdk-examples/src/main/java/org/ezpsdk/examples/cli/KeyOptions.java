package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.signing.JcaKeyStoreSource;
import org.ezpsdk.signing.KeySource;
import org.ezpsdk.signing.KeySources;
import org.ezpsdk.signing.SigningCredentials;
import picocli.CommandLine.Option;

/**
 * Options that locate the signing key: a PEM key and certificate, a PKCS#12 file, or a JCA key
 * store (for example CryptoPro JCP's), plus extra chain certificates to embed.
 */
final class KeyOptions {

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "Private key file, PKCS#8 PEM (plain or encrypted).")
  Path keyFile;

  @Option(
      names = "--cert",
      paramLabel = "CERT",
      description = "Signer certificate file (PEM or DER) that belongs to --key.")
  Path certFile;

  @Option(
      names = "--pkcs12",
      paramLabel = "FILE",
      description = "PKCS#12 file (.p12, .pfx) with the key and certificate, instead of --key.")
  Path pkcs12File;

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description =
          "Key store file read through a JCA provider (see --keystore-type and --provider),"
              + " instead of --key or --pkcs12.")
  Path keyStoreFile;

  @Option(
      names = "--keystore-type",
      paramLabel = "TYPE",
      description =
          "JCA key store type, such as PKCS12 or CryptoPro JCP's HDImageStore (default: PKCS12"
              + " with --keystore).")
  String keyStoreType;

  @Option(
      names = "--provider",
      paramLabel = "NAME",
      description = "JCA provider of the key store, such as BC or JCP (default: any provider).")
  String provider;

  @Option(
      names = "--alias",
      paramLabel = "ALIAS",
      description =
          "Key entry to use in the PKCS#12 file or key store; needed only when it has several.")
  String alias;

  @Option(
      names = "--chain",
      paramLabel = "FILE",
      description =
          "Extra CA certificates (PEM or DER) to embed in the signature after the signer's own"
              + " chain, nearest issuer first.")
  Path chainFile;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description =
          "Password of the key, PKCS#12 file or key store. Other users of this machine can see command"
              + " arguments; prefer --password-env.")
  String password;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Name of the environment variable that holds the key password.")
  String passwordEnv;

  /** Loads the key and certificate named by the options, with the extra chain certificates. */
  SigningCredentials load() {
    SigningCredentials credentials = source().load();
    if (chainFile == null) {
      return credentials;
    }
    List<X509Certificate> chain = new ArrayList<>(credentials.chain());
    chain.addAll(readChain(chainFile));
    return SigningCredentials.of(credentials.privateKey(), credentials.certificate(), chain);
  }

  /** Returns the key source that the options name. */
  KeySource source() {
    char[] secret = password();
    boolean keyStore = keyStoreFile != null || keyStoreType != null || provider != null;
    int chosen = (pkcs12File != null ? 1 : 0) + (keyFile != null || certFile != null ? 1 : 0);
    if (chosen + (keyStore ? 1 : 0) > 1) {
      throw new ConfigurationException(
          "Give one key: --key with --cert, --pkcs12 FILE, or --keystore/--keystore-type,"
              + " not several");
    }
    if (keyStore) {
      return JcaKeyStoreSource.builder()
          .provider(provider)
          .keyStoreType(keyStoreType != null ? keyStoreType : "PKCS12")
          .keyStoreFile(keyStoreFile)
          .alias(alias)
          .storePassword(secret)
          .build();
    }
    if (pkcs12File != null) {
      return KeySources.pkcs12(pkcs12File, secret, alias);
    }
    if (keyFile != null && certFile == null) {
      throw new ConfigurationException(
          "--key needs --cert with the certificate that belongs to the key");
    }
    if (keyFile == null && certFile != null) {
      throw new ConfigurationException("--cert needs --key with the certificate's private key");
    }
    if (keyFile == null) {
      throw new ConfigurationException(
          "A signing key is needed: give --key KEY --cert CERT, --pkcs12 FILE or --keystore"
              + " FILE; 'ezp keygen' makes a test key");
    }
    return KeySources.pem(keyFile, certFile, secret);
  }

  private static List<X509Certificate> readChain(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new ConfigurationException(
            "--chain file '" + file + "' contains no certificate; give CA certificates");
      }
      return certificates;
    } catch (IOException | CertificateException e) {
      throw new ConfigurationException(
          "--chain file '"
              + file
              + "' could not be read as X.509 certificates (PEM or DER): "
              + e.getMessage(),
          e);
    }
  }

  private char[] password() {
    if (passwordEnv != null) {
      String value = System.getenv(passwordEnv);
      if (value == null) {
        throw new ConfigurationException(
            "The environment variable " + passwordEnv + " named by --password-env is not set");
      }
      return value.toCharArray();
    }
    return password == null ? null : password.toCharArray();
  }
}
