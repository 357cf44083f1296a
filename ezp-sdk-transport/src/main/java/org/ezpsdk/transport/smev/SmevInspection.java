package org.ezpsdk.transport.smev;

import java.util.List;

/**
 * What {@link SmevMessage#inspect()} found in one message.
 *
 * @param version the schema version, or null when the namespace is unknown
 * @param operation the payload element, such as {@code SendRequestRequest}
 * @param messageId the MessageID of {@code SenderProvidedRequestData}, or null
 * @param signature the ЭП-ОВ check, or null when the payload carries no signed block
 * @param routingSignature the 1.3 routing signature check, or null when there is no routing block
 * @param attachments one check per attachment header
 */
public record SmevInspection(
    SmevVersion version,
    String operation,
    String messageId,
    SmevSignatureCheck signature,
    SmevSignatureCheck routingSignature,
    List<AttachmentCheck> attachments) {

  public SmevInspection {
    attachments = List.copyOf(attachments);
  }

  /**
   * One attachment and its {@code SignaturePKCS7} verified against its bytes.
   *
   * @param size the attachment's size in bytes, or -1 when its content is missing
   * @param reason what failed, empty when valid
   */
  public record AttachmentCheck(
      String contentId, String mimeType, long size, boolean valid, String reason) {}

  /** Returns true when every signature present verified. */
  public boolean valid() {
    return (signature == null || signature.valid())
        && (routingSignature == null || routingSignature.valid())
        && attachments.stream().allMatch(AttachmentCheck::valid);
  }
}
