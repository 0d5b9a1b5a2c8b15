#!/usr/bin/env bash
# Durable registrations per second and query latency of the embedded ledger.
# Scale down with PROOFTRAIL_BENCH_SIZES=1000,10000 (default 1000,10000,100000); see EmbeddedLedgerBenchmark.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

build() {
  (cd "$root" && ./mvnw -q -B compile dependency:build-classpath -pl chaincode,gateway-client \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime)
}

run() {
  local classpath
  classpath="$root/gateway-client/target/classes:$(cat "$root/gateway-client/target/bench.classpath")"
  local -a options=()
  read -r -a options <<<"${BENCH_JAVA_OPTS:-}"
  java ${options[@]+"${options[@]}"} -cp "$classpath" org.prooftrail.client.embedded.EmbeddedLedgerBenchmark
}

build
run
