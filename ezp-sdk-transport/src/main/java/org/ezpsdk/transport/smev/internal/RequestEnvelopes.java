package org.ezpsdk.transport.smev.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.transport.smev.SmevMessage;
import org.ezpsdk.transport.smev.SmevSignatures;
import org.ezpsdk.transport.smev.SmevVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Builds and signs the envelopes a sender's information system sends to СМЭВ. */
public final class RequestEnvelopes {
  /** The Id of {@code SenderProvidedRequestData}, as СМЭВ clients commonly name it. */
  public static final String REQUEST_DATA_ID = "SIGNED_BY_CONSUMER";

  /** The Id of the signed block of GetResponseRequest and AckRequest. */
  public static final String CALLER_ID = "SIGNED_BY_CALLER";

  private static final String ROUTING_ID = "SIGNED_BY_ROUTING";

  private final SmevVersion version;
  private final SigningCredentials credentials;

  public RequestEnvelopes(SmevVersion version, SigningCredentials credentials) {
    this.version = version;
    this.credentials = credentials;
  }

  /** One attachment header and content reference. */
  public record Attachment(String contentId, String mimeType, byte[] signaturePkcs7) {}

  /** The fields of {@code SenderProvidedRequestData} beyond the business element. */
  public record RequestData(
      String messageId, String transactionCode, boolean testMessage, List<String> routingValues) {}

  /** Builds and signs a SendRequestRequest around the business element. */
  public Document sendRequest(RequestData data, Element business, List<Attachment> attachments) {
    Document document = business.getOwnerDocument();
    Element payload = envelope(document, "SendRequestRequest");
    String types = version.typesNamespace();
    String basic = version.basicNamespace();
    Element requestData = Dom.append(payload, types, "ns1", "SenderProvidedRequestData");
    requestData.setAttribute("Id", REQUEST_DATA_ID);
    Dom.append(requestData, types, "ns1", "MessageID", data.messageId());
    if (version == SmevVersion.V1_2) {
      // 1.2 requires both; a first message refers to itself.
      Dom.append(requestData, types, "ns1", "ReferenceMessageID", data.messageId());
      Dom.append(requestData, types, "ns1", "TransactionCode", data.transactionCode());
    } else if (data.transactionCode() != null) {
      Dom.append(requestData, types, "ns1", "TransactionCode", data.transactionCode());
    }
    Dom.append(requestData, basic, "ns2", "MessagePrimaryContent").appendChild(business);
    if (!attachments.isEmpty()) {
      appendHeaders(Dom.append(requestData, basic, "ns2", "AttachmentHeaderList"), attachments);
    }
    if (data.testMessage()) {
      Dom.append(requestData, types, "ns1", "TestMessage");
    }
    if (!attachments.isEmpty()) {
      appendContents(Dom.append(payload, basic, "ns2", "AttachmentContentList"), attachments);
    }
    Element signature = Dom.append(payload, types, "ns1", "CallerInformationSystemSignature");
    SmevSignatures.sign(requestData, signature, credentials);
    if (version == SmevVersion.V1_3 && !data.routingValues().isEmpty()) {
      appendRouting(payload, data);
    }
    return document;
  }

  /** Builds and signs a GetResponseRequest, optionally limited to one business element. */
  public Document getResponseRequest(String namespace, String rootElement) {
    Document document = Dom.newDocument();
    Element payload = envelope(document, "GetResponseRequest");
    String basic = version.basicNamespace();
    Element selector = Dom.append(payload, basic, "ns2", "MessageTypeSelector");
    selector.setAttribute("Id", CALLER_ID);
    if (namespace != null) {
      Dom.append(selector, basic, "ns2", "NamespaceURI", namespace);
      Dom.append(selector, basic, "ns2", "RootElementLocalName", rootElement);
    }
    Dom.append(selector, basic, "ns2", "Timestamp", now());
    Element signature =
        Dom.append(payload, version.typesNamespace(), "ns1", "CallerInformationSystemSignature");
    SmevSignatures.sign(selector, signature, credentials);
    return document;
  }

  /** Builds and signs an AckRequest for a received message. */
  public Document ackRequest(String messageId, boolean accepted) {
    Document document = Dom.newDocument();
    Element payload = envelope(document, "AckRequest");
    Element target =
        Dom.append(payload, version.basicNamespace(), "ns2", "AckTargetMessage", messageId);
    target.setAttribute("Id", CALLER_ID);
    target.setAttribute("accepted", Boolean.toString(accepted));
    Element signature =
        Dom.append(payload, version.typesNamespace(), "ns1", "CallerInformationSystemSignature");
    SmevSignatures.sign(target, signature, credentials);
    return document;
  }

  /** Returns the current time as xs:dateTime with milliseconds and offset. */
  public static String now() {
    return OffsetDateTime.now(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MILLIS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private Element envelope(Document document, String operation) {
    Element envelope = document.createElementNS(SmevMessage.SOAP_NS, "soap:Envelope");
    document.appendChild(envelope);
    Element body = Dom.append(envelope, SmevMessage.SOAP_NS, "soap", "Body");
    return Dom.append(body, version.typesNamespace(), "ns1", operation);
  }

  private void appendHeaders(Element list, List<Attachment> attachments) {
    String basic = version.basicNamespace();
    for (Attachment attachment : attachments) {
      Element header = Dom.append(list, basic, "ns2", "AttachmentHeader");
      Dom.append(header, basic, "ns2", "contentId", attachment.contentId());
      Dom.append(header, basic, "ns2", "MimeType", attachment.mimeType());
      Dom.append(
          header,
          basic,
          "ns2",
          "SignaturePKCS7",
          Base64.getEncoder().encodeToString(attachment.signaturePkcs7()));
    }
  }

  private void appendContents(Element list, List<Attachment> attachments) {
    String basic = version.basicNamespace();
    for (Attachment attachment : attachments) {
      Element content = Dom.append(list, basic, "ns2", "AttachmentContent");
      Dom.append(content, basic, "ns2", "Id", attachment.contentId());
      Element include =
          Dom.append(
              Dom.append(content, basic, "ns2", "Content"), SmevMessage.XOP_NS, "xop", "Include");
      include.setAttribute("href", "cid:" + attachment.contentId());
    }
  }

  private void appendRouting(Element payload, RequestData data) {
    String routing = version.routingNamespace();
    Element block = Dom.append(payload, routing, "ns3", "Routing");
    Element information = Dom.append(block, routing, "ns3", "RoutingInformation");
    information.setAttribute("Id", ROUTING_ID);
    Dom.append(information, routing, "ns3", "MessageID", data.messageId());
    Element dynamic = Dom.append(information, routing, "ns3", "DynamicRouting");
    for (String value : data.routingValues()) {
      Dom.append(dynamic, routing, "ns3", "DynamicValue", value);
    }
    Element signature = Dom.append(block, routing, "ns3", "RoutingSignature");
    SmevSignatures.sign(information, signature, credentials);
  }
}
