package org.ezpsdk.examples.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.examples.config.GatewaySettings;

/** Chooses the gateway's {@link SendLog} and the folder of PDFs sent as Base64. */
public final class SendLogs {
  /** How long a letter waits after a failure that may pass before the outbox sends it again. */
  public static final Duration RETRY_DELAY = Duration.ofSeconds(30);

  private SendLogs() {}

  /**
   * Returns the send log the settings name: the SQLite outbox file of {@code gateway.outbox}, or
   * memory when it is {@code memory}.
   */
  public static SendLog open(GatewaySettings settings) {
    if (settings.outbox() == null) {
      return new InMemorySendLog();
    }
    return new OutboxSendLog(JdbcOutboxStore.sqlite(settings.outbox()), RETRY_DELAY);
  }

  /**
   * Returns the folder for PDFs that arrive as Base64: next to the outbox file, so that a letter
   * still pending after a restart has its PDF, or a new temporary folder without an outbox.
   */
  public static Path attachmentFolder(GatewaySettings settings) {
    try {
      if (settings.outbox() == null) {
        return Files.createTempDirectory("ezp-gateway-");
      }
      Path folder = settings.outbox().resolveSibling(settings.outbox().getFileName() + ".pdf");
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to create the gateway's PDF folder", e);
    }
  }
}
