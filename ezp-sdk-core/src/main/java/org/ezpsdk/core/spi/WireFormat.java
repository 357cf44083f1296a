package org.ezpsdk.core.spi;

import java.util.List;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;

/**
 * Turns the SDK's canonical model into the requests of one ИС ЭПС protocol and reads the answers
 * back. The official protocol is handed out under agreement, so the SDK ships an assumed profile
 * ({@code org.ezpsdk.core.wire.WireProfileV1}); a sender with the official memo supplies its own.
 *
 * <p>Requests come without the {@code Authorization} header: the client adds it. The {@code read}
 * methods are called for successful answers only; {@link #readError} for the rest.
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

  TransportRequest events(Environment environment, String afterCursor, int limit);

  EventPage readEvents(TransportResponse response);

  TransportRequest notice(Environment environment, String letterId);

  DeliveryNotice readNotice(String letterId, TransportResponse response);

  /** Turns an unsuccessful answer into the exception that describes it. */
  EzpServiceException readError(TransportResponse response);
}
