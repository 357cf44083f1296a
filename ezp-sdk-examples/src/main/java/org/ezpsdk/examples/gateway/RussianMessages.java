package org.ezpsdk.examples.gateway;

import java.util.Map;

/**
 * Russian wording of the SDK's rule codes, for callers such as 1C whose users read Russian. The
 * SDK's own English message follows in brackets, so nothing of it is lost.
 */
final class RussianMessages {
  private static final Map<String, String> RULES =
      Map.ofEntries(
          Map.entry("BARCODE_CHECK_DIGIT", "неверная контрольная цифра ШПИ"),
          Map.entry(
              "BARCODE_FORMAT", "ШПИ должен состоять из 14 цифр или 13 знаков формата UPU S10"),
          Map.entry("BARCODE_COUNTRY", "неверный код страны в ШПИ"),
          Map.entry("BARCODE_REQUIRED", "для заказного письма нужен ШПИ"),
          Map.entry("BARCODE_ALREADY_USED", "этот ШПИ уже занят другим письмом"),
          Map.entry("INN_CHECK_DIGIT", "неверная контрольная цифра ИНН"),
          Map.entry("INN_FORMAT", "ИНН организации состоит из 10 цифр, ИНН физического лица из 12"),
          Map.entry("INN_REQUIRED", "для организации нужен ИНН"),
          Map.entry(
              "KPP_FORMAT", "КПП состоит из 9 знаков: цифры, в 5-й и 6-й позиции допустимы A–Z"),
          Map.entry("KPP_REQUIRED", "для организации нужен КПП"),
          Map.entry("POSTCODE_FORMAT", "почтовый индекс состоит из 6 цифр"),
          Map.entry("POSTCODE_REQUIRED", "нужен почтовый индекс"),
          Map.entry("REQUIRED", "обязательное поле не заполнено"),
          Map.entry("UNKNOWN_FIELD", "неизвестное поле, проверьте написание"),
          Map.entry(
              "JSON_MALFORMED",
              "не является корректным JSON в кодировке UTF-8; исправьте JSON или его кодировку"),
          Map.entry("JSON_EMPTY", "пустое; передайте запрос как JSON-объект"),
          Map.entry("JSON_WRONG_TYPE", "значение другого типа JSON; исправьте значение"),
          Map.entry("JSON_VALUE_FORMAT", "значение имеет неверный формат; исправьте значение"),
          Map.entry(
              "INCORRECT_LETTER_PAGE_FORMAT",
              "страница PDF не формата A4 книжной ориентации (595,28 × 841,89 pt)"),
          Map.entry("PDF_TOO_MANY_PAGES", "в PDF слишком много страниц"),
          Map.entry("PDF_TOO_LARGE", "файл PDF слишком большой"),
          Map.entry("PDF_ENCRYPTED", "PDF зашифрован; нужен файл без пароля и шифрования"),
          Map.entry("PDF_PASSWORD_PROTECTED", "PDF защищён паролем"),
          Map.entry("PDF_NOT_PDF", "файл не является PDF"),
          Map.entry("PDF_DAMAGED", "файл PDF повреждён"),
          Map.entry("PDF_TRUNCATED", "файл PDF обрезан"),
          Map.entry("PDF_NO_PAGES", "в PDF нет страниц"),
          Map.entry("PDF_FILE_NOT_FOUND", "файл PDF не найден"),
          Map.entry("PDF_FILE_NOT_READABLE", "файл PDF нельзя прочитать"),
          Map.entry("SIGNATURE_INVALID", "подпись не соответствует файлу PDF"),
          Map.entry("PART_REQUIRED", "в запросе нет обязательной части"),
          Map.entry(
              "CLIENT_KEY_REUSED",
              "этот clientKey уже использован для другого письма; для нового письма нужен новый"
                  + " clientKey"),
          Map.entry("PDF_SOURCE", "нужен ровно один из pdfPath и pdfBase64"),
          Map.entry("PDF_BASE64", "pdfBase64 не является корректным Base64"));

  private RussianMessages() {}

  /** Returns the Russian wording of a rule, or a general one for a rule without a wording. */
  static String rule(String code) {
    return RULES.getOrDefault(code, "значение не прошло проверку (" + code + ")");
  }

  /**
   * Returns one sentence that names the field, the problem and the rejected value, such as {@code
   * Поле «recipient.inn»: неверная контрольная цифра ИНН; получено «7707083890».}
   */
  static String violation(String field, String code, String rejectedValue, String english) {
    StringBuilder text = new StringBuilder();
    text.append("Поле «").append(field).append("»: ").append(rule(code));
    text.append(
        rejectedValue == null ? "; значение не задано" : "; получено «" + rejectedValue + "»");
    if (english != null && !english.isBlank()) {
      text.append(" (").append(english).append(")");
    }
    return text.append('.').toString();
  }

  /**
   * Returns one sentence about a body that is not valid JSON of the request, with the place and the
   * rejected value before the problem, such as {@code Поле «letter.mailRank», строка 4, позиция 15,
   * получено «четыре»: значение имеет неверный формат; исправьте значение (expected a whole number
   * at line 4, column 15; correct the value).}
   *
   * @param line the line counted from 1, or 0 when the problem has no place in the body
   */
  static String jsonProblem(
      String field, String code, String rejectedValue, int line, int column, String english) {
    StringBuilder text = new StringBuilder();
    text.append(SendRequest.BODY_FIELD.equals(field) ? "Тело запроса" : "Поле «" + field + "»");
    if (line > 0) {
      text.append(", строка ").append(line).append(", позиция ").append(column);
    }
    if (rejectedValue != null) {
      text.append(", получено «").append(rejectedValue).append('»');
    }
    text.append(": ").append(rule(code));
    return text.append(" (").append(english).append(").").toString();
  }
}
