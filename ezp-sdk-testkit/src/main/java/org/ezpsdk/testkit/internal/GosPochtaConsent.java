package org.ezpsdk.testkit.internal;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.Recipient;

/**
 * Decides whether a letter's addressee agreed to receive mail on Госуслуги (Госпочта): its ИНН or
 * full name is registered, or the extra rule accepts the letter. Names are compared without regard
 * to case and with runs of spaces collapsed.
 */
public final class GosPochtaConsent implements Predicate<Letter> {
  private final Set<String> innsAndNames;
  private final Predicate<Letter> rule;

  /**
   * @param innsAndNames the ИНН of organisations and full names of addressees who agreed
   * @param rule an extra rule, or {@code null} for none
   */
  public GosPochtaConsent(Set<String> innsAndNames, Predicate<Letter> rule) {
    this.innsAndNames =
        innsAndNames.stream().map(GosPochtaConsent::normalise).collect(Collectors.toSet());
    this.rule = rule;
  }

  @Override
  public boolean test(Letter letter) {
    Recipient recipient = letter.recipient();
    if (recipient instanceof Recipient.Organisation organisation
        && organisation.inn() != null
        && innsAndNames.contains(normalise(organisation.inn()))) {
      return true;
    }
    if (innsAndNames.contains(normalise(recipient.displayName()))) {
      return true;
    }
    return rule != null && rule.test(letter);
  }

  static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
