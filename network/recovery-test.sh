#!/usr/bin/env bash
# Recovery test of network/network.sh on the running network (with whatever ledger it holds: run it after a soak,
# bench/soak.sh, to resume a channel of thousands of blocks). Each scenario must end with one `network.sh up`
# (exit 0) after which every peer has at least the height it had before, all peers have the same height and the
# same current block hash, and a registration made before the crash is readable through every peer:
#   1. resume after `down` (state kept), with the chaincode servers brought back by `up` itself;
#   2. `up` again at once: harmless, restarts nothing (the PIDs stay the same);
#   3. SIGKILL of every process at once (as a machine reboot leaves it);
#   4. SIGKILL of the Raft leader orderer, one peer and one chaincode server, then `up`.
# Prints the time each `up` took. Leaves the network running; exit status 1 on the first failed check.
#
#   FABRIC_BIN=/path/to/fabric/bin network/recovery-test.sh
# With RECOVERY_NETWORK_SCRIPT=FILE it tests network/FILE instead (e.g. the script before this test was added,
# saved there with `git show dabbd71~1:network/network.sh > network/network-before.sh`).
set -euo pipefail

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly NETWORK_DIR
# RECOVERY_NETWORK_SCRIPT names another script in this folder to test (an older network.sh, to see it fail).
readonly NETWORK="$NETWORK_DIR/${RECOVERY_NETWORK_SCRIPT:-network.sh}"
readonly PID_DIR="$NETWORK_DIR/.state/pids"
readonly ORGS=(hospital-a hospital-b research)
readonly ORDERER_OPS_PORTS=([1]=9441 [2]=9442 [3]=9443)

fail() {
  echo "recovery-test: FAIL: $*" >&2
  exit 1
}

step() {
  printf '\n== %s\n' "$*"
}

if [[ -n "${FABRIC_BIN:-}" ]]; then PATH="$FABRIC_BIN:$PATH"; fi

alive_pid() { # NAME -> the PID network.sh recorded, if that process still runs
  local file="$PID_DIR/$1.pid" pid started stat
  [[ -f "$file" ]] || return 1
  read -r pid started <"$file"
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "$(cut -d' ' -f20 <<<"$stat")" == "$started" ]] || return 1
  printf '%s\n' "$pid"
}

kill9() { # NAME... (all at once)
  local name pid pids=()
  for name in "$@"; do
    pid="$(alive_pid "$name")" || fail "$name is not running before the kill"
    pids+=("$pid")
  done
  echo "kill -9 $* (pids ${pids[*]})"
  kill -KILL "${pids[@]}"
  for name in "$@"; do
    while alive_pid "$name" >/dev/null; do sleep 0.1; done
  done
}

timed_up() {
  local started=$SECONDS
  "$NETWORK" up || fail "network.sh up exited $?"
  echo "network.sh up took $((SECONDS - started)) s"
}

info() { # ORG -> {"height":..,"currentBlockHash":..}
  (
    eval "$("$NETWORK" env "$1")"
    peer channel getinfo -c prooftrail 2>/dev/null | sed -n 's/^Blockchain info: //p'
  )
}

query() { # ORG JSON
  (
    eval "$("$NETWORK" env "$1")"
    peer chaincode query -C prooftrail -n prooftrail -c "$2" 2>&1
  )
}

# All peers at the same height and block hash, at least MIN; the probe artifact readable through each.
check_converged() { # MIN_HEIGHT
  local org answer heights=() hashes=() deadline=$((SECONDS + 60))
  while true; do
    heights=() hashes=()
    for org in "${ORGS[@]}"; do
      answer="$(info "$org")"
      heights+=("$(jq -r '.height' <<<"$answer")")
      hashes+=("$(jq -r '.currentBlockHash' <<<"$answer")")
    done
    if [[ "$(printf '%s\n' "${heights[@]}" | sort -u | wc -l)" == 1 &&
      "$(printf '%s\n' "${hashes[@]}" | sort -u | wc -l)" == 1 ]]; then
      break
    fi
    ((SECONDS < deadline)) || fail "peers did not converge: heights ${heights[*]}, hashes ${hashes[*]}"
    sleep 0.5
  done
  ((heights[0] >= $1)) || fail "peers at height ${heights[0]}, below the $1 they had before"
  echo "peers converged: height ${heights[0]}, block hash ${hashes[0]}"
  for org in "${ORGS[@]}"; do
    answer="$(query "$org" "{\"function\":\"artifact:Get\",\"Args\":[\"$PROBE\"]}")" ||
      fail "artifact $PROBE not readable through peer-$org: $answer"
    grep -q "\"$PROBE\"" <<<"$answer" || fail "peer-$org answered for $PROBE: $answer"
  done
  echo "artifact $PROBE readable through every peer"
}

# Registers the probe artifact with the peer CLI as hospital-a's admin, endorsed by hospital-a and hospital-b (the
# channel's majority), waiting for the commit.
register_probe() {
  local digest args out
  digest="sha256:$(printf '%s' "$PROBE" | sha256sum | cut -c1-64)"
  args="$(jq -cn --arg id "$PROBE" --arg digest "$digest" \
    '{function: "artifact:Register", Args: [({id: $id, kind: "OTHER", digest: $digest} | tojson)]}')"
  out="$(
    eval "$("$NETWORK" env hospital-a)"
    peer chaincode invoke -C prooftrail -n prooftrail -c "$args" -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" \
      --peerAddresses 127.0.0.1:7051 --tlsRootCertFiles "$CORE_PEER_TLS_ROOTCERT_FILE" \
      --peerAddresses 127.0.0.1:8051 --tlsRootCertFiles \
      "$NETWORK_DIR/.state/crypto/peerOrganizations/hospital-b.prooftrail.example/peers/peer0.hospital-b.prooftrail.example/tls/ca.crt" \
      --waitForEvent 2>&1
  )" || fail "could not register the probe artifact: $out"
}

height_now() {
  jq -r '.height' <<<"$(info "${ORGS[0]}")"
}

pids_of() {
  local file
  for file in "$PID_DIR"/*.pid; do printf '%s ' "$(basename "$file" .pid)=$(cut -d' ' -f1 "$file")"; done
}

raft_leader() {
  local i
  for i in 1 2 3; do
    if curl -fsS --max-time 2 "http://127.0.0.1:${ORDERER_OPS_PORTS[$i]}/metrics" 2>/dev/null |
      grep -q '^consensus_etcdraft_is_leader{channel="prooftrail"} 1'; then
      printf 'orderer%s\n' "$i"
      return 0
    fi
  done
  return 1
}

main() {
  step "start: network up and deployed"
  "$NETWORK" up
  "$NETWORK" deploy
  PROBE="recovery-probe-$(date -u +%Y%m%dT%H%M%S)"
  register_probe
  local before
  before="$(height_now)"
  echo "channel height $before; probe artifact $PROBE registered"
  check_converged "$before"

  step "1. down, then up resumes the network with its ledger of $before blocks"
  "$NETWORK" down
  timed_up
  check_converged "$before"

  step "2. up again is harmless"
  local pids
  pids="$(pids_of)"
  timed_up
  [[ "$(pids_of)" == "$pids" ]] || fail "a second up restarted processes: $pids -> $(pids_of)"
  echo "no process restarted"

  step "3. SIGKILL of every process at once, then up"
  before="$(height_now)"
  local all=(orderer1 orderer2 orderer3 "${ORGS[@]/#/peer-}" "${ORGS[@]/#/chaincode-}")
  kill9 "${all[@]}"
  timed_up
  check_converged "$before"

  step "4. SIGKILL of the Raft leader, peer-hospital-b and chaincode-research, then up"
  before="$(height_now)"
  local leader
  leader="$(raft_leader)" || fail "no Raft leader to kill"
  kill9 "$leader" peer-hospital-b chaincode-research
  timed_up
  check_converged "$before"

  echo
  echo "recovery-test: all 4 scenarios passed"
}

main "$@"
