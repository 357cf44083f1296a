package org.ezpsdk.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a new JVM with this test's class path and a heap limit, so a test
 * can show that work on a file larger than the heap streams it instead of loading it whole.
 */
public final class ChildJvm {
  private static final long TIMEOUT_MINUTES = 10;

  private ChildJvm() {}

  /**
   * Runs {@code mainClass} with the given maximum heap, such as {@code -Xmx64m}, and returns its
   * exit code with its standard output and error combined.
   *
   * @throws IOException when the child does not finish within 10 minutes
   */
  public static Result run(Class<?> mainClass, String maxHeap, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(mainClass.getName() + " did not finish within 10 minutes");
    }
    return new Result(process.exitValue(), output);
  }

  /** The exit code and the combined output of a child JVM. */
  public record Result(int exitCode, String output) {}
}
