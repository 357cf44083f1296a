package org.ezpsdk.testkit.internal;

import java.util.HashMap;
import java.util.Map;
import org.ezpsdk.core.wire.WireProfileV1;

/**
 * A successful response of the emulator.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param headers extra response headers
 */
public record ApiResponse(int status, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  /** Returns a response whose body is the value in the JSON of wire profile v1. */
  public static ApiResponse json(int status, Object value) {
    return new ApiResponse(status, WireProfileV1.toJson(value), Map.of());
  }

  /** Returns a copy with one more header. */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new HashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, body, copy);
  }
}
