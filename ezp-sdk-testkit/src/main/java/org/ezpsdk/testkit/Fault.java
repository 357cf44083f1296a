package org.ezpsdk.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * One kind of failure the emulator injects, when it fires (with a probability, or on every n-th
 * request), and on which operations. Immutable: each {@code with…} method returns a copy.
 *
 * <ul>
 *   <li>{@link #dropAfterCommit()}: the request is handled in full (a letter is stored), then the
 *       connection is closed without a response, so the client sees the connection closed after it
 *       sent the request.
 *   <li>{@link #status(int)}: the request gets a response with that status before it is handled, so
 *       nothing is stored; 429 and 503 carry {@code Retry-After} (1 s unless set).
 *   <li>{@link #slow(Duration)}: the request is handled in full, then the response waits; a client
 *       with a shorter read timeout gets a timeout after the letter was stored.
 *   <li>{@link #smev(String)}: a request to the СМЭВ endpoint gets that СМЭВ SOAP fault before it
 *       is handled.
 * </ul>
 *
 * <p>Operations are named as in {@link EpsEmulator#requestCount(String)}; a fault with none applies
 * to every operation.
 */
public final class Fault {

  /** The effect of a fault on the request. */
  public enum Type {
    DROP_AFTER_COMMIT,
    STATUS,
    SLOW,
    /** A СМЭВ SOAP fault instead of handling a request to the СМЭВ endpoint. */
    SMEV_FAULT
  }

  /** Retry-After of injected 429 and 503 responses unless set. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private static final Set<Integer> STATUSES = Set.of(429, 500, 502, 503, 504);
  private static final Pattern SPEC =
      Pattern.compile(
          "(?<name>[A-Za-z0-9-]+)=(?<trigger>every\\d+|once|[0-9.]+)"
              + "(?::(?<parameter>[0-9]+(?:ms|s)))?(?:@(?<operations>[A-Za-z,]+))?");

  private final Type type;
  private final int status;
  private final Duration duration;
  private final double probability;
  private final int everyNth;
  private final boolean once;
  private final Set<String> operations;
  private final String smevFault;

  private Fault(
      Type type,
      int status,
      Duration duration,
      double probability,
      int everyNth,
      boolean once,
      Set<String> operations,
      String smevFault) {
    this.type = type;
    this.status = status;
    this.duration = duration;
    this.probability = probability;
    this.everyNth = everyNth;
    this.once = once;
    this.operations = Set.copyOf(operations);
    this.smevFault = smevFault;
  }

  /** Returns a fault that stores the letter and closes the connection without a response. */
  public static Fault dropAfterCommit() {
    return new Fault(Type.DROP_AFTER_COMMIT, 0, Duration.ZERO, 0, 0, false, Set.of(), null);
  }

  /**
   * Returns a fault that responds with the status before handling the request.
   *
   * @param status 429, 500, 502, 503 or 504
   */
  public static Fault status(int status) {
    if (!STATUSES.contains(status)) {
      throw new ConfigurationException(
          "Injected status " + status + " is not supported; use one of 429, 500, 502, 503, 504");
    }
    Duration retryAfter = status == 429 || status == 503 ? DEFAULT_RETRY_AFTER : Duration.ZERO;
    return new Fault(Type.STATUS, status, retryAfter, 0, 0, false, Set.of(), null);
  }

  /** Returns a fault that handles the request and waits that long before responding. */
  public static Fault slow(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new ConfigurationException("A slow fault needs a delay of zero or more, got " + delay);
    }
    return new Fault(Type.SLOW, 0, delay, 0, 0, false, Set.of(), null);
  }

  /**
   * Returns a fault that answers a request to the СМЭВ endpoint with the СМЭВ SOAP fault of that
   * element name from the faults schema, such as {@code SMEVFailure} or {@code
   * MessageIsAlreadySent}, before handling it. It applies to the СМЭВ operations {@code
   * smevSendRequest}, {@code smevGetResponse} and {@code smevAck} only.
   */
  public static Fault smev(String faultElementName) {
    if (faultElementName == null || !faultElementName.matches("[A-Z][A-Za-z]+")) {
      throw new ConfigurationException(
          "СМЭВ fault '"
              + faultElementName
              + "' is not a fault element name; use one such as SMEVFailure or"
              + " MessageIsAlreadySent");
    }
    return new Fault(Type.SMEV_FAULT, 0, Duration.ZERO, 0, 0, false, Set.of(), faultElementName);
  }

  /**
   * Parses a fault from the command line: {@code NAME=TRIGGER[:VALUE][@OPERATIONS]}.
   *
   * <ul>
   *   <li>NAME: {@code drop-after-commit}, {@code status-429}, {@code status-500}, {@code
   *       status-502}, {@code status-503}, {@code status-504}, {@code slow}, or {@code smev-} and a
   *       СМЭВ fault element name ({@code smev-SMEVFailure}).
   *   <li>TRIGGER: a probability from 0 to 1 ({@code 0.05}), {@code everyN} for every n-th request
   *       ({@code every20}), or {@code once} for the first matching request only.
   *   <li>VALUE: the delay of {@code slow} (required) or the Retry-After of {@code status-429} and
   *       {@code status-503}, in {@code ms} or {@code s} ({@code 2000ms}, {@code 1s}).
   *   <li>OPERATIONS: comma-separated operation names; every operation when left out.
   * </ul>
   *
   * @throws ConfigurationException naming the part of the text that is invalid
   */
  public static Fault parse(String spec) {
    Matcher matcher = SPEC.matcher(spec == null ? "" : spec.strip());
    if (!matcher.matches()) {
      throw new ConfigurationException(
          "Fault '"
              + spec
              + "' is invalid; write NAME=TRIGGER[:VALUE][@OPERATIONS], such as"
              + " drop-after-commit=0.05, status-503=every20:1s or slow=0.05:2000ms@sendLetter");
    }
    Fault fault = named(matcher.group("name"), matcher.group("parameter"), spec);
    String trigger = matcher.group("trigger");
    if (trigger.equals("once")) {
      fault = fault.once();
    } else if (trigger.startsWith("every")) {
      fault = fault.withEveryNth(parseInt(trigger.substring(5), spec));
    } else {
      fault = fault.withProbability(parseProbability(trigger, spec));
    }
    String operations = matcher.group("operations");
    return operations == null ? fault : fault.on(operations.split(","));
  }

  /** Returns a copy that fires on each matching request with this probability, 0 to 1. */
  public Fault withProbability(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new ConfigurationException(
          "Fault probability " + probability + " is out of range; use 0 to 1");
    }
    return new Fault(type, status, duration, probability, 0, false, operations, smevFault);
  }

  /** Returns a copy that fires on the n-th, 2n-th … matching request. */
  public Fault withEveryNth(int n) {
    if (n < 1) {
      throw new ConfigurationException("Fault every n-th request needs n of 1 or more, got " + n);
    }
    return new Fault(type, status, duration, 0, n, false, operations, smevFault);
  }

  /** Returns a copy that fires on the first matching request only, and never after it. */
  public Fault once() {
    return new Fault(type, status, duration, 0, 1, true, operations, smevFault);
  }

  /**
   * Returns a copy of a 429 or 503 fault that sends this Retry-After, rounded up to whole seconds.
   */
  public Fault withRetryAfter(Duration retryAfter) {
    if (type != Type.STATUS || (status != 429 && status != 503)) {
      throw new ConfigurationException(
          "Retry-After can be set on status-429 and status-503 faults only, not on " + name());
    }
    if (retryAfter == null || retryAfter.isNegative()) {
      throw new ConfigurationException("Retry-After must be zero or more, got " + retryAfter);
    }
    return new Fault(type, status, retryAfter, probability, everyNth, once, operations, smevFault);
  }

  /** Returns a copy that applies only to these operations, such as {@code sendLetter}. */
  public Fault on(String... operationNames) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : operationNames) {
      if (name == null || name.isBlank()) {
        throw new ConfigurationException(
            "Fault operations contain an empty name: " + Arrays.toString(operationNames));
      }
      names.add(name.strip());
    }
    return new Fault(type, status, duration, probability, everyNth, once, names, smevFault);
  }

  public Type type() {
    return type;
  }

  /** Returns the injected status of a {@link Type#STATUS} fault, else 0. */
  public int status() {
    return status;
  }

  /** Returns the Retry-After of a 429 or 503 fault, the delay of a slow one, else zero. */
  public Duration duration() {
    return duration;
  }

  /** Returns the probability per request, or 0 for a fault that fires every n-th request. */
  public double probability() {
    return probability;
  }

  /** Returns n for a fault that fires every n-th request, else 0. */
  public int everyNth() {
    return everyNth;
  }

  /**
   * Returns true for a fault that fires on the first matching request only; see {@link #once()}.
   */
  public boolean isOnce() {
    return once;
  }

  /** Returns the operations it applies to; empty for every operation. */
  public Set<String> operations() {
    return operations;
  }

  /** Returns the СМЭВ fault element name of a {@link Type#SMEV_FAULT} fault, else null. */
  public String smevFault() {
    return smevFault;
  }

  /**
   * Returns true when the fault applies to the operation. A СМЭВ fault applies only to the СМЭВ
   * operations, whose names start with {@code smev}.
   */
  public boolean appliesTo(String operation) {
    if (type == Type.SMEV_FAULT && !operation.startsWith("smev")) {
      return false;
    }
    return operations.isEmpty() || operations.contains(operation);
  }

  /** Returns the name used on the command line: {@code drop-after-commit}, {@code status-503}… */
  public String name() {
    return switch (type) {
      case DROP_AFTER_COMMIT -> "drop-after-commit";
      case STATUS -> "status-" + status;
      case SLOW -> "slow";
      case SMEV_FAULT -> "smev-" + smevFault;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fault that
        && type == that.type
        && status == that.status
        && duration.equals(that.duration)
        && Double.compare(probability, that.probability) == 0
        && everyNth == that.everyNth
        && once == that.once
        && operations.equals(that.operations)
        && Objects.equals(smevFault, that.smevFault);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, status, duration, probability, everyNth, once, operations, smevFault);
  }

  @Override
  public String toString() {
    String trigger = everyNth > 0 ? "every" + everyNth : String.valueOf(probability);
    if (once) {
      trigger = "once";
    }
    String value = duration.isZero() ? "" : ":" + duration.toMillis() + "ms";
    String where = operations.isEmpty() ? "" : "@" + String.join(",", operations);
    return name() + "=" + trigger + value + where;
  }

  private static Fault named(String name, String parameter, String spec) {
    Duration value = parameter == null ? null : parseDuration(parameter);
    Fault fault;
    if (name.equals("drop-after-commit")) {
      fault = dropAfterCommit();
    } else if (name.equals("slow")) {
      if (value == null) {
        throw new ConfigurationException(
            "Fault '" + spec + "' needs its delay, such as slow=0.05:2000ms");
      }
      return slow(value);
    } else if (name.startsWith("smev-")) {
      fault = smev(name.substring(5));
    } else if (name.startsWith("status-")) {
      fault = status(parseInt(name.substring(7), spec));
      if (value != null) {
        return fault.withRetryAfter(value);
      }
    } else {
      throw new ConfigurationException(
          "Fault '"
              + spec
              + "' has an unknown name '"
              + name
              + "'; use drop-after-commit, status-429, status-500, status-502, status-503,"
              + " status-504, slow or smev-FAULT such as smev-SMEVFailure");
    }
    if (value != null) {
      throw new ConfigurationException(
          "Fault '" + spec + "' takes no value after ':'; only slow, status-429 and status-503 do");
    }
    return fault;
  }

  private static Duration parseDuration(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.endsWith("ms")
        ? Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)))
        : Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1)));
  }

  private static int parseInt(String digits, String spec) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "Fault '" + spec + "' has an invalid number '" + digits + "'");
    }
  }

  private static double parseProbability(String text, String spec) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "Fault '" + spec + "' has an invalid probability '" + text + "'; use 0 to 1");
    }
  }
}
