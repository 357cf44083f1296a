package org.ezpsdk.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LetterTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "line feed, 000A",
    "NUL, 0000",
    "bell, 0007",
    "right-to-left override, 202E",
    "first strong isolate, 2068",
    "unpaired high surrogate, D800",
    "unpaired low surrogate, DC00"
  })
  void rejectsForbiddenCharacterInName(String description, String hex) {
    char c = (char) Integer.parseInt(hex, 16);
    Letter.Builder builder =
        SampleLetters.toIndividual()
            .recipient(Recipient.individual("Иванов" + c + "ич", "Иван", null));

    ValidationException e = catchThrowableOfType(ValidationException.class, builder::build);

    assertThat(e).as("ValidationException").isNotNull();
    Violation violation = e.violations().get(0);
    assertThat(violation.field()).isEqualTo("recipient.surname");
    assertThat(violation.rule()).isEqualTo("FORBIDDEN_CHARACTER");
    assertThat(violation.rejectedValue()).isEqualTo("U+" + hex);
  }

  @Test
  void acceptsPairedSurrogates() {
    Letter letter = SampleLetters.toIndividual().title("Решение \uD835\uDC00").build();

    assertThat(letter.title()).endsWith("\uD835\uDC00");
  }

  @Test
  void normalisesDecomposedLetters() {
    String decomposed = "И\u0306ванов";
    Letter letter =
        SampleLetters.toIndividual()
            .recipient(Recipient.individual(decomposed, "Иван", null))
            .build();

    Recipient.Individual person = (Recipient.Individual) letter.recipient();
    assertThat(person.surname()).isEqualTo("Йванов");
  }
}
