package org.ezpsdk.examples.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ezpsdk.core.error.Violation;

/**
 * Describes why a JSON file did not map to its type in the SDK's words instead of Jackson's: the
 * JSON path, the line and column, the rejected value and what to do.
 */
final class JsonFileErrors {
  private static final int MAX_VALUE_LENGTH = 60;

  private JsonFileErrors() {}

  /**
   * Returns the violation that {@code error} is.
   *
   * @param fileName the file's name, used as the field of a syntax error
   * @param text the file's text, to show the rejected value or character
   * @param mapper the mapper that read the text, to find the rejected value by its JSON path
   */
  static Violation describe(
      String fileName, String text, ObjectMapper mapper, JsonProcessingException error) {
    if (error instanceof JsonMappingException mapping
        && mapping.getCause() instanceof JsonParseException syntax) {
      // Jackson wraps a syntax error inside a nested object, such as a text cut short by the end
      // of the file, in a mapping error. The syntax error itself gives the clearer message.
      return describe(fileName, text, mapper, syntax);
    }
    String at = at(error.getLocation());
    if (error instanceof UnrecognizedPropertyException unknown) {
      return new Violation(
          jsonPath(unknown),
          "UNKNOWN_FIELD",
          unknown.getPropertyName(),
          "unknown field"
              + at
              + "; check its spelling, the known fields here are "
              + new TreeSet<>(names(unknown.getKnownPropertyIds())));
    }
    if (error instanceof InvalidFormatException invalid) {
      return new Violation(
          jsonPath(invalid),
          "JSON_VALUE_FORMAT",
          shorten(String.valueOf(invalid.getValue())),
          "expected " + expected(invalid.getTargetType()) + at + "; correct the value");
    }
    if (error instanceof MismatchedInputException mismatched) {
      return wrongType(fileName, text, mapper, mismatched, at);
    }
    if (error instanceof JsonParseException) {
      String found = characterAt(text, error.getLocation());
      if (error instanceof JsonEOFException || found == null) {
        return new Violation(
            fileName,
            "JSON_MALFORMED",
            null,
            "the JSON ends"
                + at
                + " before every object, list and text in quotes is closed; close them or restore"
                + " the end of the file");
      }
      return new Violation(
          fileName,
          "JSON_MALFORMED",
          found,
          "the file is not valid JSON: unexpected character"
              + at
              + "; check for a missing comma, quote, colon or bracket just before it");
    }
    return new Violation(
        fileName,
        "JSON_MALFORMED",
        null,
        "the file does not map to the expected JSON"
            + at
            + "; compare it with the example letter in the README");
  }

  private static Violation wrongType(
      String fileName,
      String text,
      ObjectMapper mapper,
      MismatchedInputException error,
      String at) {
    if (text.isBlank()) {
      return new Violation(
          fileName, "JSON_EMPTY", null, "the file is empty; write the letter as a JSON object");
    }
    JsonNode found = nodeAt(text, mapper, error.getPath());
    return new Violation(
        jsonPath(error),
        "JSON_WRONG_TYPE",
        found == null ? null : shorten(found.isValueNode() ? found.asText() : kind(found)),
        "expected "
            + expected(error.getTargetType())
            + (found == null ? "" : ", found " + kind(found))
            + at
            + "; correct the value");
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Names the JSON a Java type is read from, in the words of a person who writes the file. */
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

  private static String characterAt(String text, JsonLocation location) {
    long offset = location == null ? -1 : location.getCharOffset();
    if (offset < 0 || offset >= text.length()) {
      return null;
    }
    return String.valueOf(text.charAt((int) offset));
  }

  static String jsonPath(JsonMappingException error) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : error.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "letter" : path.toString();
  }

  private static List<String> names(Collection<Object> ids) {
    return ids.stream().map(String::valueOf).toList();
  }

  private static String shorten(String value) {
    return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "…";
  }
}
