package org.ezpsdk.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.wire.ErrorBody;
import org.ezpsdk.core.wire.WireProfileV1;
import org.ezpsdk.testkit.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's HTTP handler: gives every request an id (the {@code X-Request-Id} header and the
 * {@code requestId} of an error body), counts it by operation, checks its Basic credentials before
 * anything else, injects the fault the {@link FaultInjector} draws, routes it and writes the
 * response or the {@link ErrorBody}.
 */
public final class RequestRouter implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

  private final List<Credentials> credentials;
  private final SendLetterOperation send;
  private final ReadOperations reads;
  private final long maxRequestBytes;
  private final FaultInjector faults;
  private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();

  /**
   * @param maxRequestBytes the most bytes of an unread request body to discard before the
   *     connection is closed
   * @param faults the faults to inject into requests
   */
  public RequestRouter(
      List<Credentials> credentials,
      SendLetterOperation send,
      ReadOperations reads,
      long maxRequestBytes,
      FaultInjector faults) {
    this.credentials = List.copyOf(credentials);
    this.send = send;
    this.reads = reads;
    this.maxRequestBytes = maxRequestBytes;
    this.faults = faults;
  }

  /**
   * Returns how many requests were addressed to the operation, whatever their outcome, including
   * those rejected for their credentials.
   */
  public long requestCount(String operation) {
    AtomicLong count = requestCounts.get(operation);
    return count == null ? 0 : count.get();
  }

  @Override
  public void handle(HttpExchange exchange) {
    String requestId = UUID.randomUUID().toString();
    Route route = Route.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
    Fault fault = route.operation() == null ? null : faults.next(route.operation().wireName());
    try {
      exchange.getResponseHeaders().set(WireProfileV1.REQUEST_ID_HEADER, requestId);
      ApiResponse response = respond(exchange, requestId, route, fault);
      if (fault != null && fault.type() == Fault.Type.DROP_AFTER_COMMIT) {
        dropConnection(exchange, requestId, response, fault);
        return;
      }
      // Before the response, because the JDK server closes the connection when a response ends
      // with more than 64 KiB of the request body unread, and the client's upload then breaks.
      discardUnreadBody(exchange);
      if (fault != null && fault.type() == Fault.Type.SLOW) {
        faults.recordInjected(fault);
        Thread.sleep(fault.duration().toMillis());
      }
      write(exchange, response);
    } catch (IOException e) {
      LOG.debug("Failed to write the response to request {}", requestId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.debug(
          "Request {} abandoned while its response waited: the emulator is stopping", requestId);
    } finally {
      // Before the response headers are sent, this closes the connection itself.
      exchange.close();
    }
  }

  /**
   * Closes the connection without a response after the request was handled in full. The JDK server
   * closes the connection when an exchange is closed before its response headers were sent.
   */
  private void dropConnection(
      HttpExchange exchange, String requestId, ApiResponse response, Fault fault)
      throws IOException {
    discardUnreadBody(exchange);
    faults.recordInjected(fault);
    LOG.info(
        "Request {} {} {} was handled with status {}; closing the connection without a response"
            + " (injected fault {})",
        requestId,
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        response.status(),
        fault.name());
  }

  private ApiResponse respond(HttpExchange exchange, String requestId, Route route, Fault fault) {
    try {
      return dispatch(exchange, route, fault);
    } catch (ApiException e) {
      return error(e, requestId);
    } catch (RuntimeException e) {
      LOG.error(
          "Request {} {} {} failed",
          requestId,
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          e);
      return error(
          ApiException.of(
              500, "INTERNAL_ERROR", null, "the emulator failed to handle the request: " + e),
          requestId);
    }
  }

  private ApiResponse dispatch(HttpExchange exchange, Route route, Fault fault) {
    String path = exchange.getRequestURI().getRawPath();
    if (route.operation() != null) {
      requestCounts
          .computeIfAbsent(route.operation().wireName(), name -> new AtomicLong())
          .incrementAndGet();
    }
    String senderId = authenticate(exchange);
    if (route.operation() == null) {
      throw unrouted(exchange.getRequestMethod(), path, route);
    }
    if (fault != null && fault.type() == Fault.Type.STATUS) {
      faults.recordInjected(fault);
      throw injectedStatus(fault, route.operation().wireName());
    }
    Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
    return switch (route.operation()) {
      case SEND_LETTER -> send.send(senderId, exchange);
      case GET_LETTER -> reads.getLetter(senderId, route.letterId());
      case FIND_LETTERS -> reads.findLetters(senderId, query);
      case EVENTS -> reads.events(senderId, query);
      case NOTICE -> reads.notice(senderId, route.letterId());
    };
  }

  /** Returns the sender id of the matching credentials; compares every pair in constant time. */
  private String authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String senderId = null;
    for (Credentials candidate : credentials) {
      if (candidate.matchesAuthorizationHeader(header) && senderId == null) {
        senderId = candidate.id();
      }
    }
    if (senderId != null) {
      return senderId;
    }
    LOG.info(
        "Rejected request {} {}: {} credentials",
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        header == null ? "missing" : "invalid");
    String message =
        header == null
            ? "the Authorization header is missing; send Basic base64(senderId:token)"
            : "the sender id or token is wrong; send the pair issued for this environment";
    throw ApiException.of(401, "UNAUTHORIZED", "Authorization", message)
        .withHeader("WWW-Authenticate", "Basic realm=\"eps-emulator\"");
  }

  private static ApiException injectedStatus(Fault fault, String operation) {
    String code =
        switch (fault.status()) {
          case 429 -> "TOO_MANY_REQUESTS";
          case 502 -> "BAD_GATEWAY";
          case 503 -> "SERVICE_UNAVAILABLE";
          case 504 -> "GATEWAY_TIMEOUT";
          default -> "INTERNAL_ERROR";
        };
    long retryAfterSeconds = (fault.duration().toMillis() + 999) / 1000;
    String wait = fault.duration().isZero() ? "" : "; retry after " + retryAfterSeconds + " s";
    ApiException error =
        ApiException.of(
            fault.status(),
            code,
            null,
            "injected fault " + fault.name() + " on " + operation + ", nothing was stored" + wait);
    return fault.duration().isZero()
        ? error
        : error.withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  private static ApiException unrouted(String method, String path, Route route) {
    if (route.allowedMethods().isEmpty()) {
      return ApiException.of(
          404, "NOT_FOUND", null, "no operation at " + path + " in wire profile v1");
    }
    return ApiException.of(
            405,
            "METHOD_NOT_ALLOWED",
            null,
            method + " is not allowed on " + path + "; use " + route.allowedMethods())
        .withHeader("Allow", String.join(", ", route.allowedMethods()));
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.putIfAbsent(decode(name), decode(value));
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.of(
          400, "INVALID_QUERY", null, "the query contains an invalid escape in '" + text + "'");
    }
  }

  private static ApiResponse error(ApiException e, String requestId) {
    ErrorBody body = new ErrorBody(e.getMessage(), requestId, e.items());
    ApiResponse response = ApiResponse.json(e.status(), body);
    for (Map.Entry<String, String> header : e.headers().entrySet()) {
      response = response.withHeader(header.getKey(), header.getValue());
    }
    return response;
  }

  /**
   * Reads the rest of a body the request was rejected before reading, so that a client that writes
   * its whole body before reading the response gets the response rather than a broken connection.
   * The JDK server discards only 64 KiB by default (system property {@code
   * sun.net.httpserver.drainAmount}) and then closes the connection.
   */
  private void discardUnreadBody(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      byte[] buffer = new byte[64 * 1024];
      long discarded = 0;
      int read;
      while (discarded <= maxRequestBytes && (read = body.read(buffer)) != -1) {
        discarded += read;
      }
    }
  }

  private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", ApiResponse.JSON);
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(response.status(), response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }
}
