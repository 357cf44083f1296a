package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code openssl} command with gost-engine loaded through a generated configuration. The
 * engine library is looked up in the ENGINESDIR that {@code openssl version -e} prints. When
 * OpenSSL or the engine is missing, tests that need it are skipped, unless the environment variable
 * CI is "true", where they fail.
 */
public final class OpenSsl {
  private static final Pattern ENGINES_DIR = Pattern.compile("ENGINESDIR: \"([^\"]*)\"");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path config;

  private OpenSsl(Path config) {
    this.config = config;
  }

  /** Returns an OpenSSL runner with gost-engine, or skips (fails on CI) the calling test. */
  public static OpenSsl withGostEngine(Path tempDir) throws IOException, InterruptedException {
    Path engine = findEngine();
    boolean onCi = "true".equalsIgnoreCase(System.getenv("CI"));
    if (onCi) {
      assertThat(engine).as("gost-engine for OpenSSL (required when CI=true)").isNotNull();
    }
    assumeTrue(engine != null, "OpenSSL with gost-engine is not installed");

    Path config = tempDir.resolve("openssl-gost.cnf");
    Files.writeString(config, configText(engine), StandardCharsets.US_ASCII);
    OpenSsl openSsl = new OpenSsl(config);
    Result check = openSsl.run("engine", "gost", "-c");
    if (onCi) {
      assertThat(check.exitCode()).as("openssl engine gost: %s", check.output()).isZero();
    }
    assumeTrue(check.exitCode() == 0, "gost-engine does not load: " + check.output());
    return openSsl;
  }

  private static Path findEngine() throws InterruptedException {
    List<Path> candidates = new ArrayList<>();
    try {
      Result version = run(null, List.of("openssl", "version", "-e"));
      Matcher matcher = ENGINES_DIR.matcher(version.output());
      if (version.exitCode() == 0 && matcher.find()) {
        candidates.add(Path.of(matcher.group(1)));
      }
    } catch (IOException e) {
      return null; // No openssl on the PATH.
    }
    candidates.add(Path.of("/usr/lib/x86_64-linux-gnu/engines-3"));
    candidates.add(Path.of("/usr/lib/aarch64-linux-gnu/engines-3"));
    candidates.add(Path.of("/usr/lib64/engines-3"));
    candidates.add(Path.of("/usr/local/lib/engines-3"));
    for (Path dir : candidates) {
      for (String name : List.of("gost.so", "gost.dylib", "libgost.so")) {
        Path engine = dir.resolve(name);
        if (Files.isRegularFile(engine)) {
          return engine;
        }
      }
    }
    return null;
  }

  private static String configText(Path engine) {
    return String.join(
        "\n",
        "openssl_conf = openssl_init",
        "[openssl_init]",
        "engines = engine_section",
        "[engine_section]",
        "gost = gost_section",
        "[gost_section]",
        "engine_id = gost",
        "dynamic_path = " + engine.toAbsolutePath(),
        "default_algorithms = ALL",
        "");
  }

  /** Runs {@code openssl} with the given arguments and returns its exit code and output. */
  public Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    return run(config, command);
  }

  /** Runs {@code openssl} and fails the test when it exits with a non-zero code. */
  public Result runOk(String... args) throws IOException, InterruptedException {
    Result result = run(args);
    assertThat(result.exitCode()).as("openssl %s: %s", List.of(args), result.output()).isZero();
    return result;
  }

  private static Result run(Path config, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (config != null) {
      builder.environment().put("OPENSSL_CONF", config.toString());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("openssl did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** Exit code and combined standard output and error of one run. */
  public record Result(int exitCode, String output) {}
}
