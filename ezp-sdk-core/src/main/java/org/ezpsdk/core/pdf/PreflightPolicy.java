package org.ezpsdk.core.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * Limits that {@link PdfPreflight} applies to a PDF attachment. Immutable; made by {@link
 * #builder()}, whose {@code build()} rejects invalid limits.
 */
public final class PreflightPolicy {

  /** The web upload of Russian Post accepts at most 15 pages per letter. */
  public static final int DEFAULT_MAX_PAGES = 15;

  /**
   * 20 MiB. NOTE: an assumption, because Russian Post does not publish a size limit for the
   * attachment; set the limit from your contract when it names one.
   */
  public static final long DEFAULT_MAX_FILE_SIZE_BYTES = 20L * 1024 * 1024;

  /**
   * ±3 pt on the width and on the height, the tolerance that one integrator of the service allows.
   */
  public static final double DEFAULT_PAGE_SIZE_TOLERANCE_PT = 3.0;

  private static final PreflightPolicy DEFAULTS = builder().build();

  private final int maxPages;
  private final long maxFileSizeBytes;
  private final double pageSizeTolerancePt;
  private final OwnerPasswordPolicy ownerPasswordPolicy;

  private PreflightPolicy(Builder builder) {
    this.maxPages = builder.maxPages;
    this.maxFileSizeBytes = builder.maxFileSizeBytes;
    this.pageSizeTolerancePt = builder.pageSizeTolerancePt;
    this.ownerPasswordPolicy = builder.ownerPasswordPolicy;
  }

  /** Returns a builder preset to the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the policy with every default: 15 pages, 20 MiB, ±3 pt, owner password rejected. */
  public static PreflightPolicy defaults() {
    return DEFAULTS;
  }

  public Builder toBuilder() {
    return new Builder()
        .maxPages(maxPages)
        .maxFileSizeBytes(maxFileSizeBytes)
        .pageSizeTolerancePt(pageSizeTolerancePt)
        .ownerPasswordPolicy(ownerPasswordPolicy);
  }

  /** Returns the maximum number of pages, at least 1. */
  public int maxPages() {
    return maxPages;
  }

  /** Returns the maximum file size in bytes, at least 1. */
  public long maxFileSizeBytes() {
    return maxFileSizeBytes;
  }

  /** Returns how far, in points, the width and the height of a page may each differ from A4. */
  public double pageSizeTolerancePt() {
    return pageSizeTolerancePt;
  }

  public OwnerPasswordPolicy ownerPasswordPolicy() {
    return ownerPasswordPolicy;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PreflightPolicy that)) {
      return false;
    }
    return maxPages == that.maxPages
        && maxFileSizeBytes == that.maxFileSizeBytes
        && Double.compare(pageSizeTolerancePt, that.pageSizeTolerancePt) == 0
        && ownerPasswordPolicy == that.ownerPasswordPolicy;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxPages, maxFileSizeBytes, pageSizeTolerancePt, ownerPasswordPolicy);
  }

  @Override
  public String toString() {
    return "PreflightPolicy[maxPages="
        + maxPages
        + ", maxFileSizeBytes="
        + maxFileSizeBytes
        + ", pageSizeTolerancePt="
        + pageSizeTolerancePt
        + ", ownerPasswordPolicy="
        + ownerPasswordPolicy
        + "]";
  }

  /** Builder of {@link PreflightPolicy}; not thread-safe. */
  public static final class Builder {
    private int maxPages = DEFAULT_MAX_PAGES;
    private long maxFileSizeBytes = DEFAULT_MAX_FILE_SIZE_BYTES;
    private double pageSizeTolerancePt = DEFAULT_PAGE_SIZE_TOLERANCE_PT;
    private OwnerPasswordPolicy ownerPasswordPolicy = OwnerPasswordPolicy.REJECT;

    private Builder() {}

    /** Sets the maximum number of pages; must be at least 1. Default 15. */
    public Builder maxPages(int maxPages) {
      this.maxPages = maxPages;
      return this;
    }

    /** Sets the maximum file size in bytes; must be at least 1. Default 20 MiB. */
    public Builder maxFileSizeBytes(long maxFileSizeBytes) {
      this.maxFileSizeBytes = maxFileSizeBytes;
      return this;
    }

    /**
     * Sets how far, in points (1/72 inch), the width and the height of a page may each differ from
     * A4 and still pass. Must be finite and not negative; 0 means A4 to within 0.01 pt. Default 3.
     */
    public Builder pageSizeTolerancePt(double pageSizeTolerancePt) {
      this.pageSizeTolerancePt = pageSizeTolerancePt;
      return this;
    }

    /** Sets what to do with a file encrypted with an owner password only. Default REJECT. */
    public Builder ownerPasswordPolicy(OwnerPasswordPolicy ownerPasswordPolicy) {
      this.ownerPasswordPolicy = ownerPasswordPolicy;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws ConfigurationException listing every invalid limit
     */
    public PreflightPolicy build() {
      List<String> problems = new ArrayList<>();
      if (maxPages < 1) {
        problems.add("maxPages is " + maxPages + ", expected at least 1");
      }
      if (maxFileSizeBytes < 1) {
        problems.add("maxFileSizeBytes is " + maxFileSizeBytes + ", expected at least 1");
      }
      if (!Double.isFinite(pageSizeTolerancePt) || pageSizeTolerancePt < 0) {
        problems.add(
            "pageSizeTolerancePt is " + pageSizeTolerancePt + ", expected a finite number >= 0");
      }
      if (ownerPasswordPolicy == null) {
        problems.add("ownerPasswordPolicy is missing, expected REJECT or ACCEPT");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(
            "Invalid PDF preflight policy: "
                + String.join("; ", problems)
                + "; set valid values on PreflightPolicy.builder()");
      }
      return new PreflightPolicy(this);
    }
  }
}
