package org.ezpsdk.core.model;

import java.util.Arrays;

/** Mail rank (разряд письма) with the numeric code Russian Post's APIs use, 0 to 7. */
public enum MailRank {
  NONE(0),
  GOVERNMENT(1),
  MILITARY(2),
  OFFICIAL(3),
  JUDICIAL(4),
  PRESIDENTIAL(5),
  CREDIT(6),
  INTER_OPERATOR(7);

  private final int code;

  MailRank(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * Returns the rank with the given code.
   *
   * @throws IllegalArgumentException when the code is outside 0 to 7
   */
  public static MailRank fromCode(int code) {
    return Arrays.stream(values())
        .filter(rank -> rank.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("mail rank must be 0 to 7, got " + code));
  }
}
