package org.ezpsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.EzpServiceException.ServiceError;
import org.ezpsdk.core.error.PreflightException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {
  private static final Violation BAD_INN =
      new Violation("recipient.inn", "INN_CHECK_DIGIT", "7707083894", "ИНН check digit is wrong");
  private static final Violation NO_TITLE =
      new Violation("title", "REQUIRED", null, "the value is required");

  @Test
  void busyAndFailedResponsesAreTemporary() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(new EzpServiceException(status, "busy", null, List.of()).isTemporary())
          .as("HTTP %d", status)
          .isTrue();
    }
    for (int status : new int[] {400, 401, 403, 404, 409, 413, 422}) {
      assertThat(new EzpServiceException(status, "rejected", null, List.of()).isTemporary())
          .as("HTTP %d", status)
          .isFalse();
    }
  }

  @Test
  void serviceExceptionMessageCarriesEveryPart() {
    EzpServiceException error =
        new EzpServiceException(
            409,
            "Idempotency key reused",
            "req-9",
            List.of(new ServiceError("IDEMPOTENCY_CONFLICT", "Idempotency-Key", "other content")));

    assertThat(error.getMessage()).contains("HTTP 409");
    assertThat(error.getMessage()).contains("Idempotency key reused");
    assertThat(error.getMessage()).contains("IDEMPOTENCY_CONFLICT on Idempotency-Key");
    assertThat(error.getMessage()).contains("other content");
    assertThat(error.getMessage()).contains("request id req-9");
  }

  @Test
  void serviceExceptionMessageLeavesOutMissingParts() {
    EzpServiceException error =
        new EzpServiceException(
            400, null, null, List.of(new ServiceError("INVALID", null, "bad request")));

    assertThat(error.getMessage())
        .isEqualTo("EPS service answered HTTP 400 [INVALID: bad request]");
    assertThat(error.requestId()).isNull();
  }

  @Test
  void validationMessageWithOneViolationQuotesIt() {
    ValidationException error = new ValidationException("Letter", List.of(BAD_INN));

    assertThat(error.getMessage())
        .isEqualTo(
            "Letter is invalid: recipient.inn: ИНН check digit is wrong"
                + " [rule INN_CHECK_DIGIT, value '7707083894']");
  }

  @Test
  void validationMessageCountsViolations() {
    ValidationException error = new ValidationException("Letter", List.of(BAD_INN, NO_TITLE));

    assertThat(error.getMessage()).startsWith("Letter is invalid (2 problems): ");
    assertThat(error.getMessage()).contains("recipient.inn");
    assertThat(error.getMessage())
        .contains("title: the value is required [rule REQUIRED, value missing]");
    assertThat(error.violations()).containsExactly(BAD_INN, NO_TITLE);
  }

  @Test
  void validationExceptionNeedsViolation() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ValidationException("Letter", List.of()));
  }

  @Test
  void preflightExceptionNamesFile() {
    Violation landscape =
        new Violation("page 2", "PAGE_FORMAT", "841.89 × 595.28 pt", "the page is landscape");

    PreflightException error = new PreflightException("claim.pdf", List.of(landscape));

    assertThat(error.getMessage()).startsWith("PDF attachment 'claim.pdf' is invalid: page 2");
    assertThat(error).isInstanceOf(EzpClientException.class);
  }
}
