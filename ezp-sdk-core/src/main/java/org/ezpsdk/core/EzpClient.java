package org.ezpsdk.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.PreflightException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.model.LetterReceipt;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.spi.AttachmentSigner;
import org.ezpsdk.core.spi.Submission;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.core.spi.WireFormat;
import org.ezpsdk.core.wire.WireProfileV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's client of ИС ЭПС: checks a letter and its PDF, signs the PDF, sends both and reads
 * statuses, events and notices of delivery. Thread-safe once built.
 *
 * <pre>{@code
 * EzpClient client = EzpClient.builder()
 *     .environment(Environment.test(URI.create("https://eps.example.test/")))
 *     .credentials(Credentials.of(senderId, senderToken))
 *     .transport(transport)
 *     .signer(signer)
 *     .build();
 * LetterReceipt receipt = client.send(letter, Path.of("decision.pdf"));
 * }</pre>
 *
 * <p>The transport passed to the builder stays the caller's to close.
 */
public final class EzpClient {
  private static final Logger log = LoggerFactory.getLogger(EzpClient.class);

  /** Maximum page size of the event feed. NOTE: assumed for wire profile v1. */
  public static final int MAX_EVENTS_PER_PAGE = 1000;

  private final Environment environment;
  private final Credentials credentials;
  private final Transport transport;
  private final AttachmentSigner signer;
  private final WireFormat wireFormat;
  private final PdfPreflight preflight;

  private EzpClient(Builder builder) {
    this.environment = builder.environment;
    this.credentials = builder.credentials;
    this.transport = builder.transport;
    this.signer = builder.signer;
    this.wireFormat = builder.wireFormat;
    this.preflight = new PdfPreflight(builder.preflightPolicy);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Environment environment() {
    return environment;
  }

  /**
   * Checks the PDF, signs it and sends it with the letter's metadata. The idempotency key is the
   * letter's ШПИ, or a new random UUID for a regular letter, fixed before the request is sent.
   *
   * @param letter a letter made by {@link Letter#builder()}, and so already validated
   * @param attachment the PDF to send
   * @return the service's receipt
   * @throws PreflightException when the PDF breaks a rule; nothing is sent
   * @throws EzpServiceException when the service rejects the letter
   * @throws TransportException when no response arrived; see {@link
   *     TransportException#requestMayHaveArrived()} before sending the letter again
   */
  public LetterReceipt send(Letter letter, Path attachment) {
    String key = letter.barcode() != null ? letter.barcode() : UUID.randomUUID().toString();
    return send(letter, attachment, key);
  }

  /**
   * Sends like {@link #send(Letter, Path)}, under an idempotency key the caller chose and stored
   * before the first attempt: a repeat with the same key returns the first receipt and does not
   * send the letter twice.
   */
  public LetterReceipt send(Letter letter, Path attachment, String idempotencyKey) {
    Objects.requireNonNull(letter, "letter");
    requireSigner();
    checkAttachmentReadable(attachment);
    preflight.check(attachment);
    byte[] signature = signer.signDetached(attachment);
    return submit(letter, attachment, signature, idempotencyKey);
  }

  /**
   * Sends a letter whose PDF was signed beforehand, such as with {@code ezp sign}. The PDF is still
   * checked; the signature is checked by the service.
   */
  public LetterReceipt sendSigned(
      Letter letter, Path attachment, byte[] signature, String idempotencyKey) {
    checkAttachmentReadable(attachment);
    preflight.check(attachment);
    return submit(letter, attachment, signature, idempotencyKey);
  }

  /** Returns the status and history of a letter by the service's id. */
  public LetterInfo status(String letterId) {
    requireText(letterId, "letterId");
    return wireFormat.readLetter(call(wireFormat.getLetter(environment, letterId)));
  }

  /** Finds a letter by its track number (ШПИ); empty when the service has none with it. */
  public Optional<LetterInfo> findByBarcode(String barcode) {
    requireText(barcode, "barcode");
    List<LetterInfo> letters =
        wireFormat.readLetters(call(wireFormat.findLetters(environment, barcode)));
    return letters.stream().findFirst();
  }

  /**
   * Reads the next page of status changes of all the sender's letters.
   *
   * @param afterCursor the {@link EventPage#nextCursor()} of the previous page, or {@code null} to
   *     start at the beginning of the feed
   * @param limit how many events at most, 1 to {@value #MAX_EVENTS_PER_PAGE}
   */
  public EventPage events(String afterCursor, int limit) {
    if (limit < 1 || limit > MAX_EVENTS_PER_PAGE) {
      throw new ValidationException(
          "Event request",
          List.of(
              new org.ezpsdk.core.error.Violation(
                  "limit",
                  "LIMIT_RANGE",
                  String.valueOf(limit),
                  "limit must be 1 to " + MAX_EVENTS_PER_PAGE)));
    }
    return wireFormat.readEvents(call(wireFormat.events(environment, afterCursor, limit)));
  }

  /** Downloads the electronic notice of delivery of a registered letter. */
  public DeliveryNotice notice(String letterId) {
    requireText(letterId, "letterId");
    return wireFormat.readNotice(letterId, call(wireFormat.notice(environment, letterId)));
  }

  private LetterReceipt submit(Letter letter, Path attachment, byte[] signature, String key) {
    requireText(key, "idempotencyKey");
    Submission submission =
        new Submission(
            letter,
            attachment,
            signature,
            signer == null ? "application/pkcs7-signature" : signer.mediaType(),
            key);
    log.info(
        "Sending letter {} (document {}) to {} under idempotency key {}",
        letter.barcode() == null ? "without ШПИ" : letter.barcode(),
        letter.documentNumber(),
        environment,
        key);
    LetterReceipt receipt =
        wireFormat.readReceipt(call(wireFormat.sendLetter(environment, submission)));
    log.info(
        "Letter {} accepted as {} with status {}",
        letter.barcode(),
        receipt.letterId(),
        receipt.status());
    return receipt;
  }

  private TransportResponse call(TransportRequest request) {
    TransportRequest authorised =
        request.withHeader("Authorization", credentials.authorizationHeader());
    TransportResponse response = transport.execute(authorised);
    if (!response.isSuccessful()) {
      EzpServiceException error = wireFormat.readError(response);
      log.debug("{} failed: {}", request.operation(), error.getMessage());
      throw error;
    }
    return response;
  }

  private void requireSigner() {
    if (signer == null) {
      throw new ConfigurationException(
          "No AttachmentSigner is set; build the client with signer(...) to send unsigned PDFs,"
              + " or use sendSigned(...)");
    }
  }

  private static void checkAttachmentReadable(Path attachment) {
    Objects.requireNonNull(attachment, "attachment");
    if (!Files.isRegularFile(attachment) || !Files.isReadable(attachment)) {
      throw new EzpClientException(
          "PDF attachment '" + attachment + "' is not a readable file; check the path");
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  /** Builder of {@link EzpClient}. Environment, credentials and transport are required. */
  public static final class Builder {
    private Environment environment;
    private Credentials credentials;
    private Transport transport;
    private AttachmentSigner signer;
    private WireFormat wireFormat = new WireProfileV1();
    private PreflightPolicy preflightPolicy = PreflightPolicy.defaults();

    private Builder() {}

    /** Sets the environment, TEST or PRODUCTION; there is no default. */
    public Builder environment(Environment environment) {
      this.environment = environment;
      return this;
    }

    /** Sets the sender id and token issued for that environment. */
    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Sets the transport; the caller keeps it and closes it after the client. */
    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    /** Sets the signer of PDF attachments; needed by {@link EzpClient#send}. */
    public Builder signer(AttachmentSigner signer) {
      this.signer = signer;
      return this;
    }

    /** Sets the wire profile; {@link WireProfileV1} unless set. */
    public Builder wireFormat(WireFormat wireFormat) {
      this.wireFormat = wireFormat;
      return this;
    }

    /** Sets the limits PDF attachments are checked against; {@link PreflightPolicy#defaults()}. */
    public Builder preflightPolicy(PreflightPolicy preflightPolicy) {
      this.preflightPolicy = preflightPolicy;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws ConfigurationException naming the first required setting that is missing
     */
    public EzpClient build() {
      if (environment == null) {
        throw new ConfigurationException(
            "No environment is set; choose Environment.test(url) or Environment.production(url)");
      }
      if (credentials == null) {
        throw new ConfigurationException(
            "No credentials are set; pass Credentials.of(senderId, senderToken) for the "
                + environment.kind()
                + " environment");
      }
      if (transport == null) {
        throw new ConfigurationException(
            "No transport is set; pass one, such as the HTTP transport of ezp-sdk-transport");
      }
      Objects.requireNonNull(wireFormat, "wireFormat");
      Objects.requireNonNull(preflightPolicy, "preflightPolicy");
      return new EzpClient(this);
    }
  }
}
