#!/usr/bin/env bash
# e2e-etcd-restart.sh - etcd goes away and comes back: kubec-server reports
# itself unready meanwhile, then reads everything again and serves
# watches and writes as before, without a restart of its own.
. "$(dirname "$0")/lib.sh"
cport=$(free_port); pport=$(free_port)
edir=$E2E_TMP/etcd
etcd_up() {
	etcd --name e2e --data-dir "$edir" \
	    --listen-client-urls "http://127.0.0.1:$cport" \
	    --advertise-client-urls "http://127.0.0.1:$cport" \
	    --listen-peer-urls "http://127.0.0.1:$pport" \
	    --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
	    --initial-cluster "e2e=http://127.0.0.1:$pport" \
	    >>"$E2E_TMP/etcd.log" 2>&1 &
	EPID=$!
	E2E_PIDS+=($EPID)
	for _ in $(seq 100); do
		curl -sf "http://127.0.0.1:$cport/health" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
ready() { curl -sfk "$SERVER_URL/readyz" >/dev/null; }
etcd_up || { echo "not ok 1 etcd did not start"; exit 1; }
server_start --etcd-servers "http://127.0.0.1:$cport" || exit 1
K=$KUBECTL
ok "create before the outage" $K -n default create configmap before --from-literal=a=1
kill -TERM "$EPID"; wait "$EPID" 2>/dev/null
sleep 2
fails "unready while etcd is away" ready
etcd_up || { echo "not ok etcd did not come back"; exit 1; }
for _ in $(seq 100); do ready && break; sleep 0.1; done
ok "ready again once etcd is back" ready
eq "objects read again" "$($K -n default get cm before -o jsonpath='{.data.a}')" "1"
ok "create after the outage" $K -n default create configmap after --from-literal=a=2
$K -n default get cm -w -o name >"$E2E_TMP/watch.out" 2>&1 &
wpid=$!
E2E_PIDS+=($wpid)
sleep 1
$K -n default create configmap watched >/dev/null
for _ in $(seq 50); do grep -q watched "$E2E_TMP/watch.out" && break; sleep 0.1; done
kill $wpid 2>/dev/null; wait $wpid 2>/dev/null
match "watches work again" "$(cat "$E2E_TMP/watch.out")" 'configmap/watched'
e2e_done
