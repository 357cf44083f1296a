package org.ezpsdk.testkit.internal.smev;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.testkit.Fault;
import org.ezpsdk.testkit.internal.FaultInjector;
import org.ezpsdk.transport.smev.SmevMessage;
import org.ezpsdk.transport.smev.SmevVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's СМЭВ 3 endpoint at {@code /smev/1.1}, {@code /smev/1.2} and {@code /smev/1.3}:
 * accepts SendRequestRequest, GetResponseRequest and AckRequest of that version, checks each the
 * way СМЭВ would (see {@link SmevOperations}), hands carried wire-profile requests to the
 * emulator's own API, and queues the answers. Faults of the {@code FaultPlan} with a СМЭВ operation
 * name ({@code smevSendRequest}, {@code smevGetResponse}, {@code smevAck}) apply here.
 */
public final class SmevEndpoint implements HttpHandler {
  /** The path prefix of the endpoint. */
  public static final String PATH = "/smev/";

  private static final Logger LOG = LoggerFactory.getLogger(SmevEndpoint.class);
  private static final long MAX_REQUEST_BYTES = 256L * 1024 * 1024;

  private final SmevOperations operations;
  private final FaultInjector faults;
  private final Path temporaryRoot;
  private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();
  private final Map<SmevVersion, SmevReplies> replies = new HashMap<>();

  public SmevEndpoint(
      SmevOperations operations,
      FaultInjector faults,
      SigningCredentials smevKey,
      Path temporaryRoot) {
    this.operations = operations;
    this.faults = faults;
    this.temporaryRoot = temporaryRoot;
    for (SmevVersion version : SmevVersion.values()) {
      replies.put(version, new SmevReplies(version, smevKey));
    }
  }

  /** Returns how many requests reached the operation, such as {@code smevSendRequest}. */
  public long requestCount(String operation) {
    AtomicLong count = requestCounts.get(operation);
    return count == null ? 0 : count.get();
  }

  @Override
  public void handle(HttpExchange exchange) {
    String requestId = UUID.randomUUID().toString();
    Path directory = null;
    try {
      SmevVersion version = versionOf(exchange.getRequestURI().getRawPath());
      if (version == null || !exchange.getRequestMethod().equals("POST")) {
        write(exchange, 404, "text/plain; charset=UTF-8", notFound(exchange));
        return;
      }
      directory = Files.createTempDirectory(temporaryRoot, "smev-");
      SmevReplies reply = replies.get(version);
      SmevMessage message;
      try (InputStream body = exchange.getRequestBody()) {
        message =
            SmevMessage.read(
                limited(body), exchange.getRequestHeaders().getFirst("Content-Type"), directory);
      } catch (IllegalArgumentException | IOException e) {
        writeFault(
            exchange, reply, "InvalidContent", "the message cannot be read: " + e.getMessage());
        return;
      }
      String operation = "smev" + operationName(message);
      requestCounts.computeIfAbsent(operation, name -> new AtomicLong()).incrementAndGet();
      Fault fault = faults.next(operation);
      if (fault != null && injectBefore(exchange, reply, fault, operation)) {
        return;
      }
      byte[] answer = respond(version, reply, message);
      if (fault != null && fault.type() == Fault.Type.DROP_AFTER_COMMIT) {
        faults.recordInjected(fault);
        LOG.info("СМЭВ request {} handled; closing the connection without an answer", requestId);
        return;
      }
      if (fault != null && fault.type() == Fault.Type.SLOW) {
        faults.recordInjected(fault);
        Thread.sleep(fault.duration().toMillis());
      }
      write(exchange, 200, "text/xml; charset=UTF-8", answer);
    } catch (SmevOperations.FaultAnswer e) {
      LOG.info("СМЭВ request {} rejected with {}: {}", requestId, e.faultElement(), e.getMessage());
      writeFault(exchange, replies.get(e.version()), e.faultElement(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      LOG.error("СМЭВ request {} failed", requestId, e);
      SmevVersion version = versionOf(exchange.getRequestURI().getRawPath());
      writeFault(
          exchange,
          replies.get(version == null ? SmevVersion.V1_3 : version),
          "SMEVFailure",
          "the emulator failed to handle the message: " + e);
    } finally {
      exchange.close();
      deleteQuietly(directory);
    }
  }

  private byte[] respond(SmevVersion version, SmevReplies reply, SmevMessage message)
      throws IOException {
    return switch (operationName(message)) {
      case "SendRequest" -> reply.sendRequestResponse(operations.sendRequest(version, message));
      case "GetResponse" ->
          operations
              .getResponse(version, message)
              .map(answer -> reply.getResponseResponse(answer, operations.content()))
              .orElseGet(reply::emptyGetResponseResponse);
      case "Ack" -> {
        operations.ack(version, message);
        yield reply.ackResponse();
      }
      default ->
          throw new SmevOperations.FaultAnswer(
              version,
              "UnknownMessageType",
              "the emulator does not handle " + message.payload().getLocalName());
    };
  }

  /** Applies a fault that answers instead of handling; returns true when it answered. */
  private boolean injectBefore(
      HttpExchange exchange, SmevReplies reply, Fault fault, String operation) throws IOException {
    if (fault.type() == Fault.Type.SMEV_FAULT) {
      faults.recordInjected(fault);
      writeFault(
          exchange,
          reply,
          fault.smevFault(),
          "injected fault " + fault.name() + " on " + operation + ", nothing was stored");
      return true;
    }
    if (fault.type() == Fault.Type.STATUS) {
      faults.recordInjected(fault);
      long retryAfterSeconds = (fault.duration().toMillis() + 999) / 1000;
      String description =
          "injected fault " + fault.name() + " on " + operation + ", nothing was stored";
      if (retryAfterSeconds > 0) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        description += "; retry after " + retryAfterSeconds + " s";
      }
      byte[] body = reply.statusFault(fault.status(), description);
      write(exchange, fault.status(), "text/xml; charset=UTF-8", body);
      return true;
    }
    return false;
  }

  private static String operationName(SmevMessage message) {
    String name = message.payload().getLocalName();
    return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
  }

  private static SmevVersion versionOf(String path) {
    if (path == null || !path.startsWith(PATH)) {
      return null;
    }
    String number = path.substring(PATH.length());
    for (SmevVersion version : SmevVersion.values()) {
      if (version.number().equals(number)) {
        return version;
      }
    }
    return null;
  }

  private static byte[] notFound(HttpExchange exchange) {
    return ("No СМЭВ endpoint at "
            + exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI().getRawPath()
            + "; POST to "
            + String.join(
                ", ", Stream.of(SmevVersion.values()).map(v -> PATH + v.number()).toList()))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private void writeFault(
      HttpExchange exchange, SmevReplies reply, String faultElement, String description) {
    try {
      write(exchange, 500, "text/xml; charset=UTF-8", reply.fault(faultElement, description));
    } catch (IOException e) {
      LOG.debug("Failed to write a СМЭВ fault", e);
    }
  }

  private static void write(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static InputStream limited(InputStream body) {
    return new java.io.FilterInputStream(body) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
      }

      private void count(long n) throws IOException {
        read += n;
        if (read > MAX_REQUEST_BYTES) {
          throw new IOException("the message is larger than " + MAX_REQUEST_BYTES + " bytes");
        }
      }
    };
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.debug("Failed to delete '{}'", directory, e);
    }
  }
}
