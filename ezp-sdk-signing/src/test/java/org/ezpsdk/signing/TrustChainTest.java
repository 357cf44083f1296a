package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.signing.ChainResult.Status;
import org.ezpsdk.signing.VerificationResult.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signer certificate paths checked against trust anchors made at test time. */
class TrustChainTest {
  private static final byte[] CONTENT = "letter body".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final SigningCredentials CA =
      TestKeys.generateCa(GostParameterSet.TC26_256_A, "Test CA", Duration.ofDays(30));

  @TempDir Path dir;

  @Test
  void trustsCertificateIssuedByAnchor() throws IOException {
    SigningCredentials signer = issue(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS));

    VerificationResult result = verify(signer, NOW, TrustAnchors.of(CA.certificate()));

    assertThat(result.failureReason()).isEmpty();
    assertThat(result.valid()).isTrue();
    assertThat(result.chain().status()).isEqualTo(Status.TRUSTED);
    assertThat(result.chain().trusted()).isTrue();
  }

  @Test
  void trustsIntermediateChainCarriedInSignature() throws IOException {
    SigningCredentials intermediate =
        TestKeys.issueCa(CA, GostParameterSet.TC26_512_A, "Intermediate CA", Duration.ofDays(20));
    SigningCredentials signer =
        TestKeys.issue(intermediate, GostParameterSet.TC26_256_B, "Clerk", Duration.ofDays(5));

    VerificationResult result = verify(signer, NOW, TrustAnchors.of(CA.certificate()));

    assertThat(signer.chain()).hasSize(2);
    assertThat(result.chain().status()).as(result.chain().reason()).isEqualTo(Status.TRUSTED);
  }

  @Test
  void reportsNotCheckedWithoutAnchors() throws IOException {
    SigningCredentials signer = issue(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS));
    byte[] signature = sign(signer, NOW);

    VerificationResult result =
        CadesVerifier.create().verifyDetached(new ByteArrayInputStream(CONTENT), signature);

    assertThat(result.valid()).isTrue();
    assertThat(result.chain().status()).isEqualTo(Status.NOT_CHECKED);
  }

  @Test
  void reportsExpiredCertificate() throws IOException {
    Instant notAfter = NOW.minus(2, ChronoUnit.DAYS);
    SigningCredentials signer = issue(NOW.minus(10, ChronoUnit.DAYS), notAfter);
    // Signed while valid but without signingTime, so the verifier evaluates it now.
    byte[] signature = signWithoutSigningTime(signer, notAfter.minus(1, ChronoUnit.HOURS));

    VerificationResult result = verify(signature, TrustAnchors.of(CA.certificate()));

    assertThat(result.chain().status()).isEqualTo(Status.EXPIRED);
    assertThat(result.chain().reason()).contains("CN=Clerk").contains("had expired");
    assertThat(result.valid()).isFalse();
  }

  @Test
  void reportsNotYetValidCertificate() throws IOException {
    Instant notBefore = NOW.plus(2, ChronoUnit.DAYS);
    SigningCredentials signer = issue(notBefore, NOW.plus(10, ChronoUnit.DAYS));
    byte[] signature = signWithoutSigningTime(signer, notBefore.plus(1, ChronoUnit.HOURS));

    VerificationResult result = verify(signature, TrustAnchors.of(CA.certificate()));

    assertThat(result.chain().status()).isEqualTo(Status.NOT_YET_VALID);
    assertThat(result.chain().reason()).contains("was not yet valid");
    assertThat(result.failure()).isEqualTo(Failure.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME);
  }

  @Test
  void evaluatesChainAtSigningTime() throws IOException {
    Instant notAfter = NOW.minus(2, ChronoUnit.DAYS);
    SigningCredentials signer = issue(NOW.minus(10, ChronoUnit.DAYS), notAfter);
    byte[] signature = sign(signer, notAfter.minus(1, ChronoUnit.HOURS));

    VerificationResult result = verify(signature, TrustAnchors.of(CA.certificate()));

    assertThat(result.chain().status()).isEqualTo(Status.TRUSTED);
    assertThat(result.valid()).isTrue();
  }

  @Test
  void reportsWrongKeyUsage() throws IOException {
    SigningCredentials signer =
        TestKeys.issue(
            CA,
            GostParameterSet.TC26_256_A,
            "Clerk",
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(10, ChronoUnit.DAYS),
            KeyUsage.keyCertSign);

    VerificationResult result = verify(signer, NOW, TrustAnchors.of(CA.certificate()));

    assertThat(result.chain().status()).isEqualTo(Status.WRONG_KEY_USAGE);
    assertThat(result.chain().reason()).contains("[keyCertSign]").contains("digitalSignature");
    assertThat(result.failure()).isEqualTo(Failure.CERTIFICATE_NOT_TRUSTED);
  }

  @Test
  void reportsUntrustedIssuer() throws IOException {
    SigningCredentials otherCa =
        TestKeys.generateCa(GostParameterSet.TC26_256_A, "Other CA", Duration.ofDays(30));
    SigningCredentials signer =
        TestKeys.issue(otherCa, GostParameterSet.TC26_256_A, "Clerk", Duration.ofDays(5));

    VerificationResult result = verify(signer, NOW, TrustAnchors.of(CA.certificate()));

    assertThat(result.chain().status()).isEqualTo(Status.UNTRUSTED_ISSUER);
    assertThat(result.chain().reason()).contains("CN=Other CA").contains("CN=Test CA");
    assertThat(result.failure()).isEqualTo(Failure.CERTIFICATE_NOT_TRUSTED);
    assertThat(result.failureReason()).contains("UNTRUSTED_ISSUER");
  }

  @Test
  void reportsUntrustedSelfSignedCertificate() throws IOException {
    SigningCredentials selfSigned =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Loner", Duration.ofDays(5));

    VerificationResult result = verify(selfSigned, NOW, TrustAnchors.of(CA.certificate()));

    assertThat(result.chain().status()).isEqualTo(Status.UNTRUSTED_ISSUER);
  }

  @Test
  void readsAnchorsFromDirectory() throws IOException {
    Files.writeString(dir.resolve("ca.pem"), pem(CA));
    SigningCredentials signer =
        TestKeys.issue(CA, GostParameterSet.TC26_256_A, "Clerk", Duration.ofDays(5));

    TrustAnchors anchors = TrustAnchors.fromDirectory(dir);
    VerificationResult result = verify(signer, NOW, anchors);

    assertThat(anchors.certificates()).containsExactly(CA.certificate());
    assertThat(result.chain().status()).isEqualTo(Status.TRUSTED);
  }

  @Test
  void rejectsDirectoryWithNonCertificateFile() throws IOException {
    Files.writeString(dir.resolve("README.txt"), "CA certificates go here\n");

    assertThatThrownBy(() -> TrustAnchors.fromDirectory(dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("README.txt");
  }

  @Test
  void rejectsEmptyDirectory() {
    assertThatThrownBy(() -> TrustAnchors.fromDirectory(dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("No trust anchor certificate found");
  }

  @Test
  void readsAnchorsFromKeyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("test-ca", CA.certificate());
    SigningCredentials signer =
        TestKeys.issue(CA, GostParameterSet.TC26_256_A, "Clerk", Duration.ofDays(5));

    VerificationResult result = verify(signer, NOW, TrustAnchors.fromKeyStore(store));

    assertThat(result.chain().status()).isEqualTo(Status.TRUSTED);
  }

  private static SigningCredentials issue(Instant notBefore, Instant notAfter) {
    return TestKeys.issue(
        CA,
        GostParameterSet.TC26_256_A,
        "Clerk",
        notBefore,
        notAfter,
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
  }

  private static VerificationResult verify(
      SigningCredentials signer, Instant signingTime, TrustAnchors anchors) throws IOException {
    return verify(sign(signer, signingTime), anchors);
  }

  private static VerificationResult verify(byte[] signature, TrustAnchors anchors)
      throws IOException {
    return verifierWith(anchors).verifyDetached(new ByteArrayInputStream(CONTENT), signature);
  }

  private static CadesVerifier verifierWith(TrustAnchors anchors) {
    return CadesVerifier.builder().trustAnchors(anchors).build();
  }

  private static byte[] sign(SigningCredentials signer, Instant at) throws IOException {
    return CadesSigner.builder()
        .credentials(signer)
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .build()
        .signDetached(new ByteArrayInputStream(CONTENT));
  }

  private static byte[] signWithoutSigningTime(SigningCredentials signer, Instant at)
      throws IOException {
    return CadesSigner.builder()
        .credentials(signer)
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .includeSigningTime(false)
        .build()
        .signDetached(new ByteArrayInputStream(CONTENT));
  }

  private static String pem(SigningCredentials credentials) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(credentials.certificate());
    }
    return out.toString();
  }
}
