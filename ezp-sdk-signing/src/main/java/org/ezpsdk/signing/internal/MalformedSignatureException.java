package org.ezpsdk.signing.internal;

/** A signature that is not a well-formed CMS SignedData; its message is the failure reason. */
public final class MalformedSignatureException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedSignatureException(String message) {
    super(message);
  }
}
