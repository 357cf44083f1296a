package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Makes a GOST test key and a self-signed certificate. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a GOST R 34.10-2012 test key and a self-signed certificate.",
      "For tests and the emulator only: the real service accepts only certificates from an"
          + " accredited certification centre."
    })
final class KeygenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"--paramset", "--params"},
      defaultValue = "TC26_256_A",
      paramLabel = "SET",
      description =
          "Parameter set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); --params is an"
              + " alias.")
  GostParameterSet parameterSet;

  @Option(
      names = "--subject",
      defaultValue = "EZP SDK test signer",
      paramLabel = "CN",
      description = "Common name of the certificate (default: ${DEFAULT-VALUE}).")
  String commonName;

  @Option(
      names = "--days",
      defaultValue = "365",
      paramLabel = "DAYS",
      description = "Validity of the certificate in days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--key-out",
      defaultValue = "test-key.pem",
      paramLabel = "FILE",
      description = "Where to write the PKCS#8 PEM private key (default: ${DEFAULT-VALUE}).")
  Path keyFile;

  @Option(
      names = "--cert-out",
      defaultValue = "test-cert.pem",
      paramLabel = "FILE",
      description = "Where to write the PEM certificate (default: ${DEFAULT-VALUE}).")
  Path certFile;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Encrypt the key with the password in this environment variable.")
  String passwordEnv;

  @Option(
      names = "--overwrite",
      description = "Replace existing key and certificate files instead of stopping.")
  boolean overwrite;

  /** Makes the key file readable by its owner only, where the file system has POSIX modes. */
  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // NOTE: on a file system without POSIX modes (Windows) the key keeps the default access.
    } catch (IOException e) {
      throw new ConfigurationException(
          "Failed to restrict access to key file '" + file + "': " + e.getMessage(), e);
    }
  }

  @Override
  public Integer call() {
    if (days < 1) {
      throw new ConfigurationException("--days must be at least 1, got " + days);
    }
    char[] password = null;
    if (passwordEnv != null) {
      String value = System.getenv(passwordEnv);
      if (value == null || value.isEmpty()) {
        throw new ConfigurationException(
            "The environment variable " + passwordEnv + " named by --password-env is not set");
      }
      password = value.toCharArray();
    }
    for (Path existing : new Path[] {keyFile, certFile}) {
      if (Files.exists(existing) && !overwrite) {
        throw new ConfigurationException(
            "'" + existing + "' already exists; choose another file or add --overwrite");
      }
    }
    SigningCredentials credentials =
        TestKeys.generate(parameterSet, commonName, Duration.ofDays(days));
    TestKeys.writePem(credentials, keyFile, certFile, password);
    restrictToOwner(keyFile);
    spec.commandLine()
        .getOut()
        .printf(
            "Wrote test key %s (%s%s) and certificate %s for '%s', valid %d days%n",
            keyFile,
            parameterSet,
            password == null ? ", not encrypted" : ", encrypted",
            certFile,
            commonName,
            days);
    return 0;
  }
}
