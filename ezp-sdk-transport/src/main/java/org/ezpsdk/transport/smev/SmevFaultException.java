package org.ezpsdk.transport.smev;

import org.ezpsdk.core.error.TransportException;

/**
 * СМЭВ responded to a request with a SOAP fault, so the message did not reach ИС ЭПС. {@link
 * #retryable()} is true only for faults that may pass later ({@code SMEVFailure}, {@code
 * DestinationOverflow}); the client retries those and gives up on the rest at once.
 */
public class SmevFaultException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final SmevFault fault;
  private final String messageId;
  private final String detail;

  /**
   * @param messageId the MessageID of the rejected message, or null
   * @param detail СМЭВ's fault string and details
   */
  public SmevFaultException(SmevFault fault, String messageId, String detail) {
    super(formatMessage(fault, messageId, detail), false, null);
    this.fault = fault;
    this.messageId = messageId;
    this.detail = detail;
  }

  public SmevFault fault() {
    return fault;
  }

  /** Returns the MessageID of the rejected message, or null. */
  public String messageId() {
    return messageId;
  }

  /** Returns СМЭВ's fault string and details. */
  public String detail() {
    return detail;
  }

  @Override
  public boolean retryable() {
    return fault.isTransient();
  }

  private static String formatMessage(SmevFault fault, String messageId, String detail) {
    return "СМЭВ rejected message "
        + (messageId == null ? "(no MessageID)" : messageId)
        + " with the fault "
        + fault.elementName()
        + (detail == null || detail.isBlank() ? "" : " (" + detail + ")")
        + ": "
        + fault.advice();
  }
}
