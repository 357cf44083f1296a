package org.ezpsdk.examples.gateway;

import java.util.List;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.examples.internal.JsonProblem;

/**
 * A request body that is not UTF-8 JSON of the expected shape. Apart from its one violation it
 * carries the line and column, which the gateway's error reply gives as fields of their own.
 */
final class InvalidJsonException extends ValidationException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  InvalidJsonException(String subject, JsonProblem problem) {
    super(subject, List.of(problem.toViolation()));
    this.line = problem.line();
    this.column = problem.column();
  }

  /** Returns the line of the problem, counted from 1; 0 when unknown. */
  int line() {
    return line;
  }

  /** Returns the column of the problem in characters, counted from 1; 0 when unknown. */
  int column() {
    return column;
  }
}
