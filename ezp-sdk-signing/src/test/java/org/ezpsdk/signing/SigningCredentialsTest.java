package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.ezpsdk.core.error.SigningException;
import org.junit.jupiter.api.Test;

class SigningCredentialsTest {
  @Test
  void toStringOmitsKeyMaterial() {
    SigningCredentials credentials =
        TestKeys.generate(GostParameterSet.TC26_512_A, "Court clerk", Duration.ofDays(1));
    String keyBase64 = Base64.getEncoder().encodeToString(credentials.privateKey().getEncoded());

    String text = credentials.toString();

    assertThat(text).contains("subject=CN=Court clerk");
    assertThat(text).contains("serial=" + credentials.certificate().getSerialNumber().toString(16));
    assertThat(text).contains("keySize=512");
    assertThat(text).doesNotContain(keyBase64.substring(0, 24));
    assertThat(text).doesNotContain("PrivateKey");
  }

  @Test
  void rejectsCertificateOfAnotherKey() {
    SigningCredentials owner =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Owner", Duration.ofDays(1));
    SigningCredentials stranger =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Stranger", Duration.ofDays(1));

    assertThatThrownBy(() -> SigningCredentials.of(owner.privateKey(), stranger.certificate()))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("CN=Stranger")
        .hasMessageContaining("does not belong to the private key");
  }

  @Test
  void rejectsCertificateWithOtherKeySize() {
    SigningCredentials owner =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Owner", Duration.ofDays(1));
    SigningCredentials longKey =
        TestKeys.generate(GostParameterSet.TC26_512_A, "Long key", Duration.ofDays(1));

    assertThatThrownBy(() -> SigningCredentials.of(owner.privateKey(), longKey.certificate()))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("CN=Long key")
        .hasMessageContaining("does not belong to the private key");
  }
}
