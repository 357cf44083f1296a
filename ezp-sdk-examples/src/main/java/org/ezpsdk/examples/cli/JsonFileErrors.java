package org.ezpsdk.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.examples.internal.JsonErrors;
import org.ezpsdk.examples.internal.JsonSource;

/**
 * Describes why a JSON file did not map to its type, with the wording shared with the gateway: the
 * JSON path, the line and column, the rejected value and what to do.
 */
final class JsonFileErrors {
  private JsonFileErrors() {}

  /**
   * Returns the violation that {@code error} is.
   *
   * @param fileName the file's name, used as the field of a problem with the whole file
   * @param text the file's text, to show the rejected value or character
   * @param mapper the mapper that read the text, to find the rejected value by its JSON path
   */
  static Violation describe(
      String fileName, String text, ObjectMapper mapper, JsonProcessingException error) {
    return JsonErrors.describe(new JsonSource(fileName, "the file", text), mapper, error)
        .toViolation();
  }
}
