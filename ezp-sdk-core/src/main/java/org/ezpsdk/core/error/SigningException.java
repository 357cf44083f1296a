package org.ezpsdk.core.error;

/**
 * A key, certificate or signature problem: a key that does not load, a wrong password, a
 * certificate that does not match the key, or a signature that does not verify. Messages name the
 * file and the reason, never a password or key bytes.
 */
public class SigningException extends EzpClientException {
  private static final long serialVersionUID = 1L;

  public SigningException(String message) {
    super(message);
  }

  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }
}
