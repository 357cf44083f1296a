package org.ezpsdk.examples.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Minimal .xlsx workbooks for manifest tests, written with the JDK's zip. */
public final class TestWorkbooks {
  private TestWorkbooks() {}

  /** Writes a minimal workbook: shared strings (the headers, then "a.pdf") and sheet1. */
  public static void write(Path file, String[] headers, String dataRows) throws IOException {
    StringBuilder strings = new StringBuilder();
    StringBuilder header = new StringBuilder("<row r=\"1\">");
    for (int i = 0; i < headers.length; i++) {
      strings.append("<si><t>").append(headers[i]).append("</t></si>");
      header.append("<c r=\"").append((char) ('A' + i)).append("1\" t=\"s\"><v>").append(i);
      header.append("</v></c>");
    }
    strings.append("<si><r><t>a.</t></r><r><t>pdf</t></r></si>");
    header.append("</row>");
    String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      put(zip, "xl/sharedStrings.xml", "<sst xmlns=\"" + ns + "\">" + strings + "</sst>");
      put(
          zip,
          "xl/worksheets/sheet1.xml",
          "<worksheet xmlns=\""
              + ns
              + "\"><sheetData>"
              + header
              + dataRows
              + "</sheetData></worksheet>");
    }
  }

  private static void put(ZipOutputStream zip, String name, String xml) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
