package org.ezpsdk.core.outbox;

/**
 * Client-side state of a letter in the outbox, separate from the service's {@link
 * org.ezpsdk.core.model.LetterStatus}. A letter moves PENDING → SENDING → SENT or FAILED; a send
 * whose outcome stayed unknown goes back to PENDING and is looked up before it is sent again.
 */
public enum OutboxState {
  /** Recorded and waiting to be sent. */
  PENDING,
  /** Claimed by a sender; it may have reached the service. */
  SENDING,
  /** Accepted by the service; the record holds the service's letter id. */
  SENT,
  /** Rejected by the client's checks or by the service; it is not sent again by itself. */
  FAILED
}
