package org.ezpsdk.core.spi;

import java.util.Map;

/**
 * Makes transports of one kind, found with {@link java.util.ServiceLoader} and chosen by {@link
 * #name()}, such as {@code http} or {@code tls-gost}. An artifact that ships a transport registers
 * its provider in {@code META-INF/services/org.ezpsdk.core.spi.TransportProvider}.
 */
public interface TransportProvider {

  /** Returns the short name users choose the transport by, unique on the class path. */
  String name();

  /** Returns a one-line description of what the transport is for, shown when listing transports. */
  String description();

  /**
   * Creates a transport from string settings, such as those of a configuration file or command
   * line. Keys are the provider's own (for example {@code connectTimeout} = {@code 10s}); an
   * unknown key or a bad value is a {@link org.ezpsdk.core.error.ConfigurationException} that names
   * it. The caller owns the returned transport and closes it.
   */
  Transport create(Map<String, String> settings);
}
