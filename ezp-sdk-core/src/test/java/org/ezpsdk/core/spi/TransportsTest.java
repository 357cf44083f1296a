package org.ezpsdk.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportsTest {

  @TempDir Path directory;

  /** A provider named {@code loopback} that records its settings in the transport's name. */
  public static final class LoopbackProvider implements TransportProvider {
    @Override
    public String name() {
      return "loopback";
    }

    @Override
    public String description() {
      return "test transport";
    }

    @Override
    public Transport create(Map<String, String> settings) {
      return new Transport() {
        @Override
        public String name() {
          return "loopback " + settings;
        }

        @Override
        public TransportResponse execute(TransportRequest request) {
          return new TransportResponse(200, Map.of(), null);
        }
      };
    }
  }

  /** A second provider that claims the name {@code loopback}. */
  public static final class ImpostorProvider implements TransportProvider {
    @Override
    public String name() {
      return "loopback";
    }

    @Override
    public String description() {
      return "another test transport";
    }

    @Override
    public Transport create(Map<String, String> settings) {
      throw new AssertionError("must not be created");
    }
  }

  /** Returns a class loader whose services file lists the providers. */
  private ClassLoader loaderWith(Class<?>... providers) throws IOException {
    Path services = directory.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder();
    for (Class<?> provider : providers) {
      lines.append(provider.getName()).append('\n');
    }
    Files.writeString(
        services.resolve(TransportProvider.class.getName()),
        lines.toString(),
        StandardCharsets.UTF_8);
    return new URLClassLoader(
        new URL[] {directory.toUri().toURL()}, TransportsTest.class.getClassLoader());
  }

  @Test
  void createsTransportByName() throws IOException {
    ClassLoader loader = loaderWith(LoopbackProvider.class);

    Transport transport = Transports.create("loopback", Map.of("readTimeout", "1s"), loader);

    assertThat(transport.name()).isEqualTo("loopback {readTimeout=1s}");
  }

  @Test
  void listsAvailableProviders() throws IOException {
    ClassLoader loader = loaderWith(LoopbackProvider.class);

    List<TransportProvider> providers = Transports.available(loader);

    assertThat(providers).extracting(TransportProvider::name).containsExactly("loopback");
  }

  @Test
  void unknownNameListsAvailableAndArtifact() throws IOException {
    ClassLoader loader = loaderWith(LoopbackProvider.class);

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Transports.create("smev", Map.of(), loader));

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("No transport named 'smev'");
    assertThat(e.getMessage()).contains("available: loopback (test transport)");
    assertThat(e.getMessage()).contains("org.ezpsdk:ezp-sdk-transport");
  }

  @Test
  void duplicateNameIsError() throws IOException {
    ClassLoader loader = loaderWith(LoopbackProvider.class, ImpostorProvider.class);

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Transports.create("loopback", Map.of(), loader));

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("More than one transport provider is named 'loopback'");
    assertThat(e.getMessage()).contains(LoopbackProvider.class.getName());
    assertThat(e.getMessage()).contains(ImpostorProvider.class.getName());
  }

  @Test
  void unloadableProviderIsConfigurationError() throws IOException {
    Path services = directory.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(TransportProvider.class.getName()), "org.example.MissingProvider\n");
    ClassLoader loader =
        new URLClassLoader(
            new URL[] {directory.toUri().toURL()}, TransportsTest.class.getClassLoader());

    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> Transports.available(loader));

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("org.example.MissingProvider");
  }
}
