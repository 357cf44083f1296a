package org.ezpsdk.signing;

import java.security.Provider;
import java.security.Security;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Optional bridge to CryptoPro JCP, found at run time: the SDK has no compile-time dependency on
 * CryptoPro classes, and everything here works (and reports JCP as missing) without them. It maps
 * algorithm names between Bouncy Castle's spelling ({@code
 * GOST3411-2012-256WITHECGOST3410-2012-256}) and JCP's ({@code
 * GOST3411_2012_256withGOST3410_2012_256}), and makes a {@link JcaKeyStoreSource} for JCP's key
 * containers.
 */
public final class JcpAdapter {
  /** The class of JCP's JCA provider. */
  public static final String PROVIDER_CLASS = "ru.CryptoPro.JCP.JCP";

  /** The name under which JCP's provider registers. */
  public static final String PROVIDER_NAME = "JCP";

  /** JCP's key store type for containers on disk (the registry on Windows, files elsewhere). */
  public static final String HD_IMAGE_STORE = "HDImageStore";

  private static final Map<String, String> BOUNCY_CASTLE_TO_JCP = new LinkedHashMap<>();

  static {
    BOUNCY_CASTLE_TO_JCP.put(
        "GOST3411-2012-256WITHECGOST3410-2012-256", "GOST3411_2012_256withGOST3410_2012_256");
    BOUNCY_CASTLE_TO_JCP.put(
        "GOST3411-2012-512WITHECGOST3410-2012-512", "GOST3411_2012_512withGOST3410_2012_512");
    BOUNCY_CASTLE_TO_JCP.put("GOST3411-2012-256", "GOST3411_2012_256");
    BOUNCY_CASTLE_TO_JCP.put("GOST3411-2012-512", "GOST3411_2012_512");
  }

  private JcpAdapter() {}

  /** Returns whether JCP's provider class is on the class path. */
  public static boolean isAvailable() {
    try {
      Class.forName(PROVIDER_CLASS, false, JcpAdapter.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Returns JCP's provider: the registered one, or else a new instance made by reflection and
   * registered at the end of the provider list. Empty when JCP is not installed.
   */
  public static Optional<Provider> provider() {
    Provider registered = Security.getProvider(PROVIDER_NAME);
    if (registered != null) {
      return Optional.of(registered);
    }
    if (!isAvailable()) {
      return Optional.empty();
    }
    try {
      Provider created =
          (Provider)
              Class.forName(PROVIDER_CLASS, true, JcpAdapter.class.getClassLoader())
                  .getDeclaredConstructor()
                  .newInstance();
      Security.addProvider(created);
      return Optional.of(created);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns JCP's name for a Bouncy Castle signature or digest algorithm name (case-insensitive).
   *
   * @throws IllegalArgumentException when the name is not a GOST R 34.10-2012 or Streebog name
   */
  public static String toJcpName(String bouncyCastleName) {
    for (Map.Entry<String, String> entry : BOUNCY_CASTLE_TO_JCP.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(bouncyCastleName)) {
        return entry.getValue();
      }
    }
    throw unknown(bouncyCastleName, BOUNCY_CASTLE_TO_JCP.keySet().toString());
  }

  /**
   * Returns Bouncy Castle's name for a JCP signature or digest algorithm name (case-insensitive).
   *
   * @throws IllegalArgumentException when the name is not a GOST R 34.10-2012 or Streebog name
   */
  public static String toBouncyCastleName(String jcpName) {
    for (Map.Entry<String, String> entry : BOUNCY_CASTLE_TO_JCP.entrySet()) {
      if (entry.getValue().equalsIgnoreCase(jcpName)) {
        return entry.getKey();
      }
    }
    throw unknown(jcpName, BOUNCY_CASTLE_TO_JCP.values().toString());
  }

  /**
   * Returns a key source for a JCP container in {@link #HD_IMAGE_STORE}.
   *
   * @param alias the container's alias
   * @param password the container's password, or null when it has none
   */
  public static JcaKeyStoreSource containerSource(String alias, char[] password) {
    return JcaKeyStoreSource.builder()
        .provider(PROVIDER_NAME)
        .keyStoreType(HD_IMAGE_STORE)
        .alias(alias)
        .keyPassword(password)
        .build();
  }

  private static IllegalArgumentException unknown(String name, String known) {
    return new IllegalArgumentException(
        "Algorithm name '"
            + name
            + "' has no mapping between Bouncy Castle and CryptoPro JCP; known names: "
            + known);
  }
}
