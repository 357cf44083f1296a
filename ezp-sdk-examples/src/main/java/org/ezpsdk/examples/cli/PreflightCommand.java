package org.ezpsdk.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ezpsdk.core.pdf.OwnerPasswordPolicy;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.pdf.PreflightReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a PDF the way the service will, before anything is signed or sent. */
@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that a PDF can be sent as a letter: it opens without a password, is not broken,"
          + " every page is A4 portrait, and page count and size are within limits.",
      "Exits 0 when the file passes, 3 with one line per problem when it does not."
    })
final class PreflightCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The PDF to check.")
  Path file;

  @Option(
      names = "--max-pages",
      paramLabel = "N",
      description = "Maximum number of pages (default: 15, the web upload's limit).")
  Integer maxPages;

  @Option(
      names = "--max-size-mb",
      paramLabel = "MB",
      description = "Largest file allowed, in MiB (default: the SDK's default limit).")
  Long maxSizeMb;

  @Option(
      names = "--accept-owner-password",
      description =
          "Accept a PDF that opens without a password but carries an owner password"
              + " (permissions); rejected by default.")
  boolean acceptOwnerPassword;

  @Override
  public Integer call() {
    PdfPreflight preflight = new PdfPreflight(policy(maxPages, maxSizeMb, acceptOwnerPassword));
    PreflightReport report = preflight.check(file);
    spec.commandLine()
        .getOut()
        .printf(
            "%s: OK, %d page(s) A4 portrait, %d bytes%s%n",
            report.fileName(),
            report.pageCount(),
            report.sizeBytes(),
            report.encryptedWithOwnerPassword() ? ", owner password (accepted by option)" : "");
    return 0;
  }

  static PreflightPolicy policy(Integer maxPages, Long maxSizeMb, boolean acceptOwnerPassword) {
    PreflightPolicy.Builder builder = PreflightPolicy.defaults().toBuilder();
    if (maxPages != null) {
      builder.maxPages(maxPages);
    }
    if (maxSizeMb != null) {
      builder.maxFileSizeBytes(maxSizeMb * 1024 * 1024);
    }
    if (acceptOwnerPassword) {
      builder.ownerPasswordPolicy(OwnerPasswordPolicy.ACCEPT);
    }
    return builder.build();
  }
}
