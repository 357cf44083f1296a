package org.ezpsdk.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    CHILD_HEAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    CheckMain.class.getName(),
                    pdf.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exitCode = process.waitFor();

    assertThat(exitCode).as(output).isZero();
    assertThat(output).contains("pageCount=1");
  }

  /** Runs the preflight in the child JVM and prints its report; exits 1 on any violation. */
  static final class CheckMain {
    public static void main(String[] args) {
      PreflightPolicy policy = PreflightPolicy.builder().maxFileSizeBytes(Long.MAX_VALUE).build();
      System.out.println(new PdfPreflight(policy).check(Path.of(args[0])));
    }
  }
}
