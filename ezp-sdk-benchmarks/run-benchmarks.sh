#!/usr/bin/env bash
# Runs the JMH suite from target/benchmarks.jar, then OpenSSL's Streebog-256 (gost-engine) over
# 16 KiB messages, and prints Bouncy Castle's and OpenSSL's MB/s and their ratios.
#
# Usage: ezp-sdk-benchmarks/run-benchmarks.sh [JMH_REGEX] [JMH_OPTIONS...]
#   JMH_REGEX     selects benchmarks by name, for example 'StreebogBenchmark'; default: all.
#   JMH_OPTIONS   go to JMH as they are, for example '-f 2' for two forks.
# Builds nothing: build the jar first with
#   mvn -B -q package -DskipTests -pl ezp-sdk-benchmarks -am
# Writes JMH's results to results.json in the current directory.
# 1 MB = 10^6 bytes throughout.
set -euo pipefail

readonly JMH_RESULTS=results.json
readonly BC_BENCHMARK=org.ezpsdk.benchmarks.StreebogBenchmark.digest16KiB
readonly OPENSSL_BLOCK_BYTES=16384
readonly OPENSSL_SECONDS=3

module_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=openssl-gost.sh
source "$module_dir/openssl-gost.sh"
jar="$module_dir/target/benchmarks.jar"

if ! command -v jq >/dev/null; then
  echo "error: jq not found; it reads JMH's $JMH_RESULTS (Debian: apt-get install jq)" >&2
  exit 1
fi
if [[ ! -f "$jar" ]]; then
  echo "error: $jar not found; build it first:" >&2
  echo "  mvn -B -q package -DskipTests -pl ezp-sdk-benchmarks -am" >&2
  exit 1
fi

# Prints Bouncy Castle's MB/s from JMH's JSON, or nothing when the benchmark did not run.
# StreebogBenchmark counts one operation per byte with the microsecond as time unit, so its
# score in ops/us is already MB/s.
bc_streebog_mb_per_s() {
  jq -r --arg name "$BC_BENCHMARK" \
    '.[] | select(.benchmark == $name) | .primaryMetric.score | . * 100 | round / 100' \
    "$JMH_RESULTS"
}

engine_so=$(find_gost_engine)

echo "== JMH: java -jar $jar $* -rf json -rff $JMH_RESULTS"
java -jar "$jar" "$@" -rf json -rff "$JMH_RESULTS"

work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT
write_gost_config "$engine_so" "$work_dir/openssl-gost.cnf"

# Runs openssl speed with gost-engine loaded, plus any extra options, and prints its output.
run_openssl_speed() {
  echo "== OpenSSL: openssl speed $* -evp md_gost12_256 -bytes $OPENSSL_BLOCK_BYTES" \
    "-seconds $OPENSSL_SECONDS (engine $engine_so)" >&2
  OPENSSL_CONF="$work_dir/openssl-gost.cnf" openssl speed "$@" -evp md_gost12_256 \
    -bytes "$OPENSSL_BLOCK_BYTES" -seconds "$OPENSSL_SECONDS"
}

echo
run_openssl_speed | tee "$work_dir/speed-cpu.txt"
# openssl speed divides by the CPU user time of its process unless given -elapsed, while JMH
# divides by wall-clock time. On a machine busy with other processes the two differ, so the
# wall-clock run gives the like-for-like comparison.
echo
run_openssl_speed -elapsed | tee "$work_dir/speed-elapsed.txt"

openssl_cpu_mb=$(openssl_streebog_mb_per_s "$work_dir/speed-cpu.txt")
openssl_elapsed_mb=$(openssl_streebog_mb_per_s "$work_dir/speed-elapsed.txt")
if [[ -z "$openssl_cpu_mb" || -z "$openssl_elapsed_mb" ]]; then
  echo "error: no md_gost12_256 line in the output of openssl speed; is gost-engine loaded?" >&2
  exit 1
fi
bc_mb=$(bc_streebog_mb_per_s)

# Prints bc / openssl with two decimals.
ratio() {
  awk -v bc="$1" -v ossl="$2" 'BEGIN { printf "%.2f", bc / ossl }'
}

echo
echo "== Streebog-256 over $OPENSSL_BLOCK_BYTES-byte messages (1 MB = 10^6 bytes)"
echo "OpenSSL gost-engine, per CPU user second:   $openssl_cpu_mb MB/s"
echo "OpenSSL gost-engine, per wall-clock second: $openssl_elapsed_mb MB/s"
if [[ -z "$bc_mb" ]]; then
  echo "Bouncy Castle: not measured (the arguments '$*' exclude $BC_BENCHMARK)"
  exit 0
fi
echo "Bouncy Castle (JMH), per wall-clock second: $bc_mb MB/s"
echo "Bouncy Castle / OpenSSL (CPU user time):    $(ratio "$bc_mb" "$openssl_cpu_mb")"
echo "Bouncy Castle / OpenSSL (wall-clock):       $(ratio "$bc_mb" "$openssl_elapsed_mb")"
