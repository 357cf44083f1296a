package org.ezpsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsTest {
  private static final String TOKEN = "s3cr3t-token-9f2c";

  @Test
  void toStringHidesToken() {
    Credentials credentials = Credentials.of("sender-42", TOKEN);

    assertThat(credentials.toString()).doesNotContain(TOKEN);
    assertThat(credentials.toString()).contains("sender-42");
  }

  @Test
  void authorizationHeaderIsBasicOfIdAndToken() {
    Credentials credentials = Credentials.of("sender-42", TOKEN);
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("sender-42:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    assertThat(credentials.authorizationHeader()).isEqualTo(expected);
  }

  @Test
  void authorizationHeaderMatchesRfc7617Example() {
    Credentials credentials = Credentials.of("Aladdin", "open sesame");

    assertThat(credentials.authorizationHeader()).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  }

  @Test
  void authorizationHeaderEncodesUtf8() {
    Credentials credentials = Credentials.of("отправитель", "ключ");
    String encoded = credentials.authorizationHeader().substring("Basic ".length());

    String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);

    assertThat(decoded).isEqualTo("отправитель:ключ");
  }

  @Test
  void rejectsIdWithColonWithoutEchoingToken() {
    // A common mistake: pasting the whole "id:token" pair as the id.
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Credentials.of("sender-42:" + TOKEN, TOKEN))
        .withMessageContaining("contains ':'")
        .withMessageNotContaining(TOKEN);
  }

  @ParameterizedTest
  @CsvSource(
      value = {"NULL, " + TOKEN, "'  ', " + TOKEN, "sender-42, NULL", "sender-42, '  '"},
      nullValues = "NULL")
  void rejectsMissingIdOrTokenWithoutEchoingToken(String id, String token) {
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> Credentials.of(id, token))
        .withMessageContaining("missing")
        .withMessageNotContaining(TOKEN);
  }

  @Test
  void matchesOwnAuthorizationHeader() {
    Credentials credentials = Credentials.of("sender-42", TOKEN);

    assertThat(credentials.matchesAuthorizationHeader(credentials.authorizationHeader())).isTrue();
  }

  @Test
  void doesNotMatchOtherHeaders() {
    Credentials credentials = Credentials.of("sender-42", TOKEN);
    String otherToken = Credentials.of("sender-42", TOKEN + "x").authorizationHeader();
    String otherId = Credentials.of("sender-43", TOKEN).authorizationHeader();
    String bare = credentials.authorizationHeader().substring("Basic ".length());

    assertThat(credentials.matchesAuthorizationHeader(otherToken)).isFalse();
    assertThat(credentials.matchesAuthorizationHeader(otherId)).isFalse();
    assertThat(credentials.matchesAuthorizationHeader(bare)).isFalse();
    assertThat(credentials.matchesAuthorizationHeader(null)).isFalse();
    assertThat(credentials.matchesAuthorizationHeader("")).isFalse();
  }

  @Test
  void stripsSurroundingWhitespace() {
    Credentials padded = Credentials.of(" sender-42 ", TOKEN + "\n");

    assertThat(padded.id()).isEqualTo("sender-42");
    assertThat(padded.authorizationHeader())
        .isEqualTo(Credentials.of("sender-42", TOKEN).authorizationHeader());
  }
}
