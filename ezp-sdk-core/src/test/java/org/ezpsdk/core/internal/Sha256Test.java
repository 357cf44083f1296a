package org.ezpsdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  // FIPS 180-2, appendix B.1: SHA-256("abc").
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void hashesStreamToLowerCaseHex() throws IOException {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);

    assertThat(Sha256.hex(new ByteArrayInputStream(abc))).isEqualTo(ABC);
  }

  @Test
  void hashesFileLargerThanBuffer(@TempDir Path dir) throws IOException {
    byte[] content = new byte[200_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Path file = Files.write(dir.resolve("large.pdf"), content);

    assertThat(Sha256.hex(file))
        .isEqualTo(java.util.HexFormat.of().formatHex(Sha256.newDigest().digest(content)));
  }
}
