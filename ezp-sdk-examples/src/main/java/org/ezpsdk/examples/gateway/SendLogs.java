package org.ezpsdk.examples.gateway;

import org.ezpsdk.examples.config.GatewaySettings;

/** Chooses the gateway's {@link SendLog} from its settings. */
public final class SendLogs {
  private SendLogs() {}

  /** Returns the send log the settings name. */
  public static SendLog open(GatewaySettings settings) {
    // TODO: keep the log in the durable outbox (gateway.outbox) once the outbox store exists, so
    // that repeats are recognised across restarts.
    return new InMemorySendLog();
  }
}
