#!/usr/bin/env bash
# The embedded ledger, measured in one run:
#  - durable registrations per second (1 and PROOFTRAIL_BENCH_THREADS submitters) and List/History latency in process,
#    as the ledger grows through PROOFTRAIL_BENCH_SIZES (default 1000,100000,1000000; see EmbeddedLedgerBenchmark);
#  - at each size, whole command-line processes side by side (median wall time, median CPU time (user + system, all
#    threads; steadier than wall time when other work shares the cores) and largest resident memory of
#    PROOFTRAIL_BENCH_CLI_RUNS runs each, default 5): `prooftrail fingerprint` of a small file, `prooftrail show` on a
#    one-record ledger, `show`/`list` on an empty ledger, and `show`/`list` on the ledger being measured.
#  - the same processes again as the `prooftrail` launcher runs them (rows marked "prooftrail"; PROOFTRAIL_BENCH_CDS=0
#    leaves them out): with the class-data-sharing archive it makes beside the jar, and its JVM options for each command
#    (C1 alone for the commands that only read the ledger).
# Scale down with PROOFTRAIL_BENCH_SIZES=1000,10000. Keep the ledger with PROOFTRAIL_BENCH_DIR=folder.
# Only the command-line figures, on a ledger made before: bench/embedded-ledger.sh --cli-figures WORK SIZE HOME.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# PROOFTRAIL_BENCH_JAR: time another build of the command line (e.g. a copy kept for a long run).
jar="${PROOFTRAIL_BENCH_JAR:-$root/gateway-client/cli/target/prooftrail.jar}"

build() {
  # The CLI jar for the command-line figures; the benchmark itself is a test source of the embedded ledger (its
  # main() is no part of the library).
  (cd "$root" && ./mvnw -q -B package -pl gateway-client/cli -am -DskipTests)
  (cd "$root" && ./mvnw -q -B test-compile dependency:build-classpath -pl gateway-client/embedded -am \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
}

# One command-line process: prints "<wall s> <max resident KB> <CPU s>" (the command's exit status is ignored).
# java -jar with the serial collector and no perf-data file, or, with launcher=1, the project's launcher running $jar.
timed() {
  local out
  out="$(mktemp)"
  if [ "$launcher" = 1 ]; then
    PROOFTRAIL_JAR="$jar" /usr/bin/time -f '%e %M %U %S' -o "$out" "$root/prooftrail" "$@" >/dev/null 2>&1 || true
  else
    /usr/bin/time -f '%e %M %U %S' -o "$out" java -XX:+UseSerialGC -XX:-UsePerfData -jar "$jar" "$@" \
      >/dev/null 2>&1 || true
  fi
  tail -n 1 "$out" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
  rm -f "$out"
}

# Median wall time and largest resident memory of PROOFTRAIL_BENCH_CLI_RUNS runs of one command, with a home.
figure() {
  local label="$1" home="$2"
  shift 2
  local runs="${PROOFTRAIL_BENCH_CLI_RUNS:-5}" walls=() cpus=() rss=0 wall kb cpu
  for ((i = 0; i < runs; i++)); do
    read -r wall kb cpu < <(PROOFTRAIL_HOME="$home" timed "$@")
    walls+=("$wall")
    cpus+=("$cpu")
    if ((kb > rss)); then rss="$kb"; fi
  done
  printf '  %-54s wall %5.2f s   CPU %5.2f s   max RSS %4d MB\n' "$label" "$(median "${walls[@]}")" \
    "$(median "${cpus[@]}")" $((rss / 1024))
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

launcher=0

# Called by the benchmark at each size (size, home), with the ledger open and idle in the benchmark's process.
cli_figures() {
  local size="$1" home="$2" work="$3" mark=""
  printf 'command-line processes at %s transactions (same run, side by side; load average %s):\n' \
    "$(printf "%'d" "$size")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for variant in plain prooftrail; do
    if [ "$variant" = prooftrail ]; then
      [ "${PROOFTRAIL_BENCH_CDS:-1}" = "0" ] && break
      # The launcher makes its archive beside the jar on its first run (a training run): not in the figures.
      PROOFTRAIL_JAR="$jar" "$root/prooftrail" --version >/dev/null
      launcher=1
      mark=" (prooftrail)"
    fi
    figure "fingerprint of a small file$mark" "$work/empty" fingerprint "$work/small.txt"
    figure "show on a one-record ledger$mark" "$work/one" show one
    figure "show on an empty ledger (NOT_FOUND)$mark" "$work/empty" show bench-0
    figure "list --page-size 100 on an empty ledger$mark" "$work/empty" list --kind DATASET --page-size 100
    figure "show bench-0 on this ledger$mark" "$home" show bench-0
    figure "list --page-size 100 on this ledger$mark" "$home" list --kind DATASET --page-size 100
    figure "history bench-0 on this ledger$mark" "$home" history bench-0
  done
  launcher=0
}

run() {
  local classpath
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "small" >"$work/small.txt"
  mkdir -p "$work/empty"
  PROOFTRAIL_HOME="$work/one" java -jar "$jar" register "$work/small.txt" --id one --kind DATASET >/dev/null
  local module="$root/gateway-client/embedded"
  classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
  local -a options=()
  read -r -a options <<<"${BENCH_JAVA_OPTS:-}"
  PROOFTRAIL_BENCH_AT_SIZE="$root/bench/embedded-ledger.sh --cli-figures $work" \
    java ${options[@]+"${options[@]}"} -cp "$classpath" org.prooftrail.client.embedded.EmbeddedLedgerBenchmark
}

if [ "${1:-}" = "--cli-figures" ]; then
  cli_figures "$3" "$4" "$2"
  exit 0
fi
build
run
