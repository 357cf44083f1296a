package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.ezpsdk.core.pdf.TestPdfs;

/** CSV manifests of valid court letters for batch tests, with rows a test may replace. */
final class TestManifests {
  static final String HEADER =
      "pdf,document_number,document_date,title,surname,name,patronymic,organisation,inn,kpp,"
          + "postcode,address,mail_rank,electronic_notice";

  private TestManifests() {}

  /** Returns a valid row: a person for even numbers, an organisation for odd ones. */
  static String validRow(int number) {
    String document = "А40-" + number + "/2026,2026-12-04,Определение суда,";
    if (number % 2 == 0) {
      return "letter.pdf,"
          + document
          + "Иванов,Иван,Иванович,,,,101000,"
          + "\"г. Москва, ул. Мясницкая, д. 26\",4,true";
    }
    return "letter.pdf,"
        + document
        + ",,,ПАО Сбербанк,7707083893,773601001,117312,"
        + "\"г. Москва, ул. Вавилова, д. 19\",4,false";
  }

  /**
   * Writes a manifest of {@code rows} rows with a one-page A4 PDF beside it.
   *
   * @param replace returns a replacement for row number i (0-based), or {@code null} to keep the
   *     valid row
   */
  static Path write(Path folder, String name, int rows, IntFunction<String> replace)
      throws IOException {
    TestPdfs.a4Portrait(folder, "letter.pdf", 1);
    List<String> lines = new ArrayList<>();
    lines.add("\uFEFF" + HEADER);
    for (int i = 0; i < rows; i++) {
      String replacement = replace.apply(i);
      lines.add(replacement != null ? replacement : validRow(i));
    }
    return Files.write(folder.resolve(name), lines, StandardCharsets.UTF_8);
  }

  /**
   * Replaces the rows of a manifest and keeps its PDF, whose bytes differ each time {@link #write}
   * makes it.
   */
  static Path rewrite(Path manifest, List<String> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("\uFEFF" + HEADER);
    lines.addAll(rows);
    return Files.write(manifest, lines, StandardCharsets.UTF_8);
  }

  /** Returns the batch arguments against the emulator at {@code endpoint}. */
  static List<String> batchArgs(String endpoint, Path key, Path cert, Path manifest)
      throws IOException {
    Path tokenFile = Files.writeString(manifest.resolveSibling("token.txt"), "test-token\n");
    return new ArrayList<>(
        List.of(
            "batch",
            "--test",
            "--endpoint",
            endpoint,
            "--sender-id",
            "test-sender",
            "--token-file",
            tokenFile.toString(),
            "--key",
            key.toString(),
            "--cert",
            cert.toString(),
            "--sender-name",
            "Арбитражный суд города Москвы",
            "--sender-address",
            "115225, г. Москва, ул. Большая Тульская, д. 17",
            "--range",
            "10100001:1-99999",
            manifest.toString()));
  }
}
