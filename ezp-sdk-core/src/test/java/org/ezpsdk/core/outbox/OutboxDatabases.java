package org.ezpsdk.core.outbox;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Outbox databases for tests: an SQLite file in a test folder, or a fresh schema on the PostgreSQL
 * server named by the environment variable {@value #POSTGRES_URL_VARIABLE} (which {@code
 * .ci/postgres.sh} exports). Without that variable the PostgreSQL tests are skipped, except when CI
 * is "true", where they fail.
 */
public final class OutboxDatabases {
  public static final String POSTGRES_URL_VARIABLE = "EZP_TEST_PG_URL";

  private OutboxDatabases() {}

  /** Returns the JDBC URL of a new SQLite file in {@code folder}. */
  public static String sqlite(Path folder) {
    return "jdbc:sqlite:" + folder.resolve("outbox-" + UUID.randomUUID() + ".db");
  }

  /** Returns the JDBC URL of a new, empty schema on the test PostgreSQL server. */
  public static String postgres() throws SQLException {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    if (url == null || url.isBlank()) {
      String reason =
          POSTGRES_URL_VARIABLE + " is not set; run '. .ci/postgres.sh' to start a test server";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      assumeTrue(false, reason);
    }
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
