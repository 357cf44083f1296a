package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.ezpsdk.core.wire.ErrorBody;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;
import org.ezpsdk.signing.CadesSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests built by hand with OkHttp, bypassing the SDK client's own checks, to see the emulator's
 * responses to what the client would never send.
 */
class RawRequestTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType PDF = MediaType.get("application/pdf");
  private static final MediaType CMS = MediaType.get("application/pkcs7-signature");
  private static final String AUTHORIZATION = EpsEmulator.testCredentials().authorizationHeader();

  private static EpsEmulator emulator;
  private static OkHttpClient http;

  @TempDir Path files;
  private Path pdf;

  @BeforeAll
  static void start() {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMillis(20))
            .maxRequestBytes(256 * 1024)
            .build()
            .start();
    http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
  }

  @AfterAll
  static void stop() {
    emulator.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @BeforeEach
  void writePdf() throws IOException {
    pdf = a4Pdf(files, "decision.pdf", 1);
  }

  @Test
  void wrongInnCheckDigitNamesField() throws Exception {
    LetterJson valid = LetterJson.from(paperLetter(nextBarcode(), false));
    LetterJson wrongInn =
        new LetterJson(
            valid.barcode(),
            valid.type(),
            valid.mailRank(),
            valid.electronicNotice(),
            valid.document(),
            valid.sender(),
            new LetterJson.RecipientJson(
                "ORGANISATION", null, "ООО Ромашка", null, "7707083894", "773601001"),
            valid.recipientAddress());

    try (Response response = send(letterPart(wrongInn), pdf, sign(pdf), valid.barcode())) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(400);
      assertThat(error.errors())
          .anySatisfy(
              item -> {
                assertThat(item.field()).isEqualTo("recipient.inn");
                assertThat(item.code()).isEqualTo("INN_CHECK_DIGIT");
                assertThat(item.message()).contains("7707083894");
              });
    }
  }

  @Test
  void missingMetadataFieldsAreAllListed() throws Exception {
    LetterJson empty =
        new LetterJson(nextBarcode(), "REGISTERED", 0, false, null, null, null, null);

    try (Response response = send(letterPart(empty), pdf, sign(pdf), "empty-letter")) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(400);
      assertThat(error.errors())
          .extracting(ErrorBody.Item::field)
          .contains("documentNumber", "title", "documentDate", "sender", "recipient");
    }
  }

  @Test
  void malformedLetterJsonIsRejected() throws Exception {
    RequestBody letter = RequestBody.create("{\"barcode\": ", JSON);

    try (Response response = send(letter, pdf, sign(pdf), "bad-json")) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(400);
      assertThat(error.errors().get(0).code()).isEqualTo("INVALID_JSON");
      assertThat(error.errors().get(0).field()).isEqualTo("letter");
    }
  }

  @Test
  void usLetterPageFailsPreflight() throws Exception {
    Path usLetter = TestLetters.usLetterPdf(files, "letter-size.pdf");
    String barcode = nextBarcode();

    try (Response response =
        send(
            letterPart(LetterJson.from(paperLetter(barcode, false))),
            usLetter,
            sign(usLetter),
            barcode)) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(422);
      assertThat(error.errors()).hasSize(1);
      assertThat(error.errors().get(0).code()).isEqualTo("INCORRECT_LETTER_PAGE_FORMAT");
      assertThat(error.errors().get(0).field()).isEqualTo("attachment");
      assertThat(error.errors().get(0).message()).contains("letter-size.pdf");
    }
    assertThat(emulator.letters()).noneMatch(l -> barcode.equals(l.barcode()));
  }

  @Test
  void missingSignaturePartIsNamed() throws Exception {
    MultipartBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart(
                "letter", null, letterPart(LetterJson.from(paperLetter(nextBarcode(), false))))
            .addFormDataPart("attachment", "decision.pdf", RequestBody.create(pdf.toFile(), PDF))
            .build();

    try (Response response = post(body, "no-signature")) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(400);
      assertThat(error.errors()).extracting(ErrorBody.Item::code).containsExactly("PART_REQUIRED");
      assertThat(error.errors()).extracting(ErrorBody.Item::field).containsExactly("signature");
    }
  }

  @Test
  void missingIdempotencyKeyIsRejected() throws Exception {
    String barcode = nextBarcode();

    try (Response response =
        send(letterPart(LetterJson.from(paperLetter(barcode, false))), pdf, sign(pdf), null)) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(400);
      assertThat(error.errors().get(0).code()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
      assertThat(error.errors().get(0).field()).isEqualTo("Idempotency-Key");
    }
  }

  @Test
  void bodyOverLimitIsRejectedWith413() throws Exception {
    Path large = a4Pdf(files, "large.pdf", 1);
    byte[] padding = new byte[300 * 1024];
    MultipartBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart(
                "letter", null, letterPart(LetterJson.from(paperLetter(nextBarcode(), false))))
            .addFormDataPart("attachment", "large.pdf", RequestBody.create(large.toFile(), PDF))
            .addFormDataPart("padding", null, RequestBody.create(padding, PDF))
            .addFormDataPart("signature", "large.pdf.sig", RequestBody.create(sign(large), CMS))
            .build();

    try (Response response = post(body, "too-large")) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(413);
      assertThat(error.errors().get(0).code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }
  }

  @Test
  void chunkedBodyOverLimitIsRejectedWith413() throws Exception {
    MultipartBody multipart =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart(
                "letter", null, letterPart(LetterJson.from(paperLetter(nextBarcode(), false))))
            .addFormDataPart(
                "attachment", "large.pdf", RequestBody.create(new byte[300 * 1024], PDF))
            .build();

    try (Response response = post(withoutLength(multipart), "too-large-chunked")) {
      assertThat(response.code()).isEqualTo(413);
      assertThat(errorBody(response).errors().get(0).code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }
  }

  @Test
  void chunkedBodyWithinLimitIsAccepted() throws Exception {
    String barcode = nextBarcode();
    MultipartBody multipart =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart(
                "letter", null, letterPart(LetterJson.from(paperLetter(barcode, false))))
            .addFormDataPart("attachment", "decision.pdf", RequestBody.create(pdf.toFile(), PDF))
            .addFormDataPart("signature", "decision.pdf.sig", RequestBody.create(sign(pdf), CMS))
            .build();

    try (Response response = post(withoutLength(multipart), barcode)) {
      assertThat(response.code()).isEqualTo(201);
      assertThat(response.header("Location")).startsWith("/api/v1/letters/");
    }
    assertThat(emulator.letters()).anyMatch(l -> barcode.equals(l.barcode()));
  }

  @Test
  void nonMultipartBodyIsRejected() throws Exception {
    Request request =
        authorised(WireProfileV1.LETTERS_PATH)
            .header(WireProfileV1.IDEMPOTENCY_KEY_HEADER, "json-body")
            .post(RequestBody.create("{}", JSON))
            .build();

    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(415);
      assertThat(errorBody(response).errors().get(0).code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
  }

  @Test
  void missingCredentialsGet401WithChallenge() throws Exception {
    Request request = new Request.Builder().url(url("api/v1/events")).get().build();

    try (Response response = http.newCall(request).execute()) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
      assertThat(error.errors().get(0).code()).isEqualTo("UNAUTHORIZED");
    }
  }

  @Test
  void unknownPathIsNotFoundWithRequestId() throws Exception {
    try (Response response = http.newCall(authorised("api/v2/letters").get().build()).execute()) {
      ErrorBody error = errorBody(response);

      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header(WireProfileV1.REQUEST_ID_HEADER)).isNotBlank();
      assertThat(error.requestId()).isEqualTo(response.header(WireProfileV1.REQUEST_ID_HEADER));
    }
  }

  @Test
  void wrongMethodIsNotAllowed() throws Exception {
    Request request = authorised("api/v1/letters/" + java.util.UUID.randomUUID()).delete().build();

    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("GET");
      assertThat(errorBody(response).errors().get(0).code()).isEqualTo("METHOD_NOT_ALLOWED");
    }
  }

  @Test
  void successfulResponseCarriesRequestId() throws Exception {
    try (Response response = http.newCall(authorised("api/v1/events").get().build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header(WireProfileV1.REQUEST_ID_HEADER)).isNotBlank();
    }
  }

  @Test
  void eventLimitOutOfRangeIsRejected() throws Exception {
    for (String limit : List.of("0", "1001", "ten")) {
      try (Response response =
          http.newCall(authorised("api/v1/events?limit=" + limit).get().build()).execute()) {
        assertThat(response.code()).as("limit %s", limit).isEqualTo(400);
        assertThat(errorBody(response).errors().get(0).field()).isEqualTo("limit");
      }
    }
  }

  @Test
  void malformedCursorIsRejected() throws Exception {
    try (Response response =
        http.newCall(authorised("api/v1/events?after=abc").get().build()).execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(errorBody(response).errors().get(0).code()).isEqualTo("CURSOR_INVALID");
    }
  }

  @Test
  void findWithoutBarcodeIsRejected() throws Exception {
    try (Response response = http.newCall(authorised("api/v1/letters").get().build()).execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(errorBody(response).errors().get(0).field()).isEqualTo("barcode");
    }
  }

  private static byte[] sign(Path file) {
    return CadesSigner.of(TestClients.SENDER_KEY).signDetached(file);
  }

  private static RequestBody letterPart(LetterJson letter) {
    return RequestBody.create(WireProfileV1.toJson(letter), JSON);
  }

  private static Response send(RequestBody letter, Path attachment, byte[] signature, String key)
      throws IOException {
    MultipartBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("letter", null, letter)
            .addFormDataPart(
                "attachment",
                attachment.getFileName().toString(),
                RequestBody.create(attachment.toFile(), PDF))
            .addFormDataPart(
                "signature", attachment.getFileName() + ".sig", RequestBody.create(signature, CMS))
            .build();
    return post(body, key);
  }

  /** Wraps a body so that OkHttp sends it chunked, without a Content-Length. */
  private static RequestBody withoutLength(RequestBody body) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return body.contentType();
      }

      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        body.writeTo(sink);
      }
    };
  }

  private static Response post(RequestBody body, String key) throws IOException {
    Request.Builder request = authorised(WireProfileV1.LETTERS_PATH).post(body);
    if (key != null) {
      request.header(WireProfileV1.IDEMPOTENCY_KEY_HEADER, key);
    }
    return http.newCall(request.build()).execute();
  }

  private static Request.Builder authorised(String path) {
    return new Request.Builder().url(url(path)).header("Authorization", AUTHORIZATION);
  }

  private static String url(String path) {
    return emulator.baseUri().resolve(path).toString();
  }

  private static ErrorBody errorBody(Response response) throws IOException {
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    byte[] body = response.body().bytes();
    ErrorBody error = WireProfileV1.objectMapper().readValue(body, ErrorBody.class);
    assertThat(error.requestId())
        .as("requestId of %s", new String(body, StandardCharsets.UTF_8))
        .isEqualTo(response.header(WireProfileV1.REQUEST_ID_HEADER));
    return error;
  }
}
