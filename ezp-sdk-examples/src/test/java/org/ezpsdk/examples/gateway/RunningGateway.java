package org.ezpsdk.examples.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.testkit.EpsEmulator;

/**
 * An emulator, the gateway configuration written for it by {@link GatewayFixture}, the letter
 * operations with an in-memory send log, and the gateway itself on its configured loopback port.
 * Closing stops all of them, the gateway first.
 */
record RunningGateway(
    EpsEmulator emulator, EzpConfig config, LetterOperations operations, Gateway gateway)
    implements AutoCloseable {

  /** Starts everything with its files (configuration, key, work folder) in {@code dir}. */
  static RunningGateway start(Path dir) throws IOException {
    EpsEmulator emulator = EpsEmulator.builder().build().start();
    EzpConfig config =
        EzpConfig.load(GatewayFixture.writeConfig(dir, emulator.baseUri()), null, Map.of());
    LetterOperations operations =
        LetterOperations.open(config, new InMemorySendLog(), dir.resolve("work"));
    return new RunningGateway(
        emulator, config, operations, Gateway.start(config.gateway(), operations));
  }

  @Override
  public void close() {
    gateway.close();
    operations.close();
    emulator.close();
  }
}
