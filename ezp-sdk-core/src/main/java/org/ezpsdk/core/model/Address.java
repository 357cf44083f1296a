package org.ezpsdk.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A postal address as one line of text plus its 6-digit postcode. Validated as part of a {@link
 * Letter}, so that every problem of a letter is reported at once.
 *
 * @param postcode the 6-digit Russian postcode, or {@code null} when none was given
 * @param line the rest of the address on one line: region, city, street, house, flat
 */
public record Address(String postcode, String line) {

  private static final Pattern LEADING_POSTCODE =
      Pattern.compile("^\\s*(\\d{6})(?!\\d)\\s*,?\\s*(.*)$");

  public Address {
    postcode = Strings.trimToNull(postcode);
    line = Strings.trimToNull(line);
  }

  /** Returns an address from a postcode and the rest of the address. */
  public static Address of(String postcode, String line) {
    return new Address(postcode, line);
  }

  /**
   * Splits a one-line address that starts with its postcode, such as {@code "101000, г. Москва, ул.
   * Мясницкая, д. 26"}. A line that does not start with exactly six digits keeps its whole text as
   * the line and has no postcode, which the letter's validation then reports.
   */
  public static Address parse(String oneLine) {
    if (oneLine == null) {
      return new Address(null, null);
    }
    Matcher matcher = LEADING_POSTCODE.matcher(oneLine);
    if (matcher.matches()) {
      return new Address(matcher.group(1), matcher.group(2));
    }
    return new Address(null, oneLine);
  }

  /** Returns the address as one line, postcode first, the way it is printed on an envelope. */
  public String oneLine() {
    if (postcode == null) {
      return line == null ? "" : line;
    }
    return line == null ? postcode : postcode + ", " + line;
  }
}
