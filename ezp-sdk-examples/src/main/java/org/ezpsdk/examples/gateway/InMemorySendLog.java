package org.ezpsdk.examples.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SendLog} in memory: repeats are recognised while the gateway runs, and forgotten when it
 * stops. The service still recognises a repeat under the same idempotency key after a restart, but
 * a repeat without a client key may then be sent under a new one.
 */
public final class InMemorySendLog implements SendLog {
  private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

  @Override
  public Optional<Entry> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  @Override
  public synchronized void begin(Entry pending) {
    byKey.put(pending.idempotencyKey(), pending);
    byKey.put(pending.documentKey(), pending);
    if (pending.clientKey() != null) {
      byKey.put(pending.clientKey(), pending);
    }
  }

  @Override
  public synchronized Entry complete(
      String idempotencyKey, String letterId, String barcode, String status, Instant acceptedAt) {
    Entry pending = byKey.get(idempotencyKey);
    if (pending == null) {
      throw new IllegalStateException("No letter is recorded under key " + idempotencyKey);
    }
    Entry sent =
        new Entry(
            idempotencyKey,
            pending.clientKey(),
            pending.documentKey(),
            State.SENT,
            letterId,
            barcode,
            status,
            acceptedAt);
    begin(sent);
    return sent;
  }

  @Override
  public synchronized void abandon(String idempotencyKey) {
    Entry entry = byKey.remove(idempotencyKey);
    if (entry != null) {
      byKey.remove(entry.documentKey(), entry);
      if (entry.clientKey() != null) {
        byKey.remove(entry.clientKey(), entry);
      }
    }
  }
}
