package org.ezpsdk.testkit.internal.smev;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ezpsdk.core.spi.TransportResponse;

/**
 * The СМЭВ response queue of the emulator: answers per sender information system, each ready after
 * the answer delay, handed out by GetResponse, handed out again when not acknowledged within the
 * lock time, and removed by Ack. Thread-safe.
 */
public final class SmevAnswers {
  /** How long a delivered answer stays hidden from GetResponse while waiting for its Ack. */
  static final Duration LOCK_TIME = Duration.ofSeconds(30);

  private final Clock clock;
  private final List<Answer> answers = new ArrayList<>();

  public SmevAnswers(Clock clock) {
    this.clock = clock;
  }

  /** One queued answer. */
  public static final class Answer {
    final String sender;
    final String messageId;
    final String originalMessageId;
    final String transactionCode;
    final TransportResponse response;
    final Instant readyAt;
    Instant lockedUntil = Instant.MIN;

    Answer(
        String sender,
        String messageId,
        String originalMessageId,
        String transactionCode,
        TransportResponse response,
        Instant readyAt) {
      this.sender = sender;
      this.messageId = messageId;
      this.originalMessageId = originalMessageId;
      this.transactionCode = transactionCode;
      this.response = response;
      this.readyAt = readyAt;
    }

    public String messageId() {
      return messageId;
    }

    public String originalMessageId() {
      return originalMessageId;
    }

    public String transactionCode() {
      return transactionCode;
    }

    public TransportResponse response() {
      return response;
    }
  }

  /** Queues an answer that becomes available after the delay. */
  public synchronized void add(
      String sender,
      String messageId,
      String originalMessageId,
      String transactionCode,
      TransportResponse response,
      Duration delay) {
    answers.add(
        new Answer(
            sender,
            messageId,
            originalMessageId,
            transactionCode,
            response,
            clock.instant().plus(delay)));
  }

  /** Takes the oldest ready answer of the sender and locks it until it is acknowledged. */
  public synchronized Optional<Answer> next(String sender) {
    Instant now = clock.instant();
    for (Answer answer : answers) {
      if (answer.sender.equals(sender)
          && !answer.readyAt.isAfter(now)
          && answer.lockedUntil.isBefore(now)) {
        answer.lockedUntil = now.plus(LOCK_TIME);
        return Optional.of(answer);
      }
    }
    return Optional.empty();
  }

  /** Removes an answer of the sender; returns false when there is none with that MessageID. */
  public synchronized boolean acknowledge(String sender, String messageId) {
    return answers.removeIf(
        answer -> answer.sender.equals(sender) && answer.messageId.equals(messageId));
  }

  /** Returns the number of answers not yet acknowledged. */
  public synchronized int size() {
    return answers.size();
  }
}
