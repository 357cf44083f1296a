package org.ezpsdk.core.model;

/**
 * Status of a letter at the service, mapped from Russian Post's tracking operations. Whether a
 * status ends the letter's life depends on the letter (a delivered letter that asked for a notice
 * of delivery still waits for it), so the service reports that separately as {@code finalStatus}.
 */
public enum LetterStatus {
  /** Accepted electronically into processing. */
  ACCEPTED,
  /** Rejected by the service; the history says why. Final. */
  REJECTED,
  /** Printed at a hybrid-print centre (ЦГП) for paper delivery. */
  PRINTED,
  /** On its way to the addressee on paper. */
  IN_DELIVERY,
  /** Handed to the addressee electronically on Госуслуги (Госпочта). */
  DELIVERED_ELECTRONICALLY,
  /** Handed to the addressee on paper. */
  DELIVERED,
  /** Returned to the sender: storage expired, refused or wrong address. Final. */
  RETURNED,
  /** The electronic notice of delivery (ЭУВ) can be downloaded. Final. */
  NOTICE_AVAILABLE
}
