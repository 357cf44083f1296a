package org.ezpsdk.examples.batch;

/**
 * A problem found in a manifest before anything was sent.
 *
 * @param row the row as a spreadsheet shows it (the header is row 1)
 * @param field the column's header as the manifest writes it; the letter field's path (such as
 *     {@code sender.name}) where no column of the manifest contains the value
 * @param rule the rule that was broken, such as {@code POSTCODE_FORMAT}
 * @param value the rejected value, or {@code null}
 * @param message what is wrong and what to do
 */
public record BatchProblem(int row, String field, String rule, String value, String message) {

  /** Returns the problem as one line: row, field, rule, value and message. */
  public String describe() {
    return "row "
        + row
        + ", "
        + field
        + ": "
        + rule
        + (value == null ? "" : " (value '" + value + "')")
        + ": "
        + message;
  }
}
