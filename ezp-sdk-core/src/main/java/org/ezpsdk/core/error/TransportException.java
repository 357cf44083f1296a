package org.ezpsdk.core.error;

/**
 * The request did not get an HTTP answer: connection refused, timeout, TLS failure, connection
 * dropped. {@link #requestMayHaveArrived()} tells whether the service may have received and acted
 * on the request, in which case the outcome is unknown and the letter must be looked up before it
 * is sent again.
 */
public class TransportException extends EzpClientException {
  private static final long serialVersionUID = 1L;

  private final boolean requestMayHaveArrived;

  public TransportException(String message, boolean requestMayHaveArrived, Throwable cause) {
    super(message, cause);
    this.requestMayHaveArrived = requestMayHaveArrived;
  }

  /** Returns true when the request was at least partly written before the failure. */
  public boolean requestMayHaveArrived() {
    return requestMayHaveArrived;
  }
}
