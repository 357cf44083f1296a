package org.ezpsdk.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Okio;
import org.ezpsdk.core.internal.Sha256;
import org.ezpsdk.core.wire.ErrorBody;

/**
 * Reads the {@code multipart/form-data} body of a send request with OkHttp's {@link
 * MultipartReader}. The attachment is streamed to a temporary file while its SHA-256 is computed,
 * so a large PDF never sits in memory. The {@code letter} and {@code signature} parts are small and
 * read into memory up to {@link #MAX_SMALL_PART_BYTES}. Parts with other names are skipped.
 */
public final class UploadReader {
  /** The maximum size of the {@code letter} or {@code signature} part: 1 MiB. */
  static final int MAX_SMALL_PART_BYTES = 1024 * 1024;

  static final String LETTER = "letter";
  static final String ATTACHMENT = "attachment";
  static final String SIGNATURE = "signature";

  private static final Pattern NAME =
      Pattern.compile(";\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern FILE_NAME =
      Pattern.compile(
          ";\\s*filename\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNSAFE_FILE_NAME_CHARACTERS = Pattern.compile("[^\\p{L}\\p{N}._ -]");

  private final Path temporaryRoot;
  private final long maxRequestBytes;

  /**
   * @param temporaryRoot the directory under which each attachment gets a directory of its own
   * @param maxRequestBytes the largest request body accepted, in bytes
   */
  public UploadReader(Path temporaryRoot, long maxRequestBytes) {
    this.temporaryRoot = temporaryRoot;
    this.maxRequestBytes = maxRequestBytes;
  }

  /**
   * Reads the request body.
   *
   * @throws ApiException 413 when the body is over the limit, 415 when it is not multipart, 400
   *     when it is malformed or a part is missing or repeated
   */
  public LetterUpload read(HttpExchange exchange) {
    InputStream body = exchange.getRequestBody();
    String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declaredLength != null && parseLength(declaredLength) > maxRequestBytes) {
      discard(body);
      throw tooLarge();
    }
    String boundary = boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
    BoundedInputStream bounded = new BoundedInputStream(body, maxRequestBytes);
    Parts parts = new Parts();
    try {
      readParts(bounded, boundary, parts);
    } catch (IOException e) {
      parts.deleteAttachment();
      discard(body);
      if (bounded.exceeded) {
        throw tooLarge();
      }
      throw ApiException.of(
          400,
          "MALFORMED_MULTIPART",
          null,
          "the multipart body could not be read ("
              + e.getMessage()
              + "); send a valid multipart/form-data body");
    } catch (ApiException e) {
      parts.deleteAttachment();
      discard(body);
      throw e;
    }
    return parts.toUpload();
  }

  private void readParts(InputStream body, String boundary, Parts parts) throws IOException {
    try (MultipartReader reader = new MultipartReader(Okio.buffer(Okio.source(body)), boundary)) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        readPart(part, parts);
      }
    }
  }

  private void readPart(MultipartReader.Part part, Parts parts) throws IOException {
    try (part) {
      String disposition = part.headers().get("Content-Disposition");
      String name = parameter(NAME, disposition);
      if (name == null) {
        return;
      }
      InputStream content = part.body().inputStream();
      switch (name) {
        case LETTER -> parts.letter = readSmall(content, LETTER, parts.letter);
        case SIGNATURE -> parts.signature = readSmall(content, SIGNATURE, parts.signature);
        case ATTACHMENT -> readAttachment(content, parameter(FILE_NAME, disposition), parts);
        default -> {
          // Unknown parts are skipped: the next nextPart() discards the rest of this one.
        }
      }
    }
  }

  private static byte[] readSmall(InputStream content, String name, byte[] earlier)
      throws IOException {
    if (earlier != null) {
      throw duplicated(name);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = content.read(buffer)) != -1) {
      out.write(buffer, 0, read);
      if (out.size() > MAX_SMALL_PART_BYTES) {
        throw ApiException.of(
            413,
            "PART_TOO_LARGE",
            name,
            "the " + name + " part is over " + MAX_SMALL_PART_BYTES + " bytes");
      }
    }
    return out.toByteArray();
  }

  private void readAttachment(InputStream content, String fileName, Parts parts)
      throws IOException {
    if (parts.attachment != null) {
      throw duplicated(ATTACHMENT);
    }
    Path directory = Files.createTempDirectory(temporaryRoot, "upload-");
    parts.attachment = directory.resolve(safeFileName(fileName));
    MessageDigest digest = Sha256.newDigest();
    try (OutputStream out =
        new DigestOutputStream(Files.newOutputStream(parts.attachment), digest)) {
      content.transferTo(out);
    }
    parts.attachmentSha256 = HexFormat.of().formatHex(digest.digest());
  }

  /** Keeps the sender's file name, which preflight messages quote, without path characters. */
  static String safeFileName(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      return "attachment.pdf";
    }
    String name =
        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    name = UNSAFE_FILE_NAME_CHARACTERS.matcher(name).replaceAll("_");
    if (name.length() > 100) {
      name = name.substring(name.length() - 100);
    }
    return name.isBlank() || name.startsWith(".") ? "attachment.pdf" : name;
  }

  private static String boundary(String contentType) {
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    String boundary = type == null ? null : type.parameter("boundary");
    if (type == null
        || !"multipart".equals(type.type())
        || !"form-data".equals(type.subtype())
        || boundary == null) {
      throw ApiException.of(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Content-Type",
          "the request body is '"
              + contentType
              + "'; send multipart/form-data with a boundary and the parts letter, attachment and"
              + " signature");
    }
    return boundary;
  }

  private static String parameter(Pattern pattern, String disposition) {
    if (disposition == null) {
      return null;
    }
    Matcher matcher = pattern.matcher(disposition);
    if (!matcher.find()) {
      return null;
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private ApiException tooLarge() {
    return ApiException.of(
        413,
        "PAYLOAD_TOO_LARGE",
        null,
        "the request body is over the limit of " + maxRequestBytes + " bytes");
  }

  /**
   * Reads and discards the rest of a rejected body, so that a client that writes its whole body
   * before reading the response gets the error rather than a broken connection.
   */
  private static void discard(InputStream body) {
    try {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The client went away, so the error response will not arrive either.
    }
  }

  private static ApiException duplicated(String name) {
    return ApiException.of(
        400, "PART_DUPLICATED", name, "the part '" + name + "' appears more than once");
  }

  /** The parts read so far. */
  private static final class Parts {
    byte[] letter;
    byte[] signature;
    Path attachment;
    String attachmentSha256;

    LetterUpload toUpload() {
      List<ErrorBody.Item> missing = new ArrayList<>();
      addIfMissing(missing, LETTER, letter != null, "application/json");
      addIfMissing(missing, ATTACHMENT, attachment != null, "application/pdf");
      addIfMissing(missing, SIGNATURE, signature != null, "application/pkcs7-signature");
      if (!missing.isEmpty()) {
        deleteAttachment();
        throw new ApiException(400, "The request lacks required parts", missing);
      }
      String letterSha256 = HexFormat.of().formatHex(Sha256.newDigest().digest(letter));
      return new LetterUpload(
          letter, attachment, signature, new Fingerprint(letterSha256, attachmentSha256));
    }

    void deleteAttachment() {
      if (attachment != null) {
        LetterUpload.deleteQuietly(attachment);
        LetterUpload.deleteQuietly(attachment.getParent());
      }
    }

    private static void addIfMissing(
        List<ErrorBody.Item> missing, String name, boolean present, String mediaType) {
      if (!present) {
        missing.add(
            new ErrorBody.Item(
                "PART_REQUIRED", name, "the part '" + name + "' (" + mediaType + ") is missing"));
      }
    }
  }

  /**
   * Counts the bytes read and fails once more than the limit has been read. Closing it leaves the
   * request body open, so that a rejected body can still be discarded to its end.
   */
  private static final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    boolean exceeded;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int value = super.read();
      if (value != -1) {
        count(1);
      }
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read > 0) {
        count(read);
      }
      return read;
    }

    @Override
    public void close() {
      // The exchange closes the request body.
    }

    private void count(long read) throws IOException {
      count += read;
      if (count > limit) {
        exceeded = true;
        throw new IOException("request body is over " + limit + " bytes");
      }
    }
  }
}
