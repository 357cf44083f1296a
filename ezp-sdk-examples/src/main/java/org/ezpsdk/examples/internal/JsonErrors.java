package org.ezpsdk.examples.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Describes why a JSON text did not map to its Java type in the SDK's words instead of Jackson's:
 * the JSON path, the rule, the rejected value, the line and column, and what to do. The command
 * line uses it for letter files and the gateway for request bodies. The class is not part of the
 * SDK's API.
 *
 * <p>A rejected value is shortened to 60 characters. Neither the value of an unknown field nor the
 * content of a rejected object or list is shown, only the field's name or {@code {…}} and {@code
 * […]}, so a secret put in the wrong place is not echoed.
 */
public final class JsonErrors {
  /** The text is not UTF-8, not JSON, cut short, or has more than one JSON value. */
  public static final String MALFORMED = "JSON_MALFORMED";

  /** The text is empty or only white space. */
  public static final String EMPTY = "JSON_EMPTY";

  /** A value has another JSON type than expected, such as an object in place of a text. */
  public static final String WRONG_TYPE = "JSON_WRONG_TYPE";

  /** A value has the right JSON type but cannot be read, such as a word in place of a number. */
  public static final String VALUE_FORMAT = "JSON_VALUE_FORMAT";

  /** A field that the type does not have. */
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

  private static final int MAX_VALUE_LENGTH = 60;

  private JsonErrors() {}

  /**
   * Describes an error that Jackson raised while reading {@code source}.
   *
   * @param mapper the mapper that read the text, to find the rejected value by its JSON path
   */
  public static JsonProblem describe(
      JsonSource source, ObjectMapper mapper, JsonProcessingException error) {
    if (error instanceof JsonMappingException mapping
        && mapping.getCause() instanceof JsonParseException syntax) {
      // Jackson wraps a syntax error inside a nested object, such as a text cut short by the end
      // of the file, in a mapping error. The syntax error itself gives the clearer message.
      return describe(source, mapper, syntax);
    }
    if (source.text().isBlank()) {
      return empty(source, error instanceof MismatchedInputException m ? m.getTargetType() : null);
    }
    JsonLocation location = error.getLocation();
    if (error instanceof UnrecognizedPropertyException unknown) {
      JsonLocation field = fieldLocation(source.text(), mapper, unknown.getPath());
      location = field != null ? field : location;
      return problem(
          jsonPath(source, unknown),
          UNKNOWN_FIELD,
          unknown.getPropertyName(),
          location,
          "unknown field"
              + at(location)
              + "; check its spelling, the known fields here are "
              + new TreeSet<>(names(unknown.getKnownPropertyIds())));
    }
    if (error instanceof InvalidFormatException invalid) {
      return problem(
          jsonPath(source, invalid),
          VALUE_FORMAT,
          shorten(String.valueOf(invalid.getValue())),
          location,
          "expected " + expected(invalid.getTargetType()) + at(location) + "; correct the value");
    }
    if (error instanceof MismatchedInputException mismatched) {
      return wrongType(source, mapper, mismatched);
    }
    if (error instanceof JsonParseException) {
      return syntax(source, error, location);
    }
    return problem(
        error instanceof JsonMappingException mapping ? jsonPath(source, mapping) : source.name(),
        MALFORMED,
        null,
        location,
        source.noun()
            + " does not map to the expected JSON"
            + at(location)
            + "; check the value against the documented format");
  }

  /** Describes a text that is empty or only white space, where {@code type} was expected. */
  public static JsonProblem empty(JsonSource source, Class<?> type) {
    return new JsonProblem(
        source.name(),
        EMPTY,
        null,
        0,
        0,
        source.noun() + " is empty; expected " + expected(type) + " in JSON");
  }

  /** Describes a text that is the JSON literal {@code null} where {@code type} was expected. */
  public static JsonProblem nullValue(JsonSource source, Class<?> type) {
    return new JsonProblem(
        source.name(),
        WRONG_TYPE,
        "null",
        0,
        0,
        "expected " + expected(type) + ", found null; replace null with it");
  }

  /**
   * Describes a text that goes on after its first complete JSON value, such as two objects one
   * after the other.
   *
   * @param location where the second value starts
   */
  public static JsonProblem trailingContent(JsonSource source, JsonLocation location) {
    return problem(
        source.name(),
        MALFORMED,
        characterAt(source.text(), location),
        location,
        source.noun()
            + " goes on after the end of its JSON value"
            + at(location)
            + "; give exactly one JSON value and remove what follows it");
  }

  /**
   * Describes bytes that are not UTF-8, naming the first invalid byte by its line and column. A NUL
   * byte counts as invalid too: it is valid UTF-8 but never part of JSON text, and its usual cause
   * is text in UTF-16 without a byte order mark.
   *
   * @param name the source's name, as in {@link JsonSource#name()}
   * @param noun how a message names the text, as in {@link JsonSource#noun()}
   * @param offset the offset of the first byte that is not valid UTF-8
   */
  public static JsonProblem notUtf8(String name, String noun, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    // Every byte before the offset is valid UTF-8, so the column counts decoded characters.
    int column =
        new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
    String value = String.format(Locale.ROOT, "0x%02X", bytes[offset] & 0xFF);
    return new JsonProblem(
        name,
        MALFORMED,
        value,
        line,
        column,
        noun
            + " is not UTF-8: the byte "
            + value
            + " at line "
            + line
            + ", column "
            + column
            + " (byte offset "
            + offset
            + (bytes[offset] == 0
                ? ") is a NUL, which JSON text never contains but UTF-16 text has in every Latin"
                    + " letter"
                : ") does not form a UTF-8 character")
            + "; save or send the text as UTF-8, because text in Windows-1251 or UTF-16 is"
            + " rejected");
  }

  private static JsonProblem syntax(
      JsonSource source, JsonProcessingException error, JsonLocation location) {
    String found = characterAt(source.text(), location);
    if (error instanceof JsonEOFException || found == null) {
      return problem(
          source.name(),
          MALFORMED,
          null,
          location,
          "the JSON ends"
              + at(location)
              + " before every object, list and text in quotes is closed; close them, or restore"
              + " the end of "
              + source.noun()
              + " if it was cut short");
    }
    return problem(
        source.name(),
        MALFORMED,
        found,
        location,
        source.noun()
            + " is not valid JSON: unexpected character"
            + at(location)
            + "; check for a missing comma, quote, colon or bracket just before it");
  }

  private static JsonProblem wrongType(
      JsonSource source, ObjectMapper mapper, MismatchedInputException error) {
    JsonNode found = nodeAt(source.text(), mapper, error.getPath());
    String value = null;
    if (found != null && found.isValueNode()) {
      value = shorten(found.asText());
    } else if (found != null) {
      // Only the shape of an object or a list, because its content may hold anything.
      value = found.isObject() ? "{…}" : "[…]";
    }
    return problem(
        jsonPath(source, error),
        WRONG_TYPE,
        value,
        error.getLocation(),
        "expected "
            + expected(error.getTargetType())
            + (found == null ? "" : ", found " + kind(found))
            + at(error.getLocation())
            + "; correct the value");
  }

  private static JsonProblem problem(
      String field, String rule, String value, JsonLocation location, String message) {
    boolean known = location != null && location.getLineNr() >= 1;
    return new JsonProblem(
        field,
        rule,
        value,
        known ? location.getLineNr() : 0,
        known ? location.getColumnNr() : 0,
        message);
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Names the JSON a Java type is read from, in the words of a person who writes the JSON. */
  private static String expected(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (type == String.class) {
      return "a text in quotes";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == LocalDate.class) {
      return "a date in quotes, written yyyy-MM-dd";
    }
    if (type.isRecord()) {
      return "an object with the fields "
          + Arrays.stream(type.getRecordComponents())
              .map(component -> component.getName())
              .collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list in [ ]";
    }
    return "an object in { }";
  }

  private static String kind(JsonNode node) {
    if (node.isTextual()) {
      return "a text";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "null";
  }

  /** Returns the node at the error's path, or {@code null} when the text does not parse. */
  private static JsonNode nodeAt(
      String text, ObjectMapper mapper, List<JsonMappingException.Reference> path) {
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    for (JsonMappingException.Reference reference : path) {
      if (node == null) {
        return null;
      }
      node =
          reference.getFieldName() != null
              ? node.get(reference.getFieldName())
              : node.get(reference.getIndex());
    }
    return node;
  }

  /**
   * Returns where the name of the field at the path starts, or {@code null} when it is not found.
   * Jackson reports an unknown field of a record at the end of the record's object, because it
   * reads the whole object before it builds the record.
   */
  private static JsonLocation fieldLocation(
      String text, ObjectMapper mapper, List<JsonMappingException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      pointer.append('/');
      if (reference.getFieldName() != null) {
        pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else {
        pointer.append(reference.getIndex());
      }
    }
    String target = pointer.toString();
    try (JsonParser parser = mapper.createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME
            && parser.getParsingContext().pathAsPointer().toString().equals(target)) {
          return parser.currentTokenLocation();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /**
   * Returns the character at the location, with an invisible one (a control character, a byte order
   * mark) written as {@code U+XXXX}; {@code null} past the end of the text.
   */
  private static String characterAt(String text, JsonLocation location) {
    long offset = location == null ? -1 : location.getCharOffset();
    if (offset < 0 || offset >= text.length()) {
      return null;
    }
    int codePoint = text.codePointAt((int) offset);
    int type = Character.getType(codePoint);
    if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED) {
      return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
    return Character.toString(codePoint);
  }

  /** Returns the error's JSON path, such as {@code recipient.postcode} or {@code items[2]}. */
  private static String jsonPath(JsonSource source, JsonMappingException error) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : error.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? source.name() : path.toString();
  }

  private static List<String> names(Collection<Object> ids) {
    return ids.stream().map(String::valueOf).toList();
  }

  private static String shorten(String value) {
    return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "…";
  }
}
