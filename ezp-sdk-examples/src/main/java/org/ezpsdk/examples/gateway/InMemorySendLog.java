package org.ezpsdk.examples.gateway;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.model.Letter;

/**
 * A {@link SendLog} in memory: repeats are recognised while the process runs and forgotten when it
 * stops. It sends in the caller's thread and reports failures as the SDK's exceptions, so callers
 * see the SDK's detailed errors. Use {@link OutboxSendLog} where repeats must be recognised across
 * restarts.
 */
public final class InMemorySendLog implements SendLog {
  private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

  @Override
  public Optional<Entry> find(String clientKey, String documentKey) {
    return Optional.ofNullable(byKey.get(lookupKey(clientKey, documentKey)));
  }

  @Override
  public synchronized Entry send(
      Letter letter, Path pdf, String clientKey, String documentKey, EzpClient client) {
    Entry pending =
        find(clientKey, documentKey)
            .orElseGet(
                () ->
                    new Entry(
                        clientKey != null ? clientKey : documentKey,
                        clientKey,
                        documentKey,
                        State.PENDING,
                        null,
                        letter.barcode(),
                        null,
                        null,
                        null));
    put(pending);
    try {
      SendResult result = client.send(letter, pdf, pending.idempotencyKey());
      Entry sent =
          new Entry(
              pending.idempotencyKey(),
              pending.clientKey(),
              documentKey,
              State.SENT,
              result.letterId(),
              result.barcode(),
              result.status().name(),
              result.acceptedAt(),
              null);
      put(sent);
      return sent;
    } catch (OutcomeUnknownException | TransportException e) {
      throw e;
    } catch (EzpException e) {
      remove(pending);
      throw e;
    }
  }

  private void put(Entry entry) {
    byKey.put(lookupKey(entry.clientKey(), entry.documentKey()), entry);
  }

  private void remove(Entry entry) {
    byKey.remove(lookupKey(entry.clientKey(), entry.documentKey()));
  }

  private static String lookupKey(String clientKey, String documentKey) {
    return clientKey != null ? "client:" + clientKey : documentKey;
  }
}
