package org.ezpsdk.testkit;

/**
 * A letter that reached the emulator a second time under another idempotency key: the same ШПИ, or
 * for a letter without ШПИ the same content (letter JSON and PDF). A client that keeps its key
 * across retries never causes one.
 *
 * @param barcode the ШПИ, or {@code null} for a letter without one
 * @param attachmentSha256 the SHA-256 of the second request's PDF, lower-case hex
 * @param firstLetterId the id of the letter accepted first
 * @param firstIdempotencyKey the key of the letter accepted first
 * @param repeatIdempotencyKey the other key the second request came under
 * @param repeatAccepted true when the second request was accepted as a new letter, which happens to
 *     a letter without ШПИ. False when it was rejected because its ШПИ was taken.
 */
public record DuplicateLetter(
    String barcode,
    String attachmentSha256,
    String firstLetterId,
    String firstIdempotencyKey,
    String repeatIdempotencyKey,
    boolean repeatAccepted) {}
