package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.SigningCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Signs a file with a detached GOST CAdES-BES signature. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Signs a file with a detached CAdES-BES signature (GOST R 34.10-2012, DER) and writes"
          + " it to FILE.sig.",
      "The signature verifies with: openssl cms -verify -binary -inform DER -in FILE.sig"
          + " -content FILE -CAfile CERT (OpenSSL with gost-engine)."
    })
final class SignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KeyOptions key;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "SIG",
      description = "Where to write the signature (default: FILE.sig).")
  Path output;

  @Parameters(paramLabel = "FILE", description = "The file to sign, usually the letter's PDF.")
  Path file;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new org.ezpsdk.core.error.EzpClientException(
          "File to sign '" + file + "' not found; check the path");
    }
    SigningCredentials credentials = key.load();
    byte[] signature = CadesSigner.of(credentials).signDetached(file);
    Path target = output != null ? output : file.resolveSibling(file.getFileName() + ".sig");
    Files.write(target, signature);
    spec.commandLine()
        .getOut()
        .printf(
            "Signed %s with %s; wrote %s (%d bytes)%n",
            file, credentials, target, signature.length);
    return 0;
  }
}
