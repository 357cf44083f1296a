package org.ezpsdk.examples.batch;

import static org.ezpsdk.examples.batch.ManifestColumns.ADDRESS;
import static org.ezpsdk.examples.batch.ManifestColumns.BARCODE;
import static org.ezpsdk.examples.batch.ManifestColumns.DOCUMENT_DATE;
import static org.ezpsdk.examples.batch.ManifestColumns.DOCUMENT_NUMBER;
import static org.ezpsdk.examples.batch.ManifestColumns.ELECTRONIC_NOTICE;
import static org.ezpsdk.examples.batch.ManifestColumns.INN;
import static org.ezpsdk.examples.batch.ManifestColumns.KPP;
import static org.ezpsdk.examples.batch.ManifestColumns.MAIL_RANK;
import static org.ezpsdk.examples.batch.ManifestColumns.NAME;
import static org.ezpsdk.examples.batch.ManifestColumns.ORGANISATION;
import static org.ezpsdk.examples.batch.ManifestColumns.PATRONYMIC;
import static org.ezpsdk.examples.batch.ManifestColumns.PDF;
import static org.ezpsdk.examples.batch.ManifestColumns.POSTCODE;
import static org.ezpsdk.examples.batch.ManifestColumns.SURNAME;
import static org.ezpsdk.examples.batch.ManifestColumns.TITLE;
import static org.ezpsdk.examples.batch.ManifestColumns.TYPE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.outbox.OutboxEntry;
import org.ezpsdk.core.pdf.PdfPreflight;

/**
 * Turns manifest rows into letters and checks every row before anything is sent: the letter's
 * fields with {@link Letter.Builder#build()}, the PDF with {@link PdfPreflight}, and ШПИ repeated
 * between rows. All problems of all rows are collected, not only the first.
 */
public final class ManifestLetters {
  private static final DateTimeFormatter RUSSIAN_DATE =
      DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
  private static final Set<String> TRUE = Set.of("true", "1", "да", "yes", "y", "д");
  private static final Set<String> FALSE = Set.of("false", "0", "нет", "no", "n", "н");

  /**
   * The column that contains each field path of {@link Letter}'s violations. The recipient's {@code
   * name} is missing here because its column depends on the recipient's kind.
   */
  private static final Map<String, String> FIELD_COLUMNS =
      Map.ofEntries(
          Map.entry("documentNumber", DOCUMENT_NUMBER),
          Map.entry("documentDate", DOCUMENT_DATE),
          Map.entry("title", TITLE),
          Map.entry("recipient.surname", SURNAME),
          Map.entry("recipient.inn", INN),
          Map.entry("recipient.kpp", KPP),
          Map.entry("recipientAddress.postcode", POSTCODE),
          Map.entry("recipientAddress.line", ADDRESS),
          Map.entry("type", TYPE),
          Map.entry("mailRank", MAIL_RANK),
          Map.entry("electronicNotice", ELECTRONIC_NOTICE),
          Map.entry("barcode", BARCODE));

  private ManifestLetters() {}

  /**
   * A row that passed every check.
   *
   * @param row the manifest row
   * @param reference the row's name in the outbox, made from the letter and the PDF's content by
   *     {@link LetterReferences#of}, so it does not depend on the row number
   * @param letter the letter; when {@code allocate} is true its ШПИ is a placeholder
   * @param pdf the PDF, resolved against the manifest's folder
   * @param pdfSha256 the PDF's SHA-256 in lower-case hex
   * @param allocate true when the row has no ШПИ of its own and takes one from a range
   */
  public record Prepared(
      ManifestRow row,
      String reference,
      Letter letter,
      Path pdf,
      String pdfSha256,
      boolean allocate) {}

  /** The rows that passed and the problems of those that did not, in row order. */
  public record Result(List<Prepared> letters, List<BatchProblem> problems) {}

  /**
   * Checks every row of the manifest. Two rows with the same letter and the same PDF are a problem
   * ({@code DUPLICATE_ROW}), because they would share one outbox reference.
   *
   * @param sender the sender and return address of every letter
   * @param defaultRank the mail rank of rows without one
   */
  public static Result prepare(
      Manifest manifest, Sender sender, MailRank defaultRank, PdfPreflight preflight) {
    List<BatchProblem> problems = new ArrayList<>(manifest.problems());
    List<Prepared> prepared = new ArrayList<>();
    Map<String, Integer> barcodes = new HashMap<>();
    Map<Path, List<Violation>> checkedPdfs = new HashMap<>();
    Map<Path, String> pdfDigests = new HashMap<>();
    Map<String, Integer> references = new HashMap<>();
    Path folder = manifest.file().toAbsolutePath().getParent();
    for (ManifestRow row : manifest.rows()) {
      List<BatchProblem> rowProblems = new ArrayList<>();
      Letter letter = letter(row, manifest, sender, defaultRank, rowProblems);
      Path pdf = checkPdf(row, folder, preflight, checkedPdfs, rowProblems);
      String barcode = row.get(BARCODE);
      if (barcode != null && barcodes.putIfAbsent(barcode, row.row()) != null) {
        rowProblems.add(
            new BatchProblem(
                row.row(),
                BARCODE,
                "BARCODE_REPEATED",
                barcode,
                "the ШПИ is also in row " + barcodes.get(barcode) + "; each letter needs its own"));
      }
      String pdfSha256 = rowProblems.isEmpty() ? digest(row, pdf, pdfDigests, rowProblems) : null;
      if (rowProblems.isEmpty()) {
        boolean allocate = barcode == null && letter.type() == LetterType.REGISTERED;
        String reference = LetterReferences.of(letter, allocate, pdfSha256);
        Integer first = references.putIfAbsent(reference, row.row());
        if (first != null) {
          rowProblems.add(duplicate(row, first));
        } else {
          prepared.add(new Prepared(row, reference, letter, pdf, pdfSha256, allocate));
        }
      }
      rowProblems.forEach(problem -> problems.add(withHeader(problem, manifest)));
    }
    // A stable sort: the manifest's problems of a row come before its letter's, in the order found.
    problems.sort(Comparator.comparingInt(BatchProblem::row));
    return new Result(prepared, problems);
  }

  /**
   * Renames a problem found under a canonical column to the column's header as the manifest writes
   * it; the PDF's file and page stay after the header, as in {@code Файл a.pdf page 2}.
   */
  private static BatchProblem withHeader(BatchProblem problem, Manifest manifest) {
    String field = problem.field();
    String column = field.startsWith(PDF + " ") ? PDF : field;
    if (!manifest.hasColumn(column)) {
      return problem;
    }
    String named = manifest.columnName(column) + field.substring(column.length());
    return new BatchProblem(
        problem.row(), named, problem.rule(), problem.value(), problem.message());
  }

  private static BatchProblem duplicate(ManifestRow row, int first) {
    return new BatchProblem(
        row.row(),
        "row",
        "DUPLICATE_ROW",
        null,
        "same as row "
            + first
            + ": the same letter with the same PDF would be sent once; delete one of the rows,"
            + " or change the document number if both letters must be sent");
  }

  /** Returns the PDF's SHA-256; a PDF named by several rows is read once. */
  private static String digest(
      ManifestRow row, Path pdf, Map<Path, String> pdfDigests, List<BatchProblem> problems) {
    String known = pdfDigests.get(pdf);
    if (known != null) {
      return known;
    }
    try {
      String digest = LetterReferences.sha256(pdf);
      pdfDigests.put(pdf, digest);
      return digest;
    } catch (IOException e) {
      problems.add(
          new BatchProblem(
              row.row(),
              PDF,
              "FILE_NOT_READABLE",
              row.get(PDF),
              "failed to read " + pdf + ": " + e));
      return null;
    }
  }

  private static Letter letter(
      ManifestRow row,
      Manifest manifest,
      Sender sender,
      MailRank defaultRank,
      List<BatchProblem> problems) {
    // An unknown type is reported under its column, and the rest of the row is checked as the
    // default REGISTERED, so that its other problems, such as a bad ШПИ, are listed too.
    LetterType parsedType = type(row, problems);
    LetterType type = parsedType != null ? parsedType : LetterType.REGISTERED;
    checkRecipientKind(row, manifest, problems);
    Letter.Builder builder =
        Letter.builder()
            .documentNumber(row.get(DOCUMENT_NUMBER))
            .documentDate(date(row, problems))
            .title(row.get(TITLE))
            .sender(sender)
            .recipient(recipient(row))
            .recipientAddress(Address.of(row.get(POSTCODE), row.get(ADDRESS)))
            .type(type)
            .mailRank(rank(row, defaultRank, problems))
            .electronicNotice(flag(row, ELECTRONIC_NOTICE, problems));
    String barcode = row.get(BARCODE);
    if (barcode != null) {
      builder.barcode(barcode);
    } else if (type == LetterType.REGISTERED) {
      builder.barcode(OutboxEntry.PLACEHOLDER_BARCODE);
    }
    // A date or type that did not parse is reported once, under its column, not again as missing.
    Set<String> reported = new HashSet<>();
    for (BatchProblem problem : problems) {
      reported.add(problem.field());
    }
    try {
      return builder.build();
    } catch (ValidationException e) {
      for (Violation violation : e.violations()) {
        String field = column(violation.field(), row, manifest);
        if (reported.contains(field)) {
          continue;
        }
        // A REQUIRED value from the letter model is an empty cell in a manifest, so the fix is to
        // fill it in.
        String message =
            violation.rule().equals("REQUIRED")
                ? violation.message() + "; fill in this column"
                : violation.message();
        problems.add(
            new BatchProblem(
                row.row(), field, violation.rule(), violation.rejectedValue(), message));
      }
      return null;
    }
  }

  /**
   * Returns the canonical column that contains a letter field, or the field's path when the
   * manifest has no such column. The sender comes from the command's options, and a column may be
   * left out.
   */
  private static String column(String fieldPath, ManifestRow row, Manifest manifest) {
    String column =
        fieldPath.equals("recipient.name")
            ? (isOrganisation(row) ? ORGANISATION : NAME)
            : FIELD_COLUMNS.get(fieldPath);
    return column != null && manifest.hasColumn(column) ? column : fieldPath;
  }

  private static boolean isOrganisation(ManifestRow row) {
    return row.get(ORGANISATION) != null || row.get(INN) != null;
  }

  /**
   * Reports a row that fills both a person's and an organisation's columns: the letter would go to
   * the organisation, and the person's name would be dropped without a word.
   */
  private static void checkRecipientKind(
      ManifestRow row, Manifest manifest, List<BatchProblem> problems) {
    String personColumn = firstFilled(row, SURNAME, NAME, PATRONYMIC);
    if (!isOrganisation(row) || personColumn == null) {
      return;
    }
    String organisationColumn = firstFilled(row, ORGANISATION, INN);
    problems.add(
        new BatchProblem(
            row.row(),
            personColumn,
            "RECIPIENT_AMBIGUOUS",
            row.get(personColumn),
            "the row fills both a person's column ("
                + manifest.columnName(personColumn)
                + ") and an organisation's ("
                + manifest.columnName(organisationColumn)
                + "); clear one kind, or split the row in two if both must receive the letter"));
  }

  /** Returns the first of the columns that has a value in the row, or null. */
  private static String firstFilled(ManifestRow row, String... columns) {
    for (String column : columns) {
      if (row.get(column) != null) {
        return column;
      }
    }
    return null;
  }

  private static Recipient recipient(ManifestRow row) {
    if (isOrganisation(row)) {
      return Recipient.organisation(row.get(ORGANISATION), row.get(INN), row.get(KPP));
    }
    return Recipient.individual(row.get(SURNAME), row.get(NAME), row.get(PATRONYMIC));
  }

  /** Checks a row's PDF; a PDF named by several rows is checked once. */
  private static Path checkPdf(
      ManifestRow row,
      Path folder,
      PdfPreflight preflight,
      Map<Path, List<Violation>> checkedPdfs,
      List<BatchProblem> problems) {
    String value = row.get(PDF);
    if (value == null) {
      problems.add(
          new BatchProblem(
              row.row(), PDF, "REQUIRED", null, "the PDF path is required; fill in this column"));
      return null;
    }
    Path pdf = folder.resolve(value).normalize();
    if (!Files.isRegularFile(pdf) || !Files.isReadable(pdf)) {
      problems.add(
          new BatchProblem(
              row.row(),
              PDF,
              "FILE_NOT_FOUND",
              value,
              "no readable file at " + pdf + "; paths are relative to the manifest's folder"));
      return null;
    }
    for (Violation violation : checkedPdfs.computeIfAbsent(pdf, preflight::findViolations)) {
      problems.add(
          new BatchProblem(
              row.row(),
              PDF + (violation.field() == null ? "" : " " + violation.field()),
              violation.rule(),
              violation.rejectedValue(),
              violation.message()));
    }
    return pdf;
  }

  private static LocalDate date(ManifestRow row, List<BatchProblem> problems) {
    String value = row.get(DOCUMENT_DATE);
    if (value == null) {
      return null;
    }
    try {
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value);
      }
      if (value.matches("\\d{2}\\.\\d{2}\\.\\d{4}")) {
        return LocalDate.parse(value, RUSSIAN_DATE);
      }
      if (value.matches("\\d{5}")) {
        // A spreadsheet date: days since 1899-12-30.
        return EXCEL_EPOCH.plusDays(Long.parseLong(value));
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add(
        new BatchProblem(
            row.row(),
            DOCUMENT_DATE,
            "DATE_FORMAT",
            value,
            "write the date as yyyy-mm-dd or dd.mm.yyyy"));
    return null;
  }

  private static LetterType type(ManifestRow row, List<BatchProblem> problems) {
    String value = row.get(TYPE);
    if (value == null) {
      return LetterType.REGISTERED;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "registered", "заказное" -> {
        return LetterType.REGISTERED;
      }
      case "regular", "простое" -> {
        return LetterType.REGULAR;
      }
      default -> {
        problems.add(
            new BatchProblem(
                row.row(),
                TYPE,
                "TYPE_UNKNOWN",
                value,
                "use REGISTERED (заказное) or REGULAR (простое)"));
        return null;
      }
    }
  }

  private static MailRank rank(ManifestRow row, MailRank defaultRank, List<BatchProblem> problems) {
    String value = row.get(MAIL_RANK);
    if (value == null) {
      return defaultRank;
    }
    if (value.matches("[0-7]")) {
      return MailRank.fromCode(Integer.parseInt(value));
    }
    if (value.matches("[0-9]+")) {
      problems.add(
          new BatchProblem(
              row.row(),
              MAIL_RANK,
              "MAIL_RANK_RANGE",
              value,
              "the mail rank is 0 to 7; write one of these digits"));
    } else {
      problems.add(
          new BatchProblem(
              row.row(),
              MAIL_RANK,
              "MAIL_RANK_FORMAT",
              value,
              "the mail rank is a whole number from 0 to 7; write one of these digits"));
    }
    return defaultRank;
  }

  private static boolean flag(ManifestRow row, String column, List<BatchProblem> problems) {
    String value = row.get(column);
    if (value == null) {
      return false;
    }
    String normal = value.toLowerCase(Locale.ROOT);
    if (TRUE.contains(normal)) {
      return true;
    }
    if (!FALSE.contains(normal)) {
      problems.add(
          new BatchProblem(
              row.row(), column, "BOOLEAN_FORMAT", value, "write true or false (да or нет)"));
    }
    return false;
  }
}
