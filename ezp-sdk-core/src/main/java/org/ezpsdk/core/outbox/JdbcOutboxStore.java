package org.ezpsdk.core.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.model.Letter;
import org.ezpsdk.core.model.LetterStatus;
import org.ezpsdk.core.model.StatusEvent;
import org.ezpsdk.core.spi.OutboxStore;
import org.ezpsdk.core.wire.LetterJson;
import org.ezpsdk.core.wire.WireProfileV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox in a JDBC database: an SQLite file for one machine (several processes may share the
 * file), or PostgreSQL for several application instances sharing one outbox. The schema is created
 * and upgraded when the store opens, by numbered scripts recorded in the table {@code
 * schema_version}.
 *
 * <p>Claims are safe between processes: SQLite claims inside {@code BEGIN IMMEDIATE}, which holds
 * the file's write lock, and PostgreSQL claims row by row with {@code FOR UPDATE SKIP LOCKED}, so
 * two instances never claim the same letter and neither waits for the other's rows. Lease times
 * come from each process's clock, so the clocks of instances sharing PostgreSQL must agree to well
 * within the lease.
 *
 * <p>The ШПИ ranges of {@link #ranges()} live in the same database, so a number taken from a range
 * for a letter is recorded with the letter in one transaction. Closing the store closes its
 * connections; close it after every sender that uses it has stopped.
 */
public final class JdbcOutboxStore implements OutboxStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcOutboxStore.class);

  static final String COLUMNS =
      "id, reference, idempotency_key, barcode, letter_json, attachment_path, attachment_sha256,"
          + " state, attempts, claimed_by, lease_until, not_before, letter_id, service_status,"
          + " final_status,"
          + " error, created_at, updated_at";

  private final Database database;
  private final Clock clock;
  private final ShpiRanges ranges;

  private JdbcOutboxStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
    database.migrate();
    this.ranges = new ShpiRanges(database, clock);
  }

  /**
   * Opens (and creates when missing) an outbox in an SQLite file, in WAL mode with a busy timeout
   * of 60 s. The folder must exist.
   */
  public static JdbcOutboxStore sqlite(Path file) {
    Objects.requireNonNull(file, "file");
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new ConfigurationException(
          "The folder of the outbox file '" + file + "' does not exist; create it first");
    }
    return open("jdbc:sqlite:" + file.toAbsolutePath(), new Properties());
  }

  /**
   * Opens an outbox by JDBC URL: {@code jdbc:sqlite:FILE} or {@code
   * jdbc:postgresql://HOST:PORT/DATABASE}. The driver must be on the class path ({@code
   * org.xerial:sqlite-jdbc} or {@code org.postgresql:postgresql}).
   *
   * @param properties driver properties such as {@code user} and {@code password}; may be empty
   * @throws ConfigurationException when the URL is of another database, the driver is missing or
   *     the database cannot be opened
   */
  public static JdbcOutboxStore open(String jdbcUrl, Properties properties) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    return new JdbcOutboxStore(new Database(jdbcUrl, properties), Clock.systemUTC());
  }

  /** Returns the ШПИ ranges kept in this outbox's database. */
  public ShpiRanges ranges() {
    return ranges;
  }

  /** Returns the schema version of the database, the number of the last migration applied. */
  public int schemaVersion() {
    return database.read(
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT MAX(version) FROM schema_version");
              ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
          }
        });
  }

  /** Returns the database URL without its query string, which may hold a password. */
  public String describe() {
    return database.describe();
  }

  @Override
  public List<OutboxRecord> enqueue(List<OutboxEntry> entries) {
    List<OutboxEntry> copy = List.copyOf(entries);
    List<ShpiRanges.LowRemainder> low = new ArrayList<>();
    List<OutboxRecord> records =
        database.transaction(
            connection -> {
              low.clear();
              List<OutboxRecord> result = new ArrayList<>(copy.size());
              for (OutboxEntry entry : copy) {
                result.add(enqueueOne(connection, entry, low));
              }
              return result;
            });
    ranges.report(low);
    return records;
  }

  private OutboxRecord enqueueOne(
      Connection connection, OutboxEntry entry, List<ShpiRanges.LowRemainder> low)
      throws SQLException {
    Optional<OutboxRecord> existing = selectOne(connection, "reference = ?", entry.reference());
    if (existing.isPresent()) {
      return existing.get();
    }
    Letter letter = entry.letter();
    String allocated = null;
    if (entry.rangeId() != null) {
      String rangeId = OutboxEntry.ANY_RANGE.equals(entry.rangeId()) ? null : entry.rangeId();
      ShpiRanges.Allocation allocation = ranges.allocateIn(connection, rangeId);
      allocated = allocation.barcode();
      allocation.lowRemainder().ifPresent(low::add);
      letter = letter.toBuilder().barcode(allocated).build();
    }
    String key = entry.idempotencyKey();
    if (key == null) {
      key = letter.barcode() != null ? letter.barcode() : UUID.randomUUID().toString();
    }
    long id = insert(connection, entry, letter, key);
    if (allocated != null) {
      ranges.assign(connection, allocated, id);
    }
    addHistory(connection, id, OutboxState.PENDING.name(), "recorded as " + entry.reference());
    return selectOne(connection, "id = ?", id).orElseThrow();
  }

  private long insert(Connection connection, OutboxEntry entry, Letter letter, String key)
      throws SQLException {
    String sql =
        "INSERT INTO outbox_letter (reference, idempotency_key, barcode, letter_json,"
            + " attachment_path, attachment_sha256, state, attempts, final_status, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)";
    long now = clock.millis();
    try (PreparedStatement insert = connection.prepareStatement(sql, new String[] {"id"})) {
      insert.setString(1, entry.reference());
      insert.setString(2, key);
      insert.setString(3, letter.barcode());
      insert.setString(4, new String(WireProfileV1.toJson(LetterJson.from(letter)), UTF8));
      insert.setString(5, entry.attachment().toAbsolutePath().toString());
      insert.setString(6, entry.attachmentSha256());
      insert.setString(7, OutboxState.PENDING.name());
      insert.setLong(8, now);
      insert.setLong(9, now);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;

  @Override
  public List<OutboxRecord> claim(String worker, int max, Duration lease) {
    requireWorker(worker);
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, got " + max);
    }
    return database.transaction(connection -> claimIn(connection, worker, max, lease));
  }

  private List<OutboxRecord> claimIn(Connection connection, String worker, int max, Duration lease)
      throws SQLException {
    long now = clock.millis();
    String sql =
        "SELECT id, state, claimed_by FROM outbox_letter WHERE (state = 'PENDING' AND (not_before"
            + " IS NULL OR not_before <= ?)) OR (state = 'SENDING' AND lease_until < ?) ORDER BY"
            + " COALESCE(not_before, 0), id LIMIT ?"
            + (database.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
    List<Object[]> due = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, now);
      select.setLong(2, now);
      select.setInt(3, max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          due.add(new Object[] {rows.getLong(1), rows.getString(2), rows.getString(3)});
        }
      }
    }
    List<OutboxRecord> claimed = new ArrayList<>(due.size());
    for (Object[] row : due) {
      long id = (Long) row[0];
      update(
          connection,
          "UPDATE outbox_letter SET state = 'SENDING', claimed_by = ?, lease_until = ?, attempts ="
              + " attempts + 1, updated_at = ? WHERE id = ?",
          worker,
          now + lease.toMillis(),
          now,
          id);
      String detail =
          "SENDING".equals(row[1])
              ? "claimed by " + worker + " after the lease of " + row[2] + " expired"
              : "claimed by " + worker;
      addHistory(connection, id, OutboxState.SENDING.name(), detail);
      claimed.add(selectOne(connection, "id = ?", id).orElseThrow());
    }
    return claimed;
  }

  @Override
  public int renewLeases(String worker, Duration lease) {
    requireWorker(worker);
    return database.transaction(
        connection ->
            update(
                connection,
                "UPDATE outbox_letter SET lease_until = ? WHERE state = 'SENDING' AND claimed_by"
                    + " = ?",
                clock.millis() + lease.toMillis(),
                worker));
  }

  @Override
  public boolean markSent(long id, String worker, String letterId, LetterStatus status) {
    String statusName = status == null ? null : status.name();
    return finish(
        id,
        worker,
        OutboxState.SENT,
        "letter_id = ?, service_status = COALESCE(service_status, ?), error = NULL,"
            + " not_before = NULL",
        "accepted as " + letterId + (status == null ? "" : " with status " + status),
        letterId,
        statusName);
  }

  @Override
  public boolean markFailed(long id, String worker, String error) {
    return finish(id, worker, OutboxState.FAILED, "error = ?, not_before = NULL", error, error);
  }

  @Override
  public boolean release(long id, String worker, String error, Duration retryAfter) {
    long due = clock.millis() + retryAfter.toMillis();
    return finish(
        id,
        worker,
        OutboxState.PENDING,
        "error = ?, not_before = ?",
        error + "; due again in " + retryAfter.toSeconds() + " s",
        error,
        due);
  }

  /** Moves a record out of SENDING when {@code worker} still holds its claim. */
  private boolean finish(
      long id,
      String worker,
      OutboxState next,
      String assignments,
      String detail,
      Object... values) {
    requireWorker(worker);
    boolean changed =
        database.transaction(
            connection -> {
              Object[] parameters = new Object[values.length + 4];
              parameters[0] = next.name();
              System.arraycopy(values, 0, parameters, 1, values.length);
              parameters[values.length + 1] = clock.millis();
              parameters[values.length + 2] = id;
              parameters[values.length + 3] = worker;
              int rows =
                  update(
                      connection,
                      "UPDATE outbox_letter SET state = ?, "
                          + assignments
                          + ", claimed_by = NULL, lease_until = NULL, updated_at = ? WHERE id = ?"
                          + " AND state = 'SENDING' AND claimed_by = ?",
                      parameters);
              if (rows == 1) {
                addHistory(connection, id, next.name(), detail);
              }
              return rows == 1;
            });
    if (!changed) {
      log.warn(
          "Outbox record {} was not moved to {}: {} no longer holds its claim (its lease expired"
              + " and another sender took it)",
          id,
          next,
          worker);
    }
    return changed;
  }

  @Override
  public Optional<OutboxRecord> find(long id) {
    return database.read(connection -> selectOne(connection, "id = ?", id));
  }

  @Override
  public Optional<OutboxRecord> findByReference(String reference) {
    return database.read(connection -> selectOne(connection, "reference = ?", reference));
  }

  @Override
  public List<OutboxRecord> list(OutboxState state, long afterId, int limit) {
    String where = state == null ? "id > ?" : "id > ? AND state = ?";
    Object[] parameters = state == null ? new Object[] {afterId} : new Object[] {afterId, state};
    return database.read(
        connection ->
            select(
                connection,
                "SELECT " + COLUMNS + " FROM outbox_letter WHERE " + where + " ORDER BY id LIMIT ?",
                append(parameters, limit)));
  }

  @Override
  public Map<OutboxState, Long> countByState() {
    return database.read(
        connection -> {
          Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT state, COUNT(*) FROM outbox_letter GROUP BY state");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              counts.put(OutboxState.valueOf(rows.getString(1)), rows.getLong(2));
            }
          }
          return counts;
        });
  }

  @Override
  public List<OutboxHistoryEntry> history(long id) {
    return database.read(
        connection -> {
          List<OutboxHistoryEntry> history = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT at, state, detail FROM outbox_history WHERE letter_ref = ? ORDER BY"
                      + " id")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                history.add(
                    new OutboxHistoryEntry(
                        Instant.ofEpochMilli(rows.getLong(1)),
                        rows.getString(2),
                        rows.getString(3)));
              }
            }
          }
          return history;
        });
  }

  @Override
  public int applyEvents(String feed, List<StatusEvent> events, String nextCursor) {
    Objects.requireNonNull(feed, "feed");
    List<StatusEvent> copy = List.copyOf(events);
    return database.transaction(
        connection -> {
          int matched = 0;
          for (StatusEvent event : copy) {
            matched += applyEvent(connection, event) ? 1 : 0;
          }
          update(
              connection,
              "INSERT INTO outbox_cursor (feed, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT"
                  + " (feed) DO UPDATE SET cursor = excluded.cursor, updated_at ="
                  + " excluded.updated_at",
              feed,
              nextCursor,
              clock.millis());
          return matched;
        });
  }

  private boolean applyEvent(Connection connection, StatusEvent event) throws SQLException {
    Optional<Long> id = findId(connection, "letter_id", event.letterId());
    if (id.isEmpty()) {
      id = findId(connection, "barcode", event.barcode());
    }
    if (id.isEmpty()) {
      return false;
    }
    update(
        connection,
        "UPDATE outbox_letter SET service_status = ?, final_status = ?, letter_id ="
            + " COALESCE(letter_id, ?), updated_at = ? WHERE id = ?",
        event.status().name(),
        event.finalStatus() ? 1 : 0,
        event.letterId(),
        clock.millis(),
        id.get());
    String detail =
        (event.operation() == null ? "" : event.operation() + "; ")
            + "at the service "
            + event.at()
            + (event.finalStatus() ? ", final" : "");
    addHistory(connection, id.get(), event.status().name(), detail);
    return true;
  }

  private static Optional<Long> findId(Connection connection, String column, String value)
      throws SQLException {
    if (value == null) {
      return Optional.empty();
    }
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM outbox_letter WHERE " + column + " = ?")) {
      select.setString(1, value);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<String> eventCursor(String feed) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT cursor FROM outbox_cursor WHERE feed = ?")) {
            select.setString(1, feed);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void close() {
    database.close();
  }

  private void addHistory(Connection connection, long id, String state, String detail)
      throws SQLException {
    update(
        connection,
        "INSERT INTO outbox_history (letter_ref, at, state, detail) VALUES (?, ?, ?, ?)",
        id,
        clock.millis(),
        state,
        detail);
  }

  private static Optional<OutboxRecord> selectOne(Connection connection, String where, Object value)
      throws SQLException {
    List<OutboxRecord> records =
        select(connection, "SELECT " + COLUMNS + " FROM outbox_letter WHERE " + where, value);
    return records.stream().findFirst();
  }

  private static List<OutboxRecord> select(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      bind(select, values);
      try (ResultSet rows = select.executeQuery()) {
        List<OutboxRecord> records = new ArrayList<>();
        while (rows.next()) {
          records.add(read(rows));
        }
        return records;
      }
    }
  }

  private static OutboxRecord read(ResultSet rows) throws SQLException {
    String status = rows.getString("service_status");
    long lease = rows.getLong("lease_until");
    Instant leaseUntil = rows.wasNull() ? null : Instant.ofEpochMilli(lease);
    long retryAt = rows.getLong("not_before");
    Instant notBefore = rows.wasNull() ? null : Instant.ofEpochMilli(retryAt);
    return new OutboxRecord(
        rows.getLong("id"),
        rows.getString("reference"),
        rows.getString("idempotency_key"),
        rows.getString("barcode"),
        rows.getString("letter_json"),
        Path.of(rows.getString("attachment_path")),
        rows.getString("attachment_sha256"),
        OutboxState.valueOf(rows.getString("state")),
        rows.getInt("attempts"),
        rows.getString("claimed_by"),
        leaseUntil,
        notBefore,
        rows.getString("letter_id"),
        status == null ? null : LetterStatus.valueOf(status),
        rows.getInt("final_status") != 0,
        rows.getString("error"),
        Instant.ofEpochMilli(rows.getLong("created_at")),
        Instant.ofEpochMilli(rows.getLong("updated_at")));
  }

  static int update(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeUpdate();
    }
  }

  static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null) {
        statement.setNull(i + 1, Types.VARCHAR);
      } else if (value instanceof Long number) {
        statement.setLong(i + 1, number);
      } else if (value instanceof Integer number) {
        statement.setInt(i + 1, number);
      } else {
        statement.setString(i + 1, value.toString());
      }
    }
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] result = java.util.Arrays.copyOf(values, values.length + 1);
    result[values.length] = last;
    return result;
  }

  private static void requireWorker(String worker) {
    if (worker == null || worker.isBlank()) {
      throw new IllegalArgumentException("worker must not be empty");
    }
  }
}
