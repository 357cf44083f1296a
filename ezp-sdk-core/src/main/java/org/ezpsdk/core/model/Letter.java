package org.ezpsdk.core.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.validation.OrganisationIds;
import org.ezpsdk.core.validation.Postcodes;
import org.ezpsdk.core.validation.TrackingNumbers;

/**
 * The metadata of one electronic letter: the outgoing document, the sender, the recipient and the
 * postal options. Immutable; made by {@link #builder()}, whose {@code build()} checks every field
 * and reports all violations at once. The PDF attachment travels separately.
 */
public final class Letter {
  /**
   * Longest accepted document number, title and name. NOTE: assumed; ИС ЭПС limits are not public.
   */
  static final int MAX_DOCUMENT_NUMBER_LENGTH = 64;

  static final int MAX_TEXT_LENGTH = 500;

  private final String documentNumber;
  private final LocalDate documentDate;
  private final String title;
  private final Sender sender;
  private final Recipient recipient;
  private final Address recipientAddress;
  private final LetterType type;
  private final MailRank mailRank;
  private final boolean electronicNotice;
  private final String barcode;

  private Letter(Builder builder) {
    this.documentNumber = builder.documentNumber;
    this.documentDate = builder.documentDate;
    this.title = builder.title;
    this.sender = builder.sender;
    this.recipient = builder.recipient;
    this.recipientAddress = builder.recipientAddress;
    this.type = builder.type;
    this.mailRank = builder.mailRank;
    this.electronicNotice = builder.electronicNotice;
    this.barcode = builder.barcode;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .documentNumber(documentNumber)
        .documentDate(documentDate)
        .title(title)
        .sender(sender)
        .recipient(recipient)
        .recipientAddress(recipientAddress)
        .type(type)
        .mailRank(mailRank)
        .electronicNotice(electronicNotice)
        .barcode(barcode);
  }

  /** Returns the sender's outgoing registration number of the document (исходящий номер). */
  public String documentNumber() {
    return documentNumber;
  }

  /** Returns the date the document was registered under its outgoing number. */
  public LocalDate documentDate() {
    return documentDate;
  }

  public String title() {
    return title;
  }

  public Sender sender() {
    return sender;
  }

  public Recipient recipient() {
    return recipient;
  }

  public Address recipientAddress() {
    return recipientAddress;
  }

  public LetterType type() {
    return type;
  }

  public MailRank mailRank() {
    return mailRank;
  }

  /** Returns true when an electronic notice of delivery (ЭУВ) is requested. */
  public boolean electronicNotice() {
    return electronicNotice;
  }

  /** Returns the track number (ШПИ) of a registered letter, or {@code null} for a regular one. */
  public String barcode() {
    return barcode;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Letter that)) {
      return false;
    }
    return electronicNotice == that.electronicNotice
        && Objects.equals(documentNumber, that.documentNumber)
        && Objects.equals(documentDate, that.documentDate)
        && Objects.equals(title, that.title)
        && Objects.equals(sender, that.sender)
        && Objects.equals(recipient, that.recipient)
        && Objects.equals(recipientAddress, that.recipientAddress)
        && type == that.type
        && mailRank == that.mailRank
        && Objects.equals(barcode, that.barcode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(documentNumber, documentDate, title, barcode, recipient);
  }

  /** Describes the letter by its ids only; names and addresses are personal data. */
  @Override
  public String toString() {
    return "Letter[barcode="
        + barcode
        + ", documentNumber="
        + documentNumber
        + ", documentDate="
        + documentDate
        + ", type="
        + type
        + "]";
  }

  /** Builder of {@link Letter}; not thread-safe. */
  public static final class Builder {
    private String documentNumber;
    private LocalDate documentDate;
    private String title;
    private Sender sender;
    private Recipient recipient;
    private Address recipientAddress;
    private LetterType type = LetterType.REGISTERED;
    private MailRank mailRank = MailRank.NONE;
    private boolean electronicNotice;
    private String barcode;

    private Builder() {}

    public Builder documentNumber(String documentNumber) {
      this.documentNumber = Strings.trimToNull(documentNumber);
      return this;
    }

    public Builder documentDate(LocalDate documentDate) {
      this.documentDate = documentDate;
      return this;
    }

    public Builder title(String title) {
      this.title = Strings.trimToNull(title);
      return this;
    }

    public Builder sender(Sender sender) {
      this.sender = sender;
      return this;
    }

    public Builder recipient(Recipient recipient) {
      this.recipient = recipient;
      return this;
    }

    public Builder recipientAddress(Address recipientAddress) {
      this.recipientAddress = recipientAddress;
      return this;
    }

    /** Sets the recipient address from one line that starts with the postcode. */
    public Builder recipientAddress(String oneLine) {
      return recipientAddress(Address.parse(oneLine));
    }

    /** Sets the category; REGISTERED unless set. */
    public Builder type(LetterType type) {
      this.type = type;
      return this;
    }

    /** Sets the mail rank; NONE unless set. */
    public Builder mailRank(MailRank mailRank) {
      this.mailRank = mailRank;
      return this;
    }

    /** Requests an electronic notice of delivery; only registered letters can have one. */
    public Builder electronicNotice(boolean electronicNotice) {
      this.electronicNotice = electronicNotice;
      return this;
    }

    /** Sets the track number (ШПИ); spaces inside it are removed. */
    public Builder barcode(String barcode) {
      String trimmed = Strings.trimToNull(barcode);
      this.barcode = trimmed == null ? null : trimmed.replace(" ", "");
      return this;
    }

    /**
     * Builds the letter.
     *
     * @throws ValidationException listing every field that breaks a rule
     */
    public Letter build() {
      List<Violation> violations = LetterRules.check(this);
      if (!violations.isEmpty()) {
        throw new ValidationException("Letter", violations);
      }
      return new Letter(this);
    }

    String documentNumber() {
      return documentNumber;
    }

    LocalDate documentDate() {
      return documentDate;
    }

    String title() {
      return title;
    }

    Sender sender() {
      return sender;
    }

    Recipient recipient() {
      return recipient;
    }

    Address recipientAddress() {
      return recipientAddress;
    }

    LetterType type() {
      return type;
    }

    MailRank mailRank() {
      return mailRank;
    }

    boolean electronicNotice() {
      return electronicNotice;
    }

    String barcode() {
      return barcode;
    }
  }

  /** The field rules of a letter, gathered so that {@code build()} reports all at once. */
  private static final class LetterRules {
    private final List<Violation> violations = new ArrayList<>();

    static List<Violation> check(Builder letter) {
      LetterRules rules = new LetterRules();
      rules.checkDocument(letter);
      rules.checkSender(letter.sender());
      rules.checkRecipient(letter.recipient());
      rules.checkAddress("recipientAddress", letter.recipientAddress());
      rules.checkPostalOptions(letter);
      return rules.violations;
    }

    private void checkDocument(Builder letter) {
      requireText("documentNumber", letter.documentNumber(), MAX_DOCUMENT_NUMBER_LENGTH);
      requireText("title", letter.title(), MAX_TEXT_LENGTH);
      if (letter.documentDate() == null) {
        add("documentDate", "REQUIRED", null, "the document's registration date is required");
      }
    }

    private void checkSender(Sender sender) {
      if (sender == null) {
        add("sender", "REQUIRED", null, "the sender (name and return address) is required");
        return;
      }
      requireText("sender.name", sender.name(), MAX_TEXT_LENGTH);
      checkAddress("sender.returnAddress", sender.returnAddress());
    }

    private void checkRecipient(Recipient recipient) {
      if (recipient == null) {
        add("recipient", "REQUIRED", null, "the recipient is required");
      } else if (recipient instanceof Recipient.Individual person) {
        requireText("recipient.surname", person.surname(), MAX_TEXT_LENGTH);
        requireText("recipient.name", person.name(), MAX_TEXT_LENGTH);
      } else if (recipient instanceof Recipient.Organisation organisation) {
        requireText("recipient.name", organisation.name(), MAX_TEXT_LENGTH);
        OrganisationIds.checkInn("recipient.inn", organisation.inn()).ifPresent(violations::add);
        if (organisation.kpp() != null) {
          OrganisationIds.checkKpp("recipient.kpp", organisation.kpp()).ifPresent(violations::add);
        } else if (organisation.inn() != null && organisation.inn().length() == 10) {
          add(
              "recipient.kpp",
              "KPP_REQUIRED",
              null,
              "an organisation with a 10-digit ИНН also needs its 9-character КПП");
        }
      }
    }

    private void checkAddress(String field, Address address) {
      if (address == null) {
        add(field, "REQUIRED", null, "the address is required");
        return;
      }
      Postcodes.check(field + ".postcode", address.postcode()).ifPresent(violations::add);
      requireText(field + ".line", address.line(), MAX_TEXT_LENGTH);
    }

    private void checkPostalOptions(Builder letter) {
      if (letter.type() == null) {
        add("type", "REQUIRED", null, "the letter type is required: REGISTERED or REGULAR");
        return;
      }
      if (letter.mailRank() == null) {
        add("mailRank", "REQUIRED", null, "the mail rank is required; use NONE for none");
      }
      if (letter.type() == LetterType.REGISTERED) {
        TrackingNumbers.check("barcode", letter.barcode()).ifPresent(violations::add);
        return;
      }
      if (letter.electronicNotice()) {
        add(
            "electronicNotice",
            "NOTICE_NEEDS_REGISTERED",
            "true",
            "only a REGISTERED letter can have an electronic notice of delivery");
      }
      if (letter.barcode() != null) {
        add(
            "barcode",
            "BARCODE_NOT_ALLOWED",
            letter.barcode(),
            "a REGULAR letter has no track number; remove it or make the letter REGISTERED");
      }
    }

    private void requireText(String field, String value, int maxLength) {
      int forbidden = value == null ? -1 : Strings.firstForbiddenChar(value);
      if (value == null) {
        add(field, "REQUIRED", null, "the value is required");
      } else if (forbidden >= 0) {
        add(
            field,
            "FORBIDDEN_CHARACTER",
            String.format("U+%04X", forbidden),
            "the text contains a control, line-break or bidirectional-override character;"
                + " remove it");
      } else if (value.length() > maxLength) {
        add(
            field,
            "TOO_LONG",
            value.substring(0, 40) + "…",
            "the value is " + value.length() + " characters, at most " + maxLength + " allowed");
      }
    }

    private void add(String field, String rule, String value, String message) {
      violations.add(new Violation(field, rule, value, message));
    }
  }
}
