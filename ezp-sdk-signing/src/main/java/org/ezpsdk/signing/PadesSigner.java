package org.ezpsdk.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Objects;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.SigningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds a GOST R 34.10-2012 CMS signature in a PDF (PAdES), always as an incremental update, so
 * the input file is a byte-identical prefix of the output and earlier signatures stay valid.
 *
 * <p>With the default SubFilter {@code ETSI.CAdES.detached} the CMS follows the PAdES baseline
 * profile B-B of ETSI EN 319 142-1: it carries signingCertificateV2 and no signingTime attribute,
 * and the signing time goes into the signature dictionary's /M entry. With {@code
 * adbe.pkcs7.detached} the CMS also carries signingTime, as older readers expect. Acrobat cannot
 * check GOST signatures without a GOST plug-in; {@link PadesVerifier} checks them.
 *
 * <p>The original file is read from disk and the signed byte ranges are streamed through the
 * digest. NOTE: the heap that PDFBox needs to parse and save a very large PDF has not been
 * measured; only detached CAdES signing is tested at 200 MB with a 64 MB heap. Instances are
 * immutable and thread-safe.
 */
public final class PadesSigner {
  private static final Logger LOG = LoggerFactory.getLogger(PadesSigner.class);

  /** Space reserved for the CMS beyond the certificates it carries: signer info and attributes. */
  private static final int SIGNATURE_OVERHEAD_BYTES = 8 * 1024;

  private final SigningCredentials credentials;
  private final SubFilter subFilter;
  private final Clock clock;
  private final String reason;
  private final String location;

  private PadesSigner(Builder builder) {
    this.credentials = Objects.requireNonNull(builder.credentials, "credentials");
    this.subFilter = builder.subFilter;
    this.clock = builder.clock;
    this.reason = builder.reason;
    this.location = builder.location;
  }

  /** Creates a signer with SubFilter {@code ETSI.CAdES.detached} and the system clock. */
  public static PadesSigner of(SigningCredentials credentials) {
    return builder().credentials(credentials).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The PDF SubFilter, which tells readers how the CMS in /Contents is to be read. */
  public enum SubFilter {
    /** PAdES baseline (ETSI EN 319 142-1): CAdES without signingTime; the time is in /M. */
    ETSI_CADES_DETACHED("ETSI.CAdES.detached"),
    /** ISO 32000-1 PKCS#7 detached signature, with signingTime in the CMS. */
    ADBE_PKCS7_DETACHED("adbe.pkcs7.detached");

    private final String pdfName;

    SubFilter(String pdfName) {
      this.pdfName = pdfName;
    }

    /** Returns the name as written in the PDF, without the slash. */
    public String pdfName() {
      return pdfName;
    }
  }

  /**
   * Signs {@code input} and writes the signed PDF to {@code output}, which must be another file.
   *
   * @throws EzpClientException when a file cannot be read or written, or the input is not a PDF
   * @throws SigningException when the certificate is not valid now or the key cannot sign
   */
  public void sign(Path input, Path output) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    checkPaths(input, output);
    Instant now = clock.instant();
    CadesSigner cades =
        CadesSigner.builder()
            .credentials(credentials)
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .includeSigningTime(subFilter == SubFilter.ADBE_PKCS7_DETACHED)
            .build();
    try (PDDocument document = load(input);
        SignatureOptions options = new SignatureOptions()) {
      options.setPreferredSignatureSize(reservedSignatureBytes());
      document.addSignature(signatureDictionary(now), options);
      try (OutputStream out =
          Files.newOutputStream(
              output, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
        byte[] cms;
        try (InputStream content = external.getContent()) {
          cms = cades.signDetached(content);
        }
        external.setSignature(cms);
      }
    } catch (IOException e) {
      deleteQuietly(output);
      throw new EzpClientException(
          "Failed to sign PDF '" + input + "' into '" + output + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(output);
      throw e;
    }
    LOG.debug(
        "Signed PDF {} into {} ({}) with the certificate of '{}'",
        input,
        output,
        subFilter.pdfName(),
        credentials.certificate().getSubjectX500Principal().getName());
  }

  private static void checkPaths(Path input, Path output) {
    if (!Files.isRegularFile(input)) {
      throw new EzpClientException("PDF to sign '" + input + "' not found; check the path");
    }
    try {
      if (Files.exists(output) && Files.isSameFile(input, output)) {
        throw new EzpClientException(
            "Signed PDF output '"
                + output
                + "' is the input file; write the signed PDF to another file");
      }
    } catch (IOException e) {
      throw new EzpClientException("Failed to compare '" + input + "' and '" + output + "'", e);
    }
  }

  private static void deleteQuietly(Path output) {
    try {
      Files.deleteIfExists(output);
    } catch (IOException e) {
      LOG.warn("Failed to delete the partly written PDF {}: {}", output, e.toString());
    }
  }

  private static PDDocument load(Path input) {
    try {
      return Loader.loadPDF(input.toFile());
    } catch (IOException e) {
      throw new EzpClientException(
          "File '" + input + "' is not a readable PDF (" + e.getMessage() + "); sign a valid PDF",
          e);
    }
  }

  private PDSignature signatureDictionary(Instant now) {
    PDSignature signature = new PDSignature();
    signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
    signature.setSubFilter(COSName.getPDFName(subFilter.pdfName()));
    signature.setName(credentials.certificate().getSubjectX500Principal().getName());
    if (reason != null) {
      signature.setReason(reason);
    }
    if (location != null) {
      signature.setLocation(location);
    }
    Calendar time = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    time.setTimeInMillis(now.toEpochMilli());
    signature.setSignDate(time);
    return signature;
  }

  /** Returns the bytes to reserve for the CMS: its certificates plus a fixed overhead. */
  private int reservedSignatureBytes() {
    int total = SIGNATURE_OVERHEAD_BYTES;
    for (X509Certificate certificate : credentials.certificates()) {
      try {
        total += certificate.getEncoded().length;
      } catch (CertificateEncodingException e) {
        throw new SigningException("Failed to encode certificate " + certificate, e);
      }
    }
    return total;
  }

  /** Builder of {@link PadesSigner}. */
  public static final class Builder {
    private SigningCredentials credentials;
    private SubFilter subFilter = SubFilter.ETSI_CADES_DETACHED;
    private Clock clock = Clock.systemUTC();
    private String reason;
    private String location;

    private Builder() {}

    /** Sets the key and certificates to sign with; required. */
    public Builder credentials(SigningCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Sets the SubFilter; default {@link SubFilter#ETSI_CADES_DETACHED}. */
    public Builder subFilter(SubFilter subFilter) {
      this.subFilter = Objects.requireNonNull(subFilter, "subFilter");
      return this;
    }

    /** Sets the clock for /M (and signingTime) and the validity check; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the /Reason entry, such as "Registered letter"; default none. */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /** Sets the /Location entry; default none. */
    public Builder location(String location) {
      this.location = location;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @throws NullPointerException when no credentials were set
     */
    public PadesSigner build() {
      return new PadesSigner(this);
    }
  }
}
