package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signs and verifies a 50 MB file written to disk in chunks, so that the test itself never keeps
 * the content in memory. Running it with a heap smaller than the file (for example {@code -Xmx32m})
 * shows that signing and verification stream.
 */
class StreamingSignatureTest {
  private static final int CHUNK = 1 << 20;
  private static final int CHUNKS = 50;

  @TempDir Path dir;

  @Test
  void signsAndVerifiesFiftyMegabyteFile() throws IOException {
    Path content = dir.resolve("large.pdf");
    writeRandomFile(content);
    SigningCredentials credentials =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Bulk sender", Duration.ofDays(1));

    byte[] signature = CadesSigner.of(credentials).signDetached(content);
    VerificationResult result = CadesVerifier.create().verifyDetached(content, signature);

    assertThat(Files.size(content)).isEqualTo((long) CHUNK * CHUNKS);
    assertThat(result.valid()).as(result.failureReason()).isTrue();
  }

  private static void writeRandomFile(Path file) throws IOException {
    Random random = new Random(7);
    byte[] chunk = new byte[CHUNK];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < CHUNKS; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
  }
}
