package org.ezpsdk.examples.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.core.error.EzpClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path dir;

  @Test
  void csvWithBomQuotesAndLineBreaks() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            "\uFEFFpdf,document_number,address\r\n"
                + "a.pdf,\"1/2\",\"г. Москва, ул. \"\"Новая\"\",\nд. 1\"\r\n"
                + "\r\n"
                + "b.pdf,3,x\r\n");

    Manifest manifest = Manifest.read(file);

    assertThat(manifest.rows()).hasSize(2);
    assertThat(manifest.rows().get(0).get("pdf")).isEqualTo("a.pdf");
    assertThat(manifest.rows().get(0).get("address")).isEqualTo("г. Москва, ул. \"Новая\",\nд. 1");
    assertThat(manifest.rows().get(1).row()).isEqualTo(4);
  }

  @Test
  void rejectsHeaderWithoutRows() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.csv"), "pdf,document_number\n,\n");

    Manifest manifest = Manifest.read(file);

    assertThat(manifest.rows()).isEmpty();
    assertThat(manifest.problems()).extracting(BatchProblem::rule).contains("MANIFEST_EMPTY");
  }

  @Test
  void rejectsMissingManifestAsNotFound() {
    Path missing = dir.resolve("decisons.csv");

    EzpClientException e =
        catchThrowableOfType(EzpClientException.class, () -> Manifest.read(missing));

    assertThat(e.getMessage()).isEqualTo("Manifest '" + missing + "' not found; check the path");
  }

  @Test
  void csvWithSemicolons() throws IOException {
    Path file = Files.writeString(dir.resolve("m.csv"), "pdf;title\na.pdf;Решение, суда\n");

    Manifest manifest = Manifest.read(file);

    assertThat(manifest.rows().get(0).get("title")).isEqualTo("Решение, суда");
  }

  @Test
  void csvHeaderProblemsAreListed() throws IOException {
    Path file = Files.writeString(dir.resolve("m.csv"), "pdf,titel,pdf\na.pdf,x,y\n");

    Manifest manifest = Manifest.read(file);

    assertThat(manifest.problems())
        .extracting(BatchProblem::rule)
        .contains("COLUMN_UNKNOWN", "COLUMN_REPEATED", "COLUMN_MISSING");
    assertThat(manifest.problems().get(0).value()).isEqualTo("titel");
  }

  @Test
  void xlsxWithRussianHeaders() throws IOException {
    Path file = dir.resolve("reestr.xlsx");
    TestWorkbooks.write(
        file,
        new String[] {"№ п/п", "Файл", "Исходящий номер", "Дата документа", "Индекс*", "ИНН"},
        "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>6</v></c>"
            + "<c r=\"C2\" t=\"inlineStr\"><is><t>А40-1/2026</t></is></c>"
            + "<c r=\"D2\"><v>46360</v></c><c r=\"E2\"><v>101000</v></c>"
            + "<c r=\"F2\"><v>7707083893</v></c></row>");

    Manifest manifest = Manifest.read(file);

    assertThat(manifest.problems())
        .extracting(BatchProblem::value)
        .containsOnly("title", "address");
    ManifestRow row = manifest.rows().get(0);
    assertThat(row.row()).isEqualTo(2);
    assertThat(row.get("pdf")).isEqualTo("a.pdf");
    assertThat(row.get("document_number")).isEqualTo("А40-1/2026");
    assertThat(row.get("document_date")).isEqualTo("46360");
    assertThat(row.get("postcode")).isEqualTo("101000");
    assertThat(row.get("inn")).isEqualTo("7707083893");
  }
}
