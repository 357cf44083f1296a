package org.ezpsdk.testkit.internal;

import java.time.Instant;
import org.ezpsdk.testkit.DeliveryMethod;

/**
 * The electronic notice of delivery (ЭУВ) the emulator serves, as JSON.
 *
 * <p>NOTE: the real notice is a document signed by Russian Post in a format that is not public.
 * This JSON replaces it so that clients can test the download.
 *
 * @param letterId the letter the notice belongs to
 * @param barcode the letter's track number (ШПИ)
 * @param recipientName the addressee's name as on the envelope
 * @param deliveryMethod how the letter was handed over
 * @param deliveredAt when the addressee received the letter
 * @param noticeCreatedAt when the notice was made
 */
public record NoticeDocument(
    String letterId,
    String barcode,
    String recipientName,
    DeliveryMethod deliveryMethod,
    Instant deliveredAt,
    Instant noticeCreatedAt) {}
