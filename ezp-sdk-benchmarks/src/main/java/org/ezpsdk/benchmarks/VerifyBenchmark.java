package org.ezpsdk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.VerificationResult;
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
 * Time to verify one detached CAdES-BES signature of a PDF file, read from disk: the Streebog hash
 * of the content, the signature value, the signingCertificateV2 attribute and the certificate's
 * validity. The signature is made once per trial, in the setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VerifyBenchmark {

  @Param({SampleDocuments.ONE_PAGE, SampleDocuments.FIFTY_MB})
  public String document;

  @Param({"256", "512"})
  public int keySize;

  private final CadesVerifier verifier = CadesVerifier.create();
  private Path dir;
  private Path pdf;
  private byte[] signature;

  /**
   * Writes the PDF, signs it and checks that the signature verifies, so that the benchmark times
   * the full path of a valid signature and not an early rejection.
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("ezp-verify-benchmark");
    pdf = SampleDocuments.write(document, dir);
    signature = CadesSigner.of(SampleKeys.generate(keySize)).signDetached(pdf);

    VerificationResult result = verifier.verifyDetached(pdf, signature);
    if (!result.valid()) {
      throw new IllegalStateException(
          "The signature made in the setup does not verify: " + result.failureReason());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    SampleDocuments.deleteDirectory(dir);
  }

  @Benchmark
  public VerificationResult verifyDetached() {
    return verifier.verifyDetached(pdf, signature);
  }
}
