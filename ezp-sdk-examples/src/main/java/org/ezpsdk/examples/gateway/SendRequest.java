package org.ezpsdk.examples.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;

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

  private static final Set<String> FIELDS = Set.of("clientKey", "letter", "pdfPath", "pdfBase64");

  /**
   * Reads a request strictly: an unknown field is an error, because a misspelt field would
   * otherwise send the letter with a default.
   *
   * @throws ValidationException listing every problem found
   */
  static SendRequest read(byte[] body) {
    JsonNode root;
    try {
      root = WireProfileV1.objectMapper().readTree(body);
    } catch (IOException e) {
      throw invalid("request", "JSON_MALFORMED", null, "the body is not valid UTF-8 JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid("request", "JSON_MALFORMED", null, "the body must be a JSON object");
    }
    List<Violation> violations = new ArrayList<>();
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        violations.add(
            new Violation(name, "UNKNOWN_FIELD", name, "unknown field; known fields: " + FIELDS));
      }
    }
    String clientKey = text(root, "clientKey");
    if (clientKey != null && (clientKey.isBlank() || clientKey.length() > MAX_CLIENT_KEY_LENGTH)) {
      violations.add(
          new Violation(
              "clientKey",
              "CLIENT_KEY_FORMAT",
              clientKey,
              "the client key must be 1 to " + MAX_CLIENT_KEY_LENGTH + " characters"));
    }
    String pdfPath = text(root, "pdfPath");
    String pdfBase64 = text(root, "pdfBase64");
    if ((pdfPath == null) == (pdfBase64 == null)) {
      violations.add(
          new Violation(
              "pdfPath", "PDF_SOURCE", null, "give exactly one of pdfPath and pdfBase64"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException("Send request", violations);
    }
    return new SendRequest(clientKey, letter(root.get("letter")), pdfPath, pdfBase64);
  }

  private static Letter letter(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw invalid("letter", "REQUIRED", null, "the letter object is missing");
    }
    LetterJson json;
    try {
      json =
          WireProfileV1.objectMapper()
              .readerFor(LetterJson.class)
              .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(node);
    } catch (UnrecognizedPropertyException e) {
      throw invalid(
          path(e), "UNKNOWN_FIELD", e.getPropertyName(), "unknown field; check its spelling");
    } catch (JsonMappingException e) {
      throw invalid(path(e), "JSON_VALUE_FORMAT", null, e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("letter", "JSON_MALFORMED", null, e.getMessage());
    }
    return json.toLetter();
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String path(JsonMappingException error) {
    StringBuilder path = new StringBuilder("letter");
    for (JsonMappingException.Reference reference : error.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static ValidationException invalid(
      String field, String rule, String value, String message) {
    return new ValidationException(
        "Send request", List.of(new Violation(field, rule, value, message)));
  }
}
