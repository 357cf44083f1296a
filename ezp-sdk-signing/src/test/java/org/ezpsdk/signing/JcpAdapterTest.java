package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JcpAdapterTest {

  @ParameterizedTest
  @CsvSource({
    "GOST3411-2012-256WITHECGOST3410-2012-256, GOST3411_2012_256withGOST3410_2012_256",
    "GOST3411-2012-512WITHECGOST3410-2012-512, GOST3411_2012_512withGOST3410_2012_512",
    "GOST3411-2012-256, GOST3411_2012_256",
    "GOST3411-2012-512, GOST3411_2012_512"
  })
  void mapsNamesBothWays(String bouncyCastle, String jcp) {
    assertThat(JcpAdapter.toJcpName(bouncyCastle)).isEqualTo(jcp);
    assertThat(JcpAdapter.toBouncyCastleName(jcp)).isEqualTo(bouncyCastle);
  }

  @Test
  void mapsNamesIgnoringCase() {
    assertThat(JcpAdapter.toJcpName("gost3411-2012-256withecgost3410-2012-256"))
        .isEqualTo("GOST3411_2012_256withGOST3410_2012_256");
  }

  @Test
  void rejectsUnknownName() {
    assertThatThrownBy(() -> JcpAdapter.toJcpName("SHA256withRSA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'SHA256withRSA'")
        .hasMessageContaining("GOST3411-2012-256");
  }

  @Test
  void providerIsEmptyWithoutJcp() {
    assumeTrue(!JcpAdapter.isAvailable(), "CryptoPro JCP is installed");

    assertThat(JcpAdapter.provider()).isEmpty();
  }

  @Test
  void loadsJcpProviderWhenInstalled() {
    assumeTrue(JcpAdapter.isAvailable(), "CryptoPro JCP is not installed");

    assertThat(JcpAdapter.provider()).get().extracting(p -> p.getName()).isEqualTo("JCP");
  }
}
