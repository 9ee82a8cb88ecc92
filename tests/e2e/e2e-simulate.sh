#!/usr/bin/env bash
# e2e-simulate.sh - kubec-agent --simulate with the real kubectl: five
# simulated nodes register Ready with the capacity asked for and renew
# their Leases; pods bound to them are reported Running (podIP from the
# node's block, or from a podCIDR the Node is given later), end as their
# kubec.io/simulate-* annotations say, and are deleted for good at once;
# 200 pods all run; the simulator stopped with TERM and started again
# adopts its Nodes and pods.
#
# The simulator needs no network namespace: it listens on nothing and
# talks to the server on 127.0.0.1; its addresses (198.19.0.0/16 for the
# nodes, 198.18.0.0/15 for pods) are only written into the API.  The
# server's node IPAM controller is off, so that the Nodes have no podCIDR
# until the test gives one (as that controller would).
set -u
. "$(dirname "$0")/lib.sh"

server_start --controllers '*,-nodeipam'

SIM_PID=
SIM_LOG=$E2E_TMP/sim.log
sim_start() {
	"${KUBEC_AGENT:-$E2E_TOP/bin/kubec-agent}" --simulate 5 \
	    --server "$SERVER_URL" --token "$(cat "$SERVER_DIR/node-token")" \
	    --data-dir "$E2E_TMP/sim" --sim-cpu 16 --sim-memory 64Gi \
	    --max-pods 50 >>"$SIM_LOG" 2>&1 &
	SIM_PID=$!
	E2E_PIDS+=($SIM_PID)
}

jp() {	# jp POD JSONPATH
	$KUBECTL get pod "$1" -o "jsonpath=$2" 2>/dev/null
}
phase_is() { [ "$(jp "$1" '{.status.phase}')" = "$2" ]; }
ready_nodes() {
	$KUBECTL get nodes -l type=kubec-simulated -o jsonpath='{range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' |
	    awk '$2 == "True" { n++ } END { print n + 0 }'
}
five_ready() { [ "$(ready_nodes)" = 5 ]; }
renew_time() {
	$KUBECTL get lease -n kube-node-lease "$1" -o jsonpath='{.spec.renewTime}'
}
renewed() {	# renewed NODE TIME: its Lease was renewed since TIME
	[ "$(renew_time "$1")" != "$2" ]
}
# pod NAME NODE [RESTART-POLICY [EXIT-CODE [DURATION]]]
pod() {
	local ann=
	[ -n "${4:-}" ] && ann="\"kubec.io/simulate-exit-code\":\"$4\""
	[ -n "${5:-}" ] && ann="$ann,\"kubec.io/simulate-duration\":\"$5\""
	$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"$1","annotations":{$ann}},
 "spec":{"nodeName":"$2","restartPolicy":"${3:-Always}",
 "initContainers":[{"name":"setup","image":"busybox:1.36"}],
 "containers":[{"name":"main","image":"nginx:1.27"},
               {"name":"side","image":"busybox:1.36","args":["sleep","1d"]}]}}
EOF
}

sim_start
ok "five simulated nodes register Ready" until_ok 30 five_ready
eq "they are sim-0 .. sim-4" "$($KUBECTL get nodes -l type=kubec-simulated -o jsonpath='{.items[*].metadata.name}')" \
    "sim-0 sim-1 sim-2 sim-3 sim-4"
match "the simulator says so" "$(cat "$SIM_LOG")" '5 of 5 simulated nodes sim-0\.\.sim-4 registered'
eq "capacity as asked" "$($KUBECTL get node sim-2 -o jsonpath='{.status.capacity.cpu} {.status.capacity.memory} {.status.capacity.pods} {.status.capacity.ephemeral-storage}')" \
    "16 64Gi 50 100Gi"
eq "allocatable as capacity" "$($KUBECTL get node sim-2 -o jsonpath='{.status.allocatable.cpu} {.status.allocatable.memory} {.status.allocatable.pods} {.status.allocatable.ephemeral-storage}')" \
    "16 64Gi 50 100Gi"
eq "kubelet's labels" "$($KUBECTL get node sim-2 -o jsonpath='{.metadata.labels.kubernetes\.io/hostname} {.metadata.labels.kubernetes\.io/os} {.metadata.labels.kubernetes\.io/arch} {.metadata.labels.type}')" \
    "sim-2 linux amd64 kubec-simulated"
eq "InternalIP and Hostname" "$($KUBECTL get node sim-2 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address} {.status.addresses[?(@.type=="Hostname")].address}')" \
    "198.19.0.3 sim-2"
eq "Ready as kubelet says it" "$($KUBECTL get node sim-2 -o jsonpath='{.status.conditions[?(@.type=="Ready")].reason}/{.status.conditions[?(@.type=="Ready")].message}')" \
    "KubeletReady/kubelet is posting ready status"
eq "no pressure" "$($KUBECTL get node sim-2 -o jsonpath='{.status.conditions[?(@.type=="MemoryPressure")].status} {.status.conditions[?(@.type=="DiskPressure")].status} {.status.conditions[?(@.type=="PIDPressure")].status} {.status.conditions[?(@.type=="PIDPressure")].reason}')" \
    "False False False KubeletHasSufficientPID"
eq "nodeInfo" "$($KUBECTL get node sim-2 -o jsonpath='{.status.nodeInfo.kubeletVersion} {.status.nodeInfo.containerRuntimeVersion} {.status.nodeInfo.operatingSystem} {.status.nodeInfo.architecture}')" \
    "v1.33.0-kubec simulated://1 linux amd64"
match "kubectl get nodes -o wide" "$($KUBECTL get nodes -o wide sim-4)" \
    'sim-4 +Ready +<none> +[0-9]+s +v1\.33\.0-kubec +198\.19\.0\.5 .* simulated://1'
eq "a Lease per node, held by it" "$($KUBECTL get lease -n kube-node-lease -o jsonpath='{range .items[*]}{.spec.holderIdentity}/{.spec.leaseDurationSeconds} {end}')" \
    "sim-0/40 sim-1/40 sim-2/40 sim-3/40 sim-4/40 "
match "renewTime in microseconds" "$(renew_time sim-0)" '^[0-9-]{10}T[0-9:]{8}\.[0-9]{6}Z$'
eq "the Lease is owned by its Node" "$($KUBECTL get lease -n kube-node-lease sim-1 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].uid}')" \
    "Node/$($KUBECTL get node sim-1 -o jsonpath='{.metadata.uid}')"
r0=$(renew_time sim-0); r4=$(renew_time sim-4)
ok "sim-0's Lease is renewed" until_ok 15 renewed sim-0 "$r0"
ok "sim-4's Lease is renewed" until_ok 15 renewed sim-4 "$r4"
match "10 s later" "$(( $(date -d "$(renew_time sim-0)" +%s) - $(date -d "$r0" +%s) ))" '^(9|10|11)$'

# a pod runs
pod web sim-2
ok "a pod bound to sim-2 becomes Ready" $KUBECTL wait --for=condition=Ready pod/web --timeout=30s
eq "it is Running" "$(jp web '{.status.phase}')" Running
eq "hostIP is the node's" "$(jp web '{.status.hostIP} {.status.hostIPs[0].ip}')" "198.19.0.3 198.19.0.3"
eq "sim-2 has no podCIDR" "$($KUBECTL get node sim-2 -o jsonpath='{.spec.podCIDR}')" ""
match "podIP from the node's block of 198.18.0.0/15" "$(jp web '{.status.podIP} {.status.podIPs[0].ip}')" \
    '^198\.19\.253\.([0-9]+) 198\.19\.253\.\1$'
eq "every condition True" "$(jp web '{range .status.conditions[*]}{.type}={.status} {end}')" \
    "PodReadyToStartContainers=True Initialized=True Ready=True ContainersReady=True PodScheduled=True "
eq "containers running and ready" "$(jp web '{range .status.containerStatuses[*]}{.name}:{.ready}:{.started}:{.restartCount}:{.image} {end}')" \
    "main:true:true:0:nginx:1.27 side:true:true:0:busybox:1.36 "
match "containerID and imageID" "$(jp web '{.status.containerStatuses[0].containerID} {.status.containerStatuses[0].imageID}')" \
    "^simulated://$(jp web '{.metadata.uid}')-main simulated://sha256:[0-9a-f]{64}\$"
match "startedAt" "$(jp web '{.status.containerStatuses[1].state.running.startedAt}')" '^[0-9-]{10}T[0-9:]{8}Z$'
eq "init container Completed" "$(jp web '{.status.initContainerStatuses[0].name} {.status.initContainerStatuses[0].state.terminated.reason} {.status.initContainerStatuses[0].state.terminated.exitCode}')" \
    "setup Completed 0"
match "kubectl get pods -o wide shows the node" "$($KUBECTL get pods web -o wide)" \
    'web +2/2 +Running +0 +[0-9]+s +198\.19\.253\.[0-9]+ +sim-2 '

# a podCIDR given to the Node later (as a node IPAM controller would)
$KUBECTL patch node sim-3 -p '{"spec":{"podCIDR":"198.18.40.0/24","podCIDRs":["198.18.40.0/24"]}}' >/dev/null
eq "sim-3 has a podCIDR" "$($KUBECTL get node sim-3 -o jsonpath='{.spec.podCIDR}')" 198.18.40.0/24
sleep 1
pod cidr sim-3
ok "a pod on sim-3 runs" until_ok 30 phase_is cidr Running
match "its podIP is from the Node's podCIDR" "$(jp cidr '{.status.podIP}')" '^198\.18\.40\.([2-9]|[1-9][0-9]+)$'

# pods that end, as their annotations say
pod done sim-1 Never 0
pod fail sim-1 Never 3
pod later sim-0 OnFailure 0 3
pod forever sim-0 Always 1
ok "exit code 0 ends Succeeded" until_ok 30 phase_is done Succeeded
eq "terminated Completed 0" "$(jp done '{range .status.containerStatuses[*]}{.state.terminated.reason}/{.state.terminated.exitCode} {end}')" \
    "Completed/0 Completed/0 "
eq "not Ready: PodCompleted" "$(jp done '{.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].reason}')" \
    "False PodCompleted"
ok "exit code 3 ends Failed" until_ok 30 phase_is fail Failed
eq "terminated Error 3" "$(jp fail '{range .status.containerStatuses[*]}{.state.terminated.reason}/{.state.terminated.exitCode} {end}')" \
    "Error/3 Error/3 "
match "kubectl get pods shows Completed" "$($KUBECTL get pods done)" \
    'done +0/2 +Completed +0 '
match "and Error" "$($KUBECTL get pods fail)" 'fail +0/2 +Error +0 '
ok "with a duration it runs first" until_ok 30 phase_is later Running
ok "then ends Succeeded" until_ok 30 phase_is later Succeeded
s=$(jp later '{.status.containerStatuses[0].state.terminated.startedAt}')
f=$(jp later '{.status.containerStatuses[0].state.terminated.finishedAt}')
eq "three seconds after it started" "$(( $(date -d "$f" +%s) - $(date -d "$s" +%s) ))" 3
sleep 1
eq "restartPolicy Always runs however annotated" "$(jp forever '{.status.phase} {.status.containerStatuses[0].state.running.startedAt}' | cut -d' ' -f1)" Running

# deletion is finished by the simulator at once
web_ip=$(jp web '{.status.podIP}')
start=$(date +%s.%N)
ok "kubectl delete pod completes" $KUBECTL delete pod web --timeout=30s
took=$(echo "$(date +%s.%N) - $start" | bc)
echo "# kubectl delete pod took ${took}s"
ok "promptly (well within the 30 s grace period)" test "$(echo "$took < 10" | bc)" = 1
fails "the pod is gone" $KUBECTL get pod web
pod web2 sim-2
ok "a new pod on sim-2 runs" until_ok 30 phase_is web2 Running
match "its IP is another (round robin)" "$(jp web2 '{.status.podIP}')" "^198\\.19\\.253\\.[0-9]+\$"
ok "not the one just freed" test "$(jp web2 '{.status.podIP}')" != "$web_ip"

# 200 pods spread over the five nodes
{
	echo '{"apiVersion":"v1","kind":"List","items":['
	for i in $(seq 0 199); do
		[ "$i" -gt 0 ] && echo ,
		echo "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"many-$i\",\"labels\":{\"batch\":\"many\"}},\"spec\":{\"nodeName\":\"sim-$((i % 5))\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1.36\"}]}}"
	done
	echo ']}'
} >"$E2E_TMP/many.json"
running_many() {
	$KUBECTL get pods -l batch=many --field-selector=status.phase=Running -o name | wc -l
}
all_many() { [ "$(running_many)" -eq 200 ]; }
t0=$(date +%s.%N)
ok "200 pods created" $KUBECTL create -f "$E2E_TMP/many.json"
t1=$(date +%s.%N)
ok "all 200 Running" until_ok 60 all_many
t2=$(date +%s.%N)
echo "# 200 pods: created in $(echo "$t1 - $t0" | bc)s by kubectl (one at a time), all Running $(echo "$t2 - $t0" | bc)s after the first create: $(echo "200 / ($t2 - $t0)" | bc) pods/s"
eq "40 on each node" "$($KUBECTL get pods -l batch=many -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort | uniq -c | awk '{print $1}' | sort -u)" 40
eq "200 addresses, none twice" "$($KUBECTL get pods -l batch=many -o jsonpath='{range .items[*]}{.status.podIP}{"\n"}{end}' | sort -u | grep -c .)" 200

# stopped and started again: the Nodes and pods are adopted
uids=$($KUBECTL get nodes -l type=kubec-simulated -o jsonpath='{.items[*].metadata.uid}')
since=$($KUBECTL get node sim-0 -o jsonpath='{.status.conditions[?(@.type=="Ready")].lastTransitionTime}')
many0_ip=$(jp many-0 '{.status.podIP}')
kill -TERM "$SIM_PID"
wait "$SIM_PID"
eq "TERM stops the simulator cleanly" "$?" 0
eq "the Nodes stay" "$($KUBECTL get nodes -l type=kubec-simulated -o name | wc -l)" 5
sleep 1
sim_start
registered_twice() { [ "$(grep -c 'registered with' "$SIM_LOG")" = 2 ]; }
ok "it registers again" until_ok 30 registered_twice
eq "five Ready" "$(ready_nodes)" 5
eq "the same Nodes (uids)" "$($KUBECTL get nodes -l type=kubec-simulated -o jsonpath='{.items[*].metadata.uid}')" "$uids"
eq "Ready since it was" "$($KUBECTL get node sim-0 -o jsonpath='{.status.conditions[?(@.type=="Ready")].lastTransitionTime}')" "$since"
eq "a running pod keeps its address" "$(jp many-0 '{.status.phase} {.status.podIP}')" "Running $many0_ip"
ready_is() { [ "$(jp "$1" '{.status.conditions[?(@.type=="Ready")].status}')" = "$2" ]; }
match "made not Ready by another, as the node lifecycle controller does" \
    "$($KUBECTL patch pod many-1 --subresource=status -p '{"status":{"conditions":[{"type":"Ready","status":"False","reason":"NodeNotReady"}]}}' 2>&1)" \
    'pod/many-1 patched'
ok "it is reported Ready again" until_ok 15 ready_is many-1 True
eq "as it was" "$(jp many-1 '{.status.phase} {.status.containerStatuses[0].ready}')" "Running true"
pod after sim-4
ok "a new pod still runs" until_ok 30 phase_is after Running
eq "on sim-4" "$(jp after '{.status.hostIP}')" 198.19.0.5
ok "and is deleted for good" $KUBECTL delete pod after --timeout=30s
ok "all pods delete" $KUBECTL delete pods --all --timeout=60s
eq "none left" "$($KUBECTL get pods -o name | wc -l)" 0
fails "the simulator warned of nothing" grep 'simulate:' "$SIM_LOG"

e2e_done
