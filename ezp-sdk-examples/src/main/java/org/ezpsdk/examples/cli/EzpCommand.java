package org.ezpsdk.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.ezpsdk.core.error.EzpClientException;
import org.ezpsdk.core.error.EzpException;
import org.ezpsdk.core.error.EzpServiceException;
import org.ezpsdk.core.error.OutcomeUnknownException;
import org.ezpsdk.core.error.TransportException;
import org.ezpsdk.core.error.ValidationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ezp} command line: test keys, PDF checks, signing, sending and the emulator. */
@Command(
    name = "ezp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Sends Russian Post electronic registered letters (ЭЗП) through ИС ЭПС.",
    subcommands = {
      DemoCommand.class,
      KeygenCommand.class,
      PreflightCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      SendCommand.class,
      StatusCommand.class,
      EventsCommand.class,
      BatchCommand.class,
      OutboxCommand.class,
      EmulatorCommand.class,
      SmevCommand.class,
      ConfigCommand.class,
      GatewayCommand.class,
      SelftestCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EzpCommand implements Callable<Integer> {

  /** Exit code of a rejected input: an invalid letter, PDF, key or signature. */
  public static final int EXIT_INVALID_INPUT = 3;

  /**
   * Exit code of an error response that running the command again would get again: 4xx except 408
   * and 429, such as a rejected letter or a wrong token.
   */
  public static final int EXIT_SERVICE_ERROR = 4;

  /**
   * Exit code when the service could not be reached, did not respond, or stayed busy or unavailable
   * (408, 429 or 5xx after the retries), including when a letter's outcome is unknown. Running the
   * same command again later can succeed.
   */
  public static final int EXIT_TRANSPORT_ERROR = 5;

  /** Exit code of any other failure. */
  public static final int EXIT_FAILURE = 1;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /**
   * Prints the usage to stderr and returns the usage exit code, because a subcommand is missing.
   */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("ezp: a subcommand is missing; choose one of the commands below");
    spec.commandLine().usage(err);
    return spec.exitCodeOnInvalidInput();
  }

  public static void main(String[] args) {
    CommandLine commandLine = newCommandLine();
    commandLine.setExecutionStrategy(LibraryLogs::configureAndRun);
    Charset charset = terminalCharset();
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, charset), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, charset), true));
    System.exit(commandLine.execute(args));
  }

  /**
   * Returns the platform's encoding when it can write Cyrillic, else UTF-8. Under a POSIX "C"
   * locale Java would write every Cyrillic letter of a message as '?'.
   */
  private static Charset terminalCharset() {
    String nativeName = System.getProperty("native.encoding");
    try {
      Charset nativeCharset = nativeName == null ? UTF_8 : Charset.forName(nativeName);
      return nativeCharset.newEncoder().canEncode("ШПИ") ? nativeCharset : UTF_8;
    } catch (IllegalArgumentException e) {
      return UTF_8;
    }
  }

  /** Returns the command line with the SDK's error handling; tests call this too. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new EzpCommand());
    commandLine.setExecutionExceptionHandler(EzpCommand::handleError);
    commandLine.setParameterExceptionHandler(EzpCommand::handleParameterError);
    return commandLine;
  }

  /** Describes a file error in plain words, since the JDK's messages are often only the path. */
  static String describe(IOException error) {
    if (error instanceof NoSuchFileException missing) {
      return "file '" + missing.getFile() + "' not found; check the path";
    }
    if (error instanceof AccessDeniedException denied) {
      return "access to '" + denied.getFile() + "' was denied; check its permissions";
    }
    if (error instanceof FileAlreadyExistsException exists) {
      return "'" + exists.getFile() + "' already exists";
    }
    if (error instanceof FileSystemException fileSystem) {
      String reason = fileSystem.getReason() == null ? "failed" : fileSystem.getReason();
      return "'" + fileSystem.getFile() + "': " + reason;
    }
    return "input or output failed: " + error.getMessage();
  }

  /** Prints a mistake in the command's words as one line and a hint, instead of the full usage. */
  private static int handleParameterError(CommandLine.ParameterException error, String[] args) {
    CommandLine commandLine = error.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("ezp: " + error.getMessage());
    err.println(
        "Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Prints an SDK error as one line without a stack trace and maps it to an exit code. Errors the
   * SDK did not expect keep their stack trace, because that is a bug to report.
   */
  private static int handleError(
      Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    Throwable cause =
        error instanceof UncheckedIOException unchecked ? unchecked.getCause() : error;
    if (cause instanceof IOException io) {
      String detail = error instanceof UncheckedIOException ? error.getMessage() : null;
      err.println("ezp: error: " + (detail != null ? detail : describe(io)));
      return EXIT_FAILURE;
    }
    if (!(error instanceof EzpException)) {
      err.println("ezp: unexpected error, please report it with the trace below");
      error.printStackTrace(err);
      return EXIT_FAILURE;
    }
    err.println("ezp: error: " + error.getMessage());
    if (error instanceof ValidationException) {
      return EXIT_INVALID_INPUT;
    }
    if (error instanceof EzpServiceException service) {
      if (service.isTemporary()) {
        err.println("ezp: the service is busy or unavailable; run the same command again later");
        return EXIT_TRANSPORT_ERROR;
      }
      return EXIT_SERVICE_ERROR;
    }
    if (error instanceof TransportException transport
        && transport.kind() != TransportException.Kind.TLS) {
      // A send that may have arrived ends in OutcomeUnknownException or is found by a lookup, so
      // running the command again cannot send a letter twice.
      err.println(
          "ezp: the request did not get through; run the same command again once the endpoint"
              + " is reachable");
      return EXIT_TRANSPORT_ERROR;
    }
    if (error instanceof TransportException || error instanceof OutcomeUnknownException) {
      return EXIT_TRANSPORT_ERROR;
    }
    return error instanceof EzpClientException ? EXIT_INVALID_INPUT : EXIT_FAILURE;
  }
}
