package org.ezpsdk.testkit.internal;

/**
 * The content of a send request that decides whether a repeat under the same idempotency key is the
 * same request: the SHA-256 of the {@code letter} part and of the attachment, lower-case hex. The
 * signature is left out because re-signing the same PDF gives other bytes (the signing time
 * changes).
 */
public record Fingerprint(String letterSha256, String attachmentSha256) {}
