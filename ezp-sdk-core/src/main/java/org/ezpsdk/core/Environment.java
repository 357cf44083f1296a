package org.ezpsdk.core;

import java.net.URI;
import java.util.Objects;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * The ИС ЭПС instance a client talks to: the test environment, where a sender runs its integration
 * testing, or production, where letters are real and cost money. There is no default: a client is
 * always built with one of the two, chosen by name.
 *
 * <p>The endpoint must be given because the real hosts are handed out with the sender's contract
 * (test hosts follow the pattern {@code *.test.russianpost.ru}). Plain {@code http} is allowed for
 * the ViPNet channel, where the VPN encrypts the traffic below HTTP.
 */
public final class Environment {

  /** The two kinds of environment. */
  public enum Kind {
    TEST,
    PRODUCTION
  }

  private final Kind kind;
  private final URI endpoint;

  private Environment(Kind kind, URI endpoint) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.endpoint = checkEndpoint(endpoint);
  }

  /** Returns the test environment at the given base URL, such as {@code https://host/}. */
  public static Environment test(URI endpoint) {
    return new Environment(Kind.TEST, endpoint);
  }

  /** Returns the production environment at the given base URL. Letters sent there are real. */
  public static Environment production(URI endpoint) {
    return new Environment(Kind.PRODUCTION, endpoint);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isProduction() {
    return kind == Kind.PRODUCTION;
  }

  /** Returns the base URL; request paths such as {@code api/v1/letters} resolve against it. */
  public URI endpoint() {
    return endpoint;
  }

  /** Returns the endpoint with a path relative to it, such as {@code api/v1/letters}. */
  public URI resolve(String relativePath) {
    return endpoint.resolve(relativePath);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Environment that && kind == that.kind && endpoint.equals(that.endpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, endpoint);
  }

  @Override
  public String toString() {
    return kind + " " + endpoint;
  }

  private static URI checkEndpoint(URI endpoint) {
    if (endpoint == null) {
      throw new ConfigurationException(
          "The environment endpoint is missing; set the base URL of ИС ЭПС from your contract");
    }
    String scheme = endpoint.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new ConfigurationException(
          "The environment endpoint '"
              + endpoint
              + "' is not an http or https URL; give the full base URL, such as"
              + " https://host:port/");
    }
    if (endpoint.getHost() == null) {
      throw new ConfigurationException(
          "The environment endpoint '" + endpoint + "' has no host name");
    }
    if (endpoint.getUserInfo() != null) {
      throw new ConfigurationException(
          "The environment endpoint must not contain a user name or token; pass them as"
              + " Credentials");
    }
    if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw new ConfigurationException(
          "The environment endpoint '"
              + endpoint
              + "' has a query or fragment, which request paths cannot be resolved against;"
              + " give the base URL only");
    }
    String path = endpoint.getPath();
    return path == null || path.isEmpty() || !path.endsWith("/")
        ? URI.create(endpoint + "/")
        : endpoint;
  }
}
