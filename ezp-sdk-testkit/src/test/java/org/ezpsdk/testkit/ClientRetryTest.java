package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's retries, lookups and give-ups against the emulator with injected faults. */
class ClientRetryTest {

  private static final byte[] PLAIN_ANSWER =
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path files;

  private final FakeTime time = new FakeTime();
  private HttpTransport transport;
  private EpsEmulator emulator;
  private Path pdf;

  @BeforeEach
  void setUp() throws IOException {
    transport = HttpTransport.create();
    pdf = a4Pdf(files, "decision.pdf", 1);
  }

  @AfterEach
  void tearDown() {
    transport.close();
    if (emulator != null) {
      emulator.close();
    }
  }

  /**
   * Starts an emulator with the fault and returns a client with 5 attempts and a 2 min deadline.
   */
  private EzpClient clientWith(Fault fault) {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMinutes(1))
            .faults(FaultPlan.builder().add(fault).build())
            .build()
            .start();
    return TestClients.client(emulator, transport, time.policy(5, Duration.ofMinutes(2)));
  }

  /** Sends one letter so that the next request to sendLetter is the second. */
  private void sendFirstLetter(EzpClient client) {
    client.send(paperLetter(nextBarcode(), false), pdf);
  }

  private EmulatedLetter emulatedLetter(String barcode) {
    return emulator.letters().stream()
        .filter(letter -> barcode.equals(letter.barcode()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the emulator has no letter " + barcode));
  }

  @Test
  void retriesOn503ThenSucceeds() {
    EzpClient client = clientWith(Fault.status(503).withEveryNth(2).on("sendLetter"));
    sendFirstLetter(client);
    Letter letter = paperLetter(nextBarcode(), false);

    SendResult result = client.send(letter, pdf);

    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.alreadyAccepted()).isFalse();
    assertThat(result.letterId()).isEqualTo(emulatedLetter(letter.barcode()).letterId());
    assertThat(time.sleeps()).as("waits before retries").containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void listenerSeesEachRetry() {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMinutes(1))
            .faults(
                FaultPlan.builder().add(Fault.status(503).withEveryNth(2).on("sendLetter")).build())
            .build()
            .start();
    List<RetryPolicy.RetryEvent> events = new ArrayList<>();
    RetryPolicy policy =
        time.policy(5, Duration.ofMinutes(2)).toBuilder().listener(events::add).build();
    EzpClient client = TestClients.client(emulator, transport, policy);
    sendFirstLetter(client);

    client.send(paperLetter(nextBarcode(), false), pdf);

    assertThat(events).hasSize(1);
    RetryPolicy.RetryEvent event = events.get(0);
    assertThat(event.operation()).isEqualTo("sendLetter");
    assertThat(event.nextAttempt()).isEqualTo(2);
    assertThat(event.maxAttempts()).isEqualTo(5);
    assertThat(event.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(event.cause()).isInstanceOf(EzpServiceException.class);
    assertThat(((EzpServiceException) event.cause()).httpStatus()).isEqualTo(503);
  }

  @Test
  void honoursRetryAfterOf429() {
    EzpClient client =
        clientWith(
            Fault.status(429)
                .withRetryAfter(Duration.ofSeconds(7))
                .withEveryNth(2)
                .on("sendLetter"));
    sendFirstLetter(client);

    SendResult result = client.send(paperLetter(nextBarcode(), false), pdf);

    assertThat(result.attempts()).isEqualTo(2);
    assertThat(time.sleeps()).as("waits before retries").containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterPastDeadlineGivesUp() {
    emulator =
        EpsEmulator.builder()
            .faults(
                FaultPlan.builder()
                    .add(Fault.status(503).withRetryAfter(Duration.ofSeconds(90)).withEveryNth(1))
                    .build())
            .build()
            .start();
    EzpClient client =
        TestClients.client(emulator, transport, time.policy(5, Duration.ofMinutes(1)));

    EzpServiceException e =
        catchThrowableOfType(
            EzpServiceException.class, () -> client.send(paperLetter(nextBarcode(), false), pdf));

    assertThat(e).as("EzpServiceException thrown").isNotNull();
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(emulator.requestCount("sendLetter")).isEqualTo(1);
    assertThat(time.sleeps()).as("waits before retries").isEmpty();
  }

  @Test
  void givesUpAfterMaxAttempts() {
    EzpClient client = clientWith(Fault.status(503).withEveryNth(1).on("sendLetter"));

    EzpServiceException e =
        catchThrowableOfType(
            EzpServiceException.class, () -> client.send(paperLetter(nextBarcode(), false), pdf));

    assertThat(e).as("EzpServiceException thrown").isNotNull();
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(emulator.requestCount("sendLetter")).isEqualTo(5);
    assertThat(emulator.letters()).isEmpty();
  }

  @Test
  void droppedAnswerIsFoundByLookup() {
    EzpClient client = clientWith(Fault.dropAfterCommit().withEveryNth(2).on("sendLetter"));
    sendFirstLetter(client);
    Letter letter = paperLetter(nextBarcode(), false);
    long sendsBefore = emulator.requestCount("sendLetter");

    SendResult result = client.send(letter, pdf);

    EmulatedLetter stored = emulatedLetter(letter.barcode());
    assertThat(result.alreadyAccepted()).isTrue();
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.letterId()).isEqualTo(stored.letterId());
    assertThat(result.barcode()).isEqualTo(letter.barcode());
    assertThat(result.idempotencyKey()).isEqualTo(letter.barcode());
    assertThat(result.acceptedAt()).isEqualTo(stored.acceptedAt());
    assertThat(emulator.requestCount("sendLetter") - sendsBefore).isEqualTo(1);
    assertThat(emulator.requestCount("findLetters")).isEqualTo(1);
    assertThat(emulator.injectedFaults()).containsEntry("drop-after-commit", 1L);
    assertThat(emulator.duplicates()).isEmpty();
  }

  @Test
  void droppedRegularLetterIsFoundByKey() {
    EzpClient client = clientWith(Fault.dropAfterCommit().withEveryNth(2).on("sendLetter"));
    sendFirstLetter(client);

    SendResult result = client.send(TestLetters.regularLetter(), pdf, "regular-key-1");

    assertThat(result.alreadyAccepted()).isTrue();
    assertThat(result.barcode()).isNull();
    assertThat(emulator.letters())
        .filteredOn(letter -> "regular-key-1".equals(letter.idempotencyKey()))
        .extracting(EmulatedLetter::letterId)
        .containsExactly(result.letterId());
    assertThat(client.findByIdempotencyKey("regular-key-1")).isPresent();
  }

  @Test
  void lookupFindingAnotherPdfIsConflict() throws IOException {
    EzpClient client = clientWith(Fault.status(500).withEveryNth(2).on("sendLetter"));
    Letter letter = paperLetter(nextBarcode(), false);
    client.send(letter, pdf);
    Path otherPdf = a4Pdf(files, "other.pdf", 2);

    EzpServiceException e =
        catchThrowableOfType(EzpServiceException.class, () -> client.send(letter, otherPdf));

    assertThat(e).as("EzpServiceException").isNotNull();
    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(e.getMessage()).contains("another PDF", letter.barcode());
    assertThat(emulator.requestCount("findLetters")).isEqualTo(1);
    assertThat(emulator.letters()).hasSize(1);
  }

  @Test
  void status500IsLookedUpThenSentAgain() {
    EzpClient client = clientWith(Fault.status(500).withEveryNth(2).on("sendLetter"));
    sendFirstLetter(client);
    Letter letter = paperLetter(nextBarcode(), false);

    SendResult result = client.send(letter, pdf);

    assertThat(result.alreadyAccepted()).isFalse();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(emulator.requestCount("findLetters")).isEqualTo(1);
    assertThat(result.letterId()).isEqualTo(emulatedLetter(letter.barcode()).letterId());
  }

  @Test
  void failingLookupEndsInOutcomeUnknown() {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMinutes(1))
            .faults(
                FaultPlan.builder()
                    .add(Fault.dropAfterCommit().withEveryNth(1).on("sendLetter"))
                    .add(Fault.status(503).withEveryNth(1).on("findLetters"))
                    .build())
            .build()
            .start();
    EzpClient client =
        TestClients.client(emulator, transport, time.policy(5, Duration.ofSeconds(30)));
    Letter letter = paperLetter(nextBarcode(), false);

    OutcomeUnknownException e =
        catchThrowableOfType(OutcomeUnknownException.class, () -> client.send(letter, pdf));

    assertThat(e).as("OutcomeUnknownException thrown").isNotNull();
    assertThat(e.barcode()).isEqualTo(letter.barcode());
    assertThat(e.idempotencyKey()).isEqualTo(letter.barcode());
    assertThat(e.getMessage()).contains("look the letter up later by ШПИ " + letter.barcode());
    assertThat(e.getMessage()).contains("resend it only under the same key");
    assertThat(emulator.requestCount("sendLetter")).as("send attempts").isEqualTo(1);
    assertThat(emulator.requestCount("findLetters")).as("lookups").isGreaterThan(1);
    assertThat(emulator.letters()).as("letters stored").hasSize(1);
  }

  @Test
  void readsAreRetriedOn502() {
    EzpClient client = clientWith(Fault.status(502).withEveryNth(2).on("getLetter"));
    SendResult sent = client.send(paperLetter(nextBarcode(), false), pdf);
    client.status(sent.letterId());

    client.status(sent.letterId());

    assertThat(emulator.requestCount("getLetter")).isEqualTo(3);
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void readsAreRetriedOn500() {
    EzpClient client = clientWith(Fault.status(500).withEveryNth(2).on("getLetter"));
    SendResult sent = client.send(paperLetter(nextBarcode(), false), pdf);
    client.status(sent.letterId());

    LetterInfo info = client.status(sent.letterId());

    assertThat(info.letterId()).isEqualTo(sent.letterId());
    assertThat(emulator.requestCount("getLetter")).isEqualTo(3);
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void smallestReadBackoffsAreHalfTheCaps() {
    EzpClient client = failingReadClient(bound -> 0L);

    EzpServiceException e =
        catchThrowableOfType(EzpServiceException.class, () -> client.status("L-1"));

    assertThat(e).as("EzpServiceException thrown").isNotNull();
    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(time.sleeps()).containsExactly(millis(250), millis(500), millis(1000), millis(2000));
  }

  @Test
  void largestReadBackoffsAreTheCaps() {
    EzpClient client = failingReadClient(bound -> bound - 1);

    catchThrowableOfType(EzpServiceException.class, () -> client.status("L-1"));

    assertThat(emulator.requestCount("getLetter")).isEqualTo(5);
    assertThat(time.sleeps())
        .containsExactly(millis(500), millis(1000), millis(2000), millis(4000));
  }

  @Test
  void retryAfterBelowBackoffFloorIsKept() {
    emulator =
        EpsEmulator.builder()
            .faults(
                FaultPlan.builder()
                    .add(
                        Fault.status(503)
                            .withRetryAfter(Duration.ofSeconds(1))
                            .withEveryNth(1)
                            .on("getLetter"))
                    .build())
            .build()
            .start();
    RetryPolicy policy =
        time.policy(3, Duration.ofMinutes(2)).toBuilder()
            .initialBackoff(Duration.ofSeconds(10))
            .random(new FixedDraw(bound -> bound - 1))
            .build();
    EzpClient client = TestClients.client(emulator, transport, policy);

    catchThrowableOfType(EzpServiceException.class, () -> client.status("L-1"));

    assertThat(time.sleeps())
        .as("the 1 s Retry-After, although the backoff would be 5 to 10 s")
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  /**
   * Starts an emulator that responds to every status request with 502, which carries no
   * Retry-After, and returns a client with the default backoff, 5 attempts and the generator.
   */
  private EzpClient failingReadClient(LongUnaryOperator draw) {
    emulator =
        EpsEmulator.builder()
            .faults(
                FaultPlan.builder().add(Fault.status(502).withEveryNth(1).on("getLetter")).build())
            .build()
            .start();
    RetryPolicy policy =
        time.policy(5, Duration.ofMinutes(2)).toBuilder().random(new FixedDraw(draw)).build();
    return TestClients.client(emulator, transport, policy);
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }

  /** A random generator whose bounded draws are a fixed function of the bound. */
  private record FixedDraw(LongUnaryOperator draw) implements RandomGenerator {
    @Override
    public long nextLong() {
      return draw.applyAsLong(Long.MAX_VALUE);
    }

    @Override
    public long nextLong(long bound) {
      return draw.applyAsLong(bound);
    }
  }

  @Test
  void connectionRefusedIsRetriedThenReported() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    EzpClient client = readingClient(URI.create("http://127.0.0.1:" + port + "/"));

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> client.status("L-1"));

    assertThat(e).as("TransportException thrown").isNotNull();
    assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION);
    assertThat(time.sleeps()).as("waits before retries").hasSize(2);
  }

  @Test
  void tlsFailureIsNotRetried() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread plainHttp = new Thread(() -> respondInPlainText(server), "plain-http-server");
      plainHttp.setDaemon(true);
      plainHttp.start();
      // The server responds in plain HTTP, so the client's TLS handshake fails on its first bytes.
      EzpClient client =
          readingClient(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/"));

      TransportException e =
          catchThrowableOfType(TransportException.class, () -> client.status("L-1"));

      assertThat(e).as("TransportException thrown").isNotNull();
      assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
      assertThat(time.sleeps()).as("waits before retries").isEmpty();
    }
  }

  private static void respondInPlainText(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.getOutputStream().write(PLAIN_ANSWER);
      } catch (IOException e) {
        return;
      }
    }
  }

  private EzpClient readingClient(URI endpoint) {
    return EzpClient.builder()
        .environment(Environment.test(endpoint))
        .credentials(EpsEmulator.testCredentials())
        .transport(transport)
        .signer(CadesSigner.of(TestClients.SENDER_KEY))
        .retryPolicy(time.policy(3, Duration.ofMinutes(1)))
        .build();
  }
}
