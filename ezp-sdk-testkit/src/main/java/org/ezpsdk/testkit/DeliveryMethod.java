package org.ezpsdk.testkit;

/** The delivery method of a letter, chosen when the emulator accepts the letter. */
public enum DeliveryMethod {
  /** Handed over on Госуслуги (Госпочта), because the addressee agreed to receive mail there. */
  ELECTRONIC,
  /** Printed at a hybrid-print centre and delivered, or returned, on paper. */
  PAPER
}
