#!/usr/bin/env bash
# Durable registrations per second and query latency of the embedded ledger.
# Scale down with PROOFTRAIL_BENCH_SIZES=1000,10000 (default 1000,10000,100000); see EmbeddedLedgerBenchmark.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

build() {
  # The benchmark is a test source of the embedded ledger (its main() is no part of the library).
  (cd "$root" && ./mvnw -q -B test-compile dependency:build-classpath -pl gateway-client/embedded -am \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
}

run() {
  local classpath
  local module="$root/gateway-client/embedded"
  classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
  local -a options=()
  read -r -a options <<<"${BENCH_JAVA_OPTS:-}"
  java ${options[@]+"${options[@]}"} -cp "$classpath" org.prooftrail.client.embedded.EmbeddedLedgerBenchmark
}

build
run
