package org.ezpsdk.core.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.error.EzpClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox database: a small pool of JDBC connections, transactions that work the same on SQLite
 * and PostgreSQL, and the schema migrations. Thread-safe.
 */
final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** The migration scripts in order; script N brings the schema to version N. */
  private static final List<String> MIGRATIONS = List.of("V1__outbox.sql");

  /** Idle connections kept open for reuse. */
  private static final int MAX_IDLE_CONNECTIONS = 16;

  /** Key of the PostgreSQL advisory lock that serialises migrations between instances. */
  private static final long MIGRATION_LOCK_KEY = 0x657a70_6f7574L;

  /** Transactions retried after a deadlock or serialisation failure in PostgreSQL. */
  private static final int MAX_TRANSACTION_ATTEMPTS = 5;

  enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  /** Work done in one transaction. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final String url;
  private final Properties properties;
  private final Dialect dialect;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  Database(String url, Properties properties) {
    this.url = url;
    this.properties = new Properties();
    this.dialect = dialectOf(url);
    if (dialect == Dialect.SQLITE) {
      // Defaults, unless the URL's query sets them (the driver lets properties win over the URL).
      defaultPragma(url, "journal_mode", "WAL");
      defaultPragma(url, "busy_timeout", "60000");
      // FULL: a commit survives power loss too, so a ШПИ recorded as used stays used.
      defaultPragma(url, "synchronous", "FULL");
      defaultPragma(url, "foreign_keys", "true");
    }
    if (properties != null) {
      this.properties.putAll(properties);
    }
  }

  private void defaultPragma(String url, String name, String value) {
    int query = url.indexOf('?');
    String parameters = query < 0 ? "" : "&" + url.substring(query + 1);
    if (!parameters.contains("&" + name + "=")) {
      properties.setProperty(name, value);
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** Returns the URL without its query, where drivers accept passwords. */
  String describe() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** Brings the schema to the newest version; safe when several processes start at once. */
  int migrate() {
    return transaction(
        connection -> {
          if (dialect == Dialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
              statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
            }
          }
          execute(
              connection,
              "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                  + " script TEXT NOT NULL, applied_at BIGINT NOT NULL)");
          int current = currentVersion(connection);
          if (current > MIGRATIONS.size()) {
            throw new ConfigurationException(
                "The outbox database "
                    + describe()
                    + " has schema version "
                    + current
                    + ", newer than this SDK knows ("
                    + MIGRATIONS.size()
                    + "); use the SDK version that wrote it or a newer one");
          }
          for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            applyScript(connection, version, MIGRATIONS.get(version - 1));
          }
          return MIGRATIONS.size();
        });
  }

  private void applyScript(Connection connection, int version, String script) throws SQLException {
    String resource = dialect.name().toLowerCase(java.util.Locale.ROOT) + "/" + script;
    for (String sql : statements(resource)) {
      execute(connection, sql);
    }
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, script);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
    log.info("Outbox database {}: applied schema migration {}", describe(), script);
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  /** Splits a script into statements at each semicolon that ends a line; drops comment lines. */
  private static List<String> statements(String resource) {
    String text;
    try (InputStream in = Database.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Migration script " + resource + " is missing");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Failed to read migration script " + resource, e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }

  /**
   * Runs work in one transaction and commits it. In SQLite the transaction starts with {@code BEGIN
   * IMMEDIATE}, which takes the database's write lock at once, so two processes cannot both read a
   * row and then both update it; a process that finds the lock taken waits up to the busy timeout.
   * In PostgreSQL the work takes row locks itself; a deadlock or serialisation failure is retried.
   */
  <T> T transaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      Connection connection = borrow();
      boolean healthy = true;
      try {
        return dialect == Dialect.SQLITE
            ? sqliteTransaction(connection, work)
            : postgresTransaction(connection, work);
      } catch (SQLException e) {
        healthy = false;
        if (dialect == Dialect.POSTGRESQL && isTransient(e) && attempt < MAX_TRANSACTION_ATTEMPTS) {
          log.debug("Outbox transaction retried after {}", e.getSQLState());
          continue;
        }
        throw failure(e);
      } finally {
        giveBack(connection, healthy);
      }
    }
  }

  private static <T> T sqliteTransaction(Connection connection, Work<T> work) throws SQLException {
    execute(connection, "BEGIN IMMEDIATE");
    try {
      T result = work.run(connection);
      execute(connection, "COMMIT");
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, "ROLLBACK");
      throw e;
    }
  }

  private static <T> T postgresTransaction(Connection connection, Work<T> work)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** Runs a read outside an explicit transaction. */
  <T> T read(Work<T> work) {
    Connection connection = borrow();
    boolean healthy = true;
    try {
      return work.run(connection);
    } catch (SQLException e) {
      healthy = false;
      throw failure(e);
    } finally {
      giveBack(connection, healthy);
    }
  }

  private static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  private EzpClientException failure(SQLException e) {
    return new EzpClientException(
        "Outbox database "
            + describe()
            + " failed: "
            + e.getMessage()
            + "; check that the database is reachable and not corrupted, then run again",
        e);
  }

  private static void rollbackQuietly(Connection connection, String sql) {
    try {
      execute(connection, sql);
    } catch (SQLException e) {
      log.debug("Rollback failed, the connection is dropped: {}", e.getMessage());
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Connection borrow() {
    if (closed) {
      throw new IllegalStateException("The outbox database " + describe() + " is closed");
    }
    Connection connection = idle.pollFirst();
    if (connection != null) {
      return connection;
    }
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      throw new ConfigurationException(
          "Failed to open the outbox database "
              + describe()
              + ": "
              + e.getMessage()
              + "; "
              + driverHint(e),
          e);
    }
  }

  private String driverHint(SQLException e) {
    if (dialect == Dialect.SQLITE && String.valueOf(e.getMessage()).contains("SQLITE_NOTADB")) {
      return "the file is not an SQLite database, so it is not an outbox; check the path";
    }
    return dialect == Dialect.SQLITE
        ? "the SQLite driver is the artifact org.xerial:sqlite-jdbc, and the folder of the file"
            + " must exist and be writable"
        : "the PostgreSQL driver is the artifact org.postgresql:postgresql; check the host, port,"
            + " database, user and password";
  }

  private void giveBack(Connection connection, boolean healthy) {
    if (healthy && !closed && idle.size() < MAX_IDLE_CONNECTIONS) {
      idle.addFirst(connection);
      if (!closed) {
        return;
      }
      idle.remove(connection);
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("Closing an outbox connection failed: {}", e.getMessage());
    }
  }

  private static Dialect dialectOf(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return Dialect.SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Dialect.POSTGRESQL;
    }
    String shown = url.indexOf('?') < 0 ? url : url.substring(0, url.indexOf('?'));
    throw new ConfigurationException(
        "Unsupported outbox database URL '"
            + shown
            + "'; use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE");
  }

  @Override
  public void close() {
    closed = true;
    Connection connection;
    while ((connection = idle.pollFirst()) != null) {
      closeQuietly(connection);
    }
  }
}
