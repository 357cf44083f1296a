package org.ezpsdk.core.model;

import java.text.Normalizer;

final class Strings {
  private Strings() {}

  /**
   * Trims a value, brings it to Unicode NFC (so a decomposed "Й" equals the composed one) and turns
   * an empty result into {@code null}.
   */
  static String trimToNull(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /**
   * Returns the first character that must not appear in printed letter text, or -1 when there is
   * none: control characters (line breaks included, since every field is one line), bidirectional
   * overrides and isolates, which can make printed text read differently from the data, and
   * unpaired surrogates.
   */
  static int firstForbiddenChar(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean bidiControl = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
      boolean unpairedSurrogate =
          Character.isHighSurrogate(c)
              ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i))
              : Character.isLowSurrogate(c);
      if (Character.isISOControl(c) || bidiControl || unpairedSurrogate) {
        return c;
      }
    }
    return -1;
  }
}
