package org.ezpsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {

  @Test
  void testEnvironmentIsNotProduction() {
    Environment environment = Environment.test(URI.create("https://eps.test.example/"));

    assertThat(environment.kind()).isEqualTo(Environment.Kind.TEST);
    assertThat(environment.isProduction()).isFalse();
  }

  @Test
  void productionEnvironmentIsProduction() {
    Environment environment = Environment.production(URI.create("https://eps.example/"));

    assertThat(environment.kind()).isEqualTo(Environment.Kind.PRODUCTION);
    assertThat(environment.isProduction()).isTrue();
  }

  @Test
  void environmentsDifferByKind() {
    URI endpoint = URI.create("https://eps.example/");

    assertThat(Environment.test(endpoint)).isNotEqualTo(Environment.production(endpoint));
  }

  @Test
  void rejectsMissingEndpoint() {
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Environment.test(null))
        .withMessageContaining("endpoint is missing");
  }

  @Test
  void rejectsFtpUrl() {
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Environment.production(URI.create("ftp://eps.example/")))
        .withMessageContaining("'ftp://eps.example/'")
        .withMessageContaining("not an http or https URL");
  }

  @Test
  void rejectsRelativeUrl() {
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Environment.test(URI.create("eps.example/base")))
        .withMessageContaining("not an http or https URL");
  }

  @Test
  void rejectsUrlWithoutHost() {
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Environment.test(URI.create("https:/base")))
        .withMessageContaining("has no host name");
  }

  @Test
  void rejectsUserInfoWithoutEchoingIt() {
    URI endpoint = URI.create("https://sender-42:s3cr3t-token@eps.example/");

    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Environment.test(endpoint))
        .withMessageContaining("user name or token")
        .withMessageNotContaining("s3cr3t-token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://eps.example/base?tenant=1", "https://eps.example/base#top"})
  void rejectsQueryOrFragment(String endpoint) {
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Environment.test(URI.create(endpoint)))
        .withMessageContaining("query or fragment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://host/base", "https://host/base/"})
  void resolvesUnderBasePath(String endpoint) {
    Environment environment = Environment.test(URI.create(endpoint));

    assertThat(environment.resolve("api/v1/letters"))
        .isEqualTo(URI.create("https://host/base/api/v1/letters"));
  }

  @Test
  void resolvesUnderHostWithoutPath() {
    Environment environment = Environment.test(URI.create("http://10.0.0.5:8080"));

    assertThat(environment.resolve("api/v1/letters"))
        .isEqualTo(URI.create("http://10.0.0.5:8080/api/v1/letters"));
  }

  @Test
  void acceptsSchemeInCapitals() {
    Environment environment = Environment.test(URI.create("HTTPS://host/base"));

    assertThat(environment.resolve("api/v1/letters").getHost()).isEqualTo("host");
  }
}
