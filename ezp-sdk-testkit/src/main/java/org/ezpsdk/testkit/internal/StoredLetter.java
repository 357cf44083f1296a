package org.ezpsdk.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.testkit.EmulatedLetter;

/** One accepted letter and how far it has come along its plan. Guarded by {@link LetterStore}. */
final class StoredLetter {
  final String id;
  final String senderId;
  final String idempotencyKey;
  final Letter letter;
  final Fingerprint fingerprint;
  final LifePlan plan;
  final LetterReceipt receipt;
  private final List<StatusChange> history = new ArrayList<>();

  StoredLetter(
      String id,
      String senderId,
      String idempotencyKey,
      Letter letter,
      Fingerprint fingerprint,
      LifePlan plan,
      Instant acceptedAt) {
    this.id = id;
    this.senderId = senderId;
    this.idempotencyKey = idempotencyKey;
    this.letter = letter;
    this.fingerprint = fingerprint;
    this.plan = plan;
    this.receipt =
        new LetterReceipt(id, letter.barcode(), LetterStatus.ACCEPTED, acceptedAt, idempotencyKey);
  }

  /** Moves to the next planned status and returns the change, or null when the plan is done. */
  StatusChange advance(Instant at) {
    int next = history.size();
    if (next >= plan.steps().size()) {
      return null;
    }
    LifePlan.Step step = plan.steps().get(next);
    StatusChange change = new StatusChange(step.status(), at, step.operation());
    history.add(change);
    return change;
  }

  boolean isFinal() {
    return plan.isLast(history.size() - 1);
  }

  LetterStatus status() {
    return history.get(history.size() - 1).status();
  }

  /** Returns when the letter first reached the status, or null when it has not. */
  Instant reached(LetterStatus status) {
    return history.stream()
        .filter(change -> change.status() == status)
        .map(StatusChange::at)
        .findFirst()
        .orElse(null);
  }

  boolean noticeRequested() {
    return letter.electronicNotice();
  }

  LetterInfo info() {
    return new LetterInfo(
        id,
        letter.barcode(),
        idempotencyKey,
        status(),
        isFinal(),
        history,
        fingerprint.attachmentSha256());
  }

  EmulatedLetter snapshot() {
    return new EmulatedLetter(
        id,
        senderId,
        letter.barcode(),
        idempotencyKey,
        plan.deliveryMethod(),
        letter.electronicNotice(),
        receipt.acceptedAt(),
        status(),
        isFinal(),
        history,
        fingerprint.attachmentSha256());
  }
}
