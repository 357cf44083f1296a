package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.Test;

/** The emulator's own life: settings, start, close and the credentials it accepts. */
class EpsEmulatorTest {

  @Test
  void rejectsInvalidSettingsAllAtOnce() {
    EpsEmulator.Builder builder =
        EpsEmulator.builder()
            .port(70000)
            .stepDelay(Duration.ofMillis(-1))
            .returnEveryNthPaperLetter(-2)
            .maxRequestBytes(0);

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("port is 70000")
        .hasMessageContaining("stepDelay")
        .hasMessageContaining("returnEveryNthPaperLetter is -2")
        .hasMessageContaining("maxRequestBytes is 0");
  }

  @Test
  void baseUriIsLoopbackWithChosenPort() {
    try (EpsEmulator emulator = EpsEmulator.builder().build().start()) {
      assertThat(emulator.baseUri().toString())
          .isEqualTo("http://127.0.0.1:" + emulator.port() + "/");
    }
  }

  @Test
  void portInUseFailsWithAdvice() {
    try (EpsEmulator first = EpsEmulator.builder().build().start()) {
      EpsEmulator second = EpsEmulator.builder().port(first.port()).build();

      assertThatThrownBy(second::start)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(String.valueOf(first.port()))
          .hasMessageContaining("free port");
    }
  }

  @Test
  void startTwiceIsRejected() {
    try (EpsEmulator emulator = EpsEmulator.builder().build().start()) {
      assertThatThrownBy(emulator::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closeEndsAwaitTerminationAndStopsServing() throws Exception {
    EpsEmulator emulator = EpsEmulator.builder().build().start();
    EzpClient client;
    try (HttpTransport transport = HttpTransport.create()) {
      client =
          EzpClient.builder()
              .environment(Environment.test(emulator.baseUri()))
              .credentials(EpsEmulator.testCredentials())
              .transport(transport)
              .build();
      assertThat(client.events(null, 1).events()).isEmpty();

      emulator.close();

      assertThat(emulator.awaitTermination(Duration.ofSeconds(5))).isTrue();
      assertThatThrownBy(() -> client.events(null, 1)).isInstanceOf(TransportException.class);
    }
  }

  @Test
  void acceptsEachConfiguredSender() {
    Credentials court = Credentials.of("court", "court-token");
    Credentials bank = Credentials.of("bank", "bank-token");
    try (EpsEmulator emulator = EpsEmulator.builder().credentials(court, bank).build().start();
        HttpTransport transport = HttpTransport.create()) {
      for (Credentials credentials : new Credentials[] {court, bank}) {
        EzpClient client = TestClients.client(emulator, credentials, transport);

        assertThat(client.events(null, 10).events()).as(credentials.id()).isEmpty();
      }
      EzpClient defaultPair = TestClients.client(emulator, transport);
      assertThatThrownBy(() -> defaultPair.events(null, 10))
          .isInstanceOfSatisfying(
              EzpServiceException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }
  }
}
