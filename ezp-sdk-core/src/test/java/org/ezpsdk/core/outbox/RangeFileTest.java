package org.ezpsdk.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeFileTest {
  // CRCs computed with Python's binascii.crc32 (zlib) over the concatenated values, as the public
  // generator WorldCount/postapi3 does.
  static final String ONE_SEGMENT_CRC = "B4F243D3";
  static final String TWO_SEGMENTS_CRC = "B6A2CC71";

  @TempDir Path folder;

  static String rangeXml(String crc, String segments) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ns:Range xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " xmlns:ns=\"http://russianpost.org\" xsi:schemaLocation=\"http://russianpost.org"
        + " range.xsd\" Inn=\"7707083893\" IndexFrom=\"101000\" DateInfo=\"04.12.2026 10:15:00\""
        + " CRC=\""
        + crc
        + "\">"
        + segments
        + "</ns:Range>";
  }

  static final String FREE_SEGMENT =
      "<ns:Segment NumMonth=\"1\" NumBeg=\"1\" NumEnd=\"50000\" State=\"1\"/>";
  static final String USED_SEGMENT =
      "<ns:Segment NumMonth=\"2\" NumBeg=\"10\" NumEnd=\"20\" State=\"3\"/>";

  @Test
  void readsGeneratorFile() throws Exception {
    Path file =
        Files.writeString(folder.resolve("range.xml"), rangeXml(ONE_SEGMENT_CRC, FREE_SEGMENT));

    RangeFile range = RangeFile.read(file);

    assertThat(range.inn()).isEqualTo("7707083893");
    assertThat(range.indexFrom()).isEqualTo("101000");
    assertThat(range.dateInfo()).hasToString("2026-12-04T10:15");
    assertThat(range.segments()).containsExactly(new RangeFile.Segment(1, 1, 50000, 1));
  }

  @Test
  void crcCoversEverySegmentInOrder() throws Exception {
    Path file =
        Files.writeString(
            folder.resolve("range.xml"), rangeXml(TWO_SEGMENTS_CRC, FREE_SEGMENT + USED_SEGMENT));

    assertThat(RangeFile.read(file).segments()).hasSize(2);
  }

  @Test
  void acceptsLowerCaseCrc() throws Exception {
    Path file =
        Files.writeString(
            folder.resolve("range.xml"), rangeXml(ONE_SEGMENT_CRC.toLowerCase(), FREE_SEGMENT));

    assertThat(RangeFile.read(file).crc()).isEqualTo("b4f243d3");
  }

  @Test
  void rejectsChangedValue() throws Exception {
    String edited = FREE_SEGMENT.replace("50000", "59999");
    Path file = Files.writeString(folder.resolve("range.xml"), rangeXml(ONE_SEGMENT_CRC, edited));

    ValidationException error =
        catchThrowableOfType(ValidationException.class, () -> RangeFile.read(file));

    assertThat(error.violations())
        .extracting(Violation::rule)
        .containsExactly("RANGE_CRC_MISMATCH");
    assertThat(error.violations().get(0).rejectedValue()).isEqualTo(ONE_SEGMENT_CRC);
    assertThat(error.getMessage())
        .contains("range.xml")
        .contains("ask Russian Post for a new copy");
  }

  @Test
  void rejectsWrongNamespace() throws Exception {
    String xml =
        rangeXml(ONE_SEGMENT_CRC, FREE_SEGMENT).replace("http://russianpost.org\"", "urn:other\"");
    Path file = Files.writeString(folder.resolve("range.xml"), xml);

    ValidationException error =
        catchThrowableOfType(ValidationException.class, () -> RangeFile.read(file));

    assertThat(error.violations()).extracting(Violation::rule).containsExactly("RANGE_ROOT");
  }

  @Test
  void listsEveryMalformedAttribute() throws Exception {
    String segment = "<ns:Segment NumMonth=\"123\" NumBeg=\"x\" NumEnd=\"5\" State=\"2\"/>";
    Path file = Files.writeString(folder.resolve("range.xml"), rangeXml(ONE_SEGMENT_CRC, segment));

    ValidationException error =
        catchThrowableOfType(ValidationException.class, () -> RangeFile.read(file));

    assertThat(error.violations())
        .extracting(Violation::field)
        .contains("Segment[1]/@NumMonth", "Segment[1]/@NumBeg", "Segment[1]/@State", "Range/@CRC");
  }
}
