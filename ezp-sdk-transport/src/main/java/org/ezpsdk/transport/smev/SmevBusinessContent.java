package org.ezpsdk.transport.smev;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.transport.smev.internal.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The business message inside {@code MessagePrimaryContent}: one request of the SDK's wire profile
 * ({@code EpsRequest}) or its response ({@code EpsResponse}), so that {@code EzpClient} works over
 * СМЭВ unchanged.
 *
 * <p>NOTE: ИС ЭПС's own "вид сведений" (the namespace and XSD of its СМЭВ business messages) is not
 * public. This format and its namespace {@value #DEFAULT_NAMESPACE} are the SDK's own; the
 * namespace is a setting, and a sender with the official XSD replaces the whole format through its
 * own {@code WireFormat}.
 *
 * <pre>{@code
 * <eps:EpsRequest operation="sendLetter" method="POST" path="/api/v1/letters">
 *   <eps:Header name="Idempotency-Key">10100001000010</eps:Header>
 *   <eps:Part name="letter" contentType="application/json">BASE64</eps:Part>
 *   <eps:Part name="attachment" contentType="application/pdf" fileName="a.pdf" contentId="att-1"/>
 *   <eps:Part name="signature" contentType="application/pkcs7-signature" signatureOf="att-1"/>
 * </eps:EpsRequest>
 * <eps:EpsResponse status="201"><eps:Header name="Content-Type">…</eps:Header>
 *   <eps:Body>BASE64</eps:Body></eps:EpsResponse>
 * }</pre>
 *
 * <p>A part with {@code contentId} travels as an MTOM attachment; a part with {@code signatureOf}
 * travels as that attachment's {@code SignaturePKCS7}. The {@code Authorization} header is never
 * carried: СМЭВ identifies the sender by its ЭП-ОВ certificate.
 */
public final class SmevBusinessContent {

  /** The SDK's own namespace of the business messages, used unless set otherwise. */
  public static final String DEFAULT_NAMESPACE = "urn://x-artefacts-ezpsdk-org/eps/wire/1.0";

  /** The local name of the request element. */
  public static final String REQUEST_ELEMENT = "EpsRequest";

  /** The local name of the response element. */
  public static final String RESPONSE_ELEMENT = "EpsResponse";

  private static final String PREFIX = "eps";

  private final String namespace;

  /** Creates the format with the given business namespace. */
  public SmevBusinessContent(String namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
  }

  /** Returns the business namespace. */
  public String namespace() {
    return namespace;
  }

  /**
   * One part of a carried multipart request.
   *
   * @param content the bytes, or null when the part is an attachment or a signature
   * @param contentId the attachment's contentId when the part travels as an attachment, else null
   * @param signatureOf the contentId whose {@code SignaturePKCS7} this part is, else null
   */
  public record CarriedPart(
      String name,
      String fileName,
      String contentType,
      byte[] content,
      String contentId,
      String signatureOf) {}

  /**
   * A wire-profile request read from a business message.
   *
   * @param pathAndQuery the raw path with its query, such as {@code /api/v1/letters?barcode=1}
   * @param body the body bytes of a non-multipart request, or null
   * @param bodyContentType its media type, or null
   * @param parts the parts of a multipart request, empty otherwise
   */
  public record CarriedRequest(
      String operation,
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      byte[] body,
      String bodyContentType,
      List<CarriedPart> parts) {}

  /**
   * Writes the request as an {@code EpsRequest} element.
   *
   * @param contentIds the contentId of each file part, by part name
   * @param signatureParts the attachment contentId whose signature each part is, by part name
   */
  public Element writeRequest(
      Document document,
      TransportRequest request,
      Map<String, String> contentIds,
      Map<String, String> signatureParts) {
    Element root = document.createElementNS(namespace, PREFIX + ":" + REQUEST_ELEMENT);
    root.setAttribute("operation", request.operation());
    root.setAttribute("method", request.method());
    root.setAttribute("path", pathAndQuery(request.uri()));
    request.headers().entrySet().stream()
        .filter(header -> !header.getKey().equalsIgnoreCase("Authorization"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(header -> appendHeader(root, header.getKey(), header.getValue()));
    if (request.body() instanceof TransportRequest.Bytes bytes) {
      Element body = Dom.append(root, namespace, PREFIX, "Body", encode(bytes.content()));
      body.setAttribute("contentType", bytes.contentType());
    } else if (request.body() instanceof TransportRequest.Multipart multipart) {
      for (TransportRequest.Part part : multipart.parts()) {
        appendPart(root, part, contentIds.get(part.name()), signatureParts.get(part.name()));
      }
    }
    return root;
  }

  /**
   * Reads an {@code EpsRequest} element.
   *
   * @throws IllegalArgumentException naming what is missing or invalid
   */
  public CarriedRequest readRequest(Element root) {
    requireElement(root, REQUEST_ELEMENT);
    Map<String, String> headers = readHeaders(root);
    Element body = Dom.child(root, namespace, "Body");
    List<CarriedPart> parts = new ArrayList<>();
    for (Element part : Dom.children(root, namespace, "Part")) {
      parts.add(
          new CarriedPart(
              requireAttribute(part, "name"),
              optionalAttribute(part, "fileName"),
              requireAttribute(part, "contentType"),
              part.hasAttribute("contentId") || part.hasAttribute("signatureOf")
                  ? null
                  : decode(part.getTextContent(), "Part " + part.getAttribute("name")),
              optionalAttribute(part, "contentId"),
              optionalAttribute(part, "signatureOf")));
    }
    return new CarriedRequest(
        requireAttribute(root, "operation"),
        requireAttribute(root, "method"),
        requireAttribute(root, "path"),
        headers,
        body == null ? null : decode(body.getTextContent(), "Body"),
        body == null ? null : requireAttribute(body, "contentType"),
        List.copyOf(parts));
  }

  /** Writes a wire-profile response as an {@code EpsResponse} element. */
  public Element writeResponse(Document document, TransportResponse response) {
    Element root = document.createElementNS(namespace, PREFIX + ":" + RESPONSE_ELEMENT);
    root.setAttribute("status", Integer.toString(response.statusCode()));
    response.headers().forEach((name, value) -> appendHeader(root, name, value));
    Dom.append(root, namespace, PREFIX, "Body", encode(response.body()));
    return root;
  }

  /**
   * Reads an {@code EpsResponse} element.
   *
   * @throws IllegalArgumentException naming what is missing or invalid
   */
  public TransportResponse readResponse(Element root) {
    requireElement(root, RESPONSE_ELEMENT);
    int status;
    try {
      status = Integer.parseInt(requireAttribute(root, "status"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "EpsResponse/@status '" + root.getAttribute("status") + "' is not a number");
    }
    Element body = Dom.child(root, namespace, "Body");
    return new TransportResponse(
        status, readHeaders(root), body == null ? null : decode(body.getTextContent(), "Body"));
  }

  private void appendPart(
      Element root, TransportRequest.Part part, String contentId, String signatureOf) {
    Element element = Dom.append(root, namespace, PREFIX, "Part");
    element.setAttribute("name", part.name());
    element.setAttribute("contentType", part.contentType());
    if (part.fileName() != null) {
      element.setAttribute("fileName", part.fileName());
    }
    if (contentId != null) {
      element.setAttribute("contentId", contentId);
    } else if (signatureOf != null) {
      element.setAttribute("signatureOf", signatureOf);
    } else if (part.content() != null) {
      element.setTextContent(encode(part.content()));
    } else {
      throw new IllegalArgumentException("file part " + part.name() + " has no contentId");
    }
  }

  private void appendHeader(Element root, String name, String value) {
    Element header = Dom.append(root, namespace, PREFIX, "Header", value);
    header.setAttribute("name", name);
  }

  private Map<String, String> readHeaders(Element root) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Element header : Dom.children(root, namespace, "Header")) {
      headers.put(requireAttribute(header, "name"), header.getTextContent());
    }
    return headers;
  }

  private void requireElement(Element root, String localName) {
    if (root == null
        || !namespace.equals(root.getNamespaceURI())
        || !localName.equals(root.getLocalName())) {
      throw new IllegalArgumentException(
          "expected the business element {"
              + namespace
              + "}"
              + localName
              + ", found "
              + (root == null ? "none" : "{" + root.getNamespaceURI() + "}" + root.getLocalName()));
    }
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private static String requireAttribute(Element element, String name) {
    if (!element.hasAttribute(name)) {
      throw new IllegalArgumentException(element.getLocalName() + " lacks the attribute " + name);
    }
    return element.getAttribute(name);
  }

  private static String optionalAttribute(Element element, String name) {
    return element.hasAttribute(name) ? element.getAttribute(name) : null;
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] decode(String text, String where) {
    try {
      return Base64.getMimeDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not valid base64: " + e.getMessage(), e);
    }
  }
}
