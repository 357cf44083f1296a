package org.ezpsdk.transport.smev;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ezpsdk.signing.CadesVerifier;
import org.ezpsdk.signing.VerificationResult;
import org.ezpsdk.transport.smev.internal.Dom;
import org.ezpsdk.transport.smev.internal.MimeReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A received or saved СМЭВ 3 SOAP message: the envelope as a DOM, its payload (the child of {@code
 * soap:Body}), the schema version, and the MTOM attachments written to files. Used by the emulator
 * to read requests, by the transport to read responses, and by {@code ezp smev inspect}.
 */
public final class SmevMessage {
  /** The SOAP 1.1 envelope namespace. */
  public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  /** The XOP namespace of {@code xop:Include}. */
  public static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";

  /** The largest root part read into memory: 32 MiB. */
  static final int MAX_ROOT_PART_BYTES = 32 * 1024 * 1024;

  private final Document document;
  private final Element payload;
  private final SmevVersion version;
  private final Map<String, Path> attachments;

  private SmevMessage(Document document, Map<String, Path> attachments) {
    this.document = document;
    this.attachments = Map.copyOf(attachments);
    Element envelope = document.getDocumentElement();
    Element body = envelope == null ? null : Dom.child(envelope, SOAP_NS, "Body");
    if (body == null || Dom.firstElement(body) == null) {
      throw new IllegalArgumentException("the message is not a SOAP 1.1 envelope with a Body");
    }
    this.payload = Dom.firstElement(body);
    this.version = versionOf(payload);
    SmevSignatures.registerIds(envelope);
  }

  /**
   * Reads a message from an HTTP body: plain XML, or {@code multipart/related} with MTOM parts
   * whose contents are written to files in the directory.
   *
   * @throws IllegalArgumentException when the body is not a SOAP envelope
   */
  public static SmevMessage read(InputStream body, String contentType, Path attachmentDirectory)
      throws IOException {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (!type.startsWith("multipart/")) {
      return new SmevMessage(Dom.parse(body), Map.of());
    }
    String boundary = MimeReader.parameter(contentType, "boundary");
    if (boundary == null) {
      throw new IllegalArgumentException("the multipart Content-Type has no boundary");
    }
    MimeReader reader = new MimeReader(body, boundary);
    byte[] root = null;
    Map<String, Path> attachments = new LinkedHashMap<>();
    while (reader.hasNextPart()) {
      Map<String, String> headers = reader.readHeaders();
      if (root == null) {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        reader.copyPart(new LimitedOutputStream(xml, MAX_ROOT_PART_BYTES));
        root = xml.toByteArray();
        continue;
      }
      String contentId = stripAngles(headers.get("Content-ID"));
      Path file = Files.createTempFile(attachmentDirectory, "smev-attachment-", ".bin");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
        reader.copyPart(out);
      }
      attachments.put(contentId, file);
    }
    if (root == null) {
      throw new IllegalArgumentException("the multipart body has no parts");
    }
    return new SmevMessage(Dom.parse(new java.io.ByteArrayInputStream(root)), attachments);
  }

  /**
   * Reads a message saved by the transport's {@code envelopeDirectory} setting: a MIME entity whose
   * first line is its {@code Content-Type} header, or plain XML.
   */
  public static SmevMessage readFile(Path file, Path attachmentDirectory) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      in.mark(16);
      byte[] start = in.readNBytes(13);
      in.reset();
      if (!new String(start, StandardCharsets.US_ASCII).equalsIgnoreCase("Content-Type:")) {
        return read(in, "text/xml", attachmentDirectory);
      }
      String header = readHeaderLine(in);
      readHeaderLine(in);
      return read(in, header.substring(header.indexOf(':') + 1).strip(), attachmentDirectory);
    }
  }

  public Document document() {
    return document;
  }

  /** Returns the operation element, such as {@code SendRequestRequest}. */
  public Element payload() {
    return payload;
  }

  /** Returns the schema version of the payload's namespace, or null for an unknown namespace. */
  public SmevVersion version() {
    return version;
  }

  /** Returns the attachment files by contentId. */
  public Map<String, Path> attachments() {
    return attachments;
  }

  /** Returns the block the payload's ЭП-ОВ signs, or null when the payload has none. */
  public Element signedBlock() {
    if (version == null) {
      return null;
    }
    return switch (payload.getLocalName()) {
      case "SendRequestRequest", "SendResponseRequest" -> Dom.firstElement(payload);
      case "GetResponseRequest", "GetRequestRequest" ->
          Dom.child(payload, version.basicNamespace(), "MessageTypeSelector");
      case "AckRequest" -> Dom.child(payload, version.basicNamespace(), "AckTargetMessage");
      default -> null;
    };
  }

  /** Returns the {@code MessageID} of {@code SenderProvidedRequestData}, or null. */
  public String messageId() {
    Element block = signedBlock();
    if (block == null || !"SenderProvidedRequestData".equals(block.getLocalName())) {
      return null;
    }
    return Dom.childText(block, version.typesNamespace(), "MessageID");
  }

  /**
   * Checks the ЭП-ОВ of the payload, the 1.3 routing signature when present, and every attachment's
   * {@code SignaturePKCS7} against the attachment's bytes.
   */
  public SmevInspection inspect() {
    SmevSignatureCheck signature = null;
    Element block = signedBlock();
    if (block != null) {
      Element container =
          Dom.child(payload, version.typesNamespace(), "CallerInformationSystemSignature");
      signature =
          container == null
              ? SmevSignatureCheck.failed(
                  SmevSignatureCheck.Failure.NO_SIGNATURE,
                  "CallerInformationSystemSignature is missing",
                  null)
              : SmevSignatures.verify(container, block);
    }
    return new SmevInspection(
        version,
        payload.getLocalName(),
        messageId(),
        signature,
        routingCheck(),
        attachmentChecks());
  }

  private SmevSignatureCheck routingCheck() {
    if (version != SmevVersion.V1_3) {
      return null;
    }
    Element routing = Dom.child(payload, version.routingNamespace(), "Routing");
    if (routing == null) {
      return null;
    }
    Element information = Dom.child(routing, version.routingNamespace(), "RoutingInformation");
    Element container = Dom.child(routing, version.routingNamespace(), "RoutingSignature");
    if (information == null || container == null) {
      return SmevSignatureCheck.failed(
          SmevSignatureCheck.Failure.NO_SIGNATURE,
          "Routing lacks RoutingInformation or RoutingSignature",
          null);
    }
    return SmevSignatures.verify(container, information);
  }

  private List<SmevInspection.AttachmentCheck> attachmentChecks() {
    List<SmevInspection.AttachmentCheck> checks = new ArrayList<>();
    Element block = signedBlock();
    if (block == null) {
      return checks;
    }
    Element list = Dom.child(block, version.basicNamespace(), "AttachmentHeaderList");
    if (list == null) {
      return checks;
    }
    for (Element header : Dom.children(list, version.basicNamespace(), "AttachmentHeader")) {
      checks.add(checkAttachment(header));
    }
    return checks;
  }

  private SmevInspection.AttachmentCheck checkAttachment(Element header) {
    String basic = version.basicNamespace();
    String contentId = Dom.childText(header, basic, "contentId");
    String mimeType = Dom.childText(header, basic, "MimeType");
    String signatureText = Dom.childText(header, basic, "SignaturePKCS7");
    Path file = attachments.get(contentId);
    if (file == null) {
      return new SmevInspection.AttachmentCheck(
          contentId, mimeType, -1, false, "no MTOM part has Content-ID " + contentId);
    }
    long size = sizeOf(file);
    if (signatureText == null) {
      return new SmevInspection.AttachmentCheck(
          contentId, mimeType, size, false, "the header has no SignaturePKCS7");
    }
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(signatureText);
    } catch (IllegalArgumentException e) {
      return new SmevInspection.AttachmentCheck(
          contentId, mimeType, size, false, "SignaturePKCS7 is not base64");
    }
    VerificationResult result = CadesVerifier.create().verifyDetached(file, signature);
    return new SmevInspection.AttachmentCheck(
        contentId,
        mimeType,
        size,
        result.valid(),
        result.valid() ? "" : result.failure() + ": " + result.failureReason());
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static SmevVersion versionOf(Element payload) {
    SmevVersion version = SmevVersion.ofTypesNamespace(payload.getNamespaceURI());
    if (version != null) {
      return version;
    }
    for (SmevVersion candidate : SmevVersion.values()) {
      if (candidate.faultsNamespace().equals(payload.getNamespaceURI())) {
        return candidate;
      }
    }
    return null;
  }

  private static String stripAngles(String contentId) {
    if (contentId == null) {
      return null;
    }
    String value = contentId.strip();
    return value.startsWith("<") && value.endsWith(">")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  private static String readHeaderLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** Stops a root part that is larger than the limit. */
  private static final class LimitedOutputStream extends OutputStream {
    private final OutputStream out;
    private final long limit;
    private long written;

    LimitedOutputStream(OutputStream out, long limit) {
      this.out = out;
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      if (++written > limit) {
        throw new IOException("the SOAP part is larger than " + limit + " bytes");
      }
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      written += length;
      if (written > limit) {
        throw new IOException("the SOAP part is larger than " + limit + " bytes");
      }
      out.write(bytes, offset, length);
    }
  }
}
