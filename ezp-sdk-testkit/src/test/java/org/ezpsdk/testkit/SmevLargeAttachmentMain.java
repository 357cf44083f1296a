package org.ezpsdk.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.signing.KeySources;
import org.ezpsdk.transport.smev.SmevTransport;

/**
 * Sends one file through the smev transport in a JVM with a small heap and prints the status of the
 * response. Arguments: the СМЭВ endpoint, the PEM key, the PEM certificate, the file.
 */
public final class SmevLargeAttachmentMain {
  private SmevLargeAttachmentMain() {}

  public static void main(String[] args) throws Exception {
    try (SmevTransport transport =
        SmevTransport.builder()
            .endpoint(URI.create(args[0]))
            .credentials(KeySources.fromPem(Path.of(args[1]), Path.of(args[2]), null))
            .build()) {
      TransportRequest.Multipart body =
          TransportRequest.Multipart.builder()
              .add(
                  TransportRequest.Part.ofBytes(
                      "letter", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)))
              .add(
                  TransportRequest.Part.ofFile(
                      "attachment", "large.pdf", "application/pdf", Path.of(args[3])))
              .build();
      TransportResponse response =
          transport.execute(
              new TransportRequest(
                  "sendLetter",
                  "POST",
                  URI.create("http://eps.invalid/api/v1/letters"),
                  Map.of("Idempotency-Key", "large-attachment"),
                  body));
      System.out.println("status " + response.statusCode());
    }
  }
}
