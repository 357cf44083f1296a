package org.ezpsdk.core.spi;

import java.io.Closeable;
import org.ezpsdk.core.error.TransportException;

/**
 * Carries one request to ИС ЭПС and brings back its answer: plain HTTP (also through a ViPNet
 * tunnel), TLS with GOST cipher suites, or СМЭВ. Implementations are thread-safe.
 *
 * <p>Ownership: a transport passed to a client by the caller stays the caller's to close; the
 * client never closes it.
 */
public interface Transport extends Closeable {

  /** Returns the short name by which the transport is chosen, such as {@code http}. */
  String name();

  /**
   * Sends the request and returns the service's answer, whatever its status code.
   *
   * @throws TransportException when no answer arrived: connection refused, timeout, TLS failure
   */
  TransportResponse execute(TransportRequest request);

  /** Releases connections and threads. The default does nothing. */
  @Override
  default void close() {}
}
