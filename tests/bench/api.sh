#!/usr/bin/env bash
# tests/bench/api.sh - kubec-server's API against etcd, measured in the
# same run on the same machine: durable creates/s, GET/s, LIST of 10k
# objects, watch fan-out latency with 1,000 watchers, and resident memory
# idle and holding 10k ConfigMaps.  Not part of `make test`.
#
#   tests/bench/api.sh [N_OBJECTS] [WATCHERS]
set -u
N=${1:-10000}
W=${2:-1000}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d /tmp/kubec-bench.XXXXXX)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

make -C "$TOP" -s all >/dev/null || exit 1
BENCH=$TMP/api-bench
cc -O2 -std=gnu11 -D_GNU_SOURCE -pthread -o "$BENCH" "$TOP/tests/bench/api-bench.c" \
    "$TOP/lib/base64.c" "$TOP/lib/buf.c" $(pkg-config --cflags --libs libcurl) || exit 1

# etcd, one member on loopback
cp=$(port); pp=$(port)
etcd --name bench --data-dir "$TMP/etcd" --listen-client-urls "http://127.0.0.1:$cp" \
    --advertise-client-urls "http://127.0.0.1:$cp" --listen-peer-urls "http://127.0.0.1:$pp" \
    --initial-advertise-peer-urls "http://127.0.0.1:$pp" --initial-cluster "bench=http://127.0.0.1:$pp" \
    --quota-backend-bytes 8589934592 >"$TMP/etcd.log" 2>&1 &
EPID=$!; PIDS+=($EPID)
EURL=http://127.0.0.1:$cp
for _ in $(seq 100); do curl -sf "$EURL/health" >/dev/null && break; sleep 0.1; done

# kubec-server on its embedded SQLite store
kp=$(port)
"$TOP/bin/kubec-server" --data-dir "$TMP/kubec" --listen "127.0.0.1:$kp" >"$TMP/kubec.log" 2>&1 &
KPID=$!; PIDS+=($KPID)
KURL=https://127.0.0.1:$kp
for _ in $(seq 100); do curl -sfk "$KURL/readyz" >/dev/null && break; sleep 0.1; done
TOKEN=$(cat "$TMP/kubec/pki/admin.token"); CA=$TMP/kubec/pki/ca.crt
KUBECONFIG=$TMP/kubec/admin.kubeconfig kubectl create namespace bench >/dev/null
sleep 2
k_idle=$(rss_mb $KPID); e_idle=$(rss_mb $EPID)

get() { "$BENCH" "$@" | awk -v k="$FIELD" '$1 == k { print $2 }'; }
FIELD=creates/s; k_create=$(get kubec "$KURL" "$TOKEN" "$CA" creates "$N" 16)
e_create=$(get etcd "$EURL" - - creates "$N" 16)
FIELD=gets/s; k_get=$(get kubec "$KURL" "$TOKEN" "$CA" gets $((N * 2)) 16)
e_get=$(get etcd "$EURL" - - gets $((N * 2)) 16)
FIELD=list_ms; k_list=$(get kubec "$KURL" "$TOKEN" "$CA" list)
e_list=$(get etcd "$EURL" - - list)
sleep 1
k_full=$(rss_mb $KPID); e_full=$(rss_mb $EPID)
"$BENCH" kubec "$KURL" "$TOKEN" "$CA" watch "$W" >"$TMP/kw"
"$BENCH" etcd "$EURL" - - watch "$W" >"$TMP/ew"
f() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
printf '%-36s %12s %12s %10s\n' "figure ($N objects, $W watchers)" kubec etcd kubec/etcd
row() { printf '%-36s %12s %12s %10s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }
row "durable creates/s (16 clients)" "$k_create" "$e_create"
row "GET/s (16 clients)" "$k_get" "$e_get"
row "LIST all, median ms" "$k_list" "$e_list"
row "watch fan-out p50 ms" "$(f "$TMP/kw" watch_p50_ms)" "$(f "$TMP/ew" watch_p50_ms)"
row "watch fan-out p99 ms" "$(f "$TMP/kw" watch_p99_ms)" "$(f "$TMP/ew" watch_p99_ms)"
row "watchers that saw the event" "$(f "$TMP/kw" watch_seen)" "$(f "$TMP/ew" watch_seen)"
row "RSS idle, MB" "$k_idle" "$e_idle"
row "RSS with $N ConfigMaps, MB" "$k_full" "$e_full"
