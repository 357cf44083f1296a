package org.ezpsdk.testkit;

import java.time.Duration;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;

/** SDK clients of an emulator, signing with a 256-bit GOST test key made once per test run. */
final class TestClients {
  /** A GOST R 34.10-2012 256-bit key with a self-signed certificate. */
  static final SigningCredentials SENDER_KEY =
      TestKeys.generate(GostParameterSet.TC26_256_A, "Тестовый отправитель", Duration.ofDays(30));

  private TestClients() {}

  /** Returns a client of the emulator with its test credentials. */
  static EzpClient client(EpsEmulator emulator, Transport transport) {
    return client(emulator, EpsEmulator.testCredentials(), transport);
  }

  /** Returns a client of the emulator with the given credentials. */
  static EzpClient client(EpsEmulator emulator, Credentials credentials, Transport transport) {
    return client(emulator, credentials, transport, SENDER_KEY);
  }

  /** Returns a client of the emulator that signs with the given key. */
  static EzpClient client(
      EpsEmulator emulator, Credentials credentials, Transport transport, SigningCredentials key) {
    return EzpClient.builder()
        .environment(Environment.test(emulator.baseUri()))
        .credentials(credentials)
        .transport(transport)
        .signer(CadesSigner.of(key))
        .build();
  }

  /** Returns a client of the emulator with its test credentials and the retry policy. */
  static EzpClient client(EpsEmulator emulator, Transport transport, RetryPolicy policy) {
    return EzpClient.builder()
        .environment(Environment.test(emulator.baseUri()))
        .credentials(EpsEmulator.testCredentials())
        .transport(transport)
        .signer(CadesSigner.of(SENDER_KEY))
        .retryPolicy(policy)
        .build();
  }
}
