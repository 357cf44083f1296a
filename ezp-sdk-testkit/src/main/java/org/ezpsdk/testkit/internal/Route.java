package org.ezpsdk.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The destination of a request: the operation of wire profile v1 for its method and path, or the
 * reason there is none.
 *
 * @param operation the operation, or {@code null} when the path or method has none
 * @param letterId the letter id in the path, or {@code null}
 * @param allowedMethods the methods the path accepts, empty for an unknown path
 */
public record Route(Operation operation, String letterId, List<String> allowedMethods) {

  /** The operations, named as the SDK's transport requests name them. */
  public enum Operation {
    SEND_LETTER("sendLetter"),
    GET_LETTER("getLetter"),
    FIND_LETTERS("findLetters"),
    EVENTS("events"),
    NOTICE("notice");

    private final String wireName;

    Operation(String wireName) {
      this.wireName = wireName;
    }

    /** Returns the name that {@code TransportRequest.operation()} uses for it. */
    public String wireName() {
      return wireName;
    }
  }

  /** Finds the route of a request from its method and raw (still encoded) path. */
  public static Route match(String method, String rawPath) {
    String[] segments = rawPath.split("/", -1);
    // A path "/api/v1/letters" splits into "", "api", "v1", "letters".
    if (segments.length < 4
        || !segments[0].isEmpty()
        || !"api".equals(segments[1])
        || !"v1".equals(segments[2])) {
      return new Route(null, null, List.of());
    }
    if (segments.length == 4 && "events".equals(segments[3])) {
      return choose(method, null, Map.of("GET", Operation.EVENTS));
    }
    if (!"letters".equals(segments[3])) {
      return new Route(null, null, List.of());
    }
    if (segments.length == 4) {
      return choose(
          method, null, Map.of("GET", Operation.FIND_LETTERS, "POST", Operation.SEND_LETTER));
    }
    String letterId = decode(segments[4]);
    if (letterId == null || letterId.isEmpty()) {
      return new Route(null, null, List.of());
    }
    if (segments.length == 5) {
      return choose(method, letterId, Map.of("GET", Operation.GET_LETTER));
    }
    if (segments.length == 6 && "notice".equals(segments[5])) {
      return choose(method, letterId, Map.of("GET", Operation.NOTICE));
    }
    return new Route(null, null, List.of());
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Route choose(String method, String letterId, Map<String, Operation> byMethod) {
    List<String> allowed = byMethod.keySet().stream().sorted().toList();
    return new Route(byMethod.get(method), letterId, allowed);
  }
}
