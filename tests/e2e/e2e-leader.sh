#!/usr/bin/env bash
# e2e-leader.sh - two kubec-servers on one etcd: both serve the API, one
# holds the Lease kube-system/kubec-controller-manager and runs the
# scheduler and the controllers (a Deployment gets its pods once, not
# twice); when it is killed, the other takes the Lease over and goes on.
# Nodes are simulated (kubec-agent --simulate) against the first server.
set -u
. "$(dirname "$0")/lib.sh"

etcd_start || exit 1
server_start --etcd-servers "$ETCD_URL" || exit 1
A_PID=$SERVER_PID A_URL=$SERVER_URL A_CONF=$KUBECONFIG
SERVER_DIR=$E2E_TMP/server-b
server_start --etcd-servers "$ETCD_URL" || exit 1
B_PID=$SERVER_PID B_CONF=$KUBECONFIG
KA="$KUBECTL --kubeconfig $A_CONF"
KB="$KUBECTL --kubeconfig $B_CONF"
holder() { $KB -n kube-system get lease kubec-controller-manager -o jsonpath='{.spec.holderIdentity}' 2>/dev/null; }

ok "one server holds the controllers' Lease" until_ok 20 sh -c "[ -n \"\$($KB -n kube-system get lease kubec-controller-manager -o jsonpath='{.spec.holderIdentity}')\" ]"
first=$(holder)
match "... the first that started" "$first" "_127\\.0\\.0\\.1:[0-9]+_${A_PID}\$"
match "it says so in its log" "$(cat "$E2E_TMP/server.log")" "leading the scheduler and the controllers as .*_${A_PID}"
"$E2E_TOP/bin/kubec-agent" --simulate 2 --node-name n --server "$A_URL" \
    --token "$(cat "$E2E_TMP/server/node-token")" --data-dir "$E2E_TMP/sim" \
    >>"$E2E_TMP/sim.log" 2>&1 &
E2E_PIDS+=($!)
two_ready() { [ "$($KB get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)" = 2 ]; }
ok "the nodes are seen through both servers" until_ok 30 two_ready
$KB create deployment once --image=busybox --replicas=3 >/dev/null
ok "a Deployment made through the second server rolls out" $KB rollout status deployment/once --timeout=60s
sleep 2
eq "with its pods made once" "$($KA get pods -l app=once -o name | wc -l)" 3
eq "and one ReplicaSet" "$($KA get rs -l app=once -o name | wc -l)" 1
kill -KILL "$A_PID"; wait "$A_PID" 2>/dev/null
took_over() { h=$(holder); [ -n "$h" ] && [ "$h" != "$first" ]; }
ok "the other server takes the Lease over" until_ok 40 took_over
match "... as itself" "$(holder)" "_${B_PID}\$"
eq "with one transition" "$($KB -n kube-system get lease kubec-controller-manager -o jsonpath='{.spec.leaseTransitions}')" 1
$KB scale deployment once --replicas=5 >/dev/null
placed5() { [ "$($KB get pods -l app=once -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | grep -c '^n-')" = 5 ]; }
ok "its controllers and scheduler go on: the Deployment scales to 5 placed pods" until_ok 30 placed5
e2e_done
