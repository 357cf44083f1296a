package org.ezpsdk.core.wire;

import java.util.List;

/**
 * The body of an error response in wire profile v1.
 *
 * @param message a summary of what went wrong
 * @param requestId the service's id of the request, to quote to support
 * @param errors the individual problems
 */
public record ErrorBody(String message, String requestId, List<Item> errors) {

  public ErrorBody {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /**
   * One problem.
   *
   * @param code a stable error code, such as {@code INCORRECT_LETTER_PAGE_FORMAT}
   * @param field the request field it concerns, or {@code null}
   * @param message the explanation
   */
  public record Item(String code, String field, String message) {}
}
