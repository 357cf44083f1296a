package org.ezpsdk.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.ezpsdk.core.Credentials;
import org.ezpsdk.core.Environment;
import org.ezpsdk.core.error.ConfigurationException;
import org.ezpsdk.examples.config.EzpConfig;
import org.ezpsdk.examples.config.SecretFiles;
import org.ezpsdk.examples.selftest.Selftest;
import org.ezpsdk.examples.selftest.SelftestReport;
import org.ezpsdk.examples.selftest.StepResult;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.testkit.EpsEmulator;
import org.ezpsdk.testkit.FaultPlan;
import org.ezpsdk.transport.http.HttpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the integration-test checklist against an environment and writes a report. */
@Command(
    name = "selftest",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the integration-test checklist: credentials, a valid letter, each kind of invalid"
          + " letter (rejected by the SDK and, sent raw, by the service), statuses, events, the"
          + " notice of delivery and a repeated send. Prints a table of steps and writes a report"
          + " (Markdown and JSON, without secrets) for Russian Post's support.",
      "Target: --url, else the configuration's active profile (--config or EZP_CONFIG, or"
          + " EZP_ENDPOINT), else an embedded emulator. Exits 0 when every step passes, 1 when"
          + " any fails, 3 for invalid settings."
    })
final class SelftestCommand implements Callable<Integer> {

  /** The recipient of the test letters; the embedded emulator gives it Госпочта consent. */
  private static final String RECIPIENT = "Иванов Иван Иванович";

  private static final String EMULATOR_BARCODE_PREFIX = "10100001";

  @Spec CommandSpec spec;

  @Mixin KeyOptions key;

  @Option(names = "--config", paramLabel = "FILE", description = "The YAML configuration file.")
  Path configFile;

  @Option(names = "--profile", paramLabel = "NAME", description = "The profile to test.")
  String profile;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Base URL of a test environment or emulator; overrides the profile's endpoint.")
  URI url;

  @Option(
      names = "--sender-id",
      paramLabel = "ID",
      description = "Sender id for --url (default: the profile's, or the emulator's test id).")
  String senderId;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "File that contains the token for --url (default: EZP_TOKEN).")
  Path tokenFile;

  @Option(
      names = "--emulator-fault",
      paramLabel = "SPEC",
      description =
          "Fault of the embedded emulator, as for 'ezp emulator --fault' (repeatable), to see how"
              + " a step fails.")
  List<String> emulatorFaults = List.of();

  @Option(
      names = "--i-understand-this-is-production",
      description =
          "Allow a run against a production profile: it sends a real letter that is paid for.")
  boolean productionConfirmed;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Folder of the report files (default: the current folder).")
  Path reportDir;

  @Option(
      names = "--barcode-prefix",
      paramLabel = "DIGITS",
      description =
          "First 8 digits of the test letters' ШПИ, from your allocated range; required with"
              + " --url or a profile (default for the embedded emulator: "
              + EMULATOR_BARCODE_PREFIX
              + ").")
  String barcodePrefix;

  @Option(
      names = "--notice-timeout-seconds",
      paramLabel = "S",
      defaultValue = "60",
      description =
          "How long to wait for events and the notice of delivery, in s (default: ${DEFAULT-VALUE}).")
  long noticeTimeoutSeconds;

  @Override
  public Integer call() throws IOException {
    Target target = target();
    barcodePrefix = checkedBarcodePrefix(target);
    SelftestReport report = run(target);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "EZP selftest against %s (%s, %s)%n",
        report.endpoint(), report.environment(), report.target());
    out.print(report.table());
    Path written = report.write(reportDir);
    String json = written.getFileName().toString().replace(".md", ".json");
    out.printf("Report: %s and %s%n", written, written.resolveSibling(json));
    return report.passed() ? 0 : EzpCommand.EXIT_FAILURE;
  }

  private String checkedBarcodePrefix(Target target) {
    if (barcodePrefix == null) {
      if (target.embedded()) {
        return EMULATOR_BARCODE_PREFIX;
      }
      throw new ConfigurationException(
          "--barcode-prefix is missing: against "
              + target.description()
              + " the test letters need ШПИ from your allocated range; give its first 8 digits");
    }
    if (!barcodePrefix.matches("[0-9]{8}")) {
      throw new ConfigurationException(
          "--barcode-prefix '"
              + barcodePrefix
              + "' is not 8 digits; give the first 8 digits of your allocated ШПИ range");
    }
    return barcodePrefix;
  }

  /** Runs the steps against the target, or against an embedded emulator started here. */
  private SelftestReport run(Target target) throws IOException {
    Instant started = Instant.now();
    Path workDir = Files.createTempDirectory("ezp-selftest-");
    Selftest.Options options =
        new Selftest.Options(
            barcodePrefix,
            Duration.ofSeconds(noticeTimeoutSeconds),
            Duration.ofMillis(200),
            RECIPIENT);
    EpsEmulator emulator = target.embedded() ? startEmulator() : null;
    try (HttpTransport transport = HttpTransport.create()) {
      Environment environment =
          emulator != null ? Environment.test(emulator.baseUri()) : target.environment();
      Selftest selftest =
          new Selftest(
              environment, target.credentials(), target.signingKey(), transport, options, workDir);
      List<StepResult> steps = selftest.run();

      String description = target.description();
      if (emulator != null && !emulatorFaults.isEmpty()) {
        description += " with faults " + emulatorFaults;
      }
      return new SelftestReport(
          started,
          Instant.now(),
          environment.kind().name(),
          environment.endpoint().toString(),
          target.credentials().id(),
          description,
          version(),
          steps);
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  /** The environment, credentials and key to test, and how they were chosen. */
  private record Target(
      Environment environment,
      Credentials credentials,
      SigningCredentials signingKey,
      boolean embedded,
      String description) {}

  private Target target() {
    EzpConfig config = EzpConfig.load(configFile, profile);
    boolean useConfig = configFile != null || profile != null || config.isConfigured();
    if (url != null) {
      Credentials credentials =
          Credentials.of(senderIdFor(config, useConfig), tokenFor(config, useConfig));
      // NOTE: a --url run is labelled TEST; a production host is reached only through a production
      // profile, which needs --i-understand-this-is-production.
      return new Target(
          Environment.test(url),
          credentials,
          signingKey(useConfig ? config : null),
          false,
          "--url");
    }
    if (useConfig) {
      config.requireValid();
      if (config.isProduction() && !productionConfirmed) {
        throw new ConfigurationException(
            "The profile '"
                + config.profile()
                + "' is the production environment; the self-test sends a real letter there."
                + " Add --i-understand-this-is-production to run it anyway");
      }
      return new Target(
          config.environment(),
          config.credentials(),
          signingKey(config),
          false,
          "profile " + config.profile());
    }
    return new Target(
        null, EpsEmulator.testCredentials(), generatedKey(), true, "embedded emulator");
  }

  private String senderIdFor(EzpConfig config, boolean useConfig) {
    if (senderId != null) {
      return senderId;
    }
    return useConfig ? config.requireValid().credentials().id() : EpsEmulator.TEST_SENDER_ID;
  }

  private String tokenFor(EzpConfig config, boolean useConfig) {
    if (tokenFile != null) {
      return SecretFiles.read(tokenFile, "--token-file");
    }
    String fromEnv = System.getenv("EZP_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (useConfig) {
      return config.requireValid().token();
    }
    throw new ConfigurationException("--url needs a token: set EZP_TOKEN or give --token-file");
  }

  private SigningCredentials signingKey(EzpConfig config) {
    if (key.keyFile != null || key.pkcs12File != null || key.keyStoreFile != null) {
      return key.load();
    }
    if (config != null && config.keySource().isPresent()) {
      return config.keySource().get().load();
    }
    return generatedKey();
  }

  private static SigningCredentials generatedKey() {
    // NOTE: a self-signed key passes the emulator. A real test environment accepts only a
    // certificate registered with Russian Post, so give --key/--cert or the profile's signing key.
    return TestKeys.generate(
        GostParameterSet.TC26_256_A, "EZP selftest signer (test only)", Duration.ofDays(1));
  }

  private EpsEmulator startEmulator() {
    return EpsEmulator.builder()
        .stepDelay(Duration.ofMillis(100))
        .withGosPochtaConsent(RECIPIENT)
        .faults(FaultPlan.parse(emulatorFaults, 0))
        .build()
        .start();
  }

  private static String version() {
    String version = EzpCommand.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }
}
