package org.ezpsdk.examples.cli;

import picocli.CommandLine;

/**
 * Sets how much of the SDK's own logging the {@code ezp} process prints, before the command runs.
 * {@code ezp batch} prints a progress line, and the SDK's WARN lines (a letter that stays pending,
 * a range that runs low) would land between its progress lines. So the batch shows only the SDK's
 * errors, and {@code --verbose} shows its log lines from INFO up.
 *
 * <p>The level is set through slf4j-simple's system property for the {@code org.ezpsdk} loggers,
 * which slf4j-simple reads when it creates a logger. So it works only before the first SDK logger
 * exists, which is why {@link EzpCommand#main} calls this and tests that run commands in-process do
 * not. A level the user gives with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} or {@code
 * -Dorg.slf4j.simpleLogger.log.org.ezpsdk…} is kept.
 */
final class LibraryLogs {
  static final String SDK_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.org.ezpsdk";
  private static final String DEFAULT_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  private LibraryLogs() {}

  /** Runs the parsed command after setting the SDK's log level for it. */
  static int configureAndRun(CommandLine.ParseResult parseResult) {
    configure(parseResult);
    return new CommandLine.RunLast().execute(parseResult);
  }

  private static void configure(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult leaf = parseResult;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    if (!(leaf.commandSpec().userObject() instanceof BatchCommand batch) || userSetLevel()) {
      return;
    }
    System.setProperty(SDK_LEVEL_PROPERTY, batch.verbose ? "info" : "error");
  }

  private static boolean userSetLevel() {
    if (System.getProperty(DEFAULT_LEVEL_PROPERTY) != null) {
      return true;
    }
    return System.getProperties().stringPropertyNames().stream()
        .anyMatch(name -> name.startsWith(SDK_LEVEL_PROPERTY));
  }
}
