package org.ezpsdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportProvider;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EzpClientOwnershipTest {
  static final AtomicInteger CLOSED = new AtomicInteger();

  @TempDir Path directory;

  /** A transport that counts its close calls. */
  static final class CountingTransport implements Transport {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public TransportResponse execute(TransportRequest request) {
      return new TransportResponse(200, Map.of(), null);
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  /** The provider of {@link CountingTransport}, listed in a services file made by the test. */
  public static final class CountingProvider implements TransportProvider {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public String description() {
      return "counts close calls";
    }

    @Override
    public Transport create(Map<String, String> settings) {
      return new CountingTransport();
    }
  }

  private static EzpClient.Builder base() {
    return EzpClient.builder()
        .environment(Environment.test(URI.create("http://127.0.0.1:9/")))
        .credentials(Credentials.of("sender", "token"));
  }

  private EzpClient buildWithProviderOnClassPath(EzpClient.Builder builder) throws IOException {
    Path services = directory.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(TransportProvider.class.getName()), CountingProvider.class.getName());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(
        new URLClassLoader(new URL[] {directory.toUri().toURL()}, previous));
    try {
      return builder.build();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void closesTransportItCreatedByName() throws IOException {
    int before = CLOSED.get();
    EzpClient client = buildWithProviderOnClassPath(base().transport("counting", Map.of()));

    client.close();

    assertThat(CLOSED.get() - before).as("close calls").isEqualTo(1);
  }

  @Test
  void leavesCallerTransportOpen() {
    int before = CLOSED.get();
    CountingTransport transport = new CountingTransport();

    base().transport(transport).build().close();

    assertThat(CLOSED.get() - before).as("close calls").isZero();
  }

  @Test
  void rejectsTransportAndNameTogether() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> base().transport(new CountingTransport()).transport("http", Map.of()).build());

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("set only one of them");
  }

  @Test
  void unknownTransportNameFailsAtBuild() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> base().transport("smev", Map.of()).build());

    assertThat(e).as("ConfigurationException thrown").isNotNull();
    assertThat(e.getMessage()).contains("No transport named 'smev'");
  }
}
