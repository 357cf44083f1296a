package org.ezpsdk.examples.config;

import java.nio.file.Path;

/**
 * The gateway's own settings.
 *
 * @param host the address to bind, 127.0.0.1 unless configured
 * @param port the port, 0 for any free port
 * @param apiKey the key every request must carry; never logged or shown
 * @param allowNonLoopback true when the configuration explicitly allows a non-loopback address
 * @param outbox the SQLite outbox file, or {@code null} to keep the record of sent letters in
 *     memory only
 */
public record GatewaySettings(
    String host, int port, String apiKey, boolean allowNonLoopback, Path outbox) {

  @Override
  public String toString() {
    return "GatewaySettings[host="
        + host
        + ", port="
        + port
        + ", apiKey=***, allowNonLoopback="
        + allowNonLoopback
        + ", outbox="
        + outbox
        + "]";
  }
}
