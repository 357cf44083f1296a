package org.ezpsdk.transport.smev.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes version-1 (time-based) UUIDs as СМЭВ expects for MessageID: the time in 100 ns steps since
 * 1582-10-15, a random clock sequence and a random node id with the multicast bit set (RFC 4122
 * section 4.5), so no network address leaks. Strictly increasing within one JVM.
 */
public final class TimeBasedUuid {
  private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long CLOCK_SEQUENCE_AND_NODE = clockSequenceAndNode();
  private static long lastTimestamp;

  private TimeBasedUuid() {}

  /** Returns a new version-1 UUID. */
  public static synchronized UUID next() {
    long timestamp = System.currentTimeMillis() * 10_000 + GREGORIAN_OFFSET;
    if (timestamp <= lastTimestamp) {
      timestamp = lastTimestamp + 1;
    }
    lastTimestamp = timestamp;
    long timeLow = timestamp & 0xFFFFFFFFL;
    long timeMid = (timestamp >>> 32) & 0xFFFFL;
    long timeHigh = (timestamp >>> 48) & 0x0FFFL;
    long mostSignificant = (timeLow << 32) | (timeMid << 16) | 0x1000L | timeHigh;
    return new UUID(mostSignificant, CLOCK_SEQUENCE_AND_NODE);
  }

  private static long clockSequenceAndNode() {
    long clockSequence = RANDOM.nextInt(0x4000) | 0x8000L;
    long node = (RANDOM.nextLong() & 0xFFFFFFFFFFFFL) | 0x010000000000L;
    return (clockSequence << 48) | node;
  }
}
