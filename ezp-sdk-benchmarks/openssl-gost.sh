# Shell functions shared by run-benchmarks.sh and streebog-ratio.sh: they find gost-engine and
# read Streebog-256 throughput from `openssl speed`. Source this file; it runs nothing itself.

# Prints the ENGINESDIR that `openssl version -e` reports, such as
# /usr/lib/x86_64-linux-gnu/engines-3.
find_engines_dir() {
  openssl version -e | sed -n 's/^ENGINESDIR: *"\(.*\)"$/\1/p'
}

# Prints the path of gost.so in ENGINESDIR, or prints an error and returns 1 when it is missing.
find_gost_engine() {
  local engine_so
  engine_so="$(find_engines_dir)/gost.so"
  if [[ ! -f "$engine_so" ]]; then
    echo "error: gost-engine not found at $engine_so (ENGINESDIR of 'openssl version -e');" \
      "install it, for example: apt-get install libengine-gost-openssl" >&2
    return 1
  fi
  echo "$engine_so"
}

# Writes an OpenSSL config that loads gost-engine from the given .so into the given file.
write_gost_config() {
  local engine_so=$1 config=$2
  cat >"$config" <<CONFIG
openssl_conf = openssl_init

[openssl_init]
engines = engine_section

[engine_section]
gost = gost_section

[gost_section]
engine_id = gost
dynamic_path = $engine_so
default_algorithms = ALL
CONFIG
}

# Prints OpenSSL's md_gost12_256 throughput in MB/s (1 MB = 10^6 bytes) from the output of
# `openssl speed` in the given file. `openssl speed` prints its figures in 1000s of bytes per
# second with a "k" suffix (such as "61599.84k"), so MB/s is that figure / 1000.
openssl_streebog_mb_per_s() {
  local speed_output=$1
  awk '$1 == "md_gost12_256" { v = $2; sub(/k$/, "", v); printf "%.2f\n", v / 1000 }' \
    "$speed_output"
}
