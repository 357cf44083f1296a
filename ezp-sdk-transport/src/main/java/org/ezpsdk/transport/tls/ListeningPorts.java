package org.ezpsdk.transport.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads listening TCP ports from Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}. */
final class ListeningPorts {

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  /** The kernel's code for the LISTEN state in the {@code st} column. */
  private static final String LISTEN = "0A";

  private ListeningPorts() {}

  /**
   * Returns whether a socket listens on the port on any local address, or empty when the tables
   * cannot be read, such as on a system other than Linux.
   */
  static Optional<Boolean> isListening(int port) {
    String portHex = String.format(Locale.ROOT, "%04X", port);
    boolean readAny = false;
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException | SecurityException e) {
        continue;
      }
      readAny = true;
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        if (listensOn(line, portHex)) {
          return Optional.of(true);
        }
      }
    }
    return readAny ? Optional.of(false) : Optional.empty();
  }

  /** Checks one row: {@code sl local_address rem_address st ...}, address as HEXIP:HEXPORT. */
  private static boolean listensOn(String line, String portHex) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 4) {
      return false;
    }
    String local = fields[1];
    int colon = local.lastIndexOf(':');
    return colon > 0 && local.substring(colon + 1).equals(portHex) && fields[3].equals(LISTEN);
  }
}
