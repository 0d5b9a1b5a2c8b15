#!/usr/bin/env bash
# A soak of the native Fabric network (network/network.sh): `prooftrail load` sends artifact:Register of fresh ids
# at a fixed rate for a given time, as hospital-a's Admin through peer0.hospital-a's gateway, and every minute this
# prints the minute's committed throughput, p50/p99 latency, failures by kind, and the resident memory (RSS) of
# every orderer, peer and chaincode server (the processes network.sh started) and of the client JVM itself, so
# that a leak or a slow drift shows. At the end: totals, and each process's RSS at the first and the last minute.
#
# Needs the network up and the chaincode deployed; this script does neither, and never stops anything:
#   export FABRIC_BIN=/path/to/fabric/bin
#   network/network.sh up && network/network.sh deploy
#
# Each minute is one round of `prooftrail load --rate R --tx-count R*60 --max-seconds 60`, all rounds in one JVM;
# a round ends when its last transaction has an outcome, so a minute's wall time is 60 s plus the slowest
# commit. The client jar is copied first, so that editing the sources during a soak does not rebuild it under it.
#
# Parameters (environment):
#   SOAK_RATE          transactions per second                    (default 40)
#   SOAK_MINUTES       duration in minutes                        (default 10)
#   SOAK_IN_FLIGHT     most transactions in flight at once        (default 200)
#   SOAK_ORG           organisation whose Admin submits           (default hospital-a)
#   SOAK_CLIENT_JAR    the prooftrail.jar to run                  (default: this checkout's, built if stale)
#   SOAK_JAVA_OPTS     the client JVM's options                   (default -Xmx1g)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly NETWORK="$ROOT/network/network.sh"
readonly PID_DIR="$ROOT/network/.state/pids"
readonly RATE="${SOAK_RATE:-40}"
readonly MINUTES="${SOAK_MINUTES:-10}"
readonly IN_FLIGHT="${SOAK_IN_FLIGHT:-200}"
readonly ORG="${SOAK_ORG:-hospital-a}"

die() {
  echo "soak: $*" >&2
  exit 2
}

check_network() {
  [[ -d "$ROOT/network/.state/crypto" ]] ||
    die "no network state in network/.state; run network/network.sh up && network/network.sh deploy first"
  local port
  for port in 9451 9452 9453; do
    curl -fsS --max-time 5 "http://127.0.0.1:$port/healthz" >/dev/null ||
      die "the peer with operations port $port is not healthy; run network/network.sh up && network/network.sh deploy"
  done
}

rss_mib() { # PID -> resident memory in MiB, or '-'
  local kib
  kib="$(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null)" || kib=""
  if [[ -n "$kib" ]]; then
    printf '%d' $(((kib + 512) / 1024))
  else
    printf '-'
  fi
}

# name=MiB for every process network.sh records as started (PID files hold the PID and its start time; a stale
# file whose PID now belongs to another process is skipped), then the client's.
rss_line() { # CLIENT_PID
  local file name pid started now stat line=""
  for file in "$PID_DIR"/*.pid; do
    [[ -f "$file" ]] || continue
    name="$(basename "$file" .pid)"
    read -r pid started <"$file" || continue
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || {
      line+=" $name=down"
      continue
    }
    stat="${stat##*) }"
    now="$(cut -d' ' -f20 <<<"$stat")"
    if [[ "$now" == "$started" ]]; then
      line+=" $name=$(rss_mib "$pid")"
    else
      line+=" $name=down"
    fi
  done
  printf '%s client=%s' "${line# }" "$(rss_mib "$1")"
}

main() {
  command -v curl >/dev/null || die "curl is required"
  [[ "$RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "SOAK_RATE must be a number of transactions per second"
  [[ "$MINUTES" =~ ^[1-9][0-9]*$ ]] || die "SOAK_MINUTES must be a whole number of minutes"
  check_network
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: the folder is fixed for this run
  trap "rm -rf '$work'" EXIT
  "$NETWORK" client-config "$ORG" --out "$work/$ORG.json" 2>"$work/client-config.log" ||
    die "network.sh client-config failed: $(cat "$work/client-config.log")"
  if [[ -n "${SOAK_CLIENT_JAR:-}" ]]; then
    cp "$SOAK_CLIENT_JAR" "$work/prooftrail.jar"
  else
    # Builds the jar if the sources are newer, then runs from a copy.
    "$ROOT/prooftrail" --version >/dev/null
    cp "$ROOT/gateway-client/cli/target/prooftrail.jar" "$work/prooftrail.jar"
  fi

  local per_minute levels prefix
  per_minute="$(awk -v r="$RATE" 'BEGIN { printf "%d", r * 60 }')"
  levels="$IN_FLIGHT"
  local i
  for ((i = 1; i < MINUTES; i++)); do levels+=",$IN_FLIGHT"; done
  prefix="soak-$(date -u +%Y%m%dT%H%M%SZ)"
  echo "soak: $MINUTES min at $RATE tx/s (artifact:Register, at most $IN_FLIGHT in flight) as $ORG's Admin through" \
    "its gateway; ids $prefix-r<minute>-<n>"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
  echo "RSS in MiB of each node and chaincode server (network/.state/pids) and of the client JVM"
  printf '%6s %8s %9s %6s %7s %8s %8s  %s | %s\n' minute UTC committed failed tx/s "p50 ms" "p99 ms" failures RSS

  # shellcheck disable=SC2086 # SOAK_JAVA_OPTS holds several options on purpose
  java ${SOAK_JAVA_OPTS--Xmx1g} -jar "$work/prooftrail.jar" load --config "$work/$ORG.json" --rate "$RATE" \
    --tx-count "$per_minute" --concurrency "$levels" --max-seconds 60 --warmup 0 --id-prefix "$prefix" \
    >"$work/load.out" 2>"$work/load.err" &
  local client=$!
  local minute=0 line committed=0 failed=0 first_rss="" last_rss=""
  while IFS= read -r line; do
    # A round's row: concurrency submitted committed failed tps p50 p95 p99 max failures
    if [[ "$line" =~ ^\ *[0-9]+\ +[0-9]+\ +[0-9]+\ +[0-9]+\  ]]; then
      minute=$((minute + 1))
      local rss
      rss="$(rss_line "$client")"
      [[ -n "$first_rss" ]] || first_rss="$rss"
      last_rss="$rss"
      read -r _ _ c f tps p50 _ p99 _ kinds <<<"$line"
      committed=$((committed + c))
      failed=$((failed + f))
      printf '%6d %8s %9d %6d %7s %8s %8s  %s | %s\n' "$minute" "$(date -u +%H:%M:%S)" "$c" "$f" "$tps" "$p50" \
        "$p99" "${kinds:--}" "$rss"
    elif [[ "$line" =~ first\ ([A-Z_]+): ]]; then
      printf '%6s %s\n' "" "${line#"${line%%first*}"}"
    fi
  done < <(tail -n +1 -f --pid="$client" "$work/load.out")
  local status=0
  wait "$client" || status=$?
  if ((status != 0)) && ((minute == 0)); then
    cat "$work/load.out" "$work/load.err" >&2
    die "prooftrail load failed (exit $status)"
  fi
  echo
  echo "total: $committed committed, $failed failed in $minute minutes" \
    "($(awk -v c="$committed" -v m="$minute" 'BEGIN { if (m > 0) printf "%.1f", c / (m * 60); else print 0 }') tx/s" \
    "over the nominal minutes); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "RSS first minute: $first_rss"
  echo "RSS last minute:  $last_rss"
  return "$status"
}

main "$@"
