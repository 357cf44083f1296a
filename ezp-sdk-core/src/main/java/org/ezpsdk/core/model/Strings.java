package org.ezpsdk.core.model;

final class Strings {
  private Strings() {}

  /** Trims a value and turns an empty result into {@code null}. */
  static String trimToNull(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
