#!/usr/bin/env bash
# How long the chaincode-as-a-service server takes from `java -jar` to accepting connections, side by side in one
# run: the project's server (org.prooftrail.chaincode.ChaincodeServer, contracts routed from a fixed list) and the
# shim's own ContractRouter.main on the same jar and environment (its class-path scans, the way the server started
# before). Median and range of CC_START_RUNS runs each (default 5), no TLS, on a free local port.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/chaincode/contracts/target/prooftrail-chaincode.jar"
runs="${CC_START_RUNS:-5}"

build() {
  [ -f "$jar" ] || (cd "$root" && ./mvnw -q -B package -pl chaincode/contracts -am -DskipTests)
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Milliseconds from start until the port accepts a connection; the server is then stopped (by its PID).
start_ms() {
  local main="$1" port pid started now
  port="$(free_port)"
  started="$(date +%s%N)"
  CHAINCODE_SERVER_ADDRESS="127.0.0.1:$port" CORE_CHAINCODE_ID_NAME="prooftrail:bench" \
    java -XX:+UseSerialGC -cp "$jar" "$main" >/dev/null 2>&1 &
  pid=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the server ($main) exited before listening" >&2
      return 1
    fi
    sleep 0.01
  done
  now="$(date +%s%N)"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo $(((now - started) / 1000000))
}

figure() {
  local label="$1" main="$2" times=()
  for ((i = 0; i < runs; i++)); do
    times+=("$(start_ms "$main")")
  done
  printf '  %-58s median %5d ms  (min %d, max %d)\n' "$label" \
    "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${times[@]}" | sort -n | head -1)" "$(printf '%s\n' "${times[@]}" | sort -n | tail -1)"
}

build
echo "chaincode server start, java -jar to listening (load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
figure "ChaincodeServer (ContractRoutes, no class-path scan)" org.prooftrail.chaincode.ChaincodeServer
figure "the shim's ContractRouter.main (class-path scans)" org.hyperledger.fabric.contract.ContractRouter
