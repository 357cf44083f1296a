package org.ezpsdk.examples.batch;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.examples.internal.StrictUtf8;

/**
 * Reads CSV in UTF-8 (RFC 4180: quoted fields may contain the delimiter, line breaks and doubled
 * quotes). A byte order mark is skipped. The delimiter is a comma, or a semicolon when the header
 * has semicolons and no commas, as spreadsheets write CSV in Russian locales.
 */
final class CsvTable {
  private CsvTable() {}

  static List<List<String>> read(Path file) throws IOException {
    String text = decode(file, Files.readAllBytes(file));
    int firstLineEnd = text.indexOf('\n');
    String header = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
    char delimiter = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
    return parse(file, text, delimiter);
  }

  private static String decode(Path file, byte[] bytes) {
    try {
      return StrictUtf8.decodeText(bytes);
    } catch (CharacterCodingException e) {
      throw new EzpClientException(
          "The manifest '" + file + "' is not UTF-8 text; save it as CSV in UTF-8");
    }
  }

  private static List<List<String>> parse(Path file, String text, char delimiter) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        line++;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new EzpClientException(
          "The manifest '"
              + file
              + "' has a quoted field that is not closed, starting before line "
              + line
              + "; close the quotes");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
