package org.ezpsdk.core.spi;

import java.util.List;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;

/**
 * Turns the SDK's canonical model into the requests of one ИС ЭПС protocol and reads the responses
 * back. The official protocol is handed out under agreement, so the SDK ships an assumed profile
 * ({@code org.ezpsdk.core.wire.WireProfileV1}); a sender with the official memo supplies its own.
 *
 * <p>Requests come without the {@code Authorization} header: the client adds it. The {@code read}
 * methods are called for successful responses only; {@link #readError} for the rest.
 */
public interface WireFormat {

  /** Returns the profile's name, such as {@code v1}. */
  String name();

  TransportRequest sendLetter(Environment environment, Submission submission);

  LetterReceipt readReceipt(TransportResponse response);

  TransportRequest getLetter(Environment environment, String letterId);

  LetterInfo readLetter(TransportResponse response);

  TransportRequest findLetters(Environment environment, String barcode);

  List<LetterInfo> readLetters(TransportResponse response);

  /**
   * Returns the request that finds the letters sent under an idempotency key, whose response {@link
   * #readLetters} reads. The client uses it to learn whether a letter without a ШПИ arrived after a
   * send whose response was lost.
   *
   * @throws UnsupportedOperationException when the profile has no such lookup (the default); the
   *     client then sends again under the same key and relies on the service's idempotency
   */
  default TransportRequest findLettersByIdempotencyKey(
      Environment environment, String idempotencyKey) {
    throw new UnsupportedOperationException(
        "wire profile " + name() + " cannot look letters up by idempotency key");
  }

  /**
   * Returns true when a successful response to {@link #sendLetter} repeats the receipt of a letter
   * accepted earlier under the same idempotency key, rather than accepting a new one. The default
   * returns false.
   */
  default boolean isRepeatedReceipt(TransportResponse response) {
    return false;
  }

  TransportRequest events(Environment environment, String afterCursor, int limit);

  EventPage readEvents(TransportResponse response);

  TransportRequest notice(Environment environment, String letterId);

  DeliveryNotice readNotice(String letterId, TransportResponse response);

  /** Turns an unsuccessful response into the exception that describes it. */
  EzpServiceException readError(TransportResponse response);
}
