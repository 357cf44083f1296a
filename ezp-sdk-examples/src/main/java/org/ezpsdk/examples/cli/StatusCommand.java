package org.ezpsdk.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.StatusChange;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.transport.http.HttpTransport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints a letter's status and history. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Prints a letter's current status and its history.")
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @ArgGroup(exclusive = true, multiplicity = "1")
  LetterRef letter;

  static final class LetterRef {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "The letter id.")
    String id;

    @Option(
        names = "--barcode",
        required = true,
        paramLabel = "ШПИ",
        description = "The letter's track number.")
    String barcode;
  }

  /** Rejects an empty id and a ШПИ with a wrong check digit before anything is sent. */
  private void checkReference() {
    if (letter.id != null && letter.id.isBlank()) {
      throw new ValidationException(
          "Status request",
          List.of(new Violation("--id", "REQUIRED", "", "the letter id must not be empty")));
    }
    if (letter.barcode != null) {
      TrackingNumbers.check("--barcode", letter.barcode.strip())
          .ifPresent(
              violation -> {
                throw new ValidationException("Status request", List.of(violation));
              });
    }
  }

  @Override
  public Integer call() {
    checkReference();
    try (HttpTransport transport = HttpTransport.create()) {
      EzpClient client = connection.readingClient(transport, spec.commandLine().getErr());
      LetterInfo info =
          letter.id != null
              ? client.status(letter.id)
              : client
                  .findByBarcode(letter.barcode)
                  .orElseThrow(
                      () ->
                          new EzpClientException(
                              "No letter with ШПИ " + letter.barcode + " was found"));
      var out = spec.commandLine().getOut();
      out.printf(
          "Letter %s (id %s): %s%s%n",
          info.barcode(), info.letterId(), info.status(), info.finalStatus() ? " (final)" : "");
      for (StatusChange change : info.history()) {
        out.printf(
            "  %s  %-24s %s%n", Reports.time(change.at()), change.status(), change.operation());
      }
    }
    return 0;
  }
}
