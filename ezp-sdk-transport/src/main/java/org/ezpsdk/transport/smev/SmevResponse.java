package org.ezpsdk.transport.smev;

import org.ezpsdk.core.spi.TransportResponse;

/**
 * One response taken from the СМЭВ response queue by {@link SmevTransport#poll()}.
 *
 * @param messageId the response's own MessageID, to acknowledge with {@link SmevTransport#ack}
 * @param originalMessageId the MessageID of the request it responds to
 * @param response the wire-profile response it carries
 */
public record SmevResponse(
    String messageId, String originalMessageId, TransportResponse response) {}
