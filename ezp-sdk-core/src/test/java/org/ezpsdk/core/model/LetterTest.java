package org.ezpsdk.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;

class LetterTest {

  @Test
  void buildsRegisteredLetterToIndividual() {
    Letter letter = SampleLetters.toIndividual().build();

    assertThat(letter.recipient()).isEqualTo(Recipient.individual("Иванов", "Иван", "Иванович"));
    assertThat(letter.recipientAddress().postcode()).isEqualTo("101000");
    assertThat(letter.barcode()).isEqualTo(SampleLetters.BARCODE);
    assertThat(letter.type()).isEqualTo(LetterType.REGISTERED);
    assertThat(letter.electronicNotice()).isTrue();
  }

  @Test
  void buildsRegisteredLetterToOrganisation() {
    Letter letter = SampleLetters.toOrganisation().build();

    assertThat(letter.recipient())
        .isEqualTo(Recipient.organisation("ПАО Сбербанк", "7707083893", "773601001"));
    assertThat(letter.mailRank()).isEqualTo(MailRank.CREDIT);
  }

  @Test
  void buildsLetterToSoleTraderWithoutKpp() {
    Letter letter =
        SampleLetters.toOrganisation()
            .recipient(Recipient.organisation("ИП Петров П. П.", "500100732259", null))
            .build();

    assertThat(letter.recipient()).isInstanceOf(Recipient.Organisation.class);
  }

  @Test
  void buildsRegularLetterWithoutBarcode() {
    Letter letter =
        SampleLetters.toIndividual()
            .type(LetterType.REGULAR)
            .electronicNotice(false)
            .barcode(null)
            .build();

    assertThat(letter.barcode()).isNull();
  }

  @Test
  void builderTrimsTextAndRemovesSpacesFromBarcode() {
    Letter letter =
        SampleLetters.toIndividual()
            .documentNumber("  А40-1/2024 ")
            .barcode(" 800801 52 00004 8 ")
            .build();

    assertThat(letter.documentNumber()).isEqualTo("А40-1/2024");
    assertThat(letter.barcode()).isEqualTo(SampleLetters.BARCODE);
  }

  @Test
  void buildReportsEveryViolationAtOnce() {
    Letter.Builder builder =
        SampleLetters.toOrganisation()
            .recipient(Recipient.organisation("ПАО Сбербанк", "7707083894", "773601001"))
            .title(" ")
            .recipientAddress(Address.of("012345", "г. Москва, ул. Вавилова, д. 19"))
            .barcode("80080152000049");

    ValidationException error = buildFails(builder);

    assertThat(error.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("recipient.inn", "INN_CHECK_DIGIT"),
            tuple("title", "REQUIRED"),
            tuple("recipientAddress.postcode", "POSTCODE_FORMAT"),
            tuple("barcode", "BARCODE_CHECK_DIGIT"));
    assertThat(error.getMessage()).contains("4 problems");
  }

  @Test
  void buildReportsEmptyBuilderFieldByField() {
    ValidationException error = buildFails(Letter.builder());

    assertThat(error.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "documentNumber",
            "title",
            "documentDate",
            "sender",
            "recipient",
            "recipientAddress",
            "barcode");
  }

  @Test
  void rejectsElectronicNoticeOnRegularLetter() {
    Letter.Builder builder =
        SampleLetters.toIndividual().type(LetterType.REGULAR).barcode(null).electronicNotice(true);

    assertThat(buildFails(builder).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("electronicNotice", "NOTICE_NEEDS_REGISTERED"));
  }

  @Test
  void rejectsBarcodeOnRegularLetter() {
    Letter.Builder builder =
        SampleLetters.toIndividual().type(LetterType.REGULAR).electronicNotice(false);

    assertThat(buildFails(builder).violations())
        .extracting(Violation::field, Violation::rule, Violation::rejectedValue)
        .containsExactly(tuple("barcode", "BARCODE_NOT_ALLOWED", SampleLetters.BARCODE));
  }

  @Test
  void rejectsRegisteredLetterWithoutBarcode() {
    Letter.Builder builder = SampleLetters.toIndividual().barcode(null);

    assertThat(buildFails(builder).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("barcode", "BARCODE_REQUIRED"));
  }

  @Test
  void rejectsTenDigitInnWithoutKpp() {
    Letter.Builder builder =
        SampleLetters.toOrganisation()
            .recipient(Recipient.organisation("ПАО Сбербанк", "7707083893", null));

    assertThat(buildFails(builder).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("recipient.kpp", "KPP_REQUIRED"));
  }

  @Test
  void rejectsIndividualWithoutSurname() {
    Letter.Builder builder =
        SampleLetters.toIndividual().recipient(Recipient.individual(" ", "Иван", null));

    assertThat(buildFails(builder).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("recipient.surname", "REQUIRED"));
  }

  @Test
  void rejectsTooLongDocumentNumber() {
    String number = "№".repeat(Letter.MAX_DOCUMENT_NUMBER_LENGTH + 1);

    Violation violation =
        buildFails(SampleLetters.toIndividual().documentNumber(number)).violations().get(0);

    assertThat(violation.rule()).isEqualTo("TOO_LONG");
    assertThat(violation.message()).contains(String.valueOf(number.length()));
  }

  @Test
  void violationToStringIsOneLine() {
    Letter.Builder builder =
        SampleLetters.toOrganisation()
            .recipient(Recipient.organisation("ПАО Сбербанк", "7707083894", "773601001"))
            .barcode("80080152000049")
            .title(null);

    for (Violation violation : buildFails(builder).violations()) {
      String text = violation.toString();

      assertThat(text).doesNotContain("\n").doesNotContain("\r");
      assertThat(text).contains(violation.field());
      assertThat(text).contains(violation.rule());
      assertThat(text)
          .contains(violation.rejectedValue() == null ? "missing" : violation.rejectedValue());
    }
  }

  @Test
  void violationToStringEscapesLineBreak() {
    Violation violation =
        new Violation("barcode", "BARCODE_FORMAT", "8008015\n2000048", "wrong format");

    assertThat(violation.toString()).doesNotContain("\n");
    assertThat(violation.toString()).contains("8008015");
  }

  @Test
  void toStringLeavesOutPersonalData() {
    String text = SampleLetters.toIndividual().build().toString();

    assertThat(text).contains(SampleLetters.BARCODE);
    assertThat(text).doesNotContain("Иванов");
    assertThat(text).doesNotContain("Иван");
    assertThat(text).doesNotContain("Мясницкая");
    assertThat(text).doesNotContain("101000");
  }

  @Test
  void toBuilderRoundTripEquals() {
    Letter original = SampleLetters.toOrganisation().build();

    Letter copy = original.toBuilder().build();

    assertThat(copy).isEqualTo(original);
    assertThat(copy).hasSameHashCodeAs(original);
  }

  @Test
  void toBuilderChangesOnlyTheCopy() {
    Letter original = SampleLetters.toIndividual().build();

    Letter changed = original.toBuilder().mailRank(MailRank.GOVERNMENT).build();

    assertThat(changed).isNotEqualTo(original);
    assertThat(original.mailRank()).isEqualTo(MailRank.JUDICIAL);
  }

  private static ValidationException buildFails(Letter.Builder builder) {
    return assertThatExceptionOfType(ValidationException.class).isThrownBy(builder::build).actual();
  }
}
