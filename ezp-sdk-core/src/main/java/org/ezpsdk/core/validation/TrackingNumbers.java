package org.ezpsdk.core.validation;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ezpsdk.core.error.Violation;

/**
 * Track numbers (ШПИ): the 14-digit domestic format and the 13-character UPU S10 format.
 *
 * <p>Domestic: 6-digit postcode or allocation prefix, 2-digit month field, 5-digit serial and a
 * check digit. The first 8 digits are an opaque prefix taken from the allocated range, not a
 * calendar month. Check digit: S = 3 × (sum of digits at odd positions 1, 3, …, 13) + (sum at even
 * positions 2, …, 12); check = (10 − S mod 10) mod 10. Russian Post's example {@code
 * 80080152000048} is valid.
 *
 * <p>UPU S10: 2 letters, an 8-digit serial, a check digit and an ISO 3166 country code, such as
 * {@code RN000005011RU}. Check digit: weights 8 6 4 2 3 5 9 7 over the serial, C = 11 − (S mod 11),
 * where 10 becomes 0 and 11 becomes 5.
 */
public final class TrackingNumbers {
  private static final int[] S10_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};
  private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());

  private TrackingNumbers() {}

  /** Returns the check digit for the first 13 digits of a domestic track number. */
  public static int domesticCheckDigit(String first13Digits) {
    requireDigits(first13Digits, 13);
    int odd = 0;
    int even = 0;
    for (int i = 0; i < 13; i++) {
      int digit = first13Digits.charAt(i) - '0';
      if (i % 2 == 0) {
        odd += digit;
      } else {
        even += digit;
      }
    }
    int sum = 3 * odd + even;
    return (10 - sum % 10) % 10;
  }

  /** Returns the check digit for the 8-digit serial of a UPU S10 number. */
  public static int s10CheckDigit(String serial8Digits) {
    requireDigits(serial8Digits, 8);
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (serial8Digits.charAt(i) - '0') * S10_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    if (check == 10) {
      return 0;
    }
    return check == 11 ? 5 : check;
  }

  /** Returns a domestic track number: the 13 given digits followed by their check digit. */
  public static String completeDomestic(String first13Digits) {
    return first13Digits + domesticCheckDigit(first13Digits);
  }

  public static boolean isValidDomestic(String value) {
    return value != null
        && value.length() == 14
        && allDigits(value)
        && domesticCheckDigit(value.substring(0, 13)) == value.charAt(13) - '0';
  }

  public static boolean isValidS10(String value) {
    return checkS10("barcode", value).isEmpty();
  }

  /** Returns true for a valid domestic or UPU S10 track number. */
  public static boolean isValid(String value) {
    return check("barcode", value).isEmpty();
  }

  /** Checks a track number of either format and returns the violation, if any. */
  public static Optional<Violation> check(String field, String value) {
    if (value == null) {
      return Optional.of(
          new Violation(
              field, "BARCODE_REQUIRED", null, "a registered letter needs a track number (ШПИ)"));
    }
    if (value.length() == 13 && !allDigits(value)) {
      return checkS10(field, value);
    }
    return checkDomestic(field, value);
  }

  private static Optional<Violation> checkDomestic(String field, String value) {
    if (value.length() != 14 || !allDigits(value)) {
      return Optional.of(
          new Violation(
              field,
              "BARCODE_FORMAT",
              value,
              "a track number must be 14 digits (domestic) or 2 letters, 9 digits and 2 letters"
                  + " (UPU S10)"));
    }
    int expected = domesticCheckDigit(value.substring(0, 13));
    if (expected != value.charAt(13) - '0') {
      return Optional.of(
          new Violation(
              field,
              "BARCODE_CHECK_DIGIT",
              value,
              "check digit of the track number is "
                  + value.charAt(13)
                  + " but must be "
                  + expected
                  + "; check the number against the allocated range"));
    }
    return Optional.empty();
  }

  private static Optional<Violation> checkS10(String field, String value) {
    if (value == null
        || value.length() != 13
        || !isUpperLatin(value.substring(0, 2))
        || !allDigits(value.substring(2, 11))
        || !isUpperLatin(value.substring(11))) {
      return Optional.of(
          new Violation(
              field,
              "BARCODE_FORMAT",
              value,
              "a UPU S10 number is 2 capital letters, 9 digits and a 2-letter country code"));
    }
    String country = value.substring(11);
    if (!COUNTRY_CODES.contains(country)) {
      return Optional.of(
          new Violation(
              field,
              "BARCODE_COUNTRY",
              value,
              "'" + country + "' is not an ISO 3166 country code"));
    }
    int expected = s10CheckDigit(value.substring(2, 10));
    if (expected != value.charAt(10) - '0') {
      return Optional.of(
          new Violation(
              field,
              "BARCODE_CHECK_DIGIT",
              value,
              "check digit of the UPU S10 number is "
                  + value.charAt(10)
                  + " but must be "
                  + expected));
    }
    return Optional.empty();
  }

  static boolean allDigits(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isUpperLatin(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  private static void requireDigits(String value, int length) {
    if (value == null || value.length() != length || !allDigits(value)) {
      throw new IllegalArgumentException("expected " + length + " digits, got '" + value + "'");
    }
  }
}
