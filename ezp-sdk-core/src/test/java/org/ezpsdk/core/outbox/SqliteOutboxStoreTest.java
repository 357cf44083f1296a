package org.ezpsdk.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.ezpsdk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class SqliteOutboxStoreTest extends OutboxStoreContract {
  @Override
  String url(Path folder) {
    return OutboxDatabases.sqlite(folder);
  }

  @Test
  void fileIsInWalMode() throws Exception {
    assertThat(journalMode(OutboxDatabases.sqlite(folder))).isEqualTo("wal");
  }

  @Test
  void urlSettingWinsOverDefault() throws Exception {
    assertThat(journalMode(OutboxDatabases.sqlite(folder) + "?journal_mode=DELETE"))
        .isEqualTo("delete");
  }

  @Test
  void rejectsFileThatIsNotDatabase() throws Exception {
    Path pdf = Files.writeString(folder.resolve("letter.pdf"), "%PDF-1.7\n" + "x".repeat(200));

    assertThatThrownBy(() -> JdbcOutboxStore.sqlite(pdf).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not an SQLite database, so it is not an outbox")
        .hasMessageNotContaining("sqlite-jdbc");
  }

  private static String journalMode(String url) throws Exception {
    try (JdbcOutboxStore store = JdbcOutboxStore.open(url, new Properties())) {
      assertThat(store.schemaVersion()).isEqualTo(1);
    }
    String file = url.substring("jdbc:sqlite:".length()).replaceAll("\\?.*", "");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rows = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
