package org.ezpsdk.signing.internal;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider that every class of this module uses. It is added once, at the end of
 * the JCA provider list, so other providers keep their priority. An instance that the application
 * registered already is reused.
 */
public final class BouncyCastle {
  private static final Provider PROVIDER = register();

  private BouncyCastle() {}

  /** Returns the registered Bouncy Castle provider. */
  public static Provider provider() {
    return PROVIDER;
  }

  private static synchronized Provider register() {
    Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (existing != null) {
      return existing;
    }
    Provider created = new BouncyCastleProvider();
    Security.addProvider(created);
    return created;
  }
}
