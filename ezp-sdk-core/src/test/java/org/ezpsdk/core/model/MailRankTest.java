package org.ezpsdk.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailRankTest {

  @ParameterizedTest
  @CsvSource({
    "0, NONE",
    "1, GOVERNMENT",
    "2, MILITARY",
    "3, OFFICIAL",
    "4, JUDICIAL",
    "5, PRESIDENTIAL",
    "6, CREDIT",
    "7, INTER_OPERATOR"
  })
  void fromCodeReturnsRank(int code, MailRank expected) {
    assertThat(MailRank.fromCode(code)).isEqualTo(expected);
    assertThat(expected.code()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(ints = {8, -1, Integer.MAX_VALUE})
  void fromCodeRejectsCodeOutsideRange(int code) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MailRank.fromCode(code))
        .withMessageContaining(String.valueOf(code));
  }
}
