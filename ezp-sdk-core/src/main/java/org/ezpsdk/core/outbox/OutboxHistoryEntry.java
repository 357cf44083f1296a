package org.ezpsdk.core.outbox;

import java.time.Instant;

/**
 * One step in a letter's outbox history: an outbox state change or a service status from the event
 * feed.
 *
 * @param at when the step was recorded
 * @param state an {@link OutboxState} name, or a service status such as {@code DELIVERED}
 * @param detail what happened: the worker, the error, or the service's operation; may be {@code
 *     null}
 */
public record OutboxHistoryEntry(Instant at, String state, String detail) {}
