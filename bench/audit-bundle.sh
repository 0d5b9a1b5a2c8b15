#!/usr/bin/env bash
# Audit bundles (issue 9), measured in one run:
#  - the embedded ledger: `audit bundle` (lineage walk, log scan, signed checkpoint, JSON) and `audit verify` of a
#    100-record lineage (48 datasets, a verification of each, the code, the model, the run, the deployment), in
#    process (AuditBundleBenchmark in the embedded ledger's test sources);
#  - a Fabric-shaped bundle of 100 records in 100 blocks built in memory with real protos and P-256 keys:
#    `audit verify` (FabricBundleBenchmark in the client's test sources). The real network's figure is printed by
#    AuditBundleIT (see docs/audit-bundles.md).
# Median of PROOFTRAIL_BENCH_RUNS (default 5) runs after a warm-up; no assertions.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

classpath() {
  local module="$1"
  (cd "$root" && ./mvnw -q -B -o test-compile dependency:build-classpath -pl "$module" -am \
    -Dmdep.outputFile=target/audit-bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true) >&2
  printf '%s:%s:%s' "$root/$module/target/test-classes" "$root/$module/target/classes" \
    "$(cat "$root/$module/target/audit-bench.classpath")"
}

main() {
  local embedded client
  embedded="$(classpath gateway-client/embedded)"
  client="$(classpath gateway-client/client)"
  printf 'audit bundles on %s (%s cores, load average %s)\n' "$(uname -n)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$embedded" org.prooftrail.client.embedded.AuditBundleBenchmark
  java -cp "$client" org.prooftrail.client.audit.FabricBundleBenchmark
}

main "$@"
