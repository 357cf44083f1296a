package org.ezpsdk.core.validation;

import java.util.Optional;
import org.ezpsdk.core.error.Violation;

/**
 * Russian taxpayer identifiers. ИНН of an organisation: 10 digits, the last a check digit (weights
 * 2 4 10 3 5 9 4 6 8, sum mod 11 mod 10). ИНН of a person or sole trader: 12 digits with two check
 * digits (weights 7 2 4 10 3 5 9 4 6 8 for the 11th, 3 7 2 4 10 3 5 9 4 6 8 for the 12th). КПП: 9
 * characters, digits except positions 5 and 6, which may also be capital Latin letters.
 */
public final class OrganisationIds {
  private static final int[] INN10_WEIGHTS = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  private static final int[] INN12_WEIGHTS_11TH = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
  private static final int[] INN12_WEIGHTS_12TH = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

  private OrganisationIds() {}

  public static boolean isValidInn(String value) {
    return checkInn("inn", value).isEmpty();
  }

  public static boolean isValidKpp(String value) {
    return checkKpp("kpp", value).isEmpty();
  }

  /** Checks an ИНН of 10 or 12 digits and returns the violation, if any. */
  public static Optional<Violation> checkInn(String field, String value) {
    if (value == null) {
      return Optional.of(new Violation(field, "INN_REQUIRED", null, "ИНН is required"));
    }
    if (!TrackingNumbers.allDigits(value) || (value.length() != 10 && value.length() != 12)) {
      return Optional.of(
          new Violation(
              field,
              "INN_FORMAT",
              value,
              "ИНН must be 10 digits (organisation) or 12 digits (person, sole trader)"));
    }
    boolean valid =
        value.length() == 10
            ? checkDigit(value, INN10_WEIGHTS) == digit(value, 9)
            : checkDigit(value, INN12_WEIGHTS_11TH) == digit(value, 10)
                && checkDigit(value, INN12_WEIGHTS_12TH) == digit(value, 11);
    if (!valid) {
      return Optional.of(
          new Violation(
              field,
              "INN_CHECK_DIGIT",
              value,
              "ИНН check digit does not match; check the number for a typing error"));
    }
    return Optional.empty();
  }

  /** Checks a КПП and returns the violation, if any. */
  public static Optional<Violation> checkKpp(String field, String value) {
    if (value == null) {
      return Optional.of(new Violation(field, "KPP_REQUIRED", null, "КПП is required"));
    }
    boolean valid = value.length() == 9;
    for (int i = 0; valid && i < 9; i++) {
      char c = value.charAt(i);
      boolean letterAllowed = i == 4 || i == 5;
      valid = (c >= '0' && c <= '9') || (letterAllowed && c >= 'A' && c <= 'Z');
    }
    if (!valid) {
      return Optional.of(
          new Violation(
              field,
              "KPP_FORMAT",
              value,
              "КПП must be 9 characters: digits, where the 5th and 6th may be capital Latin"
                  + " letters"));
    }
    return Optional.empty();
  }

  private static int checkDigit(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += digit(digits, i) * weights[i];
    }
    return sum % 11 % 10;
  }

  private static int digit(String digits, int index) {
    return digits.charAt(index) - '0';
  }
}
