package org.ezpsdk.core.model;

/** Postal category of an electronic letter. */
public enum LetterType {
  /** Registered letter (заказное): tracked by a ШПИ, may have an electronic notice of delivery. */
  REGISTERED,
  /** Regular letter (простое): no ШПИ and no notice of delivery. */
  REGULAR
}
