package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.awaitFinalStatus;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.core.spi.Transports;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.transport.smev.SmevFault;
import org.ezpsdk.transport.smev.SmevFaultException;
import org.ezpsdk.transport.smev.SmevMessage;
import org.ezpsdk.transport.smev.SmevSchemas;
import org.ezpsdk.transport.smev.SmevTimeoutException;
import org.ezpsdk.transport.smev.SmevTransport;
import org.ezpsdk.transport.smev.SmevVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Letters sent with the smev transport through the emulator's СМЭВ endpoint. */
class SmevTransportTest {
  /** The ЭП-ОВ key of the sender's information system, apart from its document key. */
  static final SigningCredentials SYSTEM_KEY =
      TestKeys.generate(GostParameterSet.TC26_256_B, "ИС суда", Duration.ofDays(30));

  @TempDir Path files;
  private EpsEmulator emulator;

  @AfterEach
  void tearDown() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @ParameterizedTest
  @EnumSource(SmevVersion.class)
  void letterReachesFinalStatusOverSmev(SmevVersion version) throws IOException {
    emulator = EpsEmulator.builder().stepDelay(Duration.ofMillis(20)).build().start();
    String barcode = nextBarcode();
    Path envelopes = files.resolve("envelopes");
    try (SmevTransport transport =
        transport(version).envelopeDirectory(envelopes).testMessage(true).build()) {
      EzpClient client = TestClients.client(emulator, transport);

      SendResult result = client.send(paperLetter(barcode, false), a4Pdf(files, "a.pdf", 1));
      LetterInfo info = awaitFinalStatus(client, result.letterId());

      assertThat(info.finalStatus()).isTrue();
      assertThat(emulator.acceptedLetterCounts()).containsEntry(barcode, 1);
      assertThat(emulator.requestCount("smevSendRequest")).isGreaterThanOrEqualTo(2);
      assertThat(emulator.requestCount("sendLetter")).isEqualTo(1);
      try (var saved = Files.list(envelopes)) {
        assertThat(saved.map(path -> path.getFileName().toString()))
            .anyMatch(name -> name.endsWith("-SendRequestRequest.mime"));
      }
    }
  }

  @Test
  void providerCreatesTransportByName() throws IOException {
    emulator = EpsEmulator.builder().stepDelay(Duration.ofMillis(20)).build().start();
    Path key = files.resolve("key.pem");
    Path cert = files.resolve("cert.pem");
    TestKeys.writePem(SYSTEM_KEY, key, cert, null);
    Map<String, String> settings =
        Map.of(
            "endpoint", emulator.smevUri(SmevVersion.V1_1).toString(),
            "version", "1.1",
            "key", key.toString(),
            "cert", cert.toString(),
            "pollInterval", "20ms");
    try (Transport transport = Transports.create("smev", settings)) {
      EzpClient client = TestClients.client(emulator, transport);

      SendResult result = client.send(paperLetter(nextBarcode(), false), a4Pdf(files, "b.pdf", 1));

      assertThat(transport.name()).isEqualTo("smev");
      assertThat(result.letterId()).isNotBlank();
    }
  }

  @Test
  void transientFaultIsRetried() throws IOException {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMillis(20))
            .faults(
                FaultPlan.builder()
                    .add(Fault.smev("SMEVFailure").withEveryNth(2).on("smevSendRequest"))
                    .build())
            .build()
            .start();
    try (SmevTransport transport = transport(SmevVersion.V1_3).build()) {
      EzpClient client = TestClients.client(emulator, transport);
      client.send(paperLetter(nextBarcode(), false), a4Pdf(files, "c.pdf", 1));

      String barcode = nextBarcode();
      client.send(paperLetter(barcode, false), a4Pdf(files, "d.pdf", 1));

      assertThat(emulator.injectedFaults()).containsEntry("smev-SMEVFailure", 1L);
      assertThat(emulator.acceptedLetterCounts()).containsEntry(barcode, 1);
    }
  }

  @Test
  void unregisteredSystemGetsTypedFault() throws IOException {
    SigningCredentials registered =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Другая ИС", Duration.ofDays(1));
    emulator =
        EpsEmulator.builder()
            .smevSender(registered.certificate(), EpsEmulator.testCredentials())
            .build()
            .start();
    Path pdf = a4Pdf(files, "e.pdf", 1);
    try (SmevTransport transport = transport(SmevVersion.V1_2).build()) {
      EzpClient client = TestClients.client(emulator, transport);

      SmevFaultException fault =
          catchThrowableOfType(
              SmevFaultException.class, () -> client.send(paperLetter(nextBarcode(), false), pdf));

      assertThat(fault.fault()).isEqualTo(SmevFault.SENDER_IS_NOT_REGISTERED);
      assertThat(fault.getMessage()).contains("SenderIsNotRegistered").contains("register it");
      assertThat(emulator.requestCount("sendLetter")).isZero();
    }
  }

  @Test
  void repeatReusesMessageIdAndWaitsForAnswer() {
    emulator = EpsEmulator.builder().stepDelay(Duration.ofMinutes(1)).build().start();
    try (SmevTransport transport = transport(SmevVersion.V1_3).build()) {
      TransportRequest request = findLetters("Idempotency-Key", "lookup-1");

      String first = transport.send(request);
      String repeat = transport.send(request);
      TransportResponse response = transport.awaitResponse(repeat, Duration.ofSeconds(20));

      assertThat(repeat).isEqualTo(first);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(emulator.requestCount("findLetters")).isEqualTo(1);
      assertThat(emulator.requestCount("smevSendRequest")).isEqualTo(2);
    }
  }

  @Test
  void timeoutCarriesMessageIdToResumeBy() {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMinutes(1))
            .smevAnswerDelay(Duration.ofMillis(600))
            .build()
            .start();
    try (SmevTransport transport =
        transport(SmevVersion.V1_1).responseTimeout(Duration.ofMillis(100)).build()) {
      SmevTimeoutException timeout =
          catchThrowableOfType(
              SmevTimeoutException.class, () -> transport.execute(findLetters(null, null)));

      TransportResponse response =
          transport.awaitResponse(timeout.messageId(), Duration.ofSeconds(20));

      assertThat(timeout.requestMayHaveArrived()).isTrue();
      assertThat(timeout.getMessage()).contains(timeout.messageId()).contains("awaitResponse");
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void tamperedEnvelopeGetsSignatureFault() throws Exception {
    emulator = EpsEmulator.builder().stepDelay(Duration.ofMinutes(1)).build().start();
    Path envelopes = files.resolve("saved");
    try (SmevTransport transport =
        transport(SmevVersion.V1_3).envelopeDirectory(envelopes).build()) {
      transport.execute(findLetters(null, null));
    }
    Path saved;
    try (var listing = Files.list(envelopes)) {
      saved =
          listing
              .filter(path -> path.getFileName().toString().endsWith("-SendRequestRequest.xml"))
              .findFirst()
              .orElseThrow();
    }
    String tampered =
        Files.readString(saved).replace("operation=\"findLetters\"", "operation=\"findLettert\"");

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(emulator.smevUri(SmevVersion.V1_3))
                    .header("Content-Type", "text/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(tampered))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("SignatureVerificationFault").contains("DIGEST_MISMATCH");
    assertThat(emulator.requestCount("findLetters")).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"503, SMEV_FAILURE, SMEVFailure", "429, DESTINATION_OVERFLOW, DestinationOverflow"})
  void busyStatusBecomesSoapFault(int status, SmevFault expected, String element) throws Exception {
    startWithBusySendRequest(status);
    Path envelopes = files.resolve("saved");
    SmevFaultException fault;
    try (SmevTransport transport =
        transport(SmevVersion.V1_3).envelopeDirectory(envelopes).build()) {
      fault =
          catchThrowableOfType(
              SmevFaultException.class, () -> transport.send(findLetters(null, null)));
    }

    HttpResponse<String> response = postSaved(envelopes);
    Element soapFault = soapFault(response.body());

    assertThat(fault).as("SmevFaultException thrown").isNotNull();
    assertThat(fault.fault()).isEqualTo(expected);
    assertThat(fault.retryable()).isTrue();
    assertThat(fault.getMessage()).contains("status-" + status).contains("try again later");
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=UTF-8");
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(soapFault.getNamespaceURI()).isEqualTo(SmevMessage.SOAP_NS);
    assertThat(childText(soapFault, "faultcode")).isEqualTo("soap:Server");
    assertThat(childText(soapFault, "faultstring")).contains("status-" + status);
    assertThat(detailElement(soapFault).getLocalName()).isEqualTo(element);
    assertThat(emulator.requestCount("findLetters")).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void busyStatusFaultMatchesSchema(int status) throws Exception {
    Optional<SmevSchemas> schemas = SmevSchemas.locate();
    assumeTrue(schemas.isPresent(), "the СМЭВ schemas are not found; set EZP_SMEV_XSD_DIR");
    startWithBusySendRequest(status);
    Path envelopes = files.resolve("saved");
    try (SmevTransport transport =
        transport(SmevVersion.V1_3).envelopeDirectory(envelopes).build()) {
      catchThrowableOfType(SmevFaultException.class, () -> transport.send(findLetters(null, null)));
    }

    Element detail = detailElement(soapFault(postSaved(envelopes).body()));

    assertThat(schemas.get().validate(SmevVersion.V1_3, detail)).isEmpty();
  }

  private void startWithBusySendRequest(int status) {
    emulator =
        EpsEmulator.builder()
            .stepDelay(Duration.ofMinutes(1))
            .faults(
                FaultPlan.builder()
                    .add(Fault.status(status).withProbability(1.0).on("smevSendRequest"))
                    .build())
            .build()
            .start();
  }

  /** Posts the SendRequestRequest the transport saved, as a client other than the SDK would. */
  private HttpResponse<String> postSaved(Path envelopes) throws Exception {
    Path saved;
    try (var listing = Files.list(envelopes)) {
      saved =
          listing
              .filter(path -> path.getFileName().toString().endsWith("-SendRequestRequest.xml"))
              .findFirst()
              .orElseThrow();
    }
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(emulator.smevUri(SmevVersion.V1_3))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofFile(saved))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Returns the {@code soap:Fault} element of a SOAP 1.1 envelope. */
  private static Element soapFault(String envelope) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    Document document =
        factory.newDocumentBuilder().parse(new InputSource(new StringReader(envelope)));
    Element root = document.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(SmevMessage.SOAP_NS);
    assertThat(root.getLocalName()).isEqualTo("Envelope");
    NodeList faults = document.getElementsByTagNameNS(SmevMessage.SOAP_NS, "Fault");
    assertThat(faults.getLength()).as("soap:Fault elements").isEqualTo(1);
    return (Element) faults.item(0);
  }

  private static String childText(Element parent, String localName) {
    NodeList children = parent.getElementsByTagNameNS("*", localName);
    return children.getLength() == 0 ? null : children.item(0).getTextContent();
  }

  /** Returns the СМЭВ fault element inside {@code detail}. */
  private static Element detailElement(Element soapFault) {
    Element detail = (Element) soapFault.getElementsByTagName("detail").item(0);
    for (Node child = detail.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        return element;
      }
    }
    throw new AssertionError("the detail of the SOAP fault is empty");
  }

  private SmevTransport.Builder transport(SmevVersion version) {
    return SmevTransport.builder()
        .endpoint(emulator.smevUri(version))
        .version(version)
        .credentials(SYSTEM_KEY)
        .transactionCode(version == SmevVersion.V1_2 ? "EZP-TEST-1" : null)
        .pollInterval(Duration.ofMillis(20))
        .maxPollInterval(Duration.ofMillis(200));
  }

  private static TransportRequest findLetters(String header, String value) {
    return new TransportRequest(
        "findLetters",
        "GET",
        URI.create("http://eps.invalid/api/v1/letters?barcode=" + nextBarcode()),
        header == null ? Map.of("Accept", "application/json") : Map.of(header, value),
        null);
  }
}
