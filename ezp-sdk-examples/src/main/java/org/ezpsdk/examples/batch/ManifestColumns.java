package org.ezpsdk.examples.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a batch manifest. A CSV manifest names them in its header row in English; a {@code
 * reestr.xlsx} names them in Russian.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>CSV</th><th>reestr.xlsx (assumed)</th><th>Meaning</th></tr>
 *   <tr><td>pdf</td><td>Файл, Имя файла</td><td>the PDF, relative to the manifest; required</td></tr>
 *   <tr><td>document_number</td><td>Номер документа, Исходящий номер</td><td>required</td></tr>
 *   <tr><td>document_date</td><td>Дата документа</td><td>yyyy-mm-dd or dd.mm.yyyy; required</td></tr>
 *   <tr><td>title</td><td>Наименование документа, Заголовок</td><td>required</td></tr>
 *   <tr><td>surname, name, patronymic</td><td>Фамилия, Имя, Отчество</td><td>a person</td></tr>
 *   <tr><td>organisation, inn, kpp</td><td>Наименование организации, ИНН, КПП</td>
 *       <td>an organisation, used when {@code organisation} is not empty</td></tr>
 *   <tr><td>postcode</td><td>Индекс</td><td>6 digits; required</td></tr>
 *   <tr><td>address</td><td>Адрес</td><td>the rest of the address on one line; required</td></tr>
 *   <tr><td>type</td><td>Вид отправления</td><td>REGISTERED (заказное, the default) or REGULAR
 *       (простое)</td></tr>
 *   <tr><td>mail_rank</td><td>Разряд</td><td>0 to 7; the command's default when empty</td></tr>
 *   <tr><td>electronic_notice</td><td>Уведомление</td><td>true/false, да/нет, 1/0</td></tr>
 *   <tr><td>barcode</td><td>ШПИ</td><td>the letter's own ШПИ; when empty one is taken from the
 *       outbox's ranges</td></tr>
 * </table>
 *
 * <p>NOTE: the Russian headers are assumed from the fields of Russian Post's web upload of
 * electronic letters; the layout of the real {@code reestr.xlsx} is not public. A column named
 * {@code №} or {@code № п/п} is ignored.
 */
public final class ManifestColumns {
  public static final String PDF = "pdf";
  public static final String DOCUMENT_NUMBER = "document_number";
  public static final String DOCUMENT_DATE = "document_date";
  public static final String TITLE = "title";
  public static final String SURNAME = "surname";
  public static final String NAME = "name";
  public static final String PATRONYMIC = "patronymic";
  public static final String ORGANISATION = "organisation";
  public static final String INN = "inn";
  public static final String KPP = "kpp";
  public static final String POSTCODE = "postcode";
  public static final String ADDRESS = "address";
  public static final String TYPE = "type";
  public static final String MAIL_RANK = "mail_rank";
  public static final String ELECTRONIC_NOTICE = "electronic_notice";
  public static final String BARCODE = "barcode";

  /** Every canonical column, in the order of the table above. */
  public static final List<String> ALL =
      List.of(
          PDF,
          DOCUMENT_NUMBER,
          DOCUMENT_DATE,
          TITLE,
          SURNAME,
          NAME,
          PATRONYMIC,
          ORGANISATION,
          INN,
          KPP,
          POSTCODE,
          ADDRESS,
          TYPE,
          MAIL_RANK,
          ELECTRONIC_NOTICE,
          BARCODE);

  /** Columns every manifest must have. */
  public static final List<String> REQUIRED =
      List.of(PDF, DOCUMENT_NUMBER, DOCUMENT_DATE, TITLE, POSTCODE, ADDRESS);

  private static final Map<String, String> RUSSIAN = russianHeaders();

  private ManifestColumns() {}

  private static Map<String, String> russianHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    put(headers, PDF, "файл", "имя файла", "файл pdf", "вложение");
    put(headers, DOCUMENT_NUMBER, "номер документа", "исходящий номер", "исх. номер");
    put(headers, DOCUMENT_DATE, "дата документа", "дата", "исходящая дата");
    put(headers, TITLE, "наименование документа", "заголовок", "название документа");
    put(headers, SURNAME, "фамилия");
    put(headers, NAME, "имя");
    put(headers, PATRONYMIC, "отчество");
    put(headers, ORGANISATION, "наименование организации", "организация", "наименование");
    put(headers, INN, "инн");
    put(headers, KPP, "кпп");
    put(headers, POSTCODE, "индекс", "почтовый индекс");
    put(headers, ADDRESS, "адрес", "адрес получателя");
    put(headers, TYPE, "вид отправления", "тип отправления");
    put(headers, MAIL_RANK, "разряд", "разряд письма");
    put(headers, ELECTRONIC_NOTICE, "уведомление", "эув", "уведомление о вручении");
    put(headers, BARCODE, "шпи", "трек-номер", "почтовый идентификатор");
    return headers;
  }

  private static void put(Map<String, String> headers, String column, String... names) {
    for (String name : names) {
      headers.put(name, column);
    }
  }

  /** Returns true for a header that names the row number, which is ignored. */
  static boolean isRowNumber(String header) {
    String normal = normalise(header);
    return normal.equals("№") || normal.equals("№ п/п") || normal.equals("n");
  }

  /** Returns the canonical column of an English or Russian header. */
  static Optional<String> canonical(String header) {
    String normal = normalise(header);
    if (ALL.contains(normal)) {
      return Optional.of(normal);
    }
    return Optional.ofNullable(RUSSIAN.get(normal));
  }

  private static String normalise(String header) {
    String text = header.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    while (text.endsWith("*") || text.endsWith(":")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text;
  }
}
