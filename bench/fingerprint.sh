#!/usr/bin/env bash
# Times prooftrail's fingerprinting against sha256sum and openssl on the same data, in one run, as a user runs it:
# the whole `./prooftrail fingerprint PATH` process (the launcher, its JVM options, the shaded CLI jar) on
#   1. one large file of random data (registered by its chunk root: 1 GiB = 128 chunks of 8 MiB),
#   2. a directory of many small files (its manifest is written to $FP_BENCH_DIR, outside the data),
#   3. a large tree of files of mixed sizes, 1 to 64 KiB (uniformly random sizes, fixed seed, 100 files per
#      sub-directory), as datasets of images or shards are,
# and prints seconds, MB/s (10^6 bytes per second) and ratios. openssl hashes each directory in ONE process: it runs
# inside the directory on relative paths, with the stack limit (and so the argument space) raised, so that xargs
# passes every path at once; the script checks that it did.
#
# Parameters (environment):
#   FP_BENCH_SIZE_MB   size of the large file in MiB        (default 1024)
#   FP_BENCH_FILES     number of small files                (default 10000)
#   FP_BENCH_FILE_KB   size of each small file in KiB       (default 4)
#   FP_BENCH_MIXED     number of files in the mixed tree    (default 100000; 0 leaves the tree out)
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
MIXED="${FP_BENCH_MIXED:-100000}"
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

# Sizes uniformly from 1 to 64 KiB (seeded, so every run makes the same tree), random content.
make_mixed_files() {
  local dir="$DATA/mixed-${MIXED}x1-64KiB"
  if [[ ! -f "$dir.done" ]]; then
    echo "creating $dir" >&2
    rm -rf "$dir"
    python3 - "$dir" "$MIXED" <<'PYTHON'
import os, random, sys
top, count = sys.argv[1], int(sys.argv[2])
sizes = random.Random(20261130)
for i in range(count):
    sub = os.path.join(top, "part-%04d" % (i // 100))
    if i % 100 == 0:
        os.makedirs(sub)
    with open(os.path.join(sub, "f%06d" % i), "wb") as out:
        out.write(os.urandom(sizes.randint(1024, 64 * 1024)))
PYTHON
    touch "$dir.done"
  fi
  MIXED_DIR="$dir"
}

warm_cache() {
  cat "$LARGE" >/dev/null
  find "$SMALL" -type f -print0 | xargs -0 cat >/dev/null
  if [[ -n "${MIXED_DIR:-}" ]]; then
    find "$MIXED_DIR" -type f -print0 | xargs -0 cat >/dev/null
  fi
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

# What a user types (human output; --json would also load the JSON library for the one-line result).
project() { "$CLI" fingerprint --manifest "$DATA/manifest.json" "$1"; }
project_json() { "$CLI" fingerprint --json --manifest "$DATA/manifest.json" "$1"; }
jvm_start() { "$CLI" fingerprint --no-such-option 2>/dev/null || true; }
sha256sum_file() { sha256sum "$1"; }
openssl_file() { openssl dgst -sha256 "$1"; }
# One openssl (or sha256sum) process over all the files: relative paths, a 64 MiB stack limit (the kernel allows
# arguments up to a quarter of it, capped at 6 MiB) and xargs told to use that much, so that 100,000 paths fit.
in_one_process() { # DIR TOOL...
  (
    cd "$1" && ulimit -s 65536 &&
      find . -type f ! -name .prooftrail-manifest.json -print0 | sort -z | xargs -0 -s 6000000 "${@:2}"
  )
}
sha256sum_dir() { in_one_process "$1" sha256sum; }
openssl_dir() { in_one_process "$1" openssl dgst -sha256; }
# The number of processes xargs starts for DIR (with -t it prints each command line it runs, one a line).
processes_for() { in_one_process "$1" -t true 2>&1 >/dev/null | wc -l; }

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
  if ((MIXED > 0)); then
    make_mixed_files
  fi
  warm_cache

  local large_bytes small_bytes
  large_bytes="$(stat -c %s "$LARGE")"
  small_bytes=$((FILES * FILE_KB * 1024))

  echo "machine: $(nproc) cores; $(java -version 2>&1 | head -n 1); $(openssl version)"
  echo "project: ./prooftrail fingerprint (JVM options: ${PROOFTRAIL_JAVA_OPTS-launcher defaults}); best of $RUNS runs"
  echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  # The first call builds the CLI jar if it is missing or stale, outside the timed runs.
  echo "project result (large): $(project_json "$LARGE")"
  echo "project result (dir):   $(project_json "$SMALL")"
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
  awk -v w="${t_dir%% *}" 'BEGIN { printf "  %-36s %6.3f s  (target <= 0.40 s: %s)\n", "prooftrail wall time", w,
    (w <= 0.40 ? "met" : "MISSED") }'

  if ((MIXED > 0)); then
    local mixed_bytes t_mix="" t_mix_ssl="" processes
    mixed_bytes="$(find "$MIXED_DIR" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')"
    processes="$(processes_for "$MIXED_DIR")"
    ((processes == 1)) || echo "warning: xargs needed $processes openssl processes for the mixed tree" >&2
    for ((r = 0; r < RUNS; r++)); do
      t_mix="$(faster "$t_mix" "$(measure project "$MIXED_DIR")")"
      t_mix_ssl="$(faster "$t_mix_ssl" "$(measure openssl_dir "$MIXED_DIR")")"
    done
    echo "mixed tree: $MIXED files of 1 to 64 KiB ($((mixed_bytes / 1000000)) MB)"
    row "prooftrail (manifest + root)" "$t_mix" "$mixed_bytes"
    row "openssl dgst -sha256 ($processes process)" "$t_mix_ssl" "$mixed_bytes"
    ratio "prooftrail vs openssl (speed-up)" "$t_mix" "$t_mix_ssl" 1.3
    echo
  fi
  echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
}

main "$@"
