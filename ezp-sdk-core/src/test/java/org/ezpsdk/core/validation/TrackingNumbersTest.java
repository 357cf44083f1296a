package org.ezpsdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingNumbersTest {

  @Test
  void acceptsRussianPostExample() {
    assertThat(TrackingNumbers.check("barcode", "80080152000048")).isEmpty();
  }

  @Test
  void acceptsCheckDigitZero() {
    // 1 0 1 0 0 0 0 1 0 0 0 0 1: odd positions 1+1+0+0+0+0+1 = 3, even positions 0+0+0+1+0+0 = 1;
    // S = 3 × 3 + 1 = 10, check = (10 − 0) mod 10 = 0.
    assertThat(TrackingNumbers.isValidDomestic("10100001000010")).isTrue();
  }

  @Test
  void rejectsWrongDomesticCheckDigit() {
    Violation violation = TrackingNumbers.check("barcode", "80080152000041").orElseThrow();

    assertThat(violation.rule()).isEqualTo("BARCODE_CHECK_DIGIT");
    assertThat(violation.rejectedValue()).isEqualTo("80080152000041");
    assertThat(violation.message()).contains("must be 8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8008015200004", // 13 digits
        "800801520000481", // 15 digits
        "8008015200004A", // a letter in place of the check digit
        "80080I52000048", // capital I in place of 1
        "8008 152000048",
        ""
      })
  void rejectsMalformedDomesticNumber(String value) {
    Violation violation = TrackingNumbers.check("barcode", value).orElseThrow();

    assertThat(violation.rule()).isEqualTo("BARCODE_FORMAT");
  }

  @Test
  void rejectsMissingNumber() {
    Violation violation = TrackingNumbers.check("barcode", null).orElseThrow();

    assertThat(violation.rule()).isEqualTo("BARCODE_REQUIRED");
  }

  /**
   * Check digits worked out by hand. S = 3 × (sum at odd positions 1, 3, …, 13) + (sum at even
   * positions 2, …, 12); check = (10 − S mod 10) mod 10.
   *
   * <ul>
   *   <li>8008015200004: odd 8+0+0+5+0+0+4 = 17, even 0+8+1+2+0+0 = 11, S = 51 + 11 = 62, check 8
   *   <li>1234567890123: odd 1+3+5+7+9+1+3 = 29, even 2+4+6+8+0+2 = 22, S = 87 + 22 = 109, check 1
   *   <li>9999999999999: odd 7 × 9 = 63, even 6 × 9 = 54, S = 189 + 54 = 243, check 7
   *   <li>1000000000000: odd 1, even 0, S = 3, check 7 (a digit at an odd position counts 3 times)
   *   <li>0100000000000: odd 0, even 1, S = 1, check 9 (a digit at an even position counts once)
   *   <li>0000000000000: S = 0, check (10 − 0) mod 10 = 0
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({
    "8008015200004, 8",
    "1234567890123, 1",
    "9999999999999, 7",
    "1000000000000, 7",
    "0100000000000, 9",
    "0000000000000, 0"
  })
  void computesDomesticCheckDigit(String first13, int expected) {
    assertThat(TrackingNumbers.domesticCheckDigit(first13)).isEqualTo(expected);
  }

  @Test
  void completeDomesticRoundTrip() {
    long seed = 20240301L;
    Random random = new Random(seed);
    for (int round = 0; round < 1000; round++) {
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 13; i++) {
        prefix.append((char) ('0' + random.nextInt(10)));
      }
      String completed = TrackingNumbers.completeDomestic(prefix.toString());

      assertThat(completed).as("seed %d", seed).startsWith(prefix).hasSize(14);
      assertThat(TrackingNumbers.isValid(completed)).as("completed %s", completed).isTrue();
      for (char last = '0'; last <= '9'; last++) {
        String other = prefix.toString() + last;
        if (!other.equals(completed)) {
          assertThat(TrackingNumbers.isValid(other)).as("altered %s", other).isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"800801520000", "80080152000048", "8008015200004A"})
  void domesticCheckDigitRejectsInputOtherThan13Digits(String value) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrackingNumbers.domesticCheckDigit(value));
  }

  @Test
  void acceptsUpuS10Example() {
    // Serial 47110815 with weights 8 6 4 2 3 5 9 7: 32+42+4+2+0+40+9+35 = 164, 164 mod 11 = 10,
    // C = 11 − 10 = 1, and the check digit in EE471108151FR is 1.
    assertThat(TrackingNumbers.check("barcode", "EE471108151FR")).isEmpty();
  }

  @Test
  void judgesRussianS10ExampleByTheRule() {
    // Serial 00000501: 5 × 5 + 1 × 7 = 32, 32 mod 11 = 10, C = 11 − 10 = 1. The number carries 1,
    // so the rule makes RN000005011RU valid.
    assertThat(TrackingNumbers.isValidS10("RN000005011RU")).isTrue();
  }

  /**
   * S10 check digits worked out by hand: S = Σ digit × weight with weights 8 6 4 2 3 5 9 7, C = 11
   * − S mod 11, where C = 10 gives 0 and C = 11 gives 5.
   *
   * <ul>
   *   <li>00000015: 1 × 9 + 5 × 7 = 44, 44 mod 11 = 0, C = 11, check 5
   *   <li>10100000: 1 × 8 + 1 × 4 = 12, 12 mod 11 = 1, C = 10, check 0
   *   <li>12345678: 8+12+12+8+15+30+63+56 = 204, 204 mod 11 = 6, C = 5
   *   <li>00000501: 32 mod 11 = 10, C = 1
   * </ul>
   */
  @ParameterizedTest
  @CsvSource({"00000015, 5", "10100000, 0", "12345678, 5", "00000501, 1", "47110815, 1"})
  void computesS10CheckDigit(String serial, int expected) {
    assertThat(TrackingNumbers.s10CheckDigit(serial)).isEqualTo(expected);
  }

  @Test
  void rejectsWrongS10CheckDigit() {
    Violation violation = TrackingNumbers.check("barcode", "EE471108152FR").orElseThrow();

    assertThat(violation.rule()).isEqualTo("BARCODE_CHECK_DIGIT");
    assertThat(violation.message()).contains("must be 1");
  }

  @Test
  void rejectsUnknownCountryCode() {
    assertThat(List.of(Locale.getISOCountries())).doesNotContain("XX");

    Violation violation = TrackingNumbers.check("barcode", "EE471108151XX").orElseThrow();

    assertThat(violation.rule()).isEqualTo("BARCODE_COUNTRY");
    assertThat(violation.message()).contains("'XX'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ee471108151fr", "EE471108151fr", "ee471108151FR", "ЕЕ471108151FR"})
  void rejectsS10WithoutCapitalLatinLetters(String value) {
    Violation violation = TrackingNumbers.check("barcode", value).orElseThrow();

    assertThat(violation.rule()).isEqualTo("BARCODE_FORMAT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EE47110815FR", "EE4711081511FR", "E4711081511FR", "EE47110815AFR"})
  void rejectsS10WithWrongLayout(String value) {
    Violation violation = TrackingNumbers.check("barcode", value).orElseThrow();

    assertThat(violation.rule()).isEqualTo("BARCODE_FORMAT");
  }

  @Test
  void violationNamesTheGivenField() {
    Violation violation = TrackingNumbers.check("letters[3].barcode", "1").orElseThrow();

    assertThat(violation.field()).isEqualTo("letters[3].barcode");
  }
}
