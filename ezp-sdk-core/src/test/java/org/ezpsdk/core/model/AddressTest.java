package org.ezpsdk.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

  @Test
  void parseSplitsLeadingPostcode() {
    Address address = Address.parse("101000, г. Москва, ул. Мясницкая, д. 26");

    assertThat(address.postcode()).isEqualTo("101000");
    assertThat(address.line()).isEqualTo("г. Москва, ул. Мясницкая, д. 26");
  }

  @Test
  void parseAcceptsPostcodeWithoutComma() {
    Address address = Address.parse("  101000 г. Москва, ул. Мясницкая, д. 26 ");

    assertThat(address.postcode()).isEqualTo("101000");
    assertThat(address.line()).isEqualTo("г. Москва, ул. Мясницкая, д. 26");
  }

  @Test
  void parseKeepsTextWithoutPostcode() {
    Address address = Address.parse("г. Москва, ул. Мясницкая, д. 26");

    assertThat(address.postcode()).isNull();
    assertThat(address.line()).isEqualTo("г. Москва, ул. Мясницкая, д. 26");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1010001, г. Москва, ул. Мясницкая, д. 26", "10100, г. Москва"})
  void parseDoesNotCutPostcodeOfWrongLength(String oneLine) {
    Address address = Address.parse(oneLine);

    assertThat(address.postcode()).isNull();
    assertThat(address.line()).isEqualTo(oneLine);
  }

  @Test
  void oneLinePutsPostcodeFirst() {
    Address address = Address.of("101000", "г. Москва, ул. Мясницкая, д. 26");

    assertThat(address.oneLine()).isEqualTo("101000, г. Москва, ул. Мясницкая, д. 26");
  }

  @Test
  void letterReportsAddressWithoutPostcode() {
    Letter.Builder builder =
        SampleLetters.toIndividual().recipientAddress("г. Москва, ул. Мясницкая, д. 26");

    ValidationException error =
        assertThatExceptionOfType(ValidationException.class).isThrownBy(builder::build).actual();

    assertThat(error.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("recipientAddress.postcode", "POSTCODE_REQUIRED"));
  }
}
