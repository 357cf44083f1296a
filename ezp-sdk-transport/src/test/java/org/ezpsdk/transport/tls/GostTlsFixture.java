package org.ezpsdk.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ezpsdk.signing.OpenSsl;

/**
 * GOST certificates made by OpenSSL with gost-engine, and stunnel processes in server and client
 * mode on 127.0.0.1, for the tests of this module and of the testkit (published in the test-jar).
 * Every process started here is stopped by {@link #stopAll()}.
 */
public final class GostTlsFixture {

  private final Path dir;
  private final OpenSsl openSsl;
  private final Path stunnel;
  private final List<StunnelProcess> processes = Collections.synchronizedList(new ArrayList<>());

  private GostTlsFixture(Path dir, OpenSsl openSsl, Path stunnel) {
    this.dir = dir;
    this.openSsl = openSsl;
    this.stunnel = stunnel;
  }

  /**
   * Returns a fixture, or skips the calling test when OpenSSL with gost-engine or stunnel is
   * missing. When the environment variable CI is "true", a missing tool fails the test instead.
   */
  public static GostTlsFixture create(Path dir) throws IOException, InterruptedException {
    OpenSsl openSsl = OpenSsl.withGostEngine(dir);
    return new GostTlsFixture(dir, openSsl, requireStunnel());
  }

  /**
   * Returns the stunnel executable, or skips the calling test when stunnel is not on the PATH. When
   * the environment variable CI is "true", a missing stunnel fails the test instead.
   */
  public static Path requireStunnel() {
    Path stunnel = StunnelProcess.findExecutable().orElse(null);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(stunnel).as("stunnel4 or stunnel on the PATH (required when CI=true)").isNotNull();
    }
    assumeTrue(stunnel != null, "stunnel is not installed");
    return stunnel;
  }

  public OpenSsl openSsl() {
    return openSsl;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Makes a self-signed GOST R 34.10-2012 256-bit CA: {@code name.key} and {@code name.pem}. */
  public void makeCa(String name, String commonName) throws IOException, InterruptedException {
    runKeyRequest(
        name,
        commonName,
        file(name + ".pem"),
        "-x509",
        "-days",
        "2",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  /**
   * Makes a GOST key and a certificate issued by the CA: {@code name.key} and {@code name.pem}.
   *
   * @param extensions lines of an OpenSSL extension file, such as {@code
   *     extendedKeyUsage=serverAuth}
   */
  public void issue(String ca, String name, String commonName, String... extensions)
      throws IOException, InterruptedException {
    Path csr = file(name + ".csr");
    runKeyRequest(name, commonName, csr, "-new");
    Path extensionFile = file(name + ".ext");
    Files.writeString(extensionFile, String.join("\n", extensions) + "\n", StandardCharsets.UTF_8);
    openSsl.runOk(
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        file(ca + ".pem").toString(),
        "-CAkey",
        file(ca + ".key").toString(),
        "-set_serial",
        serial(),
        "-out",
        file(name + ".pem").toString(),
        "-days",
        "2",
        "-extfile",
        extensionFile.toString());
  }

  /**
   * Starts stunnel as a GOST TLS server: it accepts mutual TLS 1.2 on the port with the server's
   * certificate, requires a client certificate issued by the CA, and forwards plain bytes to the
   * backend port. The log level is info, so each connection's cipher suite is logged.
   */
  public StunnelProcess startServer(
      String name, int port, String serverCert, String clientCa, int backend) throws IOException {
    Path directory = Files.createDirectories(file(name));
    String config =
        String.join(
            "\n",
            "foreground = yes",
            "pid = " + directory.resolve("stunnel.pid"),
            "debug = 6",
            "engine = gost",
            "engineDefault = ALL",
            "[" + name + "]",
            "accept = 127.0.0.1:" + port,
            "connect = 127.0.0.1:" + backend,
            "cert = " + file(serverCert + ".pem"),
            "key = " + file(serverCert + ".key"),
            "CAfile = " + file(clientCa + ".pem"),
            "verifyChain = yes",
            "requireCert = yes",
            "sslVersion = TLSv1.2",
            "ciphers = " + GostCipherSuite.KUZNYECHIK.openSslName(),
            "");
    Path configFile = directory.resolve("stunnel.conf");
    Files.writeString(configFile, config, StandardCharsets.UTF_8);
    return track(
        StunnelProcess.start(
            stunnel,
            configFile,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            directory.resolve("stunnel.log"),
            StunnelProcess.DEFAULT_START_TIMEOUT));
  }

  /** Returns the SDK's client stunnel configuration: accept on the port, connect to the server. */
  public StunnelConfig clientConfig(
      String name, int port, int serverPort, String clientCert, String ca) {
    return StunnelConfig.builder()
        .serviceName(name)
        .acceptPort(port)
        .connect("127.0.0.1", serverPort)
        .clientCertificate(file(clientCert + ".pem"), file(clientCert + ".key"))
        .trustedCertificates(file(ca + ".pem"))
        .pidFile(file(name + ".pid"))
        .logLevel(6)
        .build();
  }

  /** Starts the SDK's client stunnel with the configuration. */
  public StunnelProcess startClient(String name, StunnelConfig config) throws IOException {
    return track(StunnelProcess.start(config, Files.createDirectories(file(name))));
  }

  /** Stops every stunnel this fixture started, in reverse order. */
  public void stopAll() {
    synchronized (processes) {
      for (int i = processes.size() - 1; i >= 0; i--) {
        processes.get(i).close();
      }
      processes.clear();
    }
  }

  /** Stops the stunnels started after the first {@code keep}, in reverse order. */
  public void stopExtra(int keep) {
    synchronized (processes) {
      while (processes.size() > keep) {
        processes.remove(processes.size() - 1).close();
      }
    }
  }

  /** Returns a port on 127.0.0.1 that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Waits until the log contains the text, since stunnel writes it after the connection ends. */
  public static String awaitLog(StunnelProcess process, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String log = process.log();
    while (!log.contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      log = process.log();
    }
    return log;
  }

  /**
   * Runs {@code openssl req} to make a new GOST R 34.10-2012 256-bit key (parameter set A) in
   * {@code name.key}, and writes a request, or with {@code -x509} a self-signed certificate, to
   * {@code out}.
   */
  private void runKeyRequest(String name, String commonName, Path out, String... options)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.add("req");
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "-newkey",
            "gost2012_256",
            "-pkeyopt",
            "paramset:A",
            "-nodes",
            "-keyout",
            file(name + ".key").toString(),
            "-out",
            out.toString(),
            "-subj",
            "/CN=" + commonName));
    openSsl.runOk(args.toArray(String[]::new));
  }

  private StunnelProcess track(StunnelProcess process) {
    processes.add(process);
    return process;
  }

  private static String serial() {
    return Long.toString(System.nanoTime() & Long.MAX_VALUE);
  }
}
