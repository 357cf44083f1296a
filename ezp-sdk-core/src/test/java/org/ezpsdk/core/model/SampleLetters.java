package org.ezpsdk.core.model;

import java.time.LocalDate;

/** Complete, valid letters that tests change one field at a time. */
public final class SampleLetters {
  /** Russian Post's own example of a valid domestic track number. */
  public static final String BARCODE = "80080152000048";

  public static final String RECIPIENT_LINE = "г. Москва, ул. Мясницкая, д. 26";
  public static final String RECIPIENT_ADDRESS = "101000, " + RECIPIENT_LINE;

  private SampleLetters() {}

  /** Returns a builder of a registered court letter to a person, with an electronic notice. */
  public static Letter.Builder toIndividual() {
    return Letter.builder()
        .documentNumber("А40-12345/2024")
        .documentDate(LocalDate.of(2024, 3, 1))
        .title("Определение о назначении судебного заседания")
        .sender(
            Sender.of(
                "Арбитражный суд города Москвы",
                Address.parse("115225, г. Москва, ул. Большая Тульская, д. 17")))
        .recipient(Recipient.individual("Иванов", "Иван", "Иванович"))
        .recipientAddress(RECIPIENT_ADDRESS)
        .type(LetterType.REGISTERED)
        .mailRank(MailRank.JUDICIAL)
        .electronicNotice(true)
        .barcode(BARCODE);
  }

  /** Returns a builder of a registered bank letter to an organisation with ИНН and КПП. */
  public static Letter.Builder toOrganisation() {
    return toIndividual()
        .documentNumber("01-02/777")
        .title("Уведомление об изменении условий договора")
        .recipient(Recipient.organisation("ПАО Сбербанк", "7707083893", "773601001"))
        .recipientAddress("117312, г. Москва, ул. Вавилова, д. 19")
        .mailRank(MailRank.CREDIT)
        .electronicNotice(false);
  }
}
