package org.ezpsdk.examples.cli;

import java.nio.file.Path;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.signing.KeySources;
import org.ezpsdk.signing.SigningCredentials;
import picocli.CommandLine.Option;

/** Options that locate the signing key: a PEM key and certificate, or a PKCS#12 file. */
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
      names = "--alias",
      paramLabel = "ALIAS",
      description = "Key entry to use in the PKCS#12 file; needed only when it has several.")
  String alias;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description =
          "Password of the key or PKCS#12 file. Other users of this machine can see command"
              + " arguments; prefer --password-env.")
  String password;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Name of the environment variable that holds the key password.")
  String passwordEnv;

  /** Loads the key and certificate named by the options. */
  SigningCredentials load() {
    char[] secret = password();
    if (pkcs12File != null) {
      if (keyFile != null || certFile != null) {
        throw new ConfigurationException("Give either --pkcs12 or --key with --cert, not both");
      }
      return KeySources.fromPkcs12(pkcs12File, secret, alias);
    }
    if (keyFile == null || certFile == null) {
      throw new ConfigurationException(
          "A signing key is needed: give --key KEY --cert CERT, or --pkcs12 FILE;"
              + " 'ezp keygen' makes a test key");
    }
    return KeySources.fromPem(keyFile, certFile, secret);
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
