package org.ezpsdk.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * The sender identifier and sender token that Russian Post issues for one environment. Sent as
 * {@code Authorization: Basic base64(id:token)}. The token never appears in {@link #toString()}.
 */
public final class Credentials {
  private final String id;
  private final String token;

  private Credentials(String id, String token) {
    this.id = id;
    this.token = token;
  }

  /**
   * Returns credentials for one environment.
   *
   * @throws ConfigurationException when the id or token is empty or the id contains a colon
   */
  public static Credentials of(String id, String token) {
    if (id == null || id.isBlank()) {
      throw new ConfigurationException(
          "The sender id is missing; set the id issued by Russian Post");
    }
    int colon = id.indexOf(':');
    if (colon >= 0) {
      // Only the part before the colon is quoted: a pasted "id:token" pair must not leak the token.
      throw new ConfigurationException(
          "The sender id '"
              + id.substring(0, colon)
              + ":…' contains ':', which Basic authentication cannot carry; pass the id and"
              + " the token separately");
    }
    if (token == null || token.isBlank()) {
      throw new ConfigurationException(
          "The sender token for id '" + id + "' is missing; set the token issued by Russian Post");
    }
    return new Credentials(id.strip(), token.strip());
  }

  public String id() {
    return id;
  }

  /** Returns the value of the {@code Authorization} header. Never log it. */
  public String authorizationHeader() {
    String pair = id + ":" + token;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns true when the header value carries these credentials. */
  public boolean matchesAuthorizationHeader(String headerValue) {
    // The scheme name is case-insensitive (RFC 9110, section 11.1); the credentials are not.
    if (headerValue == null || !headerValue.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String expected = authorizationHeader().substring(6);
    return java.security.MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8),
        headerValue.substring(6).strip().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[id=" + id + ", token=***]";
  }
}
