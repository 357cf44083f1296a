package org.ezpsdk.transport.smev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ezpsdk.core.ChildJvm;
import org.ezpsdk.core.spi.TransportRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Envelopes signed here verify in a fresh JVM, where Santuario and the СМЭВ algorithms are
 * registered anew; one changed byte in the business content, the attachment or the signature fails
 * with its own reason.
 */
class SmevSignatureRoundTripTest {
  @TempDir static Path dir;
  private static ChildJvm.Result result;

  @BeforeAll
  static void signTamperAndVerifyInChildJvm() throws Exception {
    Path pdf = Files.write(dir.resolve("letter.pdf"), "%PDF-1.7 the letter".getBytes());
    Path otherPdf = Files.write(dir.resolve("other.pdf"), "%PDF-1.7 the letter".getBytes());
    TransportRequest request = Envelopes.sendLetter(pdf);
    byte[] signature = Envelopes.signatureOf(request);
    for (SmevVersion version : SmevVersion.values()) {
      Envelopes.saveMime(
          Envelopes.sendRequest(version, request, signature), pdf, dir.resolve("valid-" + version));
    }
    Path original =
        Envelopes.saveMime(
            Envelopes.sendRequest(SmevVersion.V1_1, request, signature), pdf, dir.resolve("base"));
    // The business element carries operation="sendLetter" inside the signed block.
    replace(original, "operation=\"sendLetter\"", "operation=\"sendLettes\"", "business");
    Files.write(otherPdf, "%PDF-1.7 the lettes".getBytes());
    Envelopes.saveMime(
        Envelopes.sendRequest(SmevVersion.V1_1, request, signature),
        otherPdf,
        dir.resolve("attachment"));
    tamperSignatureValue(original, "signature");

    result =
        ChildJvm.run(
            InspectEnvelopeMain.class,
            "-Xmx256m",
            path("valid-V1_1"),
            path("valid-V1_2"),
            path("valid-V1_3"),
            path("business"),
            path("attachment"),
            path("signature"));
  }

  @Test
  void verifiesEveryVersionInFreshJvm() {
    assertThat(result.output()).contains("valid-V1_1 signature=NONE attachment=VALID");
    assertThat(result.output()).contains("valid-V1_2 signature=NONE attachment=VALID");
    assertThat(result.output()).contains("valid-V1_3 signature=NONE attachment=VALID");
  }

  @Test
  void changedBusinessContentFailsDigest() {
    assertThat(result.output()).contains("business signature=DIGEST_MISMATCH attachment=VALID");
  }

  @Test
  void changedAttachmentFailsAttachmentSignature() {
    assertThat(result.output())
        .containsPattern("attachment signature=NONE attachment=CONTENT_DIGEST_MISMATCH");
  }

  @Test
  void changedSignatureValueFailsSignatureCheck() {
    assertThat(result.output())
        .contains("signature signature=SIGNATURE_VALUE_INVALID attachment=VALID");
  }

  @Test
  void childExitsThreeWhenAnyCheckFails() {
    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void replace(Path source, String from, String to, String target) throws Exception {
    String text = Files.readString(source, StandardCharsets.ISO_8859_1);
    assertThat(text).contains(from);
    Files.writeString(dir.resolve(target), text.replace(from, to), StandardCharsets.ISO_8859_1);
  }

  /** Changes one base64 character of the SignatureValue, which changes one byte of it. */
  private static void tamperSignatureValue(Path source, String target) throws Exception {
    byte[] bytes = Files.readAllBytes(source);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("SignatureValue>") + "SignatureValue>".length();
    byte[] changed = Arrays.copyOf(bytes, bytes.length);
    changed[start + 10] = (byte) (changed[start + 10] == 'A' ? 'B' : 'A');
    Files.write(dir.resolve(target), changed);
  }
}
