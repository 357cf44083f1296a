package org.ezpsdk.transport.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * A stunnel configuration for a local GOST TLS client proxy: stunnel accepts plain HTTP on a
 * loopback port and opens mutual TLS 1.2 with a GOST cipher suite (RFC 9189) to ИС ЭПС, with the
 * sender's client GOST certificate.
 *
 * <p>The output works with stunnel 5.68 on OpenSSL 3.0 with Debian's {@code
 * libengine-gost-openssl}: stunnel's own {@code engine} and {@code engineDefault = ALL} options
 * load gost-engine, so no {@code OPENSSL_CONF} is needed. Certificate checking is always on: {@code
 * verifyChain = yes} against {@link Builder#trustedCertificates}, plus the server's host name
 * ({@code checkHost}) or IP address ({@code checkIP}).
 *
 * <p>NOTE: stunnel cannot ask for a key password when it runs without a terminal, so the private
 * key PEM must be unencrypted; protect it with file permissions readable only by the proxy's user.
 */
public final class StunnelConfig {

  /** The service section name unless the builder sets another. */
  public static final String DEFAULT_SERVICE_NAME = "ezp-eps";

  /** stunnel's log level {@code notice}; 6 ({@code info}) also logs each connection's suite. */
  public static final int DEFAULT_LOG_LEVEL = 5;

  private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private final String serviceName;
  private final InetSocketAddress acceptAddress;
  private final String connectHost;
  private final int connectPort;
  private final Path certificateFile;
  private final Path keyFile;
  private final Path trustedCertificatesFile;
  private final GostCipherSuite cipherSuite;
  private final String checkHost;
  private final String sni;
  private final Path gostEngine;
  private final Path pidFile;
  private final Path logFile;
  private final int logLevel;

  private StunnelConfig(Builder builder) {
    this.serviceName = builder.serviceName;
    this.acceptAddress = builder.acceptAddress;
    this.connectHost = builder.connectHost;
    this.connectPort = builder.connectPort;
    this.certificateFile = builder.certificateFile;
    this.keyFile = builder.keyFile;
    this.trustedCertificatesFile = builder.trustedCertificatesFile;
    this.cipherSuite = builder.cipherSuite;
    // A host name is checked and sent as SNI by default. An IP address is checked with checkIP,
    // and SNI must not carry one.
    String defaultName = isIpLiteral(builder.connectHost) ? null : builder.connectHost;
    this.checkHost = builder.checkHost != null ? builder.checkHost : defaultName;
    this.sni = builder.sni != null ? builder.sni : defaultName;
    this.gostEngine = builder.gostEngine;
    this.pidFile = builder.pidFile;
    this.logFile = builder.logFile;
    this.logLevel = builder.logLevel;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns the loopback address where stunnel accepts plain HTTP from the SDK. */
  public InetSocketAddress acceptAddress() {
    return acceptAddress;
  }

  /** Returns the host of ИС ЭПС that stunnel connects to over GOST TLS. */
  public String connectHost() {
    return connectHost;
  }

  public int connectPort() {
    return connectPort;
  }

  public GostCipherSuite cipherSuite() {
    return cipherSuite;
  }

  /** Returns the PEM file with the client GOST certificate. */
  public Path certificateFile() {
    return certificateFile;
  }

  /** Returns the PEM file with the client's unencrypted private key. */
  public Path keyFile() {
    return keyFile;
  }

  /** Returns the PEM file with the CA certificates trusted for the server's certificate. */
  public Path trustedCertificatesFile() {
    return trustedCertificatesFile;
  }

  /** Returns the pid file stunnel writes, or null for none. */
  public Path pidFile() {
    return pidFile;
  }

  /** Returns the log file stunnel writes in addition to standard error, or null for none. */
  public Path logFile() {
    return logFile;
  }

  /** Returns the text of the configuration file. */
  public String render() {
    List<String> lines = new ArrayList<>();
    lines.add("; Local GOST TLS client proxy for ИС ЭПС, written by the EZP SDK.");
    lines.add("; The SDK sends plain HTTP to 'accept'; stunnel opens mutual TLS 1.2 to 'connect'.");
    lines.add("foreground = yes");
    if (pidFile != null) {
      lines.add("pid = " + pidFile.toAbsolutePath());
    }
    if (logFile != null) {
      lines.add("output = " + logFile.toAbsolutePath());
    }
    lines.add("debug = " + logLevel);
    lines.addAll(engineLines());
    lines.add("");
    lines.add("[" + serviceName + "]");
    lines.add("client = yes");
    lines.add("accept = " + hostPort(acceptAddress));
    lines.add("connect = " + hostPort(connectHost, connectPort));
    lines.add("cert = " + certificateFile.toAbsolutePath());
    lines.add("key = " + keyFile.toAbsolutePath());
    lines.add("CAfile = " + trustedCertificatesFile.toAbsolutePath());
    lines.add("verifyChain = yes");
    lines.add(checkHost != null ? "checkHost = " + checkHost : "checkIP = " + connectHost);
    if (sni != null) {
      lines.add("sni = " + sni);
    }
    lines.add("sslVersion = TLSv1.2");
    lines.add("ciphers = " + cipherSuite.openSslName());
    return String.join("\n", lines) + "\n";
  }

  /**
   * Writes the configuration to a file, replacing it, and returns the file.
   *
   * @throws ConfigurationException when the file cannot be written
   */
  public Path write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new ConfigurationException(
          "Failed to write the stunnel configuration to '"
              + file
              + "': "
              + e.getMessage()
              + "; check that the directory is writable",
          e);
    }
  }

  @Override
  public String toString() {
    return "StunnelConfig[accept="
        + hostPort(acceptAddress)
        + ", connect="
        + hostPort(connectHost, connectPort)
        + ", cipherSuite="
        + cipherSuite.openSslName()
        + "]";
  }

  /**
   * Returns the lines that load gost-engine: by id from OpenSSL's ENGINESDIR, or from a given
   * library through the {@code dynamic} engine.
   */
  private List<String> engineLines() {
    if (gostEngine == null) {
      return List.of("engine = gost", "engineDefault = ALL");
    }
    return List.of(
        "engine = dynamic",
        "engineCtrl = SO_PATH:" + gostEngine.toAbsolutePath(),
        "engineCtrl = ID:gost",
        "engineCtrl = LOAD",
        "engineDefault = ALL");
  }

  /** Returns ip:port, or host:port for an unresolved address; IPv6 in brackets. */
  static String hostPort(InetSocketAddress address) {
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return hostPort(host, address.getPort());
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /**
   * Builder of {@link StunnelConfig}. Required: {@link #acceptPort}, {@link #connect}, {@link
   * #clientCertificate} and {@link #trustedCertificates}. Defaults: accept on 127.0.0.1, the
   * Kuznyechik suite, host name check and SNI for the connect host (an IP address is checked with
   * {@code checkIP} and sends no SNI), gost-engine found by OpenSSL, log level notice.
   */
  public static final class Builder {
    private String serviceName = DEFAULT_SERVICE_NAME;
    private InetSocketAddress acceptAddress;
    private String connectHost;
    private int connectPort;
    private Path certificateFile;
    private Path keyFile;
    private Path trustedCertificatesFile;
    private GostCipherSuite cipherSuite = GostCipherSuite.KUZNYECHIK;
    private String checkHost;
    private String sni;
    private Path gostEngine;
    private Path pidFile;
    private Path logFile;
    private int logLevel = DEFAULT_LOG_LEVEL;

    private Builder() {}

    /** Sets the name of the service section, letters, digits, dot, dash and underscore. */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** Sets the port stunnel accepts plain HTTP on, at 127.0.0.1. */
    public Builder acceptPort(int port) {
      return accept(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Sets the address stunnel accepts plain HTTP on. It must be a loopback address, because the
     * SDK's traffic to it, including the Authorization header, is not encrypted.
     */
    public Builder accept(InetSocketAddress address) {
      this.acceptAddress = address;
      return this;
    }

    /** Sets the host and port of ИС ЭПС that stunnel opens GOST TLS to. */
    public Builder connect(String host, int port) {
      this.connectHost = host;
      this.connectPort = port;
      return this;
    }

    /** Sets the host and port from an endpoint URL; without a port, https means 443. */
    public Builder connect(URI endpoint) {
      int port = endpoint.getPort();
      if (port == -1) {
        port = "http".equalsIgnoreCase(endpoint.getScheme()) ? 80 : 443;
      }
      String host = endpoint.getHost();
      if (host != null && host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return connect(host, port);
    }

    /**
     * Sets the client GOST certificate registered with Russian Post and its private key, both PEM
     * files. The certificate file may also contain the intermediate CA certificates.
     */
    public Builder clientCertificate(Path certificatePem, Path keyPem) {
      this.certificateFile = certificatePem;
      this.keyFile = keyPem;
      return this;
    }

    /** Sets the PEM file with the CA certificates that issued the server's certificate. */
    public Builder trustedCertificates(Path caFile) {
      this.trustedCertificatesFile = caFile;
      return this;
    }

    public Builder cipherSuite(GostCipherSuite cipherSuite) {
      this.cipherSuite = cipherSuite;
      return this;
    }

    /** Sets the host name the server's certificate must be issued for, in place of the default. */
    public Builder checkHost(String hostName) {
      this.checkHost = hostName;
      return this;
    }

    /** Sets the server name sent in the TLS SNI extension, in place of the default. */
    public Builder sni(String serverName) {
      this.sni = serverName;
      return this;
    }

    /**
     * Sets the gost-engine library, such as {@code /usr/lib/x86_64-linux-gnu/engines-3/gost.so},
     * for an OpenSSL that does not find it in its ENGINESDIR; null to let OpenSSL find it.
     */
    public Builder gostEngine(Path library) {
      this.gostEngine = library;
      return this;
    }

    /** Sets the file stunnel writes its process id to; null for none. */
    public Builder pidFile(Path pidFile) {
      this.pidFile = pidFile;
      return this;
    }

    /** Sets a log file stunnel writes to in addition to standard error; null for none. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** Sets stunnel's log level, from 0 (emergencies only) to 7 (debug). */
    public Builder logLevel(int level) {
      this.logLevel = level;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws ConfigurationException when a setting is missing or invalid; the message lists every
     *     problem found
     */
    public StunnelConfig build() {
      List<String> problems = new ArrayList<>();
      checkAccept(problems);
      checkConnect(problems);
      checkFile(problems, "clientCertificate (certificate PEM)", certificateFile);
      checkFile(problems, "clientCertificate (key PEM)", keyFile);
      checkFile(problems, "trustedCertificates", trustedCertificatesFile);
      checkPath(problems, "gostEngine", gostEngine);
      checkPath(problems, "pidFile", pidFile);
      checkPath(problems, "logFile", logFile);
      checkName(problems, "checkHost", checkHost);
      checkName(problems, "sni", sni);
      if (serviceName == null || !SERVICE_NAME.matcher(serviceName).matches()) {
        problems.add(
            "serviceName must be letters, digits, '.', '-' or '_', got '" + serviceName + "'");
      }
      if (cipherSuite == null) {
        problems.add("cipherSuite is missing; use GostCipherSuite.KUZNYECHIK");
      }
      if (logLevel < 0 || logLevel > 7) {
        problems.add("logLevel must be from 0 to 7, got " + logLevel);
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(
            "Invalid stunnel settings: " + String.join("; ", problems));
      }
      return new StunnelConfig(this);
    }

    private void checkAccept(List<String> problems) {
      if (acceptAddress == null) {
        problems.add("acceptPort is missing; choose a free port on 127.0.0.1");
      } else if (acceptAddress.isUnresolved() || !acceptAddress.getAddress().isLoopbackAddress()) {
        problems.add(
            "accept must be a loopback address, because the SDK sends plain HTTP with its"
                + " credentials to it; got "
                + acceptAddress);
      } else if (acceptAddress.getPort() == 0) {
        problems.add("acceptPort must be from 1 to 65535; stunnel cannot pick a free port itself");
      }
    }

    private void checkConnect(List<String> problems) {
      if (connectHost == null || connectHost.isBlank()) {
        problems.add("connect host is missing; set the host of the ИС ЭПС endpoint");
      } else {
        checkName(problems, "connect host", connectHost);
      }
      if (connectPort < 1 || connectPort > 65535) {
        problems.add("connect port must be from 1 to 65535, got " + connectPort);
      }
    }

    private static void checkFile(List<String> problems, String setting, Path file) {
      if (file == null) {
        problems.add(setting + " is missing");
      } else {
        checkPath(problems, setting, file);
      }
    }

    /** Rejects a path that would break the line-based configuration file. */
    private static void checkPath(List<String> problems, String setting, Path file) {
      if (file != null && !isSingleLine(file.toString())) {
        problems.add(setting + " must be a path without line breaks or surrounding spaces");
      }
    }

    private static void checkName(List<String> problems, String setting, String name) {
      if (name != null && (name.isBlank() || !isSingleLine(name) || name.contains(" "))) {
        problems.add(setting + " must be a host name without spaces, got '" + name + "'");
      }
    }

    private static boolean isSingleLine(String value) {
      return !value.contains("\n") && !value.contains("\r") && value.equals(value.strip());
    }
  }

  /** Returns the lower-case form of a host name, for comparing hosts. */
  static String normalizeHost(String host) {
    Objects.requireNonNull(host, "host");
    String plain =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return plain.toLowerCase(Locale.ROOT);
  }
}
