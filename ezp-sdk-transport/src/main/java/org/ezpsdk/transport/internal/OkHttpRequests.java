package org.ezpsdk.transport.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.spi.TransportRequest;

/** Converts the SDK's transport requests to OkHttp requests. */
public final class OkHttpRequests {

  private OkHttpRequests() {}

  /**
   * Parses the request URL and drops any user info, so the result is safe for logs and messages.
   *
   * @throws ConfigurationException when the URL is not an absolute http or https URL
   */
  public static HttpUrl url(TransportRequest request) {
    HttpUrl url = HttpUrl.parse(request.uri().toString());
    if (url == null) {
      String userInfo = request.uri().getRawUserInfo();
      String shown =
          userInfo == null
              ? request.uri().toString()
              : request.uri().toString().replace(userInfo, "");
      throw new ConfigurationException(
          request.operation()
              + ": the request URL '"
              + shown
              + "' is not an absolute http or https URL; check the endpoint of the environment");
    }
    return url.newBuilder().username("").password("").build();
  }

  /**
   * Builds the OkHttp request with the progress tracker attached as a tag.
   *
   * @throws IllegalArgumentException when a header name or value, a media type or the method is
   *     invalid. The message names a rejected header but never shows its value.
   * @throws EzpClientException when a file part cannot be read
   */
  public static Request toOkHttp(TransportRequest request, HttpUrl url, CallProgress progress) {
    String target = request.operation() + " " + request.method() + " " + url;
    Request.Builder builder = new Request.Builder().url(url).tag(CallProgress.class, progress);
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      addHeader(builder, target, header.getKey(), header.getValue());
    }
    RequestBody body = body(target, request.method(), request.body());
    try {
      builder.method(request.method(), body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(target + ": " + e.getMessage(), e);
    }
    return builder.build();
  }

  private static void addHeader(Request.Builder builder, String target, String name, String value) {
    try {
      builder.header(name, value);
    } catch (IllegalArgumentException e) {
      // OkHttp's message quotes the value of most headers, so it is not kept as the cause.
      throw new IllegalArgumentException(
          target
              + ": header '"
              + name
              + "' has a character that HTTP headers do not allow (only visible ASCII, space and"
              + " tab); its value is not shown");
    }
  }

  private static RequestBody body(String target, String method, TransportRequest.Body body) {
    if (body == null) {
      return requiresBody(method) ? RequestBody.create(new byte[0]) : null;
    }
    if (body instanceof TransportRequest.Bytes bytes) {
      return RequestBody.create(bytes.content(), mediaType(target, bytes.contentType()));
    }
    return multipart(target, (TransportRequest.Multipart) body);
  }

  private static RequestBody multipart(String target, TransportRequest.Multipart body) {
    if (body.parts().isEmpty()) {
      throw new IllegalArgumentException(target + ": a multipart body needs at least one part");
    }
    MultipartBody.Builder builder = new MultipartBody.Builder().setType(MultipartBody.FORM);
    for (TransportRequest.Part part : body.parts()) {
      builder.addFormDataPart(part.name(), part.fileName(), partBody(target, part));
    }
    return builder.build();
  }

  private static RequestBody partBody(String target, TransportRequest.Part part) {
    MediaType type = mediaType(target, part.contentType());
    if (part.content() != null) {
      return RequestBody.create(part.content(), type);
    }
    try {
      return new FileRequestBody(part.file(), type, Files.size(part.file()));
    } catch (IOException e) {
      throw new EzpClientException(
          target
              + ": cannot read file '"
              + part.file()
              + "' of part '"
              + part.name()
              + "' ("
              + fileProblem(e)
              + "); check that the file exists and is readable",
          e);
    }
  }

  private static String fileProblem(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "access denied";
    }
    return e.toString();
  }

  private static MediaType mediaType(String target, String contentType) {
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    if (contentType != null && type == null) {
      throw new IllegalArgumentException(
          target
              + ": content type '"
              + contentType
              + "' is not a valid media type; use a value such as application/json");
    }
    return type;
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST")
        || method.equals("PUT")
        || method.equals("PATCH")
        || method.equals("PROPPATCH")
        || method.equals("REPORT");
  }
}
