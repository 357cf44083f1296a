package org.ezpsdk.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.PreflightException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.model.DeliveryNotice;
import org.ezpsdk.core.model.EventPage;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterInfo;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.core.spi.AttachmentSigner;
import org.ezpsdk.core.spi.Submission;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportProvider;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.Transports;
import org.ezpsdk.core.spi.WireFormat;
import org.ezpsdk.core.wire.WireProfileV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's client of ИС ЭПС: checks a letter and its PDF, signs the PDF, sends both and reads
 * statuses, events and notices of delivery. Thread-safe once built.
 *
 * <pre>{@code
 * try (EzpClient client = EzpClient.builder()
 *     .environment(Environment.test(URI.create("https://eps.example.test/")))
 *     .credentials(Credentials.of(senderId, senderToken))
 *     .transport("http", Map.of("readTimeout", "30s"))
 *     .signer(signer)
 *     .build()) {
 *   SendResult result = client.send(letter, Path.of("decision.pdf"));
 * }
 * }</pre>
 *
 * <p>Requests that fail in a way that may pass are retried under the {@link RetryPolicy}, and a
 * letter is sent at most once (see {@link #send(Letter, Path, String)}).
 *
 * <p>Ownership: a transport passed to {@link Builder#transport(Transport)} stays the caller's to
 * close, after the client. A transport the client creates from a provider name ({@link
 * Builder#transport(String, Map)}) is closed by {@link #close()}.
 */
public final class EzpClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EzpClient.class);

  /** Maximum page size of the event feed. NOTE: assumed for wire profile v1. */
  public static final int MAX_EVENTS_PER_PAGE = 1000;

  private final Environment environment;
  private final Transport transport;
  private final boolean ownsTransport;
  private final AttachmentSigner signer;
  private final WireFormat wireFormat;
  private final PdfPreflight preflight;
  private final ServiceCalls calls;
  private final LetterSender sender;

  private EzpClient(Builder builder, Transport transport, boolean ownsTransport) {
    this.environment = builder.environment;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.signer = builder.signer;
    this.wireFormat = builder.wireFormat;
    this.preflight = new PdfPreflight(builder.preflightPolicy);
    this.calls = new ServiceCalls(transport, builder.credentials, wireFormat, builder.retryPolicy);
    this.sender = new LetterSender(calls, environment);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Environment environment() {
    return environment;
  }

  /**
   * Checks the PDF, signs it and sends it with the letter's metadata, like {@link #send(Letter,
   * Path, String)}. The idempotency key is the letter's ШПИ, or for a regular letter a random UUID
   * made here. A caller that may send again after a crash should store its own key and pass it.
   */
  public SendResult send(Letter letter, Path attachment) {
    Objects.requireNonNull(letter, "letter");
    String key = letter.barcode() != null ? letter.barcode() : UUID.randomUUID().toString();
    return send(letter, attachment, key);
  }

  /**
   * Checks the PDF, signs it once and sends it with the letter's metadata under an idempotency key
   * fixed before the first attempt: a repeat with the same key returns the first receipt and does
   * not send the letter twice.
   *
   * <p>Connection failures before the request was written, 429 and 503 are retried after a wait
   * (the service's {@code Retry-After} when given). After a failure that leaves the outcome unknown
   * (the request may have arrived, or 500, 502, 504) the client looks the letter up by its ШПИ, or
   * else by the key, before sending it again; a letter found is returned with {@link
   * SendResult#alreadyAccepted()} true. TLS failures and other error responses are not retried.
   *
   * @param letter a letter made by {@link Letter#builder()}, and so already validated
   * @param attachment the PDF to send
   * @param idempotencyKey the key by which the service recognises a repeat
   * @return the service's receipt and whether the letter was accepted before this call's last
   *     attempt
   * @throws PreflightException when the PDF breaks a rule; nothing is sent
   * @throws EzpServiceException when the service rejects the letter, or the last retryable error
   *     response when attempts or time ran out
   * @throws TransportException for a TLS failure, or the last failure when attempts or time ran
   *     out; if the request may have arrived, the letter was looked up and not found
   * @throws OutcomeUnknownException when the letter may have arrived and looking it up kept failing
   *     until the deadline; look it up later and resend it only under the same key
   */
  public SendResult send(Letter letter, Path attachment, String idempotencyKey) {
    Objects.requireNonNull(letter, "letter");
    requireSigner();
    checkAttachmentReadable(attachment);
    preflight.check(attachment);
    byte[] signature = signer.signDetached(attachment);
    return submit(letter, attachment, signature, idempotencyKey);
  }

  /**
   * Sends a letter whose PDF was signed beforehand, such as with {@code ezp sign}, with the retries
   * and lookups of {@link #send(Letter, Path, String)}. The PDF is still checked; the signature is
   * checked by the service.
   */
  public SendResult sendSigned(
      Letter letter, Path attachment, byte[] signature, String idempotencyKey) {
    Objects.requireNonNull(letter, "letter");
    checkAttachmentReadable(attachment);
    preflight.check(attachment);
    return submit(letter, attachment, signature, idempotencyKey);
  }

  /** Returns the status and history of a letter by the service's id. */
  public LetterInfo status(String letterId) {
    requireText(letterId, "letterId");
    TransportRequest request = wireFormat.getLetter(environment, letterId);
    return wireFormat.readLetter(calls.read(request, "letter " + letterId));
  }

  /** Finds a letter by its track number (ШПИ); empty when the service has none with it. */
  public Optional<LetterInfo> findByBarcode(String barcode) {
    requireText(barcode, "barcode");
    TransportRequest request = wireFormat.findLetters(environment, barcode);
    List<LetterInfo> letters = wireFormat.readLetters(calls.read(request, "letter " + barcode));
    return letters.stream().findFirst();
  }

  /**
   * Finds the letter sent under an idempotency key; empty when the service has none. Use it to
   * learn the outcome of a send that ended in {@link OutcomeUnknownException}.
   *
   * @throws UnsupportedOperationException when the wire profile has no lookup by key
   */
  public Optional<LetterInfo> findByIdempotencyKey(String idempotencyKey) {
    requireText(idempotencyKey, "idempotencyKey");
    TransportRequest request = wireFormat.findLettersByIdempotencyKey(environment, idempotencyKey);
    String subject = "letter under idempotency key " + idempotencyKey;
    List<LetterInfo> letters = wireFormat.readLetters(calls.read(request, subject));
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
              new Violation(
                  "limit",
                  "LIMIT_RANGE",
                  String.valueOf(limit),
                  "limit must be 1 to " + MAX_EVENTS_PER_PAGE)));
    }
    TransportRequest request = wireFormat.events(environment, afterCursor, limit);
    return wireFormat.readEvents(calls.read(request, "the event feed"));
  }

  /** Downloads the electronic notice of delivery of a registered letter. */
  public DeliveryNotice notice(String letterId) {
    requireText(letterId, "letterId");
    TransportRequest request = wireFormat.notice(environment, letterId);
    return wireFormat.readNotice(letterId, calls.read(request, "the notice of letter " + letterId));
  }

  /**
   * Closes the transport when the client created it from a provider name; a transport passed in by
   * the caller stays open.
   */
  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }

  private SendResult submit(Letter letter, Path attachment, byte[] signature, String key) {
    requireText(key, "idempotencyKey");
    Submission submission =
        new Submission(
            letter,
            attachment,
            signature,
            signer == null ? "application/pkcs7-signature" : signer.mediaType(),
            key);
    String barcode = letter.barcode() == null ? "without ШПИ" : letter.barcode();
    log.info(
        "Sending letter {} (document {}) to {} under idempotency key {}",
        barcode,
        letter.documentNumber(),
        environment,
        key);
    SendResult result = sender.send(submission);
    log.info(
        "Letter {} {} as {} with status {} after {} attempt(s)",
        barcode,
        result.alreadyAccepted() ? "was already accepted" : "accepted",
        result.letterId(),
        result.status(),
        result.attempts());
    return result;
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

  /** Builder of {@link EzpClient}. Environment, credentials and a transport are required. */
  public static final class Builder {
    private Environment environment;
    private Credentials credentials;
    private Transport transport;
    private String transportName;
    private Map<String, String> transportSettings = Map.of();
    private AttachmentSigner signer;
    private WireFormat wireFormat = new WireProfileV1();
    private PreflightPolicy preflightPolicy = PreflightPolicy.defaults();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();

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

    /**
     * Makes the client create its transport with the {@link TransportProvider} of that name, such
     * as {@code http} or {@code tls-gost}, found on the class path by {@link Transports}. The
     * client owns that transport and closes it in {@link EzpClient#close()}.
     *
     * @param settings the provider's settings, such as {@code readTimeout} = {@code 30s}; see the
     *     provider's documentation
     */
    public Builder transport(String name, Map<String, String> settings) {
      this.transportName = name;
      this.transportSettings = settings == null ? Map.of() : Map.copyOf(settings);
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

    /** Sets when and how often requests are retried; {@link RetryPolicy#defaults()} unless set. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * Builds the client, and creates its transport when one was chosen by name.
     *
     * @throws ConfigurationException naming the first required setting that is missing, or the
     *     transport provider's objection to its settings
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
      if (transport != null && transportName != null) {
        throw new ConfigurationException(
            "Both a transport and the transport name '"
                + transportName
                + "' are set; set only one of them");
      }
      if (transport == null && transportName == null) {
        throw new ConfigurationException(
            "No transport is set; pass one, or choose one by name with transport(name, settings)"
                + " (on the class path: "
                + availableNames()
                + ")");
      }
      Objects.requireNonNull(wireFormat, "wireFormat");
      Objects.requireNonNull(preflightPolicy, "preflightPolicy");
      Objects.requireNonNull(retryPolicy, "retryPolicy");
      if (transport != null) {
        return new EzpClient(this, transport, false);
      }
      return new EzpClient(this, Transports.create(transportName, transportSettings), true);
    }

    private static String availableNames() {
      try {
        List<String> names = Transports.available().stream().map(TransportProvider::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
      } catch (ConfigurationException e) {
        return e.getMessage();
      }
    }
  }
}
