package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.testkit.internal.FaultInjector;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's fault plans, its duplicate log and its lookup by idempotency key. */
class FaultInjectionTest {

  @TempDir Path files;

  private HttpTransport transport;
  private EpsEmulator emulator;

  @BeforeEach
  void openTransport() {
    transport = HttpTransport.create();
  }

  @AfterEach
  void close() {
    transport.close();
    if (emulator != null) {
      emulator.close();
    }
  }

  private EpsEmulator start(FaultPlan plan) {
    emulator = EpsEmulator.builder().stepDelay(Duration.ofMinutes(1)).faults(plan).build().start();
    return emulator;
  }

  @Test
  void droppedConnectionClosesWithoutResponse() throws Exception {
    start(FaultPlan.builder().add(Fault.dropAfterCommit().withEveryNth(1).on("events")).build());
    String request =
        "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
            + EpsEmulator.testCredentials().authorizationHeader()
            + "\r\n\r\n";

    int firstByte;
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), emulator.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      firstByte = socket.getInputStream().read();
    }

    assertThat(firstByte)
        .as("first byte of the response, -1 for a closed connection")
        .isEqualTo(-1);
    assertThat(emulator.injectedFaults()).containsEntry("drop-after-commit", 1L);
  }

  @Test
  void droppedConnectionGivesHttpClientIoException() throws Exception {
    start(FaultPlan.builder().add(Fault.dropAfterCommit().withEveryNth(1).on("events")).build());
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(emulator.baseUri().resolve("api/v1/events"))
            .header("Authorization", EpsEmulator.testCredentials().authorizationHeader())
            .build();

    Throwable failure =
        catchThrowable(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));

    assertThat(failure).isInstanceOf(IOException.class);
  }

  @Test
  void droppedSendStoresLetter() throws Exception {
    start(
        FaultPlan.builder().add(Fault.dropAfterCommit().withEveryNth(1).on("sendLetter")).build());
    EzpClient client = TestClients.client(emulator, transport, RetryPolicy.noRetries());
    Letter letter = paperLetter(nextBarcode(), false);

    var result = client.send(letter, a4Pdf(files, "a.pdf", 1));

    assertThat(result.alreadyAccepted()).isTrue();
    assertThat(emulator.letters()).extracting(EmulatedLetter::barcode).contains(letter.barcode());
  }

  @Test
  void injectedStatusCarriesRetryAfter() throws Exception {
    start(
        FaultPlan.builder()
            .add(Fault.status(503).withRetryAfter(Duration.ofSeconds(4)).withEveryNth(1))
            .build());
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(emulator.baseUri().resolve("api/v1/events"))
            .header("Authorization", EpsEmulator.testCredentials().authorizationHeader())
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("4");
    assertThat(response.body()).contains("SERVICE_UNAVAILABLE");
  }

  @Test
  void logsSameBarcodeUnderOtherKey() throws Exception {
    start(FaultPlan.none());
    EzpClient client = TestClients.client(emulator, transport);
    Path pdf = a4Pdf(files, "a.pdf", 1);
    String barcode = nextBarcode();
    client.send(paperLetter(barcode, false), pdf, "first-" + barcode);

    EzpServiceException e =
        catchThrowableOfType(
            EzpServiceException.class,
            () -> client.send(paperLetter(barcode, false), pdf, "second-" + barcode));

    assertThat(e).as("EzpServiceException thrown").isNotNull();
    assertThat(emulator.duplicates()).hasSize(1);
    DuplicateLetter duplicate = emulator.duplicates().get(0);
    assertThat(duplicate.barcode()).isEqualTo(barcode);
    assertThat(duplicate.firstIdempotencyKey()).isEqualTo("first-" + barcode);
    assertThat(duplicate.repeatIdempotencyKey()).isEqualTo("second-" + barcode);
    assertThat(duplicate.repeatAccepted()).isFalse();
    assertThat(emulator.acceptedLetterCounts()).containsEntry(barcode, 1);
  }

  @Test
  void logsSameRegularLetterUnderOtherKey() throws Exception {
    start(FaultPlan.none());
    EzpClient client = TestClients.client(emulator, transport);
    Path pdf = a4Pdf(files, "a.pdf", 1);
    Letter letter = TestLetters.regularLetter();

    client.send(letter, pdf);
    client.send(letter, pdf);

    assertThat(emulator.letters()).hasSize(2);
    assertThat(emulator.duplicates()).hasSize(1);
    assertThat(emulator.duplicates().get(0).barcode()).isNull();
    assertThat(emulator.duplicates().get(0).repeatAccepted()).isTrue();
  }

  @Test
  void findsLetterByIdempotencyKey() throws Exception {
    start(FaultPlan.none());
    EzpClient client = TestClients.client(emulator, transport);
    var sent = client.send(TestLetters.regularLetter(), a4Pdf(files, "a.pdf", 1), "key-42");

    assertThat(client.findByIdempotencyKey("key-42"))
        .hasValueSatisfying(info -> assertThat(info.letterId()).isEqualTo(sent.letterId()));
    assertThat(client.findByIdempotencyKey("key-43")).isEmpty();
  }

  @Test
  void parsesCommandLineFaults() {
    FaultPlan plan =
        FaultPlan.parse(
            List.of(
                "drop-after-commit=0.05",
                "status-503=every20:2s",
                "status-429=0.1",
                "slow=0.05:2000ms@sendLetter,findLetters",
                "status-500=0.05"),
            42);

    assertThat(plan.seed()).isEqualTo(42);
    assertThat(plan.faults()).hasSize(5);
    assertThat(plan.faults().get(0)).isEqualTo(Fault.dropAfterCommit().withProbability(0.05));
    assertThat(plan.faults().get(1))
        .isEqualTo(Fault.status(503).withRetryAfter(Duration.ofSeconds(2)).withEveryNth(20));
    assertThat(plan.faults().get(2).duration()).isEqualTo(Fault.DEFAULT_RETRY_AFTER);
    assertThat(plan.faults().get(3))
        .isEqualTo(
            Fault.slow(Duration.ofMillis(2000))
                .withProbability(0.05)
                .on("sendLetter", "findLetters"));
    assertThat(plan.faults().get(4).status()).isEqualTo(500);
  }

  @Test
  void rejectsMalformedFault() {
    for (String spec : List.of("drop=0.1", "slow=0.1", "status-418=0.1", "status-500=0.1:1s")) {
      Throwable e = catchThrowable(() -> Fault.parse(spec));
      assertThat(e).as("error for %s", spec).isInstanceOf(ConfigurationException.class);
      assertThat(e.getMessage()).as("message for %s", spec).contains(spec.substring(0, 4));
    }
  }

  @Test
  void rejectsProbabilitiesAboveOne() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> FaultPlan.parse(List.of("status-500=0.6@sendLetter", "status-503=0.6"), 1));

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("on sendLetter add up to 1.2");
  }

  @Test
  void sameSeedDrawsSameFaults() {
    FaultPlan plan = FaultPlan.parse(List.of("status-500=0.2", "drop-after-commit=0.2"), 7);

    assertThat(draws(plan)).isEqualTo(draws(plan));
  }

  @Test
  void everyNthFiresOnSchedule() {
    FaultInjector injector =
        new FaultInjector(FaultPlan.parse(List.of("status-503=every3@sendLetter"), 0));
    List<Boolean> fired = new ArrayList<>();

    for (int i = 0; i < 6; i++) {
      injector.next("events");
      fired.add(injector.next("sendLetter") != null);
    }

    assertThat(fired).containsExactly(false, false, true, false, false, true);
  }

  @Test
  void onceFiresOnFirstMatchOnly() {
    FaultPlan plan = FaultPlan.parse(List.of("status-503=once@getLetter"), 0);
    FaultInjector injector = new FaultInjector(plan);
    List<Boolean> fired = new ArrayList<>();

    for (int i = 0; i < 4; i++) {
      injector.next("events");
      fired.add(injector.next("getLetter") != null);
    }

    assertThat(plan.faults().get(0)).isEqualTo(Fault.status(503).once().on("getLetter"));
    assertThat(plan.faults().get(0).toString()).isEqualTo("status-503=once:1000ms@getLetter");
    assertThat(fired).containsExactly(true, false, false, false);
  }

  private static List<String> draws(FaultPlan plan) {
    FaultInjector injector = new FaultInjector(plan);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Fault fault = injector.next("sendLetter");
      names.add(fault == null ? "-" : fault.name());
    }
    return names;
  }
}
