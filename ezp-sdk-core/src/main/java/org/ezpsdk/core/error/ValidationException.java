package org.ezpsdk.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that breaks one or more rules. Carries every violation found, not only the first, so a
 * caller can fix them all at once. Nothing has been sent when this is thrown.
 */
public class ValidationException extends EzpClientException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  public ValidationException(String subject, List<Violation> violations) {
    super(formatMessage(subject, violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Returns every violation, in the order they were found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String formatMessage(String subject, List<Violation> violations) {
    if (violations.size() == 1) {
      return subject + " is invalid: " + violations.get(0);
    }
    return subject
        + " is invalid ("
        + violations.size()
        + " problems): "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
