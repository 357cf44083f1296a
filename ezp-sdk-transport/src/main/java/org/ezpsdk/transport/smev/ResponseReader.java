package org.ezpsdk.transport.smev;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.transport.smev.internal.Dom;
import org.w3c.dom.Element;

/** Reads a {@code GetResponseResponse} into a {@link SmevResponse}. */
final class ResponseReader {
  private ResponseReader() {}

  static Optional<SmevResponse> read(
      SmevMessage answer, SmevVersion version, SmevBusinessContent content) {
    String types = version.typesNamespace();
    Element payload = answer.payload();
    if (!types.equals(payload.getNamespaceURI())
        || !"GetResponseResponse".equals(payload.getLocalName())) {
      throw invalid("expected GetResponseResponse, got " + payload.getLocalName());
    }
    Element message = Dom.child(payload, types, "ResponseMessage");
    if (message == null) {
      return Optional.empty();
    }
    Element response = Dom.child(message, types, "Response");
    if (response == null) {
      throw invalid("ResponseMessage has no Response");
    }
    checkSmevSignature(message, response, types);
    Element data = Dom.child(response, types, "SenderProvidedResponseData");
    String original = Dom.childText(response, types, "OriginalMessageId");
    if (data == null || original == null) {
      throw invalid("Response lacks SenderProvidedResponseData or OriginalMessageId");
    }
    String messageId = Dom.childText(data, types, "MessageID");
    Element primary = Dom.child(data, version.basicNamespace(), "MessagePrimaryContent");
    TransportResponse carried =
        primary != null ? readBusiness(content, primary) : rejection(data, types);
    return Optional.of(new SmevResponse(messageId, original, carried));
  }

  private static TransportResponse readBusiness(SmevBusinessContent content, Element primary) {
    try {
      return content.readResponse(Dom.firstElement(primary));
    } catch (IllegalArgumentException e) {
      throw invalid("the response's business content is invalid: " + e.getMessage());
    }
  }

  /** Turns RequestRejected into a 502 response with a wire-profile error body. */
  private static TransportResponse rejection(Element data, String types) {
    StringBuilder reasons = new StringBuilder();
    for (Element rejected : Dom.children(data, types, "RequestRejected")) {
      reasons
          .append(reasons.length() == 0 ? "" : "; ")
          .append(Dom.childText(rejected, types, "RejectionReasonCode"))
          .append(": ")
          .append(Dom.childText(rejected, types, "RejectionReasonDescription"));
    }
    String message = "The recipient rejected the СМЭВ request (" + reasons + ")";
    String json = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return new TransportResponse(
        502, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
  }

  private static void checkSmevSignature(Element message, Element response, String types) {
    Element container = Dom.child(message, types, "SMEVSignature");
    if (container == null) {
      return;
    }
    SmevSignatureCheck check = SmevSignatures.verify(container, response);
    if (!check.valid()) {
      throw invalid(
          "the SMEVSignature of the response does not verify ("
              + check.failure()
              + ": "
              + check.reason()
              + "); the response may be forged or damaged");
    }
  }

  private static TransportException invalid(String reason) {
    return new TransportException(
        "СМЭВ's response is invalid: " + reason, TransportException.Kind.CONNECTION, true, null);
  }
}
