package org.ezpsdk.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_512Digest;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.junit.jupiter.api.Test;

class StreebogProviderTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] ABC = {'a', 'b', 'c'};

  @Test
  void providesDigestsByName() throws Exception {
    MessageDigest digest256 =
        MessageDigest.getInstance("GOST3411-2012-256", StreebogProvider.instance());
    MessageDigest digest512 =
        MessageDigest.getInstance("GOST3411-2012-512", StreebogProvider.instance());

    assertThat(digest256).isInstanceOf(StreebogMessageDigest.class);
    assertThat(digest256.getProvider().getName()).isEqualTo(StreebogProvider.NAME);
    assertThat(HEX.formatHex(digest256.digest(ABC))).isEqualTo(bouncyCastle256(ABC));
    assertThat(HEX.formatHex(digest512.digest(ABC))).isEqualTo(bouncyCastle512(ABC));
  }

  @Test
  void providesDigestsByOid() throws Exception {
    MessageDigest digest256 =
        MessageDigest.getInstance("1.2.643.7.1.1.2.2", StreebogProvider.instance());
    MessageDigest digest512 =
        MessageDigest.getInstance("OID.1.2.643.7.1.1.2.3", StreebogProvider.instance());

    assertThat(digest256.getDigestLength()).isEqualTo(32);
    assertThat(digest512.getDigestLength()).isEqualTo(64);
    assertThat(HEX.formatHex(digest512.digest(ABC))).isEqualTo(bouncyCastle512(ABC));
  }

  @Test
  void supportsOnlyStreebog() {
    StreebogProvider provider = StreebogProvider.instance();

    assertThat(provider.supportsDigest("GOST3411-2012-256")).isTrue();
    assertThat(provider.supportsDigest("GOST3411-2012-512")).isTrue();
    assertThat(provider.supportsDigest("SHA-256")).isFalse();
    assertThat(provider.supportsDigest("GOST3411")).isFalse();
  }

  @Test
  void signingCertificateHashMatchesBouncyCastle() throws Exception {
    SigningCredentials credentials =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Streebog", Duration.ofHours(1));
    byte[] encoded = credentials.certificate().getEncoded();

    SigningCertificateV2 value =
        SigningCertificateV2.getInstance(
            SigningCertificateV2Attribute.create(
                    credentials.certificate(), GostAlgorithm.GOST_2012_256)
                .getAttrValues()
                .getObjectAt(0));
    ESSCertIDv2 id = value.getCerts()[0];

    assertThat(HEX.formatHex(id.getCertHash())).isEqualTo(bouncyCastle256(encoded));
    assertThat(SigningCertificateV2Attribute.matches(value, credentials.certificate())).isTrue();
  }

  private static String bouncyCastle256(byte[] message) {
    GOST3411_2012_256Digest digest = new GOST3411_2012_256Digest();
    digest.update(message, 0, message.length);
    byte[] result = new byte[32];
    digest.doFinal(result, 0);
    return HEX.formatHex(result);
  }

  private static String bouncyCastle512(byte[] message) {
    GOST3411_2012_512Digest digest = new GOST3411_2012_512Digest();
    digest.update(message, 0, message.length);
    byte[] result = new byte[64];
    digest.doFinal(result, 0);
    return HEX.formatHex(result);
  }
}
