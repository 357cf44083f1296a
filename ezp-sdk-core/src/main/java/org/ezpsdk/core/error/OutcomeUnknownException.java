package org.ezpsdk.core.error;

/**
 * A letter may or may not have reached the service: a send attempt failed after the request may
 * have arrived, and the client could not find out by looking the letter up before its retry
 * deadline ran out. Sending the letter again under a new idempotency key could deliver it twice.
 * Look it up later by its ШПИ or idempotency key ({@code EzpClient.findByBarcode} or {@code
 * EzpClient.findByIdempotencyKey}), and send it again only under the same key.
 */
public class OutcomeUnknownException extends EzpClientException {
  private static final long serialVersionUID = 1L;

  private final String idempotencyKey;
  private final String barcode;

  /**
   * @param idempotencyKey the key the letter was sent under
   * @param barcode the letter's ШПИ, or {@code null} for a regular letter
   * @param cause the last failure: of the send or of the lookup
   */
  public OutcomeUnknownException(String idempotencyKey, String barcode, Throwable cause) {
    super(formatMessage(idempotencyKey, barcode, cause), cause);
    this.idempotencyKey = idempotencyKey;
    this.barcode = barcode;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** Returns the letter's ШПИ, or {@code null} for a regular letter. */
  public String barcode() {
    return barcode;
  }

  private static String formatMessage(String key, String barcode, Throwable cause) {
    String letter = barcode == null ? "Letter without ШПИ" : "Letter " + barcode;
    String lookup =
        barcode == null
            ? "look the letter up later by idempotency key '" + key + "'"
            : "look the letter up later by ШПИ " + barcode + " or idempotency key '" + key + "'";
    return letter
        + " may or may not have reached the service: the last attempt failed after the request"
        + " may have arrived, and looking it up did not succeed before the retry deadline ("
        + (cause == null ? "no details" : cause.getMessage())
        + "); "
        + lookup
        + " before sending it again, and resend it only under the same key";
  }
}
