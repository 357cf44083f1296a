package org.ezpsdk.transport.smev;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.spi.TransportRequest;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.transport.smev.internal.Dom;
import org.ezpsdk.transport.smev.internal.MtomBody;
import org.ezpsdk.transport.smev.internal.RequestEnvelopes;
import org.ezpsdk.transport.smev.internal.TimeBasedUuid;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Builds signed СМЭВ envelopes the way the transport does, for tests without a server. */
final class Envelopes {
  static final SigningCredentials KEY =
      TestKeys.generate(GostParameterSet.TC26_256_A, "ИС отправителя", Duration.ofDays(1));

  private Envelopes() {}

  /** Returns a sendLetter request whose attachment is the file, with its detached signature. */
  static TransportRequest sendLetter(Path pdf) throws IOException {
    byte[] signature;
    try (var in = Files.newInputStream(pdf)) {
      signature = CadesSigner.of(KEY).signDetached(in);
    }
    TransportRequest.Multipart body =
        TransportRequest.Multipart.builder()
            .add(
                TransportRequest.Part.ofBytes(
                    "letter",
                    null,
                    "application/json",
                    "{\"barcode\":\"10100001000010\"}".getBytes(StandardCharsets.UTF_8)))
            .add(TransportRequest.Part.ofFile("attachment", "a.pdf", "application/pdf", pdf))
            .add(
                TransportRequest.Part.ofBytes(
                    "signature", "a.pdf.sig", "application/pkcs7-signature", signature))
            .build();
    return new TransportRequest(
        "sendLetter",
        "POST",
        URI.create("http://eps.invalid/api/v1/letters"),
        Map.of("Idempotency-Key", "10100001000010", "Authorization", "Basic c2VjcmV0"),
        body);
  }

  /** Builds a signed SendRequestRequest for the request, as the transport would send it. */
  static Document sendRequest(SmevVersion version, TransportRequest request, byte[] signature) {
    Document document = Dom.newDocument();
    Element business =
        new SmevBusinessContent(SmevBusinessContent.DEFAULT_NAMESPACE)
            .writeRequest(
                document,
                request,
                Map.of("attachment", "attachment-1"),
                Map.of("signature", "attachment-1"));
    RequestEnvelopes envelopes = new RequestEnvelopes(version, KEY);
    envelopes.sendRequest(
        new RequestEnvelopes.RequestData(
            TimeBasedUuid.next().toString(),
            version == SmevVersion.V1_2 ? "EZP-TEST" : null,
            true,
            version == SmevVersion.V1_3 ? List.of("EZP") : List.of()),
        business,
        List.of(new RequestEnvelopes.Attachment("attachment-1", "application/pdf", signature)));
    return document;
  }

  /** Writes the envelope with the attachment as a saved MIME file, as the transport saves it. */
  static Path saveMime(Document envelope, Path pdf, Path file) throws IOException {
    MtomBody body =
        new MtomBody(
            Dom.serialize(envelope),
            List.of(new MtomBody.FilePart("attachment-1", "application/pdf", pdf)));
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(("Content-Type: " + body.contentType() + "\r\n\r\n").getBytes());
      body.writeTo(out);
    }
    return file;
  }

  static byte[] signatureOf(TransportRequest request) {
    return ((TransportRequest.Multipart) request.body()).parts().get(2).content();
  }
}
