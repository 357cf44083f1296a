package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GostParameterSetTest {
  private static final byte[] CONTENT = {1, 2, 3, 4, 5};

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

  @Test
  void findsParameterSetByOid() {
    assertThat(GostParameterSet.fromOid("1.2.643.2.2.36.0"))
        .contains(GostParameterSet.CRYPTOPRO_XCHA);
    assertThat(GostParameterSet.fromOid("1.2.643.7.1.2.1.2.3"))
        .contains(GostParameterSet.TC26_512_C);
    assertThat(GostParameterSet.fromOid("1.2.840.10045.3.1.7")).isEmpty();
  }
}
