package org.ezpsdk.examples.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.signing.PadesSignatureResult;
import org.ezpsdk.signing.VerificationResult;

/** Formats results for the terminal. */
final class Reports {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private Reports() {}

  static String describe(VerificationResult result, Path file, Path signatureFile) {
    return String.format(
        "Signature %s is VALID for %s%n%s", signatureFile, file, details(result, "  "));
  }

  /** Describes every signature embedded in a PDF, valid or not. */
  static String describe(List<PadesSignatureResult> results, Path file) {
    if (results.isEmpty()) {
      return "No embedded signature in " + file;
    }
    StringBuilder text = new StringBuilder();
    text.append(results.size()).append(" embedded signature(s) in ").append(file);
    for (PadesSignatureResult result : results) {
      text.append(String.format("%n- %s: %s", result.fieldName(), state(result.verification())));
      text.append(String.format("%n    subfilter: %s", result.subFilter()));
      text.append(
          String.format(
              "%n    covers:  %s",
              result.coversWholeFile() ? "the whole file" : "part of the file (more was added)"));
      text.append(String.format("%n    /M:      %s", time(result.signDate())));
      if (result.verification().signerSubject() != null) {
        text.append(String.format("%n%s", details(result.verification(), "    ")));
      }
    }
    return text.toString();
  }

  private static String state(VerificationResult result) {
    return result.valid()
        ? "VALID"
        : "INVALID (" + result.failure() + ": " + result.failureReason() + ")";
  }

  private static String details(VerificationResult result, String indent) {
    return String.format(
        indent
            + "profile: %s%n"
            + indent
            + "signer:  %s%n"
            + indent
            + "serial:  %s%n"
            + indent
            + "signed:  %s%n"
            + indent
            + "digest:  %s%n"
            + indent
            + "certificate valid %s to %s%n"
            + indent
            + "chain:   %s%s",
        result.signingCertificatePresent()
            ? "CAdES-BES"
            : "CMS without the signingCertificateV2 attribute, so not CAdES-BES",
        result.signerSubject(),
        result.serialNumber() == null ? "unknown" : result.serialNumber().toString(16),
        result.signingTime() == null ? "no signing time" : TIME.format(result.signingTime()),
        result.digestAlgorithm(),
        TIME.format(result.certificateNotBefore()),
        TIME.format(result.certificateNotAfter()),
        result.chain().status(),
        result.chain().reason().isEmpty() ? "" : " (" + result.chain().reason() + ")");
  }

  /** Returns the report of a detached signature as a JSON-ready map. */
  static Map<String, Object> toMap(VerificationResult result, Path file, Path signatureFile) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("file", file.toString());
    map.put("signature", signatureFile.toString());
    map.putAll(toMap(result));
    return map;
  }

  /** Returns the report of a PDF's embedded signatures as a JSON-ready map. */
  static Map<String, Object> toMap(List<PadesSignatureResult> results, Path file) {
    List<Map<String, Object>> signatures = new ArrayList<>();
    for (PadesSignatureResult result : results) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("field", result.fieldName());
      map.put("subFilter", result.subFilter());
      map.put("signDate", isoTime(result.signDate()));
      map.put("byteRange", result.byteRange());
      map.put("coversWholeFile", result.coversWholeFile());
      map.putAll(toMap(result.verification()));
      signatures.add(map);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("file", file.toString());
    report.put("valid", !results.isEmpty() && results.stream().allMatch(r -> r.valid()));
    report.put("signatures", signatures);
    return report;
  }

  private static Map<String, Object> toMap(VerificationResult result) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("valid", result.valid());
    map.put("failure", result.failure().name());
    map.put("failureReason", result.failureReason());
    map.put("signer", result.signerSubject());
    map.put("serial", result.serialNumber() == null ? null : result.serialNumber().toString(16));
    map.put("signingTime", isoTime(result.signingTime()));
    map.put("digestAlgorithm", result.digestAlgorithm());
    map.put("certificateNotBefore", isoTime(result.certificateNotBefore()));
    map.put("certificateNotAfter", isoTime(result.certificateNotAfter()));
    map.put("cades", result.signingCertificatePresent());
    Map<String, Object> chain = new LinkedHashMap<>();
    chain.put("status", result.chain().status().name());
    chain.put("reason", result.chain().reason());
    map.put("chain", chain);
    return map;
  }

  private static String isoTime(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static String time(Instant instant) {
    return instant == null ? "none" : TIME.format(instant);
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
