#!/usr/bin/env bash
# prooftrail's artifact:Register against fabric-samples' asset-transfer-basic CreateAsset, side by side on the native
# Fabric network of network/ (up, prooftrail deployed), through the same gateway (peer0.hospital-a, as its Admin)
# and the same load client (`prooftrail load`, --workload register or basic), at each concurrency level, the two
# alternating; prints committed tx/s of every round and the ratio prooftrail/basic per level.
#
# The basic sample is built from a fabric-samples checkout at run time (never part of this repository): its
# src/main/java is copied next to bench/basic-chaincode/pom.xml (Maven, the same shim, gRPC and protobuf versions as
# prooftrail's chaincode, read from the root pom) into bench/.data/basic-chaincode. It is deployed as chaincode
# `basic` on channel prooftrail with the same endorsement policy as prooftrail (the channel's MAJORITY
# Endorsement): one chaincode-as-a-service server per organisation, like prooftrail's, each presenting its
# organisation's peer TLS certificate, on port 7056/8056/9056 (prooftrail's + 1). Each organisation installs its
# own package (its connection.json names its own server), which the lifecycle allows: the package is not part of
# the definition. The servers run with the same JVM options as prooftrail's (PROOFTRAIL_CHAINCODE_JAVA_OPTS,
# default -Xmx512m) and are stopped when this script ends; the definition stays committed.
#
# Only one network runs on a machine: run it under the same lock as the ITs, and bring the network down after:
#   flock /tmp/fabric.lock bash -c 'network/network.sh up && network/network.sh deploy &&
#     FABRIC_SAMPLES=/path/to/fabric-samples bench/basic-vs-prooftrail.sh; network/network.sh down'
#
# Parameters (environment):
#   FABRIC_SAMPLES      a fabric-samples checkout (required)
#   FABRIC_BIN          Fabric binaries, if not on PATH                    (default /opt/fabric/bin)
#   LOAD_TX_COUNT       transactions per round                             (default 1000)
#   LOAD_WARMUP         unmeasured transactions before each round          (default 200)
#   LOAD_CONCURRENCY    concurrency levels                                 (default 50,150)
#   LOAD_REPEATS        how many times each pair of rounds runs            (default 2)
# Each round is its own `prooftrail load` process (JVM start and warm-up excluded from the figures); within a
# repeat the order alternates (basic, prooftrail, then prooftrail, basic at the next level or repeat), so a
# drift of the shared machine's speed does not favour one side.
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly NETWORK="$ROOT/network/network.sh"
readonly STATE="$ROOT/network/.state"
readonly WORK="$ROOT/bench/.data/basic-chaincode"
readonly TX_COUNT="${LOAD_TX_COUNT:-1000}"
readonly WARMUP="${LOAD_WARMUP:-200}"
readonly CONCURRENCY="${LOAD_CONCURRENCY:-50,150}"
readonly REPEATS="${LOAD_REPEATS:-2}"
readonly JAVA_OPTS="${PROOFTRAIL_CHAINCODE_JAVA_OPTS:--Xmx512m}"
readonly CHANNEL=prooftrail
readonly NAME=basic
readonly ORGS=(hospital-a hospital-b research)
declare -rA MSP=([hospital-a]=HospitalAMSP [hospital-b]=HospitalBMSP [research]=ResearchMSP)
declare -rA PEER_PORT=([hospital-a]=7051 [hospital-b]=8051 [research]=9051)
declare -rA OPS_PORT=([hospital-a]=9451 [hospital-b]=9452 [research]=9453)
declare -rA SERVER_PORT=([hospital-a]=7056 [hospital-b]=8056 [research]=9056)
export FABRIC_BIN="${FABRIC_BIN:-/opt/fabric/bin}"
export PATH="$FABRIC_BIN:$PATH"
STARTED=()

log() {
  printf '[basic-vs-prooftrail %3ds] %s\n' "$SECONDS" "$*" >&2
}

die() {
  echo "basic-vs-prooftrail: $*" >&2
  exit 2
}

# The version of a property in the root pom, e.g. pom_property grpc.version.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1
}

build_basic() {
  local source="${FABRIC_SAMPLES:?set FABRIC_SAMPLES to a fabric-samples checkout}/asset-transfer-basic/chaincode-java"
  [[ -d "$source/src/main/java" ]] || die "no $source/src/main/java: FABRIC_SAMPLES is not a fabric-samples checkout"
  local hash
  hash="$( (cat "$ROOT/bench/basic-chaincode/pom.xml" "$ROOT/pom.xml"; find "$source/src/main" -type f -print0 |
    sort -z | xargs -0 cat) | sha256sum | cut -c1-12)"
  BASIC_JAR="$WORK/build-$hash/target/basic-chaincode.jar"
  if [[ -f "$BASIC_JAR" ]]; then
    return
  fi
  log "building asset-transfer-basic from $source with Maven"
  rm -rf "$WORK/build-$hash"
  mkdir -p "$WORK/build-$hash/src"
  cp "$ROOT/bench/basic-chaincode/pom.xml" "$WORK/build-$hash/pom.xml"
  cp -R "$source/src/main" "$WORK/build-$hash/src/main"
  "$ROOT/mvnw" -q -B -o -f "$WORK/build-$hash/pom.xml" package -Dshim.version="$(pom_property fabric-chaincode-shim.version)" \
    -Dgrpc.version="$(pom_property grpc.version)" -Dprotobuf.version="$(pom_property protobuf.version)" >&2 ||
    die "the basic chaincode build failed"
}

check_network() {
  [[ -d "$STATE/crypto" ]] || die "no network state; run network/network.sh up && network/network.sh deploy first"
  local org
  for org in "${ORGS[@]}"; do
    curl -fsS --max-time 5 "http://127.0.0.1:${OPS_PORT[$org]}/healthz" >/dev/null ||
      die "peer0.$org is not healthy; run network/network.sh up && network/network.sh deploy first"
  done
}

org_dir() {
  printf '%s/crypto/peerOrganizations/%s.prooftrail.example' "$STATE" "$1"
}

peer_tls() {
  printf '%s/peers/peer0.%s.prooftrail.example/tls' "$(org_dir "$1")" "$1"
}

as_admin() { # ORG COMMAND...: runs a peer CLI command as ORG's admin
  local org="$1"
  shift
  (
    eval "$("$NETWORK" env "$org")"
    "$@"
  )
}

# COMMAND... with the orderer's address and TLS CA (from `network.sh env`, so only inside as_admin).
with_orderer() {
  "$@" -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA"
}

# The definition's arguments besides version and sequence: prooftrail's endorsement policy, no collections.
readonly DEFINITION=(-C "$CHANNEL" -n "$NAME" --channel-config-policy /Channel/Application/Endorsement)

# ORG's package: connection.json names ORG's own basic server; the TLS values are filled in by ORG's peer's builder
# (network/builder), as for prooftrail.
package_for() { # ORG -> prints the package file
  local org="$1" label dir hash
  hash="$(sha256sum "$BASIC_JAR" | cut -c1-12)"
  label="basic_${hash}_$org"
  dir="$WORK/packages/$label"
  if [[ ! -f "$dir/$label.tar.gz" ]]; then
    rm -rf "$dir" && mkdir -p "$dir/src"
    jq -n --arg address "127.0.0.1:${SERVER_PORT[$org]}" '{"address": $address, "dial_timeout": "10s",
      "tls_required": true, "client_auth_required": true, "root_cert": "{{.root_cert}}",
      "client_cert": "{{.client_cert}}", "client_key": "{{.client_key}}"}' >"$dir/src/connection.json"
    jq -n --arg name "$label" '{"type": "ccaas", "label": $name}' >"$dir/metadata.json"
    tar -C "$dir/src" -czf "$dir/code.tar.gz" connection.json
    tar -C "$dir" -czf "$dir/$label.tar.gz" metadata.json code.tar.gz
  fi
  printf '%s\n' "$dir/$label.tar.gz"
}

install_and_approve() { # ORG VERSION SEQUENCE COMMITTED -> prints the package id
  local org="$1" version="$2" sequence="$3" committed="$4" package id
  package="$(package_for "$org")"
  id="$(as_admin "$org" peer lifecycle chaincode calculatepackageid "$package")"
  if ! as_admin "$org" peer lifecycle chaincode queryinstalled --output json |
    jq -e --arg id "$id" '.installed_chaincodes // [] | any(.package_id == $id)' >/dev/null; then
    log "installing $id on peer0.$org"
    as_admin "$org" peer lifecycle chaincode install "$package" >&2 2>>"$WORK/cli.log"
  fi
  if [[ "$committed" != true ]] && ! as_admin "$org" peer lifecycle chaincode checkcommitreadiness "${DEFINITION[@]}" --version "$version" \
    --sequence "$sequence" --output json 2>>"$WORK/cli.log" |
    jq -e --arg msp "${MSP[$org]}" '.approvals[$msp]' >/dev/null; then
    log "approving $NAME $version sequence $sequence for ${MSP[$org]}"
    as_admin "$org" with_orderer peer lifecycle chaincode approveformyorg "${DEFINITION[@]}" --version "$version" \
      --sequence "$sequence" --package-id "$id" >&2 2>>"$WORK/cli.log" ||
      die "approval for ${MSP[$org]} failed; see $WORK/cli.log"
  fi
  printf '%s\n' "$id"
}

define_basic() {
  local committed version sequence=1 org peers=() current=false
  version="$(sha256sum "$BASIC_JAR" | cut -c1-12)"
  committed="$(as_admin hospital-a peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$NAME" --output json \
    2>/dev/null || true)"
  if [[ -n "$committed" ]]; then
    sequence="$(jq -r '.sequence' <<<"$committed")"
    if [[ "$(jq -r '.version' <<<"$committed")" == "$version" ]]; then
      current=true # this build is committed already: install if needed, approve and commit nothing
    else
      sequence=$((sequence + 1))
    fi
  fi
  declare -gA PACKAGE_ID=()
  for org in "${ORGS[@]}"; do
    PACKAGE_ID[$org]="$(install_and_approve "$org" "$version" "$sequence" "$current")"
    peers+=(--peerAddresses "127.0.0.1:${PEER_PORT[$org]}" --tlsRootCertFiles "$(peer_tls "$org")/ca.crt")
  done
  if [[ "$current" != true ]]; then
    log "committing $NAME version $version sequence $sequence"
    as_admin hospital-a with_orderer peer lifecycle chaincode commit "${DEFINITION[@]}" --version "$version" \
      --sequence "$sequence" "${peers[@]}" >&2 2>>"$WORK/cli.log" ||
      die "commit failed; see $WORK/cli.log"
  fi
}

# The environment prooftrail's servers get from network.sh (start_chaincode_server), for ORG's basic server.
start_server() { # ORG
  local org="$1" tls shim
  tls="$(peer_tls "$org")"
  shim="$WORK/shim-tls-$org"
  mkdir -p "$shim" && chmod 700 "$shim"
  (umask 077 && base64 -w0 "$tls/server.crt" >"$shim/client.crt.b64" && base64 -w0 "$tls/server.key" >"$shim/client.key.b64")
  local opts
  read -r -a opts <<<"$JAVA_OPTS"
  CHAINCODE_SERVER_ADDRESS="127.0.0.1:${SERVER_PORT[$org]}" CORE_CHAINCODE_ID_NAME="${PACKAGE_ID[$org]}" \
    CORE_PEER_TLS_ENABLED=true CORE_TLS_CLIENT_CERT_FILE="$tls/server.crt" CORE_TLS_CLIENT_KEY_FILE="$tls/server.key" \
    CORE_TLS_CLIENT_CERT_PATH="$shim/client.crt.b64" CORE_TLS_CLIENT_KEY_PATH="$shim/client.key.b64" \
    CORE_PEER_TLS_ROOTCERT_FILE="$tls/ca.crt" \
    setsid java "${opts[@]}" -jar "$BASIC_JAR" >>"$WORK/server-$org.log" 2>&1 </dev/null &
  STARTED+=("$!")
}

stop_servers() {
  local pid
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}

basic_answers() { # ORG
  as_admin "$1" peer chaincode query -C "$CHANNEL" -n "$NAME" -c '{"function":"GetAllAssets","Args":[]}' >/dev/null 2>&1
}

wait_for_servers() {
  local org deadline=$((SECONDS + 120))
  for org in "${ORGS[@]}"; do
    until basic_answers "$org"; do
      ((SECONDS < deadline)) || die "basic on peer0.$org did not answer within 120 s; see $WORK/server-$org.log"
      sleep 0.5
    done
  done
}

# One round: prints committed tx/s.
round() { # WORKLOAD CONFIG CONCURRENCY PREFIX
  local json
  json="$("$ROOT/prooftrail" load --json --config "$2" --workload "$1" --concurrency "$3" --tx-count "$TX_COUNT" \
    --warmup "$WARMUP" --id-prefix "$4")" || die "prooftrail load --workload $1 failed"
  jq -r '.rounds[0] | "\(.committedTps) \(.failed) \(.latencyMs.p50 // "-") \(.latencyMs.p95 // "-")"' <<<"$json"
}

main() {
  command -v jq >/dev/null || die "jq is required"
  build_basic
  check_network
  "$ROOT/prooftrail" --version >/dev/null # builds the CLI now if it is stale, outside the rounds
  mkdir -p "$WORK"
  trap stop_servers EXIT
  define_basic
  local org
  for org in "${ORGS[@]}"; do start_server "$org"; done
  wait_for_servers
  log "basic answers on every peer"

  local configs="$WORK/configs"
  mkdir -p "$configs"
  "$NETWORK" client-config hospital-a --out "$configs/prooftrail.json" 2>/dev/null
  jq --arg name "$NAME" '.chaincode = $name' "$configs/prooftrail.json" >"$configs/basic.json"

  echo "network: 3 etcdraft orderers, 3 peers (LevelDB), channel $CHANNEL, both chaincodes under the channel's MAJORITY"
  echo "  Endorsement policy, one server per organisation each; client: hospital-a Admin through peer0.hospital-a"
  echo "rounds: $TX_COUNT transactions after $WARMUP warm-up, closed loop, one prooftrail load process each;" \
    "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-7s %11s %-10s %9s %6s %8s %8s\n' repeat concurrency chaincode "tx/s" failed "p50 ms" "p95 ms"
  local stamp levels level repeat flip=0 first second
  stamp="$(date -u +%Y%m%dT%H%M%S)"
  IFS=, read -r -a levels <<<"$CONCURRENCY"
  declare -A ratios=()
  for ((repeat = 1; repeat <= REPEATS; repeat++)); do
    for level in "${levels[@]}"; do
      if ((flip % 2 == 0)); then first=basic second=register; else first=register second=basic; fi
      flip=$((flip + 1))
      declare -A tps=()
      local workload line tx failed p50 p95
      for workload in "$first" "$second"; do
        local config="$configs/prooftrail.json"
        [[ "$workload" == basic ]] && config="$configs/basic.json"
        line="$(round "$workload" "$config" "$level" "bench-$stamp-$repeat-$level-$workload")"
        read -r tx failed p50 p95 <<<"$line"
        tps[$workload]="$tx"
        printf '%-7s %11s %-10s %9s %6s %8s %8s\n' "$repeat" "$level" \
          "$([[ $workload == basic ]] && echo basic || echo prooftrail)" "$tx" "$failed" "$p50" "$p95"
      done
      ratios[$level]+="$(awk -v p="${tps[register]}" -v b="${tps[basic]}" 'BEGIN { printf "%.2f ", p / b }')"
    done
  done
  echo
  for level in "${levels[@]}"; do
    echo "concurrency $level: prooftrail/basic per repeat: ${ratios[$level]}(target >= 0.9)"
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

main "$@"
