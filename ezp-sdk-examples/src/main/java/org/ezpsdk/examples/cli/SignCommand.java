package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.PadesSigner;
import org.ezpsdk.signing.SigningCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Signs a file with a detached GOST CAdES-BES signature, or embeds one in a PDF. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Signs a file with a detached CAdES-BES signature (GOST R 34.10-2012, DER) and writes"
          + " it to FILE.sig, or with --pades embeds the signature in the PDF and writes"
          + " FILE-signed.pdf.",
      "A detached signature verifies with: openssl cms -verify -binary -inform DER -in FILE.sig"
          + " -content FILE -CAfile CERT (OpenSSL with gost-engine)."
    })
final class SignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KeyOptions key;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description =
          "Where to write the signature (default: FILE.sig) or, with --pades, the signed PDF"
              + " (default: FILE-signed.pdf).")
  Path output;

  @Option(
      names = "--pades",
      description =
          "Embed the signature in the PDF (PAdES, incremental update) instead of writing a"
              + " detached .sig file.")
  boolean pades;

  @Option(
      names = "--subfilter",
      paramLabel = "SUBFILTER",
      defaultValue = "ETSI_CADES_DETACHED",
      description =
          "PDF SubFilter with --pades: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  PadesSigner.SubFilter subFilter;

  @Option(
      names = "--overwrite",
      description = "Replace an existing signature or signed PDF instead of stopping.")
  boolean overwrite;

  @Parameters(paramLabel = "FILE", description = "The file to sign, usually the letter's PDF.")
  Path file;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new EzpClientException("File to sign '" + file + "' not found; check the path");
    }
    if (output != null && Files.exists(output) && Files.isSameFile(output, file)) {
      throw new EzpClientException(
          "The output '" + output + "' is the file to sign; choose another --output");
    }
    SigningCredentials credentials = key.load();
    if (pades) {
      return signPdf(credentials);
    }
    Path target = output != null ? output : file.resolveSibling(file.getFileName() + ".sig");
    refuseToReplace(target);
    byte[] signature = CadesSigner.of(credentials).signDetached(file);
    Files.write(target, signature);
    spec.commandLine()
        .getOut()
        .printf(
            "Signed %s as '%s'; wrote %s (%d bytes)%n",
            file, signerName(credentials), target, signature.length);
    return 0;
  }

  private int signPdf(SigningCredentials credentials) throws IOException {
    Path target = output != null ? output : file.resolveSibling(signedName(file));
    refuseToReplace(target);
    PadesSigner.builder().credentials(credentials).subFilter(subFilter).build().sign(file, target);
    spec.commandLine()
        .getOut()
        .printf(
            "Signed %s (PAdES, %s) as '%s'; wrote %s (%d bytes)%n",
            file, subFilter.pdfName(), signerName(credentials), target, Files.size(target));
    return 0;
  }

  private void refuseToReplace(Path target) {
    if (Files.exists(target) && !overwrite) {
      throw new ConfigurationException(
          "'" + target + "' already exists; choose another --output or add --overwrite");
    }
  }

  private static String signerName(SigningCredentials credentials) {
    return credentials.certificate().getSubjectX500Principal().getName();
  }

  private static String signedName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? name.length() - 4 : -1;
    return (dot < 0 ? name : name.substring(0, dot)) + "-signed.pdf";
  }
}
