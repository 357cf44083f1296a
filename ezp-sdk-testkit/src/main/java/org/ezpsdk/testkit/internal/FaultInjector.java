package org.ezpsdk.testkit.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ezpsdk.testkit.Fault;
import org.ezpsdk.testkit.FaultPlan;

/**
 * Draws the fault of each request from a {@link FaultPlan} and counts the faults injected.
 * Thread-safe: draws are serialised, so one seed gives one sequence of draws.
 */
public final class FaultInjector {
  private final List<Fault> faults;
  private final Random random;
  private final Map<Fault, Long> matched = new java.util.HashMap<>();
  private final Set<Fault> firedOnce = new HashSet<>();
  private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();

  public FaultInjector(FaultPlan plan) {
    this.faults = plan.faults();
    this.random = new Random(plan.seed());
  }

  /** Returns the fault for the next request to the operation, or {@code null} for none. */
  public synchronized Fault next(String operation) {
    if (faults.isEmpty()) {
      return null;
    }
    Fault chosen = null;
    for (Fault fault : faults) {
      if (fault.everyNth() > 0 && fault.appliesTo(operation) && !firedOnce.contains(fault)) {
        long count = matched.merge(fault, 1L, Long::sum);
        if (chosen == null && count % fault.everyNth() == 0) {
          chosen = fault;
        }
      }
    }
    if (chosen != null) {
      if (chosen.isOnce()) {
        firedOnce.add(chosen);
      }
      return chosen;
    }
    double draw = random.nextDouble();
    double bound = 0;
    for (Fault fault : faults) {
      if (fault.everyNth() == 0 && fault.appliesTo(operation)) {
        bound += fault.probability();
        if (draw < bound) {
          return fault;
        }
      }
    }
    return null;
  }

  /** Counts a fault that was applied to a request. */
  public void recordInjected(Fault fault) {
    injected.computeIfAbsent(fault.name(), name -> new AtomicLong()).incrementAndGet();
  }

  /** Returns how many times each fault was injected, by {@link Fault#name()}. */
  public Map<String, Long> injected() {
    Map<String, Long> counts = new TreeMap<>();
    injected.forEach((name, count) -> counts.put(name, count.get()));
    return counts;
  }
}
