package org.ezpsdk.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.core.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks a PDF larger than the heap of the JVM that checks it, which fails with an OutOfMemoryError
 * if the preflight reads the whole file into memory.
 */
class LargePdfPreflightTest {

  private static final long FILE_BYTES = 100L * 1024 * 1024;
  private static final String CHILD_HEAP = "-Xmx32m";

  @TempDir Path dir;

  @Test
  void checksFileLargerThanHeap() throws IOException, InterruptedException {
    Path pdf = TestPdfs.largeA4(dir, FILE_BYTES);
    assertThat(Files.size(pdf)).isGreaterThan(FILE_BYTES);

    ChildJvm.Result child = ChildJvm.run(CheckMain.class, CHILD_HEAP, pdf.toString());

    assertThat(child.exitCode()).as(child.output()).isZero();
    assertThat(child.output()).contains("pageCount=1");
  }

  /** Runs the preflight in the child JVM and prints its report; exits 1 on any violation. */
  static final class CheckMain {
    public static void main(String[] args) {
      PreflightPolicy policy = PreflightPolicy.builder().maxFileSizeBytes(Long.MAX_VALUE).build();
      System.out.println(new PdfPreflight(policy).check(Path.of(args[0])));
    }
  }
}
