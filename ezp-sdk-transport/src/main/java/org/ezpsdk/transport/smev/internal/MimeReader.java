package org.ezpsdk.transport.smev.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the parts of a {@code multipart/related} body one after another, streaming each part's
 * content to an output stream, so that an attachment never has to fit in memory.
 */
public final class MimeReader {
  private static final int MAX_HEADER_LINE = 8192;

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private boolean finished;

  /** Positions the reader at the first part, skipping the preamble. */
  public MimeReader(InputStream in, String boundary) throws IOException {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    // The first delimiter may start the body without a line break before it.
    byte[] start = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    if (!startsWith(start)) {
      copyPart(OutputStream.nullOutputStream());
    } else {
      position += start.length;
    }
    finished = afterDelimiter();
  }

  /** Returns true when another part follows. */
  public boolean hasNextPart() {
    return !finished;
  }

  /** Reads the next part's headers; names are matched without regard to case. */
  public Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    while (true) {
      String line = readLine();
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
  }

  /** Copies the current part's content to the output and moves to the next part. */
  public long copyPart(OutputStream out) throws IOException {
    int matched = 0;
    long copied = 0;
    while (true) {
      if (matched == 0) {
        copied += copyUntilCarriageReturn(out);
      }
      int b = read();
      if (b < 0) {
        throw new IOException("the multipart body ends inside a part; it is truncated");
      }
      if (b == (delimiter[matched] & 0xff)) {
        matched++;
        if (matched == delimiter.length) {
          finished = afterDelimiter();
          return copied;
        }
        continue;
      }
      if (matched > 0) {
        // The delimiter contains CR only at its start, so a new match can only begin at b.
        out.write(delimiter, 0, matched);
        copied += matched;
        matched = b == (delimiter[0] & 0xff) ? 1 : 0;
        if (matched == 1) {
          continue;
        }
      }
      out.write(b);
      copied++;
    }
  }

  /** Copies buffered bytes up to the next CR, where a delimiter may start, in one write. */
  private long copyUntilCarriageReturn(OutputStream out) throws IOException {
    long copied = 0;
    while (position < limit || fill()) {
      int start = position;
      while (position < limit && buffer[position] != '\r') {
        position++;
      }
      out.write(buffer, start, position - start);
      copied += position - start;
      if (position < limit) {
        return copied;
      }
    }
    return copied;
  }

  /** Returns the value of a parameter of a header such as Content-Type, or null. */
  public static String parameter(String header, String name) {
    if (header == null) {
      return null;
    }
    for (String piece : header.split(";")) {
      int equals = piece.indexOf('=');
      if (equals > 0 && piece.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals(name)) {
        String value = piece.substring(equals + 1).strip();
        return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
            ? value.substring(1, value.length() - 1)
            : value;
      }
    }
    return null;
  }

  /** Reads what follows a delimiter: "--" ends the body, a line break starts a part. */
  private boolean afterDelimiter() throws IOException {
    int first = read();
    int second = read();
    if (first == '-' && second == '-') {
      return true;
    }
    if (first == '\r' && second == '\n') {
      return false;
    }
    // Transport padding (spaces) before the line break is allowed by RFC 2046.
    while (second != '\n' && second >= 0) {
      second = read();
    }
    return second < 0;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = read();
      if (b < 0) {
        throw new IOException("the multipart body ends inside part headers");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      if (line.length() > MAX_HEADER_LINE) {
        throw new IOException("a multipart header line is longer than " + MAX_HEADER_LINE);
      }
      line.append((char) b);
    }
  }

  private boolean startsWith(byte[] prefix) throws IOException {
    while (limit - position < prefix.length) {
      if (!fill()) {
        return false;
      }
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer[position + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  private boolean fill() throws IOException {
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
    }
    if (limit == buffer.length) {
      return true;
    }
    int read = in.read(buffer, limit, buffer.length - limit);
    if (read <= 0) {
      return false;
    }
    limit += read;
    return true;
  }
}
