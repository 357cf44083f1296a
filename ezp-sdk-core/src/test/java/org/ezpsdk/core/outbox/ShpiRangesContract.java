package org.ezpsdk.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of ШПИ ranges in every outbox database; subclasses choose the database. */
abstract class ShpiRangesContract {
  @TempDir Path folder;
  JdbcOutboxStore store;
  ShpiRanges ranges;

  abstract String url(Path folder) throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = JdbcOutboxStore.open(url(folder), new Properties());
    ranges = store.ranges();
  }

  @AfterEach
  void close() {
    // The store is null when the database was not available and the test was skipped.
    if (store != null) {
      store.close();
    }
  }

  @Test
  void allocatesSerialsInOrderWithCheckDigit() {
    ShpiRange range = ranges.addRange("10100001", 7, 9, "test");

    String first = ranges.allocate(range.id());
    String second = ranges.allocate(range.id());

    assertThat(first).isEqualTo(TrackingNumbers.completeDomestic("1010000100007"));
    assertThat(second).isEqualTo(TrackingNumbers.completeDomestic("1010000100008"));
    assertThat(ranges.find(range.id()).orElseThrow().remaining()).isEqualTo(1);
  }

  @Test
  void exhaustedRangeNamesRangeAndFix() {
    ShpiRange range = ranges.addRange("10100001", 1, 1, "test");
    ranges.allocate(range.id());

    RangeExhaustedException error =
        catchThrowableOfType(RangeExhaustedException.class, () -> ranges.allocate(range.id()));

    assertThat(error.rangeId()).isEqualTo("10100001:00001-00001");
    assertThat(error.getMessage())
        .contains("10100001:00001-00001")
        .contains("import a new range file");
  }

  @Test
  void anyRangeMovesOnWhenFirstRunsOut() {
    ranges.addRange("10100001", 1, 1, "test");
    ranges.addRange("10100002", 1, 1, "test");

    String first = ranges.allocate(null);
    String second = ranges.allocate(null);

    assertThat(first).startsWith("10100001");
    assertThat(second).startsWith("10100002");
    assertThat(catchThrowableOfType(RangeExhaustedException.class, () -> ranges.allocate(null)))
        .hasMessageContaining("No ШПИ range has a number left");
  }

  @Test
  void lowRemainderReportsCrossingAndEnd() {
    ShpiRange range = ranges.addRange("10100001", 1, 5, "test");
    List<Integer> reported = new ArrayList<>();
    ranges.lowRemainder(2, low -> reported.add(low.remaining()));

    for (int i = 0; i < 5; i++) {
      ranges.allocate(range.id());
    }

    assertThat(reported).containsExactly(1, 0);
  }

  @Test
  void lowRemainderReportsRangeStartingBelowIt() {
    ShpiRange range = ranges.addRange("10100001", 1, 100, "test");
    List<Integer> reported = new ArrayList<>();
    ranges.lowRemainder(1000, low -> reported.add(low.remaining()));

    for (int i = 0; i < 15; i++) {
      ranges.allocate(range.id());
    }

    assertThat(reported).containsExactly(99);
  }

  @Test
  void rejectsOverlappingRange() {
    ranges.addRange("10100001", 1, 100, "test");

    ValidationException error =
        catchThrowableOfType(
            ValidationException.class, () -> ranges.addRange("10100001", 50, 150, "x"));

    assertThat(error.violations().get(0).rule()).isEqualTo("RANGE_OVERLAP");
  }

  @Test
  void addingSameRangeAgainChangesNothing() {
    ShpiRange range = ranges.addRange("10100001", 1, 100, "test");
    ranges.allocate(range.id());

    ranges.addRange("10100001", 1, 100, "test");

    assertThat(ranges.find(range.id()).orElseThrow().remaining()).isEqualTo(99);
  }

  @Test
  void rejectsMalformedPrefix() {
    ValidationException error =
        catchThrowableOfType(ValidationException.class, () -> ranges.addRange("1010", 1, 5, "x"));

    assertThat(error.violations().get(0).rule()).isEqualTo("RANGE_PREFIX");
  }

  @Test
  void importsFreeSegmentsOfRangeFile() throws Exception {
    Path file =
        Files.writeString(
            folder.resolve("range.xml"),
            RangeFileTest.rangeXml(
                RangeFileTest.TWO_SEGMENTS_CRC,
                RangeFileTest.FREE_SEGMENT + RangeFileTest.USED_SEGMENT));

    List<ShpiRange> imported = ranges.importRangeFile(file);

    assertThat(imported).extracting(ShpiRange::id).containsExactly("10100001:00001-50000");
    assertThat(ranges.allocate("10100001:00001-50000"))
        .isEqualTo(TrackingNumbers.completeDomestic("1010000100001"));
  }
}
