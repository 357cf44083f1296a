package org.ezpsdk.testkit;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * Measures what one piece of work costs the current JVM, such as one {@code EzpClient.send} of a
 * large PDF: the elapsed time, the bytes the process read, the peak heap use and the garbage
 * collections. Tests and benchmarks use it to show that a send streams its file instead of loading
 * it whole or reading it more often than needed.
 *
 * <p>Linux only: the bytes read are the growth of {@code rchar} in {@code /proc/self/io}, which
 * counts reads from files, pipes and sockets. {@link #isSupported()} checks for that file.
 *
 * <p>All figures are for the whole process, not for the calling thread: other threads that read or
 * allocate at the same time, such as an emulator in the same JVM, are counted too. {@link #start()}
 * also resets the peak usage of every memory pool, which disturbs any other measurement in the JVM.
 * Callers that need clean figures therefore run the measured work alone in a child JVM.
 */
public final class ResourceMeter {
  private static final Path PROC_IO = Path.of("/proc/self/io");
  private static final String RCHAR = "rchar:";

  private final Counters start;

  private ResourceMeter(Counters start) {
    this.start = start;
  }

  /** Returns true when {@code /proc/self/io} is readable, so that bytes read can be counted. */
  public static boolean isSupported() {
    return Files.isReadable(PROC_IO);
  }

  /**
   * Resets the peak usage of every memory pool and records the bytes read so far, the garbage
   * collections so far and the current time.
   *
   * @throws IOException when {@code /proc/self/io} is not readable (not Linux) or has no {@code
   *     rchar} line
   */
  public static ResourceMeter start() throws IOException {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    return new ResourceMeter(Counters.read());
  }

  /**
   * Returns the figures since {@link #start()}. It may be called more than once, and each call
   * measures from the same start.
   *
   * @throws IOException when {@code /proc/self/io} can no longer be read
   */
  public Usage stop() throws IOException {
    Counters end = Counters.read();
    return new Usage(
        Duration.ofNanos(end.nanoTime() - start.nanoTime()),
        end.bytesRead() - start.bytesRead(),
        peakHeapBytes(),
        end.gcCount() - start.gcCount(),
        Duration.ofMillis(end.gcMillis() - start.gcMillis()));
  }

  /**
   * The cost of the measured work.
   *
   * @param elapsed the wall-clock time from {@link #start()} to {@link #stop()}
   * @param bytesRead the growth of {@code rchar} in {@code /proc/self/io}: bytes this process read
   *     from files, pipes and sockets, whether or not they came from the disk
   * @param peakHeapBytes the sum of the peak use of each heap memory pool since {@link #start()},
   *     an upper bound of the peak heap use because the pools need not peak at the same time
   * @param gcCount the garbage collections, summed over every collector that reports a count
   * @param gcTime the accumulated collection time that the collectors report
   */
  public record Usage(
      Duration elapsed, long bytesRead, long peakHeapBytes, long gcCount, Duration gcTime) {}

  /** The process-wide counters that {@link Usage} reports the growth of. */
  private record Counters(long nanoTime, long bytesRead, long gcCount, long gcMillis) {
    static Counters read() throws IOException {
      long gcCount = sumOverCollectors(GarbageCollectorMXBean::getCollectionCount);
      long gcMillis = sumOverCollectors(GarbageCollectorMXBean::getCollectionTime);
      long bytesRead = readRchar();
      return new Counters(System.nanoTime(), bytesRead, gcCount, gcMillis);
    }
  }

  private static long readRchar() throws IOException {
    if (!isSupported()) {
      throw new IOException(PROC_IO + " is not readable; run on Linux to count bytes read");
    }
    for (String line : Files.readAllLines(PROC_IO)) {
      if (line.startsWith(RCHAR)) {
        return Long.parseLong(line.substring(RCHAR.length()).trim());
      }
    }
    throw new IOException(PROC_IO + " has no rchar line; run on Linux to count bytes read");
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  // A collector returns -1 for a figure it does not report, and that counts as zero.
  private static long sumOverCollectors(ToLongFunction<GarbageCollectorMXBean> figure) {
    long sum = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, figure.applyAsLong(collector));
    }
    return sum;
  }
}
