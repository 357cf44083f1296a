package org.ezpsdk.examples.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.examples.internal.JsonErrors;
import org.ezpsdk.examples.internal.JsonSource;
import org.ezpsdk.examples.internal.StrictJson;
import org.ezpsdk.examples.internal.StrictUtf8;

/**
 * A send request as a caller writes it: {@code {"clientKey": …, "letter": {…}, "pdfPath": …}} or
 * with {@code pdfBase64} in place of {@code pdfPath}. The letter is the JSON of wire profile v1.
 *
 * @param clientKey the caller's key for this letter, or {@code null}
 * @param letter the validated letter
 * @param pdfPath the PDF's path on the gateway's machine, or {@code null}
 * @param pdfBase64 the PDF's bytes in Base64, or {@code null}
 */
record SendRequest(String clientKey, Letter letter, String pdfPath, String pdfBase64) {

  /** The longest accepted client key; the service accepts idempotency keys of up to 255. */
  static final int MAX_CLIENT_KEY_LENGTH = 200;

  /** The field of a problem with the whole body, such as a syntax error. */
  static final String BODY_FIELD = "request";

  private static final String SUBJECT = "Send request";

  /**
   * The body as it maps from JSON, before the checks that need more than one field.
   *
   * @param clientKey the caller's key for this letter, or {@code null}
   * @param letter the letter in wire profile v1, or {@code null} when missing
   * @param pdfPath the PDF's path, or {@code null}
   * @param pdfBase64 the PDF's bytes in Base64, or {@code null}
   */
  record Body(String clientKey, LetterJson letter, String pdfPath, String pdfBase64) {}

  /**
   * Reads a request strictly: the body must be UTF-8 JSON with one object, and an unknown field, a
   * fraction for a whole number and a number for true or false are errors. Otherwise a misspelt
   * field would send the letter with a default, and {@code "mailRank": 4.7} with rank 4.
   *
   * @throws InvalidJsonException when the body is not UTF-8, not JSON or does not map to a request
   * @throws ValidationException listing every other problem found
   */
  static SendRequest read(byte[] bytes) {
    Body body = parse(new JsonSource(BODY_FIELD, "the request body", text(bytes)));
    List<Violation> violations = new ArrayList<>();
    String clientKey = body.clientKey();
    if (clientKey != null && (clientKey.isBlank() || clientKey.length() > MAX_CLIENT_KEY_LENGTH)) {
      violations.add(
          new Violation(
              "clientKey",
              "CLIENT_KEY_FORMAT",
              clientKey,
              "the client key must be 1 to " + MAX_CLIENT_KEY_LENGTH + " characters"));
    }
    if ((body.pdfPath() == null) == (body.pdfBase64() == null)) {
      violations.add(
          new Violation(
              "pdfPath", "PDF_SOURCE", null, "give exactly one of pdfPath and pdfBase64"));
    }
    if (body.letter() == null) {
      violations.add(
          new Violation("letter", "REQUIRED", null, "the letter object is missing; add it"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(SUBJECT, violations);
    }
    return new SendRequest(clientKey, body.letter().toLetter(), body.pdfPath(), body.pdfBase64());
  }

  /**
   * Decodes the body as strict UTF-8. A leading byte order mark is dropped, because many Windows
   * programs write one before UTF-8 text and JSON parsers reject it as an unexpected character.
   */
  private static String text(byte[] bytes) {
    String text;
    try {
      text = StrictUtf8.decode(bytes);
    } catch (CharacterCodingException e) {
      throw notUtf8(bytes, StrictUtf8.invalidOffset(bytes));
    }
    int nul = text.indexOf('\u0000');
    if (nul >= 0) {
      // The characters before a NUL are valid UTF-8, so their encoded length is its byte offset.
      throw notUtf8(bytes, text.substring(0, nul).getBytes(StandardCharsets.UTF_8).length);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static InvalidJsonException notUtf8(byte[] bytes, int offset) {
    return new InvalidJsonException(
        SUBJECT, JsonErrors.notUtf8(BODY_FIELD, "the request body", bytes, offset));
  }

  /** Maps the text to a body, and rejects anything after the body's JSON object. */
  private static Body parse(JsonSource source) {
    if (source.text().isBlank()) {
      throw new InvalidJsonException(SUBJECT, JsonErrors.empty(source, Body.class));
    }
    ObjectMapper mapper = StrictJson.mapper();
    Body body;
    try (JsonParser parser = mapper.createParser(source.text())) {
      body = mapper.readerFor(Body.class).readValue(parser);
      if (parser.nextToken() != null) {
        throw new InvalidJsonException(
            SUBJECT, JsonErrors.trailingContent(source, parser.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException(SUBJECT, JsonErrors.describe(source, mapper, e));
    } catch (IOException e) {
      // Only a syntax or mapping error can stop the parser on text in memory.
      throw new UncheckedIOException("Failed to read a send request from memory", e);
    }
    if (body == null) {
      throw new InvalidJsonException(SUBJECT, JsonErrors.nullValue(source, Body.class));
    }
    return body;
  }
}
