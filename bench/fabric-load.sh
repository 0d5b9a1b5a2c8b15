#!/usr/bin/env bash
# Fixed-load rounds against the native Fabric network (network/network.sh): `prooftrail load` as hospital-a's
# Admin through peer0.hospital-a's gateway, one round per concurrency level, with the network's block-cutting
# settings printed next to the figures.
#
# Needs the network up and the chaincode deployed; this script does neither, and never stops anything:
#   export FABRIC_BIN=/path/to/fabric/bin
#   network/network.sh up && network/network.sh deploy
#
# Every transaction is a real artifact:Register of a fresh id (<prefix>-r<round>-<n>, the prefix timestamped so
# that repeated runs do not collide) and stays on the channel. Each needs endorsements from two of the three
# organisations (the channel's MAJORITY Endorsement policy): the gateway picks the endorsing peers itself, from
# the chaincode definition's policy, through service discovery.
#
# Parameters (environment):
#   LOAD_TX_COUNT      transactions per round                   (default 500)
#   LOAD_CONCURRENCY   concurrency levels, one round each       (default 1,8,32,64)
#   LOAD_ORG           organisation whose Admin submits         (default hospital-a)
# Further arguments go to `prooftrail load` as they are, e.g. --rate 100, --max-seconds 120, --warmup 100, --json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly NETWORK="$ROOT/network/network.sh"
readonly CONFIGTX="$ROOT/network/configtx.yaml"
readonly TX_COUNT="${LOAD_TX_COUNT:-500}"
readonly CONCURRENCY="${LOAD_CONCURRENCY:-1,8,32,64}"
readonly ORG="${LOAD_ORG:-hospital-a}"

die() {
  echo "fabric-load: $*" >&2
  exit 2
}

# The peers' operations ports (network/README.md); /healthz answers only while the peer runs.
check_network() {
  [[ -d "$ROOT/network/.state/crypto" ]] ||
    die "no network state in network/.state; run network/network.sh up && network/network.sh deploy first"
  local port
  for port in 9451 9452 9453; do
    curl -fsS --max-time 5 "http://127.0.0.1:$port/healthz" >/dev/null ||
      die "the peer with operations port $port is not healthy; run network/network.sh up && network/network.sh deploy"
  done
}

write_client_config() {
  local out="$1"
  "$NETWORK" client-config "$ORG" --out "$out" >&2
}

# The first value of a key in configtx.yaml (the orderer defaults the channel profile uses).
configtx_value() {
  local key="$1"
  awk -v key="$key:" '$1 == key { print $2, $3; exit }' "$CONFIGTX" | sed 's/ *$//'
}

print_settings() {
  echo "network: 3 etcdraft orderers, 3 peers (LevelDB), channel prooftrail, endorsement MAJORITY (2 of 3 orgs)"
  echo "block cutting (network/configtx.yaml): BatchTimeout $(configtx_value BatchTimeout)," \
    "MaxMessageCount $(configtx_value MaxMessageCount), PreferredMaxBytes $(configtx_value PreferredMaxBytes)"
  echo "client: $ORG Admin through peer0.$ORG's gateway; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

main() {
  command -v curl >/dev/null || die "curl is required"
  check_network
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: the folder is fixed for this run
  trap "rm -rf '$work'" EXIT
  write_client_config "$work/$ORG.json"

  local json=false arg
  for arg in "$@"; do
    [[ "$arg" == --json ]] && json=true
  done
  if [[ "$json" == true ]]; then
    print_settings >&2
  else
    print_settings
    echo
  fi
  "$ROOT/prooftrail" load --config "$work/$ORG.json" --tx-count "$TX_COUNT" --concurrency "$CONCURRENCY" "$@"
}

main "$@"
