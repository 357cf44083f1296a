package org.ezpsdk.examples.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.TestPdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The row checks of a batch manifest: every problem of every row is listed. */
class ManifestLettersTest {
  private static final String HEADER =
      "pdf,document_number,document_date,title,organisation,inn,kpp,postcode,address,type,"
          + "mail_rank,electronic_notice,barcode";
  private static final Sender SENDER =
      Sender.of("Арбитражный суд", Address.parse("115225, г. Москва, ул. Большая Тульская, д. 17"));

  @TempDir Path dir;

  @Test
  void listsEveryProblemOfOneRow() throws IOException {
    TestPdfs.usLetter(dir);
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            HEADER
                + "\nletter-size.pdf,,31.02.2026,,ПАО Сбербанк,7707083890,77360100,1010,г. Москва,"
                + "посылка,9,может быть,10100001000011\n");

    List<BatchProblem> problems = prepare(file);

    assertThat(problems)
        .extracting(BatchProblem::field)
        .contains(
            "document_number",
            "document_date",
            "title",
            "inn",
            "kpp",
            "postcode",
            "type",
            "mail_rank",
            "electronic_notice",
            "barcode");
    assertThat(problems).extracting(BatchProblem::field).anyMatch(f -> f.startsWith("pdf"));
    assertThat(problems).allMatch(problem -> problem.row() == 2);
  }

  @Test
  void separatesMailRankFormatFromRange() throws IOException {
    TestPdfs.a4Portrait(dir, "first.pdf", 1);
    TestPdfs.a4Portrait(dir, "second.pdf", 1);
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            "pdf,document_number,document_date,title,organisation,inn,kpp,postcode,address,"
                + "mail_rank\nfirst.pdf,А40-1/2026,2026-12-04,Решение,ПАО Сбербанк,7707083893,"
                + "773601001,117312,г. Москва,x\nsecond.pdf,А40-2/2026,2026-12-04,Решение,"
                + "ПАО Сбербанк,7707083893,773601001,117312,г. Москва,9\n");

    List<BatchProblem> problems = prepare(file);

    assertThat(problems)
        .extracting(BatchProblem::rule)
        .containsExactly("MAIL_RANK_FORMAT", "MAIL_RANK_RANGE");
    assertThat(problems).extracting(BatchProblem::value).containsExactly("x", "9");
  }

  @Test
  void asksToFillInEmptyRequiredCell() throws IOException {
    TestPdfs.a4Portrait(dir, "letter.pdf", 1);
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            "pdf,document_number,document_date,title,organisation,inn,kpp,postcode,address\n"
                + "letter.pdf,А40-1/2026,2026-12-04,,ПАО Сбербанк,7707083893,773601001,117312,"
                + "г. Москва\n");

    List<BatchProblem> problems = prepare(file);

    assertThat(problems).extracting(BatchProblem::field).containsExactly("title");
    assertThat(problems.get(0).rule()).isEqualTo("REQUIRED");
    assertThat(problems.get(0).message()).endsWith("; fill in this column");
  }

  @Test
  void rejectsPersonAndOrganisationInOneRow() throws IOException {
    TestPdfs.a4Portrait(dir, "letter.pdf", 1);
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            "pdf,document_number,document_date,title,surname,name,organisation,inn,kpp,postcode,"
                + "address\nletter.pdf,А40-1/2026,2026-12-04,Решение,Иванов,Иван,ПАО Сбербанк,"
                + "7707083893,773601001,117312,г. Москва\n");

    List<BatchProblem> problems = prepare(file);

    assertThat(problems).hasSize(1);
    BatchProblem problem = problems.get(0);
    assertThat(problem.field()).isEqualTo("surname");
    assertThat(problem.rule()).isEqualTo("RECIPIENT_AMBIGUOUS");
    assertThat(problem.value()).isEqualTo("Иванов");
    assertThat(problem.message())
        .contains("person's column (surname)", "organisation's (organisation)");
  }

  @Test
  void namesProblemsByHeaderAsWritten() throws IOException {
    TestPdfs.usLetter(dir);
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            "Файл;Исходящий номер;Дата документа;Наименование документа;Наименование организации;"
                + "ИНН;Индекс;Адрес;Разряд\nletter-size.pdf;;2026-12-04;Решение;ПАО Сбербанк;"
                + "7707083890;1010;г. Москва;9\n");

    List<BatchProblem> problems = prepare(file);

    assertThat(problems)
        .extracting(BatchProblem::field)
        .contains("Исходящий номер", "ИНН", "Индекс", "Разряд", "recipient.kpp")
        .doesNotContain(
            "documentNumber", "recipient.inn", "recipientAddress.postcode", "mail_rank");
    assertThat(problems)
        .extracting(BatchProblem::field)
        .anyMatch(f -> f.startsWith("Файл letter-size.pdf page"));
  }

  @Test
  void rejectsValueWithoutHeader() throws IOException {
    TestPdfs.a4Portrait(dir, "letter.pdf", 1);
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            HEADER
                + "\nletter.pdf,А40-1/2026,2026-12-04,Решение,ПАО Сбербанк,7707083893,773601001,"
                + "117312,г. Москва,,,,,ул. Вавилова\n");

    List<BatchProblem> problems = prepare(file);

    assertThat(problems).hasSize(1);
    BatchProblem problem = problems.get(0);
    assertThat(problem.row()).isEqualTo(2);
    assertThat(problem.field()).isEqualTo("column 14");
    assertThat(problem.rule()).isEqualTo("COLUMN_WITHOUT_HEADER");
    assertThat(problem.value()).isEqualTo("ул. Вавилова");
  }

  @Test
  void rejectsUnknownColumnByName() throws IOException {
    TestPdfs.a4Portrait(dir, "letter.pdf", 1);
    Path file =
        Files.writeString(
            dir.resolve("m.csv"),
            HEADER
                + ",comment\nletter.pdf,А40-1/2026,2026-12-04,Решение,ПАО Сбербанк,7707083893,"
                + "773601001,117312,г. Москва,,,,,срочно\n");

    List<BatchProblem> problems = prepare(file);

    assertThat(problems).hasSize(1);
    BatchProblem problem = problems.get(0);
    assertThat(problem.row()).isEqualTo(1);
    assertThat(problem.rule()).isEqualTo("COLUMN_UNKNOWN");
    assertThat(problem.value()).isEqualTo("comment");
  }

  private List<BatchProblem> prepare(Path file) {
    Manifest manifest = Manifest.read(file);
    return ManifestLetters.prepare(manifest, SENDER, MailRank.NONE, new PdfPreflight()).problems();
  }
}
