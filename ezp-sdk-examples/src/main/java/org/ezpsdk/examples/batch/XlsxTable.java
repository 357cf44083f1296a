package org.ezpsdk.examples.batch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.ezpsdk.core.error.EzpClientException;

/**
 * Reads the first worksheet of an Office Open XML workbook ({@code .xlsx}) as text, with the JDK's
 * zip and StAX readers: {@code xl/sharedStrings.xml} for the shared strings and {@code
 * xl/worksheets/sheet1.xml} for the cells. Numbers become plain decimal text ({@code 101000}, not
 * {@code 1.01E5}); dates stay Excel serial day numbers, which {@link ManifestLetters} converts.
 * Formulas are read by their cached values.
 */
final class XlsxTable {
  private static final String SHARED_STRINGS = "xl/sharedStrings.xml";
  private static final String SHEET = "xl/worksheets/sheet1.xml";

  private XlsxTable() {}

  static List<List<String>> read(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<String> strings = sharedStrings(zip);
      ZipEntry sheet = zip.getEntry(SHEET);
      if (sheet == null) {
        throw new EzpClientException(
            "The workbook '" + file + "' has no " + SHEET + "; save the list on the first sheet");
      }
      try (InputStream in = zip.getInputStream(sheet)) {
        return cells(file, in, strings);
      }
    } catch (java.util.zip.ZipException e) {
      throw new EzpClientException(
          "The manifest '" + file + "' is not an .xlsx workbook (" + e.getMessage() + ")");
    }
  }

  private static List<String> sharedStrings(ZipFile zip) throws IOException {
    List<String> strings = new ArrayList<>();
    ZipEntry entry = zip.getEntry(SHARED_STRINGS);
    if (entry == null) {
      return strings;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      XMLStreamReader xml = reader(in);
      StringBuilder current = null;
      boolean phonetic = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "si" -> current = new StringBuilder();
            case "rPh" -> phonetic = true;
            case "t" -> {
              String text = xml.getElementText();
              if (current != null && !phonetic) {
                current.append(text);
              }
            }
            default -> {}
          }
        } else if (event == XMLStreamReader.END_ELEMENT) {
          if ("si".equals(xml.getLocalName()) && current != null) {
            strings.add(current.toString());
            current = null;
          } else if ("rPh".equals(xml.getLocalName())) {
            phonetic = false;
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new EzpClientException("The workbook's " + SHARED_STRINGS + " is malformed: " + e);
    }
    return strings;
  }

  private static List<List<String>> cells(Path file, InputStream in, List<String> strings)
      throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try {
      XMLStreamReader xml = reader(in);
      int nextRow = 1;
      String reference = null;
      String type = null;
      String value = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "row" -> {
              String r = xml.getAttributeValue(null, "r");
              int number = r == null ? nextRow : Integer.parseInt(r);
              while (rows.size() < number) {
                rows.add(new ArrayList<>());
              }
              nextRow = number + 1;
            }
            case "c" -> {
              reference = xml.getAttributeValue(null, "r");
              type = xml.getAttributeValue(null, "t");
              value = null;
            }
            case "v" -> value = xml.getElementText();
            case "t" -> value = (value == null ? "" : value) + xml.getElementText();
            default -> {}
          }
        } else if (event == XMLStreamReader.END_ELEMENT && "c".equals(xml.getLocalName())) {
          List<String> row = rows.isEmpty() ? addRow(rows) : rows.get(rows.size() - 1);
          int column = reference == null ? row.size() : columnIndex(reference);
          while (row.size() <= column) {
            row.add("");
          }
          row.set(column, text(type, value, strings));
        }
      }
    } catch (XMLStreamException | NumberFormatException | IndexOutOfBoundsException e) {
      throw new EzpClientException(
          "The worksheet " + SHEET + " of '" + file + "' is malformed: " + e.getMessage());
    }
    return rows;
  }

  private static List<String> addRow(List<List<String>> rows) {
    List<String> row = new ArrayList<>();
    rows.add(row);
    return row;
  }

  private static String text(String type, String value, List<String> strings) {
    if (value == null) {
      return "";
    }
    if ("s".equals(type)) {
      return strings.get(Integer.parseInt(value.strip()));
    }
    if ("b".equals(type)) {
      return "1".equals(value.strip()) ? "true" : "false";
    }
    if (type == null || "n".equals(type)) {
      try {
        return new BigDecimal(value.strip()).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }

  /** Returns the 0-based column of a cell reference such as {@code AB12}. */
  static int columnIndex(String reference) {
    int column = 0;
    for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
      column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
    }
    return column - 1;
  }

  private static XMLStreamReader reader(InputStream in) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory.createXMLStreamReader(in);
  }
}
