package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.ezpsdk.core.error.SigningException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PKCS#12 files that OpenSSL 3.0 with gost-engine writes with GOST bag encryption: PBES2 with GOST
 * 28147-89 ({@code gost89}, PRF HMAC-Streebog-512), Kuznyechik or Magma in CTR-ACPKM mode (PRF
 * HMAC-SHA256 in OpenSSL 3.0), under a Streebog MAC. OpenSSL 3.0.19 with gost-engine 3.0.1 rejects
 * the other GOST ciphers as PBES2 schemes ({@code gost89-cbc}, {@code gost89-cnt}, {@code
 * kuznyechik-cbc}, {@code -cfb}, {@code -ofb}, {@code -ctr}, {@code magma-cbc}, {@code -ctr}), and
 * cannot read back its own {@code -omac} variants.
 */
class GostPkcs12Test {
  @TempDir Path dir;
  private OpenSsl openSsl;
  private Path content;

  @BeforeEach
  void setUp() throws Exception {
    openSsl = OpenSsl.withGostEngine(dir);
    content = dir.resolve("letter.pdf");
    byte[] bytes = new byte[10_000];
    new Random(3).nextBytes(bytes);
    Files.write(content, bytes);
  }

  @ParameterizedTest
  @CsvSource({
    "gost89, gost89, md_gost12_256",
    "gost89, gost89, md_gost12_512",
    "kuznyechik-ctr-acpkm, kuznyechik-ctr-acpkm, md_gost12_256",
    "kuznyechik-ctr-acpkm, kuznyechik-ctr-acpkm, md_gost12_512",
    "magma-ctr-acpkm, magma-ctr-acpkm, md_gost12_256",
    "magma-ctr-acpkm, magma-ctr-acpkm, md_gost12_512",
    "gost89, AES-256-CBC, md_gost12_256",
    "AES-256-CBC, kuznyechik-ctr-acpkm, md_gost12_512"
  })
  void loadsGostEncryptedPkcs12(String keyPbe, String certPbe, String mac) throws Exception {
    Path pkcs12 = exportOpenSslKey(keyPbe, certPbe, mac, false);

    SigningCredentials credentials =
        KeySources.fromPkcs12(pkcs12, "p12 secret".toCharArray(), null);

    assertThat(credentials.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=OpenSSL signer");
    assertThat(verifiesInOpenSsl(credentials)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"gost89", "kuznyechik-ctr-acpkm", "magma-ctr-acpkm"})
  void loadsChainLongerThanKeyMeshingSection(String pbe) throws Exception {
    SigningCredentials root =
        TestKeys.generateCa(GostParameterSet.TC26_512_A, "Root CA", Duration.ofDays(10));
    SigningCredentials intermediate =
        TestKeys.issueCa(root, GostParameterSet.TC26_512_B, "Intermediate CA", Duration.ofDays(9));
    SigningCredentials signer =
        TestKeys.issue(intermediate, GostParameterSet.TC26_256_A, "Chained", Duration.ofDays(2));
    Path key = dir.resolve("chained-key.pem");
    Path certs = dir.resolve("chained-certs.pem");
    TestKeys.writePem(signer, key, certs, null);
    Path pkcs12 = dir.resolve("chained.p12");
    openSsl.runOk(
        "pkcs12",
        "-export",
        "-inkey",
        key.toString(),
        "-in",
        certs.toString(),
        "-out",
        pkcs12.toString(),
        "-passout",
        "pass:p12 secret",
        "-keypbe",
        pbe,
        "-certpbe",
        pbe,
        "-macalg",
        "md_gost12_256");

    SigningCredentials loaded = KeySources.fromPkcs12(pkcs12, "p12 secret".toCharArray(), null);

    assertThat(Files.readString(certs).length()).isGreaterThan(2048);
    assertThat(loaded.certificate()).isEqualTo(signer.certificate());
    assertThat(loaded.chain()).containsExactly(intermediate.certificate(), root.certificate());
  }

  @Test
  void rejectsWrongPasswordForGostPkcs12() throws Exception {
    Path pkcs12 = exportOpenSslKey("gost89", "gost89", "md_gost12_512", false);

    assertThatThrownBy(() -> KeySources.fromPkcs12(pkcs12, "p12 guess".toCharArray(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Wrong password for key file '" + pkcs12 + "'")
        .hasMessageNotContaining("p12 guess");
  }

  @Test
  void rejectsWrongPasswordForGostPkcs12WithoutMac() throws Exception {
    Path pkcs12 = exportOpenSslKey("kuznyechik-ctr-acpkm", "kuznyechik-ctr-acpkm", null, true);

    assertThatThrownBy(() -> KeySources.fromPkcs12(pkcs12, "p12 guess".toCharArray(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Wrong password for key file '" + pkcs12 + "'");
  }

  @Test
  void readsCertificatesOfGostPkcs12() throws Exception {
    Path pkcs12 = exportOpenSslKey("gost89", "gost89", "md_gost12_256", false);

    assertThat(KeySources.readCertificates(pkcs12, "p12 secret".toCharArray()))
        .singleElement()
        .extracting(c -> c.getSubjectX500Principal().getName())
        .isEqualTo("CN=OpenSSL signer");
  }

  private Path exportOpenSslKey(String keyPbe, String certPbe, String mac, boolean noMac)
      throws IOException, InterruptedException {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    openSsl.runOk(
        "req",
        "-x509",
        "-newkey",
        "gost2012_256",
        "-pkeyopt",
        "paramset:TCB",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-subj",
        "/CN=OpenSSL signer",
        "-days",
        "2");
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
        keyPbe,
        "-certpbe",
        certPbe,
        noMac ? "-nomac" : "-macalg",
        noMac ? "-nomac" : mac);
    return pkcs12;
  }

  private boolean verifiesInOpenSsl(SigningCredentials credentials) throws Exception {
    Path signature = dir.resolve("letter.pdf.sig");
    Files.write(signature, CadesSigner.of(credentials).signDetached(content));
    Path cert = dir.resolve("loaded-cert.pem");
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(credentials.certificate());
    }
    Files.writeString(cert, pem.toString());
    OpenSsl.Result result =
        openSsl.run(
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
            "/dev/null");
    return result.exitCode() == 0;
  }
}
