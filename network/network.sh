#!/usr/bin/env bash
# Runs the prooftrail Fabric v2.5 network natively (no Docker) on 127.0.0.1 and deploys the chaincode on it
# as a service. See network/README.md for the topology, the ports and the settings.
#
# Each node and each peer CLI call gets its environment in a ( ... ) subshell, on purpose:
# shellcheck disable=SC2030,SC2031
set -euo pipefail
shopt -s inherit_errexit

readonly USAGE="usage: network/network.sh COMMAND

commands:
  up                              crypto material, 3 Raft orderers, 3 peers, channel 'prooftrail', peers joined;
                                  with existing state it resumes: restarts whatever is not running (after down,
                                  kill -9 or a reboot) on its ledger, chaincode servers included, and waits until
                                  every node caught up; harmless when everything runs
  deploy [--jar FILE] [--label LABEL]
                                  build the chaincode jar if needed, package it as a service, install, approve
                                  for every organisation, commit (next sequence if the code or the collections
                                  changed), and start one chaincode server per organisation; --jar deploys that
                                  jar instead of this repository's build (another release, or the previous
                                  package to roll back to), --label names the package (default
                                  prooftrail_<hash of the jar>; also the definition's version)
  env ORG                         print the export lines that point the peer CLI at ORG's peer as ORG's admin:
                                  eval \"\$(network/network.sh env hospital-a)\"
  user ORG NAME ROLE[,ROLE]        issue user NAME of ORG, a NodeOU client whose certificate carries the attribute
                                  prooftrail.role=ROLE[,ROLE] as a Fabric CA writes it, signed by ORG's
                                  cryptogen CA (no CA server); client-config ORG NAME then works for it
  client-config ORG [USER] [--format gateway|ccp] [--failover] [--out FILE]
                                  print (or write) a gateway-client config for USER of ORG (default Admin;
                                  cryptogen also made User1; 'user' makes more); --failover lists the other
                                  organisations' gateway peers as failover gateways; --format ccp writes a Fabric
                                  common connection profile in the test network's shape instead (it names no
                                  user: give the CLI USER's msp/signcerts and msp/keystore files)
  restart-chaincode ORG [--jar FILE]
                                  restart ORG's chaincode server, optionally with another build of the
                                  chaincode (same package id, so the peer does not notice the swap); without
                                  --jar, with the build 'deploy' started
  down                            stop every process this script started (by PID), keep the state
  clean                           down, then remove network/.state
  --help                          this text

organisations: hospital-a (HospitalAMSP), hospital-b (HospitalBMSP), research (ResearchMSP)

environment:
  FABRIC_BIN                      folder of the Fabric binaries, if they are not on PATH
  FABRIC_CFG_PATH                 folder of Fabric's sample core.yaml and orderer.yaml (default: FABRIC_BIN/../config)
  PROOFTRAIL_READY_TIMEOUT        seconds to wait for each readiness check, polled with backoff (default 120)
  PROOFTRAIL_CHAINCODE_JAVA_OPTS  JVM options of the chaincode servers (default -Xmx512m)
  FABRIC_LOGGING_SPEC             log levels of orderers and peers (default info)"

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly NETWORK_DIR
REPO_DIR="$(dirname "$NETWORK_DIR")"
readonly REPO_DIR
readonly STATE_DIR="$NETWORK_DIR/.state"
readonly CRYPTO_DIR="$STATE_DIR/crypto"
readonly PID_DIR="$STATE_DIR/pids"
readonly LOG_DIR="$STATE_DIR/logs"
readonly CHANNEL_BLOCK="$STATE_DIR/channel/prooftrail.block"
readonly CHAINCODE_STATE_DIR="$STATE_DIR/chaincode"
readonly CHANNEL=prooftrail
readonly CHAINCODE=prooftrail
readonly READY_TIMEOUT="${PROOFTRAIL_READY_TIMEOUT:-120}"
readonly CHAINCODE_JAVA_OPTS="${PROOFTRAIL_CHAINCODE_JAVA_OPTS:--Xmx512m}"
readonly LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-info}"

readonly ORDERERS=(orderer1 orderer2 orderer3)
readonly ORGS=(hospital-a hospital-b research)
readonly ORDERER_DOMAIN=orderer.prooftrail.example
readonly ORDERER_ORG_DIR="$CRYPTO_DIR/ordererOrganizations/$ORDERER_DOMAIN"
readonly ORDERER_CA="$ORDERER_ORG_DIR/tlsca/tlsca.$ORDERER_DOMAIN-cert.pem"
readonly ORDERER_ADMIN_TLS_DIR="$ORDERER_ORG_DIR/users/Admin@$ORDERER_DOMAIN/tls"

# Ports, all on 127.0.0.1. Orderers: gRPC (clients and Raft cluster traffic), channel participation (admin),
# operations (/healthz, /metrics). Peers: gRPC (clients, gateway, gossip), chaincode callbacks, operations;
# plus the organisation's chaincode server.
declare -rA ORDERER_PORT=([orderer1]=6050 [orderer2]=6150 [orderer3]=6250)
declare -rA ORDERER_ADMIN_PORT=([orderer1]=6053 [orderer2]=6153 [orderer3]=6253)
declare -rA ORDERER_OPS_PORT=([orderer1]=9441 [orderer2]=9442 [orderer3]=9443)
declare -rA ORG_MSP=([hospital-a]=HospitalAMSP [hospital-b]=HospitalBMSP [research]=ResearchMSP)
declare -rA PEER_PORT=([hospital-a]=7051 [hospital-b]=8051 [research]=9051)
declare -rA PEER_CHAINCODE_PORT=([hospital-a]=7052 [hospital-b]=8052 [research]=9052)
declare -rA PEER_OPS_PORT=([hospital-a]=9451 [hospital-b]=9452 [research]=9453)
declare -rA CHAINCODE_SERVER_PORT=([hospital-a]=7055 [hospital-b]=8055 [research]=9055)
readonly ORDERER_ADDRESS="127.0.0.1:${ORDERER_PORT[orderer1]}"

# Messages go to the script's own standard error (file descriptor 4, opened in main), so that they show even from a
# check whose output await_answer captures.
log() {
    printf '[network %3ds] %s\n' "$SECONDS" "$*" >&4
}

die() {
    printf '[network] error: %s\n' "$*" >&4
    exit 1
}

# --- organisations and paths -----------------------------------------------------------------------------

require_org() {
    [[ -n "${1:-}" && -n "${ORG_MSP[$1]+x}" ]] || die "unknown organisation '${1:-}' (known: ${ORGS[*]})"
}

org_domain() {
    printf '%s.prooftrail.example' "$1"
}

org_dir() {
    printf '%s/peerOrganizations/%s' "$CRYPTO_DIR" "$(org_domain "$1")"
}

peer_name() {
    printf 'peer0.%s' "$(org_domain "$1")"
}

peer_tls_ca() {
    printf '%s/peers/%s/tls/ca.crt' "$(org_dir "$1")" "$(peer_name "$1")"
}

peer_config_dir() {
    printf '%s/peers/%s' "$STATE_DIR" "$1"
}

user_msp_dir() { # ORG USER
    printf '%s/users/%s@%s/msp' "$(org_dir "$1")" "$2" "$(org_domain "$1")"
}

# Points the peer CLI of the current shell at ORG's peer, as ORG's admin.
use_admin_of() {
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_LOCALMSPID="${ORG_MSP[$1]}"
    CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$1")"
    export CORE_PEER_TLS_ROOTCERT_FILE
    CORE_PEER_MSPCONFIGPATH="$(user_msp_dir "$1" Admin)"
    export CORE_PEER_MSPCONFIGPATH
    export CORE_PEER_ADDRESS="127.0.0.1:${PEER_PORT[$1]}"
    FABRIC_CFG_PATH="$(peer_config_dir "$1")"
    export FABRIC_CFG_PATH
}

# --- Fabric binaries and configuration --------------------------------------------------------------------

# The caller's FABRIC_CFG_PATH names where Fabric's sample configuration is; after that the script sets every
# CORE_* and ORDERER_* variable itself, so that a shell prepared with `env ORG` does not leak into the nodes.
find_fabric() {
    if [[ -n "${FABRIC_BIN:-}" ]]; then
        [[ -d "$FABRIC_BIN" ]] || die "FABRIC_BIN=$FABRIC_BIN is not a folder"
        PATH="$FABRIC_BIN:$PATH"
    fi
    local missing=() tool
    for tool in peer orderer osnadmin configtxgen cryptogen; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if ((${#missing[@]} > 0)); then
        die "Fabric binaries not found on PATH or in \$FABRIC_BIN: ${missing[*]}.
Set FABRIC_BIN to the bin/ folder of a Fabric v2.5 release. Official release binaries come from the
hyperledger/fabric GitHub releases (fabric-samples' install-fabric.sh 'binary' downloads them)."
    fi

    local candidate
    FABRIC_SAMPLE_CONFIG=""
    for candidate in "${FABRIC_CFG_PATH:-}" "$(dirname "$(command -v peer)")/../config"; do
        if [[ -n "$candidate" && -f "$candidate/core.yaml" && -f "$candidate/orderer.yaml" ]]; then
            FABRIC_SAMPLE_CONFIG="$(cd "$candidate" && pwd)"
            break
        fi
    done
    [[ -n "$FABRIC_SAMPLE_CONFIG" ]] || die "Fabric configuration (core.yaml and orderer.yaml) not found in \
\$FABRIC_CFG_PATH (${FABRIC_CFG_PATH:-unset}) nor in $(dirname "$(command -v peer)")/../config.
Set FABRIC_CFG_PATH to the config/ folder of a Fabric v2.5 release (it sits beside bin/)."
    readonly FABRIC_SAMPLE_CONFIG

    local name
    for name in $(compgen -e); do
        case "$name" in
            CORE_* | ORDERER_GENERAL_* | ORDERER_FILELEDGER_* | ORDERER_CONSENSUS_* | ORDERER_OPERATIONS_* | \
                ORDERER_METRICS_* | ORDERER_ADMIN_* | ORDERER_CHANNELPARTICIPATION_* | ORDERER_DEBUG_* | \
                FABRIC_CFG_PATH | CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG) unset "$name" ;;
        esac
    done
}

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "'$tool' is required but not on PATH"
    done
}

# --- processes --------------------------------------------------------------------------------------------

# A PID file holds the PID and the process start time (from /proc), so that a PID reused by an unrelated
# process after a crash or a reboot is never signalled.
process_start_time() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    cut -d' ' -f20 <<<"$stat"
}

running_pid() { # NAME -> prints the PID if the process this script started under NAME is alive
    local file="$PID_DIR/$1.pid" pid started now
    [[ -f "$file" ]] || return 1
    read -r pid started <"$file" || return 1
    now="$(process_start_time "$pid")" || return 1
    [[ "$now" == "$started" ]] || return 1
    printf '%s\n' "$pid"
}

is_running() {
    running_pid "$1" >/dev/null
}

start_process() { # NAME LOGFILE COMMAND...
    local name="$1" logfile="$2"
    shift 2
    mkdir -p "$PID_DIR" "$LOG_DIR"
    setsid "$@" >>"$logfile" 2>&1 </dev/null &
    local pid=$!
    local started
    started="$(process_start_time "$pid")" || die "$name exited at once; see $logfile"
    printf '%s %s\n' "$pid" "$started" >"$PID_DIR/$name.pid"
}

# Sends SIGTERM to every named process that is running, then waits for all of them (20s in all) and kills
# the ones still there.
stop_processes() { # NAME...
    local name pid stopping=()
    for name in "$@"; do
        if pid="$(running_pid "$name")"; then
            log "stopping $name (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            stopping+=("$name")
        fi
    done
    local deadline=$((SECONDS + 20))
    for name in "${stopping[@]}"; do
        while pid="$(running_pid "$name")"; do
            if ((SECONDS >= deadline)); then
                log "$name did not stop within 20s; killing it"
                kill -KILL "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.2
        done
    done
    for name in "$@"; do rm -f "$PID_DIR/$name.pid"; done
}

# Fails the script when a process died, pointing at its log; used inside readiness checks.
require_alive() {
    is_running "$1" || die "$1 is not running; last lines of $LOG_DIR/$1.log:
$(tail -n 20 "$LOG_DIR/$1.log" 2>/dev/null)"
}

# Polls COMMAND until it succeeds, waiting 0.25 s, then twice as long after each failure up to 4 s (a node that is
# catching up or electing a leader gets time instead of a burst of queries), for up to READY_TIMEOUT seconds. On
# success prints what the successful attempt wrote on stdout; on timeout, dies showing what the last attempt said.
await_answer() { # DESCRIPTION COMMAND...
    local what="$1"
    shift
    local deadline=$((SECONDS + READY_TIMEOUT)) delay=0.25 out err attempts=0
    out="$(mktemp)" && err="$(mktemp)"
    while true; do
        attempts=$((attempts + 1))
        if "$@" >"$out" 2>"$err"; then
            cat "$out"
            rm -f "$out" "$err"
            return 0
        fi
        if ((SECONDS >= deadline)); then
            local said
            said="$(cat "$out" "$err" | tail -n 20)"
            rm -f "$out" "$err"
            die "timed out after ${READY_TIMEOUT}s ($attempts attempts) waiting for $what; the last attempt said:
${said:-(nothing)}"
        fi
        ((attempts == 1)) && log "waiting for $what"
        sleep "$delay"
        delay="$(awk -v d="$delay" 'BEGIN { d *= 2; print (d > 4 ? 4 : d) }')"
    done
}

wait_until() { # DESCRIPTION COMMAND... (as await_answer, without printing the answer)
    await_answer "$@" >/dev/null
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

require_port_free() { # PORT NODE
    ! port_open "$1" || die "port $1 (for $2) is already in use on 127.0.0.1; is another network running?"
}

http_ok() {
    curl -fsS --max-time 2 -o /dev/null "$1"
}

# --- up ---------------------------------------------------------------------------------------------------

generate_crypto() {
    if [[ -d "$CRYPTO_DIR" ]]; then
        log "crypto material exists in $CRYPTO_DIR"
        return
    fi
    log "generating crypto material (cryptogen, NodeOUs enabled)"
    cryptogen generate --config="$NETWORK_DIR/crypto-config.yaml" --output="$CRYPTO_DIR" >/dev/null
}

generate_channel_block() {
    if [[ -f "$CHANNEL_BLOCK" ]]; then
        return
    fi
    log "generating the genesis block of channel $CHANNEL (profile ProofTrailChannel)"
    mkdir -p "$(dirname "$CHANNEL_BLOCK")"
    configtxgen -configPath "$NETWORK_DIR" -profile ProofTrailChannel -channelID "$CHANNEL" \
        -outputBlock "$CHANNEL_BLOCK" 2>"$LOG_DIR/configtxgen.log" ||
        die "configtxgen failed; see $LOG_DIR/configtxgen.log"
}

start_orderer() {
    local name="$1"
    if is_running "$name"; then
        return
    fi
    local home="$STATE_DIR/orderers/$name"
    local node_dir="$ORDERER_ORG_DIR/orderers/$name.$ORDERER_DOMAIN"
    require_port_free "${ORDERER_PORT[$name]}" "$name"
    require_port_free "${ORDERER_ADMIN_PORT[$name]}" "$name admin"
    require_port_free "${ORDERER_OPS_PORT[$name]}" "$name operations"
    mkdir -p "$home"
    cp "$FABRIC_SAMPLE_CONFIG/orderer.yaml" "$home/orderer.yaml"
    log "starting $name on 127.0.0.1:${ORDERER_PORT[$name]}"
    (
        export FABRIC_CFG_PATH="$home"
        export FABRIC_LOGGING_SPEC="$LOGGING_SPEC"
        export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
        export ORDERER_GENERAL_LISTENPORT="${ORDERER_PORT[$name]}"
        export ORDERER_GENERAL_LOCALMSPID=OrdererMSP
        export ORDERER_GENERAL_LOCALMSPDIR="$node_dir/msp"
        export ORDERER_GENERAL_TLS_ENABLED=true
        export ORDERER_GENERAL_TLS_PRIVATEKEY="$node_dir/tls/server.key"
        export ORDERER_GENERAL_TLS_CERTIFICATE="$node_dir/tls/server.crt"
        export ORDERER_GENERAL_TLS_ROOTCAS="[$node_dir/tls/ca.crt]"
        export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
        export ORDERER_CHANNELPARTICIPATION_ENABLED=true
        export ORDERER_FILELEDGER_LOCATION="$home/ledger"
        export ORDERER_CONSENSUS_WALDIR="$home/etcdraft/wal"
        export ORDERER_CONSENSUS_SNAPDIR="$home/etcdraft/snapshot"
        export ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:${ORDERER_ADMIN_PORT[$name]}"
        export ORDERER_ADMIN_TLS_ENABLED=true
        export ORDERER_ADMIN_TLS_PRIVATEKEY="$node_dir/tls/server.key"
        export ORDERER_ADMIN_TLS_CERTIFICATE="$node_dir/tls/server.crt"
        export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
        export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$node_dir/tls/ca.crt]"
        export ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:${ORDERER_OPS_PORT[$name]}"
        export ORDERER_METRICS_PROVIDER=prometheus
        start_process "$name" "$LOG_DIR/$name.log" orderer
    )
}

orderer_healthy() {
    require_alive "$1"
    http_ok "http://127.0.0.1:${ORDERER_OPS_PORT[$1]}/healthz"
}

osnadmin_as_admin() { # ORDERER osnadmin-arguments...
    local name="$1"
    shift
    osnadmin "$@" -o "127.0.0.1:${ORDERER_ADMIN_PORT[$name]}" --ca-file "$ORDERER_CA" \
        --client-cert "$ORDERER_ADMIN_TLS_DIR/client.crt" --client-key "$ORDERER_ADMIN_TLS_DIR/client.key"
}

# Asks ORDERER's channel-participation API about the channel and decides from its answer: HTTP 200 naming the
# channel prints "present" and its JSON on the next line, HTTP 404 prints "absent". Anything else (no answer while
# the orderer starts, 503 while it catches up or its channel elects a leader) is not an answer: it fails, saying
# what came back, so that the caller retries instead of taking it for "absent".
orderer_channel_answer() { # ORDERER
    require_alive "$1"
    local out status
    out="$(osnadmin_as_admin "$1" channel list --channelID "$CHANNEL" 2>&1)" || true
    status="$(sed -n '1s/^Status: \([0-9][0-9][0-9]\).*/\1/p' <<<"$out")"
    case "$status" in
        200)
            local json
            if json="$(sed 1d <<<"$out" | jq -ce --arg channel "$CHANNEL" 'select(.name == $channel)')"; then
                printf 'present\n%s\n' "$json"
                return 0
            fi
            ;;
        404)
            printf 'absent\n'
            return 0
            ;;
    esac
    printf '%s gave no answer about channel %s: %s\n' "$1" "$CHANNEL" "${out:-(no output)}" >&2
    return 1
}

orderer_channel_info() { # ORDERER -> the channel-participation JSON of the channel; fails if the orderer lacks it
    local answer
    answer="$(orderer_channel_answer "$1")" || return 1
    [[ "$(head -n 1 <<<"$answer")" == present ]] || {
        printf '%s does not have channel %s\n' "$1" "$CHANNEL" >&2
        return 1
    }
    sed 1d <<<"$answer"
}

orderer_consenter_active() {
    local info
    info="$(orderer_channel_info "$1")" || return 1
    jq -e '.status == "active" and .consensusRelation == "consenter"' <<<"$info" >/dev/null || {
        printf '%s is not an active consenter yet: %s\n' "$1" "$info" >&2
        return 1
    }
}

join_orderer() {
    local name="$1" answer
    answer="$(await_answer "$name to say whether it has channel $CHANNEL" orderer_channel_answer "$name")"
    if [[ "$(head -n 1 <<<"$answer")" == present ]]; then
        return
    fi
    log "joining $name to channel $CHANNEL (channel participation API)"
    local out
    out="$(osnadmin_as_admin "$name" channel join --channelID "$CHANNEL" --config-block "$CHANNEL_BLOCK" 2>&1)" || true
    printf '%s: osnadmin channel join\n%s\n' "$name" "$out" >>"$LOG_DIR/cli.log"
    [[ "$(sed -n '1s/^Status: \([0-9]*\).*/\1/p' <<<"$out")" == 201 ]] ||
        die "could not join $name to channel $CHANNEL; osnadmin answered:
$out"
}

orderer_height() { # ORDERER -> the height of its copy of the channel
    local info
    info="$(orderer_channel_info "$1")" || return 1
    jq -e '.height' <<<"$info"
}

# The highest height any orderer reports: what every orderer and peer must reach to count as caught up.
orderers_height() {
    local name height best=-1
    for name in "${ORDERERS[@]}"; do
        if height="$(orderer_height "$name" 2>/dev/null)" && ((height > best)); then
            best="$height"
        fi
    done
    ((best >= 0)) || {
        printf 'no orderer answered with its height of %s\n' "$CHANNEL" >&2
        return 1
    }
    printf '%s\n' "$best"
}

orderer_reached() { # ORDERER HEIGHT
    local height
    height="$(orderer_height "$1")" || return 1
    ((height >= $2)) || {
        printf '%s is at height %s of %s\n' "$1" "$height" "$2" >&2
        return 1
    }
}

raft_leader_elected() {
    local name
    for name in "${ORDERERS[@]}"; do
        curl -fsS --max-time 2 "http://127.0.0.1:${ORDERER_OPS_PORT[$name]}/metrics" 2>/dev/null |
            grep -q "^consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1" && return 0
    done
    return 1
}

# The peer's core.yaml is Fabric's sample with one edit, and every other setting comes from CORE_* variables
# below. The edit: vm.endpoint is emptied, because Fabric's configuration ignores an empty environment
# variable, and with a Docker endpoint configured the peer adds a Docker check that fails /healthz here.
write_peer_config() {
    local home="$1"
    mkdir -p "$home"
    sed 's#^\(    endpoint: \)unix:///var/run/docker.sock$#\1#' "$FABRIC_SAMPLE_CONFIG/core.yaml" >"$home/core.yaml"
    grep -q '^    endpoint: unix:///var/run/docker.sock$' "$home/core.yaml" &&
        die "could not disable vm.endpoint in $home/core.yaml"
    return 0
}

# What the builder fills into connection.json for ORG's peer: its own chaincode server's address, the TLS CA
# that issued that server's certificate, and the peer's TLS certificate and key as its client credentials
# (cryptogen's TLS certificates allow both server and client authentication).
peer_builder_config() { # ORG
    local tls
    tls="$(org_dir "$1")/peers/$(peer_name "$1")/tls"
    jq -cn --arg address "127.0.0.1:${CHAINCODE_SERVER_PORT[$1]}" --rawfile root_cert "$tls/ca.crt" \
        --rawfile client_cert "$tls/server.crt" --rawfile client_key "$tls/server.key" \
        '{address: $address, root_cert: $root_cert, client_cert: $client_cert, client_key: $client_key}'
}

start_peer() {
    local org="$1" name="peer-$1"
    if is_running "$name"; then
        return
    fi
    local home node_dir address="127.0.0.1:${PEER_PORT[$org]}"
    home="$(peer_config_dir "$org")"
    node_dir="$(org_dir "$org")/peers/$(peer_name "$org")"
    require_port_free "${PEER_PORT[$org]}" "$name"
    require_port_free "${PEER_CHAINCODE_PORT[$org]}" "$name chaincode"
    require_port_free "${PEER_OPS_PORT[$org]}" "$name operations"
    write_peer_config "$home"
    log "starting $name on $address"
    (
        export FABRIC_CFG_PATH="$home"
        export FABRIC_LOGGING_SPEC="$LOGGING_SPEC"
        export CORE_PEER_ID
        CORE_PEER_ID="$(peer_name "$org")"
        export CORE_PEER_ADDRESS="$address"
        export CORE_PEER_LISTENADDRESS="$address"
        export CORE_PEER_CHAINCODEADDRESS="127.0.0.1:${PEER_CHAINCODE_PORT[$org]}"
        export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:${PEER_CHAINCODE_PORT[$org]}"
        # One peer per organisation: it bootstraps gossip from itself and meets the other organisations
        # through their anchor peers, which the channel configuration names.
        export CORE_PEER_GOSSIP_BOOTSTRAP="$address"
        export CORE_PEER_GOSSIP_EXTERNALENDPOINT="$address"
        # A peer that joins the channel before the others finds their anchor peers not yet on it and retries
        # after this interval (Fabric's default, 25s, made a fresh `up` wait ~35s for gossip).
        export CORE_PEER_GOSSIP_RECONNECTINTERVAL=5s
        export CORE_PEER_LOCALMSPID="${ORG_MSP[$org]}"
        export CORE_PEER_MSPCONFIGPATH="$node_dir/msp"
        export CORE_PEER_TLS_ENABLED=true
        export CORE_PEER_TLS_CERT_FILE="$node_dir/tls/server.crt"
        export CORE_PEER_TLS_KEY_FILE="$node_dir/tls/server.key"
        export CORE_PEER_TLS_ROOTCERT_FILE="$node_dir/tls/ca.crt"
        export CORE_PEER_FILESYSTEMPATH="$home/data"
        export CORE_LEDGER_STATE_STATEDATABASE=goleveldb
        export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$home/data/snapshots"
        export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${PEER_OPS_PORT[$org]}"
        export CORE_METRICS_PROVIDER=prometheus
        export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: prooftrail-ccaas, path: $NETWORK_DIR/builder, \
propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]"
        export CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG
        CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="$(peer_builder_config "$org")"
        start_process "$name" "$LOG_DIR/$name.log" peer node start
    )
}

peer_healthy() {
    require_alive "peer-$1"
    http_ok "http://127.0.0.1:${PEER_OPS_PORT[$1]}/healthz"
}

# Asks ORG's peer which channels it has joined and decides from the answer: prints "present" or "absent". A peer
# that gives no answer (still starting) fails, saying what came back, so that the caller retries.
peer_channel_answer() { # ORG
    require_alive "peer-$1"
    local out
    if out="$(
        use_admin_of "$1"
        peer channel list 2>&1
    )" && grep -q '^Channels peers has joined' <<<"$out"; then
        if grep -qx "$CHANNEL" <<<"$out"; then
            printf 'present\n'
        else
            printf 'absent\n'
        fi
        return 0
    fi
    printf 'peer-%s gave no list of its channels: %s\n' "$1" "${out:-(no output)}" >&2
    return 1
}

peer_height() { # ORG -> the height of the peer's copy of the channel
    local out
    out="$(
        use_admin_of "$1"
        peer channel getinfo -c "$CHANNEL" 2>&1
    )" || {
        printf 'peer-%s gave no height of %s: %s\n' "$1" "$CHANNEL" "$out" >&2
        return 1
    }
    sed -n 's/^Blockchain info: //p' <<<"$out" | jq -e '.height'
}

# A peer is ready when it has every block the orderers had when it was asked to catch up.
peer_reached() { # ORG HEIGHT
    require_alive "peer-$1"
    local height
    height="$(peer_height "$1")" || return 1
    ((height >= $2)) || {
        printf 'peer-%s is at height %s of %s\n' "$1" "$height" "$2" >&2
        return 1
    }
}

join_peer() {
    local org="$1" answer
    answer="$(await_answer "peer-$org to list its channels" peer_channel_answer "$org")"
    if [[ "$answer" == present ]]; then
        return
    fi
    log "joining peer-$org to channel $CHANNEL"
    local output
    output="$(
        use_admin_of "$org"
        peer channel join -b "$CHANNEL_BLOCK" 2>&1
    )" || die "peer-$org could not join $CHANNEL; peer channel join said:
$output"
    printf '%s\n' "$output" >>"$LOG_DIR/cli.log"
}

# Gossip membership proves that the anchor peers work: service discovery, and so the gateway, sees only
# peers that gossip knows.
peer_knows_other_orgs() {
    require_alive "peer-$1"
    curl -fsS --max-time 2 "http://127.0.0.1:${PEER_OPS_PORT[$1]}/metrics" 2>/dev/null |
        grep -q "^gossip_membership_total_peers_known{channel=\"$CHANNEL\"} $((${#ORGS[@]} - 1))\$"
}

# The channel configuration from any orderer that answers (one that is restarting, catching up or whose channel is
# electing a leader answers SERVICE_UNAVAILABLE for a while), decoded.
channel_config() {
    local name out
    for name in "${ORDERERS[@]}"; do
        if out="$(
            use_admin_of "${ORGS[0]}"
            peer channel fetch config "$STATE_DIR/channel/config.pb" -c "$CHANNEL" \
                -o "127.0.0.1:${ORDERER_PORT[$name]}" --tls --cafile "$ORDERER_CA" 2>&1
        )"; then
            configtxlator proto_decode --input "$STATE_DIR/channel/config.pb" --type common.Block
            return
        fi
        printf '%s: %s\n' "$name" "$(tail -n 3 <<<"$out")" >&2
    done
    return 1
}

verify_anchor_peers() {
    local config
    config="$(await_answer "an orderer to hand out the configuration of $CHANNEL" channel_config)"
    local org
    for org in "${ORGS[@]}"; do
        jq -e --arg msp "${ORG_MSP[$org]}" --argjson port "${PEER_PORT[$org]}" \
            '.data.data[0].payload.data.config.channel_group.groups.Application.groups[$msp].values.AnchorPeers
             .value.anchor_peers | any(.port == $port)' <<<"$config" >/dev/null ||
            die "channel $CHANNEL has no anchor peer for ${ORG_MSP[$org]}"
    done
}

# Chaincode servers that 'deploy' started once and that are not running now (stopped by 'down', killed, or lost with
# a reboot) are started again with the build and package they ran, so that one 'up' brings the whole network back.
resume_chaincode_servers() {
    local org name info=() resumed=()
    for org in "${ORGS[@]}"; do
        name="chaincode-$org"
        if [[ -f "$PID_DIR/$name.info" ]] && ! is_running "$name"; then
            mapfile -t info <"$PID_DIR/$name.info"
            if [[ -f "${info[1]:-}" ]]; then
                start_chaincode_server "$org" "${info[1]}" "${info[0]}" "${info[2]:-${info[1]}}"
                resumed+=("$org")
            else
                log "not restarting $name: its jar ${info[1]:-(none)} is gone; run network/network.sh deploy"
            fi
        fi
    done
    for org in "${resumed[@]}"; do
        wait_until "chaincode-$org to answer GetMetadata through peer-$org" chaincode_answers "$org"
    done
}

cmd_up() {
    require_tools curl jq configtxlator
    mkdir -p "$STATE_DIR" "$LOG_DIR" "$PID_DIR"
    generate_crypto
    generate_channel_block

    local name org height
    for name in "${ORDERERS[@]}"; do start_orderer "$name"; done
    for name in "${ORDERERS[@]}"; do wait_until "$name /healthz" orderer_healthy "$name"; done
    for name in "${ORDERERS[@]}"; do join_orderer "$name"; done
    for name in "${ORDERERS[@]}"; do wait_until "$name to be an active consenter" orderer_consenter_active "$name"; done
    wait_until "a Raft leader for $CHANNEL" raft_leader_elected
    height="$(await_answer "an orderer to tell the height of $CHANNEL" orderers_height)"
    for name in "${ORDERERS[@]}"; do wait_until "$name to catch up to height $height" orderer_reached "$name" "$height"; done
    log "orderers up at height $height; Raft has a leader"

    for org in "${ORGS[@]}"; do start_peer "$org"; done
    for org in "${ORGS[@]}"; do wait_until "peer-$org /healthz" peer_healthy "$org"; done
    for org in "${ORGS[@]}"; do join_peer "$org"; done
    for org in "${ORGS[@]}"; do wait_until "peer-$org to catch up to height $height" peer_reached "$org" "$height"; done
    verify_anchor_peers
    for org in "${ORGS[@]}"; do wait_until "peer-$org to see the other organisations' peers (gossip)" \
        peer_knows_other_orgs "$org"; done
    resume_chaincode_servers
    log "network up: channel $CHANNEL on 3 orderers and 3 peers at height $height; next: network/network.sh deploy"
}

# --- deploy -----------------------------------------------------------------------------------------------

require_network_running() {
    local name
    for name in "${ORDERERS[@]}" "${ORGS[@]/#/peer-}"; do
        is_running "$name" || die "$name is not running; run network/network.sh up first"
    done
}

chaincode_jar() {
    local jar
    for jar in "$REPO_DIR/chaincode/contracts/target/prooftrail-chaincode-server.jar" \
        "$REPO_DIR/chaincode/contracts/target/prooftrail-chaincode.jar"; do
        if [[ -f "$jar" ]]; then
            printf '%s\n' "$jar"
            return 0
        fi
    done
    return 1
}

build_chaincode_jar() {
    local jar
    if jar="$(chaincode_jar)" && [[ -z "$(find "$REPO_DIR/pom.xml" "$REPO_DIR/chaincode" -name target -prune -o \
        -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ]]; then
        log "chaincode jar is up to date: $jar"
        return
    fi
    log "building the chaincode jar (./mvnw -q -pl chaincode/contracts -am package -DskipTests)"
    (cd "$REPO_DIR" && ./mvnw -q -pl chaincode/contracts -am package -DskipTests) >"$LOG_DIR/maven.log" 2>&1 ||
        die "the chaincode build failed; see $LOG_DIR/maven.log"
    chaincode_jar >/dev/null || die "the build made no chaincode server jar in chaincode/contracts/target"
}

# The peer dials its chaincode server over mutual TLS: it checks the server's certificate against root_cert
# and presents client_cert/client_key, which the server checks against its CHAINCODE_TLS_CLIENT_CA_FILE. The
# PEM values are filled in per peer by the builder (see peer_builder_config).
connection_template() {
    jq -n '{"address": "{{.address}}", "dial_timeout": "10s", "tls_required": true, "client_auth_required": true,
        "root_cert": "{{.root_cert}}", "client_cert": "{{.client_cert}}", "client_key": "{{.client_key}}"}'
}

# The package holds only connection.json: the code runs in the chaincode servers. Its label carries a hash
# of the jar, so a new build makes a new package id and a new definition version, and `deploy` then
# upgrades the definition to the next sequence. The address is a template that each peer fills in with its
# own organisation's chaincode server (see builder/bin/build).
package_chaincode() { # JAR [LABEL] -> prints the package file
    local jar="$1" label="${2:-}" hash dir
    hash="$( (sha256sum "$jar" | cut -d' ' -f1; connection_template) | sha256sum | cut -c1-12)"
    [[ -n "$label" ]] || label="prooftrail_$hash"
    dir="$CHAINCODE_STATE_DIR/$label"
    if [[ ! -f "$dir/$label.tar.gz" ]]; then
        local work="$dir.partial"
        rm -rf "$work"
        mkdir -p "$work/src"
        connection_template >"$work/src/connection.json"
        jq -n --arg name "$label" '{"type": "ccaas", "label": $name}' >"$work/metadata.json"
        tar -C "$work/src" -czf "$work/code.tar.gz" connection.json
        tar -C "$work" -czf "$work/$label.tar.gz" metadata.json code.tar.gz
        rm -rf "$dir"
        mv "$work" "$dir"
    fi
    printf '%s\n' "$dir/$label.tar.gz"
}

install_chaincode() { # ORG PACKAGE PACKAGE_ID
    local org="$1" package="$2" package_id="$3"
    (
        use_admin_of "$org"
        if peer lifecycle chaincode queryinstalled --output json 2>>"$LOG_DIR/cli.log" |
            jq -e --arg id "$package_id" '.installed_chaincodes // [] | any(.package_id == $id)' >/dev/null; then
            exit 0
        fi
        log "installing $package_id on peer-$org"
        peer lifecycle chaincode install "$package" 2>>"$LOG_DIR/cli.log"
    ) || die "install on peer-$org failed; see $LOG_DIR/cli.log"
}

committed_definition() { # -> JSON of the committed definition, or nothing
    (
        use_admin_of "${ORGS[0]}"
        peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" --output json 2>/dev/null
    ) || true
}

# Arguments shared by approve, checkcommitreadiness and commit: the definition itself. The endorsement
# policy is the channel's /Channel/Application/Endorsement, MAJORITY Endorsement (2 of 3 organisations).
definition_args() { # VERSION SEQUENCE
    printf '%s\n' -C "$CHANNEL" -n "$CHAINCODE" --version "$1" --sequence "$2" \
        --channel-config-policy /Channel/Application/Endorsement \
        --collections-config "$NETWORK_DIR/collections.json"
}

orderer_args() {
    printf '%s\n' -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA"
}

approvals() { # VERSION SEQUENCE -> {"HospitalAMSP": true, ...}
    local args
    mapfile -t args < <(definition_args "$1" "$2")
    (
        use_admin_of "${ORGS[0]}"
        peer lifecycle chaincode checkcommitreadiness "${args[@]}" --output json 2>>"$LOG_DIR/cli.log"
    ) | jq -c '.approvals'
}

approve_chaincode() { # ORG PACKAGE_ID VERSION SEQUENCE
    local org="$1" package_id="$2" args orderer
    mapfile -t args < <(definition_args "$3" "$4")
    mapfile -t orderer < <(orderer_args)
    log "approving $CHAINCODE version $3 sequence $4 for ${ORG_MSP[$org]}"
    (
        use_admin_of "$org"
        peer lifecycle chaincode approveformyorg "${args[@]}" "${orderer[@]}" --package-id "$package_id" \
            2>>"$LOG_DIR/cli.log"
    ) || die "approval for ${ORG_MSP[$org]} failed; see $LOG_DIR/cli.log"
}

commit_chaincode() { # VERSION SEQUENCE
    local args orderer peers=() org
    mapfile -t args < <(definition_args "$1" "$2")
    mapfile -t orderer < <(orderer_args)
    for org in "${ORGS[@]}"; do
        peers+=(--peerAddresses "127.0.0.1:${PEER_PORT[$org]}" --tlsRootCertFiles "$(peer_tls_ca "$org")")
    done
    log "committing $CHAINCODE version $1 sequence $2"
    (
        use_admin_of "${ORGS[0]}"
        peer lifecycle chaincode commit "${args[@]}" "${orderer[@]}" "${peers[@]}" 2>>"$LOG_DIR/cli.log"
    ) || die "commit failed; see $LOG_DIR/cli.log"
}

# Decides the sequence: the committed one when the committed definition is this build with these
# collections, else the next one (1 when nothing is committed yet).
define_chaincode() { # PACKAGE_ID VERSION
    local package_id="$1" version="$2" committed sequence=1 collections_hash recorded=""
    collections_hash="$(sha256sum "$NETWORK_DIR/collections.json" | cut -c1-64)"
    committed="$(committed_definition)"
    if [[ -n "$committed" ]]; then
        sequence="$(jq -r '.sequence' <<<"$committed")"
        [[ -f "$CHAINCODE_STATE_DIR/collections.sha256" ]] && recorded="$(<"$CHAINCODE_STATE_DIR/collections.sha256")"
        if [[ "$(jq -r '.version' <<<"$committed")" == "$version" && "$recorded" == "$collections_hash" ]]; then
            log "$CHAINCODE version $version sequence $sequence is already committed"
            return
        fi
        sequence=$((sequence + 1))
    fi

    local approved org
    approved="$(approvals "$version" "$sequence")" || die "checkcommitreadiness failed; see $LOG_DIR/cli.log"
    for org in "${ORGS[@]}"; do
        if ! jq -e --arg msp "${ORG_MSP[$org]}" '.[$msp]' <<<"$approved" >/dev/null; then
            approve_chaincode "$org" "$package_id" "$version" "$sequence"
        fi
    done
    commit_chaincode "$version" "$sequence"
    printf '%s\n' "$collections_hash" >"$CHAINCODE_STATE_DIR/collections.sha256"
}

# One chaincode server per organisation, so that each organisation runs its own build of the chaincode
# (restart-chaincode ORG --jar FILE swaps it). The servers listen only on 127.0.0.1 and speak mutual TLS: each
# presents its organisation's peer TLS certificate (which names 127.0.0.1) and accepts only a client whose
# certificate its organisation's TLS CA issued, so no other local process can drive the chaincode or read what
# the peer sends it (transient data included).
# $PID_DIR/chaincode-ORG.info holds the package id, the jar the server runs and the jar `deploy` chose, so that
# restart-chaincode without --jar goes back to the deployed build after a swap.
start_chaincode_server() { # ORG JAR PACKAGE_ID [DEPLOYED_JAR]
    local org="$1" jar="$2" package_id="$3" deployed="${4:-$2}" name="chaincode-$1"
    local port="${CHAINCODE_SERVER_PORT[$org]}"
    require_port_free "$port" "$name"
    log "starting $name on 127.0.0.1:$port ($package_id, $jar)"
    printf '%s\n%s\n%s\n' "$package_id" "$jar" "$deployed" >"$PID_DIR/$name.info"
    (
        local tls
        tls="$(org_dir "$org")/peers/$(peer_name "$org")/tls"
        export CHAINCODE_SERVER_ADDRESS="127.0.0.1:$port"
        export CORE_CHAINCODE_ID_NAME="$package_id"
        export CORE_PEER_TLS_ENABLED=true
        export CORE_TLS_CLIENT_CERT_FILE="$tls/server.crt" CORE_TLS_CLIENT_KEY_FILE="$tls/server.key"
        # The shim reads these two as Base64 of the PEM files, even in server mode (see ChaincodeServer).
        local shim="$CHAINCODE_STATE_DIR/shim-tls-$org"
        mkdir -p "$shim" && chmod 700 "$shim"
        (umask 077 && base64 -w0 "$tls/server.crt" >"$shim/client.crt.b64" && base64 -w0 "$tls/server.key" >"$shim/client.key.b64")
        export CORE_TLS_CLIENT_CERT_PATH="$shim/client.crt.b64" CORE_TLS_CLIENT_KEY_PATH="$shim/client.key.b64"
        export CORE_PEER_TLS_ROOTCERT_FILE="$tls/ca.crt" CHAINCODE_TLS_CLIENT_CA_FILE="$tls/ca.crt"
        local java_opts
        read -r -a java_opts <<<"$CHAINCODE_JAVA_OPTS"
        start_process "$name" "$LOG_DIR/$name.log" java "${java_opts[@]}" -jar "$jar"
    )
}

chaincode_answers() { # ORG
    require_alive "chaincode-$1"
    port_open "${CHAINCODE_SERVER_PORT[$1]}" || return 1
    (
        use_admin_of "$1"
        peer chaincode query -C "$CHANNEL" -n "$CHAINCODE" \
            -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}'
    )
}

ensure_chaincode_server() { # ORG JAR PACKAGE_ID
    local org="$1" jar="$2" package_id="$3" name="chaincode-$1" info=()
    if is_running "$name"; then
        mapfile -t info <"$PID_DIR/$name.info"
        # Same package and the deployed jar itself (not a build swapped in by restart-chaincode --jar): keep it.
        if [[ "${info[0]:-}" == "$package_id" && "${info[1]:-}" == "$jar" ]]; then
            return
        fi
        stop_processes "$name"
    fi
    start_chaincode_server "$org" "$jar" "$package_id"
}

cmd_deploy() {
    local jar="" label=""
    while (($# > 0)); do
        case "$1" in
            --jar) jar="${2:?--jar needs a file}" && shift 2 ;;
            --label) label="${2:?--label needs a name}" && shift 2 ;;
            *) die "unknown argument '$1' to deploy" ;;
        esac
    done
    # A package label is the definition's version too: letters, digits and _ . + - (Fabric's own rule).
    [[ -z "$label" || "$label" =~ ^[A-Za-z0-9_.+-]+$ ]] || die "--label may hold only letters, digits and _ . + -"
    require_tools curl jq java tar sha256sum
    require_network_running
    mkdir -p "$CHAINCODE_STATE_DIR"
    if [[ -n "$jar" ]]; then
        [[ -f "$jar" ]] || die "no such jar: $jar"
        jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
        log "deploying the given jar $jar"
    else
        build_chaincode_jar
        jar="$(chaincode_jar)"
    fi

    local package package_id version org
    # A label given for a jar other than the one it was first packaged for would reuse that package: refuse it.
    if [[ -n "$label" && -f "$CHAINCODE_STATE_DIR/$label.jar.sha256" ]] &&
        [[ "$(<"$CHAINCODE_STATE_DIR/$label.jar.sha256")" != "$(sha256sum "$jar" | cut -c1-64)" ]]; then
        die "package label $label was used for another jar; give this one a label of its own"
    fi
    package="$(package_chaincode "$jar" "$label")"
    sha256sum "$jar" | cut -c1-64 >"$CHAINCODE_STATE_DIR/$(basename "$package" .tar.gz).jar.sha256"
    package_id="$(use_admin_of "${ORGS[0]}" && peer lifecycle chaincode calculatepackageid "$package")"
    version="${package_id#prooftrail_}"
    version="${version%%:*}"
    for org in "${ORGS[@]}"; do install_chaincode "$org" "$package" "$package_id"; done
    define_chaincode "$package_id" "$version"

    for org in "${ORGS[@]}"; do ensure_chaincode_server "$org" "$jar" "$package_id"; done
    for org in "${ORGS[@]}"; do wait_until "chaincode-$org to answer GetMetadata through peer-$org" \
        chaincode_answers "$org"; done
    log "deployed $package_id on channel $CHANNEL"
}

cmd_restart_chaincode() {
    local org="${1:-}" jar=""
    require_org "$org"
    shift
    while (($# > 0)); do
        case "$1" in
            --jar) jar="${2:?--jar needs a file}" && shift 2 ;;
            *) die "unknown argument '$1' to restart-chaincode" ;;
        esac
    done
    local name="chaincode-$org" info=()
    [[ -f "$PID_DIR/$name.info" ]] || die "$name was never started; run network/network.sh deploy first"
    mapfile -t info <"$PID_DIR/$name.info"
    local deployed="${info[2]:-${info[1]}}"
    [[ -n "$jar" ]] || jar="$deployed"
    [[ -f "$jar" ]] || die "no such jar: $jar"
    jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
    stop_processes "$name"
    start_chaincode_server "$org" "$jar" "${info[0]}" "$deployed"
    wait_until "$name to answer GetMetadata through peer-$org" chaincode_answers "$org"
}

# --- users -------------------------------------------------------------------------------------------------

cli_jar() {
    local jar="$REPO_DIR/gateway-client/cli/target/prooftrail.jar"
    if [[ ! -f "$jar" || -n "$(find "$REPO_DIR/pom.xml" "$REPO_DIR/chaincode" "$REPO_DIR/gateway-client" -name target \
        -prune -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ]]; then
        mkdir -p "$LOG_DIR"
        log "building the command line (./mvnw -q -pl gateway-client/cli -am package -DskipTests)"
        (cd "$REPO_DIR" && ./mvnw -q -pl gateway-client/cli -am package -DskipTests) >"$LOG_DIR/maven.log" 2>&1 ||
            die "the command line build failed; see $LOG_DIR/maven.log"
    fi
    printf '%s\n' "$jar"
}

# cryptogen makes Admin and User1 only, and no certificate of it carries attributes. A user issued here is signed
# with the organisation's CA key (ca/priv_sk), has NodeOU client (which the organisation's MSP config.yaml
# requires of clients) and the attribute prooftrail.role in the Fabric CA extension, so the chaincode sees the
# roles exactly as it would with a Fabric CA. It lives beside cryptogen's users, so client-config finds it.
cmd_user() {
    (($# == 3)) || die "usage: user ORG NAME ROLE[,ROLE]"
    local org="$1" name="$2" roles="$3"
    require_org "$org"
    [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "a user name is letters, digits, '.', '_' and '-': '$name'"
    require_tools java
    local ca_dir msp
    ca_dir="$(org_dir "$org")/ca"
    msp="$(user_msp_dir "$org" "$name")"
    [[ -f "$ca_dir/priv_sk" ]] || die "no CA key in $ca_dir; run network/network.sh up first"
    if [[ -d "$msp" && ! -f "$msp/keystore/key.pem" ]]; then
        die "user $name of $org was made by cryptogen ($msp); choose another name"
    fi
    local jar
    jar="$(cli_jar)"
    # Issued beside the old one first, so that a refused role leaves an existing user as it was.
    rm -rf "$msp.new"
    java -jar "$jar" identity issue \
        --ca-cert "$ca_dir/ca.$(org_domain "$org")-cert.pem" --ca-key "$ca_dir/priv_sk" \
        --msp-id "${ORG_MSP[$org]}" --name "$name" --role "$roles" --out "$msp.new" >/dev/null ||
        die "could not issue $name of $org (see the error above)"
    # The organisation's NodeOU configuration, pointed at the CA certificate the user's folder holds: without it the
    # peer CLI refuses the folder as CORE_PEER_MSPCONFIGPATH ("administrators must be declared ...").
    sed 's#cacerts/[^[:space:]]*#cacerts/ca.pem#' "$(org_dir "$org")/msp/config.yaml" >"$msp.new/config.yaml"
    rm -rf "$msp"
    mv "$msp.new" "$msp"
    log "issued $name of $org (${ORG_MSP[$org]}) with prooftrail.role=$roles: $msp"
}

# --- env, client-config -----------------------------------------------------------------------------------

cmd_env() {
    require_org "${1:-}"
    local org="$1"
    (
        use_admin_of "$org"
        local name
        for name in CORE_PEER_TLS_ENABLED CORE_PEER_LOCALMSPID CORE_PEER_TLS_ROOTCERT_FILE \
            CORE_PEER_MSPCONFIGPATH CORE_PEER_ADDRESS FABRIC_CFG_PATH; do
            printf 'export %s=%q\n' "$name" "${!name}"
        done
        printf 'export ORDERER_ADDRESS=%q\n' "$ORDERER_ADDRESS"
        printf 'export ORDERER_CA=%q\n' "$ORDERER_CA"
    )
}

# A common connection profile of ORG in the shape of fabric-samples' test-network/organizations/ccp-template.json
# (filled in by ccp-generate.sh there): the peer's TLS CA inline, both server-name overrides. cryptogen made the
# certificates and no CA server runs, so it lists no certificateAuthorities.
connection_profile() { # ORG
    local org="$1" msp="${ORG_MSP[$1]}"
    jq -n \
        --arg name "prooftrail-$org" \
        --arg organization "${msp%MSP}" \
        --arg msp "$msp" \
        --arg peer "$(peer_name "$org")" \
        --arg url "grpcs://127.0.0.1:${PEER_PORT[$org]}" \
        --rawfile pem "$(peer_tls_ca "$org")" \
        '{name: $name, version: "1.0.0",
          client: {organization: $organization, connection: {timeout: {peer: {endorser: "300"}}}},
          organizations: {($organization): {mspid: $msp, peers: [$peer]}},
          peers: {($peer): {url: $url, tlsCACerts: {pem: $pem},
                            grpcOptions: {"ssl-target-name-override": $peer, hostnameOverride: $peer}}}}'
}

cmd_client_config() {
    local org="" user="Admin" out="" format="gateway" failover=false positional=()
    while (($# > 0)); do
        case "$1" in
            --failover) failover=true && shift ;;
            --out) out="${2:?--out needs a file}" && shift 2 ;;
            --format) format="${2:?--format needs gateway or ccp}" && shift 2 ;;
            *) positional+=("$1") && shift ;;
        esac
    done
    org="${positional[0]:-}"
    require_org "$org"
    ((${#positional[@]} <= 2)) || die "usage: client-config ORG [USER] [--format gateway|ccp] [--out FILE]"
    [[ "$format" == gateway || "$format" == ccp ]] || die "unknown --format '$format' (known: gateway, ccp)"
    user="${positional[1]:-Admin}"
    user="${user%@*}"

    local msp certificate
    msp="$(user_msp_dir "$org" "$user")"
    [[ -d "$msp" ]] || die "no user $user in $org (looked in $msp); run network/network.sh up first"
    certificate="$(find "$msp/signcerts" -name '*.pem' -print -quit)"
    # cryptogen names the key priv_sk; users issued by 'user' have keystore/key.pem.
    local key
    for key in "$msp/keystore/priv_sk" "$msp/keystore/key.pem" ""; do
        [[ -z "$key" || -f "$key" ]] && break
    done
    [[ -n "$certificate" && -n "$key" ]] || die "no certificate or key in $msp"

    local config
    if [[ "$format" == ccp ]]; then
        config="$(connection_profile "$org")"
        # The profile names no user; say which files go with it (stderr, so stdout stays the profile).
        log "$user of $org: --cert $certificate --key $key"
    else
        config="$(jq -n \
            --arg endpoint "127.0.0.1:${PEER_PORT[$org]}" \
            --arg ca "$(peer_tls_ca "$org")" \
            --arg server "$(peer_name "$org")" \
            --arg msp "${ORG_MSP[$org]}" \
            --arg certificate "$certificate" \
            --arg key "$key" \
            --arg channel "$CHANNEL" \
            --arg chaincode "$CHAINCODE" \
            '{endpoint: $endpoint, tlsCaCertificate: $ca, serverNameOverride: $server, mspId: $msp,
              certificate: $certificate, privateKey: $key, channel: $channel, chaincode: $chaincode}')"
        if [[ "$failover" == true ]]; then
            local other
            for other in "${ORGS[@]}"; do
                [[ "$other" != "$org" ]] || continue
                config="$(jq --arg endpoint "127.0.0.1:${PEER_PORT[$other]}" --arg ca "$(peer_tls_ca "$other")" \
                    --arg server "$(peer_name "$other")" \
                    '.failoverGateways += [{endpoint: $endpoint, tlsCaCertificate: $ca, serverNameOverride: $server}]' \
                    <<<"$config")"
            done
        fi
    fi
    if [[ -n "$out" ]]; then
        mkdir -p "$(dirname "$out")"
        printf '%s\n' "$config" >"$out"
        log "wrote $out"
    else
        printf '%s\n' "$config"
    fi
}

# --- down, clean ------------------------------------------------------------------------------------------

cmd_down() {
    stop_processes "${ORGS[@]/#/chaincode-}"
    stop_processes "${ORGS[@]/#/peer-}"
    stop_processes "${ORDERERS[@]}"
    log "network down (state kept in $STATE_DIR; 'clean' removes it)"
}

cmd_clean() {
    cmd_down
    rm -rf "$STATE_DIR"
    log "removed $STATE_DIR"
}

main() {
    exec 4>&2
    local command="${1:-}"
    (($# == 0)) || shift
    case "$command" in
        up)
            find_fabric
            cmd_up "$@"
            ;;
        deploy)
            find_fabric
            cmd_deploy "$@"
            ;;
        env) cmd_env "$@" ;;
        user) cmd_user "$@" ;;
        client-config) cmd_client_config "$@" ;;
        restart-chaincode)
            find_fabric
            cmd_restart_chaincode "$@"
            ;;
        down) cmd_down ;;
        clean) cmd_clean ;;
        -h | --help | help) printf '%s\n' "$USAGE" ;;
        "") die "no command given; see network/network.sh --help" ;;
        *) die "unknown command '$command'; see network/network.sh --help" ;;
    esac
}

main "$@"
