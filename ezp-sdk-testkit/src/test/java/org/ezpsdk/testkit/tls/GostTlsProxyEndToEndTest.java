package org.ezpsdk.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.LetterType;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Recipient;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.OpenSsl;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.transport.tls.GostTlsFixture;
import org.ezpsdk.transport.tls.GostTlsTransport;
import org.ezpsdk.transport.tls.StunnelConfig;
import org.ezpsdk.transport.tls.StunnelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tls-gost transport in local proxy mode, end to end over real GOST TLS on 127.0.0.1:
 *
 * <pre>
 * EzpClient → GostTlsTransport → HTTP → client stunnel (the SDK's StunnelConfig)
 *   → mutual TLS 1.2, GOST2012-KUZNYECHIK-KUZNYECHIKOMAC → server stunnel → HTTP → EpsEmulator
 * </pre>
 *
 * <p>Both stunnels and every certificate come from OpenSSL 3 with gost-engine. Skipped when stunnel
 * or gost-engine is missing, except when CI is "true", where it fails.
 */
class GostTlsProxyEndToEndTest {

  private static final Duration FINAL_STATUS_WAIT = Duration.ofSeconds(20);
  private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 50_000));

  @TempDir static Path dir;

  private static GostTlsFixture fixture;
  private static EpsEmulator emulator;
  private static StunnelProcess server;
  private static StunnelProcess client;
  private static StunnelConfig clientConfig;
  private static int serverPort;

  @BeforeAll
  static void startProxies() throws Exception {
    fixture = GostTlsFixture.create(dir);
    fixture.makeCa("ca", "EZP test GOST CA");
    fixture.issue(
        "ca", "server", "127.0.0.1", "subjectAltName=IP:127.0.0.1", "extendedKeyUsage=serverAuth");
    fixture.issue("ca", "client", "EZP test sender", "extendedKeyUsage=clientAuth");
    emulator = EpsEmulator.builder().port(0).stepDelay(Duration.ofMillis(20)).build().start();

    serverPort = GostTlsFixture.freePort();
    server = fixture.startServer("eps-server", serverPort, "server", "ca", emulator.port());
    clientConfig =
        fixture.clientConfig("sdk-client", GostTlsFixture.freePort(), serverPort, "client", "ca");
    client = fixture.startClient("sdk-client", clientConfig);
  }

  @AfterEach
  void stopTestProcesses() {
    // Processes a test starts for itself are the ones after the shared server and client.
    if (fixture != null) {
      fixture.stopExtra(2);
    }
  }

  @AfterAll
  static void stopProxies() {
    if (fixture != null) {
      fixture.stopAll();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void letterReachesFinalStatusThroughGostTls() throws Exception {
    Path pdf = TestPdfs.a4Portrait(dir, "decision.pdf", 2);
    String barcode = nextBarcode();

    try (GostTlsTransport transport = GostTlsTransport.builder().localProxy(clientConfig).build();
        EzpClient ezp = client(transport)) {
      var result = ezp.send(letter(barcode), pdf);
      LetterInfo info = awaitFinalStatus(ezp, result.letterId());

      assertThat(result.status()).isEqualTo(LetterStatus.ACCEPTED);
      assertThat(info.finalStatus()).isTrue();
    }

    assertThat(emulator.letters()).anyMatch(letter -> barcode.equals(letter.barcode()));
    String serverLog =
        GostTlsFixture.awaitLog(server, "TLSv1.2 ciphersuite: GOST2012-KUZNYECHIK-KUZNYECHIKOMAC");
    assertThat(serverLog).contains("TLSv1.2 ciphersuite: GOST2012-KUZNYECHIK-KUZNYECHIKOMAC");
    assertThat(serverLog).contains("depth=0: CN=EZP test sender");
  }

  @Test
  void serverNegotiatesGostSuiteWithClientCertificate() throws Exception {
    OpenSsl.Result result =
        fixture
            .openSsl()
            .run(
                "s_client",
                "-connect",
                "127.0.0.1:" + serverPort,
                "-tls1_2",
                "-cipher",
                "GOST2012-KUZNYECHIK-KUZNYECHIKOMAC",
                "-cert",
                fixture.file("client.pem").toString(),
                "-key",
                fixture.file("client.key").toString(),
                "-CAfile",
                fixture.file("ca.pem").toString(),
                "-verify_return_error");

    assertThat(result.output()).contains("Cipher is GOST2012-KUZNYECHIK-KUZNYECHIKOMAC");
    assertThat(result.output()).contains("Verify return code: 0 (ok)");
  }

  @Test
  void serverRejectsClientWithoutCertificate() throws Exception {
    OpenSsl.Result result =
        fixture
            .openSsl()
            .run(
                "s_client",
                "-connect",
                "127.0.0.1:" + serverPort,
                "-tls1_2",
                "-cipher",
                "GOST2012-KUZNYECHIK-KUZNYECHIKOMAC",
                "-CAfile",
                fixture.file("ca.pem").toString());

    assertThat(result.output()).contains("alert handshake failure");
    assertThat(GostTlsFixture.awaitLog(server, "peer did not return a certificate"))
        .contains("peer did not return a certificate");
  }

  @Test
  void untrustedServerIsRejectedAndErrorNamesProxy() throws Exception {
    fixture.makeCa("rogue-ca", "Rogue GOST CA");
    fixture.issue(
        "rogue-ca",
        "rogue",
        "127.0.0.1",
        "subjectAltName=IP:127.0.0.1",
        "extendedKeyUsage=serverAuth");
    int roguePort = GostTlsFixture.freePort();
    fixture.startServer("rogue-server", roguePort, "rogue", "ca", emulator.port());
    StunnelConfig config =
        fixture.clientConfig("sdk-client-2", GostTlsFixture.freePort(), roguePort, "client", "ca");
    StunnelProcess trustingClient = fixture.startClient("sdk-client-2", config);
    long requestsBefore = emulator.requestCount("getLetter");

    TransportException e;
    try (GostTlsTransport transport = GostTlsTransport.builder().localProxy(config).build()) {
      e =
          catchThrowableOfType(
              TransportException.class,
              () ->
                  transport.execute(getLetter(URI.create("https://127.0.0.1:" + roguePort + "/"))));
    }

    assertThat(e).as("TransportException thrown").isNotNull();
    assertThat(e.getMessage()).contains("through the local GOST TLS proxy at " + hostPort(config));
    assertThat(e.getMessage()).contains("check the proxy's log");
    assertThat(GostTlsFixture.awaitLog(trustingClient, "certificate verify failed"))
        .contains("certificate verify failed");
    assertThat(emulator.requestCount("getLetter")).isEqualTo(requestsBefore);
  }

  private static String hostPort(StunnelConfig config) {
    return "127.0.0.1:" + config.acceptAddress().getPort();
  }

  private static TransportRequest getLetter(URI base) {
    return new TransportRequest(
        "getLetter",
        "GET",
        base.resolve("api/v1/letters/00000000-0000-0000-0000-000000000000"),
        Map.of(),
        null);
  }

  private static EzpClient client(GostTlsTransport transport) {
    return EzpClient.builder()
        .environment(Environment.test(URI.create("https://127.0.0.1:" + serverPort + "/")))
        .credentials(EpsEmulator.testCredentials())
        .transport(transport)
        .signer(
            CadesSigner.of(
                TestKeys.generate(
                    GostParameterSet.TC26_256_A, "Тестовый отправитель", Duration.ofDays(1))))
        .build();
  }

  private static String nextBarcode() {
    int serial = SERIAL.incrementAndGet() % 100_000;
    return TrackingNumbers.completeDomestic("80080152" + String.format("%05d", serial));
  }

  private static Letter letter(String barcode) {
    return Letter.builder()
        .documentNumber("01-12/345")
        .documentDate(LocalDate.of(2026, 3, 2))
        .title("Решение по делу А40-12345/2026")
        .sender(
            Sender.of(
                "Арбитражный суд города Москвы",
                Address.of("115225", "г. Москва, ул. Большая Тульская, д. 17")))
        .recipient(Recipient.individual("Иванова", "Мария", "Петровна"))
        .recipientAddress("101000, г. Москва, ул. Мясницкая, д. 26, кв. 5")
        .type(LetterType.REGISTERED)
        .mailRank(MailRank.JUDICIAL)
        .electronicNotice(false)
        .barcode(barcode)
        .build();
  }

  private static LetterInfo awaitFinalStatus(EzpClient ezp, String letterId)
      throws InterruptedException {
    long deadline = System.nanoTime() + FINAL_STATUS_WAIT.toNanos();
    while (true) {
      LetterInfo info = ezp.status(letterId);
      if (info.finalStatus()) {
        return info;
      }
      if (System.nanoTime() > deadline) {
        fail(
            "Letter %s did not reach a final status within %s; last: %s",
            letterId, FINAL_STATUS_WAIT, info);
      }
      Thread.sleep(20);
    }
  }
}
