package org.ezpsdk.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.PadesSignatureResult;
import org.ezpsdk.signing.PadesVerifier;
import org.ezpsdk.signing.TrustAnchors;
import org.ezpsdk.signing.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Verifies a detached CMS signature against its file, or the signatures embedded in a PDF. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies a detached CMS signature (CAdES-BES, GOST R 34.10-2012) against its file, or,"
          + " without SIG, every signature embedded in the PDF FILE (PAdES).",
      "Checks the content digest and the signature value with the certificate inside the"
          + " signature; with --trust it also validates the certificate path (revocation is not"
          + " checked). Exits 0 when every signature is valid, 3 when not."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The signed file or signed PDF.")
  Path file;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "SIG",
      description = "The detached signature, DER; omit it to check the PDF's embedded signatures.")
  Path signatureFile;

  @Option(
      names = "--require-cades",
      description =
          "Reject a plain CMS signature that lacks the signingCertificateV2 attribute of"
              + " CAdES-BES (as 'openssl cms -sign' without -cades makes).")
  boolean requireCades;

  @Option(
      names = "--trust",
      paramLabel = "DIR",
      description =
          "Folder of trusted CA certificates (PEM or DER); the signer's certificate path must"
              + " lead to one of them.")
  Path trustDirectory;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    requireFile(file, "Signed file");
    TrustAnchors anchors =
        trustDirectory == null ? null : TrustAnchors.fromDirectory(trustDirectory);
    if (signatureFile == null) {
      return verifyPdf(anchors);
    }
    requireFile(signatureFile, "Signature file");
    CadesVerifier.Builder builder = CadesVerifier.builder().requireSigningCertificate(requireCades);
    if (anchors != null) {
      builder.trustAnchors(anchors);
    }
    VerificationResult result =
        builder.build().verifyDetached(file, Files.readAllBytes(signatureFile));
    if (json) {
      spec.commandLine().getOut().println(toJson(Reports.toMap(result, file, signatureFile)));
    } else if (result.valid()) {
      spec.commandLine().getOut().println(Reports.describe(result, file, signatureFile));
    }
    if (!result.valid()) {
      spec.commandLine()
          .getErr()
          .printf(
              "ezp: error: signature %s is INVALID for %s: %s%n",
              signatureFile, file, result.failureReason());
      return EzpCommand.EXIT_INVALID_INPUT;
    }
    return 0;
  }

  private int verifyPdf(TrustAnchors anchors) {
    PadesVerifier.Builder builder = PadesVerifier.builder();
    if (anchors != null) {
      builder.trustAnchors(anchors);
    }
    List<PadesSignatureResult> results = builder.build().verify(file);
    if (json) {
      spec.commandLine().getOut().println(toJson(Reports.toMap(results, file)));
    } else if (!results.isEmpty()) {
      spec.commandLine().getOut().println(Reports.describe(results, file));
    }
    if (results.isEmpty()) {
      spec.commandLine()
          .getErr()
          .printf("ezp: error: %s has no embedded signature; give the detached SIG file%n", file);
      return EzpCommand.EXIT_INVALID_INPUT;
    }
    for (PadesSignatureResult result : results) {
      if (!result.valid()) {
        spec.commandLine()
            .getErr()
            .printf(
                "ezp: error: signature %s in %s is INVALID: %s%n",
                result.fieldName(), file, result.verification().failureReason());
        return EzpCommand.EXIT_INVALID_INPUT;
      }
    }
    return 0;
  }

  private static String toJson(Object report) {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to write the verification report as JSON", e);
    }
  }

  private static void requireFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new EzpClientException(what + " '" + path + "' not found; check the path");
    }
  }
}
