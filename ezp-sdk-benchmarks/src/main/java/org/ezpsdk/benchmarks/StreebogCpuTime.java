package org.ezpsdk.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ezpsdk.signing.internal.Streebog;

/**
 * Throughput of the SDK's Streebog-256 over 16 KiB messages per second of this thread's CPU time,
 * for comparison with {@code openssl speed} without {@code -elapsed}, which also divides by CPU
 * time. On a machine shared with other work, wall-clock figures such as JMH's fall with the CPU
 * that other processes take, while CPU-time figures change much less.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.ezpsdk.benchmarks.StreebogCpuTime}. It warms up for
 * 5 s of CPU time, then times 30 samples of 0.1 s of CPU time each and prints the best and the
 * median sample in MB/s (1 MB = 10^6 bytes) on one line: {@code best median}.
 */
public final class StreebogCpuTime {
  private static final int MESSAGE_BYTES = 16 * 1024;
  private static final long WARMUP_NANOS = 5_000_000_000L;
  private static final long SAMPLE_NANOS = 100_000_000L;
  private static final int SAMPLES = 30;

  private StreebogCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    byte[] message = new byte[MESSAGE_BYTES];
    new SplittableRandom(1).nextBytes(message);
    Streebog streebog = new Streebog(32);
    byte[] hash = new byte[32];

    long warmupEnd = threads.getCurrentThreadCpuTime() + WARMUP_NANOS;
    while (threads.getCurrentThreadCpuTime() < warmupEnd) {
      hash(streebog, message, hash);
    }
    double[] megabytesPerSecond = new double[SAMPLES];
    for (int sample = 0; sample < SAMPLES; sample++) {
      long start = threads.getCurrentThreadCpuTime();
      long messages = 0;
      long elapsed;
      do {
        hash(streebog, message, hash);
        messages++;
        elapsed = threads.getCurrentThreadCpuTime() - start;
      } while (elapsed < SAMPLE_NANOS);
      // Bytes per nanosecond times 1000 is MB/s.
      megabytesPerSecond[sample] = 1000.0 * messages * MESSAGE_BYTES / elapsed;
    }

    Arrays.sort(megabytesPerSecond);
    System.out.printf(
        Locale.ROOT,
        "%.2f %.2f%n",
        megabytesPerSecond[SAMPLES - 1],
        megabytesPerSecond[SAMPLES / 2]);
  }

  private static void hash(Streebog streebog, byte[] message, byte[] hash) {
    streebog.update(message, 0, message.length);
    streebog.doFinal(hash, 0);
  }
}
