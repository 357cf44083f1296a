package org.ezpsdk.core.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.ValidationException;
import org.ezpsdk.core.error.Violation;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's ШПИ ranges, kept in the outbox database, and the allocation of numbers from them.
 *
 * <p>Allocation is atomic across threads and processes: the range's next serial is read and moved
 * on in one transaction that holds the range's lock (SQLite's write lock, a PostgreSQL row lock),
 * and each number handed out is recorded in the table {@code shpi_used}, whose primary key rejects
 * a second use. A number is never handed out again, even after a crash: the counter and the record
 * of use commit together, and a number taken for an outbox letter commits with that letter, so it
 * stays with the letter. A crash before the commit leaves the number unused.
 *
 * <p>When an allocation leaves a range with fewer numbers than {@link #lowRemainder(int, Consumer)}
 * set, a WARN is logged and the listener is called once, after the commit; again when the range
 * runs out. Obtained from {@link JdbcOutboxStore#ranges()}; thread-safe.
 */
public final class ShpiRanges {
  private static final Logger log = LoggerFactory.getLogger(ShpiRanges.class);

  /** The default remainder below which a range is reported as running low. */
  public static final int DEFAULT_LOW_REMAINDER = 1000;

  private final Database database;
  private final Clock clock;
  private volatile int lowRemainder = DEFAULT_LOW_REMAINDER;
  private volatile Consumer<ShpiRange> listener = range -> {};

  ShpiRanges(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** A number taken from a range, and the range's state when it fell below the remainder. */
  record Allocation(String barcode, Optional<LowRemainder> lowRemainder) {}

  /** A range that fell below the remainder, or ran out, with this allocation. */
  record LowRemainder(ShpiRange range) {}

  /**
   * Sets the remainder below which a range is reported, and the listener called when it is.
   *
   * @param remainder the number of free numbers; {@value #DEFAULT_LOW_REMAINDER} unless set
   * @param listener called with the range after the allocation that crossed the remainder, and
   *     after the one that took its last number. It runs in the allocating thread, so it should
   *     return quickly.
   */
  public void lowRemainder(int remainder, Consumer<ShpiRange> listener) {
    if (remainder < 0) {
      throw new IllegalArgumentException("remainder must not be negative, got " + remainder);
    }
    this.lowRemainder = remainder;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Adds a plain range: an 8-digit prefix and 5-digit serials from {@code firstSerial} to {@code
   * lastSerial}. Adding the same range again changes nothing.
   *
   * @throws ValidationException when the prefix or serials are malformed, or the range overlaps
   *     another range with the same prefix
   */
  public ShpiRange addRange(String prefix, int firstSerial, int lastSerial, String source) {
    checkBounds(prefix, firstSerial, lastSerial);
    return database.transaction(
        connection -> insertRange(connection, prefix, firstSerial, lastSerial, source));
  }

  /**
   * Imports the free segments of Russian Post's range file (see {@link RangeFile} for the format
   * and its CRC rule) as ranges; used segments are skipped. Importing the same file again changes
   * nothing.
   *
   * @return the ranges of the free segments
   * @throws ValidationException when the file is malformed, its CRC does not match, or a segment
   *     overlaps a range already stored
   */
  public List<ShpiRange> importRangeFile(Path file) {
    RangeFile rangeFile = RangeFile.read(file);
    String source =
        file.getFileName() + " of " + rangeFile.dateInfo() + " for ИНН " + rangeFile.inn();
    return database.transaction(
        connection -> {
          List<ShpiRange> added = new ArrayList<>();
          for (RangeFile.Segment segment : rangeFile.segments()) {
            String prefix = rangeFile.indexFrom() + String.format("%02d", segment.numMonth());
            if (segment.state() != RangeFile.STATE_FREE) {
              log.info(
                  "Skipped used segment {} of ШПИ range file {}",
                  ShpiRange.idOf(prefix, segment.numBeg(), segment.numEnd()),
                  file.getFileName());
              continue;
            }
            added.add(insertRange(connection, prefix, segment.numBeg(), segment.numEnd(), source));
          }
          return added;
        });
  }

  /** Returns every range, by id. */
  public List<ShpiRange> list() {
    return database.read(connection -> selectRanges(connection, "", null));
  }

  /** Returns the range with this id. */
  public Optional<ShpiRange> find(String rangeId) {
    return database.read(
        connection -> selectRanges(connection, " WHERE id = ?", rangeId).stream().findFirst());
  }

  /**
   * Takes the next number of a range and records it as used, without an outbox letter. To give a
   * number to an outbox letter, pass the range in its {@link OutboxEntry} instead, so the number
   * commits with the letter.
   *
   * @param rangeId the range, or {@code null} for the first range (by id) that has numbers left
   * @throws RangeExhaustedException when the range, or every range, has no number left
   * @throws ConfigurationException when no range has this id
   */
  public String allocate(String rangeId) {
    List<LowRemainder> low = new ArrayList<>();
    String barcode =
        database.transaction(
            connection -> {
              low.clear();
              Allocation allocation = allocateIn(connection, rangeId);
              allocation.lowRemainder().ifPresent(low::add);
              return allocation.barcode();
            });
    report(low);
    return barcode;
  }

  /** Takes the next number inside the caller's transaction. */
  Allocation allocateIn(Connection connection, String rangeId) throws SQLException {
    if (rangeId != null) {
      return allocateFrom(connection, rangeId, false);
    }
    // Another instance may empty the first range between the search and the lock: try the next.
    while (true) {
      Allocation allocation = allocateFrom(connection, firstRangeWithNumbers(connection), true);
      if (allocation != null) {
        return allocation;
      }
    }
  }

  /** Takes the next number of one range; returns null when {@code orNull} and it is exhausted. */
  private Allocation allocateFrom(Connection connection, String id, boolean orNull)
      throws SQLException {
    String lock = database.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    List<ShpiRange> found = selectRanges(connection, " WHERE id = ?" + lock, id);
    if (found.isEmpty()) {
      throw new ConfigurationException(
          "No ШПИ range has the id '"
              + id
              + "'; import the range file first, or choose one of "
              + rangeIds(connection));
    }
    ShpiRange range = found.get(0);
    if (range.remaining() == 0) {
      if (orNull) {
        return null;
      }
      throw exhausted(range);
    }

    int serial = range.nextSerial();
    int moved =
        JdbcOutboxStore.update(
            connection,
            "UPDATE shpi_range SET next_serial = ? WHERE id = ? AND next_serial = ?",
            serial + 1,
            id,
            serial);
    if (moved != 1) {
      throw new IllegalStateException("ШПИ range " + id + " changed during its own transaction");
    }
    String barcode =
        TrackingNumbers.completeDomestic(range.prefix() + String.format("%05d", serial));
    JdbcOutboxStore.update(
        connection,
        "INSERT INTO shpi_used (barcode, range_id, allocated_at) VALUES (?, ?, ?)",
        barcode,
        id,
        clock.millis());

    ShpiRange after =
        new ShpiRange(
            id,
            range.prefix(),
            range.firstSerial(),
            range.lastSerial(),
            serial + 1,
            range.source());
    // Reported once on the way down, or at the first number of a range that starts below the mark.
    boolean report =
        after.remaining() == 0
            || after.remaining() == lowRemainder - 1
            || (serial == range.firstSerial() && after.remaining() < lowRemainder);
    return new Allocation(
        barcode, report ? Optional.of(new LowRemainder(after)) : Optional.empty());
  }

  /** Links a number allocated in this transaction to the outbox letter it went to. */
  void assign(Connection connection, String barcode, long letterId) throws SQLException {
    JdbcOutboxStore.update(
        connection, "UPDATE shpi_used SET letter_ref = ? WHERE barcode = ?", letterId, barcode);
  }

  /** Logs and reports ranges that fell low, after their transaction committed. */
  void report(List<LowRemainder> low) {
    for (LowRemainder item : low) {
      ShpiRange range = item.range();
      log.warn(
          "ШПИ range {} has {} of {} numbers left{}; import a new range file from Russian Post"
              + " before it runs out",
          range.id(),
          range.remaining(),
          range.size(),
          range.remaining() == 0 ? " (exhausted)" : "");
      try {
        listener.accept(range);
      } catch (RuntimeException e) {
        log.warn("The low-remainder listener failed for ШПИ range {}", range.id(), e);
      }
    }
  }

  private String firstRangeWithNumbers(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM shpi_range WHERE next_serial <= last_serial ORDER BY id LIMIT 1");
        ResultSet rows = select.executeQuery()) {
      if (rows.next()) {
        return rows.getString(1);
      }
    }
    throw new RangeExhaustedException(
        null,
        "No ШПИ range has a number left for this letter (ranges: "
            + rangeIds(connection)
            + "); each letter needs a number of its own, so import a range with enough numbers"
            + " for the letters still to record from Russian Post, then run again");
  }

  private static RangeExhaustedException exhausted(ShpiRange range) {
    return new RangeExhaustedException(
        range.id(),
        "ШПИ range "
            + range.id()
            + " is exhausted: all "
            + range.size()
            + " numbers are used; import a new range file from Russian Post, or choose another"
            + " range, then run again");
  }

  private ShpiRange insertRange(
      Connection connection, String prefix, int first, int last, String source)
      throws SQLException {
    String id = ShpiRange.idOf(prefix, first, last);
    Optional<ShpiRange> same = selectRanges(connection, " WHERE id = ?", id).stream().findFirst();
    if (same.isPresent()) {
      return same.get();
    }
    List<ShpiRange> overlapping =
        selectRanges(
            connection,
            " WHERE prefix = ? AND first_serial <= " + last + " AND last_serial >= " + first,
            prefix);
    if (!overlapping.isEmpty()) {
      throw new ValidationException(
          "ШПИ range " + id,
          List.of(
              new Violation(
                  "range",
                  "RANGE_OVERLAP",
                  id,
                  "overlaps the stored range "
                      + overlapping.get(0).id()
                      + "; a number may be used once only, so remove the overlap")));
    }
    JdbcOutboxStore.update(
        connection,
        "INSERT INTO shpi_range (id, prefix, first_serial, last_serial, next_serial, source,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        prefix,
        first,
        last,
        first,
        source,
        clock.millis());
    log.info("Added ШПИ range {} ({} numbers) from {}", id, last - first + 1, source);
    return new ShpiRange(id, prefix, first, last, first, source);
  }

  private static List<ShpiRange> selectRanges(Connection connection, String where, String value)
      throws SQLException {
    String sql =
        "SELECT id, prefix, first_serial, last_serial, next_serial, source FROM shpi_range"
            + where
            + (where.isEmpty() ? " ORDER BY id" : "");
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      if (value != null) {
        select.setString(1, value);
      }
      try (ResultSet rows = select.executeQuery()) {
        List<ShpiRange> ranges = new ArrayList<>();
        while (rows.next()) {
          ranges.add(
              new ShpiRange(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getInt(3),
                  rows.getInt(4),
                  rows.getInt(5),
                  rows.getString(6)));
        }
        return ranges;
      }
    }
  }

  private static String rangeIds(Connection connection) throws SQLException {
    List<String> ids = selectRanges(connection, "", null).stream().map(ShpiRange::id).toList();
    return ids.isEmpty() ? "none stored" : String.join(", ", ids);
  }

  private static void checkBounds(String prefix, int first, int last) {
    List<Violation> violations = new ArrayList<>();
    if (prefix == null || !prefix.matches("\\d{8}")) {
      violations.add(
          new Violation(
              "prefix",
              "RANGE_PREFIX",
              prefix,
              "the prefix must be 8 digits: the 6-digit postcode or allocation prefix and the"
                  + " 2-digit month field"));
    }
    if (first < 0 || last > 99_999 || first > last) {
      violations.add(
          new Violation(
              "serials",
              "RANGE_SERIALS",
              first + "-" + last,
              "serials must be 5 digits, 0 to 99999, the first not above the last"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException("ШПИ range", violations);
    }
  }
}
