package org.ezpsdk.core.error;

/**
 * The request did not get an HTTP response: connection refused, timeout, TLS failure, connection
 * dropped. {@link #requestMayHaveArrived()} tells whether the service may have received and acted
 * on the request, in which case the outcome is unknown and the letter must be looked up before it
 * is sent again. {@link #kind()} tells whether trying again can help.
 */
public class TransportException extends EzpClientException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as it decides whether to try again. */
  public enum Kind {
    /**
     * The connection could not be opened (refused, unknown host, proxy down) or broke while in use
     * (reset, closed without a response). Another attempt may succeed.
     */
    CONNECTION,
    /** A connect, read, write or whole-call timeout. Another attempt may succeed. */
    TIMEOUT,
    /**
     * The TLS handshake failed or the server's certificate was not accepted: untrusted, expired,
     * issued for another host, or the server rejected the client certificate. The same attempt
     * fails the same way, so the client never retries it.
     */
    TLS
  }

  private final Kind kind;
  private final boolean requestMayHaveArrived;

  /** Creates a failure of kind {@link Kind#CONNECTION}. */
  public TransportException(String message, boolean requestMayHaveArrived, Throwable cause) {
    this(message, Kind.CONNECTION, requestMayHaveArrived, cause);
  }

  public TransportException(
      String message, Kind kind, boolean requestMayHaveArrived, Throwable cause) {
    super(message, cause);
    this.kind = kind == null ? Kind.CONNECTION : kind;
    this.requestMayHaveArrived = requestMayHaveArrived;
  }

  /** Returns true when the request was at least partly written before the failure. */
  public boolean requestMayHaveArrived() {
    return requestMayHaveArrived;
  }

  public Kind kind() {
    return kind;
  }

  /** Returns true unless this is a TLS failure, which another attempt would repeat. */
  public boolean retryable() {
    return kind != Kind.TLS;
  }
}
