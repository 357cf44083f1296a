package org.ezpsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ezpsdk.testkit.TestLetters.a4Pdf;
import static org.ezpsdk.testkit.TestLetters.nextBarcode;
import static org.ezpsdk.testkit.TestLetters.paperLetter;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.SendResult;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.KeySources;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.transport.http.HttpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends with a canary sender token and key password while every logger is at TRACE, through
 * successes, retries and failures, and checks that the canaries appear in no log line, exception
 * message, stack trace or {@code toString()}.
 *
 * <p>The module's build runs this class in its own test JVM with {@code
 * org.slf4j.simpleLogger.defaultLogLevel=trace}; slf4j-simple writes to {@link System#err}, which
 * this test captures.
 */
class SecretLeakTest {
  private static final String CANARY_TOKEN = "canary-token-b71e04d2";
  private static final String CANARY_PASSWORD = "canary-password-93af51c0";
  private static final String SENDER_ID = "canary-sender";

  private static final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private static PrintStream originalErr;

  @TempDir Path files;

  private final List<String> texts = new ArrayList<>();

  @BeforeAll
  static void captureLog() {
    // Only a JVM whose loggers run at TRACE can show that no log line leaks a secret.
    assumeTrue(
        "trace".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")),
        "run by the module's secrets-at-trace test execution");
    originalErr = System.err;
    System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void restoreLog() {
    if (originalErr != null) {
      System.setErr(originalErr);
    }
  }

  @Test
  void canariesAppearNowhere() throws Exception {
    Credentials canary = Credentials.of(SENDER_ID, CANARY_TOKEN);
    SigningCredentials key = loadKeyWithCanaryPassword();
    Path pdf = a4Pdf(files, "a.pdf", 1);
    FaultPlan faults =
        FaultPlan.parse(List.of("drop-after-commit=every2@sendLetter", "status-503=every3:0s"), 1);

    try (EpsEmulator emulator =
            EpsEmulator.builder().credentials(canary).faults(faults).build().start();
        HttpTransport transport = HttpTransport.create()) {
      EzpClient client = client(emulator.baseUri(), canary, transport, key);
      for (int i = 0; i < 4; i++) {
        SendResult result = client.send(paperLetter(nextBarcode(), false), pdf);
        record(result);
        record(client.status(result.letterId()));
      }
      record(client);
      record(transport);
      record(emulator);
      record(canary);
      record(key);

      EzpClient wrongSender =
          client(emulator.baseUri(), Credentials.of("other", CANARY_TOKEN), transport, key);
      recordFailure(() -> wrongSender.send(paperLetter(nextBarcode(), false), pdf));
      recordFailure(
          () ->
              client(closedPort(), canary, transport, key)
                  .send(paperLetter(nextBarcode(), false), pdf));
    }
    recordFailure(
        () ->
            KeySources.fromPem(
                files.resolve("key.pem"), files.resolve("cert.pem"), "wrong".toCharArray()));
    recordFailure(() -> Credentials.of(SENDER_ID + ":" + CANARY_TOKEN, CANARY_TOKEN));

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).as("log at TRACE").contains("DEBUG");
    assertThat(texts).as("messages and strings checked").hasSizeGreaterThan(10);
    for (String secret : secrets()) {
      assertThat(log).as("log output").doesNotContain(secret);
      for (String text : texts) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  private SigningCredentials loadKeyWithCanaryPassword() {
    SigningCredentials generated = TestClients.SENDER_KEY;
    Path keyFile = files.resolve("key.pem");
    Path certFile = files.resolve("cert.pem");
    TestKeys.writePem(generated, keyFile, certFile, CANARY_PASSWORD.toCharArray());
    return KeySources.fromPem(keyFile, certFile, CANARY_PASSWORD.toCharArray());
  }

  private static EzpClient client(
      URI endpoint, Credentials credentials, HttpTransport transport, SigningCredentials key) {
    return EzpClient.builder()
        .environment(Environment.test(endpoint))
        .credentials(credentials)
        .transport(transport)
        .signer(CadesSigner.of(key))
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .build())
        .build();
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }
  }

  private static List<String> secrets() {
    String pair = SENDER_ID + ":" + CANARY_TOKEN;
    return List.of(
        CANARY_TOKEN,
        CANARY_PASSWORD,
        Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
        Base64.getEncoder()
            .encodeToString(("other:" + CANARY_TOKEN).getBytes(StandardCharsets.UTF_8)));
  }

  private void record(Object value) {
    texts.add(String.valueOf(value));
  }

  private void recordFailure(ThrowingRunnable action) {
    try {
      action.run();
      texts.add("no failure");
    } catch (Exception e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      texts.add(e.toString());
      texts.add(trace.toString());
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }

    @Override
    public synchronized void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
