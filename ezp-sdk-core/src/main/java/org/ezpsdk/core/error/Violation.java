package org.ezpsdk.core.error;

import java.util.Locale;
import java.util.Objects;

/**
 * One broken rule in a letter, a file or a setting.
 *
 * @param field the field or file that failed, as a path such as {@code recipient.inn} or {@code
 *     letter.pdf page 2}
 * @param rule a short stable code of the rule, such as {@code INN_CHECK_DIGIT}
 * @param rejectedValue the value that failed, never a secret; {@code null} when the value is
 *     missing
 * @param message what is wrong and what to do, in one sentence
 */
public record Violation(String field, String rule, String rejectedValue, String message) {

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  /** Formats the violation as one line: field, message, rule and the rejected value. */
  @Override
  public String toString() {
    String value = rejectedValue == null ? "missing" : "'" + escapeControls(rejectedValue) + "'";
    return field + ": " + message + " [rule " + rule + ", value " + value + "]";
  }

  /**
   * Writes control characters such as line breaks as Java escapes, so a log line stays one line.
   */
  private static String escapeControls(String value) {
    StringBuilder text = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n') {
        text.append("\\n");
      } else if (c == '\r') {
        text.append("\\r");
      } else if (Character.isISOControl(c)) {
        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}
