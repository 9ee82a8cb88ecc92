#!/usr/bin/env bash
# e2e-netpol.sh - NetworkPolicy: kubectl create/get/describe/delete of
# networking.k8s.io/v1 NetworkPolicies, and their enforcement by
# kubec-agent (agent/netpol.c, the table inet kubec-netpol) with the real
# kubectl and busybox pods: a default deny of ingress blocks pod-to-pod
# traffic (bridged on kubec0), traffic from another namespace and from
# node2's pods (routed); rules let in a podSelector's pods (to a named port only), a
# namespaceSelector's, an ipBlock's (with except, to a port range);
# through a Service's ClusterIP the same; an egress policy keeps a pod to
# its allowed peers and the cluster DNS; unselected pods are unaffected; a
# readiness probe (httpGet, from the node) of an isolated pod keeps
# passing; deleting the policies restores traffic; after kill -9 of the
# agent the rules stay and a table deleted meanwhile is rebuilt;
# --network-policy=false programs nothing.  Prints how long a policy
# takes from created to enforced.
#
# Inside a network namespace of its own (lib-agent.sh): the node
# 198.19.0.2, pods on 198.18.1.0/24 (node2's on 198.18.2.0/24), services from 198.18.128.0/17 (DNS at
# 198.18.128.10); the tables inet kubec-netpol and ip kubec-proxy are
# deleted at the end.
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

netpol_cleanup() {
	$KUBECTL delete namespace team elsewhere --wait=false >/dev/null 2>&1
	$KUBECTL -n team delete pods --all --wait=true --timeout=60s >/dev/null 2>&1
	$KUBECTL -n elsewhere delete pods --all --wait=true --timeout=60s >/dev/null 2>&1
	agent_cleanup
	nft delete table inet kubec-netpol 2>/dev/null
	nft delete table ip kubec-proxy 2>/dev/null
}
trap netpol_cleanup EXIT

DNS_IP=198.18.128.10
printf 'nameserver 198.19.0.53\n' >"$E2E_TMP/resolv.conf"
ok "registry starts" registry_start
ok "busybox image pushed" registry_push_busybox 1.0
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
server_start
agent_start --resolv-conf "$E2E_TMP/resolv.conf"
node_ready() {
	$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' | grep -qx True
}
ok "node registers Ready" until_ok 30 node_ready

# ---- the API ----

$KUBECTL create namespace team >/dev/null
$KUBECTL label namespace team team=a >/dev/null
$KUBECTL create namespace elsewhere >/dev/null
cat >"$E2E_TMP/deny.yaml" <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress}
spec:
  podSelector: {}
EOF
ok "kubectl create -f a NetworkPolicy" $KUBECTL create -f "$E2E_TMP/deny.yaml"
eq "policyTypes defaulted to Ingress" \
    "$($KUBECTL get networkpolicy deny-ingress -o jsonpath='{.spec.policyTypes}')" '["Ingress"]'
match "kubectl get netpol: NAME POD-SELECTOR AGE" "$($KUBECTL get netpol)" \
    '^NAME +POD-SELECTOR +AGE.*
deny-ingress +<none> +[0-9]+s'
desc=$($KUBECTL describe networkpolicy deny-ingress)
match "kubectl describe networkpolicy: its name" "$desc" '^Name: +deny-ingress'
match "... the pods it selects" "$desc" 'PodSelector: +<none> \(Allowing the specific traffic to all pods in this namespace\)'
match "... its policy types" "$desc" 'Not affecting egress traffic'
match "kubectl api-resources lists networkpolicies" "$($KUBECTL api-resources --api-group=networking.k8s.io)" \
    'networkpolicies +netpol +networking.k8s.io/v1 +true +NetworkPolicy'
bad=$($KUBECTL create -f - 2>&1 <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad}
spec:
  podSelector: {}
  policyTypes: [Sideways]
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]
    ports: [{protocol: ICMP, port: 80, endPort: 70}]
EOF
)
match "an invalid policy is refused: except outside cidr" "$bad" \
    'spec.ingress\[0\].from\[0\].ipBlock.except\[0\]: Invalid value: "11.0.0.0/16": must be a strict subset of `cidr`'
match "... policyTypes" "$bad" 'spec.policyTypes\[0\]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"'
match "... protocol" "$bad" 'spec.ingress\[0\].ports\[0\].protocol: Unsupported value: "ICMP"'
match "... endPort" "$bad" 'spec.ingress\[0\].ports\[0\].endPort: Invalid value: 80: must be greater than or equal to `port`'
match "kubectl explain networkpolicy.spec.ingress.from" \
    "$($KUBECTL explain networkpolicy.spec.ingress.from 2>&1)" 'ipBlock.*<IPBlock>'
match "an unknown field is refused (fieldValidation=Strict)" "$($KUBECTL create -f - 2>&1 <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typo}
spec:
  podSelector: {}
  ingress: [{form: [{podSelector: {}}]}]
EOF
)" 'unknown field "spec.ingress\[0\].form"'
ok "kubectl delete networkpolicy" $KUBECTL delete networkpolicy deny-ingress
fails "... it is gone" $KUBECTL get networkpolicy deny-ingress

# ---- the pods ----

# web: httpd on 8080 (port http) and 8081 (port alt), ready by an httpGet
# probe every second (one failure makes it unready); the others: httpd on
# 8080 too, to be reached
srv_pod() {	# srv_pod NAME NAMESPACE LABELS
	cat <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"$1","namespace":"$2","labels":$3},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"srv","image":"$IMAGE",
   "ports":[{"name":"http","containerPort":8080},{"name":"alt","containerPort":8081}],
   "command":["sh","-c","mkdir -p /www; echo $1 >/www/index.html; httpd -p 8081 -h /www; exec httpd -f -p 8080 -h /www"],
   "readinessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":1,"failureThreshold":1}}]}}
EOF
}
sa_ready() { $KUBECTL -n "$1" get serviceaccount default >/dev/null; }
ok "the namespaces have their service accounts" until_ok 20 sh -c \
    "$KUBECTL -n team get sa default && $KUBECTL -n elsewhere get sa default"
srv_pod web default '{"app":"web"}' | $KUBECTL create -f - >/dev/null
srv_pod client default '{"role":"client"}' | $KUBECTL create -f - >/dev/null
srv_pod other default '{"role":"other"}' | $KUBECTL create -f - >/dev/null
srv_pod far team '{"role":"client"}' | $KUBECTL create -f - >/dev/null
srv_pod stranger elsewhere '{"role":"client"}' | $KUBECTL create -f - >/dev/null
$KUBECTL create service clusterip web --tcp=80:8080 >/dev/null
# node2 (its pods on the bridge kubec1 of this namespace: traffic to
# node1's pods is routed, not bridged), without a network policy of its
# own (lib-agent: one table, node1's)
agent2_start
ok "node2 registers Ready" until_ok 30 sh -c \
    "$KUBECTL get node node2 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
srv_pod remote default '{"role":"client"}' | sed 's/"node1"/"node2"/' | $KUBECTL create -f - >/dev/null
srv_pod remote-other default '{"role":"other"}' | sed 's/"node1"/"node2"/' | $KUBECTL create -f - >/dev/null
ok "the pods are ready" $KUBECTL wait --for=condition=Ready pod web client other remote remote-other --timeout=90s
ok "... in the other namespaces too" sh -c \
    "$KUBECTL -n team wait --for=condition=Ready pod far --timeout=60s &&
     $KUBECTL -n elsewhere wait --for=condition=Ready pod stranger --timeout=60s"
WEB=$(jp web '{.status.podIP}')
OTHER=$(jp other '{.status.podIP}')
FAR=$($KUBECTL -n team get pod far -o jsonpath='{.status.podIP}')
CIP=$($KUBECTL get svc web -o jsonpath='{.spec.clusterIP}')
match "web has an address on the bridge" "$WEB" '^198\.18\.1\.[0-9]+$'
ok "the table inet kubec-netpol is there, nothing isolated" until_ok 10 sh -c \
    "nft list table inet kubec-netpol && ! nft list table inet kubec-netpol | grep -q 'jump ingress-'"

# get FROM-POD[/NS] HOST[:PORT]: the page, through kubectl exec (under
# timeout: busybox-static 1.35's wget -T dies of a SIGSEGV)
get() {
	local pod=${1%/*} ns=default
	[ "$pod" != "$1" ] && ns=${1#*/}
	$KUBECTL -n "$ns" exec "$pod" -- timeout 3 wget -qO- "http://$2/" 2>/dev/null
}
reach() { [ "$(get "$1" "$2")" = "$3" ]; }	# reach FROM TO WANT-PAGE
# blocked FROM-POD[/NS] HOST[:PORT]: the pod runs wget (kubectl exec
# works) and it gets nothing
blocked() {
	local pod=${1%/*} ns=default out
	[ "$pod" != "$1" ] && ns=${1#*/}
	out=$($KUBECTL -n "$ns" exec "$pod" -- sh -c "timeout 2 wget -qO- http://$2/ >/dev/null 2>&1; echo rc=\$?")
	echo "$out"
	case $out in rc=0|"") return 1 ;; rc=*) return 0 ;; *) return 1 ;; esac
}

ok "before any policy: client to web" reach client "$WEB:8080" web
ok "before any policy: other to web" reach other "$WEB:8080" web
ok "before any policy: far (team) to web" reach far/team "$WEB:8080" web
ok "before any policy: remote (node2, routed) to web" reach remote "$WEB:8080" web

# ---- default deny of ingress ----

t0=$(date +%s%N)
$KUBECTL create -f "$E2E_TMP/deny.yaml" >/dev/null
for _ in $(seq 500); do
	nft list map inet kubec-netpol ingress-pods 2>/dev/null | grep -q "$WEB : jump ingress-default/web" && break
	sleep 0.02
done
t1=$(date +%s%N)
echo "# policy created to enforced (in the table): $(( (t1 - t0) / 1000000 )) ms"
ok "the policy is enforced within 2 s of its creation" [ $(( (t1 - t0) / 1000000 )) -lt 2000 ]
ok "deny: client to web (same node, bridged) is blocked" blocked client "$WEB:8080"
ok "deny: other to web is blocked" blocked other "$WEB:8080"
ok "deny: far (another namespace) to web is blocked" blocked far/team "$WEB:8080"
ok "deny: through the ClusterIP too" blocked client "$CIP"
ok "deny: remote (node2, routed) to web is blocked" blocked remote "$WEB:8080"
ok "unselected pods are unaffected: web to far" reach web "$FAR:8080" far
ok "the node reaches an isolated pod (kubelet's probes)" sh -c "curl -s --max-time 3 http://$WEB:8080/ | grep -qx web"
sleep 3
eq "web's httpGet readiness probe keeps passing" "$(jp web '{.status.conditions[?(@.type=="Ready")].status}')" True

# ---- allow rules ----

$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-clients}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{podSelector: {matchLabels: {role: client}}}]
    ports: [{port: http}]
EOF
ok "podSelector: client to web's named port http gets in" until_ok 10 reach client "$WEB:8080" web
ok "... other is still blocked" blocked other "$WEB:8080"
ok "... client to another port (8081) is blocked" blocked client "$WEB:8081"
ok "... far, a role=client pod of another namespace, is blocked" blocked far/team "$WEB:8080"
ok "through the Service's ClusterIP, client gets in" reach client "$CIP" web
ok "remote, a role=client pod of node2, gets in (routed)" reach remote "$WEB:8080" web
ok "... remote-other, of node2 too, does not" blocked remote-other "$WEB:8080"
ok "... other does not" blocked other "$CIP"

$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-team}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{namespaceSelector: {matchLabels: {team: a}}}]
EOF
ok "namespaceSelector: far (namespace team=a) gets in" until_ok 10 reach far/team "$WEB:8080" web
ok "... stranger (another namespace) does not" blocked stranger/elsewhere "$WEB:8080"

$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-block}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{ipBlock: {cidr: 198.18.1.0/24, except: ["$OTHER/32"]}}]
    ports: [{protocol: TCP, port: 8081, endPort: 8090}]
EOF
ok "ipBlock: client to 8081 (in the port range) gets in" until_ok 10 reach client "$WEB:8081" web
ok "ipBlock: stranger to 8081 gets in" reach stranger/elsewhere "$WEB:8081" web
ok "... other, excepted, does not" blocked other "$WEB:8081"
ok "... nor stranger to 8080" blocked stranger/elsewhere "$WEB:8080"
eq "the chain of web: one line per rule, peer and port" \
    "$(nft list chain inet kubec-netpol ingress-default/web | grep -c return)" 4

# ---- egress ----

$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-egress}
spec:
  podSelector: {matchLabels: {role: client}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: http}]
  - to: [{ipBlock: {cidr: $DNS_IP/32}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
EOF
ok "egress: client's chain is in place" until_ok 10 sh -c \
    "nft list map inet kubec-netpol egress-pods | grep -q 'jump egress-default/client'"
ok "egress: client to web:8080 (its named port http) still goes" reach client "$WEB:8080" web
ok "egress: ... and through the ClusterIP" reach client "$CIP" web
ok "egress: client to far is blocked" blocked client "$FAR:8080"
ok "egress: client to web:8081 is blocked" blocked client "$WEB:8081"
ok "egress: client resolves names at the cluster DNS" sh -c \
    "$KUBECTL exec client -- timeout 5 nslookup web.default.svc.cluster.local $DNS_IP | grep -q '$CIP'"
ok "egress: other (unselected) to far still goes" reach other "$FAR:8080" far
ok "egress: far (selected in no namespace of its own) to web still goes" reach far/team "$WEB:8080" web

# ---- deleting ----

t0=$(date +%s%N)
$KUBECTL delete networkpolicy deny-ingress allow-clients allow-team allow-block client-egress >/dev/null
ok "deleted: other reaches web again" until_ok 10 reach other "$WEB:8080" web
t1=$(date +%s%N)
echo "# policies deleted to traffic restored: $(( (t1 - t0) / 1000000 )) ms"
ok "... within 3 s" [ $(( (t1 - t0) / 1000000 )) -lt 3000 ]
ok "deleted: client reaches far again" reach client "$FAR:8080" far
ok "deleted: no pod is isolated" sh -c "! nft list table inet kubec-netpol | grep -q 'jump'"

# ---- kill -9 of the agent ----

$KUBECTL create -f "$E2E_TMP/deny.yaml" >/dev/null
ok "deny again: other is blocked" until_ok 10 blocked other "$WEB:8080"
# while the agent is down there is no kubectl exec: the host's busybox
# in the pod's network namespace (that of its httpd, found by the pod's
# uid in its cgroup)
netget() {	# netget POD HOST:PORT
	local pid uid
	uid=$(jp "$1" '{.metadata.uid}')
	for pid in $(pgrep -f 'httpd -f -p 8080 -h /www'); do
		grep -q "pod$uid" /proc/$pid/cgroup 2>/dev/null || continue
		nsenter --net=/proc/$pid/ns/net timeout 3 busybox wget -qO- "http://$2/" 2>/dev/null
		return
	done
	return 99
}
netis() { [ "$(netget "$1" "$2")" = "$3" ]; }	# netis POD HOST:PORT PAGE
netblocked() {	# netblocked POD HOST:PORT: the pod is there, gets nothing
	local rc
	netget "$1" "$2"; rc=$?
	echo "rc=$rc"
	[ $rc -ne 0 ] && [ $rc -ne 99 ]
}
ok "from other's network namespace, as through kubectl exec: far" netis other "$FAR:8080" far
agent_stop KILL
ok "after kill -9 of the agent the rules stay" netblocked other "$WEB:8080"
ok "... for other's traffic only" netis other "$FAR:8080" far
nft delete table inet kubec-netpol
ok "without the table, traffic goes" netis other "$WEB:8080" web
# bridged traffic reaches the inet hooks through br_netfilter only (this
# namespace's setting): the next agent turns it on
BRNF=/proc/sys/net/bridge/bridge-nf-call-iptables
echo 0 >$BRNF
agent_start --resolv-conf "$E2E_TMP/resolv.conf"
ok "a restarted agent rebuilds the table" until_ok 20 sh -c \
    "nft list map inet kubec-netpol ingress-pods | grep -q '$WEB : jump ingress-default/web'"
eq "... and turned bridge-nf-call-iptables on" "$(cat $BRNF)" 1
ok "... and other is blocked again" blocked other "$WEB:8080"
$KUBECTL delete networkpolicy deny-ingress >/dev/null
ok "... and let in once the policy goes" until_ok 10 reach other "$WEB:8080" web

# ---- --network-policy=false ----

$KUBECTL create -f "$E2E_TMP/deny.yaml" >/dev/null
ok "deny once more: the table isolates web" until_ok 10 sh -c \
    "nft list map inet kubec-netpol ingress-pods | grep -q '$WEB'"
agent_stop
nft delete table inet kubec-netpol
agent_start --resolv-conf "$E2E_TMP/resolv.conf" --network-policy=false
ok "agent with --network-policy=false runs" until_ok 30 node_ready
sleep 2
fails "with --network-policy=false there is no table" nft list table inet kubec-netpol
ok "... and the policy is not enforced" reach other "$WEB:8080" web
$KUBECTL delete networkpolicy deny-ingress >/dev/null

e2e_done
