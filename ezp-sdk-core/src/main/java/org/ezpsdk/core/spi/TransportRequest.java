package org.ezpsdk.core.spi;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request of the wire profile, independent of the transport that carries it.
 *
 * @param operation a short name of what the request does, such as {@code sendLetter}; transports
 *     that do not speak HTTP (СМЭВ) route by it
 * @param method the HTTP method
 * @param uri the absolute URL
 * @param headers request headers; {@code Authorization} is never printed by {@link #toString()}
 * @param body the body, or {@code null} for none
 */
public record TransportRequest(
    String operation, String method, URI uri, Map<String, String> headers, Body body) {

  public TransportRequest {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
  }

  /** Returns a copy with one more header. */
  public TransportRequest withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new TransportRequest(operation, method, uri, copy, body);
  }

  @Override
  public String toString() {
    return "TransportRequest[" + operation + " " + method + " " + uri + "]";
  }

  /** A request body. */
  public sealed interface Body permits Bytes, Multipart {}

  /**
   * A body held in memory, such as JSON.
   *
   * @param contentType the media type, such as {@code application/json}
   * @param content the bytes
   */
  public record Bytes(String contentType, byte[] content) implements Body {}

  /** A {@code multipart/form-data} body. */
  public record Multipart(List<Part> parts) implements Body {
    public Multipart {
      parts = List.copyOf(parts);
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of a multipart body. */
    public static final class Builder {
      private final List<Part> parts = new ArrayList<>();

      public Builder add(Part part) {
        parts.add(part);
        return this;
      }

      public Multipart build() {
        return new Multipart(parts);
      }
    }
  }

  /**
   * One part of a multipart body. Exactly one of {@code content} and {@code file} is set; a file is
   * streamed from disk when the request is written, so a large PDF is never loaded whole.
   *
   * @param name the form field name
   * @param fileName the file name sent with the part, or {@code null}
   * @param contentType the media type of the part
   * @param content the bytes, or {@code null} when {@code file} is set
   * @param file the file to stream, or {@code null} when {@code content} is set
   */
  public record Part(String name, String fileName, String contentType, byte[] content, Path file) {
    public Part {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(contentType, "contentType");
      if ((content == null) == (file == null)) {
        throw new IllegalArgumentException("a part needs exactly one of content and file");
      }
    }

    public static Part ofBytes(String name, String fileName, String contentType, byte[] content) {
      return new Part(name, fileName, contentType, content, null);
    }

    public static Part ofFile(String name, String fileName, String contentType, Path file) {
      return new Part(name, fileName, contentType, null, file);
    }
  }
}
