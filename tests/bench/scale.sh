#!/usr/bin/env bash
# tests/bench/scale.sh - the scheduler and the controllers at scale, on
# nodes simulated by `kubec-agent --simulate` (no containers): NODES
# nodes, then DEPLOYMENTS Deployments of PODS/DEPLOYMENTS replicas each,
# all made at once; prints how fast the scheduler placed the pods
# (pods/s, from the first Deployment to the last binding), the time until
# every pod ran, and kubec-server's CPU and resident memory, beside the
# simulator's.  Not part of `make test`.
#
#   tests/bench/scale.sh [NODES] [PODS] [DEPLOYMENTS]   (1000 30000 30)
#
# Pod addresses come from CLUSTER_CIDR (198.18.0.0/15), cut into one
# block per node: 2^17 addresses hold 30,000 pods on 1,000 nodes but not
# 150,000; for that many, give a wider range that nothing on the machine
# uses (CLUSTER_CIDR=100.64.0.0/10): simulated pods send no packet.
set -u
NODES=${1:-1000}
PODS=${2:-30000}
DEPLOYS=${3:-30}
CIDR=${CLUSTER_CIDR:-198.18.0.0/15}
prefix=${CIDR#*/}
# the longest node mask whose blocks still number NODES or more
bits=0
while [ $((1 << bits)) -lt "$NODES" ]; do bits=$((bits + 1)); done
MASK=$((prefix + bits))
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d /tmp/kubec-scale.XXXXXX)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_s() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat"; }
now() { date +%s.%N; }

make -C "$TOP" -s all >/dev/null || exit 1
kp=$(port)
"$TOP/bin/kubec-server" --data-dir "$TMP/server" --listen "127.0.0.1:$kp" \
    --cluster-cidr "$CIDR" --node-cidr-mask-size "$MASK" \
    --service-cidr 192.0.2.0/24 >"$TMP/server.log" 2>&1 &
SP=$!; PIDS+=($SP)
URL=https://127.0.0.1:$kp
for _ in $(seq 100); do curl -sfk "$URL/readyz" >/dev/null && [ -s "$TMP/server/node-token" ] && break; sleep 0.1; done
export KUBECONFIG=$TMP/server/admin.kubeconfig
TOKEN=$(cat "$TMP/server/pki/admin.token")
per_node=$(( (PODS + NODES - 1) / NODES + 10 ))
room=$(( (1 << (32 - MASK)) - 4 ))
[ "$per_node" -gt "$room" ] && per_node=$room
"$TOP/bin/kubec-agent" --simulate "$NODES" --server "$URL" \
    --token "$(cat "$TMP/server/node-token")" --data-dir "$TMP/sim" \
    --max-pods "$per_node" >"$TMP/sim.log" 2>&1 &
AP=$!; PIDS+=($AP)
for _ in $(seq 600); do grep -q registered "$TMP/sim.log" && break; sleep 0.2; done
sleep 2
# how many pods match a field selector: one item and the count of the rest
count() {
	curl -s --cacert "$TMP/server/pki/ca.crt" -H "Authorization: Bearer $TOKEN" \
	    "$URL/api/v1/pods?limit=1&fieldSelector=$1" |
	    python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]) + d["metadata"].get("remainingItemCount", 0))'
}
s0=$(cpu_s $SP); a0=$(cpu_s $AP)
t0=$(now)
per=$((PODS / DEPLOYS))
for i in $(seq "$DEPLOYS"); do
	kubectl create deployment "d$i" --image=busybox:1.36 --replicas="$per" >/dev/null
done
t_sched= t_run=
for _ in $(seq 3000); do
	sched=$(count 'spec.nodeName!=')
	[ -z "$t_sched" ] && [ "$sched" -ge $((per * DEPLOYS)) ] && t_sched=$(now)
	if [ -n "$t_sched" ]; then
		run=$(count 'status.phase=Running')
		[ "$run" -ge $((per * DEPLOYS)) ] && { t_run=$(now); break; }
	fi
	sleep 0.5
done
s1=$(cpu_s $SP); a1=$(cpu_s $AP)
sleep 2
rss=$(rss_mb $SP); arss=$(rss_mb $AP)
total=$((per * DEPLOYS))
awk -v n="$total" -v t0="$t0" -v ts="${t_sched:-0}" -v tr="${t_run:-0}" \
    -v nodes="$NODES" -v d="$DEPLOYS" -v rss="$rss" -v arss="$arss" \
    -v sc="$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" \
    -v ac="$(awk -v a="$a0" -v b="$a1" 'BEGIN { print b - a }')" 'BEGIN {
	printf "%-44s %s\n", "nodes, pods (Deployments)", nodes ", " n " (" d ")"
	if (ts > 0) printf "%-44s %.0f\n", "pods scheduled per second", n / (ts - t0)
	else print "not every pod was scheduled"
	if (tr > 0) printf "%-44s %.1f\n", "seconds until every pod ran", tr - t0
	else print "not every pod ran"
	printf "%-44s %.1f\n", "kubec-server CPU seconds", sc
	printf "%-44s %.1f\n", "simulator CPU seconds", ac
	printf "%-44s %d\n", "kubec-server RSS, MB", rss
	printf "%-44s %d\n", "simulator RSS, MB", arss
}'
