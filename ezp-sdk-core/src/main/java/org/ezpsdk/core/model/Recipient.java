package org.ezpsdk.core.model;

/** The addressee: a person or an organisation. */
public sealed interface Recipient permits Recipient.Individual, Recipient.Organisation {

  /** Returns the name as printed on the envelope. */
  String displayName();

  /** Returns a person recipient; the patronymic may be {@code null}. */
  static Individual individual(String surname, String name, String patronymic) {
    return new Individual(surname, name, patronymic);
  }

  /** Returns an organisation recipient; the КПП may be {@code null} for a sole trader. */
  static Organisation organisation(String name, String inn, String kpp) {
    return new Organisation(name, inn, kpp);
  }

  /**
   * A person.
   *
   * @param surname family name (фамилия)
   * @param name given name (имя)
   * @param patronymic patronymic (отчество), or {@code null} when the person has none
   */
  record Individual(String surname, String name, String patronymic) implements Recipient {
    public Individual {
      surname = Strings.trimToNull(surname);
      name = Strings.trimToNull(name);
      patronymic = Strings.trimToNull(patronymic);
    }

    @Override
    public String displayName() {
      StringBuilder text = new StringBuilder();
      for (String part : new String[] {surname, name, patronymic}) {
        if (part != null) {
          text.append(text.length() == 0 ? "" : " ").append(part);
        }
      }
      return text.toString();
    }
  }

  /**
   * An organisation or a sole trader.
   *
   * @param name full or short name
   * @param inn ИНН: 10 digits for an organisation, 12 for a sole trader
   * @param kpp КПП: 9 characters, or {@code null} where the organisation has none
   */
  record Organisation(String name, String inn, String kpp) implements Recipient {
    public Organisation {
      name = Strings.trimToNull(name);
      inn = Strings.trimToNull(inn);
      kpp = Strings.trimToNull(kpp);
    }

    @Override
    public String displayName() {
      return name == null ? "" : name;
    }
  }
}
