package org.ezpsdk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.signing.CadesSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to make one detached CAdES-BES signature of a PDF file, read from disk as the SDK reads an
 * attachment. Hashing the content with Streebog dominates the time for the 50 MB file. For the
 * one-page file the fixed cost dominates: the GOST R 34.10-2012 signature and building the CMS.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SignBenchmark {

  @Param({SampleDocuments.ONE_PAGE, SampleDocuments.FIFTY_MB})
  public String document;

  @Param({"256", "512"})
  public int keySize;

  private Path dir;
  private Path pdf;
  private CadesSigner signer;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("ezp-sign-benchmark");
    pdf = SampleDocuments.write(document, dir);
    signer = CadesSigner.of(SampleKeys.generate(keySize));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    SampleDocuments.deleteDirectory(dir);
  }

  @Benchmark
  public byte[] signDetached() {
    return signer.signDetached(pdf);
  }
}
