#!/usr/bin/env bash
# Times prooftrail's fingerprinting against sha256sum and openssl on the same data, in one run, as a user runs it:
# the whole `./prooftrail fingerprint PATH` process (the launcher, its JVM options, the shaded CLI jar) on
#   1. one large file of random data (registered by its chunk root: 1 GiB = 128 chunks of 8 MiB),
#   2. a directory of many small files (its manifest is written to $FP_BENCH_DIR, outside the data),
# and prints seconds, MB/s (10^6 bytes per second) and ratios.
#
# Parameters (environment):
#   FP_BENCH_SIZE_MB   size of the large file in MiB        (default 1024)
#   FP_BENCH_FILES     number of small files                (default 10000)
#   FP_BENCH_FILE_KB   size of each small file in KiB       (default 4)
#   FP_BENCH_DIR       where test data lives                (default bench/.data, git-ignored; reused if present)
#   FP_BENCH_JAVA_OPTS JVM options for the project's runs, replacing the launcher's (PROOFTRAIL_JAVA_OPTS);
#                      unset: the launcher's defaults
#   FP_BENCH_RUNS      timed runs per tool; the fastest is reported (default 3)
#
# Every tool reads from the page cache: the data is read once before the timed runs, so the figures compare
# hashing and process costs, not the disk. Wall time is what a user waits; CPU time (user + system, all threads)
# is printed too because it is steadier than wall time when other work shares the cores (the load average is
# printed before and after).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB="${FP_BENCH_SIZE_MB:-1024}"
FILES="${FP_BENCH_FILES:-10000}"
FILE_KB="${FP_BENCH_FILE_KB:-4}"
RUNS="${FP_BENCH_RUNS:-3}"
DATA="${FP_BENCH_DIR:-$ROOT/bench/.data}"
if [[ -n "${FP_BENCH_JAVA_OPTS+set}" ]]; then
  export PROOFTRAIL_JAVA_OPTS="$FP_BENCH_JAVA_OPTS"
fi
CLI="$ROOT/prooftrail"

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

# measure COMMAND...: runs the command once, output discarded; prints "wall cpu" in seconds.
measure() {
  local TIMEFORMAT='%R %U %S' line wall user sys
  line="$({ time "$@" >/dev/null 2>&1; } 2>&1)"
  read -r wall user sys <<<"$line"
  awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f %.3f", w, u + s }'
}

# faster "wall cpu" "wall cpu": the one with the smaller wall time (the first if the second is empty).
faster() {
  if [[ -z "$1" ]] || awk -v a="${2%% *}" -v b="${1%% *}" 'BEGIN { exit !(a < b) }'; then echo "$2"; else echo "$1"; fi
}

project() { "$CLI" fingerprint --json --manifest "$DATA/manifest.json" "$1"; }
jvm_start() { "$CLI" fingerprint --no-such-option 2>/dev/null || true; }
sha256sum_file() { sha256sum "$1"; }
openssl_file() { openssl dgst -sha256 "$1"; }
# One openssl (or sha256sum) process over all the files, as few as xargs needs (one for 10,000 files).
sha256sum_dir() { find "$1" -type f ! -name .prooftrail-manifest.json -print0 | sort -z | xargs -0 sha256sum; }
openssl_dir() {
  find "$1" -type f ! -name .prooftrail-manifest.json -print0 | sort -z | xargs -0 openssl dgst -sha256
}

row() { # label "wall cpu" bytes
  local wall cpu
  read -r wall cpu <<<"$2"
  awk -v l="$1" -v w="$wall" -v c="$cpu" -v b="$3" \
    'BEGIN { printf "  %-30s %7.3f s wall %9.1f MB/s %7.3f s cpu\n", l, w, b / 1e6 / w, c }'
}

ratio() { # label "ours" "theirs" target: how many times faster (wall) ours is
  awk -v l="$1" -v o="${2%% *}" -v t="${3%% *}" -v g="$4" 'BEGIN {
    r = t / o; printf "  %-36s %6.2fx  (target >= %sx: %s)\n", l, r, g, (r >= g ? "met" : "MISSED") }'
}

main() {
  mkdir -p "$DATA"
  make_large_file
  make_small_files
  warm_cache

  local large_bytes small_bytes
  large_bytes="$(stat -c %s "$LARGE")"
  small_bytes=$((FILES * FILE_KB * 1024))

  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -n 1); $(openssl version)"
  echo "project: ./prooftrail fingerprint (JVM options: ${PROOFTRAIL_JAVA_OPTS-launcher defaults}); best of $RUNS runs"
  echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  # The first call builds the CLI jar if it is missing or stale, outside the timed runs.
  echo "project result (large): $(project "$LARGE")"
  echo "project result (dir):   $(project "$SMALL")"
  echo

  local t_start
  t_start="$(measure jvm_start)"
  echo "CLI start and exit (usage error, no hashing): ${t_start%% *} s wall, ${t_start##* } s cpu"
  echo

  # Rounds interleave the tools, so that a burst of other work on the machine hits them alike; the fastest
  # run of each tool is reported.
  local t_large="" t_large_sum="" t_large_ssl="" t_dir="" t_dir_sum="" t_dir_ssl="" r
  for ((r = 0; r < RUNS; r++)); do
    t_large="$(faster "$t_large" "$(measure project "$LARGE")")"
    t_large_ssl="$(faster "$t_large_ssl" "$(measure openssl_file "$LARGE")")"
    t_large_sum="$(faster "$t_large_sum" "$(measure sha256sum_file "$LARGE")")"
    t_dir="$(faster "$t_dir" "$(measure project "$SMALL")")"
    t_dir_ssl="$(faster "$t_dir_ssl" "$(measure openssl_dir "$SMALL")")"
    t_dir_sum="$(faster "$t_dir_sum" "$(measure sha256sum_dir "$SMALL")")"
  done
  echo "large file: $SIZE_MB MiB"
  row "prooftrail (chunk root)" "$t_large" "$large_bytes"
  row "openssl dgst -sha256" "$t_large_ssl" "$large_bytes"
  row "sha256sum" "$t_large_sum" "$large_bytes"
  ratio "prooftrail vs openssl (speed-up)" "$t_large" "$t_large_ssl" 1
  ratio "prooftrail vs sha256sum (speed-up)" "$t_large" "$t_large_sum" 5
  echo

  echo "directory: $FILES files of $FILE_KB KiB"
  row "prooftrail (manifest + root)" "$t_dir" "$small_bytes"
  row "openssl dgst -sha256 (1 process)" "$t_dir_ssl" "$small_bytes"
  row "sha256sum (1 process)" "$t_dir_sum" "$small_bytes"
  ratio "prooftrail vs openssl (speed-up)" "$t_dir" "$t_dir_ssl" 1.5
  ratio "prooftrail vs sha256sum (speed-up)" "$t_dir" "$t_dir_sum" 5
  echo
  echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
}

main "$@"
