package org.ezpsdk.core.spi;

import java.io.Closeable;
import org.ezpsdk.core.error.TransportException;

/**
 * Carries one request to ИС ЭПС and brings back its response: plain HTTP (also through a ViPNet
 * tunnel), TLS with GOST cipher suites, or СМЭВ. Implementations are thread-safe.
 *
 * <p>Ownership: a transport passed to a client by the caller stays the caller's to close; the
 * client never closes it. A transport the client creates itself from a provider name ({@code
 * EzpClient.builder().transport("http", settings)}) is closed by the client's {@code close()}.
 */
public interface Transport extends Closeable {

  /** Returns the short name by which the transport is chosen, such as {@code http}. */
  String name();

  /**
   * Sends the request and returns the service's response, whatever its status code.
   *
   * @throws TransportException when no response arrived: connection refused, timeout, TLS failure.
   *     Its {@link TransportException#kind()} must be {@link TransportException.Kind#TLS} for a
   *     handshake or certificate failure, which the client never retries, and its {@link
   *     TransportException#requestMayHaveArrived()} true once any byte of the request was written.
   *     Implementations send each request once and never retry on their own.
   */
  TransportResponse execute(TransportRequest request);

  /** Releases connections and threads. The default does nothing. */
  @Override
  default void close() {}
}
