package org.ezpsdk.benchmarks;

import java.time.Duration;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;

/** Self-signed GOST R 34.10-2012 test keys for the benchmarks, generated fresh for each trial. */
final class SampleKeys {
  private static final Duration VALIDITY = Duration.ofDays(1);

  private SampleKeys() {}

  /**
   * Generates a key on tc26 parameter set A of the given size: the signer then hashes with
   * Streebog-256 for a 256-bit key and Streebog-512 for a 512-bit key.
   *
   * @throws IllegalArgumentException when the size is neither 256 nor 512
   */
  static SigningCredentials generate(int keySize) {
    GostParameterSet parameterSet =
        switch (keySize) {
          case 256 -> GostParameterSet.TC26_256_A;
          case 512 -> GostParameterSet.TC26_512_A;
          default ->
              throw new IllegalArgumentException(
                  "Unknown key size " + keySize + ": use 256 or 512");
        };
    return TestKeys.generate(parameterSet, "EZP SDK benchmark " + keySize, VALIDITY);
  }
}
