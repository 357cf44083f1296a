package org.ezpsdk.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.core.pdf.PreflightPolicy;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.testkit.internal.FaultInjector;
import org.ezpsdk.testkit.internal.GosPochtaConsent;
import org.ezpsdk.testkit.internal.LetterClock;
import org.ezpsdk.testkit.internal.LetterStore;
import org.ezpsdk.testkit.internal.LifePlanner;
import org.ezpsdk.testkit.internal.ReadOperations;
import org.ezpsdk.testkit.internal.RequestRouter;
import org.ezpsdk.testkit.internal.SendLetterOperation;
import org.ezpsdk.testkit.internal.SignatureCheck;
import org.ezpsdk.testkit.internal.UploadReader;
import org.ezpsdk.testkit.internal.smev.SmevAnswers;
import org.ezpsdk.testkit.internal.smev.SmevEndpoint;
import org.ezpsdk.testkit.internal.smev.SmevForwarder;
import org.ezpsdk.testkit.internal.smev.SmevOperations;
import org.ezpsdk.transport.smev.SmevBusinessContent;
import org.ezpsdk.transport.smev.SmevSchemas;
import org.ezpsdk.transport.smev.SmevVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for ИС ЭПС: a real HTTP server that speaks wire profile v1 ({@code
 * org.ezpsdk.core.wire.WireProfileV1}) and checks requests the way the service would, so that the
 * SDK and its users can test against it instead of mocks.
 *
 * <p>It checks Basic credentials on every request, the letter metadata with the SDK's own rules,
 * the PDF with {@link PdfPreflight}, the detached CAdES-BES signature over the PDF, unused ШПИ and
 * idempotency keys, and the request size. An accepted letter moves through its statuses on an
 * accelerated clock, one status per step delay: with the addressee's Госпочта consent {@code
 * ACCEPTED → DELIVERED_ELECTRONICALLY → NOTICE_AVAILABLE}, otherwise by hybrid print {@code
 * ACCEPTED → PRINTED → IN_DELIVERY → DELIVERED → NOTICE_AVAILABLE}, where every n-th paper letter
 * ends {@code RETURNED} after {@code IN_DELIVERY}. {@code NOTICE_AVAILABLE} follows only when the
 * letter requested an electronic notice of delivery.
 *
 * <pre>{@code
 * try (EpsEmulator emulator = EpsEmulator.builder().stepDelay(Duration.ofMillis(20)).build().start()) {
 *   EzpClient client = EzpClient.builder()
 *       .environment(Environment.test(emulator.baseUri()))
 *       .credentials(EpsEmulator.testCredentials())
 *       ...
 * }
 * }</pre>
 *
 * <p>Operation names for {@link #requestCount(String)} are those of the SDK's transport requests:
 * {@code sendLetter}, {@code getLetter}, {@code findLetters}, {@code events} and {@code notice}.
 *
 * <p>A {@link FaultPlan} makes it fail like a real network and service do: connections closed after
 * a letter was stored, 500, 502, 503 and 429 responses, slow responses. {@link #duplicates()} then
 * lists every letter that arrived twice under different idempotency keys, which a client that
 * retries correctly never causes.
 *
 * <p>It also serves СМЭВ 3 at {@link #smevUri(SmevVersion)} ({@code /smev/1.1}, {@code /smev/1.2},
 * {@code /smev/1.3}) for the {@code smev} transport: it validates each envelope's payload against
 * the public СМЭВ schemas when they are found ({@link SmevSchemas#locate()} or {@link
 * Builder#smevSchemaDirectory(Path)}), verifies the ЭП-ОВ and every attachment's SignaturePKCS7,
 * hands the carried request to the same handling as HTTP requests, queues the answer for
 * GetResponse and removes it on Ack. Its operations for {@link #requestCount(String)} and {@link
 * Fault}s are {@code smevSendRequest}, {@code smevGetResponse} and {@code smevAck}.
 *
 * <p>Letters live in memory and are lost on {@link #close()}. Thread-safe.
 */
public final class EpsEmulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EpsEmulator.class);

  /** The sender id the emulator accepts unless the builder sets other credentials. */
  public static final String TEST_SENDER_ID = "test-sender";

  /** The sender token that goes with {@link #TEST_SENDER_ID}; a test value, not a secret. */
  public static final String TEST_SENDER_TOKEN = "test-token";

  /** The address the server binds to unless the builder sets another. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The time between two statuses of a letter unless the builder sets another. */
  public static final Duration DEFAULT_STEP_DELAY = Duration.ofMillis(300);

  /** Every 4th paper letter is returned unless the builder sets another count. */
  public static final int DEFAULT_RETURN_EVERY_NTH_PAPER_LETTER = 4;

  /**
   * The maximum request body size: 64 MiB. NOTE: assumed, because the service's limit is not
   * public.
   */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  private static final int HTTP_THREADS = 16;

  private final Builder settings;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private HttpServer server;
  private ExecutorService httpExecutor;
  private LetterClock clock;
  private LetterStore store;
  private RequestRouter router;
  private FaultInjector faults;
  private SmevEndpoint smevEndpoint;
  private SmevForwarder smevForwarder;
  private Path temporaryRoot;
  private URI baseUri;
  private boolean started;
  private boolean closed;

  private EpsEmulator(Builder settings) {
    this.settings = settings;
  }

  /** Returns a builder with the defaults: 127.0.0.1, a free port, the test credentials. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the credentials {@link #TEST_SENDER_ID} and {@link #TEST_SENDER_TOKEN}. */
  public static Credentials testCredentials() {
    return Credentials.of(TEST_SENDER_ID, TEST_SENDER_TOKEN);
  }

  /**
   * Binds the server and starts serving.
   *
   * @return this emulator
   * @throws IllegalStateException when it was started or closed before
   * @throws UncheckedIOException when the address cannot be bound, such as a port in use
   */
  public synchronized EpsEmulator start() {
    if (started || closed) {
      throw new IllegalStateException(
          "This EpsEmulator was already " + (closed ? "closed" : "started") + "; build a new one");
    }
    started = true;
    try {
      temporaryRoot = Files.createTempDirectory("eps-emulator-");
      store =
          new LetterStore(
              Clock.systemUTC(),
              new LifePlanner(settings.consent(), settings.returnEveryNthPaperLetter));
      clock = new LetterClock(settings.stepDelay, store);
      router = newRouter();
      server = bind();
    } catch (IOException | RuntimeException e) {
      close();
      throw failure(e);
    }
    baseUri =
        URI.create("http://" + uriHost(settings.host) + ":" + server.getAddress().getPort() + "/");
    server.createContext(SmevEndpoint.PATH, newSmevEndpoint());
    server.start();
    LOG.info(
        "EPS emulator listening on {} for senders {}; one status every {} ms; {}",
        baseUri,
        settings.credentials.stream().map(Credentials::id).toList(),
        settings.stepDelay.toMillis(),
        settings.faultPlan.isEmpty() ? "no faults" : "injecting faults " + settings.faultPlan);
    return this;
  }

  /** Returns the base URL, such as {@code http://127.0.0.1:8080/}, to pass to an environment. */
  public synchronized URI baseUri() {
    requireStarted();
    return baseUri;
  }

  /** Returns the URL of the СМЭВ endpoint of a version, such as {@code …/smev/1.3}. */
  public synchronized URI smevUri(SmevVersion version) {
    requireStarted();
    return baseUri.resolve("smev/" + version.number());
  }

  /** Returns the port the server listens on, chosen by the system when the builder set 0. */
  public synchronized int port() {
    requireStarted();
    return baseUri.getPort();
  }

  /** Returns a snapshot of every accepted letter, in order of acceptance. */
  public List<EmulatedLetter> letters() {
    LetterStore current;
    synchronized (this) {
      requireStarted();
      current = store;
    }
    return current.snapshot();
  }

  /**
   * Returns every letter that arrived again under another idempotency key: the same ШПИ, or the
   * same content for a letter without ШПИ. Empty when every client kept its keys across retries.
   */
  public List<DuplicateLetter> duplicates() {
    LetterStore current;
    synchronized (this) {
      requireStarted();
      current = store;
    }
    return current.duplicates();
  }

  /** Returns the number of accepted letters per ШПИ; letters without ШПИ are not counted. */
  public Map<String, Integer> acceptedLetterCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (EmulatedLetter letter : letters()) {
      if (letter.barcode() != null) {
        counts.merge(letter.barcode(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Returns how many times each fault of the {@link FaultPlan} was injected so far, by {@link
   * Fault#name()}, such as {@code status-503}.
   */
  public Map<String, Long> injectedFaults() {
    FaultInjector current;
    synchronized (this) {
      requireStarted();
      current = faults;
    }
    return current.injected();
  }

  /**
   * Returns how many requests were addressed to an operation so far, whatever their outcome, such
   * as {@code requestCount("sendLetter")} for every {@code POST api/v1/letters}.
   */
  public long requestCount(String operation) {
    RequestRouter current;
    SmevEndpoint smev;
    synchronized (this) {
      requireStarted();
      current = router;
      smev = smevEndpoint;
    }
    return operation.startsWith("smev")
        ? smev.requestCount(operation)
        : current.requestCount(operation);
  }

  /** Blocks until {@link #close()} is called, from another thread or a shutdown hook. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /**
   * Blocks until {@link #close()} is called or the timeout passes.
   *
   * @return true when the emulator was closed
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops the server and the clock and deletes the temporary files. Repeated calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.stop(0);
    }
    if (httpExecutor != null) {
      httpExecutor.shutdownNow();
    }
    if (clock != null) {
      clock.close();
    }
    if (smevForwarder != null) {
      smevForwarder.close();
    }
    deleteTemporaryFiles();
    terminated.countDown();
    if (baseUri != null) {
      LOG.info("EPS emulator at {} stopped", baseUri);
    }
  }

  @Override
  public synchronized String toString() {
    return "EpsEmulator[" + (baseUri == null ? "not started" : baseUri) + "]";
  }

  private RequestRouter newRouter() {
    SendLetterOperation send =
        new SendLetterOperation(
            store,
            clock,
            new UploadReader(temporaryRoot, settings.maxRequestBytes),
            new PdfPreflight(settings.preflightPolicy),
            new SignatureCheck(settings.trustedSignerCertificates));
    faults = new FaultInjector(settings.faultPlan);
    return new RequestRouter(
        settings.credentials, send, new ReadOperations(store), settings.maxRequestBytes, faults);
  }

  private SmevEndpoint newSmevEndpoint() {
    smevForwarder = new SmevForwarder(baseUri);
    Map<String, Credentials> senders = new java.util.HashMap<>();
    settings.smevSenders.forEach(
        (certificate, sender) -> senders.put(SmevOperations.fingerprint(certificate), sender));
    SmevOperations operations =
        new SmevOperations(
            smevSchemas(),
            senders,
            settings.credentials.get(0),
            smevForwarder,
            new SmevAnswers(Clock.systemUTC()),
            new SmevBusinessContent(settings.smevBusinessNamespace),
            settings.smevAnswerDelay,
            settings.maxRequestBytes);
    smevEndpoint =
        new SmevEndpoint(
            operations,
            faults,
            TestKeys.generate(GostParameterSet.TC26_256_A, "СМЭВ emulator", Duration.ofDays(30)),
            temporaryRoot);
    return smevEndpoint;
  }

  /** Returns the schemas, loaded on the first СМЭВ message so that HTTP-only tests pay nothing. */
  private Supplier<Optional<SmevSchemas>> smevSchemas() {
    Path directory = settings.smevSchemaDirectory;
    AtomicReference<Optional<SmevSchemas>> loaded = new AtomicReference<>();
    return () -> {
      synchronized (loaded) {
        if (loaded.get() == null) {
          loaded.set(
              directory != null ? Optional.of(SmevSchemas.load(directory)) : SmevSchemas.locate());
          LOG.info(
              "СМЭВ envelopes {}",
              loaded
                  .get()
                  .map(found -> "are validated against the schemas in " + found.directory())
                  .orElse("are not validated: no СМЭВ schemas found; set EZP_SMEV_XSD_DIR"));
        }
        return loaded.get();
      }
    };
  }

  private HttpServer bind() throws IOException {
    HttpServer bound = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 0);
    AtomicInteger threadNumber = new AtomicInteger();
    httpExecutor =
        Executors.newFixedThreadPool(
            HTTP_THREADS,
            task -> {
              Thread thread =
                  new Thread(task, "eps-emulator-http-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    bound.setExecutor(httpExecutor);
    bound.createContext("/", router);
    return bound;
  }

  private RuntimeException failure(Exception e) {
    if (e instanceof IOException io) {
      return new UncheckedIOException(
          "Failed to start the EPS emulator on "
              + settings.host
              + ":"
              + settings.port
              + " ("
              + e.getMessage()
              + "); choose a free port, or 0 for any free port",
          io);
    }
    return (RuntimeException) e;
  }

  private void deleteTemporaryFiles() {
    if (temporaryRoot == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(temporaryRoot)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Failed to delete the EPS emulator's temporary files in '{}'", temporaryRoot, e);
    }
  }

  private void requireStarted() {
    if (!started || baseUri == null) {
      throw new IllegalStateException("The EpsEmulator is not started; call start() first");
    }
  }

  private static String uriHost(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Builder of {@link EpsEmulator}, not thread-safe. {@link #build()} checks every setting and
   * reports all problems at once.
   */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port;
    private List<Credentials> credentials = List.of(testCredentials());
    private Duration stepDelay = DEFAULT_STEP_DELAY;
    private final Set<String> gosPochtaAddressees = new LinkedHashSet<>();
    private Predicate<Letter> gosPochtaRule;
    private int returnEveryNthPaperLetter = DEFAULT_RETURN_EVERY_NTH_PAPER_LETTER;
    private PreflightPolicy preflightPolicy = PreflightPolicy.defaults();
    private final List<X509Certificate> trustedSignerCertificates = new ArrayList<>();
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private FaultPlan faultPlan = FaultPlan.none();
    private final Map<X509Certificate, Credentials> smevSenders = new java.util.LinkedHashMap<>();
    private Duration smevAnswerDelay = Duration.ZERO;
    private Path smevSchemaDirectory;
    private String smevBusinessNamespace = SmevBusinessContent.DEFAULT_NAMESPACE;

    private Builder() {}

    /**
     * Registers an ЭП-ОВ certificate of a sender's information system for the СМЭВ endpoint, whose
     * requests are then handled as this sender's. While none is registered, every certificate whose
     * signature verifies acts as the first sender of {@link #credentials}; once one is, other
     * certificates get {@code SenderIsNotRegistered}.
     */
    public Builder smevSender(X509Certificate certificate, Credentials sender) {
      smevSenders.put(
          Objects.requireNonNull(certificate, "certificate"),
          Objects.requireNonNull(sender, "sender"));
      return this;
    }

    /** Sets how long an answer waits before GetResponse returns it; none unless set. */
    public Builder smevAnswerDelay(Duration delay) {
      this.smevAnswerDelay = delay;
      return this;
    }

    /**
     * Sets the directory of the СМЭВ schemas ({@code 1.1/}, {@code 1.2/}, {@code 1.3/}); unless
     * set, {@link SmevSchemas#locate()} looks for them, and without them envelopes are not
     * validated.
     */
    public Builder smevSchemaDirectory(Path directory) {
      this.smevSchemaDirectory = directory;
      return this;
    }

    /** Sets the business namespace of СМЭВ messages; the SDK's default unless set. */
    public Builder smevBusinessNamespace(String namespace) {
      this.smevBusinessNamespace = namespace;
      return this;
    }

    /** Sets the faults to inject; {@link FaultPlan#none()} unless set. */
    public Builder faults(FaultPlan faultPlan) {
      this.faultPlan = faultPlan;
      return this;
    }

    /** Sets the address to bind to; {@value #DEFAULT_HOST} unless set. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Sets the port to listen on, 0 to 65535; 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets the sender credentials the emulator accepts, replacing the default test pair. Each
     * sender can read only its own letters and events.
     */
    public Builder credentials(Credentials first, Credentials... more) {
      List<Credentials> all = new ArrayList<>();
      all.add(Objects.requireNonNull(first, "first"));
      for (Credentials next : more) {
        all.add(Objects.requireNonNull(next, "credentials"));
      }
      this.credentials = List.copyOf(all);
      return this;
    }

    /** Sets the time between two statuses of a letter; 300 ms unless set. */
    public Builder stepDelay(Duration stepDelay) {
      this.stepDelay = stepDelay;
      return this;
    }

    /**
     * Registers an addressee who agreed to receive mail on Госуслуги (Госпочта): the ИНН of an
     * organisation or the full name as on the envelope ({@code "Иванов Иван Иванович"} or an
     * organisation's name), compared without regard to case. Letters to such addressees are
     * delivered electronically, and all others are printed and delivered on paper.
     */
    public Builder withGosPochtaConsent(String innOrFullName) {
      Objects.requireNonNull(innOrFullName, "innOrFullName");
      gosPochtaAddressees.add(innOrFullName);
      return this;
    }

    /**
     * Sets an extra rule for Госпочта consent: a letter it accepts is delivered electronically even
     * when its addressee is not registered with {@link #withGosPochtaConsent(String)}.
     */
    public Builder gosPochtaConsent(Predicate<Letter> rule) {
      this.gosPochtaRule = rule;
      return this;
    }

    /**
     * Sets n so that the n-th, 2n-th … paper letter is returned (storage expired) instead of
     * delivered. It is 4 unless set, and 0 returns none. Letters delivered electronically are not
     * counted.
     */
    public Builder returnEveryNthPaperLetter(int n) {
      this.returnEveryNthPaperLetter = n;
      return this;
    }

    /** Sets the limits the PDF attachment is checked against; the SDK's defaults unless set. */
    public Builder preflightPolicy(PreflightPolicy preflightPolicy) {
      this.preflightPolicy = preflightPolicy;
      return this;
    }

    /**
     * Adds certificates a signer must match or be issued by (one level, without revocation checks).
     * While none is added, any certificate whose signature verifies is accepted, including a
     * self-signed test certificate, which the real service would reject.
     */
    public Builder trustedSignerCertificates(Collection<X509Certificate> certificates) {
      for (X509Certificate certificate : certificates) {
        trustedSignerCertificates.add(Objects.requireNonNull(certificate, "certificate"));
      }
      return this;
    }

    /** Sets the maximum request body size in bytes, 64 MiB unless set. A larger body gets 413. */
    public Builder maxRequestBytes(long maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Builds the emulator. Call {@link EpsEmulator#start()} to serve.
     *
     * @throws ConfigurationException listing every invalid setting
     */
    public EpsEmulator build() {
      List<String> problems = new ArrayList<>();
      if (host == null || host.isBlank()) {
        problems.add("host is missing; use 127.0.0.1 for loopback only");
      }
      if (port < 0 || port > 65535) {
        problems.add("port is " + port + ", expected 0 to 65535 (0 for a free port)");
      }
      if (stepDelay == null || stepDelay.isNegative()) {
        problems.add("stepDelay is " + stepDelay + ", expected zero or more");
      }
      if (returnEveryNthPaperLetter < 0) {
        problems.add(
            "returnEveryNthPaperLetter is "
                + returnEveryNthPaperLetter
                + ", expected 0 (none returned) or more");
      }
      if (preflightPolicy == null) {
        problems.add("preflightPolicy is missing; use PreflightPolicy.defaults()");
      }
      if (faultPlan == null) {
        problems.add("faults is missing; use FaultPlan.none()");
      }
      if (smevAnswerDelay == null || smevAnswerDelay.isNegative()) {
        problems.add("smevAnswerDelay is " + smevAnswerDelay + ", expected zero or more");
      }
      if (smevBusinessNamespace == null || smevBusinessNamespace.isBlank()) {
        problems.add("smevBusinessNamespace is missing");
      }
      if (maxRequestBytes < 1) {
        problems.add("maxRequestBytes is " + maxRequestBytes + ", expected at least 1");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(
            "Invalid EPS emulator settings: " + String.join("; ", problems) + "; fix the builder");
      }
      return new EpsEmulator(copy());
    }

    private Predicate<Letter> consent() {
      return new GosPochtaConsent(gosPochtaAddressees, gosPochtaRule);
    }

    /** Returns a copy, so that changing this builder later does not change a built emulator. */
    private Builder copy() {
      Builder copy = new Builder();
      copy.host = host;
      copy.port = port;
      copy.credentials = credentials;
      copy.stepDelay = stepDelay;
      copy.gosPochtaAddressees.addAll(gosPochtaAddressees);
      copy.gosPochtaRule = gosPochtaRule;
      copy.returnEveryNthPaperLetter = returnEveryNthPaperLetter;
      copy.preflightPolicy = preflightPolicy;
      copy.trustedSignerCertificates.addAll(trustedSignerCertificates);
      copy.maxRequestBytes = maxRequestBytes;
      copy.faultPlan = faultPlan;
      copy.smevSenders.putAll(smevSenders);
      copy.smevAnswerDelay = smevAnswerDelay;
      copy.smevSchemaDirectory = smevSchemaDirectory;
      copy.smevBusinessNamespace = smevBusinessNamespace;
      return copy;
    }
  }
}
