package org.ezpsdk.examples.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.examples.config.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP service over the SDK for callers that are not Java, such as 1C: JSON endpoints to
 * send a letter, read its status, the event feed and the notice of delivery. Every request must
 * carry the API key in {@code X-Api-Key} or {@code Authorization: Bearer}; the key is compared in
 * constant time and never logged or echoed. The gateway binds a loopback address unless its
 * settings explicitly allow another.
 *
 * <p>Endpoints (all answers UTF-8 JSON): {@code POST /api/v1/letters}, {@code GET
 * /api/v1/letters/{id}}, {@code GET /api/v1/letters?barcode=…}, {@code GET
 * /api/v1/letters/{id}/notice}, {@code GET /api/v1/events?after=…&limit=…}, {@code GET
 * /api/v1/health}.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  /** The largest accepted request body: 40 MiB, room for a 20 MiB PDF in Base64. */
  public static final int MAX_BODY_BYTES = 40 * 1024 * 1024;

  /**
   * The largest body over {@link #MAX_BODY_BYTES} that the gateway reads and drops, 160 MiB, so
   * that a client which writes its whole body before reading gets the 413 response.
   */
  static final long MAX_DISCARDED_BYTES = 4L * MAX_BODY_BYTES;

  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI baseUri;

  private Gateway(HttpServer server, ExecutorService executor, URI baseUri) {
    this.server = server;
    this.executor = executor;
    this.baseUri = baseUri;
  }

  /**
   * Binds the address of the settings and starts serving.
   *
   * @throws ConfigurationException when the API key is missing, or the address is not loopback and
   *     the settings do not allow that
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static Gateway start(GatewaySettings settings, LetterOperations operations) {
    if (settings.apiKey() == null || settings.apiKey().isBlank()) {
      throw new ConfigurationException(
          "The gateway has no API key; set gateway.apiKeyFile or EZP_GATEWAY_API_KEY");
    }
    InetAddress address = resolve(settings.host());
    if (!address.isLoopbackAddress() && !settings.allowNonLoopback()) {
      throw new ConfigurationException(
          "The gateway address '"
              + settings.host()
              + "' is not a loopback address; bind 127.0.0.1, or set gateway.allowNonLoopback:"
              + " true to let other machines reach it");
    }
    if (!address.isLoopbackAddress()) {
      log.warn("The gateway binds the non-loopback address {}, as configured", settings.host());
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, settings.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Failed to bind the gateway to "
              + settings.host()
              + ":"
              + settings.port()
              + "; choose a free port",
          e);
    }
    ExecutorService executor = newExecutor();
    server.setExecutor(executor);
    server.createContext("/", new Handler(digest(settings.apiKey()), operations));
    server.start();
    String host =
        address.getHostAddress().contains(":")
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress();
    URI baseUri = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    log.info("EZP gateway listening at {}", baseUri);
    return new Gateway(server, executor, baseUri);
  }

  /** Returns the base URL, such as {@code http://127.0.0.1:8765/}. */
  public URI baseUri() {
    return baseUri;
  }

  /** Stops serving; requests in progress get up to one second to finish. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    log.info("EZP gateway at {} stopped", baseUri);
  }

  private static InetAddress resolve(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new ConfigurationException(
          "The gateway host '" + host + "' cannot be resolved; use 127.0.0.1");
    }
  }

  private static ExecutorService newExecutor() {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(
        THREADS,
        task -> {
          Thread thread = new Thread(task, "ezp-gateway-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Checks the API key and routes each request to an operation. */
  private static final class Handler implements com.sun.net.httpserver.HttpHandler {
    private final byte[] apiKeyDigest;
    private final LetterOperations operations;

    Handler(byte[] apiKeyDigest, LetterOperations operations) {
      this.apiKeyDigest = apiKeyDigest;
      this.operations = operations;
    }

    // NOTE: the JDK 17 server (sun.net.httpserver.ServerImpl.Exchange.run) writes 100 Continue
    // for Expect: 100-continue before any filter or handler runs, and its API has no hook to
    // respond first. So a client that waits for 100 Continue starts to upload an unauthorised or
    // oversized body before the 401 or 413. On the default loopback address this costs a local
    // upload: up to MAX_DISCARDED_BYTES that tooLarge drops, or, for a 401, until the server closes
    // the connection after 64 KiB unread, when the client may see a reset in place of the reply.
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        JsonResult result;
        try {
          result = authorised(exchange) ? route(exchange) : unauthorised(exchange);
        } catch (RuntimeException e) {
          log.error(
              "The gateway failed on {} {}",
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              e);
          result =
              GatewayErrors.of(
                  500,
                  "INTERNAL_ERROR",
                  null,
                  null,
                  "Внутренняя ошибка шлюза; подробности в его журнале.");
        }
        write(exchange, result);
      }
    }

    /** Compares SHA-256 digests, so the comparison takes the same time for any key length. */
    private boolean authorised(HttpExchange exchange) {
      String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (key == null
          && authorization != null
          && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = authorization.substring(7).strip();
      }
      return key != null && MessageDigest.isEqual(apiKeyDigest, digest(key));
    }

    private JsonResult unauthorised(HttpExchange exchange) {
      boolean given =
          exchange.getRequestHeaders().containsKey("X-Api-Key")
              || exchange.getRequestHeaders().containsKey("Authorization");
      log.warn(
          "Rejected {} {} from {}: {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(),
          exchange.getRemoteAddress().getAddress().getHostAddress(),
          given ? "wrong API key" : "no API key");
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      return GatewayErrors.of(
          401,
          "UNAUTHORIZED",
          "X-Api-Key",
          null,
          given
              ? "Неверный ключ API в заголовке X-Api-Key или Authorization: Bearer."
              : "Нет ключа API: передайте его в заголовке X-Api-Key или Authorization: Bearer.");
    }

    private JsonResult route(HttpExchange exchange) throws IOException {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      if (path.equals("/api/v1/letters") && method.equals("POST")) {
        long declared = declaredLength(exchange);
        byte[] body = declared > MAX_BODY_BYTES ? null : readBody(exchange);
        return body == null ? tooLarge(exchange, declared) : operations.send(body);
      }
      if (!method.equals("GET")) {
        return GatewayErrors.of(
            405,
            "METHOD_NOT_ALLOWED",
            null,
            method,
            "Метод " + method + " не поддерживается по адресу " + path + ".");
      }
      if (path.equals("/api/v1/health")) {
        return operations.health();
      }
      if (path.equals("/api/v1/events")) {
        return events(query);
      }
      if (path.equals("/api/v1/letters")) {
        return operations.findByBarcode(query.get("barcode"));
      }
      if (path.startsWith("/api/v1/letters/")) {
        String rest = path.substring("/api/v1/letters/".length());
        if (rest.endsWith("/notice")) {
          return operations.notice(decode(rest.substring(0, rest.length() - "/notice".length())));
        }
        if (!rest.contains("/")) {
          return operations.status(decode(rest));
        }
      }
      return GatewayErrors.of(
          404,
          "NOT_FOUND",
          null,
          path,
          "Нет такого адреса: " + path + ". Список адресов в docs/gateway.md.");
    }

    private JsonResult events(Map<String, String> query) {
      String limitText = query.getOrDefault("limit", "100");
      int limit;
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > org.ezpsdk.core.EzpClient.MAX_EVENTS_PER_PAGE) {
        return GatewayErrors.of(
            400,
            "LIMIT_RANGE",
            "limit",
            limitText,
            "Поле «limit»: ожидается число от 1 до 1000; получено «" + limitText + "».");
      }
      return operations.events(query.get("after"), limit);
    }

    /**
     * Reads the body, or returns {@code null} when it is larger than {@link #MAX_BODY_BYTES}; then
     * at most {@code MAX_BODY_BYTES + 1} bytes were read and the rest is left unread.
     */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
      InputStream in = exchange.getRequestBody();
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }

    /**
     * Returns the 413 error, after reading and dropping the rest of the body when it is at most
     * {@link #MAX_DISCARDED_BYTES}. The JDK server sends {@code 100 Continue} itself before the
     * handler runs, so a client that sent {@code Expect: 100-continue} sends its body anyway. When
     * a response ends with more than 64 KiB of the body unread, the server closes the connection,
     * and the client gets a reset instead of the response. A larger body is not read, so the
     * connection is closed after the response and the client may see only the reset.
     *
     * @param declared the request's Content-Length, or -1 for a chunked body
     */
    private static JsonResult tooLarge(HttpExchange exchange, long declared) throws IOException {
      log.info(
          "Rejected POST {} from {}: the body of {} is over the {} byte limit",
          exchange.getRequestURI().getPath(),
          exchange.getRemoteAddress().getAddress().getHostAddress(),
          declared < 0 ? "unknown length" : declared + " bytes",
          MAX_BODY_BYTES);
      boolean dropped = declared <= MAX_DISCARDED_BYTES && discardBody(exchange);
      if (!dropped) {
        exchange.getResponseHeaders().set("Connection", "close");
      }
      return GatewayErrors.of(
          413,
          "PAYLOAD_TOO_LARGE",
          null,
          declared < 0 ? null : Long.toString(declared),
          "Запрос больше " + (MAX_BODY_BYTES >> 20) + " МиБ; передайте PDF через pdfPath.");
    }

    /** Reads the rest of the body in a small buffer; false when it is over the discard limit. */
    private static boolean discardBody(HttpExchange exchange) throws IOException {
      InputStream in = exchange.getRequestBody();
      byte[] buffer = new byte[64 * 1024];
      long discarded = 0;
      int read;
      while ((read = in.read(buffer)) != -1) {
        discarded += read;
        if (discarded > MAX_DISCARDED_BYTES) {
          return false;
        }
      }
      return true;
    }

    /** Returns the request's Content-Length, or -1 when it has none or an invalid one. */
    private static long declaredLength(HttpExchange exchange) {
      String value = exchange.getRequestHeaders().getFirst("Content-Length");
      try {
        return value == null ? -1 : Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    private static Map<String, String> query(String raw) {
      Map<String, String> values = new HashMap<>();
      if (raw == null || raw.isEmpty()) {
        return values;
      }
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
      }
      return values;
    }

    private static String decode(String text) {
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return text;
      }
    }

    private static void write(HttpExchange exchange, JsonResult result) throws IOException {
      byte[] body = result.toJson().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(result.httpStatus(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
