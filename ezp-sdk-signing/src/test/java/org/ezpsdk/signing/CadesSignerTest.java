package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.junit.jupiter.api.Test;

class CadesSignerTest {
  private static final byte[] CONTENT = "letter body".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void signingCertificateV2HoldsStreebogHashOfCertificate() throws Exception {
    SigningCredentials credentials = generate(GostParameterSet.TC26_256_A);

    SignerInfo signerInfo = signerInfo(sign(credentials));
    Attribute attribute =
        attributes(signerInfo).get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    ESSCertIDv2 id =
        SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts()[0];
    byte[] expectedHash =
        MessageDigest.getInstance("GOST3411-2012-256", BouncyCastle.provider())
            .digest(credentials.certificate().getEncoded());

    assertThat(id.getHashAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.643.7.1.1.2.2");
    assertThat(id.getCertHash()).isEqualTo(expectedHash);
    assertThat(id.getIssuerSerial().getSerial().getValue())
        .isEqualTo(credentials.certificate().getSerialNumber());
  }

  @Test
  void essCertIdNamesHashAlgorithm() throws Exception {
    SigningCredentials credentials = generate(GostParameterSet.TC26_256_A);

    SignerInfo signerInfo = signerInfo(sign(credentials));
    Attribute attribute =
        attributes(signerInfo).get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    ASN1Encodable essCertId =
        org.bouncycastle.asn1.ASN1Sequence.getInstance(
                org.bouncycastle.asn1.ASN1Sequence.getInstance(
                        org.bouncycastle.asn1.ASN1Sequence.getInstance(
                                attribute.getAttrValues().getObjectAt(0))
                            .getObjectAt(0))
                    .getObjectAt(0))
            .getObjectAt(0);

    assertThat(AlgorithmIdentifier.getInstance(essCertId).getAlgorithm().getId())
        .isEqualTo("1.2.643.7.1.1.2.2");
  }

  @Test
  void signedAttributesAreTheCadesBesSet() throws Exception {
    SigningCredentials credentials = generate(GostParameterSet.TC26_256_B);

    AttributeTable attributes = attributes(signerInfo(sign(credentials)));

    assertThat(attributes.get(CMSAttributes.contentType)).isNotNull();
    assertThat(attributes.get(CMSAttributes.messageDigest)).isNotNull();
    assertThat(attributes.get(CMSAttributes.signingTime)).isNotNull();
    assertThat(attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
  }

  @Test
  void signingTimeComesFromClock() throws Exception {
    SigningCredentials credentials =
        TestKeys.generate(
            GostParameterSet.TC26_256_A,
            "Clock signer",
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(1)));
    Instant signingTime = NOW.minus(2, ChronoUnit.HOURS);
    CadesSigner signer =
        CadesSigner.builder()
            .credentials(credentials)
            .clock(Clock.fixed(signingTime, ZoneOffset.UTC))
            .build();

    byte[] signature = signer.signDetached(new ByteArrayInputStream(CONTENT));
    Attribute attribute = attributes(signerInfo(signature)).get(CMSAttributes.signingTime);

    assertThat(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant())
        .isEqualTo(signingTime);
  }

  @Test
  void signedAttributesAreDerSorted() throws Exception {
    SigningCredentials credentials = generate(GostParameterSet.TC26_256_A);

    ASN1Set attributes = signerInfo(sign(credentials)).getAuthenticatedAttributes();
    List<byte[]> encodings = new ArrayList<>();
    for (ASN1Encodable attribute : attributes) {
      encodings.add(attribute.toASN1Primitive().getEncoded("DER"));
    }

    for (int i = 1; i < encodings.size(); i++) {
      assertThat(compareUnsigned(encodings.get(i - 1), encodings.get(i)))
          .as("attribute %d sorts before attribute %d", i - 1, i)
          .isLessThanOrEqualTo(0);
    }
  }

  // The SignerInfo names the public key algorithm, as OpenSSL 3.0 with gost-engine writes it,
  // rather than the signature-with-digest OID.
  @Test
  void usesStreebog256For256BitKey() throws Exception {
    SignerInfo signerInfo = signerInfo(sign(generate(GostParameterSet.CRYPTOPRO_C)));

    assertThat(signerInfo.getDigestAlgorithm().getAlgorithm().getId())
        .isEqualTo("1.2.643.7.1.1.2.2");
    assertThat(signerInfo.getDigestEncryptionAlgorithm().getAlgorithm().getId())
        .isEqualTo("1.2.643.7.1.1.1.1");
  }

  @Test
  void usesStreebog512For512BitKey() throws Exception {
    SignerInfo signerInfo = signerInfo(sign(generate(GostParameterSet.TC26_512_B)));

    assertThat(signerInfo.getDigestAlgorithm().getAlgorithm().getId())
        .isEqualTo("1.2.643.7.1.1.2.3");
    assertThat(signerInfo.getDigestEncryptionAlgorithm().getAlgorithm().getId())
        .isEqualTo("1.2.643.7.1.1.1.2");
  }

  @Test
  void includesSignerCertificateAndLeavesContentOut() throws Exception {
    SigningCredentials credentials = generate(GostParameterSet.TC26_256_A);

    SignedData signedData = signedData(sign(credentials));

    assertThat(signedData.getCertificates().size()).isEqualTo(1);
    assertThat(signedData.getCertificates().getObjectAt(0).toASN1Primitive().getEncoded())
        .isEqualTo(credentials.certificate().getEncoded());
    assertThat(signedData.getEncapContentInfo().getContent()).isNull();
  }

  @Test
  void rejectsExpiredCertificate() {
    SigningCredentials credentials =
        TestKeys.generate(
            GostParameterSet.TC26_256_A,
            "Expired signer",
            NOW.minus(Duration.ofDays(30)),
            NOW.minus(Duration.ofDays(1)));
    CadesSigner signer = CadesSigner.of(credentials);

    assertThatThrownBy(() -> signer.signDetached(new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("CN=Expired signer")
        .hasMessageContaining("is expired")
        .hasMessageContaining("valid from " + NOW.minus(Duration.ofDays(30)))
        .hasMessageContaining("to " + NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void rejectsNotYetValidCertificate() {
    SigningCredentials credentials =
        TestKeys.generate(
            GostParameterSet.TC26_256_A,
            "Future signer",
            NOW.plus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(30)));
    CadesSigner signer = CadesSigner.of(credentials);

    assertThatThrownBy(() -> signer.signDetached(new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("is not yet valid");
  }

  private static SigningCredentials generate(GostParameterSet parameterSet) {
    return TestKeys.generate(parameterSet, "Signer " + parameterSet, Duration.ofDays(1));
  }

  private static byte[] sign(SigningCredentials credentials) throws IOException {
    return CadesSigner.of(credentials).signDetached(new ByteArrayInputStream(CONTENT));
  }

  static SignedData signedData(byte[] signature) throws IOException {
    try (ASN1InputStream in = new ASN1InputStream(signature)) {
      return SignedData.getInstance(ContentInfo.getInstance(in.readObject()).getContent());
    }
  }

  static SignerInfo signerInfo(byte[] signature) throws IOException {
    return SignerInfo.getInstance(signedData(signature).getSignerInfos().getObjectAt(0));
  }

  private static AttributeTable attributes(SignerInfo signerInfo) {
    return new AttributeTable(signerInfo.getAuthenticatedAttributes());
  }

  private static int compareUnsigned(byte[] left, byte[] right) {
    return java.util.Arrays.compareUnsigned(left, right);
  }
}
