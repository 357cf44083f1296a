package org.ezpsdk.core.outbox;

/**
 * A range of domestic track numbers (ШПИ) allocated to the sender: an 8-digit prefix (the 6-digit
 * postcode or allocation prefix and the 2-digit month field) followed by 5-digit serials from
 * {@code firstSerial} to {@code lastSerial}, each completed with its check digit.
 *
 * @param id the range's id, {@code PREFIX:FIRST-LAST} such as {@code 10100001:00001-50000}
 * @param prefix the first 8 digits of every number in the range
 * @param firstSerial the first serial, 0 to 99999
 * @param lastSerial the last serial, at least {@code firstSerial}
 * @param nextSerial the serial the next allocation takes; above {@code lastSerial} when exhausted
 * @param source where the range came from, such as the range file's name and date, or {@code null}
 */
public record ShpiRange(
    String id, String prefix, int firstSerial, int lastSerial, int nextSerial, String source) {

  /** Returns how many numbers are left. */
  public int remaining() {
    return Math.max(0, lastSerial - nextSerial + 1);
  }

  /** Returns how many numbers the range has in all. */
  public int size() {
    return lastSerial - firstSerial + 1;
  }

  static String idOf(String prefix, int firstSerial, int lastSerial) {
    return String.format("%s:%05d-%05d", prefix, firstSerial, lastSerial);
  }
}
