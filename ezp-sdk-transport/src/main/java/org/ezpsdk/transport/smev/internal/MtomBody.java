package org.ezpsdk.transport.smev.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * An SOAP message with MTOM/XOP attachments as {@code multipart/related}: the envelope first, then
 * each attachment streamed from its file when the body is written.
 */
public final class MtomBody {
  private static final String ROOT_ID = "root.message@ezpsdk";

  private final byte[] envelope;
  private final List<FilePart> files;
  private final String boundary = "uuid:" + UUID.randomUUID();

  /** One attachment: its contentId, media type and file. */
  public record FilePart(String contentId, String mimeType, Path file) {}

  public MtomBody(byte[] envelope, List<FilePart> files) {
    this.envelope = envelope;
    this.files = List.copyOf(files);
  }

  /** Returns the Content-Type header of the whole body. */
  public String contentType() {
    if (files.isEmpty()) {
      return "text/xml; charset=UTF-8";
    }
    return "multipart/related; type=\"application/xop+xml\"; boundary=\""
        + boundary
        + "\"; start=\"<"
        + ROOT_ID
        + ">\"; start-info=\"text/xml\"";
  }

  /** Returns the body length in bytes, computed from the file sizes. */
  public long contentLength() throws IOException {
    if (files.isEmpty()) {
      return envelope.length;
    }
    long length = rootHeader().length + envelope.length;
    for (FilePart file : files) {
      length += partHeader(file).length + Files.size(file.file());
    }
    return length + closing().length;
  }

  /** Writes the body, reading each attachment file once. */
  public void writeTo(OutputStream out) throws IOException {
    if (files.isEmpty()) {
      out.write(envelope);
      return;
    }
    out.write(rootHeader());
    out.write(envelope);
    for (FilePart file : files) {
      out.write(partHeader(file));
      try (InputStream in = Files.newInputStream(file.file())) {
        in.transferTo(out);
      }
    }
    out.write(closing());
  }

  private byte[] rootHeader() {
    return ascii(
        "--"
            + boundary
            + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\""
            + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <"
            + ROOT_ID
            + ">\r\n\r\n");
  }

  private byte[] partHeader(FilePart file) {
    return ascii(
        "\r\n--"
            + boundary
            + "\r\nContent-Type: "
            + file.mimeType()
            + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <"
            + file.contentId()
            + ">\r\n\r\n");
  }

  private byte[] closing() {
    return ascii("\r\n--" + boundary + "--\r\n");
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
