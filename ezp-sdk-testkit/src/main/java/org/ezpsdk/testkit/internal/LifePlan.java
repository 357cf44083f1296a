package org.ezpsdk.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.testkit.DeliveryMethod;

/**
 * The statuses one letter will go through, fixed when the letter is accepted. The first step is
 * always {@link LetterStatus#ACCEPTED} and the last one is the letter's final status.
 *
 * @param deliveryMethod electronic (Госпочта) or paper (hybrid print)
 * @param steps the statuses in order, with the tracking operation text of each
 */
public record LifePlan(DeliveryMethod deliveryMethod, List<Step> steps) {

  static final String ACCEPTED = "Принято электронно";
  static final String DELIVERED_ELECTRONICALLY = "Вручение адресату электронно";
  static final String NOTICE_UPLOADED = "Электронное уведомление загружено";
  static final String PRINTED = "Покинуло центр гибридной печати";
  static final String IN_DELIVERY = "Прибыло в место вручения";
  static final String DELIVERED = "Вручение адресату";
  static final String RETURNED = "Возврат: истёк срок хранения";

  public LifePlan {
    steps = List.copyOf(steps);
  }

  /** Returns the plan of a letter handed over on Госуслуги. */
  public static LifePlan electronic(boolean notice) {
    return notice
        ? plan(
            DeliveryMethod.ELECTRONIC,
            step(LetterStatus.ACCEPTED, ACCEPTED),
            step(LetterStatus.DELIVERED_ELECTRONICALLY, DELIVERED_ELECTRONICALLY),
            step(LetterStatus.NOTICE_AVAILABLE, NOTICE_UPLOADED))
        : plan(
            DeliveryMethod.ELECTRONIC,
            step(LetterStatus.ACCEPTED, ACCEPTED),
            step(LetterStatus.DELIVERED_ELECTRONICALLY, DELIVERED_ELECTRONICALLY));
  }

  /** Returns the plan of a letter printed and delivered on paper. */
  public static LifePlan paperDelivered(boolean notice) {
    List<Step> steps = new ArrayList<>();
    steps.add(step(LetterStatus.ACCEPTED, ACCEPTED));
    steps.add(step(LetterStatus.PRINTED, PRINTED));
    steps.add(step(LetterStatus.IN_DELIVERY, IN_DELIVERY));
    steps.add(step(LetterStatus.DELIVERED, DELIVERED));
    if (notice) {
      steps.add(step(LetterStatus.NOTICE_AVAILABLE, NOTICE_UPLOADED));
    }
    return new LifePlan(DeliveryMethod.PAPER, steps);
  }

  /** Returns the plan of a letter printed, carried and returned because storage expired. */
  public static LifePlan paperReturned() {
    return plan(
        DeliveryMethod.PAPER,
        step(LetterStatus.ACCEPTED, ACCEPTED),
        step(LetterStatus.PRINTED, PRINTED),
        step(LetterStatus.IN_DELIVERY, IN_DELIVERY),
        step(LetterStatus.RETURNED, RETURNED));
  }

  /** Returns true when the step at this index is the last one. */
  public boolean isLast(int index) {
    return index == steps.size() - 1;
  }

  /**
   * One planned status.
   *
   * @param status the status the letter moves to
   * @param operation the tracking operation text reported with it
   */
  public record Step(LetterStatus status, String operation) {}

  private static Step step(LetterStatus status, String operation) {
    return new Step(status, operation);
  }

  private static LifePlan plan(DeliveryMethod method, Step... steps) {
    return new LifePlan(method, List.of(steps));
  }
}
