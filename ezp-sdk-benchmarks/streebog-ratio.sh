#!/usr/bin/env bash
# Measures Streebog-256 over 16 KiB messages with the SDK's pure-Java implementation (JMH,
# StreebogBenchmark.oursDigest16KiB) and with OpenSSL's gost-engine (`openssl speed -evp
# md_gost12_256 -bytes 16384`), back to back, and prints both in MB/s and their ratio.
# Exits with status 1 when the median ratio of the runs is below the threshold.
#
# Usage: ezp-sdk-benchmarks/streebog-ratio.sh [--threshold RATIO] [--runs N]
#   --threshold RATIO  minimum ratio SDK / OpenSSL, default 0.9
#   --runs N           pairs of measurements, each JMH then OpenSSL, default 1
# Builds nothing: build the jar first with
#   mvn -B -q package -DskipTests -pl ezp-sdk-benchmarks -am
# 1 MB = 10^6 bytes throughout. JMH divides by wall-clock time, so the threshold applies to the
# ratio with OpenSSL's wall-clock figure (openssl speed -elapsed). Each run also prints the SDK's
# best MB/s per second of thread CPU time (StreebogCpuTime) against OpenSSL's CPU-time figure,
# which varies less on a machine that other processes keep busy.
set -euo pipefail

readonly OURS_BENCHMARK=org.ezpsdk.benchmarks.StreebogBenchmark.oursDigest16KiB
readonly BLOCK_BYTES=16384
readonly OPENSSL_SECONDS=3
# 1 fork, 3 warmup and 3 measurement iterations of 2 s each.
readonly JMH_OPTIONS=(-f 1 -wi 3 -w 2 -i 3 -r 2)

threshold=0.9
runs=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --threshold)
      threshold=${2:?--threshold needs a ratio, such as 0.9}
      shift 2
      ;;
    --runs)
      runs=${2:?--runs needs a count, such as 3}
      shift 2
      ;;
    -h | --help)
      # The help is the comment block at the top of this file.
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *)
      echo "error: unknown option '$1'; use --threshold RATIO or --runs N" >&2
      exit 2
      ;;
  esac
done
if ! [[ $threshold =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
  echo "error: invalid --threshold '$threshold'; give a positive number such as 0.9" >&2
  exit 2
fi
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "error: invalid --runs '$runs'; give a whole number of at least 1" >&2
  exit 2
fi

module_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=openssl-gost.sh
source "$module_dir/openssl-gost.sh"
jar="$module_dir/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  echo "error: $jar not found; build it first:" >&2
  echo "  mvn -B -q package -DskipTests -pl ezp-sdk-benchmarks -am" >&2
  exit 1
fi
engine_so=$(find_gost_engine)

work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT
write_gost_config "$engine_so" "$work_dir/openssl-gost.cnf"

# Prints the SDK's MB/s from one JMH run. StreebogBenchmark counts one operation per byte with
# the microsecond as time unit, so its score in ops/us is MB/s.
measure_ours() {
  local csv="$work_dir/jmh.csv"
  java -jar "$jar" "^${OURS_BENCHMARK}\$" "${JMH_OPTIONS[@]}" -rf csv -rff "$csv" \
    >"$work_dir/jmh.log" 2>&1 || {
    cat "$work_dir/jmh.log" >&2
    echo "error: JMH failed; its output is above" >&2
    return 1
  }
  awk -F, -v name="\"$OURS_BENCHMARK\"" '$1 == name { printf "%.2f\n", $5 }' "$csv"
}

# Prints the SDK's best MB/s per second of thread CPU time.
measure_ours_cpu() {
  java -cp "$jar" org.ezpsdk.benchmarks.StreebogCpuTime | awk '{ print $1 }'
}

# Prints OpenSSL's MB/s; pass -elapsed for wall-clock time instead of CPU user time.
measure_openssl() {
  local output="$work_dir/speed.txt"
  OPENSSL_CONF="$work_dir/openssl-gost.cnf" openssl speed "$@" -evp md_gost12_256 \
    -bytes "$BLOCK_BYTES" -seconds "$OPENSSL_SECONDS" >"$output" 2>&1
  openssl_streebog_mb_per_s "$output"
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'
}

echo "Streebog-256, ${BLOCK_BYTES}-byte messages, MB/s (1 MB = 10^6 bytes)"
echo "JMH: java -jar $jar '^${OURS_BENCHMARK}\$' ${JMH_OPTIONS[*]}"
echo "OpenSSL: openssl speed [-elapsed] -evp md_gost12_256 -bytes $BLOCK_BYTES" \
  "-seconds $OPENSSL_SECONDS (engine $engine_so)"
printf '%-4s %-10s %8s %9s %8s %8s %10s %9s\n' run start ours ossl-wall ours-cpu ossl-cpu \
  ratio-wall ratio-cpu
ratios=()
for ((run = 1; run <= runs; run++)); do
  start=$(date -u +%H:%M:%SZ)
  ours=$(measure_ours)
  openssl_wall=$(measure_openssl -elapsed)
  ours_cpu=$(measure_ours_cpu)
  openssl_cpu=$(measure_openssl)
  if [[ -z "$ours" || -z "$openssl_wall" || -z "$ours_cpu" || -z "$openssl_cpu" ]]; then
    echo "error: a measurement is missing (SDK '$ours', '$ours_cpu', OpenSSL" \
      "'$openssl_wall', '$openssl_cpu'); is gost-engine loaded?" >&2
    exit 1
  fi
  ratio_wall=$(ratio "$ours" "$openssl_wall")
  ratios+=("$ratio_wall")
  printf '%-4s %-10s %8s %9s %8s %8s %10s %9s\n' "$run" "$start" "$ours" "$openssl_wall" \
    "$ours_cpu" "$openssl_cpu" "$ratio_wall" "$(ratio "$ours_cpu" "$openssl_cpu")"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ r[NR] = $1 }
  END { if (NR % 2) print r[(NR + 1) / 2]; else printf "%.3f\n", (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
echo "Median ratio SDK / OpenSSL (wall-clock): $median, threshold $threshold"
if awk -v m="$median" -v t="$threshold" 'BEGIN { exit !(m < t) }'; then
  echo "FAIL: the SDK's Streebog-256 is below $threshold of OpenSSL's speed" >&2
  exit 1
fi
echo "PASS"
