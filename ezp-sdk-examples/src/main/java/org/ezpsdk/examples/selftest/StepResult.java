package org.ezpsdk.examples.selftest;

/**
 * The outcome of one step of the integration-test checklist.
 *
 * @param id a stable identifier, such as {@code landscape-pdf-service}
 * @param title what the step checks, for the report's table
 * @param passed true when the environment behaved as the checklist expects
 * @param reason why it passed or failed: the error code, status or message observed
 */
public record StepResult(String id, String title, boolean passed, String reason) {

  /** Returns {@code PASS} or {@code FAIL}. */
  public String verdict() {
    return passed ? "PASS" : "FAIL";
  }
}
