package org.ezpsdk.transport.smev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.transport.smev.internal.Dom;
import org.ezpsdk.transport.smev.internal.MtomBody;
import org.ezpsdk.transport.smev.internal.RequestEnvelopes;
import org.ezpsdk.transport.smev.internal.SoapExchange;
import org.ezpsdk.transport.smev.internal.TimeBasedUuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code smev} transport: carries each wire-profile request through СМЭВ 3 to ИС ЭПС, for state
 * bodies already connected to СМЭВ. {@link #execute} is synchronous, as {@code EzpClient} expects:
 * it sends a {@code SendRequestRequest}, then polls {@code GetResponseRequest} with backoff until
 * the response to that MessageID arrives or {@code responseTimeout} passes, and acknowledges every
 * response it takes from the queue. Underneath, {@link #send}, {@link #poll}, {@link #ack} and
 * {@link #awaitResponse} are the asynchronous steps.
 *
 * <p>Each request goes as {@link SmevBusinessContent} in {@code MessagePrimaryContent}; its files
 * go as MTOM attachments streamed from disk, each with the request's detached CAdES signature (or,
 * when the request carries none, one made with the attachment signer) as {@code SignaturePKCS7}.
 * Every block is signed with the ЭП-ОВ ({@link SmevSignatures}).
 *
 * <p>Repeats: the MessageID of a request with an {@code Idempotency-Key} is kept until its response
 * arrives, so a repeat after an ambiguous failure goes under the same MessageID, and СМЭВ's {@code
 * MessageIsAlreadySent} then means "wait for the response". NOTE: the map lives in memory, so after
 * a restart a repeat gets a new MessageID; the client's lookup by ШПИ or key still prevents a
 * second letter.
 *
 * <p>Responses to other messages taken from the queue while waiting are kept for their waiters in
 * memory. Thread-safe; {@link #close()} releases connections and temporary files.
 */
public final class SmevTransport implements Transport {
  /** The name the transport is chosen by. */
  public static final String NAME = "smev";

  private static final Logger LOG = LoggerFactory.getLogger(SmevTransport.class);
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int MAX_REMEMBERED_KEYS = 10_000;

  private final Builder settings;
  private final SmevBusinessContent content;
  private final RequestEnvelopes envelopes;
  private final SoapExchange exchange;
  private final CadesSigner attachmentSigner;
  private final Map<String, String> messageIdsByKey =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > MAX_REMEMBERED_KEYS;
            }
          });
  private final Map<String, SmevResponse> inbox = new ConcurrentHashMap<>();

  private SmevTransport(Builder settings) throws IOException {
    this.settings = settings;
    this.content = new SmevBusinessContent(settings.businessNamespace);
    this.envelopes = new RequestEnvelopes(settings.version, settings.credentials);
    this.attachmentSigner =
        settings.attachmentSigner != null
            ? settings.attachmentSigner
            : CadesSigner.of(settings.credentials);
    this.exchange =
        new SoapExchange(
            settings.endpoint,
            settings.connectTimeout,
            settings.readTimeout,
            settings.envelopeDirectory);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Returns the schema version this transport sends. */
  public SmevVersion version() {
    return settings.version;
  }

  /**
   * Sends the request and waits for its response.
   *
   * @throws SmevTimeoutException when no response arrives within {@code responseTimeout}; resume
   *     with {@link #awaitResponse}
   * @throws SmevFaultException when СМЭВ rejects a message
   */
  @Override
  public TransportResponse execute(TransportRequest request) {
    String messageId = send(request);
    return awaitResponse(messageId, settings.responseTimeout);
  }

  /**
   * Sends the request in a {@code SendRequestRequest} and returns its MessageID. A repeat of a
   * request with the same {@code Idempotency-Key} whose response has not arrived reuses the
   * MessageID, and СМЭВ's {@code MessageIsAlreadySent} for it is not an error.
   *
   * @throws SmevFaultException when СМЭВ rejects the message
   * @throws TransportException when СМЭВ cannot be reached
   */
  public String send(TransportRequest request) {
    String key = idempotencyKey(request);
    String messageId;
    boolean repeat;
    if (key == null) {
      messageId = TimeBasedUuid.next().toString();
      repeat = false;
    } else {
      String[] created = new String[1];
      messageId =
          messageIdsByKey.computeIfAbsent(key, k -> created[0] = TimeBasedUuid.next().toString());
      repeat = created[0] == null;
    }
    try {
      post(request, messageId);
      LOG.info(
          "Sent {} as СМЭВ message {}{}",
          request.operation(),
          messageId,
          repeat ? " (a repeat under the same MessageID)" : "");
      return messageId;
    } catch (SmevFaultException e) {
      if (repeat && e.fault() == SmevFault.MESSAGE_IS_ALREADY_SENT) {
        LOG.info("СМЭВ already has message {}; waiting for its response", messageId);
        return messageId;
      }
      if (key != null) {
        messageIdsByKey.remove(key, messageId);
      }
      throw e;
    }
  }

  /**
   * Takes the next response from the СМЭВ response queue of this information system, or returns
   * empty when the queue is empty. The response stays in СМЭВ until {@link #ack}.
   */
  public Optional<SmevResponse> poll() {
    Document request =
        envelopes.getResponseRequest(
            settings.businessNamespace, SmevBusinessContent.RESPONSE_ELEMENT);
    SmevMessage answer =
        exchange.post(
            new MtomBody(Dom.serialize(request), List.of()),
            TimeBasedUuid.next() + "-GetResponseRequest",
            null);
    return ResponseReader.read(answer, settings.version, content);
  }

  /** Acknowledges a response taken with {@link #poll()}, so СМЭВ removes it from the queue. */
  public void ack(String responseMessageId) {
    Document request = envelopes.ackRequest(responseMessageId, true);
    exchange.post(
        new MtomBody(Dom.serialize(request), List.of()),
        responseMessageId + "-AckRequest",
        responseMessageId);
  }

  /**
   * Waits for the response to a message sent earlier, polling with backoff; use it to resume after
   * a {@link SmevTimeoutException}. Every response taken from the queue is acknowledged.
   *
   * @throws SmevTimeoutException when the response does not arrive within the timeout
   */
  public TransportResponse awaitResponse(String messageId, Duration timeout) {
    Objects.requireNonNull(messageId, "messageId");
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration interval = settings.pollInterval;
    while (true) {
      SmevResponse kept = inbox.remove(messageId);
      if (kept != null) {
        return answered(kept);
      }
      Optional<SmevResponse> next = poll();
      if (next.isPresent()) {
        SmevResponse received = next.get();
        inbox.put(received.originalMessageId(), received);
        ack(received.messageId());
        continue;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new SmevTimeoutException(messageId, timeout);
      }
      sleep(Math.min(interval.toNanos(), remaining));
      interval = interval.multipliedBy(2);
      if (interval.compareTo(settings.maxPollInterval) > 0) {
        interval = settings.maxPollInterval;
      }
    }
  }

  private TransportResponse answered(SmevResponse response) {
    messageIdsByKey.values().remove(response.originalMessageId());
    LOG.info(
        "Response {} to СМЭВ message {}: status {}",
        response.messageId(),
        response.originalMessageId(),
        response.response().statusCode());
    return response.response();
  }

  private void post(TransportRequest request, String messageId) {
    Map<String, String> contentIds = new LinkedHashMap<>();
    Map<String, String> signatureParts = new LinkedHashMap<>();
    List<RequestEnvelopes.Attachment> attachments = new ArrayList<>();
    List<MtomBody.FilePart> files = new ArrayList<>();
    if (request.body() instanceof TransportRequest.Multipart multipart) {
      collectAttachments(multipart, contentIds, signatureParts, attachments, files);
    }
    Document document = Dom.newDocument();
    Element business = content.writeRequest(document, request, contentIds, signatureParts);
    RequestEnvelopes.RequestData data =
        new RequestEnvelopes.RequestData(
            messageId, settings.transactionCode, settings.testMessage, settings.routingValues);
    envelopes.sendRequest(data, business, attachments);
    exchange.post(
        new MtomBody(Dom.serialize(document), files), messageId + "-SendRequestRequest", messageId);
  }

  private void collectAttachments(
      TransportRequest.Multipart multipart,
      Map<String, String> contentIds,
      Map<String, String> signatureParts,
      List<RequestEnvelopes.Attachment> attachments,
      List<MtomBody.FilePart> files) {
    int number = 0;
    for (TransportRequest.Part part : multipart.parts()) {
      if (part.file() == null) {
        continue;
      }
      String contentId = "attachment-" + ++number;
      contentIds.put(part.name(), contentId);
      TransportRequest.Part signaturePart = findSignature(multipart, part);
      byte[] signature;
      if (signaturePart != null) {
        signatureParts.put(signaturePart.name(), contentId);
        signature = signaturePart.content();
      } else {
        signature = signFile(part.file());
      }
      attachments.add(new RequestEnvelopes.Attachment(contentId, part.contentType(), signature));
      files.add(new MtomBody.FilePart(contentId, part.contentType(), part.file()));
    }
  }

  /** Finds the detached signature part that goes with a file: {@code <file name>.sig}. */
  private static TransportRequest.Part findSignature(
      TransportRequest.Multipart multipart, TransportRequest.Part file) {
    for (TransportRequest.Part part : multipart.parts()) {
      if (part.content() != null
          && part.contentType().startsWith("application/pkcs7-signature")
          && part.fileName() != null
          && file.fileName() != null
          && part.fileName().equals(file.fileName() + ".sig")) {
        return part;
      }
    }
    return null;
  }

  private byte[] signFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return attachmentSigner.signDetached(in);
    } catch (IOException e) {
      throw new SigningException(
          "Failed to read attachment '" + file + "' to sign it for СМЭВ: " + e.getMessage(), e);
    }
  }

  private static String idempotencyKey(TransportRequest request) {
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase(IDEMPOTENCY_KEY)) {
        return header.getValue();
      }
    }
    return null;
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos).toMillis(), (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(
          "Interrupted while waiting for a СМЭВ response",
          TransportException.Kind.TIMEOUT,
          true,
          e);
    }
  }

  @Override
  public void close() {
    exchange.close();
  }

  @Override
  public String toString() {
    return "SmevTransport[" + settings.endpoint + ", СМЭВ " + settings.version.number() + "]";
  }

  /** Builder of {@link SmevTransport}; {@link #build()} checks every setting. */
  public static final class Builder {
    private URI endpoint;
    private SmevVersion version = SmevVersion.V1_3;
    private SigningCredentials credentials;
    private CadesSigner attachmentSigner;
    private String businessNamespace = SmevBusinessContent.DEFAULT_NAMESPACE;
    private boolean testMessage;
    private String transactionCode;
    private List<String> routingValues = List.of();
    private Duration pollInterval = Duration.ofMillis(200);
    private Duration maxPollInterval = Duration.ofSeconds(5);
    private Duration responseTimeout = Duration.ofMinutes(2);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Path envelopeDirectory;

    private Builder() {}

    /** Sets the URL of the СМЭВ message-exchange service; required. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** Sets the schema version; 1.3 unless set. */
    public Builder version(SmevVersion version) {
      this.version = version;
      return this;
    }

    /** Sets the ЭП-ОВ key and certificate of the information system; required. */
    public Builder credentials(SigningCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Sets the signer of attachments that arrive without a detached signature; a {@link
     * CadesSigner} with the ЭП-ОВ credentials unless set.
     */
    public Builder attachmentSigner(CadesSigner signer) {
      this.attachmentSigner = signer;
      return this;
    }

    /**
     * Sets the namespace of the business messages; {@value SmevBusinessContent#DEFAULT_NAMESPACE}
     * (the SDK's own, since ИС ЭПС's вид сведений is not public) unless set.
     */
    public Builder businessNamespace(String namespace) {
      this.businessNamespace = namespace;
      return this;
    }

    /** Marks every request as a {@code TestMessage}, for СМЭВ's test environment. */
    public Builder testMessage(boolean testMessage) {
      this.testMessage = testMessage;
      return this;
    }

    /** Sets the TransactionCode; required by 1.2, optional in 1.1 and 1.3. */
    public Builder transactionCode(String transactionCode) {
      this.transactionCode = transactionCode;
      return this;
    }

    /** Sets the dynamic routing values of the 1.3 {@code Routing} block; none unless set. */
    public Builder routingValues(List<String> values) {
      this.routingValues = List.copyOf(values);
      return this;
    }

    /** Sets the first wait between two polls; 200 ms unless set. Each wait doubles. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /** Sets the longest wait between two polls; 5 s unless set. */
    public Builder maxPollInterval(Duration interval) {
      this.maxPollInterval = interval;
      return this;
    }

    /** Sets how long {@link #execute} waits for a response; 2 minutes unless set. */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = timeout;
      return this;
    }

    /** Sets the connect timeout of each HTTP exchange with СМЭВ; 10 s unless set. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Sets the read and write timeout of each HTTP exchange with СМЭВ; 60 s unless set. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Sets a directory where every envelope sent is saved ({@code <MessageID>-<operation>.mime} or
     * {@code .xml}) with the response ({@code …-response.xml}); none unless set. {@code ezp smev
     * inspect} reads these files.
     */
    public Builder envelopeDirectory(Path directory) {
      this.envelopeDirectory = directory;
      return this;
    }

    /**
     * Builds the transport.
     *
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public SmevTransport build() {
      List<String> problems = new ArrayList<>();
      if (endpoint == null) {
        problems.add("endpoint is missing; set the URL of the СМЭВ message-exchange service");
      } else if (endpoint.getHost() == null || endpoint.getScheme() == null) {
        problems.add("endpoint '" + endpoint + "' is not an absolute http(s) URL");
      }
      if (credentials == null) {
        problems.add("credentials are missing; set the ЭП-ОВ key and certificate");
      }
      if (version == null) {
        problems.add("version is missing; use 1.1, 1.2 or 1.3");
      }
      if (version == SmevVersion.V1_2 && (transactionCode == null || transactionCode.isBlank())) {
        problems.add("transactionCode is missing; СМЭВ 1.2 requires it");
      }
      if (version != SmevVersion.V1_3 && !routingValues.isEmpty()) {
        problems.add("routingValues are set, but only СМЭВ 1.3 has a routing block");
      }
      if (businessNamespace == null || businessNamespace.isBlank()) {
        problems.add("businessNamespace is missing");
      }
      checkPositive(problems, "pollInterval", pollInterval);
      checkPositive(problems, "maxPollInterval", maxPollInterval);
      checkPositive(problems, "responseTimeout", responseTimeout);
      checkPositive(problems, "connectTimeout", connectTimeout);
      checkPositive(problems, "readTimeout", readTimeout);
      if (!problems.isEmpty()) {
        throw new ConfigurationException(
            "Invalid settings of the smev transport: " + String.join("; ", problems));
      }
      try {
        return new SmevTransport(this);
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to create the smev transport's temporary files", e);
      }
    }

    private static void checkPositive(List<String> problems, String name, Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        problems.add(name + " is " + value + ", expected a positive duration");
      }
    }
  }
}
