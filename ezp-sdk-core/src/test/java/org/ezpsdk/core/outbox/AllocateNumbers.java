package org.ezpsdk.core.outbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Child-process entry point of {@link RangeAcrossProcessesTest}: allocates COUNT numbers from a
 * range and writes one per line. Arguments: JDBC URL, range id, count, output file.
 */
public final class AllocateNumbers {
  private AllocateNumbers() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[2]);
    try (JdbcOutboxStore store = JdbcOutboxStore.open(args[0], new Properties());
        PrintWriter out =
            new PrintWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8))) {
      for (int i = 0; i < count; i++) {
        out.println(store.ranges().allocate(args[1]));
      }
    }
  }
}
