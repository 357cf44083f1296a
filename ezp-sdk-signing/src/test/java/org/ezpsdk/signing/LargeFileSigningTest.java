package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ezpsdk.core.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signs and verifies a 200 MB file in a child JVM whose heap is 64 MB, which fails with an
 * OutOfMemoryError if signing or verification reads the whole file into memory. The file is sparse
 * (its length is set, not written), so making it costs no time; hashing it takes some seconds.
 */
class LargeFileSigningTest {
  private static final long FILE_BYTES = 200L * 1024 * 1024;
  private static final String CHILD_HEAP = "-Xmx64m";

  @TempDir Path dir;

  @Test
  void signsFileLargerThanHeap() throws IOException, InterruptedException {
    Path content = dir.resolve("large.pdf");
    try (RandomAccessFile file = new RandomAccessFile(content.toFile(), "rw")) {
      file.setLength(FILE_BYTES);
    }

    ChildJvm.Result child = ChildJvm.run(SignMain.class, CHILD_HEAP, content.toString());

    assertThat(child.exitCode()).as(child.output()).isZero();
    assertThat(child.output()).contains("valid=true");
    assertThat(Files.size(content)).isEqualTo(FILE_BYTES);
  }

  /** Signs and verifies the file in the child JVM and prints the outcome. */
  static final class SignMain {
    public static void main(String[] args) throws IOException {
      Path content = Path.of(args[0]);
      SigningCredentials credentials =
          TestKeys.generate(GostParameterSet.TC26_256_A, "Bulk sender", Duration.ofDays(1));
      byte[] signature = CadesSigner.of(credentials).signDetached(content);
      VerificationResult result = CadesVerifier.create().verifyDetached(content, signature);
      System.out.println("valid=" + result.valid() + " " + result.failureReason());
    }
  }
}
