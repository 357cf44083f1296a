package org.ezpsdk.examples.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of files that must be UTF-8 (letters, manifests, secrets). The JDK's usual decoding
 * replaces invalid bytes with U+FFFD, so a file saved in another encoding would be read as damaged
 * text instead of being rejected. The class is not part of the SDK's API.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * Decodes {@code bytes} as UTF-8, keeping a leading byte order mark as U+FEFF.
   *
   * @throws CharacterCodingException when the bytes are not valid UTF-8
   */
  public static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
