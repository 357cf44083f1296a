package org.ezpsdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodesTest {

  @ParameterizedTest
  @ValueSource(strings = {"101000", "690091", "999999"})
  void acceptsSixDigitPostcode(String postcode) {
    assertThat(Postcodes.check("recipientAddress.postcode", postcode)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10100", // 5 digits
        "1010001", // 7 digits
        "10100A", "1О1000", // Cyrillic О in place of 0
        "012345", // leading 0
        "101 000", ""
      })
  void rejectsMalformedPostcode(String value) {
    Violation violation = Postcodes.check("recipientAddress.postcode", value).orElseThrow();

    assertThat(violation.rule()).isEqualTo("POSTCODE_FORMAT");
    assertThat(violation.rejectedValue()).isEqualTo(value);
  }

  @Test
  void reportsMissingPostcode() {
    Violation violation = Postcodes.check("recipientAddress.postcode", null).orElseThrow();

    assertThat(violation.rule()).isEqualTo("POSTCODE_REQUIRED");
    assertThat(violation.field()).isEqualTo("recipientAddress.postcode");
  }
}
