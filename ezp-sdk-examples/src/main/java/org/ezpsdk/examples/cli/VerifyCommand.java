package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Verifies a detached CMS signature against its file. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies a detached CMS signature (CAdES-BES, GOST R 34.10-2012) against its file.",
      "Checks the content digest and the signature value with the certificate inside the"
          + " signature; it does not check the certificate chain. Exits 0 when valid, 3 when not."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The signed file.")
  Path file;

  @Parameters(index = "1", paramLabel = "SIG", description = "The detached signature, DER.")
  Path signatureFile;

  @Option(
      names = "--require-cades",
      description =
          "Reject a plain CMS signature that lacks the signingCertificateV2 attribute of"
              + " CAdES-BES (as 'openssl cms -sign' without -cades makes).")
  boolean requireCades;

  @Override
  public Integer call() throws IOException {
    requireFile(file, "Signed file");
    requireFile(signatureFile, "Signature file");
    VerificationResult result =
        CadesVerifier.builder()
            .requireSigningCertificate(requireCades)
            .build()
            .verifyDetached(file, Files.readAllBytes(signatureFile));
    if (!result.valid()) {
      spec.commandLine()
          .getErr()
          .printf(
              "ezp: error: signature %s is INVALID for %s: %s%n",
              signatureFile, file, result.failureReason());
      return EzpCommand.EXIT_INVALID_INPUT;
    }
    spec.commandLine().getOut().println(Reports.describe(result, file, signatureFile));
    return 0;
  }

  private static void requireFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new EzpClientException(what + " '" + path + "' not found; check the path");
    }
  }
}
