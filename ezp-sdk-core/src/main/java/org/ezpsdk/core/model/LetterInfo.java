package org.ezpsdk.core.model;

import java.util.List;

/**
 * A letter's current status and its history.
 *
 * @param letterId the service's id of the letter
 * @param barcode the track number (ШПИ), or {@code null} for a regular letter
 * @param idempotencyKey the key the letter was sent under
 * @param status the latest status
 * @param finalStatus true when no further status will follow
 * @param history every status change, oldest first
 * @param attachmentSha256 the SHA-256 of the stored PDF attachment in lower-case hex, or {@code
 *     null} when the service does not report it; the client compares it after a lost response to
 *     tell its own letter from another one sent under the same key
 */
public record LetterInfo(
    String letterId,
    String barcode,
    String idempotencyKey,
    LetterStatus status,
    boolean finalStatus,
    List<StatusChange> history,
    String attachmentSha256) {

  public LetterInfo {
    history = history == null ? List.of() : List.copyOf(history);
  }
}
