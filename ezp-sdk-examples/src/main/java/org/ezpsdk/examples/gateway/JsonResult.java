package org.ezpsdk.examples.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The outcome of one gateway operation: the HTTP status and the JSON body, the same for the HTTP
 * gateway and the Java facade.
 *
 * @param httpStatus 200 or 201 on success, 4xx or 5xx on an error
 * @param body the JSON object, with field names that do not change between versions
 */
public record JsonResult(int httpStatus, Map<String, Object> body) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Returns true for a 2xx status. */
  public boolean isSuccess() {
    return httpStatus < 400;
  }

  /** Returns the body as compact JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to write a gateway result as JSON", e);
    }
  }
}
