package org.ezpsdk.testkit.internal.smev;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.spi.TransportResponse;
import org.ezpsdk.transport.smev.SmevBusinessContent.CarriedPart;
import org.ezpsdk.transport.smev.SmevBusinessContent.CarriedRequest;

/**
 * Hands a request carried over СМЭВ to the emulator's own wire-profile API over loopback HTTP, with
 * the Basic credentials of the sender the ЭП-ОВ certificate belongs to, so it is checked and stored
 * exactly like a request sent over HTTP.
 */
public final class SmevForwarder implements AutoCloseable {
  private static final Set<String> RESPONSE_HEADERS =
      Set.of("Content-Type", "Location", "Retry-After", "X-Request-Id");
  private static final Set<String> SKIPPED_HEADERS =
      Set.of("host", "content-length", "content-type", "authorization", "transfer-encoding");

  private final URI baseUri;
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .readTimeout(5, TimeUnit.MINUTES)
          .writeTimeout(5, TimeUnit.MINUTES)
          .retryOnConnectionFailure(false)
          .build();

  public SmevForwarder(URI baseUri) {
    this.baseUri = baseUri;
  }

  /**
   * Sends the carried request and returns the emulator's response.
   *
   * @param attachments the MTOM attachment files by contentId
   * @param signatures the SignaturePKCS7 (base64) of each attachment by contentId
   */
  public TransportResponse forward(
      CarriedRequest carried,
      Credentials sender,
      Map<String, Path> attachments,
      Map<String, String> signatures)
      throws IOException {
    String path =
        carried.pathAndQuery().startsWith("/")
            ? carried.pathAndQuery().substring(1)
            : carried.pathAndQuery();
    Request.Builder request = new Request.Builder().url(baseUri.resolve(path).toString());
    carried
        .headers()
        .forEach(
            (name, value) -> {
              if (!SKIPPED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
              }
            });
    request.header("Authorization", sender.authorizationHeader());
    request.method(carried.method(), body(carried, attachments, signatures));
    try (Response response = http.newCall(request.build()).execute()) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : RESPONSE_HEADERS) {
        String value = response.header(name);
        if (value != null) {
          headers.put(name, value);
        }
      }
      return new TransportResponse(response.code(), headers, response.body().bytes());
    }
  }

  private static RequestBody body(
      CarriedRequest carried, Map<String, Path> attachments, Map<String, String> signatures) {
    if (!carried.parts().isEmpty()) {
      MultipartBody.Builder multipart = new MultipartBody.Builder().setType(MultipartBody.FORM);
      for (CarriedPart part : carried.parts()) {
        multipart.addFormDataPart(
            part.name(), part.fileName(), partBody(part, attachments, signatures));
      }
      return multipart.build();
    }
    if (carried.body() != null) {
      return RequestBody.create(carried.body(), MediaType.get(carried.bodyContentType()));
    }
    return carried.method().equals("GET") || carried.method().equals("HEAD")
        ? null
        : RequestBody.create(new byte[0]);
  }

  private static RequestBody partBody(
      CarriedPart part, Map<String, Path> attachments, Map<String, String> signatures) {
    MediaType type = MediaType.get(part.contentType());
    if (part.contentId() != null) {
      Path file = attachments.get(part.contentId());
      if (file == null) {
        throw new IllegalArgumentException(
            "part "
                + part.name()
                + " refers to attachment "
                + part.contentId()
                + ", which is missing");
      }
      return RequestBody.create(file.toFile(), type);
    }
    if (part.signatureOf() != null) {
      String signature = signatures.get(part.signatureOf());
      if (signature == null) {
        throw new IllegalArgumentException(
            "part "
                + part.name()
                + " refers to the signature of "
                + part.signatureOf()
                + ", which has none");
      }
      return RequestBody.create(Base64.getMimeDecoder().decode(signature), type);
    }
    return RequestBody.create(part.content(), type);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
