package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.transport.smev.SmevInspection;
import org.ezpsdk.transport.smev.SmevMessage;
import org.ezpsdk.transport.smev.SmevSignatureCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Tools for СМЭВ 3 envelopes. */
@Command(
    name = "smev",
    mixinStandardHelpOptions = true,
    description = "Tools for СМЭВ 3 envelopes saved by --save-envelope.",
    subcommands = {SmevCommand.Inspect.class})
final class SmevCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints a saved envelope's version, MessageID, attachments and signature checks. */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a saved СМЭВ envelope's version, MessageID and attachments, and checks its ЭП-ОВ"
            + " and each attachment's SignaturePKCS7 against the attachment's bytes.",
        "Exits 3 when a check fails."
      })
  static final class Inspect implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "An envelope file (.mime or .xml).")
    Path file;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new EzpClientException("Envelope file '" + file + "' not found; check the path");
      }
      Path attachments = Files.createTempDirectory("ezp-smev-inspect-");
      try {
        SmevInspection inspection;
        try {
          inspection = SmevMessage.readFile(file, attachments).inspect();
        } catch (IllegalArgumentException e) {
          throw new EzpClientException(
              "Envelope file '" + file + "' is not a СМЭВ SOAP message: " + e.getMessage());
        }
        print(spec.commandLine().getOut(), inspection);
        return inspection.valid() && checkedAnything(inspection)
            ? 0
            : EzpCommand.EXIT_INVALID_INPUT;
      } finally {
        delete(attachments);
      }
    }

    private void print(PrintWriter out, SmevInspection inspection) {
      out.printf("File:        %s%n", file);
      out.printf(
          "Version:     %s%n",
          inspection.version() == null ? "unknown namespace" : inspection.version().number());
      out.printf("Operation:   %s%n", inspection.operation());
      out.printf(
          "MessageID:   %s%n", inspection.messageId() == null ? "none" : inspection.messageId());
      out.printf("ЭП-ОВ:       %s%n", describe(inspection.signature()));
      if (inspection.routingSignature() != null) {
        out.printf("Routing:     %s%n", describe(inspection.routingSignature()));
      }
      if (inspection.attachments().isEmpty()) {
        out.println("Attachments: none");
      }
      for (SmevInspection.AttachmentCheck attachment : inspection.attachments()) {
        out.printf(
            "Attachment:  %s, %s, %s: signature %s%n",
            attachment.contentId(),
            attachment.mimeType(),
            attachment.size() < 0 ? "content missing" : attachment.size() + " bytes",
            attachment.valid() ? "valid" : "INVALID (" + attachment.reason() + ")");
      }
      if (!checkedAnything(inspection)) {
        out.println(
            "Result:      NOT CHECKED: no signed request block was found; this command verifies"
                + " SendRequestRequest, GetResponseRequest and AckRequest envelopes, not responses");
        return;
      }
      out.println(inspection.valid() ? "Result:      every check passed" : "Result:      INVALID");
    }

    private static boolean checkedAnything(SmevInspection inspection) {
      return inspection.signature() != null
          || inspection.routingSignature() != null
          || !inspection.attachments().isEmpty();
    }

    private static String describe(SmevSignatureCheck check) {
      if (check == null) {
        return "none (this message has no signed block)";
      }
      String signer =
          check.certificate() == null
              ? ""
              : " by " + check.certificate().getSubjectX500Principal().getName();
      return check.valid()
          ? "valid" + signer
          : "INVALID (" + check.failure() + ": " + check.reason() + ")" + signer;
    }

    private static void delete(Path directory) throws IOException {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
