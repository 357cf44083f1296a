package org.ezpsdk.signing;

import org.ezpsdk.core.error.SigningException;

/**
 * A key file in a format that the SDK recognises but cannot read, such as a PFX exported natively
 * by CryptoPro CSP. The message names the format and how to convert the file, and {@link #format()}
 * lets a caller react to the format without parsing the message.
 */
public class UnsupportedKeyFormatException extends SigningException {
  private static final long serialVersionUID = 1L;

  private final Format format;

  public UnsupportedKeyFormatException(Format format, String message) {
    super(message);
    this.format = format;
  }

  /** Returns the recognised format. */
  public Format format() {
    return format;
  }

  /** Key formats that are recognised but not read. */
  public enum Format {
    /**
     * A PFX exported natively by CryptoPro CSP: its key bag is encrypted with CryptoPro's own PBE
     * scheme (OID 1.2.840.113549.1.12.1.80). Its certificates can still be read.
     */
    CRYPTOPRO_CSP_PFX,
    /**
     * A PKCS#12 or PKCS#8 file encrypted with a scheme that neither the SDK nor Bouncy Castle has.
     */
    UNSUPPORTED_ENCRYPTION
  }
}
