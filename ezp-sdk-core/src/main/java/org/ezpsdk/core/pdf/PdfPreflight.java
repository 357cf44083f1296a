package org.ezpsdk.core.pdf;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.error.PreflightException;
import org.ezpsdk.core.error.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a PDF attachment before it is signed and sent, so that Russian Post's hybrid-print centre
 * can print it: the file parses, needs no password, has 1 to {@link PreflightPolicy#maxPages()}
 * pages, each A4 portrait as displayed, and is no larger than {@link
 * PreflightPolicy#maxFileSizeBytes()}.
 *
 * <p>Every problem found is reported, not only the first; page problems are listed for the first 10
 * such pages and summed up for the rest. Rule codes are in {@link PreflightRules}. The size is
 * checked before parsing, and a file over the limit is still parsed so that its other problems are
 * reported too. The file is read from disk in parts, so a large file does not need a heap of its
 * size. Instances are immutable and thread-safe.
 */
public final class PdfPreflight {
  private static final Logger LOG = LoggerFactory.getLogger(PdfPreflight.class);

  private final PreflightPolicy policy;

  public PdfPreflight(PreflightPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Makes a preflight with {@link PreflightPolicy#defaults()}. */
  public PdfPreflight() {
    this(PreflightPolicy.defaults());
  }

  public PreflightPolicy policy() {
    return policy;
  }

  /**
   * Checks the file and returns what was measured.
   *
   * @throws PreflightException listing every violation, when there is at least one
   */
  public PreflightReport check(Path file) {
    PreflightRun run = run(file);
    List<Violation> violations = run.violations();
    if (!violations.isEmpty()) {
      throw new PreflightException(run.fileName(), violations);
    }
    return run.report();
  }

  /** Checks the file and returns every violation, in the order found; empty when it passes. */
  public List<Violation> findViolations(Path file) {
    return run(file).violations();
  }

  private PreflightRun run(Path file) {
    Objects.requireNonNull(file, "file");
    PreflightRun run = new PreflightRun(file, policy).run();
    if (LOG.isDebugEnabled()) {
      PreflightReport report = run.report();
      LOG.debug(
          "Preflight of PDF '{}': {} bytes, {} pages, {} violations",
          report.fileName(),
          report.sizeBytes(),
          report.pageCount(),
          run.violations().size());
    }
    return run;
  }
}
