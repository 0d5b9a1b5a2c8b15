#!/usr/bin/env bash
# How long consent:Attest takes against the number of subjects it counts, on the native Fabric network: runs
# gateway-client's AttestBoundIT, which registers a consent-requiring dataset as hospital-a's steward, grants
# consents concurrently (one transaction each) up to each size, attests at each size, prints the times
# ("[prooftrail bench] consent:Attest ...") and checks that the per-subject cost, extrapolated to
# ConsentService.MAX_SUBJECTS, stays under half the peers' chaincode execute timeout (30 s).
#
# Brings the network up and deploys if needed (as every IT does); only one network can run on a machine, so
# run it under the same lock as the ITs:
#   flock /tmp/fabric.lock bench/consent-attest.sh; network/network.sh down
#
# Parameters (environment):
#   ATTEST_SIZES   cumulative subject counts, one attestation each   (default 1000,3000,6000)
#   FABRIC_BIN     Fabric binaries                                    (default /opt/fabric/bin)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly SIZES="${ATTEST_SIZES:-1000,3000,6000}"

cd "$ROOT"
FABRIC_BIN="${FABRIC_BIN:-/opt/fabric/bin}" ./mvnw -B -o verify -Pfabric -pl gateway-client/cli -am -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=AttestBoundIT \
    -Dprooftrail.attest.bench=true -Dprooftrail.attest.sizes="$SIZES" -Djacoco.skip=true |
    grep -E '\[prooftrail bench\]|Tests run:|BUILD|ERROR'
