#!/usr/bin/env bash
# e2e-proxy.sh - kubec-agent's service proxy (kube-proxy's nftables mode)
# with the real kubectl: three busybox httpd pods behind a Service, reached
# by its ClusterIP from the node and from another pod (every ready
# endpoint answers; one made unready or deleted gets no more requests),
# by a pod through its own service (hairpin), at the NodePort on the
# node's address; a Service without endpoints refuses at once; after kill
# -9 of the agent the rules stay, and a table deleted meanwhile is rebuilt
# by the next agent; --proxy=false programs nothing.
#
# Everything runs inside a network namespace of its own (lib-agent.sh):
# the node 198.19.0.2, pods on 198.18.1.0/24, services from
# 198.18.128.0/17; the table ip kubec-proxy is deleted at the end.
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

proxy_cleanup() {
	agent_cleanup
	nft delete table ip kubec-proxy 2>/dev/null
}
trap proxy_cleanup EXIT

ok "registry starts" registry_start
ok "busybox image pushed" registry_push_busybox 1.0
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
# the node's route to the service range (a default route on a real node);
# its gateway does not exist: only DNAT or a reject ends such traffic
ip route add 198.18.128.0/17 via 198.19.0.1 dev kubec-node
server_start
agent_start

ok "node registers Ready" until_ok 20 sh -c \
    "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"

# web-1..3: httpd on 8080 with a page naming the pod, ready while
# /tmp/ready exists; client: wget
web_pod() {
	cat <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"$1","labels":{"app":"web"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"srv","image":"$IMAGE","ports":[{"name":"http","containerPort":8080}],
   "command":["sh","-c","mkdir -p /www; echo $1 >/www/index.html; touch /tmp/ready; exec httpd -f -p 8080 -h /www"],
   "readinessProbe":{"exec":{"command":["test","-f","/tmp/ready"]},"periodSeconds":1,"failureThreshold":1}}]}}
EOF
}
for p in web-1 web-2 web-3; do web_pod $p | $KUBECTL create -f - >/dev/null; done
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"List","items":[
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"client"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"c","image":"$IMAGE","command":["sleep","3600"]}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
 "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"webnp"},
 "spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"port":8081,"targetPort":8080}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"sticky"},
 "spec":{"selector":{"app":"web"},"sessionAffinity":"ClientIP","ports":[{"port":80,"targetPort":8080}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"nobody"},
 "spec":{"selector":{"app":"nothing"},"ports":[{"port":80,"targetPort":8080}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"headless"},
 "spec":{"clusterIP":"None","selector":{"app":"web"},"ports":[{"port":80}]}}]}
EOF
ok "the pods are ready" $KUBECTL wait --for=condition=Ready pod web-1 web-2 web-3 client --timeout=90s
CIP=$($KUBECTL get svc web -o jsonpath='{.spec.clusterIP}')
NOBODY=$($KUBECTL get svc nobody -o jsonpath='{.spec.clusterIP}')
NODEPORT=$($KUBECTL get svc webnp -o jsonpath='{.spec.ports[0].nodePort}')
match "ClusterIP from the service range" "$CIP" '^198\.18\.(1(2[89]|[3-9][0-9])|2[0-9][0-9])\.[0-9]+$'
ok "the slice lists the three pods ready" until_ok 20 sh -c \
    "[ \"\$($KUBECTL get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[*].endpoints[?(@.conditions.ready==true)].addresses[0]}' | wc -w)\" = 3 ]"

# from the node (curl) and from a pod (wget, through kubectl exec; under
# timeout: busybox-static 1.35's wget -T dies of a SIGSEGV)
node_get() { curl -s --max-time 2 "http://$1/"; }
pod_get() { $KUBECTL exec "${2:-client}" -- timeout 2 wget -qO- "http://$1/"; }
# hits N CMD...: the distinct answers of N calls, one line
hits() {
	local n=$1 i; shift
	for i in $(seq "$n"); do "$@" 2>/dev/null || echo FAILED; done | sort -u | tr '\n' ' '
}
ok "the table is programmed" until_ok 10 sh -c "nft list map ip kubec-proxy service-ips | grep -q '$CIP . tcp . 80'"
eq "from the node: every endpoint answers" "$(hits 30 node_get "$CIP")" "web-1 web-2 web-3 "
eq "from a pod: every endpoint answers" "$(hits 30 pod_get "$CIP")" "web-1 web-2 web-3 "
eq "hairpin: a pod through its own service" "$(hits 20 pod_get "$CIP" web-1)" "web-1 web-2 web-3 "
eq "NodePort on the node's address" "$(hits 30 node_get "$AGENT_NODE_IP:$NODEPORT")" "web-1 web-2 web-3 "
eq "NodePort from a pod" "$(hits 30 pod_get "$AGENT_NODE_IP:$NODEPORT")" "web-1 web-2 web-3 "
STICKY=$($KUBECTL get svc sticky -o jsonpath='{.spec.clusterIP}')
first=$(node_get "$STICKY")
eq "sessionAffinity ClientIP: one endpoint for a client" "$(hits 15 node_get "$STICKY")" "$first "
$KUBECTL create service clusterip other --tcp=80:8080 >/dev/null
OTHER=$($KUBECTL get svc other -o jsonpath='{.spec.clusterIP}')
ok "another service is programmed" until_ok 10 sh -c "nft list table ip kubec-proxy | grep -q '$OTHER . tcp . 80'"
eq "... and the affinity outlives the table's update" "$(hits 15 node_get "$STICKY")" "$first "
eq "headless services get no rules" "$(nft list table ip kubec-proxy | grep -c headless)" 0

# a service without endpoints refuses at once
refused_fast() {	# CMD...: fails within 2 s, not by a timeout
	local t0 t1 rc
	t0=$(date +%s%N)
	"$@"; rc=$?
	t1=$(date +%s%N)
	echo "rc=$rc after $(( (t1 - t0) / 1000000 )) ms"
	[ "$rc" -ne 0 ] && [ $(( (t1 - t0) / 1000000 )) -lt 2000 ]
}
ok "no endpoints: the node is refused at once" refused_fast curl -s --max-time 5 "http://$NOBODY/"
eq "no endpoints: curl says connection refused" "$(curl -s --max-time 5 "http://$NOBODY/"; echo $?)" 7
ok "no endpoints: a pod is refused at once" refused_fast $KUBECTL exec client -- timeout 5 wget -qO- "http://$NOBODY/"
match "no endpoints: wget says refused" "$($KUBECTL exec client -- timeout 5 wget -qO- "http://$NOBODY/" 2>&1)" 'refused' 

# web-2 turns unready: out of the rules within a second, no more requests
only_others() {	# 12 requests, none to $1
	local got
	got=$(hits 12 node_get "$CIP")
	echo "$got"
	case $got in *"$1"*|*FAILED*) return 1 ;; esac
}
# when the API says it is not ready (kubectl wait's watch) and when its
# endpoint leaves the rules (nft, polled every 20 ms)
ip2=$(jp web-2 '{.status.podIP}')
( $KUBECTL wait --for=condition=Ready=false pod/web-2 --timeout=20s >/dev/null 2>&1
  date +%s%N >"$E2E_TMP/unready-at" ) &
watcher=$!
sleep 0.5	# the watch is on
$KUBECTL exec web-2 -- rm /tmp/ready
t0=$(date +%s%N)
for _ in $(seq 500); do
	nft list chain ip kubec-proxy svc-default/web/tcp/80 | grep -q "__$ip2/" || break
	sleep 0.02
done
t_rules=$(date +%s%N)
wait $watcher
t_unready=$(cat "$E2E_TMP/unready-at" 2>/dev/null || echo "$t_rules")
echo "# probe failing to unready: $(( (t_unready - t0) / 1000000 )) ms; unready to out of the rules: $(( (t_rules - t_unready) / 1000000 )) ms"
ok "out of the rules within a second of turning unready" [ $(( (t_rules - t_unready) / 1000000 )) -lt 1000 ]
ok "an unready pod gets no more traffic" until_ok 10 only_others web-2
t1=$(date +%s%N)
echo "# unready to out of rotation: $(( (t1 - t0) / 1000000 )) ms"
ok "... within 3 s of its probe failing" [ $(( (t1 - t0) / 1000000 )) -lt 3000 ]
eq "the two others take it all" "$(hits 20 node_get "$CIP")" "web-1 web-3 "
$KUBECTL exec web-2 -- touch /tmp/ready
ok "ready again, it is back" until_ok 10 sh -c "nft list chain ip kubec-proxy svc-default/web/tcp/80 | grep -q 'mod 3'"
eq "all three answer again" "$(hits 30 node_get "$CIP")" "web-1 web-2 web-3 "

# a deleted pod: out of rotation while it terminates
$KUBECTL delete pod web-3 --wait=false >/dev/null
t0=$(date +%s%N)
ok "a deleted pod gets no more traffic" until_ok 10 only_others web-3
t1=$(date +%s%N)
echo "# deleted to out of rotation: $(( (t1 - t0) / 1000000 )) ms"
ok "... within 3 s" [ $(( (t1 - t0) / 1000000 )) -lt 3000 ]

# kill -9: the rules stay; a table deleted while the agent is down comes
# back with the next one
agent_stop KILL
eq "after kill -9 of the agent, traffic still flows" "$(hits 10 node_get "$CIP")" "web-1 web-2 "
nft delete table ip kubec-proxy
fails "without the table, no service" node_get "$CIP"
agent_start
ok "a restarted agent rebuilds the table" until_ok 20 sh -c "nft list map ip kubec-proxy service-ips | grep -q '$CIP . tcp . 80'"
eq "traffic flows again" "$(hits 20 node_get "$CIP")" "web-1 web-2 "
eq "and from a pod" "$(hits 10 pod_get "$CIP")" "web-1 web-2 "
ok "the service without endpoints still refuses" refused_fast curl -s --max-time 5 "http://$NOBODY/"

# a pod added to the service is in rotation
web_pod web-4 | $KUBECTL create -f - >/dev/null
ok "a new pod becomes ready" $KUBECTL wait --for=condition=Ready pod web-4 --timeout=60s
ok "and takes requests" until_ok 10 sh -c "[ \"\$(for i in \$(seq 20); do curl -s --max-time 2 http://$CIP/; done | grep -c web-4)\" -gt 0 ]"

# --proxy=false: nothing programmed
agent_stop
nft delete table ip kubec-proxy
agent_start --proxy=false
ok "agent with --proxy=false runs" until_ok 20 sh -c \
    "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
sleep 2
fails "with --proxy=false there is no table" nft list table ip kubec-proxy

e2e_done
