package org.ezpsdk.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.transport.http.HttpTransport;
import org.ezpsdk.transport.smev.SmevTransport;
import org.ezpsdk.transport.smev.SmevVersion;
import picocli.CommandLine.Option;

/**
 * Options that choose how requests travel: plain HTTP(S), or СМЭВ 3 with the ЭП-ОВ key given by the
 * key options.
 */
final class TransportOptions {

  @Option(
      names = "--transport",
      paramLabel = "NAME",
      defaultValue = "http",
      description = "How requests travel: http or smev (default: ${DEFAULT-VALUE}).")
  String transport;

  @Option(
      names = "--smev-endpoint",
      paramLabel = "URL",
      description =
          "URL of the СМЭВ message-exchange service (default with --transport smev: the"
              + " emulator's path smev/VERSION under --endpoint).")
  URI smevEndpoint;

  @Option(
      names = "--smev-version",
      paramLabel = "VERSION",
      defaultValue = "1.3",
      description = "СМЭВ schema version: 1.1, 1.2 or 1.3 (default: ${DEFAULT-VALUE}).")
  String smevVersion;

  @Option(
      names = "--smev-transaction-code",
      paramLabel = "CODE",
      description = "TransactionCode of СМЭВ messages; required by version 1.2.")
  String transactionCode;

  @Option(
      names = "--smev-timeout-seconds",
      paramLabel = "S",
      defaultValue = "120",
      description = "How long to wait for each СМЭВ answer, in s (default: ${DEFAULT-VALUE}).")
  long smevTimeoutSeconds;

  @Option(
      names = "--save-envelope",
      paramLabel = "DIR",
      description =
          "Directory where every СМЭВ envelope sent and its answer are saved, for ezp smev"
              + " inspect.")
  Path envelopeDirectory;

  /**
   * Opens the chosen transport. With {@code smev}, the key is the information system's ЭП-ОВ key.
   *
   * @param baseEndpoint the ИС ЭПС endpoint, under which the emulator serves СМЭВ
   */
  Transport open(URI baseEndpoint, Supplier<SigningCredentials> key) {
    switch (transport.strip()) {
      case "http":
        if (envelopeDirectory != null || smevEndpoint != null) {
          throw new ConfigurationException(
              "--save-envelope and --smev-endpoint need --transport smev");
        }
        return HttpTransport.create();
      case "smev":
        SmevVersion version = SmevVersion.of(smevVersion);
        if (smevTimeoutSeconds < 1) {
          throw new ConfigurationException(
              "--smev-timeout-seconds must be at least 1, got " + smevTimeoutSeconds);
        }
        return SmevTransport.builder()
            .endpoint(
                smevEndpoint != null
                    ? smevEndpoint
                    : withSlash(baseEndpoint).resolve("smev/" + version.number()))
            .version(version)
            .credentials(key.get())
            .transactionCode(transactionCode)
            .responseTimeout(Duration.ofSeconds(smevTimeoutSeconds))
            .envelopeDirectory(envelopeDirectory)
            .build();
      default:
        throw new ConfigurationException(
            "--transport '" + transport + "' is not known; use http or smev");
    }
  }

  private static URI withSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? uri : URI.create(text + "/");
  }
}
