package org.ezpsdk.examples.batch;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ezpsdk.core.error.EzpClientException;

/**
 * A batch manifest read from a CSV file or a {@code reestr.xlsx}: its rows and the problems of its
 * header. See {@link ManifestColumns} for the columns.
 *
 * @param file the manifest
 * @param rows the data rows that have at least one value
 * @param problems problems of the header: unknown, repeated or missing columns
 * @param headers the header of each column the manifest has, as written in the file (trimmed),
 *     keyed by the canonical column name of {@link ManifestColumns}
 */
public record Manifest(
    Path file, List<ManifestRow> rows, List<BatchProblem> problems, Map<String, String> headers) {
  public Manifest {
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
    headers = Map.copyOf(headers);
  }

  /** Returns true when the manifest has the column, under any of its accepted headers. */
  public boolean hasColumn(String column) {
    return headers.containsKey(column);
  }

  /**
   * Returns the column's header as the file writes it, such as {@code Индекс} for {@code postcode},
   * or the canonical name when the manifest lacks the column.
   */
  public String columnName(String column) {
    return headers.getOrDefault(column, column);
  }

  /**
   * Reads a manifest: {@code .xlsx} as a spreadsheet, anything else as CSV in UTF-8.
   *
   * @throws EzpClientException when the file cannot be read or is malformed
   */
  public static Manifest read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      List<List<String>> table =
          name.endsWith(".xlsx") ? XlsxTable.read(file) : CsvTable.read(file);
      return fromTable(file, table);
    } catch (NoSuchFileException e) {
      throw new EzpClientException("Manifest '" + file + "' not found; check the path", e);
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read the manifest '" + file + "': " + e.getMessage() + "; check the path", e);
    }
  }

  /** Maps a table whose first row is the header. */
  static Manifest fromTable(Path file, List<List<String>> table) {
    List<BatchProblem> problems = new ArrayList<>();
    if (table.isEmpty()) {
      problems.add(
          new BatchProblem(1, "header", "MANIFEST_EMPTY", null, "the manifest has no header row"));
      return new Manifest(file, List.of(), problems, Map.of());
    }
    Map<Integer, String> columns = mapHeader(table.get(0), problems);
    Map<String, String> headers = new HashMap<>();
    columns.forEach((index, column) -> headers.put(column, table.get(0).get(index).strip()));
    Set<Integer> ignored = headedColumns(table.get(0));
    ignored.removeAll(columns.keySet());
    List<ManifestRow> rows = new ArrayList<>();
    for (int i = 1; i < table.size(); i++) {
      Map<String, String> values = new LinkedHashMap<>();
      List<String> cells = table.get(i);
      for (int c = 0; c < cells.size(); c++) {
        String column = columns.get(c);
        String value = cells.get(c) == null ? "" : cells.get(c).strip();
        if (value.isEmpty() || ignored.contains(c)) {
          continue;
        }
        if (column != null) {
          values.put(column, value);
        } else {
          problems.add(valueWithoutHeader(i + 1, c, value));
        }
      }
      if (!values.isEmpty()) {
        rows.add(new ManifestRow(i + 1, values));
      }
    }
    if (rows.isEmpty()) {
      problems.add(
          new BatchProblem(
              2,
              "row",
              "MANIFEST_EMPTY",
              null,
              "the manifest has a header but no letter rows; add one row per letter"));
    }
    return new Manifest(file, rows, problems, headers);
  }

  /**
   * Returns the indexes of the columns whose header is not empty. Values under a header that is
   * unknown or repeated are not reported again, because the header problem names the column.
   */
  private static Set<Integer> headedColumns(List<String> header) {
    Set<Integer> headed = new HashSet<>();
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c) != null && !header.get(c).isBlank()) {
        headed.add(c);
      }
    }
    return headed;
  }

  /**
   * Reports a value in a column without a header. It is an error and not a warning, because such a
   * value usually comes from an unquoted delimiter inside an address or a title. That delimiter
   * shifts the rest of the row, so the letter would be sent with a cut address.
   */
  private static BatchProblem valueWithoutHeader(int row, int index, String value) {
    return new BatchProblem(
        row,
        "column " + (index + 1),
        "COLUMN_WITHOUT_HEADER",
        value,
        "the value is in a column that has no header; quote values that contain the delimiter,"
            + " or give the column a header");
  }

  private static Map<Integer, String> mapHeader(List<String> header, List<BatchProblem> problems) {
    Map<Integer, String> columns = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String text = header.get(c) == null ? "" : header.get(c).strip();
      if (text.isEmpty() || ManifestColumns.isRowNumber(text)) {
        continue;
      }
      Optional<String> column = ManifestColumns.canonical(text);
      if (column.isEmpty()) {
        problems.add(
            new BatchProblem(
                1,
                "header",
                "COLUMN_UNKNOWN",
                text,
                "unknown column; the known columns are " + String.join(", ", ManifestColumns.ALL)));
      } else if (seen.containsKey(column.get())) {
        problems.add(
            new BatchProblem(
                1, "header", "COLUMN_REPEATED", text, "the column " + column.get() + " repeats"));
      } else {
        seen.put(column.get(), c);
        columns.put(c, column.get());
      }
    }
    for (String required : ManifestColumns.REQUIRED) {
      if (!seen.containsKey(required)) {
        problems.add(
            new BatchProblem(
                1, "header", "COLUMN_MISSING", required, "the required column is missing"));
      }
    }
    return columns;
  }
}
