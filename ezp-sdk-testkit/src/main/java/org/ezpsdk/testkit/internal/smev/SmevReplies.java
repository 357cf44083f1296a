package org.ezpsdk.testkit.internal.smev;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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

  /** Writes a SOAP 1.1 fault whose detail is the СМЭВ fault element. */
  byte[] fault(String faultElement, String description) {
    Document document = newDocument();
    Element envelope = document.createElementNS(SmevMessage.SOAP_NS, "soap:Envelope");
    document.appendChild(envelope);
    Element body = append(envelope, SmevMessage.SOAP_NS, "Body");
    Element fault = append(body, SmevMessage.SOAP_NS, "Fault");
    Element code = document.createElement("faultcode");
    code.setTextContent(faultElement.equals("SMEVFailure") ? "soap:Server" : "soap:Client");
    fault.appendChild(code);
    Element text = document.createElement("faultstring");
    text.setTextContent(description);
    fault.appendChild(text);
    Element detail = document.createElement("detail");
    fault.appendChild(detail);
    Element element = append(detail, version.faultsNamespace(), faultElement);
    append(element, version.basicNamespace(), "Description").setTextContent(description);
    return serialize(document);
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
