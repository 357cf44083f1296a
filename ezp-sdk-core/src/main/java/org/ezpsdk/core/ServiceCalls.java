package org.ezpsdk.core;

import java.time.Duration;
import java.util.Optional;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.core.spi.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests with the sender's credentials, and retries read requests (status, lookups, events,
 * notices) under the client's {@link RetryPolicy}. Thread-safe.
 */
final class ServiceCalls {
  private static final Logger log = LoggerFactory.getLogger(EzpClient.class);

  private final Transport transport;
  private final Credentials credentials;
  private final WireFormat wireFormat;
  private final RetryPolicy policy;

  ServiceCalls(
      Transport transport, Credentials credentials, WireFormat wireFormat, RetryPolicy policy) {
    this.transport = transport;
    this.credentials = credentials;
    this.wireFormat = wireFormat;
    this.policy = policy;
  }

  WireFormat wireFormat() {
    return wireFormat;
  }

  RetryPolicy policy() {
    return policy;
  }

  /**
   * Sends the request once with the {@code Authorization} header and returns the response, whatever
   * its status.
   */
  TransportResponse once(TransportRequest request) {
    return transport.execute(
        request.withHeader("Authorization", credentials.authorizationHeader()));
  }

  /**
   * Sends a read request until it succeeds, retrying connection failures, timeouts and the
   * responses 429, 500, 502, 503 and 504 while the policy allows. Unlike a send, a read is retried
   * after 500, because repeating it changes nothing on the service.
   *
   * @param subject what is read, for logs and messages, such as {@code "letter L-1"}
   * @return the successful response
   * @throws EzpServiceException for an error response that is not retried, or the last one
   * @throws TransportException for a TLS failure, or the last failure when retries ran out
   */
  TransportResponse read(TransportRequest request, String subject) {
    RetryBudget budget = new RetryBudget(policy);
    while (true) {
      budget.startAttempt();
      RuntimeException failure;
      Duration retryAfter = null;
      try {
        TransportResponse response = once(request);
        if (response.isSuccessful()) {
          return response;
        }
        EzpServiceException error = wireFormat.readError(response);
        if (!isRetryableRead(response.statusCode())) {
          log.debug("{} of {} failed: {}", request.operation(), subject, error.getMessage());
          throw error;
        }
        failure = error;
        retryAfter = RetryAfter.of(response, policy.clock());
      } catch (TransportException e) {
        if (!e.retryable()) {
          throw e;
        }
        failure = e;
      }
      waitBeforeRetry(budget, failure, retryAfter, request.operation(), subject);
    }
  }

  /**
   * Waits before the next attempt, or throws the failure when no attempt or time is left. Logs the
   * retry at INFO with the subject, the attempt, the cause and the wait.
   */
  void waitBeforeRetry(
      RetryBudget budget,
      RuntimeException failure,
      Duration retryAfter,
      String operation,
      String subject) {
    Optional<Duration> delay =
        budget.attemptsLeft() ? budget.delayBeforeAttempt(retryAfter) : Optional.empty();
    if (delay.isEmpty()) {
      log.info(
          "Giving up {} of {} after {} attempt(s): {}",
          operation,
          subject,
          budget.attempts(),
          failure.getMessage());
      throw failure;
    }
    log.info(
        "Retrying {} of {}: attempt {} of {} in {} ms{} after: {}",
        operation,
        subject,
        budget.attempts() + 1,
        budget.maxAttempts(),
        delay.get().toMillis(),
        retryAfter == null ? "" : " (Retry-After)",
        failure.getMessage());
    notifyListener(
        new RetryPolicy.RetryEvent(
            operation, budget.attempts() + 1, budget.maxAttempts(), delay.get(), failure));
    budget.sleep(delay.get(), operation + " of " + subject);
  }

  /** Passes the event to the policy's listener. A listener's exception is logged and not thrown. */
  void notifyListener(RetryPolicy.RetryEvent event) {
    try {
      policy.listener().beforeRetry(event);
    } catch (RuntimeException e) {
      log.warn("The retry listener failed; retrying anyway", e);
    }
  }

  private static boolean isRetryableRead(int status) {
    return status == 500 || isRetryableStatus(status);
  }

  /** Returns true for the responses that mean "try again later": 429, 502, 503 and 504. */
  static boolean isRetryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }
}
