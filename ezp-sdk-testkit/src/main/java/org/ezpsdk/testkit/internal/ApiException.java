package org.ezpsdk.testkit.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.wire.ErrorBody;

/**
 * An error response of the emulator: the HTTP status, a summary and the per-field problems that go
 * into the {@link ErrorBody}. Thrown by request handling and written by {@link RequestRouter}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient List<ErrorBody.Item> items;
  private final transient Map<String, String> headers;

  public ApiException(int status, String message, List<ErrorBody.Item> items) {
    this(status, message, items, Map.of());
  }

  private ApiException(
      int status, String message, List<ErrorBody.Item> items, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.items = List.copyOf(items);
    this.headers = Map.copyOf(headers);
  }

  /** Returns an error with one problem. */
  public static ApiException of(int status, String code, String field, String message) {
    return new ApiException(status, message, List.of(new ErrorBody.Item(code, field, message)));
  }

  public int status() {
    return status;
  }

  public List<ErrorBody.Item> items() {
    return items;
  }

  /** Returns the extra response headers, such as {@code Allow} of a 405. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns a copy with one more response header. */
  public ApiException withHeader(String name, String value) {
    Map<String, String> copy = new HashMap<>(headers);
    copy.put(name, value);
    return new ApiException(status, getMessage(), items, copy);
  }

  /** Returns the error codes, for logs. */
  public List<String> codes() {
    return items.stream().map(ErrorBody.Item::code).toList();
  }
}
