package org.ezpsdk.core.outbox;

import org.ezpsdk.core.error.EzpClientException;

/** Thrown when a ШПИ range, or every range, has no number left; nothing was recorded. */
public class RangeExhaustedException extends EzpClientException {
  private final String rangeId;

  public RangeExhaustedException(String rangeId, String message) {
    super(message);
    this.rangeId = rangeId;
  }

  /** Returns the id of the exhausted range, or {@code null} when no range at all has numbers. */
  public String rangeId() {
    return rangeId;
  }
}
