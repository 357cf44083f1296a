package org.ezpsdk.core.model;

/**
 * The electronic notice of delivery (ЭУВ) of a registered letter, as the service serves it.
 *
 * @param letterId the letter it belongs to
 * @param contentType the media type of the document, as the service gave it
 * @param content the document bytes
 */
public record DeliveryNotice(String letterId, String contentType, byte[] content) {
  @Override
  public String toString() {
    return "DeliveryNotice[" + letterId + ", " + contentType + ", " + content.length + " bytes]";
  }
}
