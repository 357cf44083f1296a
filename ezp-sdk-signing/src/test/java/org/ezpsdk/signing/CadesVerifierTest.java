package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.ezpsdk.signing.VerificationResult.Failure;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.ezpsdk.signing.internal.GostAlgorithm;
import org.ezpsdk.signing.internal.SigningCertificateV2Attribute;
import org.junit.jupiter.api.Test;

class CadesVerifierTest {
  private static final byte[] CONTENT = "letter body".getBytes(StandardCharsets.UTF_8);
  private static final SigningCredentials SIGNER =
      TestKeys.generate(GostParameterSet.TC26_256_A, "Verifier signer", Duration.ofDays(1));

  private final CadesVerifier verifier = CadesVerifier.create();

  @Test
  void acceptsOwnSignature() throws IOException {
    VerificationResult result = verify(CONTENT, sign(CONTENT));

    assertThat(result.valid()).isTrue();
    assertThat(result.failure()).isEqualTo(Failure.NONE);
    assertThat(result.failureReason()).isEmpty();
    assertThat(result.signerSubject()).isEqualTo("CN=Verifier signer");
    assertThat(result.serialNumber()).isEqualTo(SIGNER.certificate().getSerialNumber());
    assertThat(result.certificateNotAfter())
        .isEqualTo(SIGNER.certificate().getNotAfter().toInstant());
    assertThat(result.digestAlgorithm()).isEqualTo("GOST3411-2012-256");
    assertThat(result.signingTime()).isNotNull();
    assertThat(result.contentDigestMatches()).isTrue();
    assertThat(result.signatureValueValid()).isTrue();
    assertThat(result.signingCertificatePresent()).isTrue();
    assertThat(result.signingCertificateMatches()).isTrue();
  }

  @Test
  void reportsStreebog512ForLongKey() throws IOException {
    SigningCredentials longKey =
        TestKeys.generate(GostParameterSet.TC26_512_C, "Long key", Duration.ofDays(1));
    byte[] signature = CadesSigner.of(longKey).signDetached(new ByteArrayInputStream(CONTENT));

    VerificationResult result = verify(CONTENT, signature);

    assertThat(result.valid()).isTrue();
    assertThat(result.digestAlgorithm()).isEqualTo("GOST3411-2012-512");
  }

  @Test
  void detectsChangedContent() throws IOException {
    byte[] signature = sign(CONTENT);
    byte[] changed = CONTENT.clone();
    changed[3] ^= 1;

    VerificationResult result = verify(changed, signature);

    assertThat(result.valid()).isFalse();
    assertThat(result.failure()).isEqualTo(Failure.CONTENT_DIGEST_MISMATCH);
    assertThat(result.failureReason()).contains("content was changed");
    assertThat(result.contentDigestMatches()).isFalse();
    assertThat(result.signatureValueValid()).isTrue();
  }

  @Test
  void detectsChangedSignatureValue() throws IOException {
    byte[] signature =
        rewriteSignerInfo(
            sign(CONTENT),
            info -> {
              byte[] value = info.getEncryptedDigest().getOctets();
              value[10] ^= 1;
              return withSignature(info, info.getDigestEncryptionAlgorithm(), value);
            });

    VerificationResult result = verify(CONTENT, signature);

    assertThat(result.failure()).isEqualTo(Failure.SIGNATURE_INVALID);
    assertThat(result.failureReason()).contains("does not verify");
    assertThat(result.contentDigestMatches()).isTrue();
    assertThat(result.signatureValueValid()).isFalse();
  }

  @Test
  void acceptsSignatureWithDigestOid() throws IOException {
    AlgorithmIdentifier signatureWithDigest =
        new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.643.7.1.1.3.2"));
    byte[] signature =
        rewriteSignerInfo(
            sign(CONTENT),
            info ->
                withSignature(info, signatureWithDigest, info.getEncryptedDigest().getOctets()));

    assertThat(verify(CONTENT, signature).valid()).isTrue();
  }

  @Test
  void rejectsGarbageAsMalformed() throws IOException {
    VerificationResult result = verify(CONTENT, "not a signature".getBytes(StandardCharsets.UTF_8));

    assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
    assertThat(result.valid()).isFalse();
    assertThat(result.signerSubject()).isNull();
  }

  @Test
  void rejectsEmptySignatureAsMalformed() throws IOException {
    assertThat(verify(CONTENT, new byte[0]).failure()).isEqualTo(Failure.MALFORMED);
  }

  @Test
  void rejectsOtherCmsTypeAsMalformed() throws IOException {
    byte[] data =
        new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(CONTENT))
            .getEncoded(ASN1Encoding.DER);

    VerificationResult result = verify(CONTENT, data);

    assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
    assertThat(result.failureReason()).contains("not signedData");
  }

  @Test
  void ignoresTrailingZeroPadding() throws IOException {
    byte[] signature = sign(CONTENT);
    byte[] padded = Arrays.copyOf(signature, signature.length + 4096);

    assertThat(verify(CONTENT, padded).valid()).isTrue();
  }

  @Test
  void reportsMissingSigningCertificateAttribute() throws Exception {
    byte[] signature = signWithBouncyCastle(List.of(), true);

    VerificationResult strict = verify(CONTENT, signature);
    VerificationResult lenient =
        CadesVerifier.builder()
            .requireSigningCertificate(false)
            .build()
            .verifyDetached(new ByteArrayInputStream(CONTENT), signature);

    assertThat(strict.failure()).isEqualTo(Failure.SIGNING_CERTIFICATE_MISSING);
    assertThat(strict.signingCertificatePresent()).isFalse();
    assertThat(lenient.valid()).isTrue();
  }

  @Test
  void reportsSigningCertificateOfAnotherCertificate() throws Exception {
    SigningCredentials other =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Other", Duration.ofDays(1));
    Attribute foreign =
        SigningCertificateV2Attribute.create(other.certificate(), GostAlgorithm.GOST_2012_256);

    VerificationResult result = verify(CONTENT, signWithBouncyCastle(List.of(foreign), true));

    assertThat(result.failure()).isEqualTo(Failure.SIGNING_CERTIFICATE_MISMATCH);
    assertThat(result.signingCertificatePresent()).isTrue();
    assertThat(result.signingCertificateMatches()).isFalse();
  }

  @Test
  void reportsMissingSignerCertificate() throws Exception {
    Attribute own =
        SigningCertificateV2Attribute.create(SIGNER.certificate(), GostAlgorithm.GOST_2012_256);

    VerificationResult result = verify(CONTENT, signWithBouncyCastle(List.of(own), false));

    assertThat(result.failure()).isEqualTo(Failure.SIGNER_CERTIFICATE_NOT_FOUND);
    assertThat(result.contentDigestMatches()).isTrue();
  }

  @Test
  void reportsSigningTimeOutsideCertificateValidity() throws Exception {
    Instant beforeValidity =
        SIGNER.certificate().getNotBefore().toInstant().minus(1, ChronoUnit.DAYS);
    Attribute own =
        SigningCertificateV2Attribute.create(SIGNER.certificate(), GostAlgorithm.GOST_2012_256);
    Attribute signingTime =
        new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(beforeValidity))));

    VerificationResult result =
        verify(CONTENT, signWithBouncyCastle(List.of(own, signingTime), true));

    assertThat(result.failure()).isEqualTo(Failure.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME);
    assertThat(result.signingTime()).isEqualTo(beforeValidity);
  }

  private VerificationResult verify(byte[] content, byte[] signature) throws IOException {
    return verifier.verifyDetached(new ByteArrayInputStream(content), signature);
  }

  private static byte[] sign(byte[] content) throws IOException {
    return CadesSigner.of(SIGNER).signDetached(new ByteArrayInputStream(content));
  }

  /** Signs CONTENT with Bouncy Castle directly, with only the given extra signed attributes. */
  private static byte[] signWithBouncyCastle(List<Attribute> extra, boolean includeCertificate)
      throws Exception {
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    extra.forEach(attributes::add);
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder()
                    .setProvider(BouncyCastle.provider())
                    .build())
            .setSignedAttributeGenerator(
                new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
            .build(
                new JcaContentSignerBuilder("GOST3411-2012-256WITHECGOST3410-2012-256")
                    .setProvider(BouncyCastle.provider())
                    .build(SIGNER.privateKey()),
                SIGNER.certificate()));
    if (includeCertificate) {
      generator.addCertificates(new JcaCertStore(List.of(SIGNER.certificate())));
    }
    return generator.generate(new CMSProcessableByteArray(CONTENT), false).getEncoded("DER");
  }

  private static byte[] rewriteSignerInfo(byte[] signature, UnaryOperator<SignerInfo> change)
      throws IOException {
    SignedData signedData = CadesSignerTest.signedData(signature);
    SignerInfo changed = change.apply(CadesSignerTest.signerInfo(signature));
    SignedData rewritten =
        new SignedData(
            signedData.getDigestAlgorithms(),
            signedData.getEncapContentInfo(),
            signedData.getCertificates(),
            signedData.getCRLs(),
            new DERSet(changed));
    return new ContentInfo(CMSObjectIdentifiers.signedData, rewritten).getEncoded(ASN1Encoding.DER);
  }

  private static SignerInfo withSignature(
      SignerInfo info, AlgorithmIdentifier algorithm, byte[] value) {
    return new SignerInfo(
        info.getSID(),
        info.getDigestAlgorithm(),
        info.getAuthenticatedAttributes(),
        algorithm,
        new DEROctetString(value),
        info.getUnauthenticatedAttributes());
  }
}
