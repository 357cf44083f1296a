package org.ezpsdk.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ezpsdk.core.error.ConfigurationException;

/**
 * The faults an {@link EpsEmulator} injects, and the seed of their random draws.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.builder()
 *     .seed(42)
 *     .add(Fault.dropAfterCommit().withProbability(0.05).on("sendLetter"))
 *     .add(Fault.status(503).withEveryNth(20).withRetryAfter(Duration.ofSeconds(1)))
 *     .build();
 * }</pre>
 *
 * <p>For each request, faults that fire every n-th request are checked first, in the order added;
 * then one random number picks at most one of the probability faults, so their probabilities add up
 * (0.05 + 0.05 is a 10 % chance of some fault) and must not exceed 1. The same seed gives the same
 * faults for the same sequence of requests; concurrent clients make that sequence vary.
 */
public final class FaultPlan {
  private static final FaultPlan NONE = new FaultPlan(List.of(), 0);

  private final List<Fault> faults;
  private final long seed;

  private FaultPlan(List<Fault> faults, long seed) {
    this.faults = List.copyOf(faults);
    this.seed = seed;
  }

  /** Returns a plan without faults, the emulator's default. */
  public static FaultPlan none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the plan of faults written as on the command line; see {@link Fault#parse(String)}.
   *
   * @throws ConfigurationException for the first invalid fault, or probabilities over 1 on an
   *     operation
   */
  public static FaultPlan parse(List<String> specs, long seed) {
    Builder builder = builder().seed(seed);
    for (String spec : specs) {
      builder.add(Fault.parse(spec));
    }
    return builder.build();
  }

  public List<Fault> faults() {
    return faults;
  }

  public long seed() {
    return seed;
  }

  public boolean isEmpty() {
    return faults.isEmpty();
  }

  @Override
  public String toString() {
    return faults.isEmpty() ? "no faults" : faults + " with seed " + seed;
  }

  /** Builder of {@link FaultPlan}. */
  public static final class Builder {
    private final List<Fault> faults = new ArrayList<>();
    private long seed;

    private Builder() {}

    /** Sets the seed of the random draws; 0 unless set. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder add(Fault fault) {
      faults.add(Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /**
     * Builds the plan.
     *
     * @throws ConfigurationException when the probabilities of the faults on one operation add up
     *     to more than 1
     */
    public FaultPlan build() {
      List<String> operations = new ArrayList<>();
      operations.add("");
      faults.forEach(fault -> operations.addAll(fault.operations()));
      for (String operation : operations) {
        double total =
            faults.stream()
                .filter(
                    f -> operation.isEmpty() ? f.operations().isEmpty() : f.appliesTo(operation))
                .mapToDouble(Fault::probability)
                .sum();
        if (total > 1.0 + 1e-9) {
          throw new ConfigurationException(
              "Fault probabilities"
                  + (operation.isEmpty() ? "" : " on " + operation)
                  + " add up to "
                  + total
                  + ", more than 1; lower them");
        }
      }
      return new FaultPlan(faults, seed);
    }
  }
}
