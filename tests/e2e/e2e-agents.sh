#!/usr/bin/env bash
# e2e-agents.sh - two real nodes: kubec-agents node1 and node2 (each its
# own address, pod range and bridge; lib-agent.sh) with the server, the
# scheduler and the controllers, and the real kubectl.  A DaemonSet runs
# a container on each node, each node's agent serves its logs and exec;
# a Deployment spread by anti-affinity is reached across the nodes from
# pod to pod; node2's agent is killed: the node turns Unknown, is tainted,
# its pods are evicted (and run on node1 once their Deployment may go
# there); node2's agent comes back and finishes the evicted pods (their
# containers stopped, the pods gone).
#
# Everything runs inside the network namespace lib-agent.sh makes (pod
# addresses from 198.18.0.0/15, nodes on 198.19.0.0/16).
set -u
. "$(dirname "$0")/lib-agent.sh"

agent_cluster
agent2_start
K=$KUBECTL
ready() {
	[ "$($K get node "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = "$2" ]
}
ok "node1 registers Ready" until_ok 30 ready node1 True
ok "node2 registers Ready" until_ok 30 ready node2 True
eq "each with its pod range" "$($K get nodes -o jsonpath='{range .items[*]}{.metadata.name} {.spec.podCIDR}{"\n"}{end}')" \
    "node1 198.18.1.0/24
node2 198.18.2.0/24"

# --- a DaemonSet: a container on each node ------------------------------
$K apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: hello}
spec:
  selector: {matchLabels: {app: hello}}
  template:
    metadata: {labels: {app: hello}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: c
        image: $IMAGE
        command: [sh, -c, 'echo "on \$NODE"; sleep 3600']
        env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
EOF
ok "the DaemonSet rolls out on both nodes" $K rollout status ds/hello --timeout=120s
pod_on() {	# pod_on SELECTOR NODE: the name of a running pod there
	$K get pods -l "$1" --field-selector "spec.nodeName=$2,status.phase=Running" \
	    -o jsonpath='{.items[0].metadata.name}' 2>/dev/null
}
h1=$(pod_on app=hello node1) h2=$(pod_on app=hello node2)
ok "its pods run on node1 and node2" test -n "$h1" -a -n "$h2"
eq "each node's agent serves its pod's log" "$($K logs "$h1") $($K logs "$h2")" "on node1 on node2"
eq "exec through node2's agent" "$($K exec "$h2" -- sh -c 'echo $NODE $((6*7))')" "node2 42"

# --- pods on both nodes reach each other --------------------------------
$K apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
      containers:
      - name: c
        image: $IMAGE
        command: [sh, -c, 'mkdir -p /www && echo "web on \$NODE" >/www/index.html && exec httpd -f -p 8080 -h /www']
        env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
EOF
ok "a Deployment with pod anti-affinity rolls out" $K rollout status deployment/web --timeout=120s
eq "one pod on each node" "$($K get pods -l app=web -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort | tr '\n' ' ')" "node1 node2 "
w1=$(pod_on app=web node1) w2=$(pod_on app=web node2)
ip1=$($K get pod "$w1" -o jsonpath='{.status.podIP}') ip2=$($K get pod "$w2" -o jsonpath='{.status.podIP}')
match "pod IPs from each node's range" "$ip1 $ip2" '^198\.18\.1\.[0-9]+ 198\.18\.2\.[0-9]+$'
eq "a pod on node1 reaches the one on node2" "$($K exec "$w1" -- timeout 5 wget -q -O- "http://$ip2:8080/")" "web on node2"
eq "and back" "$($K exec "$w2" -- timeout 5 wget -q -O- "http://$ip1:8080/")" "web on node1"

# --- node2's agent dies: its pods move to node1 ---------------------------
$K apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: mobile}
spec:
  replicas: 2
  selector: {matchLabels: {app: mobile}}
  template:
    metadata: {labels: {app: mobile}}
    spec:
      terminationGracePeriodSeconds: 1
      nodeSelector: {kubernetes.io/hostname: node2}
      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
      containers: [{name: c, image: $IMAGE, command: [sleep, "3600"]}]
EOF
ok "two pods run on node2" until_ok 60 sh -c "[ \"\$($K get pods -l app=mobile --field-selector spec.nodeName=node2,status.phase=Running -o name | wc -l)\" = 2 ]"
moved=$($K get pods -l app=mobile -o jsonpath='{.items[*].metadata.uid}')
agent2_stop KILL
ok "node2 turns NotReady (Unknown) once its Lease is stale" until_ok 90 ready node2 Unknown
ok "and is tainted unreachable" until_ok 20 sh -c "$K get node node2 -o jsonpath='{.spec.taints[*].key}' | grep -q node.kubernetes.io/unreachable"
ok "its pods are evicted" until_ok 30 sh -c "$K get events --field-selector reason=TaintManagerEviction -o name | grep -q ."
eq "the DaemonSet's pod on node2 is not (it tolerates unreachable)" "$($K get pod "$h2" -o jsonpath='{.metadata.deletionTimestamp}')" ""
$K patch deployment mobile --type=json -p '[{"op":"remove","path":"/spec/template/spec/nodeSelector"}]' >/dev/null
live_on_node1() {
	[ "$($K get pods -l app=mobile --field-selector spec.nodeName=node1,status.phase=Running \
	    -o jsonpath='{range .items[*]}{.metadata.deletionTimestamp}x{"\n"}{end}' | grep -cx x)" = 2 ]
}
ok "freed of its node selector, the Deployment runs them on node1, in containers" until_ok 90 live_on_node1

# --- node2's agent comes back -----------------------------------------------
agent2_start
ok "node2 is Ready again" until_ok 60 ready node2 True
ok "the taint goes" until_ok 30 sh -c "! $K get node node2 -o jsonpath='{.spec.taints[*].key}' | grep -q unreachable"
gone() {
	for uid in $moved; do
		$K get pods -l app=mobile -o jsonpath='{.items[*].metadata.uid}' | grep -q "$uid" && return 1
		nsenter --mount="$AGENT2_DIR/runtime/ns/mnt" ls "$AGENT2_DIR/runtime/ctr" 2>/dev/null |
		    grep -q "^$uid" && return 1
	done
	return 0
}
ok "the evicted pods are finished: their containers stopped, the pods gone" until_ok 60 gone
eq "the DaemonSet's pod on node2 runs on, adopted" "$($K get pod "$h2" -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}')" "Running 0"

$K delete deployment web mobile >/dev/null
$K delete ds hello >/dev/null
e2e_done
