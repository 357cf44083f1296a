package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.awaitFinalStatus;
import static org.ezpsdk.testkit.TestLetters.electronicLetter;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.core.wire.WireProfileV1;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SDK client against the emulator over real HTTP: the paths of letters and the rejections. */
class EpsEmulatorClientTest {

  @RegisterExtension
  static final EpsEmulatorExtension EPS =
      EpsEmulatorExtension.perClass(
          EpsEmulator.builder()
              .stepDelay(Duration.ofMillis(20))
              .returnEveryNthPaperLetter(0)
              .withGosPochtaConsent(TestLetters.CONSENTING_INN));

  private static HttpTransport transport;

  @TempDir Path files;
  private EzpClient client;
  private Path pdf;

  @BeforeAll
  static void openTransport() {
    transport = HttpTransport.create();
  }

  @AfterAll
  static void closeTransport() {
    transport.close();
  }

  @BeforeEach
  void setUp(EpsEmulator emulator) throws Exception {
    client = TestClients.client(emulator, transport);
    pdf = a4Pdf(files, "decision.pdf", 2);
  }

  @Test
  void acceptsSignedLetterWithReceipt() {
    String barcode = nextBarcode();

    SendResult receipt = client.send(electronicLetter(barcode, true), pdf);

    assertThat(receipt.status()).isEqualTo(LetterStatus.ACCEPTED);
    assertThat(receipt.barcode()).isEqualTo(barcode);
    assertThat(receipt.idempotencyKey()).isEqualTo(barcode);
    assertThat(UUID.fromString(receipt.letterId())).isNotNull();
    assertThat(receipt.acceptedAt()).isNotNull();
  }

  @Test
  void electronicLetterReachesNoticeAvailable() {
    SendResult receipt = client.send(electronicLetter(nextBarcode(), true), pdf);

    LetterInfo info = awaitFinalStatus(client, receipt.letterId());

    assertThat(info.status()).isEqualTo(LetterStatus.NOTICE_AVAILABLE);
    assertThat(statuses(info))
        .containsExactly(
            LetterStatus.ACCEPTED,
            LetterStatus.DELIVERED_ELECTRONICALLY,
            LetterStatus.NOTICE_AVAILABLE);
    assertThat(info.history().get(1).operation()).isEqualTo("Вручение адресату электронно");
    assertThat(info.history().get(2).operation()).isEqualTo("Электронное уведомление загружено");
    assertThat(times(info)).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void electronicLetterWithoutNoticeEndsDelivered() {
    SendResult receipt = client.send(electronicLetter(nextBarcode(), false), pdf);

    LetterInfo info = awaitFinalStatus(client, receipt.letterId());

    assertThat(statuses(info))
        .containsExactly(LetterStatus.ACCEPTED, LetterStatus.DELIVERED_ELECTRONICALLY);
  }

  @Test
  void paperLetterIsPrintedDeliveredAndNoticed() {
    SendResult receipt = client.send(paperLetter(nextBarcode(), true), pdf);

    LetterInfo info = awaitFinalStatus(client, receipt.letterId());

    assertThat(statuses(info))
        .containsExactly(
            LetterStatus.ACCEPTED,
            LetterStatus.PRINTED,
            LetterStatus.IN_DELIVERY,
            LetterStatus.DELIVERED,
            LetterStatus.NOTICE_AVAILABLE);
    assertThat(info.history().get(1).operation()).isEqualTo("Покинуло центр гибридной печати");
    assertThat(info.history().get(3).operation()).isEqualTo("Вручение адресату");
    assertThat(times(info)).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void paperLetterWithoutNoticeEndsDelivered() {
    SendResult receipt = client.send(paperLetter(nextBarcode(), false), pdf);

    LetterInfo info = awaitFinalStatus(client, receipt.letterId());

    assertThat(info.status()).isEqualTo(LetterStatus.DELIVERED);
    assertThat(info.history()).hasSize(4);
  }

  @Test
  void statusCarriesKeyAndBarcode() {
    String barcode = nextBarcode();
    SendResult receipt = client.send(paperLetter(barcode, false), pdf, "key-" + barcode);

    LetterInfo info = client.status(receipt.letterId());

    assertThat(info.letterId()).isEqualTo(receipt.letterId());
    assertThat(info.barcode()).isEqualTo(barcode);
    assertThat(info.idempotencyKey()).isEqualTo("key-" + barcode);
    assertThat(info.history().get(0).status()).isEqualTo(LetterStatus.ACCEPTED);
  }

  @Test
  void findsLetterByBarcode() {
    String barcode = nextBarcode();
    SendResult receipt = client.send(paperLetter(barcode, false), pdf);

    assertThat(client.findByBarcode(barcode))
        .hasValueSatisfying(info -> assertThat(info.letterId()).isEqualTo(receipt.letterId()));
    assertThat(client.findByBarcode(nextBarcode())).isEmpty();
  }

  @Test
  void unknownLetterIdIsNotFound() {
    EzpServiceException error =
        catchThrowableOfType(
            EzpServiceException.class, () -> client.status(UUID.randomUUID().toString()));

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(error.requestId()).isNotBlank();
  }

  @Test
  void noticeIsDownloadableAfterNoticeAvailable() throws Exception {
    String barcode = nextBarcode();
    SendResult receipt = client.send(electronicLetter(barcode, true), pdf);
    LetterInfo info = awaitFinalStatus(client, receipt.letterId());

    DeliveryNotice notice = client.notice(receipt.letterId());

    assertThat(notice.contentType()).isEqualTo("application/json");
    JsonNode document = WireProfileV1.objectMapper().readTree(notice.content());
    assertThat(document.path("letterId").asText()).isEqualTo(receipt.letterId());
    assertThat(document.path("barcode").asText()).isEqualTo(barcode);
    assertThat(document.path("recipientName").asText()).isEqualTo("ПАО Сбербанк");
    assertThat(document.path("deliveryMethod").asText()).isEqualTo("ELECTRONIC");
    assertThat(Instant.parse(document.path("deliveredAt").asText()))
        .isEqualTo(info.history().get(1).at());
    assertThat(Instant.parse(document.path("noticeCreatedAt").asText()))
        .isEqualTo(info.history().get(2).at());
  }

  @Test
  void paperNoticeNamesPaperDelivery() throws Exception {
    SendResult receipt = client.send(paperLetter(nextBarcode(), true), pdf);
    awaitFinalStatus(client, receipt.letterId());

    DeliveryNotice notice = client.notice(receipt.letterId());

    JsonNode document = WireProfileV1.objectMapper().readTree(notice.content());
    assertThat(document.path("deliveryMethod").asText()).isEqualTo("PAPER");
    assertThat(document.path("recipientName").asText()).isEqualTo("Иванова Мария Петровна");
  }

  @Test
  void noticeOfLetterWithoutNoticeIsNotFound() {
    SendResult receipt = client.send(electronicLetter(nextBarcode(), false), pdf);
    awaitFinalStatus(client, receipt.letterId());

    EzpServiceException error =
        catchThrowableOfType(EzpServiceException.class, () -> client.notice(receipt.letterId()));

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.errorCode()).isEqualTo("NOTICE_NOT_REQUESTED");
  }

  @Test
  void wrongTokenIsRejectedWith401(EpsEmulator emulator) {
    EzpClient intruder =
        TestClients.client(
            emulator, Credentials.of(EpsEmulator.TEST_SENDER_ID, "wrong-token"), transport);
    int lettersBefore = emulator.letters().size();

    EzpServiceException error =
        catchThrowableOfType(
            EzpServiceException.class,
            () -> intruder.send(electronicLetter(nextBarcode(), false), pdf));

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(error.getMessage()).doesNotContain("wrong-token");
    assertThat(emulator.letters()).hasSize(lettersBefore);
  }

  @Test
  void wrongTokenCannotReadStatus(EpsEmulator emulator) {
    SendResult receipt = client.send(paperLetter(nextBarcode(), false), pdf);
    EzpClient intruder =
        TestClients.client(emulator, Credentials.of("other-sender", "test-token"), transport);

    EzpServiceException error =
        catchThrowableOfType(EzpServiceException.class, () -> intruder.status(receipt.letterId()));

    assertThat(error.httpStatus()).isEqualTo(401);
  }

  @Test
  void barcodeReusedUnderAnotherKeyIsConflict(EpsEmulator emulator) {
    String barcode = nextBarcode();
    client.send(paperLetter(barcode, false), pdf, "first-" + barcode);

    EzpServiceException error =
        catchThrowableOfType(
            EzpServiceException.class,
            () -> client.send(paperLetter(barcode, false), pdf, "second-" + barcode));

    assertThat(error.httpStatus()).isEqualTo(409);
    assertThat(error.errorCode()).isEqualTo("BARCODE_ALREADY_USED");
    assertThat(error.errors().get(0).field()).isEqualTo("barcode");
    assertThat(emulator.letters()).filteredOn(l -> barcode.equals(l.barcode())).hasSize(1);
  }

  @Test
  void repeatWithSameKeyReturnsFirstReceipt(EpsEmulator emulator) {
    Letter letter = paperLetter(nextBarcode(), false);
    long sendsBefore = emulator.requestCount("sendLetter");

    SendResult first = client.send(letter, pdf);
    SendResult repeat = client.send(letter, pdf);

    assertThat(repeat.receipt()).isEqualTo(first.receipt());
    assertThat(first.alreadyAccepted()).as("first send already accepted").isFalse();
    assertThat(repeat.alreadyAccepted()).as("repeat already accepted").isTrue();
    assertThat(emulator.requestCount("sendLetter") - sendsBefore).isEqualTo(2);
    assertThat(emulator.letters())
        .filteredOn(l -> l.idempotencyKey().equals(letter.barcode()))
        .hasSize(1);
  }

  @Test
  void concurrentRepeatsCreateOneLetter(EpsEmulator emulator) throws Exception {
    Letter letter = paperLetter(nextBarcode(), false);
    ExecutorService senders = Executors.newFixedThreadPool(6);
    try {
      List<Future<SendResult>> sends = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        sends.add(senders.submit(() -> client.send(letter, pdf)));
      }
      Set<LetterReceipt> receipts = new HashSet<>();
      for (Future<SendResult> send : sends) {
        receipts.add(send.get(30, TimeUnit.SECONDS).receipt());
      }

      assertThat(receipts).hasSize(1);
      assertThat(emulator.letters())
          .filteredOn(l -> letter.barcode().equals(l.barcode()))
          .hasSize(1);
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void sameKeyWithOtherContentIsConflict() throws Exception {
    String barcode = nextBarcode();
    client.send(paperLetter(barcode, false), pdf);
    Path otherPdf = a4Pdf(files, "other.pdf", 1);

    EzpServiceException error =
        catchThrowableOfType(
            EzpServiceException.class,
            () -> client.send(paperLetter(barcode, false), otherPdf, barcode));

    assertThat(error.httpStatus()).isEqualTo(409);
    assertThat(error.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
  }

  @Test
  void signatureOverOtherBytesIsRejected(EpsEmulator emulator) throws Exception {
    String barcode = nextBarcode();
    Path otherPdf = a4Pdf(files, "other.pdf", 1);
    byte[] signatureOfOtherPdf = CadesSigner.of(TestClients.SENDER_KEY).signDetached(otherPdf);

    EzpServiceException error =
        catchThrowableOfType(
            EzpServiceException.class,
            () ->
                client.sendSigned(paperLetter(barcode, false), pdf, signatureOfOtherPdf, barcode));

    assertThat(error.httpStatus()).isEqualTo(422);
    assertThat(error.errorCode()).isEqualTo("SIGNATURE_INVALID");
    assertThat(error.errors().get(0).field()).isEqualTo("signature");
    assertThat(error.errors().get(0).message()).contains("CONTENT_DIGEST_MISMATCH");
    assertThat(emulator.letters()).noneMatch(l -> barcode.equals(l.barcode()));
  }

  @Test
  void rejectedKeyCanBeReused() throws Exception {
    String barcode = nextBarcode();
    byte[] wrongSignature =
        CadesSigner.of(TestClients.SENDER_KEY).signDetached(a4Pdf(files, "other.pdf", 1));
    assertThatThrownBy(
            () -> client.sendSigned(paperLetter(barcode, false), pdf, wrongSignature, barcode))
        .isInstanceOf(EzpServiceException.class);

    SendResult receipt = client.send(paperLetter(barcode, false), pdf, barcode);

    assertThat(receipt.status()).isEqualTo(LetterStatus.ACCEPTED);
  }

  @Test
  void regularLetterGetsNoBarcode() {
    SendResult receipt = client.send(TestLetters.regularLetter(), pdf);

    LetterInfo info = awaitFinalStatus(client, receipt.letterId());

    assertThat(receipt.barcode()).isNull();
    assertThat(info.status()).isEqualTo(LetterStatus.DELIVERED);
  }

  @Test
  void emulatorListsAcceptedLetter(EpsEmulator emulator) throws Exception {
    String barcode = nextBarcode();
    SendResult receipt = client.send(electronicLetter(barcode, true), pdf);

    EmulatedLetter letter =
        emulator.letters().stream()
            .filter(l -> l.letterId().equals(receipt.letterId()))
            .findFirst()
            .orElseThrow();

    assertThat(letter.barcode()).isEqualTo(barcode);
    assertThat(letter.senderId()).isEqualTo(EpsEmulator.TEST_SENDER_ID);
    assertThat(letter.deliveryMethod()).isEqualTo(DeliveryMethod.ELECTRONIC);
    assertThat(letter.electronicNotice()).isTrue();
    assertThat(letter.attachmentSha256()).isEqualTo(sha256(Files.readAllBytes(pdf)));
  }

  private static List<LetterStatus> statuses(LetterInfo info) {
    return info.history().stream().map(StatusChange::status).toList();
  }

  private static List<Instant> times(LetterInfo info) {
    return info.history().stream().map(StatusChange::at).toList();
  }

  private static String sha256(byte[] content) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
  }
}
