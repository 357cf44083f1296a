package org.ezpsdk.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.core.spi.Submission;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.core.spi.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one letter at most once under its idempotency key, through connection failures, lost
 * responses and "try again later" responses.
 *
 * <ul>
 *   <li>Sent again after a wait: a failure before any byte of the request was written, 429, 503.
 *   <li>Looked up first: a failure after the request may have arrived, 500, 502, 504. A letter
 *       found under the same key is the result; otherwise it is sent again under the same key.
 *   <li>Never retried: TLS failures and every other error response.
 * </ul>
 */
final class LetterSender {
  private static final Logger log = LoggerFactory.getLogger(EzpClient.class);

  private final ServiceCalls calls;
  private final WireFormat wireFormat;
  private final Environment environment;

  LetterSender(ServiceCalls calls, Environment environment) {
    this.calls = calls;
    this.wireFormat = calls.wireFormat();
    this.environment = environment;
  }

  SendResult send(Submission submission) {
    TransportRequest request = wireFormat.sendLetter(environment, submission);
    String subject = describe(submission);
    RetryBudget budget = new RetryBudget(calls.policy());
    while (true) {
      int attempt = budget.startAttempt();
      Failure failure;
      try {
        TransportResponse response = calls.once(request);
        if (response.isSuccessful()) {
          LetterReceipt receipt = wireFormat.readReceipt(response);
          return new SendResult(receipt, wireFormat.isRepeatedReceipt(response), attempt);
        }
        failure = classify(response);
      } catch (TransportException e) {
        if (!e.retryable()) {
          throw e;
        }
        failure = new Failure(e, e.requestMayHaveArrived(), null);
      }

      if (failure.outcomeUnknown()) {
        Optional<LetterReceipt> found = lookUp(submission, budget, subject, failure.cause());
        if (found.isPresent()) {
          log.info(
              "Found {} accepted as {} after the response to attempt {} was lost; not sending it again",
              subject,
              found.get().letterId(),
              attempt);
          return new SendResult(found.get(), true, attempt);
        }
      }
      calls.waitBeforeRetry(
          budget, failure.cause(), failure.retryAfter(), request.operation(), subject);
    }
  }

  /**
   * Returns the failure that an error response is, or throws it when it is not retried.
   *
   * @throws EzpServiceException for every response but 429, 500, 502, 503 and 504
   */
  private Failure classify(TransportResponse response) {
    int status = response.statusCode();
    EzpServiceException error = wireFormat.readError(response);
    Duration retryAfter = RetryAfter.of(response, calls.policy().clock());
    if (status == 429 || status == 503) {
      return new Failure(error, false, retryAfter);
    }
    if (status == 500 || status == 502 || status == 504) {
      // The whole request was sent; the service or a proxy in front of it may have stored the
      // letter before the error.
      return new Failure(error, true, retryAfter);
    }
    throw error;
  }

  /**
   * Asks the service whether it has the letter, by ШПИ or else by idempotency key, retrying failed
   * lookups until the deadline.
   *
   * @return the letter's receipt when the service has it under this key, empty when it has not
   * @throws OutcomeUnknownException when the lookup keeps failing until the deadline, or fails in a
   *     way that retrying cannot fix
   */
  private Optional<LetterReceipt> lookUp(
      Submission submission, RetryBudget budget, String subject, RuntimeException sendFailure) {
    String key = submission.idempotencyKey();
    String barcode = submission.letter().barcode();
    TransportRequest lookup;
    if (barcode != null) {
      lookup = wireFormat.findLetters(environment, barcode);
    } else {
      try {
        lookup = wireFormat.findLettersByIdempotencyKey(environment, key);
      } catch (UnsupportedOperationException e) {
        log.info(
            "Cannot look up {} ({}); sending it again under the same key", subject, e.getMessage());
        return Optional.empty();
      }
    }
    log.info(
        "Looking up {} before sending it again, because the outcome of attempt {} is unknown: {}",
        subject,
        budget.attempts(),
        sendFailure.getMessage());

    while (true) {
      RuntimeException failure;
      Duration retryAfter = null;
      List<LetterInfo> letters = null;
      try {
        TransportResponse response = calls.once(lookup);
        if (response.isSuccessful()) {
          letters = wireFormat.readLetters(response);
        }
        if (letters == null) {
          failure = wireFormat.readError(response);
          retryAfter = RetryAfter.of(response, calls.policy().clock());
          if (response.statusCode() < 500
              && !ServiceCalls.isRetryableStatus(response.statusCode())) {
            throw new OutcomeUnknownException(key, barcode, failure);
          }
        } else {
          failure = null;
        }
      } catch (TransportException e) {
        if (!e.retryable()) {
          throw new OutcomeUnknownException(key, barcode, e);
        }
        failure = e;
      } catch (EzpServiceException e) {
        // A response that is not a valid letter list.
        throw new OutcomeUnknownException(key, barcode, e);
      }
      if (letters != null) {
        // Outside the try block, so that a conflict it reports is not taken for a bad response.
        return match(letters, submission);
      }
      Optional<Duration> delay = budget.delayBeforeLookup(retryAfter);
      if (delay.isEmpty()) {
        throw new OutcomeUnknownException(key, barcode, failure);
      }
      log.info(
          "Lookup of {} failed, looking again in {} ms: {}",
          subject,
          delay.get().toMillis(),
          failure.getMessage());
      // Lookups are limited by the deadline only, so maxAttempts is the policy's send limit. A
      // listener distinguishes a lookup from a send by the operation name.
      calls.notifyListener(
          new RetryPolicy.RetryEvent(
              lookup.operation(),
              budget.failedLookups() + 1,
              budget.maxAttempts(),
              delay.get(),
              failure));
      budget.sleep(delay.get(), "the lookup of " + subject);
    }
  }

  /**
   * Returns the receipt of the letter sent under the submission's key; one under another key is not
   * ours.
   *
   * @throws EzpServiceException when the service has a letter under this key with another PDF, as
   *     it would respond to a repeat of this request
   */
  private static Optional<LetterReceipt> match(List<LetterInfo> letters, Submission submission) {
    String key = submission.idempotencyKey();
    Optional<LetterInfo> ours =
        letters.stream()
            .filter(info -> info.idempotencyKey() == null || info.idempotencyKey().equals(key))
            .findFirst();
    if (ours.isPresent() && ours.get().attachmentSha256() != null) {
      String local = sha256(submission.attachment());
      if (!ours.get().attachmentSha256().equalsIgnoreCase(local)) {
        String message =
            "a letter with another PDF was already accepted under idempotency key "
                + key
                + " as "
                + ours.get().letterId()
                + "; this PDF was not sent. Use a new ШПИ or key for a new document";
        throw new EzpServiceException(
            409,
            message,
            null,
            List.of(
                new EzpServiceException.ServiceError(
                    "IDEMPOTENCY_KEY_REUSED", "attachment", message)));
      }
    }
    return ours.map(info -> receiptOf(info, key));
  }

  private static String sha256(Path file) {
    try {
      return Sha256.hex(file);
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read '" + file + "' to compare it with the accepted letter: " + e.getMessage(),
          e);
    }
  }

  /** Builds a receipt from the letter's first status, which is its acceptance. */
  static LetterReceipt receiptOf(LetterInfo info, String key) {
    List<StatusChange> history = info.history();
    LetterStatus status = history.isEmpty() ? info.status() : history.get(0).status();
    Instant acceptedAt = history.isEmpty() ? null : history.get(0).at();
    return new LetterReceipt(info.letterId(), info.barcode(), status, acceptedAt, key);
  }

  private static String describe(Submission submission) {
    String barcode = submission.letter().barcode();
    return barcode != null
        ? "letter " + barcode
        : "letter without ШПИ under idempotency key " + submission.idempotencyKey();
  }

  /**
   * One failed attempt.
   *
   * @param cause what failed
   * @param outcomeUnknown true when the service may have stored the letter
   * @param retryAfter the wait the service asked for, or null
   */
  private record Failure(RuntimeException cause, boolean outcomeUnknown, Duration retryAfter) {}
}
