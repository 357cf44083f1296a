package org.ezpsdk.examples.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML configuration file into a flat map of dotted keys to scalar values. */
final class ConfigFileReader {
  private static final YAMLMapper YAML = new YAMLMapper();

  private ConfigFileReader() {}

  /**
   * Returns the file's scalar values by dotted key ({@code profiles.test.endpoint}), and adds a
   * problem for an unreadable file or a value that is a list.
   */
  static Map<String, String> read(Path file, List<ConfigProblem> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      problems.add(new ConfigProblem("file", "'" + file + "' not found; check the --config path"));
      return values;
    } catch (CharacterCodingException e) {
      problems.add(new ConfigProblem("file", "'" + file + "' is not UTF-8 text; save it as UTF-8"));
      return values;
    } catch (JsonProcessingException e) {
      problems.add(
          new ConfigProblem(
              "file",
              "'"
                  + file
                  + "' is not valid YAML"
                  + at(e.getLocation())
                  + ": "
                  + firstLine(e.getOriginalMessage())
                  + "; fix the syntax there"));
      return values;
    } catch (IOException e) {
      problems.add(
          new ConfigProblem("file", "failed to read '" + file + "': " + firstLine(e.getMessage())));
      return values;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return values;
    }
    if (!root.isObject()) {
      problems.add(new ConfigProblem("file", "'" + file + "' must be a YAML mapping of keys"));
      return values;
    }
    flatten("", root, values, problems);
    return values;
  }

  private static void flatten(
      String prefix, JsonNode node, Map<String, String> values, List<ConfigProblem> problems) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key, value, values, problems);
      } else if (value.isArray()) {
        problems.add(new ConfigProblem(key, "expected one value, found a list"));
      } else if (!value.isNull()) {
        values.put(key, value.asText());
      }
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no details";
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
