package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With trusted certificates configured, only their holders' signatures are accepted. */
class SignerTrustTest {
  private static final SigningCredentials STRANGER =
      TestKeys.generate(GostParameterSet.TC26_256_B, "Untrusted Stranger", Duration.ofDays(1));

  @TempDir Path files;

  @Test
  void acceptsTrustedSigner() throws Exception {
    try (EpsEmulator emulator = trustingSenderKey();
        HttpTransport transport = HttpTransport.create()) {
      SendResult receipt =
          TestClients.client(emulator, transport)
              .send(paperLetter(nextBarcode(), false), a4Pdf(files, "a.pdf", 1));

      assertThat(receipt.status()).isEqualTo(LetterStatus.ACCEPTED);
    }
  }

  @Test
  void rejectsValidSignatureOfUntrustedSigner() throws Exception {
    try (EpsEmulator emulator = trustingSenderKey();
        HttpTransport transport = HttpTransport.create()) {
      Path pdf = a4Pdf(files, "a.pdf", 1);

      EzpServiceException error =
          catchThrowableOfType(
              EzpServiceException.class,
              () ->
                  TestClients.client(emulator, EpsEmulator.testCredentials(), transport, STRANGER)
                      .send(paperLetter(nextBarcode(), false), pdf));

      assertThat(error.httpStatus()).isEqualTo(422);
      assertThat(error.errorCode()).isEqualTo("SIGNER_NOT_TRUSTED");
      assertThat(error.errors().get(0).message()).contains("Untrusted Stranger");
    }
  }

  private static EpsEmulator trustingSenderKey() {
    return EpsEmulator.builder()
        .trustedSignerCertificates(List.of(TestClients.SENDER_KEY.certificate()))
        .build()
        .start();
  }
}
