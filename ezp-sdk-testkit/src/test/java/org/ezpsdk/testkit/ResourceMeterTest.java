package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceMeterTest {
  private static final int FILE_BYTES = 4 * 1024 * 1024;
  private static final int ARRAY_BYTES = 16 * 1024 * 1024;

  @TempDir Path dir;

  @BeforeEach
  void requireLinux() {
    assumeThat(ResourceMeter.isSupported()).as("Linux /proc/self/io for read counts").isTrue();
  }

  @Test
  void countsBytesOfFileRead() throws IOException {
    Path file = dir.resolve("random.bin");
    byte[] content = new byte[FILE_BYTES];
    new Random(FILE_BYTES).nextBytes(content);
    Files.write(file, content);

    ResourceMeter meter = ResourceMeter.start();
    long transferred;
    try (InputStream in = Files.newInputStream(file)) {
      transferred = in.transferTo(OutputStream.nullOutputStream());
    }
    ResourceMeter.Usage usage = meter.stop();

    assertThat(transferred).isEqualTo(FILE_BYTES);
    assertThat(usage.bytesRead()).isGreaterThanOrEqualTo(FILE_BYTES);
  }

  @Test
  void peakHeapIncludesLiveArray() throws IOException {
    ResourceMeter meter = ResourceMeter.start();
    byte[] array = new byte[ARRAY_BYTES];
    ResourceMeter.Usage usage = meter.stop();
    // Keeps the array reachable until the peaks are read, so that no collection frees it first.
    Reference.reachabilityFence(array);

    assertThat(usage.peakHeapBytes()).isGreaterThanOrEqualTo(ARRAY_BYTES);
  }

  @Test
  void countsRequestedGarbageCollection() throws IOException {
    ResourceMeter meter = ResourceMeter.start();
    // NOTE: a JVM started with -XX:+DisableExplicitGC ignores this request and fails the test.
    System.gc();
    ResourceMeter.Usage usage = meter.stop();

    assertThat(usage.gcCount()).isPositive();
    assertThat(usage.gcTime()).isGreaterThanOrEqualTo(Duration.ZERO);
  }
}
