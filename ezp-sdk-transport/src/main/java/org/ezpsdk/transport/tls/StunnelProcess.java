package org.ezpsdk.transport.tls;

import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ezpsdk.core.error.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running stunnel: starts {@code stunnel4} or {@code stunnel} in the foreground with a
 * configuration file, waits until its accept port is bound, and stops it on {@link #close()}.
 * Standard output and error go to a log file, which {@link #log()} reads back.
 *
 * <p>Readiness is detected without connecting to the port, because a connection to a client-mode
 * stunnel makes it open a TLS connection to the remote server.
 */
public final class StunnelProcess implements AutoCloseable {

  /** The time to wait for stunnel to bind its accept port unless a caller sets another. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 25;
  private static final int LOG_TAIL_CHARS = 2000;
  private static final Logger log = LoggerFactory.getLogger(StunnelProcess.class);

  private final Process process;
  private final Path configFile;
  private final Path logFile;
  private final InetSocketAddress acceptAddress;

  private StunnelProcess(
      Process process, Path configFile, Path logFile, InetSocketAddress acceptAddress) {
    this.process = process;
    this.configFile = configFile;
    this.logFile = logFile;
    this.acceptAddress = acceptAddress;
  }

  /**
   * Writes the configuration to {@code directory/stunnel.conf} and starts stunnel with it, logging
   * to {@code directory/stunnel.log}.
   *
   * @throws ConfigurationException when stunnel is not installed, exits, or does not bind its port
   *     within {@link #DEFAULT_START_TIMEOUT}; the message contains the end of stunnel's log
   */
  public static StunnelProcess start(StunnelConfig config, Path directory) {
    requireReadable("clientCertificate (certificate PEM)", config.certificateFile());
    requireReadable("clientCertificate (key PEM)", config.keyFile());
    requireReadable("trustedCertificates", config.trustedCertificatesFile());
    Path configFile = config.write(directory.resolve("stunnel.conf"));
    Path executable =
        findExecutable()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "stunnel is not installed: neither stunnel4 nor stunnel is on the PATH;"
                            + " install it (Debian and Ubuntu: apt-get install stunnel4"
                            + " libengine-gost-openssl)"));
    return start(
        executable,
        configFile,
        config.acceptAddress(),
        directory.resolve("stunnel.log"),
        DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts stunnel with a configuration file that runs it in the foreground ({@code foreground =
   * yes}) and waits until it binds the accept address.
   *
   * @param executable the stunnel program
   * @param configFile the configuration file
   * @param acceptAddress the address in the configuration's {@code accept} option
   * @param logFile the file that receives stunnel's standard output and error, replaced
   * @param startTimeout the maximum wait for the accept address to be bound
   * @throws ConfigurationException when stunnel cannot start, exits, or does not bind in time
   */
  public static StunnelProcess start(
      Path executable,
      Path configFile,
      InetSocketAddress acceptAddress,
      Path logFile,
      Duration startTimeout) {
    requireFree(acceptAddress);
    Process process = launch(executable, configFile, logFile);
    StunnelProcess stunnel = new StunnelProcess(process, configFile, logFile, acceptAddress);
    try {
      stunnel.awaitBound(startTimeout);
    } catch (RuntimeException e) {
      stunnel.close();
      throw e;
    }
    log.info(
        "stunnel (pid {}) listening on {} with {}; log: {}",
        process.pid(),
        StunnelConfig.hostPort(acceptAddress),
        configFile,
        logFile);
    return stunnel;
  }

  /** Returns {@code stunnel4} or else {@code stunnel} from the PATH, if either is there. */
  public static Optional<Path> findExecutable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("stunnel4", "stunnel")) {
      for (String directory : path.split(File.pathSeparator)) {
        if (directory.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the address stunnel accepts connections on. */
  public InetSocketAddress acceptAddress() {
    return acceptAddress;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path configFile() {
    return configFile;
  }

  public Path logFile() {
    return logFile;
  }

  /** Returns what stunnel has logged so far, or an empty string when nothing can be read. */
  public String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Stops stunnel: sends it SIGTERM, then kills it if it is still running after 5 s. Safe to call
   * more than once.
   */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("stunnel (pid {}) did not stop within {}; killing it", pid(), STOP_TIMEOUT);
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    log.info("stunnel (pid {}) stopped", pid());
  }

  @Override
  public String toString() {
    return "StunnelProcess[pid="
        + pid()
        + ", accept="
        + StunnelConfig.hostPort(acceptAddress)
        + ", config="
        + configFile
        + "]";
  }

  private static Process launch(Path executable, Path configFile, Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add(configFile.toAbsolutePath().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new ConfigurationException(
          "Failed to start '" + executable + "': " + e.getMessage() + "; check the stunnel install",
          e);
    }
  }

  private void awaitBound(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isListening(acceptAddress)) {
      if (!process.isAlive()) {
        throw failure("exited with code " + process.exitValue() + " before listening");
      }
      if (System.nanoTime() > deadline) {
        throw failure("did not listen within " + timeout.toMillis() + " ms");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("was interrupted while starting");
      }
    }
  }

  private ConfigurationException failure(String problem) {
    String text = log().strip();
    String tail =
        text.length() > LOG_TAIL_CHARS
            ? "…" + text.substring(text.length() - LOG_TAIL_CHARS)
            : text;
    return new ConfigurationException(
        "stunnel with '"
            + configFile
            + "' "
            + problem
            + " on "
            + StunnelConfig.hostPort(acceptAddress)
            + "; its log ("
            + logFile
            + ") ends with:\n"
            + tail);
  }

  private static void requireFree(InetSocketAddress address) {
    if (cannotBind(address)) {
      throw new ConfigurationException(
          "The stunnel accept address "
              + StunnelConfig.hostPort(address)
              + " is already in use by another program; choose a free port");
    }
  }

  /**
   * Returns true when a socket listens on the address's port. On Linux this reads the kernel's
   * socket tables, because a bind probe would hold the port for a moment and could make stunnel's
   * own bind fail. Elsewhere it tries to bind the address.
   */
  private static boolean isListening(InetSocketAddress address) {
    Optional<Boolean> fromKernel = ListeningPorts.isListening(address.getPort());
    return fromKernel.orElseGet(() -> cannotBind(address));
  }

  /** Returns true when this process cannot bind the address because another socket has it. */
  private static boolean cannotBind(InetSocketAddress address) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(address);
      return false;
    } catch (BindException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void requireReadable(String setting, Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigurationException(
          "The stunnel "
              + setting
              + " file '"
              + file
              + "' does not exist or is not readable; check the path and its permissions");
    }
  }
}
