package org.ezpsdk.examples.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;

/**
 * Outbox references of manifest rows, made from the row's content rather than its position. A rerun
 * of the same or an edited manifest finds each unchanged letter under its earlier reference. A
 * changed or new row gets a new reference, whatever its row number or the manifest's file name.
 *
 * <p>The reference is {@code sha256:} and the SHA-256, in lower-case hex, of the letter's wire
 * profile v1 JSON (the form the outbox stores) with its keys sorted, a line feed, and the PDF's
 * SHA-256 in lower-case hex. A ШПИ taken from a range is left out, because the row has none until
 * the outbox gives it one.
 */
public final class LetterReferences {
  /** The start of every reference this class makes. */
  public static final String PREFIX = "sha256:";

  private static final ObjectMapper SORTED =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private LetterReferences() {}

  /**
   * Returns the reference of a letter.
   *
   * @param letter the letter as the manifest row defines it
   * @param allocated true when the letter's ШПИ is a placeholder for one taken from a range
   * @param attachmentSha256 the PDF's SHA-256 in lower-case hex
   */
  public static String of(Letter letter, boolean allocated, String attachmentSha256) {
    ObjectMapper wire = WireProfileV1.objectMapper();
    try {
      ObjectNode json = (ObjectNode) wire.readTree(WireProfileV1.toJson(LetterJson.from(letter)));
      if (allocated) {
        json.remove("barcode");
      }
      byte[] canonical = SORTED.writeValueAsBytes(SORTED.convertValue(json, Map.class));
      MessageDigest digest = Sha256.newDigest();
      digest.update(canonical);
      digest.update((byte) '\n');
      digest.update(attachmentSha256.getBytes(StandardCharsets.US_ASCII));
      return PREFIX + HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new IllegalStateException("Failed to write the letter's JSON in canonical form", e);
    }
  }

  /** Returns the SHA-256 of a file in lower-case hex, read once in blocks. */
  public static String sha256(Path file) throws IOException {
    return Sha256.hex(file);
  }
}
