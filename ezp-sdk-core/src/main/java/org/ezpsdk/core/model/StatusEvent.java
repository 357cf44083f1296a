package org.ezpsdk.core.model;

import java.time.Instant;

/**
 * One status change of one of the sender's letters, as read from the event feed.
 *
 * @param cursor the feed position of this event; reading after it returns the events that follow
 * @param letterId the service's id of the letter
 * @param barcode the track number (ШПИ), or {@code null}
 * @param status the status the letter moved to
 * @param finalStatus true when no further status will follow for this letter
 * @param at when it happened
 * @param operation the service's description of the operation
 */
public record StatusEvent(
    String cursor,
    String letterId,
    String barcode,
    LetterStatus status,
    boolean finalStatus,
    Instant at,
    String operation) {}
