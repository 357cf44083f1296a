package org.ezpsdk.core.model;

import java.time.Instant;

/**
 * One step in a letter's history.
 *
 * @param status the status the letter moved to
 * @param at when it happened, as the service reports it
 * @param operation the service's description of the operation, such as {@code "Вручение адресату"}
 */
public record StatusChange(LetterStatus status, Instant at, String operation) {}
