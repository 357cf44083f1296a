package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.bouncycastle.asn1.cryptopro.GOST3410PublicKeyAlgParameters;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GostParameterSetTest {
  private static final byte[] CONTENT = {1, 2, 3, 4, 5};
  private static final String KEY_OID_256 = "1.2.643.7.1.1.1.1";

  @ParameterizedTest
  @EnumSource(GostParameterSet.class)
  void oidMatchesBouncyCastleCurve(GostParameterSet parameterSet) {
    assertThat(ECGOST3410NamedCurves.getOID(parameterSet.curveName()).getId())
        .isEqualTo(parameterSet.oid());
  }

  @ParameterizedTest
  @EnumSource(GostParameterSet.class)
  void generatedKeySignsAndVerifies(GostParameterSet parameterSet) throws IOException {
    SigningCredentials credentials =
        TestKeys.generate(parameterSet, "Curve " + parameterSet, Duration.ofDays(1));

    byte[] signature = CadesSigner.of(credentials).signDetached(new ByteArrayInputStream(CONTENT));
    VerificationResult result =
        CadesVerifier.create().verifyDetached(new ByteArrayInputStream(CONTENT), signature);

    assertThat(credentials.keySize()).isEqualTo(parameterSet.keySize());
    assertThat(result.valid()).as(result.failureReason()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = GostParameterSet.class,
      names = {"CRYPTOPRO_A", "CRYPTOPRO_B", "CRYPTOPRO_C", "CRYPTOPRO_XCHA", "CRYPTOPRO_XCHB"})
  void keyOnCryptoProSetKeeps2012KeyOid(GostParameterSet parameterSet) throws IOException {
    SigningCredentials credentials =
        TestKeys.generate(parameterSet, "Curve " + parameterSet, Duration.ofDays(1));
    byte[] signature = CadesSigner.of(credentials).signDetached(new ByteArrayInputStream(CONTENT));

    SubjectPublicKeyInfo generated =
        SubjectPublicKeyInfo.getInstance(credentials.certificate().getPublicKey().getEncoded());
    SignedData signedData = CadesSignerTest.signedData(signature);
    Certificate inCms = Certificate.getInstance(signedData.getCertificates().getObjectAt(0));
    SubjectPublicKeyInfo carried = inCms.getSubjectPublicKeyInfo();
    SignerInfo signerInfo = CadesSignerTest.signerInfo(signature);

    assertThat(generated.getAlgorithm().getAlgorithm().getId()).isEqualTo(KEY_OID_256);
    assertThat(curveOid(generated)).isEqualTo(parameterSet.oid());
    assertThat(carried.getAlgorithm().getAlgorithm().getId()).isEqualTo(KEY_OID_256);
    assertThat(curveOid(carried)).isEqualTo(parameterSet.oid());
    assertThat(signerInfo.getDigestEncryptionAlgorithm().getAlgorithm().getId())
        .isEqualTo(KEY_OID_256);
  }

  @Test
  void mapsOpenSslParamSetNames() {
    assertThat(GostParameterSet.CRYPTOPRO_A.openSslParamSet()).isEqualTo("A");
    assertThat(GostParameterSet.CRYPTOPRO_XCHB.openSslParamSet()).isEqualTo("XB");
    assertThat(GostParameterSet.TC26_256_D.openSslParamSet()).isEqualTo("TCD");
    assertThat(GostParameterSet.TC26_512_C.openSslParamSet()).isEqualTo("C");
    assertThat(GostParameterSet.TC26_512_C.openSslAlgorithm()).isEqualTo("gost2012_512");
  }

  private static String curveOid(SubjectPublicKeyInfo info) {
    return GOST3410PublicKeyAlgParameters.getInstance(info.getAlgorithm().getParameters())
        .getPublicKeyParamSet()
        .getId();
  }

  @Test
  void findsParameterSetByOid() {
    assertThat(GostParameterSet.fromOid("1.2.643.2.2.36.0"))
        .contains(GostParameterSet.CRYPTOPRO_XCHA);
    assertThat(GostParameterSet.fromOid("1.2.643.7.1.2.1.2.3"))
        .contains(GostParameterSet.TC26_512_C);
    assertThat(GostParameterSet.fromOid("1.2.840.10045.3.1.7")).isEmpty();
  }
}
