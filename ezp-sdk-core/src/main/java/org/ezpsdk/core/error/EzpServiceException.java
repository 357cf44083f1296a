package org.ezpsdk.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The service responded with an error status. The message carries the HTTP status, the service's
 * message, each per-field error and the request id to quote to Russian Post's support.
 */
public class EzpServiceException extends EzpException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String requestId;
  private final List<ServiceError> errors;

  public EzpServiceException(
      int httpStatus, String serviceMessage, String requestId, List<ServiceError> errors) {
    super(formatMessage(httpStatus, serviceMessage, requestId, errors));
    this.httpStatus = httpStatus;
    this.requestId = requestId;
    this.errors = List.copyOf(errors);
  }

  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns true for 408, 429 and every 5xx: the service was busy or failed, so the same request
   * may succeed later, unlike a rejection (any other 4xx), which a repeat would get again.
   */
  public boolean isTemporary() {
    return httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
  }

  /** Returns the service's request id, or {@code null} when the response had none. */
  public String requestId() {
    return requestId;
  }

  public List<ServiceError> errors() {
    return errors;
  }

  /** Returns the first error code, or {@code null} when the response listed none. */
  public String errorCode() {
    return errors.isEmpty() ? null : errors.get(0).code();
  }

  /**
   * One item of the service's error list.
   *
   * @param code the service's error code, such as {@code INCORRECT_LETTER_PAGE_FORMAT}
   * @param field the request field it concerns, or {@code null}
   * @param message the service's explanation
   */
  public record ServiceError(String code, String field, String message) {}

  private static String describe(ServiceError error) {
    String code = error.code() == null ? "error" : error.code();
    String field = error.field() == null ? "" : " on " + error.field();
    return code + field + ": " + error.message();
  }

  private static String formatMessage(
      int status, String serviceMessage, String requestId, List<ServiceError> errors) {
    StringBuilder text = new StringBuilder("EPS service answered HTTP ").append(status);
    if (serviceMessage != null && !serviceMessage.isBlank()) {
      text.append(": ").append(serviceMessage);
    }
    if (!errors.isEmpty()) {
      text.append(" [")
          .append(
              errors.stream().map(EzpServiceException::describe).collect(Collectors.joining("; ")))
          .append(']');
    }
    if (requestId != null) {
      text.append(" (request id ").append(requestId).append(')');
    }
    return text.toString();
  }
}
