#!/usr/bin/env bash
# Times prooftrail's fingerprinting against sha256sum and openssl on the same data, in one run:
#   1. one large file of random data (whole JVM process, as a user runs it),
#   2. a directory of many small files,
# and prints seconds, MB/s (10^6 bytes per second) and ratios.
#
# Parameters (environment):
#   FP_BENCH_SIZE_MB   size of the large file in MiB        (default 1024)
#   FP_BENCH_FILES     number of small files                (default 10000)
#   FP_BENCH_FILE_KB   size of each small file in KiB       (default 4)
#   FP_BENCH_DIR       where test data lives                (default bench/.data, git-ignored; reused if present)
#   FP_BENCH_JAVA_OPTS extra JVM options for the project's runs (default none)
#
# Every tool reads from the page cache: the data is read once before the timed runs, so the figures compare
# hashing and process costs, not the disk.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB="${FP_BENCH_SIZE_MB:-1024}"
FILES="${FP_BENCH_FILES:-10000}"
FILE_KB="${FP_BENCH_FILE_KB:-4}"
DATA="${FP_BENCH_DIR:-$ROOT/bench/.data}"
read -r -a JAVA_OPTS <<<"${FP_BENCH_JAVA_OPTS:-}"
MAIN=org.prooftrail.client.fingerprint.FingerprintMain

find_jar() {
  find "$ROOT/$1/target" -maxdepth 1 -name "$2-*.jar" ! -name '*-server.jar' ! -name '*-sources.jar' \
    ! -name '*-tests.jar' 2>/dev/null | head -n 1
}

build_if_missing() {
  if [[ -z "$(find_jar gateway-client prooftrail-gateway-client)" || -z "$(find_jar chaincode prooftrail-chaincode)" ]]; then
    echo "building the jars (mvnw package -DskipTests)" >&2
    (cd "$ROOT" && ./mvnw -q -pl gateway-client -am package -DskipTests)
  fi
  CLASSPATH_JARS="$(find_jar gateway-client prooftrail-gateway-client):$(find_jar chaincode prooftrail-chaincode)"
}

make_large_file() {
  local file="$DATA/large-${SIZE_MB}MiB.bin"
  if [[ ! -f "$file" || "$(stat -c %s "$file")" -ne $((SIZE_MB * 1024 * 1024)) ]]; then
    echo "creating $file" >&2
    head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom >"$file.tmp"
    mv "$file.tmp" "$file"
  fi
  LARGE="$file"
}

make_small_files() {
  local dir="$DATA/small-${FILES}x${FILE_KB}KiB"
  if [[ ! -f "$dir.done" ]]; then
    echo "creating $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    # 100 files per sub-directory, as datasets of images or shards usually are laid out.
    head -c $((FILES * FILE_KB * 1024)) /dev/urandom |
      split -a 6 -d -b $((FILE_KB * 1024)) - "$dir/f"
    local i=0 f
    for f in "$dir"/f*; do
      local sub
      sub="$dir/part-$(printf '%04d' $((i / 100)))"
      mkdir -p "$sub"
      mv "$f" "$sub/"
      i=$((i + 1))
    done
    touch "$dir.done"
  fi
  SMALL="$dir"
}

warm_cache() {
  cat "$LARGE" >/dev/null
  find "$SMALL" -type f -print0 | xargs -0 cat >/dev/null
}

# seconds TIMED_COMMAND...: runs the command with its output discarded, prints elapsed seconds.
seconds() {
  local start end
  start="$(date +%s.%N)"
  "$@" >/dev/null
  end="$(date +%s.%N)"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

project() { java "${JAVA_OPTS[@]}" -cp "$CLASSPATH_JARS" "$MAIN" "$1"; }
jvm_start() { java "${JAVA_OPTS[@]}" -cp "$CLASSPATH_JARS" "$MAIN" --no-such-option 2>/dev/null || true; }
sha256sum_file() { sha256sum "$1"; }
openssl_file() { openssl dgst -sha256 "$1"; }
sha256sum_dir() { find "$1" -type f -print0 | sort -z | xargs -0 sha256sum; }
openssl_dir() { find "$1" -type f -print0 | sort -z | xargs -0 openssl dgst -sha256; }

row() { # label seconds bytes
  awk -v l="$1" -v s="$2" -v b="$3" 'BEGIN { printf "  %-28s %8.3f s %10.1f MB/s\n", l, s, b / 1e6 / s }'
}

ratio() { # label ours theirs target
  awk -v l="$1" -v o="$2" -v t="$3" -v g="$4" 'BEGIN {
    r = t / o; printf "  %-40s %6.2fx  (target >= %sx: %s)\n", l, r, g, (r >= g ? "met" : "MISSED") }'
}

main() {
  mkdir -p "$DATA"
  build_if_missing
  make_large_file
  make_small_files
  warm_cache

  local large_bytes small_bytes
  large_bytes="$(stat -c %s "$LARGE")"
  small_bytes=$((FILES * FILE_KB * 1024))

  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -n 1); $(openssl version)"
  echo "project JVM options: ${FP_BENCH_JAVA_OPTS:-(none)}"
  echo "project result (large): $(project "$LARGE")"
  echo "project result (dir):   $(project "$SMALL")"
  echo

  local t_start
  t_start="$(seconds jvm_start)"
  echo "JVM start and exit (usage error, no hashing): $t_start s"
  echo

  local t_large t_large_sum t_large_ssl
  t_large="$(seconds project "$LARGE")"
  t_large_sum="$(seconds sha256sum_file "$LARGE")"
  t_large_ssl="$(seconds openssl_file "$LARGE")"
  echo "large file: $SIZE_MB MiB"
  row "prooftrail (digest + chunks)" "$t_large" "$large_bytes"
  row "openssl dgst -sha256" "$t_large_ssl" "$large_bytes"
  row "sha256sum" "$t_large_sum" "$large_bytes"
  ratio "prooftrail vs openssl (speed-up)" "$t_large" "$t_large_ssl" 1
  ratio "prooftrail vs sha256sum (speed-up)" "$t_large" "$t_large_sum" 5
  echo

  local t_dir t_dir_sum t_dir_ssl
  t_dir="$(seconds project "$SMALL")"
  t_dir_sum="$(seconds sha256sum_dir "$SMALL")"
  t_dir_ssl="$(seconds openssl_dir "$SMALL")"
  echo "directory: $FILES files of $FILE_KB KiB"
  row "prooftrail (manifest + root)" "$t_dir" "$small_bytes"
  row "openssl dgst -sha256 (xargs)" "$t_dir_ssl" "$small_bytes"
  row "sha256sum (xargs)" "$t_dir_sum" "$small_bytes"
  ratio "prooftrail vs openssl (speed-up)" "$t_dir" "$t_dir_ssl" 1.5
  ratio "prooftrail vs sha256sum (speed-up)" "$t_dir" "$t_dir_sum" 5
}

main "$@"
