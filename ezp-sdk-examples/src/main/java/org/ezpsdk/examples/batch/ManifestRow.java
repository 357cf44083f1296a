package org.ezpsdk.examples.batch;

import java.util.Map;

/**
 * One data row of a manifest, its values keyed by the canonical column names of {@link
 * ManifestColumns}.
 *
 * @param row the row's number in the file as a spreadsheet shows it: the header is row 1
 * @param values the non-empty values, trimmed
 */
public record ManifestRow(int row, Map<String, String> values) {
  public ManifestRow {
    values = Map.copyOf(values);
  }

  /** Returns the value of a column, or {@code null} when the cell is empty or absent. */
  public String get(String column) {
    return values.get(column);
  }
}
