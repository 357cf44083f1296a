package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The JUnit extension: one emulator per class, a fresh one per test, parameter injection. */
class EpsEmulatorExtensionTest {

  @Nested
  @ExtendWith(EpsEmulatorExtension.class)
  class PerClassWithDefaults {
    private final EpsEmulator injected;

    PerClassWithDefaults(EpsEmulator injected) {
      this.injected = injected;
    }

    @Test
    void injectsRunningEmulatorWithDefaults(EpsEmulator emulator) {
      assertThat(emulator).isSameAs(injected);
      assertThat(emulator.baseUri().getHost()).isEqualTo("127.0.0.1");
      assertThat(emulator.baseUri().getPort()).isPositive();
      assertThat(emulator.baseUri().getPath()).isEqualTo("/");
    }
  }

  @Nested
  class StaticFieldPerClass {
    private static EpsEmulator seenBeforeAll;

    @RegisterExtension
    static final EpsEmulatorExtension EPS =
        EpsEmulatorExtension.perClass(EpsEmulator.builder().stepDelay(Duration.ofMillis(20)));

    @BeforeAll
    static void remember(EpsEmulator emulator) {
      seenBeforeAll = emulator;
    }

    @AfterAll
    static void forget() {
      seenBeforeAll = null;
    }

    @Test
    void sharesOneEmulatorAcrossTests(EpsEmulator emulator) {
      assertThat(emulator).isSameAs(seenBeforeAll);
      assertThat(EPS.emulator()).isSameAs(emulator);
    }
  }

  @Nested
  class PerTest {
    @RegisterExtension
    final EpsEmulatorExtension eps =
        EpsEmulatorExtension.perTest(EpsEmulator.builder().stepDelay(Duration.ofMillis(20)));

    @TempDir Path files;

    @Test
    void startsWithNoLettersInFirstTest(EpsEmulator emulator) throws Exception {
      sendOneLetter(emulator);

      assertThat(emulator.letters()).hasSize(1);
    }

    @Test
    void startsWithNoLettersInSecondTest(EpsEmulator emulator) throws Exception {
      sendOneLetter(emulator);

      assertThat(emulator.letters()).hasSize(1);
    }

    private void sendOneLetter(EpsEmulator emulator) throws Exception {
      try (HttpTransport transport = HttpTransport.create()) {
        TestClients.client(emulator, transport)
            .send(
                TestLetters.paperLetter(TestLetters.nextBarcode(), false),
                TestLetters.a4Pdf(files, "a.pdf", 1));
      }
    }
  }
}
