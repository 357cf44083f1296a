package org.ezpsdk.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.SampleLetters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LetterJsonTest {

  static Stream<Letter> letters() {
    return Stream.of(
        SampleLetters.toIndividual().build(),
        SampleLetters.toOrganisation().build(),
        SampleLetters.toIndividual()
            .type(LetterType.REGULAR)
            .barcode(null)
            .electronicNotice(false)
            .build());
  }

  @ParameterizedTest
  @MethodSource("letters")
  void jsonRoundTripGivesEqualLetter(Letter original) throws IOException {
    byte[] json = WireProfileV1.toJson(LetterJson.from(original));

    LetterJson read = WireProfileV1.objectMapper().readValue(json, LetterJson.class);

    assertThat(read.toLetter()).isEqualTo(original);
  }

  @Test
  void jsonUsesDocumentedFieldNames() {
    String json = jsonText(SampleLetters.toIndividual().build());

    assertThat(json).contains("\"barcode\":\"80080152000048\"");
    assertThat(json).contains("\"type\":\"REGISTERED\"");
    assertThat(json).contains("\"mailRank\":4");
    assertThat(json).contains("\"electronicNotice\":true");
    assertThat(json)
        .contains(
            "\"document\":{\"number\":\"А40-12345/2024\",\"date\":\"2024-03-01\","
                + "\"title\":\"Определение о назначении судебного заседания\"}");
    assertThat(json).contains("\"recipient\":{\"kind\":\"INDIVIDUAL\",\"surname\":\"Иванов\"");
    assertThat(json)
        .contains(
            "\"recipientAddress\":{\"postcode\":\"101000\","
                + "\"line\":\"г. Москва, ул. Мясницкая, д. 26\"}");
    assertThat(json).contains("\"sender\":{\"name\":\"Арбитражный суд города Москвы\"");
    assertThat(json).contains("\"returnAddress\":{\"postcode\":\"115225\"");
  }

  @Test
  void organisationJsonCarriesKindInnAndKppOnly() throws IOException {
    String json = jsonText(SampleLetters.toOrganisation().build());

    JsonNode recipient = WireProfileV1.objectMapper().readTree(json).get("recipient");

    assertThat(recipient.properties())
        .extracting(entry -> entry.getKey())
        .containsExactly("kind", "name", "inn", "kpp");
    assertThat(recipient.get("kind").asText()).isEqualTo("ORGANISATION");
    assertThat(recipient.get("inn").asText()).isEqualTo("7707083893");
  }

  @Test
  void regularLetterJsonHasNoBarcode() {
    Letter regular =
        SampleLetters.toIndividual()
            .type(LetterType.REGULAR)
            .barcode(null)
            .electronicNotice(false)
            .build();

    assertThat(jsonText(regular)).doesNotContain("barcode");
  }

  @Test
  void reportsWrongInnAndUnknownRecipientKindTogether() throws IOException {
    String json =
        jsonText(SampleLetters.toOrganisation().build())
            .replace("\"kind\":\"ORGANISATION\"", "\"kind\":\"COMPANY\"")
            .replace("7707083893", "7707083894");
    LetterJson read = WireProfileV1.objectMapper().readValue(json, LetterJson.class);

    ValidationException error =
        assertThatExceptionOfType(ValidationException.class).isThrownBy(read::toLetter).actual();

    assertThat(error.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("recipient.kind", "RECIPIENT_KIND_UNKNOWN"),
            tuple("recipient.inn", "INN_CHECK_DIGIT"));
  }

  @Test
  void reportsUnknownTypeAndRank() throws IOException {
    String json =
        jsonText(SampleLetters.toIndividual().build())
            .replace("\"type\":\"REGISTERED\"", "\"type\":\"URGENT\"")
            .replace("\"mailRank\":4", "\"mailRank\":9")
            .replace("\"101000\"", "\"10100\"");
    LetterJson read = WireProfileV1.objectMapper().readValue(json, LetterJson.class);

    ValidationException error =
        assertThatExceptionOfType(ValidationException.class).isThrownBy(read::toLetter).actual();

    assertThat(error.violations())
        .extracting(Violation::field, Violation::rule, Violation::rejectedValue)
        .containsExactlyInAnyOrder(
            tuple("type", "TYPE_UNKNOWN", "URGENT"),
            tuple("mailRank", "MAIL_RANK_RANGE", "9"),
            tuple("recipientAddress.postcode", "POSTCODE_FORMAT", "10100"));
  }

  @Test
  void readsJsonWithUnknownFields() throws IOException {
    Letter original = SampleLetters.toIndividual().build();
    String json = jsonText(original).replaceFirst("\\{", "{\"comment\":\"added later\",");

    LetterJson read = WireProfileV1.objectMapper().readValue(json, LetterJson.class);

    assertThat(read.toLetter()).isEqualTo(original);
  }

  @Test
  void reportsMissingParts() throws IOException {
    LetterJson read =
        WireProfileV1.objectMapper().readValue("{\"type\":\"REGISTERED\"}", LetterJson.class);

    ValidationException error =
        assertThatExceptionOfType(ValidationException.class).isThrownBy(read::toLetter).actual();

    assertThat(error.violations())
        .extracting(Violation::field)
        .containsAll(List.of("documentNumber", "sender", "recipient", "recipientAddress"));
  }

  private static String jsonText(Letter letter) {
    return new String(WireProfileV1.toJson(LetterJson.from(letter)), StandardCharsets.UTF_8);
  }
}
