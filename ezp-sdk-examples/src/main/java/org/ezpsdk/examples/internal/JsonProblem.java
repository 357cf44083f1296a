package org.ezpsdk.examples.internal;

import org.ezpsdk.core.error.Violation;

/**
 * The problem with a JSON text that did not map to its Java type, in the SDK's words. The class is
 * not part of the SDK's API.
 *
 * @param field the JSON path of the value, such as {@code recipient.postcode}, or the source's name
 *     for a problem with the whole text
 * @param rule a stable rule code, such as {@code JSON_MALFORMED} or {@code JSON_WRONG_TYPE}
 * @param rejectedValue the rejected value or character, shortened; {@code null} when there is none
 * @param line the line of the problem, counted from 1; 0 when unknown
 * @param column the column of the problem in characters, counted from 1; 0 when unknown
 * @param message what is wrong, where, and what to do, in English
 */
public record JsonProblem(
    String field, String rule, String rejectedValue, int line, int column, String message) {

  /** Returns the problem as a violation, with the line and column in its message. */
  public Violation toViolation() {
    return new Violation(field, rule, rejectedValue, message);
  }
}
