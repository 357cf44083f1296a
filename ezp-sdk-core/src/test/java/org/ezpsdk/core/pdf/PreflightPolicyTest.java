package org.ezpsdk.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class PreflightPolicyTest {

  @Test
  void defaultsMatchWebUploadLimits() {
    PreflightPolicy policy = PreflightPolicy.defaults();

    assertThat(policy.maxPages()).isEqualTo(15);
    assertThat(policy.maxFileSizeBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(policy.pageSizeTolerancePt()).isEqualTo(3.0);
    assertThat(policy.ownerPasswordPolicy()).isEqualTo(OwnerPasswordPolicy.REJECT);
  }

  @Test
  void toBuilderKeepsEveryValue() {
    PreflightPolicy policy =
        PreflightPolicy.builder()
            .maxPages(5)
            .maxFileSizeBytes(1000)
            .pageSizeTolerancePt(1.5)
            .ownerPasswordPolicy(OwnerPasswordPolicy.ACCEPT)
            .build();

    assertThat(policy.toBuilder().build()).isEqualTo(policy);
  }

  @Test
  void acceptsZeroTolerance() {
    PreflightPolicy policy = PreflightPolicy.builder().pageSizeTolerancePt(0).build();

    assertThat(policy.pageSizeTolerancePt()).isZero();
  }

  @Test
  void rejectsEveryInvalidLimitAtOnce() {
    PreflightPolicy.Builder builder =
        PreflightPolicy.builder()
            .maxPages(0)
            .maxFileSizeBytes(-1)
            .pageSizeTolerancePt(Double.NaN)
            .ownerPasswordPolicy(null);

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("maxPages is 0")
        .hasMessageContaining("maxFileSizeBytes is -1")
        .hasMessageContaining("pageSizeTolerancePt is NaN")
        .hasMessageContaining("ownerPasswordPolicy is missing");
  }

  @Test
  void rejectsNegativeTolerance() {
    PreflightPolicy.Builder builder = PreflightPolicy.builder().pageSizeTolerancePt(-0.5);

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pageSizeTolerancePt is -0.5");
  }
}
