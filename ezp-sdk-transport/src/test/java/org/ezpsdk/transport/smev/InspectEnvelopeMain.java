package org.ezpsdk.transport.smev;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies saved envelopes in a JVM of its own: prints one line per file with the ЭП-ОВ outcome and
 * each attachment's outcome, and exits 0 when every file verified, 3 otherwise.
 */
public final class InspectEnvelopeMain {
  private InspectEnvelopeMain() {}

  public static void main(String[] args) throws Exception {
    boolean allValid = true;
    Path attachments = Files.createTempDirectory("inspect-");
    for (String name : args) {
      SmevInspection inspection = SmevMessage.readFile(Path.of(name), attachments).inspect();
      StringBuilder line = new StringBuilder(Path.of(name).getFileName().toString());
      line.append(" signature=").append(inspection.signature().failure());
      for (SmevInspection.AttachmentCheck attachment : inspection.attachments()) {
        line.append(" attachment=").append(attachment.valid() ? "VALID" : attachment.reason());
      }
      System.out.println(line);
      allValid &= inspection.valid();
    }
    System.exit(allValid ? 0 : 3);
  }
}
