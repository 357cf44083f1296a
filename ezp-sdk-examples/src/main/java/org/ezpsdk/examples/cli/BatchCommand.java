package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ezpsdk.core.EzpClient;
import org.ezpsdk.core.RetryPolicy;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.core.model.Address;
import org.ezpsdk.core.model.MailRank;
import org.ezpsdk.core.model.Sender;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxEntry;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxSender;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.outbox.ShpiRanges;
import org.ezpsdk.core.pdf.PdfPreflight;
import org.ezpsdk.examples.batch.BatchProblem;
import org.ezpsdk.examples.batch.BatchResults;
import org.ezpsdk.examples.batch.Manifest;
import org.ezpsdk.examples.batch.ManifestColumns;
import org.ezpsdk.examples.batch.ManifestLetters;
import org.ezpsdk.signing.CadesSigner;
import org.ezpsdk.transport.http.HttpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks, records and sends a batch of letters through the outbox; a rerun resumes it. */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {
      "Sends every letter of a manifest (CSV in UTF-8, or reestr.xlsx) through the outbox.",
      "Every row is checked first (letter fields, PDF, ШПИ); if any row has a problem, all"
          + " problems are listed and nothing is sent (exit 3). Then all rows are recorded in the"
          + " outbox, given ШПИ from the outbox's ranges, signed and sent. Rows are matched to the"
          + " outbox by their content (letter fields and PDF), not their row number: running the"
          + " command again after an interruption, or with an edited manifest, sends only the"
          + " letters not sent yet and no letter twice.",
      "CSV columns: pdf (relative to the manifest), document_number, document_date, title,"
          + " surname, name, patronymic (a person) or organisation, inn, kpp, then postcode,"
          + " address, and optionally type, mail_rank, electronic_notice, barcode."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every letter is sent",
      "2:the command or an option is mistyped",
      "3:the manifest has problems; nothing was sent",
      "4:some letters failed: the service rejected them (a 4xx response), or their PDF changed"
          + " after they were recorded; the result file gives each error",
      "5:some letters are not sent yet because the service was unreachable, busy or"
          + " unavailable (408, 429, 5xx); run the same command again later to send them",
      "130:interrupted, such as by Ctrl-C; run the same command again to resume",
      "1:any other failure, such as a file that cannot be read"
    })
final class BatchCommand implements Callable<Integer> {
  private static final int RECORD_CHUNK = 200;

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin KeyOptions key;

  @Mixin OutboxOptions outbox;

  @Parameters(paramLabel = "MANIFEST", description = "The manifest: FILE.csv or FILE.xlsx.")
  Path manifestFile;

  @Option(
      names = "--sender-name",
      required = true,
      paramLabel = "NAME",
      description = "The sender's name on every letter.")
  String senderName;

  @Option(
      names = "--sender-address",
      required = true,
      paramLabel = "ADDRESS",
      description = "The sender's return address, postcode first: \"115225, г. Москва, …\".")
  String senderAddress;

  @Option(
      names = "--mail-rank",
      defaultValue = "0",
      paramLabel = "N",
      description = "Mail rank of rows without one, 0 to 7 (default: ${DEFAULT-VALUE}).")
  int mailRank;

  @Option(
      names = "--range-file",
      paramLabel = "XML",
      description = "Russian Post's ШПИ range file to add to the outbox (repeatable).")
  List<Path> rangeFiles = new ArrayList<>();

  @Option(
      names = "--range",
      paramLabel = "PREFIX:FIRST-LAST",
      description =
          "A plain ШПИ range to add: 8-digit prefix, first and last 5-digit serial,"
              + " such as 10100001:1-50000 (repeatable).")
  List<String> ranges = new ArrayList<>();

  @Option(
      names = "--range-id",
      paramLabel = "ID",
      description = "The range to take numbers from (default: the first with numbers left).")
  String rangeId;

  @Option(
      names = "--low-remainder",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Warn when a range has fewer numbers left (default: ${DEFAULT-VALUE}).")
  int lowRemainder;

  @Option(
      names = "--threads",
      defaultValue = "4",
      paramLabel = "N",
      description = "Letters sent at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--lease-seconds",
      defaultValue = "120",
      paramLabel = "S",
      description =
          "How long this run's claim on a letter lasts without renewal, in s. If this run is"
              + " killed, a rerun waits this long for the letters it had in flight"
              + " (default: ${DEFAULT-VALUE}).")
  double leaseSeconds;

  @Option(
      names = "--retry-seconds",
      defaultValue = "30",
      paramLabel = "S",
      description =
          "Wait before a letter is tried again after a network failure or a busy"
              + " service, in s (default: ${DEFAULT-VALUE}).")
  double retrySeconds;

  @Option(
      names = "--wait-minutes",
      defaultValue = "10",
      paramLabel = "M",
      description =
          "How long to keep trying letters that failed in a way that may pass, in"
              + " minutes, before stopping with exit 5 (default: ${DEFAULT-VALUE}).")
  double waitMinutes;

  @Option(
      names = "--deadline-seconds",
      defaultValue = "120",
      paramLabel = "S",
      description = "How long one send keeps retrying, in s (default: ${DEFAULT-VALUE}).")
  long deadlineSeconds;

  @Option(
      names = "--max-pages",
      paramLabel = "N",
      description = "Maximum number of pages in each PDF (default: 15).")
  Integer maxPages;

  @Option(
      names = "--verbose",
      description =
          "Also print the SDK's log lines from INFO up (retries, lookups, letters that stay"
              + " pending) between the progress lines; without it only the SDK's errors are"
              + " printed.")
  boolean verbose;

  @Option(
      names = "--result",
      paramLabel = "BASE",
      description =
          "Where to write the result: BASE.csv and BASE.json (default: the manifest's"
              + " name with .result).")
  Path result;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Thread resumeHint =
        new Thread(
            () ->
                err.println(
                    "ezp: batch interrupted; run the same command again to resume it, no letter"
                        + " will be sent twice"),
            "ezp-batch-interrupted");
    Runtime.getRuntime().addShutdownHook(resumeHint);
    try {
      return checkAndSend(err);
    } finally {
      removeShutdownHook(resumeHint);
    }
  }

  /** Removes the hook unless the JVM is already shutting down, in which case the hook runs. */
  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down, for example after Ctrl-C, so the hint is printed.
    }
  }

  private int checkAndSend(PrintWriter err) throws IOException {
    Sender sender = Sender.of(senderName, Address.parse(senderAddress));
    PdfPreflight preflight = new PdfPreflight(PreflightCommand.policy(maxPages, null, false));
    Manifest manifest = Manifest.read(manifestFile);
    ManifestLetters.Result checked =
        ManifestLetters.prepare(manifest, sender, MailRank.fromCode(checkedRank()), preflight);
    if (!checked.problems().isEmpty()) {
      return reportProblems(checked.problems(), err);
    }
    // The service settings and the token are checked before the outbox is opened, so that a
    // missing token does not leave a new, empty outbox file behind.
    connection.environment();
    connection.credentials();
    try (JdbcOutboxStore store = outbox.open(defaultOutbox())) {
      List<BatchProblem> conflicts = barcodeConflicts(store, manifest, checked.letters());
      if (!conflicts.isEmpty()) {
        return reportProblems(conflicts, err);
      }
      addRanges(store.ranges(), err);
      Recorded recorded = record(store, checked.letters());
      err.println(recorded.describe(manifestFile));
      send(store, checked.letters().size());
      List<BatchResults.Line> lines = BatchResults.collect(store, checked.letters());
      writeResults(lines);
      return summarise(lines, recorded.sentBefore(), err);
    }
  }

  private int reportProblems(List<BatchProblem> problems, PrintWriter err) {
    err.printf(
        "ezp: %s has %d problem(s); nothing was sent:%n",
        manifestFile.getFileName(), problems.size());
    for (BatchProblem problem : problems) {
      err.println("  " + problem.describe());
    }
    return EzpCommand.EXIT_INVALID_INPUT;
  }

  /**
   * Finds rows whose own ШПИ the outbox already holds for a different letter, which the outbox
   * would reject because a ШПИ is used once.
   */
  private static List<BatchProblem> barcodeConflicts(
      JdbcOutboxStore store, Manifest manifest, List<ManifestLetters.Prepared> letters) {
    Map<String, ManifestLetters.Prepared> own = new HashMap<>();
    for (ManifestLetters.Prepared letter : letters) {
      if (!letter.allocate() && letter.letter().barcode() != null) {
        own.put(letter.letter().barcode(), letter);
      }
    }
    List<BatchProblem> problems = new ArrayList<>();
    long after = 0;
    List<OutboxRecord> page = own.isEmpty() ? List.of() : store.list(null, after, RECORD_CHUNK);
    while (!page.isEmpty()) {
      for (OutboxRecord record : page) {
        after = record.id();
        ManifestLetters.Prepared letter = own.get(record.barcode());
        if (letter != null && !letter.reference().equals(record.reference())) {
          problems.add(
              barcodeConflict(letter, record, manifest.columnName(ManifestColumns.BARCODE)));
        }
      }
      page = page.size() < RECORD_CHUNK ? List.of() : store.list(null, after, RECORD_CHUNK);
    }
    problems.sort(Comparator.comparingInt(BatchProblem::row));
    return problems;
  }

  private static BatchProblem barcodeConflict(
      ManifestLetters.Prepared letter, OutboxRecord record, String column) {
    return new BatchProblem(
        letter.row().row(),
        column,
        "BARCODE_IN_OUTBOX",
        record.barcode(),
        "the outbox already has this ШПИ for a different letter (outbox id "
            + record.id()
            + ", state "
            + record.state()
            + (record.letterId() == null ? "" : ", letter id " + record.letterId())
            + "); a ШПИ is used once, so give the row a new one or leave it empty to take one"
            + " from a range");
  }

  private int checkedRank() {
    if (mailRank < 0 || mailRank > 7) {
      throw new ConfigurationException("--mail-rank must be 0 to 7, got " + mailRank);
    }
    return mailRank;
  }

  private Path defaultOutbox() {
    return siblingOfManifest(".outbox.db");
  }

  private Path siblingOfManifest(String suffix) {
    Path absolute = manifestFile.toAbsolutePath();
    String name = absolute.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return absolute.resolveSibling(base + suffix);
  }

  private void addRanges(ShpiRanges store, PrintWriter err) {
    store.lowRemainder(
        lowRemainder,
        range ->
            err.printf(
                "ezp: warning: ШПИ range %s has %d numbers left; import a new range file%n",
                range.id(), range.remaining()));
    for (Path file : rangeFiles) {
      store.importRangeFile(file);
    }
    for (String spec : ranges) {
      RangeSpec parsed = RangeSpec.parse(spec);
      store.addRange(parsed.prefix(), parsed.first(), parsed.last(), "--range " + spec);
    }
  }

  /**
   * The manifest's letters by what the outbox held when this run started.
   *
   * @param toSend letters new to the outbox, or recorded and not sent yet
   * @param sentBefore letters an earlier run sent
   * @param failedBefore letters that failed in an earlier run, which are not sent again
   */
  record Recorded(int toSend, int sentBefore, int failedBefore) {

    /** Returns the first progress line, printed before any letter is sent. */
    String describe(Path manifest) {
      return "ezp: batch "
          + manifest.getFileName()
          + ": "
          + toSend
          + " letters to send, "
          + sentBefore
          + " already sent by an earlier run"
          + (failedBefore == 0 ? "" : ", " + failedBefore + " failed in an earlier run");
    }
  }

  /**
   * Records every row, in chunks so that each commit stays short. A row whose reference the outbox
   * already has is the same letter as one recorded before, so it is skipped.
   */
  private Recorded record(JdbcOutboxStore store, List<ManifestLetters.Prepared> letters) {
    String range = rangeId != null ? rangeId : OutboxEntry.ANY_RANGE;
    int sentBefore = 0;
    int failedBefore = 0;
    for (int from = 0; from < letters.size(); from += RECORD_CHUNK) {
      List<OutboxEntry> chunk = new ArrayList<>();
      for (ManifestLetters.Prepared letter :
          letters.subList(from, Math.min(letters.size(), from + RECORD_CHUNK))) {
        Optional<OutboxRecord> known = store.findByReference(letter.reference());
        if (known.isPresent()) {
          sentBefore += known.get().state() == OutboxState.SENT ? 1 : 0;
          failedBefore += known.get().state() == OutboxState.FAILED ? 1 : 0;
          continue;
        }
        chunk.add(
            new OutboxEntry(
                letter.reference(),
                letter.letter(),
                letter.pdf(),
                letter.pdfSha256(),
                null,
                letter.allocate() ? range : null));
      }
      if (!chunk.isEmpty()) {
        store.enqueue(chunk);
      }
    }
    return new Recorded(letters.size() - sentBefore - failedBefore, sentBefore, failedBefore);
  }

  /** Sends until no letter is open, or until --wait-minutes passed while some wait for a retry. */
  private void send(JdbcOutboxStore store, int total) {
    try (HttpTransport transport = HttpTransport.create();
        EzpClient client = client(transport);
        BatchProgress progress = BatchProgress.start(store, total, spec.commandLine().getErr())) {
      OutboxSender sender =
          OutboxSender.builder()
              .store(store)
              .client(client)
              .threads(threads)
              .lease(seconds(leaseSeconds, "--lease-seconds"))
              .retryDelay(seconds(retrySeconds, "--retry-seconds"))
              .build();
      long deadline = System.nanoTime() + (long) (waitMinutes * 60e9);
      boolean waitReported = false;
      boolean retriesReported = false;
      while (true) {
        sender.drain();
        Map<OutboxState, Long> counts = store.countByState();
        long open =
            counts.getOrDefault(OutboxState.PENDING, 0L)
                + counts.getOrDefault(OutboxState.SENDING, 0L);
        if (!retriesReported && counts.getOrDefault(OutboxState.PENDING, 0L) > 0) {
          retriesReported = reportDelayedRetries(store);
        }
        if (open == 0 || System.nanoTime() > deadline) {
          progress.finish();
          return;
        }
        if (!waitReported && counts.getOrDefault(OutboxState.SENDING, 0L) > 0) {
          waitReported = reportForeignClaims(store, sender.worker());
        }
        sleepBriefly();
      }
    }
  }

  /**
   * Prints once why the run seems idle: other senders hold letters until their leases expire.
   *
   * @return true when there were such letters and the line was printed
   */
  private boolean reportForeignClaims(JdbcOutboxStore store, String worker) {
    ForeignClaims claims = ForeignClaims.find(store, worker);
    if (claims.count() == 0) {
      return false;
    }
    spec.commandLine().getErr().println(claims.describe());
    return true;
  }

  /**
   * Prints once how many letters wait for their retry time after a failed attempt, in this run or
   * an earlier one, and when the first is due.
   *
   * @return true when there were such letters and the line was printed
   */
  private boolean reportDelayedRetries(JdbcOutboxStore store) {
    DelayedRetries retries = DelayedRetries.find(store, Instant.now());
    if (retries.count() == 0) {
      return false;
    }
    spec.commandLine().getErr().println(retries.describe());
    return true;
  }

  private int summarise(List<BatchResults.Line> lines, int sentBefore, PrintWriter err) {
    long sent = lines.stream().filter(line -> line.state().equals("SENT")).count();
    long failed = lines.stream().filter(line -> line.state().equals("FAILED")).count();
    long open = lines.size() - sent - failed;
    String earlier =
        sentBefore == 0 ? "" : " (" + sentBefore + " of them already sent by an earlier run)";
    spec.commandLine()
        .getOut()
        .printf(
            "Batch %s: %d sent, %d failed, %d not sent yet%s; results in %s.csv and .json%n",
            manifestFile.getFileName(), sent, failed, open, earlier, resultBase());
    if (open > 0) {
      err.printf(
          "ezp: %d letters are not sent yet (network failures, or a busy or unavailable"
              + " service); run the same command again later to send them%n",
          open);
      return EzpCommand.EXIT_TRANSPORT_ERROR;
    }
    if (failed > 0) {
      err.printf("ezp: %d letters failed; the result file gives each error%n", failed);
      return EzpCommand.EXIT_SERVICE_ERROR;
    }
    return 0;
  }

  private void writeResults(List<BatchResults.Line> lines) throws IOException {
    Path base = resultBase();
    BatchResults.writeCsv(base.resolveSibling(base.getFileName() + ".csv"), lines);
    BatchResults.writeJson(base.resolveSibling(base.getFileName() + ".json"), lines);
  }

  private Path resultBase() {
    return result != null ? result.toAbsolutePath() : siblingOfManifest(".result");
  }

  private EzpClient client(HttpTransport transport) {
    if (deadlineSeconds < 1) {
      throw new ConfigurationException(
          "--deadline-seconds must be at least 1, got " + deadlineSeconds);
    }
    return EzpClient.builder()
        .environment(connection.environment())
        .credentials(connection.credentials())
        .transport(transport)
        .signer(CadesSigner.of(key.load()))
        .preflightPolicy(PreflightCommand.policy(maxPages, null, false))
        .retryPolicy(
            RetryPolicy.defaults().toBuilder()
                .totalDeadline(Duration.ofSeconds(deadlineSeconds))
                .build())
        .build();
  }

  private static Duration seconds(double value, String option) {
    if (!(value > 0)) {
      throw new ConfigurationException(option + " must be above 0, got " + value);
    }
    return Duration.ofMillis((long) (value * 1000));
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException("The batch was interrupted; run it again to continue");
    }
  }

  /** A plain range given on the command line. */
  record RangeSpec(String prefix, int first, int last) {
    static RangeSpec parse(String text) {
      java.util.regex.Matcher matcher =
          java.util.regex.Pattern.compile("(\\d{8}):(\\d{1,5})-(\\d{1,5})").matcher(text);
      if (!matcher.matches()) {
        throw new ConfigurationException(
            "--range '"
                + text
                + "' is malformed; write PREFIX:FIRST-LAST, such as"
                + " 10100001:1-50000");
      }
      return new RangeSpec(
          matcher.group(1), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
    }
  }
}
