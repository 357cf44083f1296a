package org.ezpsdk.testkit.internal;

import java.util.function.Predicate;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterType;

/**
 * Chooses each accepted letter's {@link LifePlan}: electronic delivery when the addressee agreed to
 * Госпочта, otherwise hybrid print, where every n-th paper letter is returned. It is not
 * thread-safe, so {@link LetterStore} calls it under its lock. The store calls it once per accepted
 * letter, so the paper count includes only accepted letters.
 */
public final class LifePlanner {
  private final Predicate<Letter> gosPochtaConsent;
  private final int returnEveryNthPaperLetter;
  private long paperLetters;

  /**
   * @param gosPochtaConsent true for a letter whose addressee receives mail electronically
   * @param returnEveryNthPaperLetter n, so that the n-th, 2n-th … paper letter is returned, or 0
   *     for none
   */
  public LifePlanner(Predicate<Letter> gosPochtaConsent, int returnEveryNthPaperLetter) {
    this.gosPochtaConsent = gosPochtaConsent;
    this.returnEveryNthPaperLetter = returnEveryNthPaperLetter;
  }

  /** Returns the plan of the next accepted letter. */
  public LifePlan plan(Letter letter) {
    boolean notice = letter.type() == LetterType.REGISTERED && letter.electronicNotice();
    if (gosPochtaConsent.test(letter)) {
      return LifePlan.electronic(notice);
    }
    paperLetters++;
    if (returnEveryNthPaperLetter > 0 && paperLetters % returnEveryNthPaperLetter == 0) {
      return LifePlan.paperReturned();
    }
    return LifePlan.paperDelivered(notice);
  }
}
