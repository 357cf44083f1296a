package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.ezpsdk.core.ChildJvm;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.transport.smev.SmevVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attachment larger than the sender's heap goes through СМЭВ as MTOM: the transport signs and
 * streams it from disk, and the emulator verifies its SignaturePKCS7 and hands it on.
 */
class SmevLargeAttachmentTest {
  private static final long ATTACHMENT_BYTES = 96L * 1024 * 1024;

  @TempDir Path files;

  @Test
  void attachmentLargerThanHeapIsStreamed() throws IOException, InterruptedException {
    Path file = files.resolve("large.pdf");
    try (RandomAccessFile large = new RandomAccessFile(file.toFile(), "rw")) {
      large.setLength(ATTACHMENT_BYTES);
    }
    Path key = files.resolve("key.pem");
    Path cert = files.resolve("cert.pem");
    TestKeys.writePem(SmevTransportTest.SYSTEM_KEY, key, cert, null);
    try (EpsEmulator emulator =
        EpsEmulator.builder().maxRequestBytes(2 * ATTACHMENT_BYTES).build().start()) {

      ChildJvm.Result result =
          ChildJvm.run(
              SmevLargeAttachmentMain.class,
              "-Xmx48m",
              emulator.smevUri(SmevVersion.V1_3).toString(),
              key.toString(),
              cert.toString(),
              file.toString());

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).containsPattern("status 4\\d\\d");
      assertThat(emulator.requestCount("smevSendRequest")).isEqualTo(1);
      assertThat(emulator.requestCount("sendLetter")).isEqualTo(1);
    }
  }
}
