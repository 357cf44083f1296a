package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.signing.OpenSsl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ezp sign} and {@code ezp verify} against OpenSSL with gost-engine as an independent GOST
 * implementation, with keys that OpenSSL generated.
 */
class OpenSslInteropCliTest {

  @TempDir Path dir;

  private OpenSsl openSsl;
  private Path pdf;

  @BeforeEach
  void setUp() throws Exception {
    openSsl = OpenSsl.withGostEngine(dir);
    pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gost2012_256, A", "gost2012_256, B", "gost2012_512, A", "gost2012_512, C"})
  void signatureOfEzpSignVerifiesWithOpenSsl(String algorithm, String paramSet) throws Exception {
    Path key = dir.resolve("openssl-key.pem");
    Path cert = dir.resolve("openssl-cert.pem");
    openSslKeyAndCertificate(algorithm, paramSet, key, cert);

    CliRun sign =
        CliRun.of("sign", "--key", key.toString(), "--cert", cert.toString(), pdf.toString());

    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    Path signature = dir.resolve("letter.pdf.sig");
    OpenSsl.Result verify =
        openSsl.run(
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            signature.toString(),
            "-content",
            pdf.toString(),
            "-CAfile",
            cert.toString(),
            "-purpose",
            "any",
            "-out",
            dir.resolve("verified.out").toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("Verification successful");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gost2012_256, A, md_gost12_256", "gost2012_512, A, md_gost12_512"})
  void ezpVerifyAcceptsOpenSslSignature(String algorithm, String paramSet, String digest)
      throws Exception {
    Path key = dir.resolve("openssl-key.pem");
    Path cert = dir.resolve("openssl-cert.pem");
    openSslKeyAndCertificate(algorithm, paramSet, key, cert);
    Path signature = openSslSign(key, cert, digest);

    CliRun verify = CliRun.of("verify", pdf.toString(), signature.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("VALID", "CN=OpenSSL test signer");
    assertThat(verify.out()).contains("not CAdES-BES");
  }

  @Test
  void requireCadesRejectsPlainCmsSignature() throws Exception {
    Path key = dir.resolve("openssl-key.pem");
    Path cert = dir.resolve("openssl-cert.pem");
    openSslKeyAndCertificate("gost2012_256", "A", key, cert);
    Path signature = openSslSign(key, cert, "md_gost12_256");

    CliRun verify = CliRun.of("verify", "--require-cades", pdf.toString(), signature.toString());

    assertThat(verify.exitCode()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(verify.errorLine()).contains("INVALID", "signingCertificateV2");
  }

  @Test
  void ezpVerifyRejectsChangedFile() throws Exception {
    Path key = dir.resolve("openssl-key.pem");
    Path cert = dir.resolve("openssl-cert.pem");
    openSslKeyAndCertificate("gost2012_256", "A", key, cert);
    Path signature = openSslSign(key, cert, "md_gost12_256");
    byte[] bytes = Files.readAllBytes(pdf);
    bytes[bytes.length / 2] ^= 1;
    Files.write(pdf, bytes);

    CliRun verify = CliRun.of("verify", pdf.toString(), signature.toString());

    assertThat(verify.exitCode()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(verify.errorLine()).contains("INVALID");
  }

  private Path openSslSign(Path key, Path cert, String digest) throws Exception {
    Path signature = dir.resolve("openssl.sig");
    openSsl.runOk(
        "cms",
        "-sign",
        "-binary",
        "-md",
        digest,
        "-outform",
        "DER",
        "-signer",
        cert.toString(),
        "-inkey",
        key.toString(),
        "-in",
        pdf.toString(),
        "-out",
        signature.toString());
    return signature;
  }

  private void openSslKeyAndCertificate(String algorithm, String paramSet, Path key, Path cert)
      throws Exception {
    openSsl.runOk(
        "genpkey",
        "-algorithm",
        algorithm,
        "-pkeyopt",
        "paramset:" + paramSet,
        "-out",
        key.toString());
    openSsl.runOk(
        "req",
        "-new",
        "-x509",
        "-key",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=OpenSSL test signer");
  }
}
