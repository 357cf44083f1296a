package org.ezpsdk.examples.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.signing.VerificationResult;

/** Formats results for the terminal. */
final class Reports {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private Reports() {}

  static String describe(VerificationResult result, Path file, Path signatureFile) {
    return String.format(
        "Signature %s is VALID for %s%n  profile: %s%n  signer:  %s%n  serial:  %s%n"
            + "  signed:  %s%n  digest:  %s%n  certificate valid %s to %s",
        signatureFile,
        file,
        result.signingCertificatePresent()
            ? "CAdES-BES"
            : "CMS without the signingCertificateV2 attribute, so not CAdES-BES",
        result.signerSubject(),
        result.serialNumber() == null ? "unknown" : result.serialNumber().toString(16),
        result.signingTime() == null ? "no signing time" : TIME.format(result.signingTime()),
        result.digestAlgorithm(),
        TIME.format(result.certificateNotBefore()),
        TIME.format(result.certificateNotAfter()));
  }

  static String describe(StatusEvent event) {
    return String.format(
        "  %s  %-24s %s%s",
        TIME.format(event.at()),
        event.status(),
        event.operation() == null ? "" : event.operation(),
        event.finalStatus() ? "  (final)" : "");
  }
}
