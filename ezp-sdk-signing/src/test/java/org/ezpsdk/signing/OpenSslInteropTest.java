package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Random;
import org.bouncycastle.asn1.cryptopro.GOST3410PublicKeyAlgParameters;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.internal.Certificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Signatures and keys exchanged with OpenSSL 3 and gost-engine, in both directions. */
class OpenSslInteropTest {
  @TempDir Path dir;
  private OpenSsl openSsl;
  private Path content;

  @BeforeEach
  void setUp() throws Exception {
    openSsl = OpenSsl.withGostEngine(dir);
    content = dir.resolve("letter.pdf");
    byte[] bytes = new byte[100_000];
    new Random(42).nextBytes(bytes);
    Files.write(content, bytes);
  }

  @ParameterizedTest
  @EnumSource(GostParameterSet.class)
  void sdkSignatureVerifiesInOpenSsl(GostParameterSet parameterSet) throws Exception {
    SigningCredentials credentials =
        TestKeys.generate(parameterSet, "SDK signer " + parameterSet, Duration.ofDays(1));
    Path cert = dir.resolve("cert.pem");
    TestKeys.writePem(credentials, dir.resolve("key.pem"), cert, null);
    Path signature = dir.resolve("letter.pdf.sig");
    Files.write(signature, CadesSigner.of(credentials).signDetached(content));

    OpenSsl.Result result = openSsl.run(verifyArgs(signature, cert));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Verification successful");
  }

  @Test
  void sdkSignaturePassesOpenSslCadesCheck() throws Exception {
    SigningCredentials credentials =
        TestKeys.generate(GostParameterSet.TC26_256_A, "SDK CAdES signer", Duration.ofDays(1));
    Path cert = dir.resolve("cert.pem");
    TestKeys.writePem(credentials, dir.resolve("key.pem"), cert, null);
    Path signature = dir.resolve("letter.pdf.sig");
    Files.write(signature, CadesSigner.of(credentials).signDetached(content));

    OpenSsl.Result result =
        openSsl.run(
            "cms",
            "-verify",
            "-cades",
            "-binary",
            "-inform",
            "DER",
            "-in",
            signature.toString(),
            "-content",
            content.toString(),
            "-CAfile",
            cert.toString(),
            "-out",
            "/dev/null");

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @EnumSource(GostParameterSet.class)
  void openSslSignatureVerifiesInSdk(GostParameterSet parameterSet) throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    makeOpenSslCertificate(parameterSet, key, cert);
    Path signature = dir.resolve("letter.pdf.sig");
    openSsl.runOk(
        "cms",
        "-sign",
        "-cades",
        "-binary",
        "-md",
        parameterSet.keySize() == 256 ? "md_gost12_256" : "md_gost12_512",
        "-outform",
        "DER",
        "-signer",
        cert.toString(),
        "-inkey",
        key.toString(),
        "-in",
        content.toString(),
        "-out",
        signature.toString());

    VerificationResult result =
        CadesVerifier.create().verifyDetached(content, Files.readAllBytes(signature));

    assertThat(result.failureReason()).isEmpty();
    assertThat(result.valid()).isTrue();
    assertThat(result.signerSubject()).isEqualTo("CN=OpenSSL signer");
    assertThat(result.signingCertificateMatches()).isTrue();
    assertThat(curveOid(cert)).isEqualTo(parameterSet.oid());
  }

  @Test
  void openSslSignatureWithoutCadesLacksSigningCertificate() throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    makeOpenSslCertificate("gost2012_256", "A", key, cert);
    Path signature = dir.resolve("letter.pdf.sig");
    openSsl.runOk(
        "cms",
        "-sign",
        "-binary",
        "-md",
        "md_gost12_256",
        "-outform",
        "DER",
        "-signer",
        cert.toString(),
        "-inkey",
        key.toString(),
        "-in",
        content.toString(),
        "-out",
        signature.toString());
    byte[] signatureBytes = Files.readAllBytes(signature);

    VerificationResult strict = CadesVerifier.create().verifyDetached(content, signatureBytes);
    VerificationResult lenient =
        CadesVerifier.builder()
            .requireSigningCertificate(false)
            .build()
            .verifyDetached(content, signatureBytes);

    assertThat(strict.failure()).isEqualTo(VerificationResult.Failure.SIGNING_CERTIFICATE_MISSING);
    assertThat(lenient.valid()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(GostParameterSet.class)
  void openSslPemKeySignsForOpenSsl(GostParameterSet parameterSet) throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    makeOpenSslCertificate(parameterSet, key, cert);

    SigningCredentials credentials = KeySources.fromPem(key, cert, null);
    Path signature = dir.resolve("letter.pdf.sig");
    Files.write(signature, CadesSigner.of(credentials).signDetached(content));

    OpenSsl.Result result = openSsl.run(verifyArgs(signature, cert));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(credentials.keySize()).isEqualTo(parameterSet.keySize());
  }

  @ParameterizedTest
  @EnumSource(GostParameterSet.class)
  void openSslPkcs12KeySignsForOpenSsl(GostParameterSet parameterSet) throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    makeOpenSslCertificate(parameterSet, key, cert);
    Path pkcs12 = dir.resolve("signer.p12");
    openSsl.runOk(
        "pkcs12",
        "-export",
        "-inkey",
        key.toString(),
        "-in",
        cert.toString(),
        "-out",
        pkcs12.toString(),
        "-passout",
        "pass:p12 secret");

    SigningCredentials credentials =
        KeySources.fromPkcs12(pkcs12, "p12 secret".toCharArray(), null);
    Path signature = dir.resolve("letter.pdf.sig");
    Files.write(signature, CadesSigner.of(credentials).signDetached(content));

    OpenSsl.Result result = openSsl.run(verifyArgs(signature, cert));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void openSslEncryptedPemKeyLoads() throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    makeOpenSslCertificate("gost2012_256", "A", key, cert);
    Path encrypted = dir.resolve("key-encrypted.pem");
    openSsl.runOk(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-v2prf",
        "hmacWithSHA256",
        "-in",
        key.toString(),
        "-out",
        encrypted.toString(),
        "-passout",
        "pass:open sesame");

    SigningCredentials credentials =
        KeySources.fromPem(encrypted, cert, "open sesame".toCharArray());

    assertThat(signsVerifiably(credentials)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "gost2012_256, A, AES-256-CBC, sha256",
    "gost2012_512, B, AES-256-CBC, sha256",
    "gost2012_256, A, AES-256-CBC, md_gost12_256",
    "gost2012_512, A, AES-256-CBC, md_gost12_512"
  })
  void openSslPkcs12Loads(String algorithm, String paramSet, String pbe, String mac)
      throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    makeOpenSslCertificate(algorithm, paramSet, key, cert);
    Path pkcs12 = dir.resolve("signer.p12");
    openSsl.runOk(
        "pkcs12",
        "-export",
        "-inkey",
        key.toString(),
        "-in",
        cert.toString(),
        "-out",
        pkcs12.toString(),
        "-passout",
        "pass:p12 secret",
        "-keypbe",
        pbe,
        "-certpbe",
        pbe,
        "-macalg",
        mac);

    SigningCredentials credentials =
        KeySources.fromPkcs12(pkcs12, "p12 secret".toCharArray(), null);

    assertThat(credentials.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=OpenSSL signer");
    assertThat(signsVerifiably(credentials)).isTrue();
  }

  @Test
  void streebogMacPkcs12RejectsWrongPassword() throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    makeOpenSslCertificate("gost2012_256", "A", key, cert);
    Path pkcs12 = dir.resolve("signer.p12");
    openSsl.runOk(
        "pkcs12",
        "-export",
        "-inkey",
        key.toString(),
        "-in",
        cert.toString(),
        "-out",
        pkcs12.toString(),
        "-passout",
        "pass:p12 secret",
        "-macalg",
        "md_gost12_512");

    assertThatThrownBy(() -> KeySources.fromPkcs12(pkcs12, "p12 guess".toCharArray(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Wrong password for key file '" + pkcs12 + "'")
        .hasMessageNotContaining("p12 guess");
  }

  @Test
  void sdkEncryptedPemKeyReadsInOpenSsl() throws Exception {
    SigningCredentials credentials =
        TestKeys.generate(GostParameterSet.TC26_512_A, "PEM writer", Duration.ofDays(1));
    Path key = dir.resolve("key.pem");
    TestKeys.writePem(credentials, key, dir.resolve("cert.pem"), "pem secret".toCharArray());

    OpenSsl.Result result =
        openSsl.run("pkey", "-in", key.toString(), "-passin", "pass:pem secret", "-noout");

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private void makeOpenSslCertificate(GostParameterSet parameterSet, Path key, Path cert)
      throws IOException, InterruptedException {
    makeOpenSslCertificate(
        parameterSet.openSslAlgorithm(), parameterSet.openSslParamSet(), key, cert);
  }

  private static String curveOid(Path cert) throws IOException {
    try (InputStream in = Files.newInputStream(cert)) {
      X509Certificate certificate = Certificates.parseAll(in).get(0);
      SubjectPublicKeyInfo info =
          SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
      return GOST3410PublicKeyAlgParameters.getInstance(info.getAlgorithm().getParameters())
          .getPublicKeyParamSet()
          .getId();
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(e);
    }
  }

  private void makeOpenSslCertificate(String algorithm, String paramSet, Path key, Path cert)
      throws IOException, InterruptedException {
    openSsl.runOk(
        "req",
        "-x509",
        "-newkey",
        algorithm,
        "-pkeyopt",
        "paramset:" + paramSet,
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-subj",
        "/CN=OpenSSL signer",
        "-days",
        "2");
  }

  private String[] verifyArgs(Path signature, Path cert) {
    return new String[] {
      "cms",
      "-verify",
      "-binary",
      "-inform",
      "DER",
      "-in",
      signature.toString(),
      "-content",
      content.toString(),
      "-CAfile",
      cert.toString(),
      "-out",
      "/dev/null"
    };
  }

  private boolean signsVerifiably(SigningCredentials credentials) throws IOException {
    byte[] signature = CadesSigner.of(credentials).signDetached(content);
    return CadesVerifier.create().verifyDetached(content, signature).valid();
  }
}
