package org.ezpsdk.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.signing.VerificationResult.Failure;
import org.ezpsdk.signing.internal.FileRangeInputStream;

/**
 * Finds every signature embedded in a PDF and checks each one: the CMS in /Contents over the bytes
 * that /ByteRange names, with the same checks as {@link CadesVerifier}, and whether the signature
 * covers the whole file. A signature with SubFilter {@code ETSI.CAdES.detached} must carry
 * signingCertificateV2; one with {@code adbe.pkcs7.detached} need not. When the CMS has no
 * signingTime, the certificate checks use the /M entry.
 *
 * <p>The signed parts are streamed from the file through the digest. Instances are immutable and
 * thread-safe.
 */
public final class PadesVerifier {
  private static final String ETSI_CADES_DETACHED = "ETSI.CAdES.detached";

  private final CadesVerifier cadesVerifier;
  private final CadesVerifier pkcs7Verifier;

  private PadesVerifier(Builder builder) {
    CadesVerifier.Builder cades = CadesVerifier.builder().clock(builder.clock);
    CadesVerifier.Builder pkcs7 =
        CadesVerifier.builder().clock(builder.clock).requireSigningCertificate(false);
    if (builder.trustAnchors != null) {
      cades.trustAnchors(builder.trustAnchors);
      pkcs7.trustAnchors(builder.trustAnchors);
    }
    this.cadesVerifier = cades.build();
    this.pkcs7Verifier = pkcs7.build();
  }

  /** Creates a verifier without trust anchors. */
  public static PadesVerifier create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks every signature in the PDF, in the order of the document's signature fields. An empty
   * list means the PDF has no signature.
   *
   * @throws EzpClientException when the file cannot be read or is not a PDF
   */
  public List<PadesSignatureResult> verify(Path pdf) {
    Objects.requireNonNull(pdf, "pdf");
    if (!Files.isRegularFile(pdf)) {
      throw new EzpClientException("Signed PDF '" + pdf + "' not found; check the path");
    }
    List<PadesSignatureResult> results = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      long fileSize = Files.size(pdf);
      for (PDSignatureField field : document.getSignatureFields()) {
        PDSignature signature = field.getSignature();
        if (signature != null) {
          results.add(check(pdf, fileSize, field.getFullyQualifiedName(), signature));
        }
      }
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read signatures of PDF '" + pdf + "': " + e.getMessage(), e);
    }
    return results;
  }

  private PadesSignatureResult check(Path pdf, long fileSize, String name, PDSignature signature)
      throws IOException {
    String subFilter = signature.getSubFilter();
    Instant signDate = toInstant(signature.getSignDate());
    int[] range = signature.getByteRange();
    List<Long> byteRange = new ArrayList<>();
    for (int value : range) {
      byteRange.add((long) value);
    }
    String rangeProblem = rangeProblem(range, fileSize);
    if (rangeProblem != null) {
      return new PadesSignatureResult(
          name, subFilter, signDate, byteRange, false, malformed(rangeProblem));
    }
    boolean coversWholeFile = range[0] == 0 && (long) range[2] + range[3] == fileSize;
    CadesVerifier verifier = ETSI_CADES_DETACHED.equals(subFilter) ? cadesVerifier : pkcs7Verifier;
    VerificationResult verification;
    try (InputStream content = signedParts(pdf, range)) {
      verification = verifier.verify(content, signature.getContents(), signDate);
    }
    return new PadesSignatureResult(
        name, subFilter, signDate, byteRange, coversWholeFile, verification);
  }

  private static InputStream signedParts(Path pdf, int[] range) throws IOException {
    InputStream first = FileRangeInputStream.open(pdf, range[0], range[1]);
    try {
      InputStream second = FileRangeInputStream.open(pdf, range[2], range[3]);
      return new SequenceInputStream(first, second);
    } catch (IOException e) {
      first.close();
      throw e;
    }
  }

  /** Returns what is wrong with the /ByteRange, or null when it names two parts of the file. */
  private static String rangeProblem(int[] range, long fileSize) {
    if (range == null || range.length != 4) {
      return "The signature's /ByteRange does not have 4 numbers";
    }
    for (int value : range) {
      if (value < 0) {
        return "The signature's /ByteRange has a negative number";
      }
    }
    long firstEnd = (long) range[0] + range[1];
    long secondEnd = (long) range[2] + range[3];
    if (firstEnd > range[2] || secondEnd > fileSize) {
      return "The signature's /ByteRange parts overlap or reach past the end of the file ("
          + fileSize
          + " bytes)";
    }
    return null;
  }

  private static VerificationResult malformed(String reason) {
    return new VerificationResult(
        false,
        Failure.MALFORMED,
        reason,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        false,
        false,
        false,
        ChainResult.notChecked("The signature could not be read"));
  }

  private static Instant toInstant(Calendar calendar) {
    return calendar == null ? null : calendar.toInstant();
  }

  /** Builder of {@link PadesVerifier}. */
  public static final class Builder {
    private TrustAnchors trustAnchors;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the CA certificates that signer certificate paths must lead to; default none. */
    public Builder trustAnchors(TrustAnchors trustAnchors) {
      this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
      return this;
    }

    /** Sets the clock used when a signature has neither signingTime nor /M; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public PadesVerifier build() {
      return new PadesVerifier(this);
    }
  }
}
