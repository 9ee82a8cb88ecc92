#!/usr/bin/env bash
# e2e-routes.sh - the pod network across nodes, host-gw style: two
# kubec-agents, each in its own network namespace (node1 in the one
# lib-agent.sh makes, at 198.19.0.2; node2 in a second one, at
# 198.19.0.3, a veth pair between them), with the server and the real
# kubectl.  Each agent routes the other node's podCIDR via its address
# (protocol 250), and removes a stale route of its protocol but not a
# route made by hand; a pod on node1 reaches a pod on node2 by its pod IP
# and back; services across the nodes: each pod reaches the other's
# service by name (each node's cluster DNS), NodePorts answer from the
# other node, also for a pod on the first; node2's agent killed -9, its
# NodePort and DNS answer on, and the next agent adopts its dnsmasq;
# node2's Node deleted, node1's route to its pods goes.
#
# Addresses: pods 198.18.1.0/24 (node1) and 198.18.2.0/24 (node2), nodes
# 198.19.0.0/24; nothing leaves the two namespaces.
set -u
AGENT_ROUTES=true
E2E_LISTEN_HOST=0.0.0.0		# node2 reaches the server at 198.19.0.2
. "$(dirname "$0")/lib-agent.sh"

NS2=kubec-routes-node2-$$
N2_IP=198.19.0.3
in_ns2() { nsenter --net=/run/netns/"$NS2" "$@"; }
REG2_PID=
routes_cleanup() {
	agent_cleanup
	if [ -n "$REG2_PID" ]; then
		kill -TERM "$REG2_PID" 2>/dev/null
		wait "$REG2_PID" 2>/dev/null
	fi
	ip netns del "$NS2" 2>/dev/null
}
trap routes_cleanup EXIT

# node1's address moves onto a veth whose other end is node2's
ip netns add "$NS2" || exit 1
ip link add kubec-rt1 type veth peer name kubec-rt2 netns "$NS2"
ip addr del $AGENT_NODE_IP/24 dev kubec-node
ip addr add $AGENT_NODE_IP/24 dev kubec-rt1
ip link set kubec-rt1 up
in_ns2 ip link set lo up
in_ns2 ip addr add $N2_IP/24 dev kubec-rt2
in_ns2 ip link set kubec-rt2 up

# a stale route of the agents' protocol, and one made by hand
ip route add 198.18.99.0/24 via $N2_IP proto 250
ip route add 198.18.98.0/24 via $N2_IP

ok "registry starts" registry_start
ok "busybox image pushed" registry_push_busybox 1.0
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
# node2 pulls the same image name from a second registry on the same
# storage, at the same address in its own namespace
nsenter --net=/run/netns/"$NS2" docker-registry serve "$REGISTRY_DIR/config.yml" >"$E2E_TMP/registry2.log" 2>&1 </dev/null &
REG2_PID=$!
ok "node2's registry serves" until_ok 10 in_ns2 curl -fsS -o /dev/null "http://$REGISTRY_ADDR/v2/"
server_start --advertise $AGENT_NODE_IP
agent_start
agent2_start_ns() {
	# nsenter itself (not a function): $! is the agent's PID
	nsenter --net=/run/netns/"$NS2" "${KUBEC_AGENT:-kubec-agent}" --server "https://$AGENT_NODE_IP:${SERVER_URL##*:}" \
	    --token "$(cat "$SERVER_DIR/node-token")" \
	    --node-name node2 --data-dir "$AGENT2_DIR" --node-ip $N2_IP \
	    --pod-cidr 198.18.2.0/24 --cluster-cidr 198.18.0.0/17 >>"$E2E_TMP/agent2.log" 2>&1 &
	AGENT2_PID=$!
}
agent2_start_ns
K=$KUBECTL
ready() {
	[ "$($K get node "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]
}
ok "node1 is Ready" until_ok 30 ready node1
ok "node2 is Ready" until_ok 30 ready node2

r1() { ip -4 route show proto 250; }
r2() { in_ns2 ip -4 route show proto 250; }
ok "node1 routes node2's pods via node2" until_ok 10 sh -c "ip -4 route show proto 250 | grep -qx '198.18.2.0/24 via $N2_IP dev kubec-rt1 *'"
ok "node2 routes node1's pods via node1" until_ok 10 sh -c "nsenter --net=/run/netns/$NS2 ip -4 route show proto 250 | grep -qx '198.18.1.0/24 via $AGENT_NODE_IP dev kubec-rt2 *'"
eq "node1 has only that route of protocol 250 (the stale one gone)" \
    "$(r1 | awk '{ print $1, $2, $3 }')" "198.18.2.0/24 via $N2_IP"
eq "node2 has only its route of protocol 250" \
    "$(r2 | awk '{ print $1, $2, $3 }')" "198.18.1.0/24 via $AGENT_NODE_IP"
ok "the route made by hand stays" sh -c "ip -4 route show 198.18.98.0/24 | grep -q 'via $N2_IP'"

# --- a pod on each node, reaching the other by pod IP ---------------------
for p in a:node1 b:node2; do
	$K apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Pod
metadata: {name: ${p%:*}}
spec:
  nodeName: ${p#*:}
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: $IMAGE
    command: [sh, -c, 'mkdir -p /www && echo "hello from ${p#*:}" >/www/index.html && exec httpd -f -p 8080 -h /www']
YAML
done
ok "pod a runs on node1" until_ok 60 phase_is a Running
ok "pod b runs on node2" until_ok 60 phase_is b Running
ipa=$(jp a '{.status.podIP}') ipb=$(jp b '{.status.podIP}')
ok "their addresses are from each node's podCIDR" sh -c "case '$ipa $ipb' in 198.18.1.*' '198.18.2.*) true;; *) false;; esac"
fetch() {	# fetch POD URL
	$K exec "$1" -- sh -c "timeout 5 wget -qO- $2"
}
got=
for _ in $(seq 10); do
	got=$(fetch a "http://$ipb:8080/" 2>/dev/null) && break
	sleep 1
done
eq "a on node1 reaches b on node2 by pod IP" "$got" "hello from node2"
eq "b on node2 reaches a on node1 by pod IP" "$(fetch b "http://$ipa:8080/" 2>&1)" "hello from node1"

# --- services across the nodes: names, ClusterIPs, NodePorts ------------
$K label pod a app=a >/dev/null
$K label pod b app=b >/dev/null
for p in a b; do
	$K create service nodeport svc-$p --tcp=80:8080 >/dev/null
	$K set selector service svc-$p app=$p >/dev/null
done
np_a=$($K get svc svc-a -o jsonpath='{.spec.ports[0].nodePort}')
np_b=$($K get svc svc-b -o jsonpath='{.spec.ports[0].nodePort}')
ok "the services have their endpoints" until_ok 20 sh -c \
    "[ \"\$($K get endpointslices -o jsonpath='{.items[*].endpoints[*].addresses[0]}' | wc -w)\" -ge 2 ]"
got=
for _ in $(seq 10); do
	got=$(fetch a "http://svc-b/" 2>/dev/null) && break
	sleep 1
done
eq "a on node1 reaches svc-b (on node2) by name" "$got" "hello from node2"
got=
for _ in $(seq 10); do
	got=$(fetch b "http://svc-a.default/" 2>/dev/null) && break
	sleep 1
done
eq "b on node2 reaches svc-a.default (on node1) by name" "$got" "hello from node1"
eq "node2's own DNS answers (its dnsmasq)" \
    "$(in_ns2 busybox nslookup svc-a.default.svc.cluster.local 198.18.128.10 2>/dev/null | awk '/^Name:/ { n = 1; next } n && /^Address/ { print $NF }')" \
    "$($K get svc svc-a -o jsonpath='{.spec.clusterIP}')"
eq "from node1, node2's NodePort of a pod on node2" \
    "$(curl -s --max-time 5 "http://$N2_IP:$np_b/")" "hello from node2"
eq "from node1, node2's NodePort of a pod on node1" \
    "$(curl -s --max-time 5 "http://$N2_IP:$np_a/")" "hello from node1"
eq "from node2, node1's NodePort of a pod on node2" \
    "$(in_ns2 curl -s --max-time 5 "http://$AGENT_NODE_IP:$np_b/")" "hello from node2"
# node2's agent killed: its rules, routes and DNS stay
agent2_stop KILL
eq "node2's agent killed: its NodePort still answers" \
    "$(curl -s --max-time 5 "http://$N2_IP:$np_a/")" "hello from node1"
eq "... and its DNS" \
    "$(in_ns2 busybox nslookup svc-b.default.svc.cluster.local 198.18.128.10 2>/dev/null | awk '/^Name:/ { n = 1; next } n && /^Address/ { print $NF }')" \
    "$($K get svc svc-b -o jsonpath='{.spec.clusterIP}')"
eq "... and a pod on node1 still reaches svc-b on node2" "$(fetch a "http://svc-b/" 2>&1)" "hello from node2"
agent2_start_ns
ok "node2's agent back: Ready" until_ok 30 ready node2
ok "... it adopts its dnsmasq" until_ok 20 grep -q "dnsmasq [0-9]* adopted" "$E2E_TMP/agent2.log"
eq "... and the pod on node2 reaches svc-a again" "$(fetch b "http://svc-a/" 2>&1)" "hello from node1"

# --- node2 goes: node1's route to its pods goes -------------------------
$K delete pod b --wait=true --timeout=60s >/dev/null 2>&1
agent2_stop
ok "node2's Node is deleted" $K delete node node2
ok "node1's route to node2's pods goes within seconds" until_ok 10 sh -c "! ip -4 route show proto 250 | grep -q ."
ok "the route made by hand still stays" sh -c "ip -4 route show 198.18.98.0/24 | grep -q 'via $N2_IP'"

e2e_done
