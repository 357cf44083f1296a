package org.ezpsdk.core.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * Finds the {@link TransportProvider}s on the class path with {@link ServiceLoader} and creates
 * transports by their short name, such as {@code http} or {@code tls-gost}.
 *
 * <pre>{@code
 * try (Transport transport = Transports.create("http", Map.of("readTimeout", "30s"))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The caller owns a transport created here and closes it. {@code EzpClient.builder().transport(
 * name, settings)} creates one the same way and closes it itself.
 */
public final class Transports {

  /** The artifact that ships the SDK's transports, named in errors about a missing transport. */
  static final String TRANSPORT_ARTIFACT = "org.ezpsdk:ezp-sdk-transport";

  private Transports() {}

  /**
   * Creates a transport of the named provider, found with the context class loader of the current
   * thread (or this class's loader when there is none).
   *
   * @throws ConfigurationException when no provider or more than one has the name, or the provider
   *     rejects a setting
   */
  public static Transport create(String name, Map<String, String> settings) {
    return create(name, settings, defaultLoader());
  }

  /** Creates a transport like {@link #create(String, Map)}, with providers from the loader. */
  public static Transport create(String name, Map<String, String> settings, ClassLoader loader) {
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          "The transport name is missing; choose one of: " + describe(load(loader)));
    }
    Map<String, TransportProvider> providers = load(loader);
    TransportProvider provider = providers.get(name.strip());
    if (provider == null) {
      throw new ConfigurationException(
          "No transport named '"
              + name
              + "' is on the class path; available: "
              + describe(providers)
              + ". The transports http, tls-gost and smev ship in "
              + TRANSPORT_ARTIFACT
              + "; add that artifact, or the one of another provider, to the class path");
    }
    Transport transport = provider.create(settings == null ? Map.of() : Map.copyOf(settings));
    if (transport == null) {
      throw new ConfigurationException(
          "Transport provider " + provider.getClass().getName() + " returned no transport");
    }
    return transport;
  }

  /**
   * Returns the providers on the class path of the current thread's context class loader, sorted by
   * name.
   *
   * @throws ConfigurationException when two providers have the same name or one cannot be loaded
   */
  public static List<TransportProvider> available() {
    return available(defaultLoader());
  }

  /** Returns the providers found with the class loader, sorted by name. */
  public static List<TransportProvider> available(ClassLoader loader) {
    return List.copyOf(load(loader).values());
  }

  private static Map<String, TransportProvider> load(ClassLoader loader) {
    Map<String, List<TransportProvider>> byName = new TreeMap<>();
    try {
      for (TransportProvider provider : ServiceLoader.load(TransportProvider.class, loader)) {
        byName.computeIfAbsent(provider.name(), key -> new ArrayList<>()).add(provider);
      }
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException(
          "Failed to load a transport provider listed in META-INF/services/"
              + TransportProvider.class.getName()
              + ": "
              + e.getMessage()
              + "; check that the artifact that lists it is complete and of this SDK's version",
          e);
    }
    Map<String, TransportProvider> unique = new TreeMap<>();
    for (Map.Entry<String, List<TransportProvider>> entry : byName.entrySet()) {
      if (entry.getValue().size() > 1) {
        throw new ConfigurationException(duplicateMessage(entry.getKey(), entry.getValue()));
      }
      unique.put(entry.getKey(), entry.getValue().get(0));
    }
    return unique;
  }

  private static String duplicateMessage(String name, List<TransportProvider> providers) {
    String classes =
        providers.stream()
            .map(provider -> provider.getClass().getName())
            .sorted(Comparator.naturalOrder())
            .collect(Collectors.joining(", "));
    return "More than one transport provider is named '"
        + name
        + "': "
        + classes
        + "; the name must choose exactly one, so remove the artifact of all but one of them"
        + " from the class path";
  }

  private static String describe(Map<String, TransportProvider> providers) {
    if (providers.isEmpty()) {
      return "none";
    }
    return providers.values().stream()
        .map(provider -> provider.name() + " (" + provider.description() + ")")
        .collect(Collectors.joining(", "));
  }

  private static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Transports.class.getClassLoader();
  }
}
