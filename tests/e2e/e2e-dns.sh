#!/usr/bin/env bash
# e2e-dns.sh - the cluster DNS (kubec-agent's dnsmasq, agent/clusterdns.c)
# with the real kubectl and busybox pods: kube-system/kube-dns at the 10th
# address of the service range; pods resolve <svc>.<ns>.svc.cluster.local
# and short names through their search paths (and reach the service by
# name), headless services to each ready endpoint, StatefulSet pods by
# their names, <a-b-c-d>.<ns>.pod.cluster.local, a service made or deleted
# within seconds; nothing is forwarded for cluster.local; the proxy leaves
# the DNS address to the node; after kill -9 of the agent dnsmasq keeps
# answering and the next agent adopts it; a stopped agent stops it.
#
# Inside a network namespace of its own (lib-agent.sh): the node
# 198.19.0.2, pods on 198.18.1.0/24, services from 198.18.128.0/17 (DNS at
# 198.18.128.10); the table ip kubec-proxy is deleted at the end.
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

dns_cleanup() {
	agent_cleanup
	nft delete table ip kubec-proxy 2>/dev/null
}
trap dns_cleanup EXIT

DNS_IP=198.18.128.10
# the node's resolvers: one that does not exist (nothing may leave)
printf 'nameserver 198.19.0.53\nsearch example.test\n' >"$E2E_TMP/resolv.conf"
ip route add 198.18.128.0/17 via 198.19.0.1 dev kubec-node
ok "registry starts" registry_start
ok "busybox image pushed" registry_push_busybox 1.0
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
server_start
agent_start --resolv-conf "$E2E_TMP/resolv.conf"
ok "node registers Ready" until_ok 30 sh -c \
    "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"

eq "kube-system/kube-dns at the 10th address" \
    "$($KUBECTL -n kube-system get svc kube-dns -o jsonpath='{.spec.clusterIP} {.spec.ports[*].name} {.spec.ports[*].protocol}')" \
    "$DNS_IP dns dns-tcp UDP TCP"
dnsmasq_pid() { cat "$AGENT_DIR/dns/dnsmasq.pid" 2>/dev/null; }
ok "dnsmasq runs" until_ok 20 sh -c "[ -n \"\$(cat $AGENT_DIR/dns/dnsmasq.pid 2>/dev/null)\" ] && kill -0 \$(cat $AGENT_DIR/dns/dnsmasq.pid)"
ok "... with the agent's configuration" grep -qa "$AGENT_DIR/dns/dnsmasq.conf" "/proc/$(dnsmasq_pid)/cmdline"
ok "the DNS address is the node's (lo)" sh -c "ip -4 addr show dev lo | grep -q 'inet $DNS_IP/32'"
ok "dnsmasq forwards to the node's resolvers" grep -qx "server=198.19.0.53" "$AGENT_DIR/dns/servers"
pods_pid() { cat "$AGENT_DIR/dns/pods.pid" 2>/dev/null; }
ok "the pod names' dnsmasq runs" until_ok 10 sh -c "kill -0 \$(cat $AGENT_DIR/dns/pods.pid)"

web_pod() {	# web_pod NAME [LABEL]
	cat <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"$1","labels":{"app":"${2:-web}"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"srv","image":"$IMAGE","ports":[{"name":"http","containerPort":8080}],
   "command":["sh","-c","mkdir -p /www; echo $1 >/www/index.html; exec httpd -f -p 8080 -h /www"]}]}}
EOF
}
for p in web-1 web-2; do web_pod $p | $KUBECTL create -f - >/dev/null; done
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"List","items":[
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"client"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"c","image":"$IMAGE","command":["sleep","3600"]}]}},
{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"other"}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
 "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"headless"},
 "spec":{"clusterIP":"None","selector":{"app":"web"},"ports":[{"port":8080}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},
 "spec":{"clusterIP":"None","selector":{"app":"db"},"ports":[{"port":8080}]}},
{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
 "spec":{"serviceName":"db","replicas":2,"selector":{"matchLabels":{"app":"db"}},
  "template":{"metadata":{"labels":{"app":"db"}},"spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
   "containers":[{"name":"c","image":"$IMAGE","command":["sleep","3600"]}]}}}}]}
EOF
$KUBECTL -n other create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
 "spec":{"selector":{"app":"web"},"ports":[{"port":81,"targetPort":8080}]}}
EOF
ok "the pods are ready" $KUBECTL wait --for=condition=Ready pod web-1 web-2 client --timeout=90s
ok "the StatefulSet's pods are ready" until_ok 90 sh -c \
    "$KUBECTL wait --for=condition=Ready pod db-0 db-1 --timeout=5s >/dev/null 2>&1"
CIP=$($KUBECTL get svc web -o jsonpath='{.spec.clusterIP}')
OCIP=$($KUBECTL -n other get svc web -o jsonpath='{.spec.clusterIP}')
W1=$(jp web-1 '{.status.podIP}'); W2=$(jp web-2 '{.status.podIP}')
D0=$(jp db-0 '{.status.podIP}'); CLIENT_IP=$(jp client '{.status.podIP}')

ok "the client's resolv.conf names the cluster DNS" sh -c \
    "$KUBECTL exec client -- cat /etc/resolv.conf | grep -qx 'nameserver $DNS_IP'"
# the addresses nslookup NAME gives from the client pod, sorted, one line
lookup() {
	$KUBECTL exec client -- nslookup "$1" 2>/dev/null |
	    awk '/^Name:/ { n = 1; next } n && /^Address/ { print $NF }' |
	    sort | tr '\n' ' ' | sed 's/ $//'
}
# the address a program gets for NAME (the C library's resolver, which
# applies the search paths to dotted names too; busybox's nslookup only to
# bare ones); ping prints it first
resolve() {
	$KUBECTL exec client -- ping -c 1 -W 1 "$1" 2>&1 |
	    sed -n 's/^PING [^ ]* (\([0-9.]*\)).*/\1/p'
}
# the answer of nslookup for a name that has no address
nx() { $KUBECTL exec client -- nslookup "$1" 2>&1 | grep -c "NXDOMAIN"; }

resolves() { [ "$(lookup "$1")" = "$2" ]; }
ok "the service's name resolves" until_ok 15 resolves web.default.svc.cluster.local "$CIP"
eq "web.default.svc.cluster.local" "$(lookup web.default.svc.cluster.local)" "$CIP"
eq "web (search path)" "$(lookup web)" "$CIP"
eq "web.default (search path)" "$(resolve web.default)" "$CIP"
eq "web.other: another namespace's service" "$(resolve web.other)" "$OCIP"
eq "kubernetes.default" "$(resolve kubernetes.default)" "$($KUBECTL get svc kubernetes -o jsonpath='{.spec.clusterIP}')"
eq "kube-dns.kube-system" "$(lookup kube-dns.kube-system.svc.cluster.local)" "$DNS_IP"
eq "a headless service: each ready endpoint" "$(lookup headless.default.svc.cluster.local)" \
    "$(printf '%s\n' "$W1" "$W2" | sort | tr '\n' ' ' | sed 's/ $//')"
eq "a StatefulSet pod by its name" "$(lookup db-0.db.default.svc.cluster.local)" "$D0"
eq "a pod by its address" "$(lookup "${CLIENT_IP//./-}.default.pod.cluster.local")" "$CLIENT_IP"
eq "a pod by its address, another namespace" "$(lookup "${W1//./-}.other.pod.cluster.local")" "$W1"
ok "no such service: NXDOMAIN, answered locally" [ "$(nx nothing.default.svc.cluster.local)" -ge 1 ]
ok "the reverse of the ClusterIP names the service" sh -c \
    "$KUBECTL exec client -- nslookup $CIP 2>/dev/null | grep -q 'web.default.svc.cluster.local'"
eq "wget http://web/ reaches the service by name" \
    "$(for i in $(seq 20); do $KUBECTL exec client -- timeout 2 wget -qO- http://web/ 2>/dev/null || echo FAILED; done | sort -u | tr '\n' ' ')" \
    "web-1 web-2 "
eq "the proxy leaves the DNS address alone" "$(nft list table ip kubec-proxy | grep -c "$DNS_IP")" 0

# a new service resolves within seconds, a deleted one goes
t0=$(date +%s%N)
$KUBECTL create service clusterip fresh --tcp=80:8080 >/dev/null
FIP=$($KUBECTL get svc fresh -o jsonpath='{.spec.clusterIP}')
ok "a new service resolves" until_ok 10 sh -c \
    "$KUBECTL exec client -- nslookup fresh.default.svc.cluster.local 2>/dev/null | grep -q 'Address.*$FIP'"
echo "# created to resolved: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
$KUBECTL delete svc fresh >/dev/null
ok "a deleted service is NXDOMAIN" until_ok 10 sh -c \
    "$KUBECTL exec client -- nslookup fresh.default.svc.cluster.local 2>&1 | grep -q NXDOMAIN"
# an endpoint that goes: out of the headless answer
$KUBECTL delete pod web-2 --wait=false >/dev/null
ok "a deleted endpoint leaves the headless answer" until_ok 15 resolves headless.default.svc.cluster.local "$W1"

# a new namespace: its pods' names, from the pod names' dnsmasq started
# again; the main one (every other name) keeps running, unbothered
pid=$(dnsmasq_pid); ppid=$(pods_pid)
$KUBECTL create namespace fresh >/dev/null
ok "a new namespace's pod names resolve" until_ok 10 resolves "${W1//./-}.fresh.pod.cluster.local" "$W1"
eq "... the main dnsmasq was not restarted" "$(dnsmasq_pid)" "$pid"
ok "... the pod names' one was" [ "$(pods_pid)" != "$ppid" ]
eq "... services still resolve" "$(lookup web.default.svc.cluster.local)" "$CIP"

# kill -9: dnsmasq answers on; the next agent adopts it
pid=$(dnsmasq_pid); ppid=$(pods_pid)
agent_stop KILL
# from the node: kubectl exec needs the agent
eq "after kill -9 of the agent, names still resolve" \
    "$(busybox nslookup web.default.svc.cluster.local $DNS_IP 2>/dev/null | awk '/^Name:/ { n = 1; next } n && /^Address/ { print $NF }')" "$CIP"
agent_start --resolv-conf "$E2E_TMP/resolv.conf"
ok "the restarted agent adopts dnsmasq" until_ok 20 grep -q "dnsmasq $pid adopted" "$E2E_TMP/agent.log"
ok "... and the pod names' one" grep -q "pods $ppid adopted" "$E2E_TMP/agent.log"
$KUBECTL create service clusterip later --tcp=80:8080 >/dev/null
LIP=$($KUBECTL get svc later -o jsonpath='{.spec.clusterIP}')
ok "... and keeps its records current" until_ok 10 sh -c \
    "$KUBECTL exec client -- nslookup later.default.svc.cluster.local 2>/dev/null | grep -q 'Address.*$LIP'"
eq "... still the same dnsmasq" "$(dnsmasq_pid)" "$pid"
dnsmasqs() { pgrep -fc -- "--conf-file=$AGENT_DIR/dns/(dnsmasq|pods).conf"; }
eq "two dnsmasq of this agent, no more" "$(dnsmasqs)" 2

# a stopped agent stops it; --dns=false starts none
agent_stop
ok "a stopped agent stopped its dnsmasq" sh -c "! kill -0 $pid 2>/dev/null && ! kill -0 $ppid 2>/dev/null"
agent_start --resolv-conf "$E2E_TMP/resolv.conf" --dns=false
ok "the agent runs again" until_ok 20 grep -c "joined" "$E2E_TMP/agent.log"
sleep 2
eq "--dns=false: no dnsmasq" "$(dnsmasqs)" 0

e2e_done
