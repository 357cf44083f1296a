package org.ezpsdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganisationIdsTest {
  private static final int[] INN10_WEIGHTS = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  private static final int[] INN12_WEIGHTS_11TH = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
  private static final int[] INN12_WEIGHTS_12TH = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

  /**
   * 7707083893 (ПАО Сбербанк): 7×2 + 7×4 + 0×10 + 7×3 + 0×5 + 8×9 + 3×4 + 8×6 + 9×8 = 267, 267 mod
   * 11 = 3, check 3. 7736207543: 14+28+30+18+10+0+28+30+32 = 190, 190 mod 11 = 3, check 3.
   */
  @ParameterizedTest
  @ValueSource(strings = {"7707083893", "7736207543"})
  void acceptsOrganisationInn(String inn) {
    assertThat(OrganisationIds.checkInn("recipient.inn", inn)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"7707083893", "7736207543"})
  void rejectsOrganisationInnWithChangedLastDigit(String valid) {
    for (char last = '0'; last <= '9'; last++) {
      String changed = valid.substring(0, 9) + last;
      if (changed.equals(valid)) {
        continue;
      }
      Violation violation = OrganisationIds.checkInn("recipient.inn", changed).orElseThrow();

      assertThat(violation.rule()).as(changed).isEqualTo("INN_CHECK_DIGIT");
      assertThat(violation.rejectedValue()).isEqualTo(changed);
    }
  }

  /**
   * 500100732259: the 11th digit from 5 0 0 1 0 0 7 3 2 2 with weights 7 2 4 10 3 5 9 4 6 8 is
   * 35+0+0+10+0+0+63+12+12+16 = 148, 148 mod 11 = 5, so 5; the 12th from 5 0 0 1 0 0 7 3 2 2 5 with
   * weights 3 7 2 4 10 3 5 9 4 6 8 is 15+0+0+4+0+0+35+27+8+12+40 = 141, 141 mod 11 = 9, so 9.
   */
  @Test
  void acceptsPersonInn() {
    assertThat(checkDigit("5001007322", INN12_WEIGHTS_11TH)).isEqualTo(5);
    assertThat(checkDigit("50010073225", INN12_WEIGHTS_12TH)).isEqualTo(9);

    assertThat(OrganisationIds.checkInn("recipient.inn", "500100732259")).isEmpty();
  }

  @Test
  void acceptsPersonInnComputedByTheWeights() {
    Random random = new Random(7736L);
    for (int round = 0; round < 200; round++) {
      String inn = personInn(randomDigits(random, 10));

      assertThat(OrganisationIds.isValidInn(inn)).as(inn).isTrue();
    }
  }

  @Test
  void acceptsOrganisationInnComputedByTheWeights() {
    Random random = new Random(7707L);
    for (int round = 0; round < 200; round++) {
      String prefix = randomDigits(random, 9);
      String inn = prefix + checkDigit(prefix, INN10_WEIGHTS);

      assertThat(OrganisationIds.isValidInn(inn)).as(inn).isTrue();
    }
  }

  @Test
  void rejectsEachWrongCheckDigitOfPersonInn() {
    String valid = "500100732259";
    for (int position = 10; position <= 11; position++) {
      for (char digit = '0'; digit <= '9'; digit++) {
        if (valid.charAt(position) == digit) {
          continue;
        }
        String changed = valid.substring(0, position) + digit + valid.substring(position + 1);
        Violation violation = OrganisationIds.checkInn("recipient.inn", changed).orElseThrow();

        assertThat(violation.rule()).as(changed).isEqualTo("INN_CHECK_DIGIT");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "77070838931", // 11 digits
        "770708389", // 9 digits
        "7707083893000", // 13 digits
        "77O7083893", // capital O in place of 0
        "50010073225A",
        "7707 083893",
        ""
      })
  void rejectsMalformedInn(String value) {
    Violation violation = OrganisationIds.checkInn("recipient.inn", value).orElseThrow();

    assertThat(violation.rule()).isEqualTo("INN_FORMAT");
  }

  @Test
  void rejectsMissingInn() {
    Violation violation = OrganisationIds.checkInn("recipient.inn", null).orElseThrow();

    assertThat(violation.rule()).isEqualTo("INN_REQUIRED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"773601001", "7736AB001", "7736ZZ001", "770701001"})
  void acceptsKpp(String kpp) {
    assertThat(OrganisationIds.checkKpp("recipient.kpp", kpp)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "A73601001", // letter at position 1
        "773A01001", // letter at position 4
        "7736A0B01", // letter at position 7
        "77360100Z", // letter at position 9
        "7736ab001", // small letters at positions 5 and 6
        "7736АБ001", // Cyrillic letters at positions 5 and 6
        "77360100", // 8 characters
        "7736010011", // 10 characters
        ""
      })
  void rejectsMalformedKpp(String value) {
    Violation violation = OrganisationIds.checkKpp("recipient.kpp", value).orElseThrow();

    assertThat(violation.rule()).isEqualTo("KPP_FORMAT");
  }

  @Test
  void rejectsMissingKpp() {
    Violation violation = OrganisationIds.checkKpp("recipient.kpp", null).orElseThrow();

    assertThat(violation.rule()).isEqualTo("KPP_REQUIRED");
  }

  private static String personInn(String first10) {
    String first11 = first10 + checkDigit(first10, INN12_WEIGHTS_11TH);
    return first11 + checkDigit(first11, INN12_WEIGHTS_12TH);
  }

  /** Computes Σ digit × weight mod 11 mod 10 over the first weights.length digits. */
  private static int checkDigit(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    return sum % 11 % 10;
  }

  private static String randomDigits(Random random, int count) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }
}
