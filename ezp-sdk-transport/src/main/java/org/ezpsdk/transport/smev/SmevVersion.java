package org.ezpsdk.transport.smev;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * A version of the СМЭВ 3 message-exchange schemas. Each has its own namespaces; 1.2 requires
 * {@code ReferenceMessageID} and {@code TransactionCode} in {@code SenderProvidedRequestData}, and
 * 1.3 adds the optional {@code Routing} block to {@code SendRequestRequest}.
 */
public enum SmevVersion {
  V1_1("1.1"),
  V1_2("1.2"),
  V1_3("1.3");

  private static final String BASE = "urn://x-artefacts-smev-gov-ru/services/message-exchange/";

  private final String number;

  SmevVersion(String number) {
    this.number = number;
  }

  /** Returns the version as written in namespaces and paths, such as {@code 1.2}. */
  public String number() {
    return number;
  }

  /** Returns the namespace of the operations and message blocks. */
  public String typesNamespace() {
    return BASE + "types/" + number;
  }

  /** Returns the namespace of the shared types: MessagePrimaryContent, attachments, selectors. */
  public String basicNamespace() {
    return BASE + "types/basic/" + number;
  }

  /** Returns the namespace of the fault details. */
  public String faultsNamespace() {
    return BASE + "types/faults/" + number;
  }

  /** Returns the namespace of the routing block, which only 1.3 has. */
  public String routingNamespace() {
    if (this != V1_3) {
      throw new UnsupportedOperationException("СМЭВ " + number + " has no routing block");
    }
    return BASE + "types/routing/" + number;
  }

  /**
   * Finds a version by its number ({@code 1.1}, {@code 1.2} or {@code 1.3}).
   *
   * @throws ConfigurationException naming the versions for any other text
   */
  public static SmevVersion of(String number) {
    for (SmevVersion version : values()) {
      if (version.number.equals(number == null ? null : number.strip())) {
        return version;
      }
    }
    throw new ConfigurationException(
        "СМЭВ version '"
            + number
            + "' is not supported; use one of "
            + Arrays.stream(values()).map(SmevVersion::number).collect(Collectors.joining(", ")));
  }

  /** Finds the version whose types namespace is given, or null. */
  public static SmevVersion ofTypesNamespace(String namespace) {
    for (SmevVersion version : values()) {
      if (version.typesNamespace().equals(namespace)) {
        return version;
      }
    }
    return null;
  }
}
