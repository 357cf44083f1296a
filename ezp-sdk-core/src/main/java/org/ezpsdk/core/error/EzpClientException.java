package org.ezpsdk.core.error;

/** A failure detected on the sender's side before or while talking to the service. */
public class EzpClientException extends EzpException {
  private static final long serialVersionUID = 1L;

  public EzpClientException(String message) {
    super(message);
  }

  public EzpClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
