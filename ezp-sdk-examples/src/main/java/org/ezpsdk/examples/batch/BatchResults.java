package org.ezpsdk.examples.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.spi.OutboxStore;

/**
 * The result of a batch: one line per manifest row with its ШПИ, outbox state, the service's id and
 * status, and the error, written as CSV (UTF-8 with a header) and as a JSON array.
 */
public final class BatchResults {
  private static final int PAGE = 1000;

  private BatchResults() {}

  /**
   * One row of the result.
   *
   * @param row the manifest row (the header is row 1)
   * @param reference the outbox reference
   * @param barcode the ШПИ
   * @param state the outbox state: PENDING, SENDING, SENT or FAILED
   * @param letterId the service's id, once sent
   * @param serviceStatus the latest status the service reported, or {@code null}
   * @param error the last error, or {@code null}
   */
  public record Line(
      int row,
      String reference,
      String barcode,
      String state,
      String letterId,
      String serviceStatus,
      String error) {}

  /**
   * Returns the result lines of the rows of one manifest, by row. A row is matched to its outbox
   * record by reference, so an unchanged row that an earlier run sent shows that run's letter.
   */
  public static List<Line> collect(OutboxStore store, List<ManifestLetters.Prepared> letters) {
    Map<String, Integer> rows = new HashMap<>();
    for (ManifestLetters.Prepared letter : letters) {
      rows.put(letter.reference(), letter.row().row());
    }
    List<Line> lines = new ArrayList<>();
    long after = 0;
    List<OutboxRecord> page;
    do {
      page = store.list(null, after, PAGE);
      for (OutboxRecord record : page) {
        after = record.id();
        Integer row = rows.get(record.reference());
        if (row != null) {
          lines.add(line(record, row));
        }
      }
    } while (page.size() == PAGE);
    lines.sort(Comparator.comparingInt(Line::row));
    return lines;
  }

  private static Line line(OutboxRecord record, int row) {
    return new Line(
        row,
        record.reference(),
        record.barcode(),
        record.state().name(),
        record.letterId(),
        record.serviceStatus() == null ? null : record.serviceStatus().name(),
        record.error());
  }

  /** Writes the lines as CSV. */
  public static void writeCsv(Path file, List<Line> lines) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("row,reference,barcode,state,letter_id,service_status,error\n");
      for (Line line : lines) {
        out.write(
            String.join(
                    ",",
                    String.valueOf(line.row()),
                    csv(line.reference()),
                    csv(line.barcode()),
                    csv(line.state()),
                    csv(line.letterId()),
                    csv(line.serviceStatus()),
                    csv(line.error()))
                + "\n");
      }
    }
  }

  /** Writes the lines as a JSON array. */
  public static void writeJson(Path file, List<Line> lines) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), lines);
  }

  private static String csv(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
