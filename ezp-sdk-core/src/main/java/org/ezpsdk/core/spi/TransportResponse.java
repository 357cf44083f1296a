package org.ezpsdk.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service's answer to one {@link TransportRequest}.
 *
 * @param statusCode the HTTP status, or the status the transport maps the answer to
 * @param headers response headers; names are matched without regard to case
 * @param body the body bytes, empty when there is none
 */
public record TransportResponse(int statusCode, Map<String, String> headers, byte[] body) {

  public TransportResponse {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(caseInsensitive);
    body = body == null ? new byte[0] : body;
  }

  /** Returns a header value, or {@code null}; the name is matched without regard to case. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public boolean isSuccessful() {
    return statusCode >= 200 && statusCode < 300;
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TransportResponse[" + statusCode + ", " + body.length + " bytes]";
  }
}
