package org.ezpsdk.examples.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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
    return newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  /**
   * Decodes {@code bytes} as UTF-8 and drops a leading byte order mark, which Windows programs such
   * as Notepad write before UTF-8 text and which parsers reject as an unexpected character.
   *
   * @throws CharacterCodingException when the bytes are not valid UTF-8
   */
  public static String decodeText(byte[] bytes) throws CharacterCodingException {
    String text = decode(bytes);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * Returns the offset of the first byte that does not form a UTF-8 character, or -1 when all bytes
   * are valid UTF-8. A sequence cut short by the end of the bytes counts as invalid at its start.
   */
  public static int invalidOffset(byte[] bytes) {
    CharsetDecoder decoder = newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 decodes to at most one char per byte (four bytes give two chars), so the output
    // buffer is large enough.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return in.position();
    }
    return decoder.flush(out).isError() ? in.position() : -1;
  }

  private static CharsetDecoder newDecoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
