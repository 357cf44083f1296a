package org.ezpsdk.testkit.internal.smev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.transport.smev.SmevBusinessContent;
import org.ezpsdk.transport.smev.SmevInspection;
import org.ezpsdk.transport.smev.SmevMessage;
import org.ezpsdk.transport.smev.SmevSchemas;
import org.ezpsdk.transport.smev.SmevSignatureCheck;
import org.ezpsdk.transport.smev.SmevVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the emulated СМЭВ does with each message, in this order: validate the payload against the
 * public schemas when they are available ({@code InvalidContent}), verify the ЭП-ОВ ({@code
 * SignatureVerificationFault}), find the sender by its certificate ({@code SenderIsNotRegistered}),
 * and for a SendRequestRequest check the MessageID ({@code InvalidMessageIdFormat}, {@code
 * MessageIsAlreadySent}), the attachment sizes ({@code AttachmentSizeLimitExceeded}) and every
 * attachment's SignaturePKCS7 against its bytes, then hand the carried request to the emulator's
 * API and queue the answer.
 */
public final class SmevOperations {
  private static final Logger LOG = LoggerFactory.getLogger(SmevOperations.class);

  private final Supplier<Optional<SmevSchemas>> schemas;
  private final Map<String, Credentials> senders;
  private final Credentials defaultSender;
  private final SmevForwarder forwarder;
  private final SmevAnswers answers;
  private final SmevBusinessContent content;
  private final Duration answerDelay;
  private final long maxAttachmentBytes;
  private final Set<String> seenMessageIds = ConcurrentHashMap.newKeySet();

  /**
   * @param senders the credentials of each registered ЭП-ОВ certificate, by the hex SHA-256 of its
   *     encoding; when empty, every certificate is the default sender
   */
  public SmevOperations(
      Supplier<Optional<SmevSchemas>> schemas,
      Map<String, Credentials> senders,
      Credentials defaultSender,
      SmevForwarder forwarder,
      SmevAnswers answers,
      SmevBusinessContent content,
      Duration answerDelay,
      long maxAttachmentBytes) {
    this.schemas = schemas;
    this.senders = Map.copyOf(senders);
    this.defaultSender = defaultSender;
    this.forwarder = forwarder;
    this.answers = answers;
    this.content = content;
    this.answerDelay = answerDelay;
    this.maxAttachmentBytes = maxAttachmentBytes;
  }

  /** Returns the business content format. */
  public SmevBusinessContent content() {
    return content;
  }

  /** Returns the hex SHA-256 of a certificate's encoding, the key of a registered sender. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("Failed to fingerprint a certificate", e);
    }
  }

  /** Handles a SendRequestRequest and returns its MessageID. */
  String sendRequest(SmevVersion version, SmevMessage message) throws IOException {
    SmevInspection inspection = check(version, message);
    String sender = fingerprint(inspection.signature().certificate());
    Credentials credentials = sender(version, sender);
    String messageId = message.messageId();
    checkMessageId(version, messageId);
    checkAttachments(version, message, inspection);
    if (!seenMessageIds.add(sender + "/" + messageId)) {
      throw new FaultAnswer(
          version, "MessageIsAlreadySent", "message " + messageId + " was sent before");
    }
    Element requestData = message.signedBlock();
    Element primary = child(requestData, version.basicNamespace(), "MessagePrimaryContent");
    SmevBusinessContent.CarriedRequest carried;
    try {
      carried = content.readRequest(firstElement(primary));
    } catch (IllegalArgumentException e) {
      throw new FaultAnswer(
          version, "BusinessDataTypeIsNotSupported", "the business content: " + e.getMessage());
    }
    TransportResponse response =
        forwarder.forward(
            carried, credentials, message.attachments(), signaturesOf(version, requestData));
    String transactionCode = text(child(requestData, version.typesNamespace(), "TransactionCode"));
    answers.add(sender, TimeBasedIds.next(), messageId, transactionCode, response, answerDelay);
    LOG.info(
        "СМЭВ {} message {} carried {} {}: answer {} queued",
        version.number(),
        messageId,
        carried.method(),
        carried.pathAndQuery(),
        response.statusCode());
    return messageId;
  }

  /** Handles a GetResponseRequest. */
  Optional<SmevAnswers.Answer> getResponse(SmevVersion version, SmevMessage message) {
    SmevInspection inspection = check(version, message);
    String sender = fingerprint(inspection.signature().certificate());
    sender(version, sender);
    return answers.next(sender);
  }

  /** Handles an AckRequest. */
  void ack(SmevVersion version, SmevMessage message) {
    SmevInspection inspection = check(version, message);
    String sender = fingerprint(inspection.signature().certificate());
    sender(version, sender);
    String target = message.signedBlock().getTextContent().strip();
    if (!answers.acknowledge(sender, target)) {
      throw new FaultAnswer(
          version, "TargetMessageIsNotFound", "no unacknowledged answer " + target);
    }
  }

  private SmevInspection check(SmevVersion version, SmevMessage message) {
    if (message.version() != version) {
      throw new FaultAnswer(
          version,
          "InvalidContent",
          "the payload namespace "
              + message.payload().getNamespaceURI()
              + " is not that of СМЭВ "
              + version.number());
    }
    Optional<SmevSchemas> loaded = schemas.get();
    if (loaded.isPresent()) {
      List<String> errors = loaded.get().validate(version, message.payload());
      if (!errors.isEmpty()) {
        throw new FaultAnswer(version, "InvalidContent", String.join("; ", errors));
      }
    }
    SmevInspection inspection = message.inspect();
    SmevSignatureCheck signature = inspection.signature();
    if (signature == null || !signature.valid()) {
      throw new FaultAnswer(
          version,
          "SignatureVerificationFault",
          signature == null
              ? "the message has no signed block"
              : "ЭП-ОВ " + signature.failure() + ": " + signature.reason());
    }
    if (inspection.routingSignature() != null && !inspection.routingSignature().valid()) {
      throw new FaultAnswer(
          version,
          "SignatureVerificationFault",
          "RoutingSignature "
              + inspection.routingSignature().failure()
              + ": "
              + inspection.routingSignature().reason());
    }
    return inspection;
  }

  private Credentials sender(SmevVersion version, String fingerprint) {
    if (senders.isEmpty()) {
      return defaultSender;
    }
    Credentials credentials = senders.get(fingerprint);
    if (credentials == null) {
      throw new FaultAnswer(
          version,
          "SenderIsNotRegistered",
          "the ЭП-ОВ certificate with SHA-256 " + fingerprint + " is not registered");
    }
    return credentials;
  }

  private static void checkMessageId(SmevVersion version, String messageId) {
    try {
      if (messageId != null && UUID.fromString(messageId).version() == 1) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw new FaultAnswer(
        version, "InvalidMessageIdFormat", "MessageID '" + messageId + "' is not a version-1 UUID");
  }

  private void checkAttachments(SmevVersion version, SmevMessage message, SmevInspection inspection)
      throws IOException {
    long total = 0;
    for (Path file : message.attachments().values()) {
      total += Files.size(file);
    }
    if (total > maxAttachmentBytes) {
      throw new FaultAnswer(
          version,
          "AttachmentSizeLimitExceeded",
          "the attachments are " + total + " bytes, at most " + maxAttachmentBytes + " allowed");
    }
    for (SmevInspection.AttachmentCheck attachment : inspection.attachments()) {
      if (!attachment.valid()) {
        throw new FaultAnswer(
            version,
            "SignatureVerificationFault",
            "attachment " + attachment.contentId() + ": " + attachment.reason());
      }
    }
  }

  private static Map<String, String> signaturesOf(SmevVersion version, Element requestData) {
    Map<String, String> signatures = new LinkedHashMap<>();
    Element list = child(requestData, version.basicNamespace(), "AttachmentHeaderList");
    if (list == null) {
      return signatures;
    }
    for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element header) {
        signatures.put(
            text(child(header, version.basicNamespace(), "contentId")),
            text(child(header, version.basicNamespace(), "SignaturePKCS7")));
      }
    }
    return signatures;
  }

  private static Element child(Element parent, String namespace, String localName) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }

  private static Element firstElement(Element parent) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  private static String text(Element element) {
    return element == null ? null : element.getTextContent().strip();
  }

  /** A СМЭВ fault to answer with. */
  static final class FaultAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SmevVersion version;
    private final String faultElement;

    FaultAnswer(SmevVersion version, String faultElement, String description) {
      super(description);
      this.version = version;
      this.faultElement = faultElement;
    }

    SmevVersion version() {
      return version;
    }

    String faultElement() {
      return faultElement;
    }
  }

  /** Version-1 UUIDs for the MessageIDs of answers. */
  static final class TimeBasedIds {
    private static final long NODE =
        new java.security.SecureRandom().nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000010000000000L;
    private static long last;

    private TimeBasedIds() {}

    static synchronized String next() {
      long timestamp = System.currentTimeMillis() * 10_000 + 0x01B21DD213814000L;
      last = Math.max(timestamp, last + 1);
      long high =
          ((last & 0xFFFFFFFFL) << 32)
              | (((last >>> 32) & 0xFFFFL) << 16)
              | 0x1000L
              | ((last >>> 48) & 0x0FFFL);
      return new UUID(high, NODE).toString();
    }
  }
}
