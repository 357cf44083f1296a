package org.ezpsdk.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.validation.OrganisationIds;

/**
 * The {@code letter} part of a send request in wire profile v1: the letter's metadata as JSON.
 *
 * @param barcode the track number (ШПИ), absent for a regular letter
 * @param type {@code REGISTERED} or {@code REGULAR}
 * @param mailRank the mail rank code, 0 to 7
 * @param electronicNotice whether an electronic notice of delivery is requested
 * @param document the outgoing document
 * @param sender the sender and its return address
 * @param recipient the addressee
 * @param recipientAddress the delivery address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LetterJson(
    String barcode,
    String type,
    Integer mailRank,
    Boolean electronicNotice,
    DocumentJson document,
    SenderJson sender,
    RecipientJson recipient,
    AddressJson recipientAddress) {

  /**
   * The outgoing document.
   *
   * @param number the outgoing registration number
   * @param date the registration date, ISO {@code yyyy-MM-dd}
   * @param title the document's title
   */
  public record DocumentJson(String number, LocalDate date, String title) {}

  /** The sender: name and return address. */
  public record SenderJson(String name, AddressJson returnAddress) {}

  /** An address: postcode and the rest on one line. */
  public record AddressJson(String postcode, String line) {}

  /**
   * The addressee: {@code kind} is {@code INDIVIDUAL} (surname, name, patronymic) or {@code
   * ORGANISATION} (name, inn, kpp).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecipientJson(
      String kind, String surname, String name, String patronymic, String inn, String kpp) {}

  /** Returns the JSON form of a letter. */
  public static LetterJson from(Letter letter) {
    return new LetterJson(
        letter.barcode(),
        letter.type().name(),
        letter.mailRank().code(),
        letter.electronicNotice(),
        new DocumentJson(letter.documentNumber(), letter.documentDate(), letter.title()),
        new SenderJson(letter.sender().name(), address(letter.sender().returnAddress())),
        recipient(letter.recipient()),
        address(letter.recipientAddress()));
  }

  /**
   * Builds the letter this JSON describes.
   *
   * @throws ValidationException listing every field that is missing or breaks a rule
   */
  public Letter toLetter() {
    List<Violation> violations = new ArrayList<>();
    Letter.Builder builder = Letter.builder().barcode(barcode);
    if (type != null) {
      try {
        builder.type(LetterType.valueOf(type));
      } catch (IllegalArgumentException e) {
        violations.add(
            new Violation("type", "TYPE_UNKNOWN", type, "type must be REGISTERED or REGULAR"));
      }
    } else {
      builder.type(null);
    }
    if (mailRank != null) {
      try {
        builder.mailRank(MailRank.fromCode(mailRank));
      } catch (IllegalArgumentException e) {
        violations.add(
            new Violation(
                "mailRank", "MAIL_RANK_RANGE", String.valueOf(mailRank), "mail rank is 0 to 7"));
      }
    }
    builder.electronicNotice(Boolean.TRUE.equals(electronicNotice));
    if (document != null) {
      builder
          .documentNumber(document.number())
          .documentDate(document.date())
          .title(document.title());
    }
    if (sender != null) {
      builder.sender(Sender.of(sender.name(), address(sender.returnAddress())));
    }
    builder.recipient(recipient(recipient, violations));
    builder.recipientAddress(address(recipientAddress));
    try {
      Letter letter = builder.build();
      if (violations.isEmpty()) {
        return letter;
      }
    } catch (ValidationException e) {
      for (Violation violation : e.violations()) {
        // The unknown kind is already reported, so "the recipient is required" would be false here.
        boolean falseRecipientRequired = recipient != null && violation.field().equals("recipient");
        if (!falseRecipientRequired) {
          violations.add(violation);
        }
      }
    }
    throw new ValidationException("Letter", violations);
  }

  private static AddressJson address(Address address) {
    return address == null ? null : new AddressJson(address.postcode(), address.line());
  }

  private static Address address(AddressJson json) {
    return json == null ? null : Address.of(json.postcode(), json.line());
  }

  private static RecipientJson recipient(Recipient recipient) {
    if (recipient instanceof Recipient.Individual person) {
      return new RecipientJson(
          "INDIVIDUAL", person.surname(), person.name(), person.patronymic(), null, null);
    }
    Recipient.Organisation organisation = (Recipient.Organisation) recipient;
    return new RecipientJson(
        "ORGANISATION", null, organisation.name(), null, organisation.inn(), organisation.kpp());
  }

  private static Recipient recipient(RecipientJson json, List<Violation> violations) {
    if (json == null) {
      return null;
    }
    if ("INDIVIDUAL".equals(json.kind())) {
      return Recipient.individual(json.surname(), json.name(), json.patronymic());
    }
    if ("ORGANISATION".equals(json.kind())) {
      return Recipient.organisation(json.name(), json.inn(), json.kpp());
    }
    violations.add(
        new Violation(
            "recipient.kind",
            "RECIPIENT_KIND_UNKNOWN",
            json.kind(),
            "recipient kind must be INDIVIDUAL or ORGANISATION"));
    // Check the identifiers that were given anyway, so that the caller sees every problem at once.
    if (json.inn() != null) {
      OrganisationIds.checkInn("recipient.inn", json.inn()).ifPresent(violations::add);
    }
    if (json.kpp() != null) {
      OrganisationIds.checkKpp("recipient.kpp", json.kpp()).ifPresent(violations::add);
    }
    return null;
  }
}
