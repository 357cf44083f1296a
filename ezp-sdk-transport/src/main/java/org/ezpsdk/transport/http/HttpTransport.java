package org.ezpsdk.transport.http;

import java.io.IOException;
import java.net.Proxy;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.transport.internal.CallProgress;
import org.ezpsdk.transport.internal.OkHttpRequests;
import org.ezpsdk.transport.internal.Timeouts;
import org.ezpsdk.transport.internal.TlsSetup;
import org.ezpsdk.transport.internal.TransportFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} transport: HTTP/1.1 or HTTP/2 over OkHttp, in plain text (for a ViPNet tunnel or
 * a local GOST TLS proxy) or over the JDK's TLS.
 *
 * <p>Each request is sent at most once: OkHttp's silent retry on connection failures is off, so a
 * POST whose connection drops after sending is reported, not repeated. Redirects are returned as
 * responses and never followed. Certificate checking is always on; a custom trust store replaces
 * the JDK's default CAs.
 *
 * <p>Thread-safe; one instance is meant to serve the whole application and shares its connection
 * pool between calls. Call {@link #close()} when done with it.
 */
public final class HttpTransport implements Transport {

  /** The name by which this transport is chosen. */
  public static final String NAME = "http";

  private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

  /**
   * Keeps the protocols and cipher suites the socket enables, because OkHttp's own lists lack the
   * GOST suites of a provider such as CryptoPro JTLS.
   */
  private static final ConnectionSpec SOCKET_DEFAULTS_TLS =
      new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
          .allEnabledTlsVersions()
          .allEnabledCipherSuites()
          .build();

  private final OkHttpClient client;
  private final Timeouts timeouts;
  private final TransportFailures failures;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpTransport(Builder builder, Timeouts timeouts) {
    OkHttpClient.Builder okHttp =
        new OkHttpClient.Builder()
            .connectTimeout(timeouts.connect())
            .readTimeout(timeouts.read())
            .writeTimeout(timeouts.write())
            .callTimeout(timeouts.call())
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .eventListenerFactory(CallProgress.FACTORY);
    if (builder.proxy != null) {
      okHttp.proxy(builder.proxy);
    }
    okHttp.connectionPool(
        new ConnectionPool(
            builder.maxIdleConnections, builder.keepAlive.toMillis(), TimeUnit.MILLISECONDS));
    if (builder.trustStore != null || builder.clientKeyStore != null) {
      TlsSetup tls =
          TlsSetup.create(builder.trustStore, builder.clientKeyStore, builder.clientKeyPassword);
      okHttp.sslSocketFactory(tls.socketFactory(), tls.trustManager());
    }
    if (builder.sslContext != null) {
      okHttp.sslSocketFactory(builder.sslContext.getSocketFactory(), builder.sslTrustManager);
      okHttp.connectionSpecs(List.of(SOCKET_DEFAULTS_TLS, ConnectionSpec.CLEARTEXT));
    }
    this.client = okHttp.build();
    this.timeouts = timeouts;
    this.failures = new TransportFailures(timeouts);
    this.description = describe(builder, timeouts);
  }

  /** Creates a transport with the default timeouts, no proxy and the JDK's default CAs. */
  public static HttpTransport create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Sends the request once and returns the response, whatever its status code. The response body is
   * read whole into memory.
   *
   * @throws TransportException when no complete response arrived; see {@link
   *     TransportException#requestMayHaveArrived()}
   * @throws ConfigurationException when the URL is not http or https
   * @throws org.ezpsdk.core.error.EzpClientException when a file part cannot be read
   * @throws IllegalArgumentException when a header, media type or method is not valid HTTP
   * @throws IllegalStateException when the transport is closed
   */
  @Override
  public TransportResponse execute(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      throw new IllegalStateException("The HTTP transport is closed; create a new one");
    }

    HttpUrl url = OkHttpRequests.url(request);
    CallProgress progress = new CallProgress();
    Request okRequest = OkHttpRequests.toOkHttp(request, url, progress);
    Call call = client.newCall(okRequest);
    long start = System.nanoTime();

    try (Response response = call.execute()) {
      TransportResponse result =
          new TransportResponse(response.code(), headers(response.headers()), body(response));
      log.debug(
          "{} {} {} returned status {} in {} ms",
          request.operation(),
          request.method(),
          url,
          result.statusCode(),
          millisSince(start));
      return result;
    } catch (IOException e) {
      TransportException failure =
          failures.describe(request.operation(), request.method(), url, call, progress, e);
      log.debug("{} (after {} ms)", failure.getMessage(), millisSince(start));
      throw failure;
    }
  }

  /**
   * Shuts down the dispatcher's threads and closes idle pooled connections. Calls in progress run
   * to their end; later calls to {@link #execute} fail.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** Returns the limit for opening the TCP connection; zero means no limit. */
  public Duration connectTimeout() {
    return timeouts.connect();
  }

  /** Returns the limit for each read; zero means no limit. */
  public Duration readTimeout() {
    return timeouts.read();
  }

  /** Returns the limit for each write; zero means no limit. */
  public Duration writeTimeout() {
    return timeouts.write();
  }

  /** Returns the limit for the whole call; zero means no limit. */
  public Duration callTimeout() {
    return timeouts.call();
  }

  @Override
  public String toString() {
    return description;
  }

  /** Keeps the first value of each header name; names are matched without regard to case. */
  private static Map<String, String> headers(Headers headers) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headers.size(); i++) {
      map.putIfAbsent(headers.name(i), headers.value(i));
    }
    return map;
  }

  private static byte[] body(Response response) throws IOException {
    return response.body().bytes();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String describe(Builder builder, Timeouts timeouts) {
    return "HttpTransport[connectTimeout="
        + TransportFailures.seconds(timeouts.connect())
        + ", readTimeout="
        + TransportFailures.seconds(timeouts.read())
        + ", writeTimeout="
        + TransportFailures.seconds(timeouts.write())
        + ", callTimeout="
        + TransportFailures.seconds(timeouts.call())
        + ", proxy="
        + (builder.proxy == null ? "none" : builder.proxy)
        + ", maxIdleConnections="
        + builder.maxIdleConnections
        + ", keepAlive="
        + TransportFailures.seconds(builder.keepAlive)
        + ", trustStore="
        + (builder.sslContext != null
            ? "from sslContext (" + builder.sslContext.getProvider().getName() + ")"
            : builder.trustStore == null ? "JDK default CAs" : "custom")
        + ", clientCertificate="
        + (builder.clientKeyStore == null ? "none" : "set")
        + "]";
  }

  /**
   * Builder of {@link HttpTransport}. Defaults: connect 10 s, read 60 s, write 60 s, whole call 5
   * min (the upload of a large PDF over a slow link needs that long), no proxy, the JDK's default
   * CAs, no client certificate, and a pool that keeps up to 5 idle connections for 5 min (OkHttp's
   * defaults). A timeout of zero means no limit.
   */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration writeTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofMinutes(5);
    private Proxy proxy;
    private KeyStore trustStore;
    private KeyStore clientKeyStore;
    private char[] clientKeyPassword;
    private SSLContext sslContext;
    private X509TrustManager sslTrustManager;
    private int maxIdleConnections = 5;
    private Duration keepAlive = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Sets the connection pool: how many idle connections are kept for reuse, and for how long
     * each. The pool does not limit the number of connections in use.
     */
    public Builder connectionPool(int maxIdleConnections, Duration keepAlive) {
      this.maxIdleConnections = maxIdleConnections;
      this.keepAlive = keepAlive;
      return this;
    }

    /** Sets the limit for opening the TCP connection. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the limit for each read: waiting for the response, and each step of the TLS handshake.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** Sets the limit for each write of the request to the socket. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout;
      return this;
    }

    /** Sets the limit for the whole call, from DNS lookup to the last byte of the response. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout;
      return this;
    }

    /** Sets the proxy to reach the service through, such as an HTTP proxy; null for none. */
    public Builder proxy(Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /**
     * Sets the certificates trusted for TLS, in place of the JDK's default CAs; null for the
     * defaults. The key store must be loaded and contain at least one certificate.
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = trustStore;
      return this;
    }

    /**
     * Sets the client's private key and certificate for mutual TLS; null for none. The password is
     * copied; the caller may clear its array afterwards.
     *
     * @param keyStore a loaded key store with the private key entry, such as a PKCS#12 file
     * @param keyPassword the password of the private key entry
     */
    public Builder clientKeyStore(KeyStore keyStore, char[] keyPassword) {
      this.clientKeyStore = keyStore;
      this.clientKeyPassword = keyPassword == null ? null : keyPassword.clone();
      return this;
    }

    /**
     * Sets a ready TLS context in place of {@link #trustStore} and {@link #clientKeyStore}, such as
     * one of a JSSE provider that speaks GOST TLS; null for none. OkHttp then uses the protocols
     * and cipher suites that the context's sockets enable, without filtering them by its own lists.
     *
     * @param context an initialised context
     * @param trustManager the trust manager the context was initialised with, which OkHttp needs
     */
    public Builder sslContext(SSLContext context, X509TrustManager trustManager) {
      this.sslContext = context;
      this.sslTrustManager = trustManager;
      return this;
    }

    /**
     * Builds the transport.
     *
     * @throws ConfigurationException when a timeout is out of range or a key store cannot be used;
     *     the message lists every problem found
     */
    public HttpTransport build() {
      List<String> problems = new ArrayList<>();
      checkTimeout(problems, "connectTimeout", connectTimeout);
      checkTimeout(problems, "readTimeout", readTimeout);
      checkTimeout(problems, "writeTimeout", writeTimeout);
      checkTimeout(problems, "callTimeout", callTimeout);
      if (maxIdleConnections < 0) {
        problems.add("maxIdleConnections must be zero or more, got " + maxIdleConnections);
      }
      if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) {
        problems.add("keepAlive must be a positive duration, got " + keepAlive);
      }
      if (clientKeyStore != null && clientKeyPassword == null) {
        problems.add("clientKeyStore needs the password of its private key, got null");
      }
      if (sslContext != null && (trustStore != null || clientKeyStore != null)) {
        problems.add("sslContext replaces trustStore and clientKeyStore; set one or the other");
      }
      if (sslContext != null && sslTrustManager == null) {
        problems.add("sslContext needs the trust manager it was initialised with, got null");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(
            "Invalid HTTP transport settings: " + String.join("; ", problems));
      }
      Timeouts timeouts = new Timeouts(connectTimeout, readTimeout, writeTimeout, callTimeout);
      return new HttpTransport(this, timeouts);
    }

    private static void checkTimeout(List<String> problems, String name, Duration timeout) {
      if (timeout == null) {
        problems.add(name + " is missing; pass a duration, or Duration.ZERO for no limit");
      } else if (timeout.isNegative()) {
        problems.add(name + " must be zero (no limit) or positive, got " + timeout);
      } else if (!timeout.isZero() && timeout.toMillis() == 0) {
        problems.add(name + " must be at least 1 ms or zero (no limit), got " + timeout);
      } else if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        problems.add(name + " must be at most " + Integer.MAX_VALUE + " ms, got " + timeout);
      }
    }
  }
}
