package org.ezpsdk.core.validation;

import java.util.Optional;
import org.ezpsdk.core.error.Violation;

/** Russian postcodes (почтовый индекс): six digits, the first of them not 0. */
public final class Postcodes {
  private Postcodes() {}

  public static boolean isValid(String value) {
    return check("postcode", value).isEmpty();
  }

  /** Checks a postcode and returns the violation, if any. */
  public static Optional<Violation> check(String field, String value) {
    if (value == null) {
      return Optional.of(
          new Violation(
              field,
              "POSTCODE_REQUIRED",
              null,
              "the address needs a 6-digit postcode; start the address with it, e.g."
                  + " '101000, г. Москва, …'"));
    }
    if (value.length() != 6 || !TrackingNumbers.allDigits(value) || value.charAt(0) == '0') {
      return Optional.of(
          new Violation(
              field,
              "POSTCODE_FORMAT",
              value,
              "a Russian postcode is 6 digits and does not start with 0"));
    }
    return Optional.empty();
  }
}
