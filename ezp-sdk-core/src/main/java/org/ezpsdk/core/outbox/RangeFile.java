package org.ezpsdk.core.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Russian Post's file of ШПИ ranges allocated to a sender: root {@code Range} in the namespace
 * {@code http://russianpost.org} with the attributes {@code Inn}, {@code IndexFrom} (the 6-digit
 * postcode or allocation prefix), {@code DateInfo} ({@code dd.mm.yyyy HH:MM:SS}) and {@code CRC},
 * and one {@code Segment} per range with {@code NumMonth} (the 2-digit month field), {@code NumBeg}
 * and {@code NumEnd} (the first and last 5-digit serial) and {@code State} (1 free, 3 used). A
 * number of a segment is {@code IndexFrom}, {@code NumMonth} as two digits, the serial as five
 * digits, and the check digit.
 *
 * <p>CRC rule: CRC-32 (the zlib polynomial, as {@link CRC32}) over the UTF-8 bytes of the attribute
 * values exactly as written, concatenated without separators in this order: {@code Inn}, {@code
 * IndexFrom}, {@code DateInfo}, then for each segment in document order {@code NumMonth}, {@code
 * NumBeg}, {@code NumEnd}, {@code State}; written as upper-case hex without leading zeros. Source:
 * the range-file generator {@code postgenerate/postrange.py} of the public project
 * WorldCount/postapi3, which writes one segment per file. NOTE: the order for several segments is
 * assumed to continue segment by segment.
 */
public record RangeFile(
    String inn, String indexFrom, LocalDateTime dateInfo, String crc, List<Segment> segments) {

  /** Namespace of the root element. */
  public static final String NAMESPACE = "http://russianpost.org";

  /** State of a free segment, whose numbers may be used. */
  public static final int STATE_FREE = 1;

  /** State of a segment whose numbers are already used. */
  public static final int STATE_USED = 3;

  private static final DateTimeFormatter DATE_INFO =
      DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss", Locale.ROOT);

  public RangeFile {
    segments = List.copyOf(segments);
  }

  /**
   * One segment of the file.
   *
   * @param numMonth the month field of the numbers, 0 to 99
   * @param numBeg the first serial, 0 to 99999
   * @param numEnd the last serial
   * @param state {@link #STATE_FREE} or {@link #STATE_USED}
   */
  public record Segment(int numMonth, int numBeg, int numEnd, int state) {}

  /**
   * Reads and checks a range file.
   *
   * @throws ValidationException listing every attribute that is missing or malformed, or the CRC
   *     mismatch
   * @throws EzpClientException when the file cannot be read or is not XML
   */
  public static RangeFile read(Path file) {
    Document document;
    try (InputStream in = Files.newInputStream(file)) {
      document = parser().parse(in);
    } catch (IOException e) {
      throw new EzpClientException(
          "Failed to read the ШПИ range file '" + file + "': " + e.getMessage(), e);
    } catch (SAXException e) {
      throw new EzpClientException(
          "The ШПИ range file '"
              + file
              + "' is not well-formed XML: "
              + e.getMessage()
              + "; ask Russian Post for a new copy",
          e);
    }
    return fromDocument(file.getFileName().toString(), document);
  }

  private static RangeFile fromDocument(String name, Document document) {
    Element root = document.getDocumentElement();
    List<Violation> violations = new ArrayList<>();
    if (!"Range".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
      violations.add(
          new Violation(
              "Range",
              "RANGE_ROOT",
              "{" + root.getNamespaceURI() + "}" + root.getLocalName(),
              "the root element must be Range in the namespace " + NAMESPACE));
      throw new ValidationException("ШПИ range file '" + name + "'", violations);
    }
    StringBuilder crcInput = new StringBuilder();
    String inn = text(root, "Inn", "\\d{10}|\\d{12}", "10 or 12 digits", violations, crcInput);
    String index = text(root, "IndexFrom", "\\d{6}", "6 digits", violations, crcInput);
    String date = text(root, "DateInfo", ".+", "dd.mm.yyyy HH:MM:SS", violations, crcInput);
    LocalDateTime dateInfo = parseDate(date, violations);
    List<Segment> segments = new ArrayList<>();
    NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, "Segment");
    for (int i = 0; i < nodes.getLength(); i++) {
      segments.add(segment((Element) nodes.item(i), i + 1, violations, crcInput));
    }
    if (segments.isEmpty()) {
      violations.add(
          new Violation("Segment", "RANGE_NO_SEGMENT", null, "the file has no Segment element"));
    }
    String crc = root.getAttribute("CRC");
    checkCrc(crc, crcInput.toString(), violations);
    if (!violations.isEmpty()) {
      throw new ValidationException("ШПИ range file '" + name + "'", violations);
    }
    return new RangeFile(inn, index, dateInfo, crc, segments);
  }

  /** Returns the CRC of the values, as upper-case hex without leading zeros. */
  public static String crcOf(String concatenatedValues) {
    CRC32 crc = new CRC32();
    crc.update(concatenatedValues.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue()).toUpperCase(Locale.ROOT);
  }

  private static void checkCrc(String crc, String values, List<Violation> violations) {
    String expected = crcOf(values);
    long written;
    try {
      written = Long.parseLong(crc, 16);
    } catch (NumberFormatException e) {
      violations.add(
          new Violation("Range/@CRC", "RANGE_CRC_FORMAT", crc, "the CRC must be hexadecimal"));
      return;
    }
    if (written != Long.parseLong(expected, 16)) {
      violations.add(
          new Violation(
              "Range/@CRC",
              "RANGE_CRC_MISMATCH",
              crc,
              "the file's values give the CRC "
                  + expected
                  + "; the file was changed or damaged, ask Russian Post for a new copy and do not"
                  + " edit it"));
    }
  }

  private static Segment segment(
      Element element, int position, List<Violation> violations, StringBuilder crcInput) {
    String at = "Segment[" + position + "]";
    int month = number(element, at, "NumMonth", 99, violations, crcInput);
    int begin = number(element, at, "NumBeg", 99_999, violations, crcInput);
    int end = number(element, at, "NumEnd", 99_999, violations, crcInput);
    int state = number(element, at, "State", 9, violations, crcInput);
    if (begin > end && end >= 0) {
      violations.add(
          new Violation(
              at + "/@NumEnd",
              "RANGE_ORDER",
              String.valueOf(end),
              "NumEnd must not be below NumBeg " + begin));
    }
    if (state != STATE_FREE && state != STATE_USED && state >= 0) {
      violations.add(
          new Violation(
              at + "/@State", "RANGE_STATE", String.valueOf(state), "State must be 1 or 3"));
    }
    return new Segment(month, begin, end, state);
  }

  private static int number(
      Element element,
      String at,
      String attribute,
      int max,
      List<Violation> violations,
      StringBuilder crcInput) {
    String value = element.getAttribute(attribute);
    crcInput.append(value);
    if (value.matches("\\d{1,5}") && Integer.parseInt(value) <= max) {
      return Integer.parseInt(value);
    }
    violations.add(
        new Violation(
            at + "/@" + attribute,
            "RANGE_NUMBER",
            value.isEmpty() ? null : value,
            "must be a whole number from 0 to " + max));
    return -1;
  }

  private static String text(
      Element root,
      String attribute,
      String pattern,
      String format,
      List<Violation> violations,
      StringBuilder crcInput) {
    String value = root.getAttribute(attribute);
    crcInput.append(value);
    if (!value.matches(pattern)) {
      violations.add(
          new Violation(
              "Range/@" + attribute,
              "RANGE_ATTRIBUTE",
              value.isEmpty() ? null : value,
              "must be " + format));
    }
    return value;
  }

  private static LocalDateTime parseDate(String value, List<Violation> violations) {
    try {
      return LocalDateTime.parse(value, DATE_INFO);
    } catch (DateTimeParseException e) {
      if (!value.isEmpty()) {
        violations.add(
            new Violation("Range/@DateInfo", "RANGE_DATE", value, "must be dd.mm.yyyy HH:MM:SS"));
      }
      return null;
    }
  }

  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's XML parser cannot be configured safely", e);
    }
  }
}
