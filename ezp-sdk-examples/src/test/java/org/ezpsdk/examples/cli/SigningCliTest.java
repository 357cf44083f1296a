package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ezp sign}, {@code ezp verify} and {@code ezp keygen} with PAdES, trust and key stores. */
class SigningCliTest {
  private static final SigningCredentials CA =
      TestKeys.generateCa(GostParameterSet.TC26_256_A, "CLI test CA", Duration.ofDays(10));

  @TempDir Path dir;
  private Path pdf;
  private Path key;
  private Path cert;

  @BeforeEach
  void setUp() throws Exception {
    pdf = TestPdfs.a4Portrait(dir, "letter.pdf", 3);
    key = dir.resolve("key.pem");
    cert = dir.resolve("cert.pem");
    SigningCredentials clerk =
        TestKeys.issue(CA, GostParameterSet.TC26_256_A, "CLI clerk", Duration.ofDays(2));
    TestKeys.writePem(clerk, key, cert, null);
  }

  @Test
  void signsPdfWithPadesAndVerifiesEmbeddedSignature() {
    CliRun sign =
        CliRun.of("sign", "--pades", "--key", key.toString(), "--cert", cert.toString(), pdfArg());
    CliRun verify = CliRun.of("verify", dir.resolve("letter-signed.pdf").toString());

    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    assertThat(sign.out()).contains("ETSI.CAdES.detached").contains("letter-signed.pdf");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("1 embedded signature(s)", "VALID", "CN=CLI clerk");
    assertThat(verify.out()).contains("the whole file").contains("NOT_CHECKED");
  }

  @Test
  void signKeepsExistingOutput() throws Exception {
    Path signature = Files.writeString(dir.resolve("letter.pdf.sig"), "earlier signature");
    String[] args = {"sign", "--key", key.toString(), "--cert", cert.toString(), pdfArg()};

    CliRun refused = CliRun.of(args);

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(refused.err()).contains("already exists").contains("--overwrite");
    assertThat(Files.readString(signature)).isEqualTo("earlier signature");

    CliRun replaced =
        CliRun.of(
            "sign", "--overwrite", "--key", key.toString(), "--cert", cert.toString(), pdfArg());

    assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
    assertThat(Files.size(signature)).isGreaterThan(100);
  }

  @Test
  void verifyPrintsPadesReportAsJson() throws Exception {
    Path signed = dir.resolve("out.pdf");
    CliRun.of(
        "sign",
        "--pades",
        "--subfilter",
        "ADBE_PKCS7_DETACHED",
        "-o",
        signed.toString(),
        "--key",
        key.toString(),
        "--cert",
        cert.toString(),
        pdfArg());

    CliRun verify = CliRun.of("verify", "--json", signed.toString());
    JsonNode report = new ObjectMapper().readTree(verify.out());

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(report.get("valid").asBoolean()).isTrue();
    assertThat(report.get("signatures").get(0).get("subFilter").asText())
        .isEqualTo("adbe.pkcs7.detached");
    assertThat(report.get("signatures").get(0).get("signer").asText()).isEqualTo("CN=CLI clerk");
    assertThat(report.get("signatures").get(0).get("chain").get("status").asText())
        .isEqualTo("NOT_CHECKED");
  }

  @Test
  void verifyReportsTrustedChainWithTrustFolder() throws Exception {
    Path trust = Files.createDirectory(dir.resolve("trust"));
    Files.writeString(trust.resolve("ca.pem"), pem(CA));
    CliRun.of("sign", "--key", key.toString(), "--cert", cert.toString(), pdfArg());

    CliRun verify = CliRun.of("verify", "--trust", trust.toString(), pdfArg(), pdfArg() + ".sig");

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("chain:   TRUSTED");
  }

  @Test
  void verifyRejectsUntrustedChainAsJson() throws Exception {
    SigningCredentials otherCa =
        TestKeys.generateCa(GostParameterSet.TC26_256_A, "Other CA", Duration.ofDays(10));
    Path trust = Files.createDirectory(dir.resolve("trust"));
    Files.writeString(trust.resolve("other.pem"), pem(otherCa));
    CliRun.of("sign", "--key", key.toString(), "--cert", cert.toString(), pdfArg());

    CliRun verify =
        CliRun.of("verify", "--json", "--trust", trust.toString(), pdfArg(), pdfArg() + ".sig");
    JsonNode report = new ObjectMapper().readTree(verify.out());

    assertThat(verify.exitCode()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(report.get("failure").asText()).isEqualTo("CERTIFICATE_NOT_TRUSTED");
    assertThat(report.get("chain").get("status").asText()).isEqualTo("UNTRUSTED_ISSUER");
    assertThat(verify.errorLine()).contains("INVALID");
  }

  @Test
  void signsWithKeyStoreAndExtraChain() throws Exception {
    SigningCredentials clerk =
        TestKeys.issue(CA, GostParameterSet.TC26_512_A, "Store clerk", Duration.ofDays(2));
    Path store = dir.resolve("store.p12");
    TestKeys.writePkcs12(
        SigningCredentials.of(clerk.privateKey(), clerk.certificate()),
        store,
        "store secret".toCharArray(),
        "clerk");
    Path chain = dir.resolve("chain.pem");
    Files.writeString(chain, pem(CA));
    Path trust = Files.createDirectory(dir.resolve("trust"));
    Files.writeString(trust.resolve("ca.pem"), pem(CA));

    CliRun sign =
        CliRun.of(
            "sign",
            "--keystore",
            store.toString(),
            "--keystore-type",
            "PKCS12",
            "--provider",
            "BC",
            "--alias",
            "clerk",
            "--password",
            "store secret",
            "--chain",
            chain.toString(),
            pdfArg());
    CliRun verify = CliRun.of("verify", "--trust", trust.toString(), pdfArg(), pdfArg() + ".sig");

    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("CN=Store clerk").contains("chain:   TRUSTED");
  }

  @Test
  void keygenKeepsExistingKeyAndRestrictsNewOne() throws Exception {
    Path key = dir.resolve("kept-key.pem");
    Path cert = dir.resolve("kept-cert.pem");
    String[] args = {"keygen", "--key-out", key.toString(), "--cert-out", cert.toString()};
    CliRun first = CliRun.of(args);
    byte[] firstKey = java.nio.file.Files.readAllBytes(key);

    CliRun second = CliRun.of(args);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(second.errorLine()).contains("already exists", "--overwrite");
    assertThat(java.nio.file.Files.readAllBytes(key)).isEqualTo(firstKey);
    assertThat(java.nio.file.Files.getPosixFilePermissions(key))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void signRefusesToOverwriteItsInput() throws Exception {
    Path key = dir.resolve("o-key.pem");
    Path cert = dir.resolve("o-cert.pem");
    CliRun.of("keygen", "--key-out", key.toString(), "--cert-out", cert.toString());
    Path pdf = org.ezpsdk.core.pdf.TestPdfs.a4Portrait(dir, "same.pdf", 1);
    byte[] original = java.nio.file.Files.readAllBytes(pdf);

    CliRun run =
        CliRun.of(
            "sign",
            "--key",
            key.toString(),
            "--cert",
            cert.toString(),
            "-o",
            pdf.toString(),
            pdf.toString());

    assertThat(run.exitCode()).isEqualTo(EzpCommand.EXIT_INVALID_INPUT);
    assertThat(run.errorLine()).contains("is the file to sign");
    assertThat(java.nio.file.Files.readAllBytes(pdf)).isEqualTo(original);
  }

  @Test
  void keygenAcceptsParamsetAndParamsAlias() throws Exception {
    CliRun paramset =
        CliRun.of(
            "keygen",
            "--paramset",
            "TC26_512_B",
            "--key-out",
            dir.resolve("a-key.pem").toString(),
            "--cert-out",
            dir.resolve("a-cert.pem").toString());
    CliRun params =
        CliRun.of(
            "keygen",
            "--params",
            "CRYPTOPRO_XCHA",
            "--key-out",
            dir.resolve("b-key.pem").toString(),
            "--cert-out",
            dir.resolve("b-cert.pem").toString());

    assertThat(paramset.exitCode()).as(paramset.toString()).isZero();
    assertThat(paramset.out()).contains("TC26_512_B");
    assertThat(params.exitCode()).as(params.toString()).isZero();
    assertThat(params.out()).contains("CRYPTOPRO_XCHA");
  }

  private String pdfArg() {
    return pdf.toString();
  }

  private static String pem(SigningCredentials credentials) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(credentials.certificate());
    }
    return out.toString();
  }
}
