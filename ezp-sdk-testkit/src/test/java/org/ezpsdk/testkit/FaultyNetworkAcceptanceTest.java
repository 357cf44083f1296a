package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 letters through the HTTP transport to an emulator that fails one request in five, with
 * every kind of fault on every operation: each letter must be accepted exactly once, and the
 * client's result must name the letter the emulator stored.
 */
class FaultyNetworkAcceptanceTest {
  private static final int LETTERS = 1000;
  private static final int SENDER_THREADS = 16;

  @TempDir Path files;

  @Test
  void everyLetterArrivesExactlyOnce() throws Exception {
    FaultPlan faults =
        FaultPlan.parse(
            List.of(
                "drop-after-commit=0.04",
                "status-500=0.04",
                "status-503=0.04:1s",
                "status-429=0.04:1s",
                "slow=0.04:1500ms"),
            42);
    // Short backoffs keep the run short; Retry-After still makes 429 and 503 wait 1 s. Ten
    // attempts make five failures in a row, about 3 in 10,000 letters at this fault rate, harmless.
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(10)
            .initialBackoff(Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(200))
            .totalDeadline(Duration.ofMinutes(2))
            .build();
    Path pdf = a4Pdf(files, "decision.pdf", 1);
    List<Letter> letters = new ArrayList<>();
    for (int i = 0; i < LETTERS; i++) {
      letters.add(paperLetter(nextBarcode(), false));
    }

    try (EpsEmulator emulator =
            EpsEmulator.builder().stepDelay(Duration.ofMinutes(10)).faults(faults).build().start();
        // A read timeout shorter than the slow responses turns them into lost responses.
        HttpTransport transport =
            HttpTransport.builder().readTimeout(Duration.ofMillis(1000)).build()) {
      EzpClient client = TestClients.client(emulator, transport, policy);
      List<SendResult> results = sendAll(client, letters, pdf);

      Map<String, EmulatedLetter> stored =
          emulator.letters().stream()
              .collect(Collectors.toMap(EmulatedLetter::barcode, Function.identity()));
      assertThat(emulator.duplicates()).as("letters that arrived twice").isEmpty();
      assertThat(emulator.letters()).as("letters accepted").hasSize(LETTERS);
      assertThat(emulator.acceptedLetterCounts().values()).as("letters per ШПИ").containsOnly(1);
      for (int i = 0; i < LETTERS; i++) {
        SendResult result = results.get(i);
        EmulatedLetter record = stored.get(letters.get(i).barcode());
        assertThat(record).as("stored letter %s", letters.get(i).barcode()).isNotNull();
        assertThat(result.barcode()).isEqualTo(record.barcode());
        assertThat(result.letterId()).as("id of %s", record.barcode()).isEqualTo(record.letterId());
      }
      assertThat(emulator.injectedFaults())
          .as("faults injected")
          .containsOnlyKeys("drop-after-commit", "status-500", "status-503", "status-429", "slow");
      assertThat(results.stream().filter(SendResult::alreadyAccepted).count())
          .as("letters found after a lost response")
          .isPositive();
    }
  }

  private static List<SendResult> sendAll(EzpClient client, List<Letter> letters, Path pdf)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS);
    try {
      List<Future<SendResult>> futures = new ArrayList<>();
      for (Letter letter : letters) {
        futures.add(senders.submit(() -> client.send(letter, pdf)));
      }
      List<SendResult> results = new ArrayList<>();
      for (Future<SendResult> future : futures) {
        results.add(future.get(3, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      senders.shutdownNow();
    }
  }
}
