package org.ezpsdk.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.ezpsdk.signing.internal.Streebog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of Streebog-256 (GOST R 34.11-2012) over whole messages of 16 KiB and 1 MiB: Bouncy
 * Castle's {@code GOST3411_2012_256Digest} as the baseline, and the SDK's own table-driven {@code
 * Streebog} ({@code ours*} methods). The 16 KiB case matches {@code openssl speed -evp
 * md_gost12_256 -bytes 16384}.
 *
 * <p>One JMH operation is one byte hashed, through {@code @OperationsPerInvocation}, and the time
 * unit is the microsecond. So the score in ops/us is bytes per microsecond, which equals MB/s with
 * 1 MB = 10^6 bytes, the unit of OpenSSL's figures divided by 1000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StreebogBenchmark {
  private static final int BLOCK_SIZE = 16 * 1024;
  private static final int BUFFER_SIZE = 1024 * 1024;

  private final GOST3411_2012_256Digest digest = new GOST3411_2012_256Digest();
  private final Streebog streebog = new Streebog(32);
  private final byte[] hash = new byte[digest.getDigestSize()];
  private final byte[] block = new byte[BLOCK_SIZE];
  private final byte[] buffer = new byte[BUFFER_SIZE];

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    fill(block, random);
    fill(buffer, random);
  }

  @Benchmark
  @OperationsPerInvocation(BLOCK_SIZE)
  public byte[] digest16KiB() {
    return hash(block);
  }

  @Benchmark
  @OperationsPerInvocation(BUFFER_SIZE)
  public byte[] digest1MiB() {
    return hash(buffer);
  }

  @Benchmark
  @OperationsPerInvocation(BLOCK_SIZE)
  public byte[] oursDigest16KiB() {
    return hashWithOurs(block);
  }

  @Benchmark
  @OperationsPerInvocation(BUFFER_SIZE)
  public byte[] oursDigest1MiB() {
    return hashWithOurs(buffer);
  }

  private byte[] hashWithOurs(byte[] message) {
    streebog.update(message, 0, message.length);
    streebog.doFinal(hash, 0);
    return hash;
  }

  private byte[] hash(byte[] message) {
    digest.update(message, 0, message.length);
    digest.doFinal(hash, 0);
    return hash;
  }

  private static void fill(byte[] bytes, SplittableRandom random) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
  }
}
