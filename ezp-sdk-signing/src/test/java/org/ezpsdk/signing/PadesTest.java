package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightReport;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.signing.ChainResult.Status;
import org.ezpsdk.signing.PadesSigner.SubFilter;
import org.ezpsdk.signing.VerificationResult.Failure;
import org.ezpsdk.signing.internal.FileRangeInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDF signatures embedded with {@link PadesSigner} and checked with {@link PadesVerifier}. */
class PadesTest {
  private static final SigningCredentials SIGNER =
      TestKeys.generate(GostParameterSet.TC26_256_A, "PAdES signer", Duration.ofDays(1));

  @TempDir Path dir;
  private Path pdf;
  private Path signed;

  @BeforeEach
  void setUp() throws IOException {
    pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 3);
    signed = dir.resolve("letter-signed.pdf");
  }

  @Test
  void signsThreePagePdfWithEtsiCades() {
    PadesSigner.of(SIGNER).sign(pdf, signed);

    List<PadesSignatureResult> results = PadesVerifier.create().verify(signed);

    assertThat(results).hasSize(1);
    PadesSignatureResult result = results.get(0);
    assertThat(result.verification().failureReason()).isEmpty();
    assertThat(result.valid()).isTrue();
    assertThat(result.coversWholeFile()).isTrue();
    assertThat(result.subFilter()).isEqualTo("ETSI.CAdES.detached");
    assertThat(result.signer()).isEqualTo("CN=PAdES signer");
    assertThat(result.signDate()).isNotNull();
    assertThat(result.fieldName()).isNotBlank();
  }

  @Test
  void etsiCadesOmitsSigningTimeAndKeepsSigningCertificate() {
    PadesSigner.of(SIGNER).sign(pdf, signed);

    VerificationResult verification = PadesVerifier.create().verify(signed).get(0).verification();

    assertThat(verification.signingTime()).isNull();
    assertThat(verification.signingCertificatePresent()).isTrue();
    assertThat(verification.signingCertificateMatches()).isTrue();
  }

  @Test
  void pkcs7SubFilterKeepsSigningTime() {
    PadesSigner.builder()
        .credentials(SIGNER)
        .subFilter(SubFilter.ADBE_PKCS7_DETACHED)
        .build()
        .sign(pdf, signed);

    PadesSignatureResult result = PadesVerifier.create().verify(signed).get(0);

    assertThat(result.valid()).isTrue();
    assertThat(result.subFilter()).isEqualTo("adbe.pkcs7.detached");
    assertThat(result.verification().signingTime()).isNotNull();
  }

  @Test
  void originalFileIsBytePrefixOfSignedFile() throws IOException {
    PadesSigner.of(SIGNER).sign(pdf, signed);

    byte[] original = Files.readAllBytes(pdf);
    byte[] output = Files.readAllBytes(signed);

    assertThat(output.length).isGreaterThan(original.length);
    assertThat(Arrays.copyOf(output, original.length)).isEqualTo(original);
  }

  @Test
  void signedPdfPassesPreflightAndOpens() throws IOException {
    PadesSigner.of(SIGNER).sign(pdf, signed);

    PreflightReport report = new PdfPreflight().check(signed);

    assertThat(report.pageCount()).isEqualTo(3);
    try (PDDocument document = Loader.loadPDF(signed.toFile())) {
      assertThat(document.getNumberOfPages()).isEqualTo(3);
      assertThat(document.getSignatureDictionaries()).hasSize(1);
    }
  }

  @Test
  void signedRangesVerifyInOpenSsl() throws Exception {
    OpenSsl openSsl = OpenSsl.withGostEngine(dir);
    PadesSigner.of(SIGNER).sign(pdf, signed);
    Path content = dir.resolve("byte-range.bin");
    Path cms = dir.resolve("contents.der");
    Path cert = dir.resolve("cert.pem");
    TestKeys.writePem(SIGNER, dir.resolve("key.pem"), cert, null);
    extractSignedParts(signed, content, cms);

    OpenSsl.Result result =
        openSsl.run(
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            cms.toString(),
            "-content",
            content.toString(),
            "-CAfile",
            cert.toString(),
            "-out",
            "/dev/null");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Verification successful");
  }

  @Test
  void secondSignatureKeepsFirstValid() throws IOException {
    SigningCredentials second =
        TestKeys.generate(GostParameterSet.TC26_512_B, "Second signer", Duration.ofDays(1));
    PadesSigner.of(SIGNER).sign(pdf, signed);
    Path twice = dir.resolve("letter-signed-twice.pdf");
    PadesSigner.of(second).sign(signed, twice);

    List<PadesSignatureResult> results = PadesVerifier.create().verify(twice);
    byte[] once = Files.readAllBytes(signed);
    byte[] output = Files.readAllBytes(twice);

    assertThat(results).hasSize(2);
    assertThat(results.get(0).valid()).as(results.get(0).verification().failureReason()).isTrue();
    assertThat(results.get(0).coversWholeFile()).isFalse();
    assertThat(results.get(0).signer()).isEqualTo("CN=PAdES signer");
    assertThat(results.get(1).valid()).isTrue();
    assertThat(results.get(1).coversWholeFile()).isTrue();
    assertThat(results.get(1).signer()).isEqualTo("CN=Second signer");
    assertThat(Arrays.copyOf(output, once.length)).isEqualTo(once);
  }

  @Test
  void tamperedByteInsideSignedRangeIsInvalid() throws IOException {
    PadesSigner.of(SIGNER).sign(pdf, signed);
    byte[] bytes = Files.readAllBytes(signed);
    int streamData = indexOf(bytes, "stream\n".getBytes(StandardCharsets.US_ASCII)) + 10;
    bytes[streamData] ^= 0x01;
    Files.write(signed, bytes);

    PadesSignatureResult result = PadesVerifier.create().verify(signed).get(0);

    assertThat(result.byteRange().get(1)).isGreaterThan((long) streamData);
    assertThat(result.valid()).isFalse();
    assertThat(result.verification().failure()).isEqualTo(Failure.CONTENT_DIGEST_MISMATCH);
  }

  @Test
  void reportsChainWithTrustAnchors() {
    SigningCredentials ca =
        TestKeys.generateCa(GostParameterSet.TC26_256_A, "PDF CA", Duration.ofDays(10));
    SigningCredentials clerk =
        TestKeys.issue(ca, GostParameterSet.TC26_256_A, "PDF clerk", Duration.ofDays(2));
    PadesSigner.of(clerk).sign(pdf, signed);

    PadesSignatureResult result =
        PadesVerifier.builder()
            .trustAnchors(TrustAnchors.of(ca.certificate()))
            .build()
            .verify(signed)
            .get(0);

    assertThat(result.valid()).isTrue();
    assertThat(result.verification().chain().status()).isEqualTo(Status.TRUSTED);
  }

  @Test
  void findsNoSignatureInUnsignedPdf() {
    assertThat(PadesVerifier.create().verify(pdf)).isEmpty();
  }

  @Test
  void rejectsOutputThatIsInput() {
    assertThatThrownBy(() -> PadesSigner.of(SIGNER).sign(pdf, pdf))
        .isInstanceOf(EzpClientException.class)
        .hasMessageContaining("is the input file");
  }

  @Test
  void rejectsFileThatIsNotPdf() throws IOException {
    Path text = TestPdfs.notAPdf(dir);

    assertThatThrownBy(() -> PadesSigner.of(SIGNER).sign(text, signed))
        .isInstanceOf(EzpClientException.class)
        .hasMessageContaining("not a readable PDF");
    assertThat(signed).doesNotExist();
  }

  /** Writes the bytes that /ByteRange names and the DER CMS from /Contents, without padding. */
  static void extractSignedParts(Path signedPdf, Path content, Path cms) throws IOException {
    int[] range;
    byte[] contents;
    try (PDDocument document = Loader.loadPDF(signedPdf.toFile())) {
      PDSignature signature = document.getLastSignatureDictionary();
      range = signature.getByteRange();
      contents = signature.getContents();
    }
    ByteArrayOutputStream parts = new ByteArrayOutputStream();
    try (InputStream first = FileRangeInputStream.open(signedPdf, range[0], range[1]);
        InputStream second = FileRangeInputStream.open(signedPdf, range[2], range[3])) {
      first.transferTo(parts);
      second.transferTo(parts);
    }
    Files.write(content, parts.toByteArray());
    try (ASN1InputStream in = new ASN1InputStream(contents)) {
      Files.write(cms, in.readObject().getEncoded("DER"));
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found: " + new String(needle, StandardCharsets.US_ASCII));
  }
}
