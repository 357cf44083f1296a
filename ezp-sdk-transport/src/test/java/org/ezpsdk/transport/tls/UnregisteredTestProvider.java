package org.ezpsdk.transport.tls;

import java.security.Provider;

/**
 * A provider with no services that is never registered in {@link java.security.Security}, so the
 * transport can find it only by its class name.
 */
public final class UnregisteredTestProvider extends Provider {
  private static final long serialVersionUID = 1L;

  static final String NAME = "EZP-TEST-UNREGISTERED";

  public UnregisteredTestProvider() {
    super(NAME, "1.0", "Test provider without services");
  }
}
