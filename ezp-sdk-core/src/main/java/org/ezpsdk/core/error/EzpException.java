package org.ezpsdk.core.error;

/**
 * Root of every exception the SDK throws. Unchecked, split into {@link EzpClientException} (the
 * problem is on this side: input, key, configuration, network) and {@link EzpServiceException} (the
 * service responded with an error).
 */
public class EzpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EzpException(String message) {
    super(message);
  }

  public EzpException(String message, Throwable cause) {
    super(message, cause);
  }
}
