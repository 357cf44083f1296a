package org.ezpsdk.testkit.internal.smev;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.transport.smev.SmevBusinessContent;
import org.ezpsdk.transport.smev.SmevMessage;
import org.ezpsdk.transport.smev.SmevSignatures;
import org.ezpsdk.transport.smev.SmevVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Writes the emulator's СМЭВ responses to each operation and its SOAP faults. */
final class SmevReplies {
  private static final String SENDER_MNEMONIC = "EPS";
  private static final String SENDER_NAME = "ИС ЭПС (emulator)";

  /** The fault elements of schema type {@code basic:Void}, the same in versions 1.1 to 1.3. */
  private static final Set<String> VOID_FAULTS =
      Set.of(
          "UnknownMessageType",
          "MessageIsAlreadySent",
          "InvalidMessageIdFormat",
          "StaleMessageId",
          "AttachmentContentMiscoordination",
          "AccessDenied",
          "SMEVFailure",
          "IncorrectResponseContentType",
          "RecipientIsNotFound",
          "SenderIsNotRegistered",
          "RequestIsNotFound",
          "TargetMessageIsNotFound",
          "EndOfLifeReached");

  /** The faults caused by СМЭВ itself rather than by the message, sent as {@code soap:Server}. */
  private static final Set<String> SERVER_FAULTS = Set.of("SMEVFailure", "DestinationOverflow");

  private final SmevVersion version;
  private final SigningCredentials smevKey;

  SmevReplies(SmevVersion version, SigningCredentials smevKey) {
    this.version = version;
    this.smevKey = smevKey;
  }

  byte[] sendRequestResponse(String messageId) {
    Document document = newDocument();
    Element payload = envelope(document, "SendRequestResponse");
    appendMetadata(payload, messageId, "REQUEST");
    return serialize(document);
  }

  byte[] emptyGetResponseResponse() {
    Document document = newDocument();
    envelope(document, "GetResponseResponse");
    return serialize(document);
  }

  /** Writes a GetResponseResponse with the answer, signed by the emulator as SMEVSignature. */
  byte[] getResponseResponse(SmevAnswers.Answer answer, SmevBusinessContent content) {
    Document document = newDocument();
    Element payload = envelope(document, "GetResponseResponse");
    String types = version.typesNamespace();
    Element message = append(payload, types, "ResponseMessage");
    Element response = append(message, types, "Response");
    response.setAttribute("Id", "SIGNED_BY_SMEV");
    append(response, types, "OriginalMessageId").setTextContent(answer.originalMessageId());
    if (answer.transactionCode() != null) {
      append(response, types, "OriginalTransactionCode").setTextContent(answer.transactionCode());
    }
    append(response, types, "ReferenceMessageID").setTextContent(answer.originalMessageId());
    Element data = append(response, types, "SenderProvidedResponseData");
    data.setAttribute("Id", "SIGNED_BY_PROVIDER");
    append(data, types, "MessageID").setTextContent(answer.messageId());
    append(data, types, "To").setTextContent(answer.originalMessageId());
    append(data, version.basicNamespace(), "MessagePrimaryContent")
        .appendChild(content.writeResponse(document, answer.response()));
    appendMetadata(response, answer.messageId(), "RESPONSE");
    SmevSignatures.sign(response, append(message, types, "SMEVSignature"), smevKey);
    return serialize(document);
  }

  byte[] ackResponse() {
    Document document = newDocument();
    envelope(document, "AckResponse");
    return serialize(document);
  }

  /**
   * Writes a SOAP 1.1 fault whose detail is the СМЭВ fault element. Elements of the schema type
   * {@code basic:Void} get no content, because the schema allows none; the others get the
   * description.
   */
  byte[] fault(String faultElement, String description) {
    Document document = newDocument();
    Element element = faultEnvelope(document, faultElement, description);
    if (!VOID_FAULTS.contains(faultElement)) {
      append(element, version.basicNamespace(), "Description").setTextContent(description);
    }
    return serialize(document);
  }

  /**
   * Writes the SOAP 1.1 fault that goes with an HTTP status of 429 or 5xx. A 5xx status means a
   * failure inside СМЭВ, which the faults schema calls {@code SMEVFailure}. The schema has no fault
   * for too many requests, so 429 gets {@code DestinationOverflow} (the recipient's queue is full),
   * the closest fault after which the sender sends the message again later.
   */
  byte[] statusFault(int status, String description) {
    if (status != 429) {
      return fault("SMEVFailure", description);
    }
    Document document = newDocument();
    Element overflow = faultEnvelope(document, "DestinationOverflow", description);
    append(overflow, version.basicNamespace(), "Description").setTextContent(description);
    String faults = version.faultsNamespace();
    append(overflow, faults, "MessageBrokerAddress").setTextContent("eps-emulator");
    append(overflow, faults, "DestinationName").setTextContent(SENDER_MNEMONIC);
    return serialize(document);
  }

  /** Appends a SOAP 1.1 envelope with a fault and returns the empty СМЭВ fault element. */
  private Element faultEnvelope(Document document, String faultElement, String description) {
    Element envelope = document.createElementNS(SmevMessage.SOAP_NS, "soap:Envelope");
    document.appendChild(envelope);
    Element body = append(envelope, SmevMessage.SOAP_NS, "Body");
    Element fault = append(body, SmevMessage.SOAP_NS, "Fault");
    Element code = document.createElement("faultcode");
    code.setTextContent(SERVER_FAULTS.contains(faultElement) ? "soap:Server" : "soap:Client");
    fault.appendChild(code);
    Element text = document.createElement("faultstring");
    text.setTextContent(description);
    fault.appendChild(text);
    Element detail = document.createElement("detail");
    fault.appendChild(detail);
    return append(detail, version.faultsNamespace(), faultElement);
  }

  private void appendMetadata(Element parent, String messageId, String type) {
    String types = version.typesNamespace();
    Element metadata = append(parent, types, "MessageMetadata");
    append(metadata, types, "MessageId").setTextContent(messageId);
    append(metadata, types, "MessageType").setTextContent(type);
    Element sender = append(metadata, types, "Sender");
    append(sender, types, "Mnemonic").setTextContent(SENDER_MNEMONIC);
    append(sender, types, "HumanReadableName").setTextContent(SENDER_NAME);
    append(metadata, types, "SendingTimestamp").setTextContent(now());
    append(metadata, types, "DestinationName").setTextContent("unknown");
    Element supplementary = append(metadata, types, "SupplementaryData");
    append(supplementary, types, "InteractionType").setTextContent("NotDetected");
    append(metadata, types, "Status").setTextContent("requestIsAcceptedBySmev");
  }

  private Element envelope(Document document, String operation) {
    Element envelope = document.createElementNS(SmevMessage.SOAP_NS, "soap:Envelope");
    document.appendChild(envelope);
    Element body = append(envelope, SmevMessage.SOAP_NS, "Body");
    return append(body, version.typesNamespace(), operation);
  }

  private Element append(Element parent, String namespace, String name) {
    String prefix = prefixOf(namespace);
    Element child = parent.getOwnerDocument().createElementNS(namespace, prefix + ":" + name);
    parent.appendChild(child);
    return child;
  }

  private String prefixOf(String namespace) {
    if (namespace.equals(SmevMessage.SOAP_NS)) {
      return "soap";
    }
    if (namespace.equals(version.basicNamespace())) {
      return "ns2";
    }
    if (namespace.equals(version.faultsNamespace())) {
      return "ns3";
    }
    return "ns1";
  }

  private static String now() {
    return OffsetDateTime.now(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MILLIS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK lacks a DOM builder", e);
    }
  }

  private static byte[] serialize(Document document) {
    try {
      Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("Failed to write a СМЭВ response", e);
    }
  }
}
