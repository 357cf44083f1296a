package org.ezpsdk.transport.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import org.ezpsdk.core.error.TransportException;

/**
 * Turns an OkHttp failure into a {@link TransportException} whose message names the operation,
 * method and URL, states the cause in plain words and what to check. Header values never enter the
 * message: OkHttp's exception messages carry URLs and socket addresses only.
 */
public final class TransportFailures {

  private static final String MAY_HAVE_ARRIVED =
      "; the server may have received the request, so check its outcome before sending it again";

  private final Timeouts timeouts;

  public TransportFailures(Timeouts timeouts) {
    this.timeouts = timeouts;
  }

  /**
   * Describes a failed call.
   *
   * @param operation the operation name of the request, such as {@code sendLetter}
   * @param url the request URL without user info
   */
  public TransportException describe(
      String operation,
      String method,
      HttpUrl url,
      Call call,
      CallProgress progress,
      IOException e) {
    boolean mayHaveArrived = progress.requestStarted();
    TransportException.Kind kind = kind(call, progress, e);
    String message =
        operation
            + " "
            + method
            + " "
            + url
            + " failed: "
            + cause(url, call, progress, e)
            + (mayHaveArrived ? MAY_HAVE_ARRIVED : "");
    return new TransportException(message, kind, mayHaveArrived, e);
  }

  /**
   * Tells a TLS failure, which the client never retries, from a timeout and other connection
   * failures. A TLS failure is one during the handshake, one caused by a certificate check, or a
   * host name that does not match the certificate.
   */
  private static TransportException.Kind kind(Call call, CallProgress progress, IOException e) {
    if (e instanceof SSLPeerUnverifiedException
        || (e instanceof SSLException && hasCertificateCause(e))) {
      return TransportException.Kind.TLS;
    }
    if (e instanceof SocketTimeoutException
        || (call.isCanceled() && e instanceof InterruptedIOException)) {
      return TransportException.Kind.TIMEOUT;
    }
    if (progress.inTlsHandshake() || (!progress.connected() && progress.tlsFinished())) {
      return TransportException.Kind.TLS;
    }
    return TransportException.Kind.CONNECTION;
  }

  private String cause(HttpUrl url, Call call, CallProgress progress, IOException e) {
    if (call.isCanceled() && e instanceof InterruptedIOException) {
      return "timed out after " + seconds(timeouts.call()) + ", the limit for the whole call";
    }
    if (e instanceof UnknownHostException) {
      return "could not resolve host "
          + url.host()
          + "; check the host name of the endpoint and the DNS settings";
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return "the server's certificate does not match host "
          + url.host()
          + ": "
          + oneLine(e.getMessage())
          + "; use the host name the certificate was issued for";
    }
    if (e instanceof SSLException && hasCertificateCause(e)) {
      return "the server's certificate is not trusted: "
          + rootMessage(e)
          + "; add the issuing CA to the trust store";
    }
    if (e instanceof SocketTimeoutException) {
      return timeout(url, progress);
    }
    if (progress.inTlsHandshake()) {
      return "the TLS handshake with "
          + hostPort(url, progress)
          + " failed: "
          + rootMessage(e)
          + "; check that the endpoint serves TLS with a protocol version and cipher suite that"
          + " Java supports, and the clientKeyStore setting if the server requires a client"
          + " certificate";
    }
    if (!progress.connected() && progress.tlsFinished()) {
      return "the connection to "
          + hostPort(url, progress)
          + " failed right after the TLS handshake: "
          + rootMessage(e)
          + "; if the server requires a client certificate, check the clientKeyStore setting";
    }
    if (!progress.connected()) {
      return connectFailure(url, progress, e);
    }
    return afterConnect(progress, e);
  }

  private String timeout(HttpUrl url, CallProgress progress) {
    if (progress.inTlsHandshake()) {
      return "timed out after "
          + seconds(timeouts.read())
          + " during the TLS handshake with "
          + hostPort(url, progress);
    }
    if (!progress.connected()) {
      return "timed out after "
          + seconds(timeouts.connect())
          + " connecting to "
          + hostPort(url, progress)
          + "; check the endpoint and that the tunnel or proxy is up";
    }
    if (progress.requestStarted() && !progress.requestSent()) {
      return "timed out after " + seconds(timeouts.write()) + " sending the request";
    }
    return "timed out after " + seconds(timeouts.read()) + " waiting for the response";
  }

  private static String connectFailure(HttpUrl url, CallProgress progress, IOException e) {
    Proxy proxy = progress.connectProxy();
    if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
      return "could not connect to the proxy "
          + hostPort(url, progress)
          + " ("
          + rootMessage(e)
          + "); check the proxy setting and that the proxy is up";
    }
    return "could not connect to "
        + hostPort(url, progress)
        + " ("
        + rootMessage(e)
        + "); check the endpoint and that the tunnel or proxy is up";
  }

  private static String afterConnect(CallProgress progress, IOException e) {
    return phaseFailure(progress, e) + clientCertificateHint(e);
  }

  private static String phaseFailure(CallProgress progress, IOException e) {
    boolean closedByServer = hasCause(e, EOFException.class);
    if (progress.responseStarted()) {
      return closedByServer
          ? "the server closed the connection before the response was complete"
          : "the connection failed while receiving the response: " + rootMessage(e);
    }
    if (progress.requestSent()) {
      return closedByServer
          ? "the server closed the connection after the request was sent, without a response"
          : "the connection failed after the request was sent: " + rootMessage(e);
    }
    if (progress.requestStarted()) {
      return "the connection failed while sending the request: " + rootMessage(e);
    }
    return "the connection failed before the request was sent: " + rootMessage(e);
  }

  /**
   * With TLS 1.3 a server that rejects the client certificate closes the connection after the
   * client finished its side of the handshake, so the client sees the failure only later.
   */
  private static String clientCertificateHint(IOException e) {
    return hasCause(e, SSLException.class)
        ? " (if the server requires a client certificate, check the clientKeyStore setting)"
        : "";
  }

  /** Returns host:port of the last connection attempt, or of the URL when there was none. */
  private static String hostPort(HttpUrl url, CallProgress progress) {
    InetSocketAddress address = progress.connectAddress();
    if (address == null) {
      return url.host() + ":" + url.port();
    }
    return address.getHostString() + ":" + address.getPort();
  }

  private static boolean hasCertificateCause(Throwable e) {
    return hasCause(e, CertificateException.class)
        || hasCause(e, CertPathValidatorException.class)
        || hasCause(e, CertPathBuilderException.class);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank()
        ? root.getClass().getSimpleName()
        : oneLine(message);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  /** Formats a duration in seconds: {@code 60 s}, {@code 0.5 s}. */
  public static String seconds(Duration duration) {
    BigDecimal value = BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros();
    return value.toPlainString() + " s";
  }
}
