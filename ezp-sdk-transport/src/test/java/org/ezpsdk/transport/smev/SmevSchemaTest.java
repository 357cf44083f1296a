package org.ezpsdk.transport.smev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.transport.smev.internal.Dom;
import org.ezpsdk.transport.smev.internal.RequestEnvelopes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Envelopes of every version validate against the public СМЭВ schemas, found through {@code
 * EZP_SMEV_XSD_DIR} or a {@code shared/smev3-xsd} folder above the working directory.
 */
class SmevSchemaTest {
  private static SmevSchemas schemas;

  @TempDir static Path dir;

  @BeforeAll
  static void locateSchemas() {
    Optional<SmevSchemas> found = SmevSchemas.locate();
    assumeTrue(found.isPresent(), "the СМЭВ schemas are not found; set EZP_SMEV_XSD_DIR");
    schemas = found.get();
  }

  @ParameterizedTest
  @EnumSource(SmevVersion.class)
  void sendRequestValidates(SmevVersion version) throws Exception {
    Path pdf = Files.write(dir.resolve("a-" + version + ".pdf"), "%PDF-1.7 test".getBytes());
    TransportRequest request = Envelopes.sendLetter(pdf);
    Document envelope = Envelopes.sendRequest(version, request, Envelopes.signatureOf(request));

    assertThat(schemas.validate(version, reparsedPayload(envelope))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SmevVersion.class)
  void getResponseRequestValidates(SmevVersion version) throws Exception {
    Document envelope =
        new RequestEnvelopes(version, Envelopes.KEY)
            .getResponseRequest(SmevBusinessContent.DEFAULT_NAMESPACE, "EpsResponse");

    assertThat(schemas.validate(version, reparsedPayload(envelope))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SmevVersion.class)
  void ackRequestValidates(SmevVersion version) throws Exception {
    Document envelope =
        new RequestEnvelopes(version, Envelopes.KEY)
            .ackRequest("4e7a2b1c-0b8e-11ee-8000-0242ac120002", true);

    assertThat(schemas.validate(version, reparsedPayload(envelope))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SmevVersion.class)
  void rejectsMessageIdThatIsNotUuid(SmevVersion version) throws Exception {
    Path pdf = Files.write(dir.resolve("b-" + version + ".pdf"), "%PDF-1.7 test".getBytes());
    TransportRequest request = Envelopes.sendLetter(pdf);
    Element payload =
        reparsedPayload(Envelopes.sendRequest(version, request, Envelopes.signatureOf(request)));
    Element messageId = Dom.child(Dom.firstElement(payload), version.typesNamespace(), "MessageID");
    messageId.setTextContent("not-a-uuid");

    assertThat(schemas.validate(version, payload)).anyMatch(error -> error.contains("UUID"));
  }

  @ParameterizedTest
  @EnumSource(SmevVersion.class)
  void signatureHasNoWhitespaceText(SmevVersion version) throws Exception {
    Document envelope =
        new RequestEnvelopes(version, Envelopes.KEY)
            .ackRequest("4e7a2b1c-0b8e-11ee-8000-0242ac120002", true);
    Element signature =
        (Element)
            reparsedPayload(envelope)
                .getElementsByTagNameNS(SmevSignatures.DSIG_NS, "Signature")
                .item(0);

    assertThat(whitespaceTextCount(signature)).isZero();
    assertThat(
            signature
                .getElementsByTagNameNS(SmevSignatures.DSIG_NS, "X509Certificate")
                .item(0)
                .getTextContent())
        .doesNotContain("\n")
        .doesNotContain("\r");
  }

  private static int whitespaceTextCount(Node node) {
    int count = node.getNodeType() == Node.TEXT_NODE && node.getNodeValue().isBlank() ? 1 : 0;
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      count += whitespaceTextCount(child);
    }
    return count;
  }

  /** Serialises and parses again, so the check sees the bytes that go on the wire. */
  private static Element reparsedPayload(Document envelope) throws Exception {
    byte[] bytes = Dom.serialize(envelope);
    SmevMessage message = SmevMessage.read(new ByteArrayInputStream(bytes), "text/xml", dir);
    return message.payload();
  }
}
