package org.ezpsdk.core.model;

import java.time.Instant;

/**
 * The service's receipt for an accepted letter.
 *
 * @param letterId the service's id of the letter, used to ask for its status and notice
 * @param barcode the track number (ШПИ), or {@code null} for a regular letter
 * @param status the status right after acceptance, normally {@link LetterStatus#ACCEPTED}
 * @param acceptedAt when the service accepted it
 * @param idempotencyKey the key the letter was sent under; a repeat with it returns this receipt
 */
public record LetterReceipt(
    String letterId,
    String barcode,
    LetterStatus status,
    Instant acceptedAt,
    String idempotencyKey) {}
