package org.ezpsdk.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.examples.internal.JsonErrors;
import org.ezpsdk.examples.internal.JsonSource;
import org.ezpsdk.examples.internal.StrictJson;
import org.ezpsdk.examples.internal.StrictUtf8;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.VerificationResult;
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
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the letter was accepted, now or by an earlier send under the same key",
      "2:the command or an option is mistyped",
      "3:the letter, the PDF, the key, the signature or a setting is invalid; nothing was sent",
      "4:the service rejected the letter or the credentials (a 4xx response); sending it again"
          + " would get the same answer",
      "5:the letter was not sent because the service was unreachable, busy or unavailable (408,"
          + " 429, 5xx), or its outcome is unknown; run the same command again later, which"
          + " sends it at most once under the same ШПИ or key",
      "1:any other failure, such as a file that cannot be read"
    })
final class SendCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin KeyOptions key;

  @Mixin TransportOptions transportOptions;

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

  @Option(
      names = "--deadline-seconds",
      defaultValue = "120",
      paramLabel = "S",
      description =
          "How long to keep retrying after network failures and busy answers, in s (default:"
              + " ${DEFAULT-VALUE}).")
  long deadlineSeconds;

  @Parameters(paramLabel = "FILE", description = "The letter's PDF.")
  Path pdf;

  @Override
  public Integer call() throws IOException {
    Letter letter = readLetter(letterFile);
    byte[] signature = signatureFile == null ? null : readCheckedSignature(signatureFile, pdf);
    try (Transport transport = transportOptions.open(connection.endpoint, key::load)) {
      EzpClient client =
          EzpClient.builder()
              .environment(connection.environment())
              .credentials(connection.credentials())
              .transport(transport)
              .signer(signatureFile == null ? CadesSigner.of(key.load()) : null)
              .preflightPolicy(PreflightCommand.policy(maxPages, null, false))
              .retryPolicy(retryPolicy())
              .build();
      String keyToUse = idempotencyKey != null ? idempotencyKey : letter.barcode();
      if (keyToUse == null) {
        throw new EzpClientException(
            "A regular letter has no ШПИ to use as idempotency key; give --idempotency-key");
      }
      SendResult result;
      try {
        result =
            signatureFile == null
                ? client.send(letter, pdf, keyToUse)
                : client.sendSigned(letter, pdf, signature, keyToUse);
      } catch (EzpServiceException e) {
        if (!e.isTemporary()) {
          throw e;
        }
        return reportNotSent(letter, keyToUse, e);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "Letter %s %s: id %s, status %s%n",
              result.barcode(),
              result.alreadyAccepted()
                  ? "is accepted; the service already had it under key "
                      + keyToUse
                      + " (an earlier send, or this one whose response was lost), so it was not"
                      + " stored twice"
                  : "accepted",
              result.letterId(),
              result.status());
    }
    return 0;
  }

  /**
   * Reports a letter whose every attempt got 408, 429 or 5xx. The client looks a letter up after a
   * 500, 502 or 504 before it tries again, so the letter was not stored.
   */
  private int reportNotSent(Letter letter, String keyToUse, EzpServiceException error) {
    spec.commandLine()
        .getErr()
        .println(
            "ezp: error: letter "
                + (letter.barcode() != null ? letter.barcode() : "under key " + keyToUse)
                + " was not sent, because the service stayed busy or unavailable through every"
                + " retry ("
                + error.getMessage()
                + "); run the same command again later, under the same ШПИ or --idempotency-key so"
                + " that the letter is not stored twice");
    return EzpCommand.EXIT_TRANSPORT_ERROR;
  }

  private RetryPolicy retryPolicy() {
    if (deadlineSeconds < 1) {
      throw new ConfigurationException(
          "--deadline-seconds must be at least 1, got " + deadlineSeconds);
    }
    return RetryPolicy.defaults().toBuilder()
        .totalDeadline(Duration.ofSeconds(deadlineSeconds))
        .listener(RetryLines.forSend(spec.commandLine().getErr()))
        .build();
  }

  /**
   * Reads a signature made beforehand and checks it against the PDF, so that a signature of another
   * file is caught here and not by the service.
   */
  private static byte[] readCheckedSignature(Path signatureFile, Path pdf) throws IOException {
    if (!Files.isRegularFile(signatureFile)) {
      throw new EzpClientException(
          "Signature file '" + signatureFile + "' not found; check the path");
    }
    if (!Files.isRegularFile(pdf)) {
      throw new EzpClientException("PDF attachment '" + pdf + "' not found; check the path");
    }
    byte[] signature = Files.readAllBytes(signatureFile);
    VerificationResult result = CadesVerifier.create().verifyDetached(pdf, signature);
    if (!result.valid()) {
      throw new ValidationException(
          "Signature file '" + signatureFile + "'",
          List.of(
              new Violation(
                  signatureFile.getFileName().toString(),
                  "SIGNATURE_" + result.failure(),
                  null,
                  "the signature does not verify against "
                      + pdf.getFileName()
                      + ": "
                      + result.failureReason()
                      + "; sign this PDF again with 'ezp sign'")));
    }
    return signature;
  }

  /**
   * Reads a letter's JSON strictly: an unknown field, a fraction for a whole number and a number
   * for true or false are errors, because the letter would otherwise be sent with values its author
   * did not write, such as the default for a misspelt {@code mailRank}.
   */
  static Letter readLetter(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new EzpClientException("Letter file '" + file + "' not found; check the path");
    }
    String text = utf8(file);
    ObjectMapper mapper = StrictJson.mapper();
    LetterJson json;
    try {
      json = mapper.readerFor(LetterJson.class).readValue(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "Letter file '" + file + "'",
          List.of(
              JsonErrors.describe(
                      new JsonSource(file.getFileName().toString(), "the file", text), mapper, e)
                  .toViolation()));
    }
    if (json == null) {
      throw new ValidationException(
          "Letter file '" + file + "'",
          List.of(
              new Violation(
                  file.getFileName().toString(),
                  "JSON_MALFORMED",
                  "null",
                  "the file holds JSON null; write the letter as a JSON object")));
    }
    return json.toLetter();
  }

  /** Reads the file as strict UTF-8 without a leading byte order mark. */
  private static String utf8(Path file) throws IOException {
    try {
      return StrictUtf8.decodeText(Files.readAllBytes(file));
    } catch (CharacterCodingException e) {
      throw new ValidationException(
          "Letter file '" + file + "'",
          List.of(
              new Violation(
                  file.getFileName().toString(),
                  "JSON_MALFORMED",
                  null,
                  "the file is not UTF-8 text; save it as UTF-8")));
    }
  }
}
