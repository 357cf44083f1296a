package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.transport.http.HttpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks, signs and sends one letter. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a letter and its PDF, signs the PDF and sends both to ИС ЭПС.",
      "The letter's metadata is a JSON file in wire profile v1 (see the README). Nothing is"
          + " sent when the letter, the PDF or the key is invalid."
    })
final class SendCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin KeyOptions key;

  @Option(
      names = "--letter",
      required = true,
      paramLabel = "JSON",
      description = "The letter's metadata: document, sender, recipient, address, ШПИ.")
  Path letterFile;

  @Option(
      names = "--signature",
      paramLabel = "SIG",
      description = "A detached signature made beforehand (ezp sign); then no key is needed.")
  Path signatureFile;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "Key under which a repeat is not sent twice (default: the ШПИ).")
  String idempotencyKey;

  @Option(
      names = "--max-pages",
      paramLabel = "N",
      description = "Maximum number of pages in the PDF (default: 15).")
  Integer maxPages;

  @Parameters(paramLabel = "FILE", description = "The letter's PDF.")
  Path pdf;

  @Override
  public Integer call() throws IOException {
    Letter letter = readLetter(letterFile);
    try (HttpTransport transport = HttpTransport.create()) {
      EzpClient client =
          EzpClient.builder()
              .environment(connection.environment())
              .credentials(connection.credentials())
              .transport(transport)
              .signer(signatureFile == null ? CadesSigner.of(key.load()) : null)
              .preflightPolicy(PreflightCommand.policy(maxPages, null, false))
              .build();
      String keyToUse = idempotencyKey != null ? idempotencyKey : letter.barcode();
      if (keyToUse == null) {
        throw new EzpClientException(
            "A regular letter has no ШПИ to use as idempotency key; give --idempotency-key");
      }
      LetterReceipt receipt =
          signatureFile == null
              ? client.send(letter, pdf, keyToUse)
              : client.sendSigned(letter, pdf, Files.readAllBytes(signatureFile), keyToUse);
      spec.commandLine()
          .getOut()
          .printf(
              "Letter %s accepted: id %s, status %s%n",
              receipt.barcode(), receipt.letterId(), receipt.status());
    }
    return 0;
  }

  static Letter readLetter(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new EzpClientException("Letter file '" + file + "' not found; check the path");
    }
    LetterJson json;
    try {
      json = WireProfileV1.objectMapper().readValue(file.toFile(), LetterJson.class);
    } catch (IOException e) {
      throw new ValidationException(
          "Letter file '" + file + "'",
          List.of(
              new Violation(
                  file.getFileName().toString(),
                  "JSON_MALFORMED",
                  null,
                  "the file is not valid letter JSON: " + firstLine(e.getMessage()))));
    }
    return json.toLetter();
  }

  private static String firstLine(String text) {
    int end = text == null ? -1 : text.indexOf('\n');
    return end < 0 ? String.valueOf(text) : text.substring(0, end);
  }
}
