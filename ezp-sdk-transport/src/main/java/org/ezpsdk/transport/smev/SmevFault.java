package org.ezpsdk.transport.smev;

/**
 * The faults of the СМЭВ 3 faults schema ({@code …/types/faults/1.x}), each with what the sender
 * should do about it. {@link #UNKNOWN} stands for a fault element this SDK does not know.
 */
public enum SmevFault {
  ACCESS_DENIED(
      "AccessDenied",
      false,
      "the information system may not send this kind of message; ask the СМЭВ operator to"
          + " register the ИС for the вид сведений"),
  ATTACHMENT_CONTENT_MISCOORDINATION(
      "AttachmentContentMiscoordination",
      false,
      "the attachment headers and contents do not match; report it as an SDK bug"),
  ATTACHMENT_SIZE_LIMIT_EXCEEDED(
      "AttachmentSizeLimitExceeded",
      false,
      "the attachments are larger than СМЭВ accepts inline; make the PDF smaller"),
  BUSINESS_DATA_TYPE_IS_NOT_SUPPORTED(
      "BusinessDataTypeIsNotSupported",
      false,
      "СМЭВ does not know the business namespace; check the businessNamespace setting against"
          + " the registered вид сведений"),
  DESTINATION_OVERFLOW(
      "DestinationOverflow", true, "the recipient's queue is full; try again later"),
  END_OF_LIFE_REACHED(
      "EndOfLifeReached", false, "the message expired before delivery; send it again"),
  INCORRECT_RESPONSE_CONTENT_TYPE(
      "IncorrectResponseContentType", false, "the response type is not allowed for the request"),
  INVALID_CONTENT(
      "InvalidContent",
      false,
      "the envelope does not match the СМЭВ schemas; check the version setting and report the"
          + " validation errors as an SDK bug"),
  INVALID_MESSAGE_ID_FORMAT(
      "InvalidMessageIdFormat",
      false,
      "the MessageID is not a UUID of version 1; report it as an SDK bug"),
  MESSAGE_IS_ALREADY_SENT(
      "MessageIsAlreadySent",
      false,
      "a message with this MessageID was sent before; wait for its response instead of sending"
          + " it again"),
  QUOTE_LIMIT_EXCEEDED(
      "QuoteLimitExceeded",
      false,
      "the daily attachment quota is used up; send again tomorrow or ask for a larger quota"),
  RECIPIENT_IS_NOT_FOUND(
      "RecipientIsNotFound",
      false,
      "no recipient is registered for the business namespace; check the routing settings"),
  REQUEST_IS_NOT_FOUND("RequestIsNotFound", false, "the referenced request is unknown to СМЭВ"),
  SENDER_IS_NOT_REGISTERED(
      "SenderIsNotRegistered",
      false,
      "the ЭП-ОВ certificate is not registered for an information system; register it with the"
          + " СМЭВ operator or sign with the registered key"),
  SIGNATURE_VERIFICATION_FAULT(
      "SignatureVerificationFault",
      false,
      "СМЭВ rejected the ЭП-ОВ or an attachment signature; check the key, its certificate and"
          + " that nothing changes the envelope after signing"),
  SMEV_FAILURE("SMEVFailure", true, "СМЭВ failed internally; try again later"),
  STALE_MESSAGE_ID(
      "StaleMessageId",
      false,
      "the MessageID's time is too far from СМЭВ's clock; check the system clock"),
  TARGET_MESSAGE_IS_NOT_FOUND(
      "TargetMessageIsNotFound",
      false,
      "the acknowledged message is unknown or was acknowledged already"),
  TRANSACTION_CODE_INVALID(
      "TransactionCodeInvalid", false, "the TransactionCode is not valid; check the setting"),
  UNKNOWN_MESSAGE_TYPE("UnknownMessageType", false, "СМЭВ does not know the message type"),
  UNKNOWN("Unknown", false, "see the fault text");

  private final String elementName;
  private final boolean transientFault;
  private final String advice;

  SmevFault(String elementName, boolean transientFault, String advice) {
    this.elementName = elementName;
    this.transientFault = transientFault;
    this.advice = advice;
  }

  /** Returns the local name of the fault's element in the faults schema. */
  public String elementName() {
    return elementName;
  }

  /** Returns true when the same message may succeed later. */
  public boolean isTransient() {
    return transientFault;
  }

  /** Returns what the sender should do about the fault. */
  public String advice() {
    return advice;
  }

  /** Finds the fault of an element name, or {@link #UNKNOWN}. */
  public static SmevFault ofElementName(String name) {
    for (SmevFault fault : values()) {
      if (fault.elementName.equals(name)) {
        return fault;
      }
    }
    return UNKNOWN;
  }
}
