package org.ezpsdk.transport.smev;

import java.time.Duration;
import org.ezpsdk.core.error.TransportException;

/**
 * СМЭВ accepted a message but its response did not arrive before the deadline. The message stays in
 * СМЭВ; wait for it again later with {@link SmevTransport#awaitResponse(String, Duration)} and
 * {@link #messageId()}. Its {@link #requestMayHaveArrived()} is true, so the client looks the
 * letter up before it sends again, and a resend under the same idempotency key reuses this
 * MessageID.
 */
public class SmevTimeoutException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final String messageId;

  public SmevTimeoutException(String messageId, Duration waited) {
    super(
        "No response to СМЭВ message "
            + messageId
            + " within "
            + waited.toMillis()
            + " ms; it may still come: wait for it with SmevTransport.awaitResponse(\""
            + messageId
            + "\", timeout), or raise the responseTimeout setting",
        Kind.TIMEOUT,
        true,
        null);
    this.messageId = messageId;
  }

  /** Returns the MessageID to resume waiting by. */
  public String messageId() {
    return messageId;
  }
}
