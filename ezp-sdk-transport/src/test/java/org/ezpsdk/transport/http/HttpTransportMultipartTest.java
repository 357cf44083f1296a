package org.ezpsdk.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.BufferedSource;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportRequest.Multipart;
import org.ezpsdk.core.spi.TransportRequest.Part;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransportMultipartTest {

  @TempDir Path directory;

  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = HttpTransport.create();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  /** One part as the server parsed it. */
  private record ReceivedPart(String disposition, String contentType, byte[] content) {}

  private TransportRequest sendLetter(Multipart body) {
    URI uri = URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/letters");
    return new TransportRequest(
        "sendLetter", "POST", uri, Map.of("Idempotency-Key", "80080012345678"), body);
  }

  private RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest recorded = server.takeRequest(30, TimeUnit.SECONDS);
    assertThat(recorded).as("request recorded by the server").isNotNull();
    return recorded;
  }

  private static List<ReceivedPart> parseMultipart(RecordedRequest recorded) throws IOException {
    MediaType type = MediaType.parse(recorded.getHeaders().get("Content-Type"));
    assertThat(type).as("request content type").isNotNull();
    assertThat(type.type() + "/" + type.subtype()).isEqualTo("multipart/form-data");
    List<ReceivedPart> parts = new ArrayList<>();
    Buffer body = new Buffer().write(recorded.getBody());
    try (MultipartReader reader = new MultipartReader(body, type.parameter("boundary"))) {
      for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
        try (BufferedSource content = part.body()) {
          parts.add(
              new ReceivedPart(
                  part.headers().get("Content-Disposition"),
                  part.headers().get("Content-Type"),
                  content.readByteArray()));
        }
      }
    }
    return parts;
  }

  @Test
  void multipartArrivesIntact() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    byte[] letter = "{\"barcode\":\"80080012345678\"}".getBytes(StandardCharsets.UTF_8);
    byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
    Path pdfFile = Files.write(directory.resolve("letter.pdf"), pdf);
    byte[] signature = {0x30, (byte) 0x82, 0x01, 0x00, 0x06, 0x09};
    Multipart body =
        Multipart.builder()
            .add(Part.ofBytes("letter", null, "application/json", letter))
            .add(Part.ofFile("attachment", "letter.pdf", "application/pdf", pdfFile))
            .add(
                Part.ofBytes(
                    "signature", "letter.pdf.sig", "application/pkcs7-signature", signature))
            .build();

    transport.execute(sendLetter(body));

    List<ReceivedPart> parts = parseMultipart(takeRequest());
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0).disposition()).isEqualTo("form-data; name=\"letter\"");
    assertThat(parts.get(0).contentType()).isEqualTo("application/json");
    assertThat(parts.get(0).content()).isEqualTo(letter);
    assertThat(parts.get(1).disposition())
        .isEqualTo("form-data; name=\"attachment\"; filename=\"letter.pdf\"");
    assertThat(parts.get(1).contentType()).isEqualTo("application/pdf");
    assertThat(parts.get(1).content()).isEqualTo(pdf);
    assertThat(parts.get(2).disposition())
        .isEqualTo("form-data; name=\"signature\"; filename=\"letter.pdf.sig\"");
    assertThat(parts.get(2).contentType()).isEqualTo("application/pkcs7-signature");
    assertThat(parts.get(2).content()).isEqualTo(signature);
  }

  @Test
  void streamsLargeFilePart() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Path pdfFile = directory.resolve("large.pdf");
    long size = 20L * 1024 * 1024;
    writeRandomFile(pdfFile, size);
    Multipart body =
        Multipart.builder()
            .add(Part.ofFile("attachment", "large.pdf", "application/pdf", pdfFile))
            .build();

    transport.execute(sendLetter(body));

    RecordedRequest recorded = takeRequest();
    List<ReceivedPart> parts = parseMultipart(recorded);
    assertThat(parts).hasSize(1);
    assertThat(parts.get(0).content()).hasSize((int) size);
    assertThat(sha256(parts.get(0).content())).isEqualTo(sha256(pdfFile));
    assertThat(recorded.getHeaders().get("Content-Length"))
        .as("a file of known size is sent with Content-Length, not chunked")
        .isEqualTo(Long.toString(recorded.getBodySize()));
  }

  @Test
  void rejectsMissingFileBeforeSending() {
    Path missing = directory.resolve("gone.pdf");
    Multipart body =
        Multipart.builder()
            .add(Part.ofFile("attachment", "gone.pdf", "application/pdf", missing))
            .build();

    assertThatThrownBy(() -> transport.execute(sendLetter(body)))
        .isInstanceOf(EzpClientException.class)
        .hasMessageContaining("'" + missing + "'")
        .hasMessageContaining("part 'attachment'")
        .hasMessageContaining("no such file");
    assertThat(server.getRequestCount()).as("requests received").isZero();
  }

  private static void writeRandomFile(Path file, long size) throws IOException {
    Random random = new Random(20_240_601L);
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
      }
    }
  }

  private static String sha256(byte[] content) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
