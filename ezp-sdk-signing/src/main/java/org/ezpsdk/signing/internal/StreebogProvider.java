package org.ezpsdk.signing.internal;

import java.security.Provider;
import java.util.List;
import java.util.function.Supplier;

/**
 * A JCA provider with the SDK's {@link Streebog} as the message digests {@code GOST3411-2012-256}
 * and {@code GOST3411-2012-512}, also found by their OIDs. It is not added to the JCA provider
 * list: pass {@link #instance()} to {@code MessageDigest.getInstance(String, Provider)}.
 */
public final class StreebogProvider extends Provider {
  /** The provider name. */
  public static final String NAME = "EzpSdkStreebog";

  private static final long serialVersionUID = 1L;

  private static final StreebogProvider INSTANCE = new StreebogProvider();

  private StreebogProvider() {
    super(NAME, "1.0", "EZP SDK pure-Java Streebog (GOST R 34.11-2012) message digests");
    for (GostAlgorithm algorithm : GostAlgorithm.values()) {
      putService(new DigestService(this, algorithm));
    }
  }

  /** Returns the provider; it is stateless, so one instance serves every caller. */
  public static StreebogProvider instance() {
    return INSTANCE;
  }

  /** Returns whether this provider implements the message digest named {@code algorithm}. */
  public boolean supportsDigest(String algorithm) {
    return getService("MessageDigest", algorithm) != null;
  }

  /** Creates digests directly, without the reflection of {@link Provider.Service}. */
  private static final class DigestService extends Service {
    private final transient Supplier<StreebogMessageDigest> factory;

    DigestService(Provider provider, GostAlgorithm algorithm) {
      super(
          provider,
          "MessageDigest",
          algorithm.digestName(),
          StreebogMessageDigest.class.getName(),
          List.of(algorithm.digestOid(), "OID." + algorithm.digestOid()),
          null);
      this.factory =
          algorithm == GostAlgorithm.GOST_2012_256
              ? StreebogMessageDigest::streebog256
              : StreebogMessageDigest::streebog512;
    }

    @Override
    public Object newInstance(Object constructorParameter) {
      return factory.get();
    }
  }
}
