package org.ezpsdk.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.spi.Submission;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportRequest.Multipart;
import org.ezpsdk.core.spi.TransportRequest.Part;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.core.spi.WireFormat;

/**
 * Wire profile v1: the SDK's assumed ИС ЭПС protocol, modelled on Russian Post's public sibling
 * APIs (REST and JSON, Basic authentication with the sender id and token). The official protocol is
 * not public; this profile and the emulator in {@code ezp-sdk-testkit} agree with each other, and a
 * sender with the official memo replaces it through {@link WireFormat}.
 *
 * <ul>
 *   <li>{@code POST api/v1/letters}: multipart with {@code letter} (JSON, {@link LetterJson}),
 *       {@code attachment} (application/pdf) and {@code signature} (detached CMS); header {@code
 *       Idempotency-Key}. Responds 201 with a {@link LetterReceipt}; a repeat with the same key and
 *       content gets 200 with the first receipt; the same key with other content is 409.
 *   <li>{@code GET api/v1/letters/{id}}: a {@link LetterInfo}.
 *   <li>{@code GET api/v1/letters?barcode=…}: a {@link LetterList}.
 *   <li>{@code GET api/v1/letters?idempotencyKey=…}: a {@link LetterList} of the letters the sender
 *       sent under that key: none or one.
 *   <li>{@code GET api/v1/events?after=CURSOR&limit=N}: an {@link EventPage}.
 *   <li>{@code GET api/v1/letters/{id}/notice}: the notice of delivery document.
 *   <li>Errors: 4xx and 5xx with an {@link ErrorBody}; 429 and 503 may carry Retry-After.
 * </ul>
 */
public final class WireProfileV1 implements WireFormat {
  public static final String NAME = "v1";
  public static final String LETTERS_PATH = "api/v1/letters";
  public static final String EVENTS_PATH = "api/v1/events";
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  public static final String IDEMPOTENCY_KEY_PARAMETER = "idempotencyKey";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** Returns the JSON mapper of this profile; shared and thread-safe, do not reconfigure it. */
  public static ObjectMapper objectMapper() {
    return MAPPER;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TransportRequest sendLetter(Environment environment, Submission submission) {
    String attachmentName = submission.attachment().getFileName().toString();
    Multipart body =
        Multipart.builder()
            .add(
                Part.ofBytes(
                    "letter",
                    null,
                    "application/json",
                    toJson(LetterJson.from(submission.letter()))))
            .add(
                Part.ofFile(
                    "attachment", attachmentName, "application/pdf", submission.attachment()))
            .add(
                Part.ofBytes(
                    "signature",
                    attachmentName + ".sig",
                    submission.signatureMediaType(),
                    submission.signature()))
            .build();
    return new TransportRequest(
        "sendLetter",
        "POST",
        environment.resolve(LETTERS_PATH),
        Map.of(IDEMPOTENCY_KEY_HEADER, submission.idempotencyKey(), "Accept", "application/json"),
        body);
  }

  @Override
  public LetterReceipt readReceipt(TransportResponse response) {
    return fromJson(response, LetterReceipt.class);
  }

  @Override
  public TransportRequest getLetter(Environment environment, String letterId) {
    return get("getLetter", environment, LETTERS_PATH + "/" + encode(letterId));
  }

  @Override
  public LetterInfo readLetter(TransportResponse response) {
    return fromJson(response, LetterInfo.class);
  }

  @Override
  public TransportRequest findLetters(Environment environment, String barcode) {
    return get("findLetters", environment, LETTERS_PATH + "?barcode=" + encode(barcode));
  }

  @Override
  public TransportRequest findLettersByIdempotencyKey(
      Environment environment, String idempotencyKey) {
    return get(
        "findLetters",
        environment,
        LETTERS_PATH + "?" + IDEMPOTENCY_KEY_PARAMETER + "=" + encode(idempotencyKey));
  }

  /** Returns true for 200, the status of a repeat; a newly accepted letter gets 201. */
  @Override
  public boolean isRepeatedReceipt(TransportResponse response) {
    return response.statusCode() == 200;
  }

  @Override
  public List<LetterInfo> readLetters(TransportResponse response) {
    return fromJson(response, LetterList.class).letters();
  }

  @Override
  public TransportRequest events(Environment environment, String afterCursor, int limit) {
    String query = "?limit=" + limit + (afterCursor == null ? "" : "&after=" + encode(afterCursor));
    return get("events", environment, EVENTS_PATH + query);
  }

  @Override
  public EventPage readEvents(TransportResponse response) {
    return fromJson(response, EventPage.class);
  }

  @Override
  public TransportRequest notice(Environment environment, String letterId) {
    return get("notice", environment, LETTERS_PATH + "/" + encode(letterId) + "/notice");
  }

  @Override
  public DeliveryNotice readNotice(String letterId, TransportResponse response) {
    String contentType = response.header("Content-Type");
    return new DeliveryNotice(
        letterId, contentType == null ? "application/octet-stream" : contentType, response.body());
  }

  @Override
  public EzpServiceException readError(TransportResponse response) {
    String requestId = response.header(REQUEST_ID_HEADER);
    try {
      ErrorBody error = MAPPER.readValue(response.body(), ErrorBody.class);
      if (error == null) {
        // The body was the JSON literal null.
        return new EzpServiceException(response.statusCode(), null, requestId, List.of());
      }
      List<EzpServiceException.ServiceError> errors =
          error.errors().stream()
              .map(
                  item ->
                      new EzpServiceException.ServiceError(
                          item.code(), item.field(), item.message()))
              .toList();
      String id = error.requestId() != null ? error.requestId() : requestId;
      return new EzpServiceException(response.statusCode(), error.message(), id, errors);
    } catch (IOException e) {
      String text = response.bodyAsString();
      String excerpt = text.length() > 200 ? text.substring(0, 200) + "…" : text;
      return new EzpServiceException(response.statusCode(), excerpt, requestId, List.of());
    }
  }

  /** Serialises a value of this profile to JSON bytes. */
  public static byte[] toJson(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to write " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T fromJson(TransportResponse response, Class<T> type) {
    try {
      return MAPPER.readValue(response.body(), type);
    } catch (IOException e) {
      throw new EzpServiceException(
          response.statusCode(),
          "the response is not a valid "
              + type.getSimpleName()
              + " ("
              + firstLine(e.getMessage())
              + ")",
          response.header(REQUEST_ID_HEADER),
          List.of());
    }
  }

  private static TransportRequest get(String operation, Environment environment, String path) {
    return new TransportRequest(
        operation, "GET", environment.resolve(path), Map.of("Accept", "application/json"), null);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no details";
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** Percent-encodes a path segment or query value. A space becomes %20, valid in both. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
