package org.ezpsdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.ezpsdk.core.outbox.JdbcOutboxStore;
import org.ezpsdk.core.outbox.OutboxDatabases;
import org.ezpsdk.core.outbox.OutboxRecord;
import org.ezpsdk.core.outbox.OutboxState;
import org.ezpsdk.core.pdf.TestPdfs;
import org.ezpsdk.core.validation.TrackingNumbers;
import org.ezpsdk.examples.batch.TestWorkbooks;
import org.ezpsdk.testkit.EmulatedLetter;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.EpsEmulatorExtension;
import org.ezpsdk.testkit.Fault;
import org.ezpsdk.testkit.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ezp batch}, {@code ezp outbox} and {@code ezp events --follow} against the emulator. */
class BatchCommandTest {
  @RegisterExtension
  final EpsEmulatorExtension eps =
      EpsEmulatorExtension.perTest(EpsEmulator.builder().stepDelay(Duration.ofMillis(10)));

  @TempDir Path dir;
  Path key;
  Path cert;

  @BeforeEach
  void makeKey() {
    key = dir.resolve("key.pem");
    cert = dir.resolve("cert.pem");
    CliRun keygen = CliRun.of("keygen", "--key-out", key.toString(), "--cert-out", cert.toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
  }

  /**
   * Runs the batch against a closed port, so that no letter is sent, and checks that it ends with
   * letters not sent yet.
   */
  private CliRun runOffline(Path manifest, String retrySeconds, String waitMinutes)
      throws IOException {
    List<String> args = TestManifests.batchArgs(closedEndpoint(), key, cert, manifest);
    args.addAll(
        args.size() - 1,
        List.of(
            "--deadline-seconds",
            "1",
            "--retry-seconds",
            retrySeconds,
            "--wait-minutes",
            waitMinutes));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_TRANSPORT_ERROR);
    return run;
  }

  private CliRun batch(Path manifest, String... extra) throws IOException {
    List<String> args =
        TestManifests.batchArgs(eps.emulator().baseUri().toString(), key, cert, manifest);
    args.addAll(args.size() - 1, List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void sendsEveryRowOnceWithItsOwnNumber() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 20, i -> null);

    CliRun run = batch(manifest);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<EmulatedLetter> letters = eps.emulator().letters();
    assertThat(letters).hasSize(20);
    assertThat(new HashSet<>(letters.stream().map(EmulatedLetter::barcode).toList())).hasSize(20);
    assertThat(letters)
        .allSatisfy(l -> assertThat(TrackingNumbers.isValidDomestic(l.barcode())).isTrue());
    assertThat(eps.emulator().duplicates()).isEmpty();
    assertThat(run.out()).contains("20 sent, 0 failed, 0 not sent yet");
  }

  @Test
  void printsFirstProgressLineBeforeSending() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 3, i -> null);

    CliRun first = batch(manifest);
    CliRun again = batch(manifest);

    String start = "ezp: batch decisions.csv: 3 letters to send, 0 already sent by an earlier run";
    assertThat(first.err()).as(first.toString()).contains(start);
    assertThat(first.err().indexOf(start))
        .as(first.toString())
        .isLessThan(first.err().indexOf("letters done"));
    assertThat(again.err())
        .as(again.toString())
        .contains("ezp: batch decisions.csv: 0 letters to send, 3 already sent by an earlier run");
  }

  @Test
  void busyServiceLeavesLettersNotSentYet() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 2, i -> null);
    FaultPlan faults =
        FaultPlan.builder().add(Fault.status(503).withProbability(1).on("sendLetter")).build();
    try (EpsEmulator busy = EpsEmulator.builder().faults(faults).build().start()) {
      List<String> args = TestManifests.batchArgs(busy.baseUri().toString(), key, cert, manifest);
      args.addAll(
          args.size() - 1,
          List.of("--deadline-seconds", "1", "--retry-seconds", "0.1", "--wait-minutes", "0.005"));

      CliRun run = CliRun.of(args.toArray(String[]::new));

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(EzpCommand.EXIT_TRANSPORT_ERROR);
      assertThat(run.out()).contains("0 sent, 0 failed, 2 not sent yet");
      assertThat(run.err())
          .as(run.toString())
          .contains("ezp: 2 letters are not sent yet")
          .contains("run the same command again later");
      assertThat(busy.letters()).isEmpty();
    }
  }

  @Test
  void rerunSaysWhenFailedLettersAreDue() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 2, i -> null);
    runOffline(manifest, "600", "0");

    CliRun rerun = runOffline(manifest, "600", "0");

    assertThat(rerun.err())
        .as(rerun.toString())
        .containsPattern(
            "ezp: 2 letter\\(s\\) wait for their next attempt after a failed one; the first is"
                + " due at \\d\\d:\\d\\d:\\d\\d ");
  }

  @Test
  void rerunReportsLettersOfKilledRun() throws Exception {
    Path manifest = TestManifests.write(dir, "decisions.csv", 3, i -> null);
    runOffline(manifest, "0.1", "0.005");
    claimAsKilledRun(dir.resolve("decisions.outbox.db"), 3);

    CliRun run = batch(manifest, "--lease-seconds", "30");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .as(run.toString())
        .containsPattern(
            "ezp: waiting until \\d\\d:\\d\\d:\\d\\d .* for 3 letter\\(s\\) claimed by an"
                + " earlier run");
    assertThat(eps.emulator().letters()).hasSize(3);
    assertThat(eps.emulator().duplicates()).isEmpty();
    assertThat(eps.emulator().requestCount("findLetters"))
        .as("lookups before resending")
        .isEqualTo(3);
  }

  /** Leaves every record in SENDING under a sender that stopped, as SIGKILL during a send would. */
  private static void claimAsKilledRun(Path outbox, int records) throws InterruptedException {
    try (JdbcOutboxStore store = JdbcOutboxStore.sqlite(outbox)) {
      int claimed = 0;
      while (claimed < records) {
        // The records are due again after --retry-seconds of the first run.
        claimed += store.claim("killed-run", records, Duration.ofSeconds(2)).size();
        Thread.sleep(50);
      }
    }
  }

  private static String closedEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }
  }

  @Test
  void writesResultFiles() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 3, i -> null);

    batch(manifest);

    List<String> csv = Files.readAllLines(dir.resolve("decisions.result.csv"));
    assertThat(csv.get(0)).isEqualTo("row,reference,barcode,state,letter_id,service_status,error");
    assertThat(csv).hasSize(4);
    assertThat(csv.get(1)).matches("2,sha256:[0-9a-f]{64},10100001\\d{6},SENT,.*");
    assertThat(Files.readString(dir.resolve("decisions.result.json")))
        .contains("\"state\" : \"SENT\"");
  }

  @Test
  void rerunSendsNothingAgain() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 10, i -> null);
    batch(manifest);

    CliRun again = batch(manifest);

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(eps.emulator().letters()).hasSize(10);
    assertThat(eps.emulator().requestCount("sendLetter")).isEqualTo(10);
  }

  @Test
  void rerunWithChangedRowsSendsNewLetters() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 2, i -> null);
    batch(manifest);
    Map<Integer, String> firstIds = letterIdsByRow();
    TestManifests.rewrite(manifest, List.of(TestManifests.validRow(2), TestManifests.validRow(3)));

    CliRun again = batch(manifest);

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("2 sent, 0 failed, 0 not sent yet;");
    assertThat(eps.emulator().requestCount("sendLetter")).isEqualTo(4);
    Map<Integer, String> secondIds = letterIdsByRow();
    assertThat(secondIds).containsOnlyKeys(2, 3);
    assertThat(secondIds.values()).doesNotContainAnyElementsOf(firstIds.values());
    assertThat(eps.emulator().letters().stream().map(EmulatedLetter::letterId))
        .containsAll(secondIds.values());
  }

  @Test
  void rowInsertedAtTopSendsOnlyIt() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 3, i -> null);
    batch(manifest);
    Map<Integer, String> firstIds = letterIdsByRow();
    TestManifests.rewrite(
        manifest,
        List.of(
            TestManifests.validRow(9),
            TestManifests.validRow(0),
            TestManifests.validRow(1),
            TestManifests.validRow(2)));

    CliRun again = batch(manifest);

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("4 sent, 0 failed, 0 not sent yet");
    assertThat(again.out()).contains("(3 of them already sent by an earlier run)");
    assertThat(eps.emulator().requestCount("sendLetter")).isEqualTo(4);
    Map<Integer, String> secondIds = letterIdsByRow();
    assertThat(firstIds.values()).doesNotContain(secondIds.get(2));
    assertThat(secondIds.get(3)).isEqualTo(firstIds.get(2));
    assertThat(secondIds.get(4)).isEqualTo(firstIds.get(3));
    assertThat(secondIds.get(5)).isEqualTo(firstIds.get(4));
  }

  @Test
  void duplicateRowIsRejected() throws IOException {
    Path manifest =
        TestManifests.write(
            dir, "decisions.csv", 3, i -> i == 2 ? TestManifests.validRow(0) : null);

    CliRun run = batch(manifest);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("decisions.csv has 1 problem(s); nothing was sent");
    assertThat(run.err()).contains("row 4, row: DUPLICATE_ROW: same as row 2");
    assertThat(eps.emulator().requestCount("sendLetter")).isZero();
  }

  @Test
  void ownBarcodeOfAnotherLetterIsRejected() throws IOException {
    String barcode = "80080152000048";
    Path manifest = dir.resolve("decisions.csv");
    TestManifests.write(dir, "decisions.csv", 0, i -> null);
    writeWithBarcode(manifest, TestManifests.validRow(0), barcode);
    batch(manifest);
    writeWithBarcode(manifest, TestManifests.validRow(1), barcode);

    CliRun run = batch(manifest);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err())
        .contains("row 2, barcode: BARCODE_IN_OUTBOX (value '" + barcode + "')")
        .contains("state SENT");
    assertThat(eps.emulator().requestCount("sendLetter")).isEqualTo(1);
  }

  private static void writeWithBarcode(Path manifest, String row, String barcode)
      throws IOException {
    Files.writeString(manifest, TestManifests.HEADER + ",barcode\n" + row + "," + barcode + "\n");
  }

  /** Reads the letter id of each row from the result CSV. */
  private Map<Integer, String> letterIdsByRow() throws IOException {
    Map<Integer, String> ids = new java.util.TreeMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("decisions.result.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      ids.put(Integer.parseInt(cells[0]), cells[4]);
    }
    return ids;
  }

  @Test
  void missingTokenLeavesNoOutbox() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 3, i -> null);
    List<String> args =
        TestManifests.batchArgs(eps.emulator().baseUri().toString(), key, cert, manifest);
    Path missing = dir.resolve("no-token.txt");
    args.set(args.indexOf("--token-file") + 1, missing.toString());

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("'" + missing + "' was not found");
    assertThat(dir.resolve("decisions.outbox.db")).doesNotExist();
    assertThat(eps.emulator().requestCount("sendLetter")).isZero();
  }

  @Test
  void reportsEveryBadRowAndSendsNothing() throws IOException {
    String usLetter = TestPdfs.usLetter(dir).getFileName().toString();
    Map<Integer, String> bad =
        Map.of(
            7, TestManifests.validRow(8).replace(",101000,", ",1010,"),
            23, TestManifests.validRow(23).replace("7707083893", "7707083890"),
            41, TestManifests.validRow(42).replaceFirst("letter.pdf", "missing.pdf"),
            66, TestManifests.validRow(66).replaceFirst("letter.pdf", usLetter),
            90, TestManifests.validRow(90).replace("2026-12-04", "31.02.2026"));
    Path manifest = TestManifests.write(dir, "decisions.csv", 100, bad::get);

    CliRun run = batch(manifest);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("decisions.csv has 5 problem(s); nothing was sent");
    assertThat(run.err()).contains("row 9, postcode: POSTCODE_FORMAT (value '1010')");
    assertThat(run.err()).contains("row 25, inn: INN_CHECK_DIGIT (value '7707083890')");
    assertThat(run.err()).contains("row 43, pdf: FILE_NOT_FOUND (value 'missing.pdf')");
    assertThat(run.err())
        .contains("row 68, pdf " + usLetter + " page 1: INCORRECT_LETTER_PAGE_FORMAT");
    assertThat(run.err()).contains("row 92, document_date: DATE_FORMAT (value '31.02.2026')");
    assertThat(eps.emulator().requestCount("sendLetter")).isZero();
    assertThat(dir.resolve("decisions.outbox.db")).doesNotExist();
  }

  @Test
  void sendsReestrXlsx() throws IOException {
    TestPdfs.a4Portrait(dir, "a.pdf", 1);
    String[] headers = {
      "№ п/п", "Файл", "Исходящий номер", "Дата документа", "Наименование документа", "Фамилия",
      "Имя", "Отчество", "Индекс", "Адрес", "Разряд", "Уведомление"
    };
    StringBuilder rows = new StringBuilder();
    for (int r = 2; r <= 4; r++) {
      rows.append("<row r=\"")
          .append(r)
          .append("\">")
          .append(cell("A", r, "<v>" + (r - 1) + "</v>"))
          .append("<c r=\"B")
          .append(r)
          .append("\" t=\"s\"><v>12</v></c>")
          .append(text("C", r, "А40-" + r + "/2026"))
          .append(cell("D", r, "<v>46360</v>"))
          .append(text("E", r, "Определение суда"))
          .append(text("F", r, "Иванов"))
          .append(text("G", r, "Иван"))
          .append(text("H", r, "Иванович"))
          .append(cell("I", r, "<v>101000</v>"))
          .append(text("J", r, "г. Москва, ул. Мясницкая, д. 26"))
          .append(cell("K", r, "<v>4</v>"))
          .append(text("L", r, "да"))
          .append("</row>");
    }
    Path manifest = dir.resolve("reestr.xlsx");
    TestWorkbooks.write(manifest, headers, rows.toString());

    CliRun run = batch(manifest);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(eps.emulator().letters()).hasSize(3);
    assertThat(eps.emulator().letters()).allSatisfy(l -> assertThat(l.electronicNotice()).isTrue());
  }

  private static String cell(String column, int row, String content) {
    return "<c r=\"" + column + row + "\">" + content + "</c>";
  }

  private static String text(String column, int row, String value) {
    return "<c r=\"" + column + row + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
  }

  @Test
  void outboxCommandListsLettersByState() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 4, i -> null);
    batch(manifest);

    CliRun run =
        CliRun.of(
            "outbox", "--outbox", dir.resolve("decisions.outbox.db").toString(), "--state", "SENT");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines().filter(line -> line.contains("\tSENT\t")).count()).isEqualTo(4);
    assertThat(run.out()).contains("counts: {SENT=4}");
    assertThat(run.out()).contains("range 10100001:00001-99999: 99995 of 99999 numbers left");
  }

  @Test
  void eventsFollowAppliesStatusesToOutbox() throws IOException {
    Path manifest = TestManifests.write(dir, "decisions.csv", 6, i -> null);
    batch(manifest);
    Path token = dir.resolve("token.txt");

    CliRun run =
        CliRun.of(
            "events",
            "--test",
            "--endpoint",
            eps.emulator().baseUri().toString(),
            "--sender-id",
            "test-sender",
            "--token-file",
            token.toString(),
            "--outbox",
            dir.resolve("decisions.outbox.db").toString(),
            "--follow",
            "--until-final",
            "--interval-seconds",
            "0.2");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    try (JdbcOutboxStore store = JdbcOutboxStore.sqlite(dir.resolve("decisions.outbox.db"))) {
      List<OutboxRecord> sent = store.list(OutboxState.SENT, 0, 100);
      assertThat(sent).hasSize(6);
      assertThat(sent).allSatisfy(r -> assertThat(r.finalStatus()).isTrue());
      assertThat(store.eventCursor("test-sender")).isPresent();
    }
    assertThat(eps.emulator().requestCount("findLetters")).isZero();
  }

  @Test
  void sendsThroughPostgresOutbox() throws Exception {
    String url = OutboxDatabases.postgres();
    Path manifest = TestManifests.write(dir, "decisions.csv", 5, i -> null);

    CliRun run = batch(manifest, "--outbox-url", url);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(eps.emulator().letters()).hasSize(5);
    try (JdbcOutboxStore store = JdbcOutboxStore.open(url, new java.util.Properties())) {
      assertThat(store.countByState()).containsEntry(OutboxState.SENT, 5L);
    }
  }
}
