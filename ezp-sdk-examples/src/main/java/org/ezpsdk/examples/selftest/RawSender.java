package org.ezpsdk.examples.selftest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.spi.Transport;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportRequest.Multipart;
import org.ezpsdk.core.spi.TransportRequest.Part;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.core.wire.WireProfileV1;

/**
 * Sends letters as raw wire profile v1 requests, past the SDK's local checks, to see that the
 * service itself rejects what the SDK would have stopped. Each request goes once, without retries.
 */
final class RawSender {
  private final Transport transport;
  private final Environment environment;
  private final Credentials credentials;

  RawSender(Transport transport, Environment environment, Credentials credentials) {
    this.transport = transport;
    this.environment = environment;
    this.credentials = credentials;
  }

  /**
   * Sends the letter JSON with the PDF and, unless {@code signature} is null, the signature part.
   */
  TransportResponse send(ObjectNode letterJson, Path pdf, byte[] signature)
      throws java.io.IOException {
    Multipart.Builder body =
        Multipart.builder()
            .add(Part.ofBytes("letter", null, "application/json", WireProfileV1.toJson(letterJson)))
            .add(
                Part.ofBytes(
                    "attachment",
                    pdf.getFileName().toString(),
                    "application/pdf",
                    Files.readAllBytes(pdf)));
    if (signature != null) {
      body.add(
          Part.ofBytes(
              "signature", pdf.getFileName() + ".sig", "application/pkcs7-signature", signature));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", credentials.authorizationHeader());
    headers.put(WireProfileV1.IDEMPOTENCY_KEY_HEADER, "selftest-raw-" + UUID.randomUUID());
    headers.put("Accept", "application/json");
    TransportRequest request =
        new TransportRequest(
            "sendLetter",
            "POST",
            environment.resolve(WireProfileV1.LETTERS_PATH),
            headers,
            body.build());
    return transport.execute(request);
  }
}
