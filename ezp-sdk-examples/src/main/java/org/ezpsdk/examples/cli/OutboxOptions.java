package org.ezpsdk.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import picocli.CommandLine.Option;

/** Options that locate the outbox: an SQLite file, or a PostgreSQL database shared by instances. */
final class OutboxOptions {

  @Option(
      names = "--outbox",
      paramLabel = "FILE",
      description = "Outbox file (SQLite); only ezp batch creates it when missing.")
  Path file;

  @Option(
      names = "--outbox-url",
      paramLabel = "JDBC_URL",
      description =
          "Outbox database instead of --outbox, such as"
              + " jdbc:postgresql://HOST:5432/DATABASE for several instances sharing one outbox.")
  String url;

  @Option(
      names = "--outbox-user",
      paramLabel = "USER",
      description = "Database user of --outbox-url.")
  String user;

  @Option(
      names = "--outbox-password-env",
      paramLabel = "VAR",
      description = "Environment variable with the database password of --outbox-url.")
  String passwordEnv;

  /**
   * Opens the outbox the options name, or {@code defaultFile} when they name none.
   *
   * @param defaultFile the SQLite file to use without options, or {@code null} when an outbox
   *     option is required
   */
  JdbcOutboxStore open(Path defaultFile) {
    if (file != null && url != null) {
      throw new ConfigurationException("Give --outbox FILE or --outbox-url URL, not both");
    }
    if (url != null) {
      return JdbcOutboxStore.open(url, properties());
    }
    Path chosen = file != null ? file : defaultFile;
    if (chosen == null) {
      throw new ConfigurationException(
          "No outbox is given; name it with --outbox FILE or --outbox-url JDBC_URL");
    }
    return JdbcOutboxStore.sqlite(chosen);
  }

  /**
   * Opens the outbox the options name for a command that reads or updates an outbox but never
   * starts one, so that a mistyped file name is reported instead of creating an empty outbox.
   */
  JdbcOutboxStore openExisting() {
    Path existing = url == null ? file : sqliteFile(url);
    if (existing != null && !Files.exists(existing)) {
      throw new ConfigurationException(
          "Outbox file '"
              + existing
              + "' not found; check the path, or run 'ezp batch' first, which creates the outbox");
    }
    return open(null);
  }

  /** Returns the file of a {@code jdbc:sqlite:} URL, or null for another database or memory. */
  private static Path sqliteFile(String jdbcUrl) {
    String prefix = "jdbc:sqlite:";
    if (!jdbcUrl.startsWith(prefix)) {
      return null;
    }
    String name = jdbcUrl.substring(prefix.length());
    int query = name.indexOf('?');
    if (query >= 0) {
      name = name.substring(0, query);
    }
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
    }
    boolean inMemory =
        name.isEmpty() || name.startsWith(":memory:") || name.contains("mode=memory");
    return inMemory ? null : Path.of(name);
  }

  private Properties properties() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (passwordEnv != null) {
      String password = System.getenv(passwordEnv);
      if (password == null) {
        throw new ConfigurationException(
            "The environment variable "
                + passwordEnv
                + " named by --outbox-password-env is not set");
      }
      properties.setProperty("password", password);
    }
    return properties;
  }
}
