#!/usr/bin/env bash
# e2e-ingress.sh - kubec-agent's ingress controller (Debian's nginx,
# IngressClass controller kubec.io/ingress-nginx) with the real kubectl:
# two busybox httpd pods behind two Services, one Ingress routing two
# hosts and two paths (Prefix, element-wise, and Exact) to them, checked
# with curl --resolve at the node's address: the right service for each
# host and path, 404 for what matches nothing, the default backend of
# another Ingress, TLS on 443 from a kubernetes.io/tls Secret made with
# openssl, an Ingress of another IngressClass left alone, the node's
# address in status.loadBalancer (kubectl's ADDRESS); a change served
# after a graceful reload while a slow download started before it
# completes; after kill -9 of the agent, traffic still flows and the next
# agent adopts nginx (one master, the pid file's); an nginx that dies is
# started again; a graceful stop stops nginx; --ingress=false runs none.
#
# Everything runs inside a network namespace of its own (lib-agent.sh):
# the node 198.19.0.2, pods on 198.18.1.0/24; nginx is stopped at the end
# (by the agent, or by its pid file when the agent died).
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
	echo "not ok 1 nginx is not installed (apt-get install nginx-light)"
	echo "# 1 checks, 1 failed"
	exit 1
fi

CURL_PID=
ingress_cleanup() {
	if [ -n "$CURL_PID" ]; then
		kill -TERM "$CURL_PID" 2>/dev/null
		wait "$CURL_PID" 2>/dev/null
	fi
	agent_cleanup
}
trap ingress_cleanup EXIT

agent_cluster
N=$AGENT_NODE_IP
PIDFILE=$AGENT_DIR/ingress/nginx.pid
CONF=$AGENT_DIR/ingress/nginx.conf

# web-a, web-b: httpd on 8080 answering every path with a page naming
# the pod (its 404 page is that page too); CGIs (below): env shows the
# forwarded headers, slow answers in 4 s
web_pod() {
	cat <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"$1","labels":{"app":"$1"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"srv","image":"$IMAGE","ports":[{"name":"http","containerPort":8080}],
   "command":["sh","-c","mkdir -p /www/cgi-bin; echo $1 >/www/index.html; echo E404:index.html >/etc/httpd.conf; exec httpd -f -p 8080 -h /www -c /etc/httpd.conf"]}]}}
EOF
}
for p in web-a web-b; do web_pod $p | $KUBECTL create -f - >/dev/null; done
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"List","items":[
{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-a"},
 "spec":{"selector":{"app":"web-a"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-b"},
 "spec":{"selector":{"app":"web-b"},"ports":[{"port":8081,"targetPort":8080}]}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-none"},
 "spec":{"selector":{"app":"nothing"},"ports":[{"port":80,"targetPort":8080}]}}]}
EOF
ok "the pods are ready" $KUBECTL wait --for=condition=Ready pod web-a web-b --timeout=90s
cgi() {	# POD NAME < SCRIPT
	$KUBECTL exec -i "$1" -- sh -c "cat >/www/cgi-bin/$2 && chmod +x /www/cgi-bin/$2"
}
cgi web-a env <<'EOF'
#!/bin/sh
echo Content-Type: text/plain
echo
echo "web-a host=$HTTP_HOST proto=$HTTP_X_FORWARDED_PROTO real=$HTTP_X_REAL_IP xff=$HTTP_X_FORWARDED_FOR"
EOF
cgi web-a slow <<'EOF'
#!/bin/sh
echo Content-Type: text/plain
echo
i=0
while [ $i -lt 8 ]; do echo "line $i"; sleep 0.5; i=$((i + 1)); done
EOF
eq "the server made the default IngressClass nginx" \
    "$($KUBECTL get ingressclass nginx -o jsonpath='{.spec.controller} {.metadata.annotations.ingressclass\.kubernetes\.io/is-default-class}')" \
    "kubec.io/ingress-nginx true"

# get HOST PATH [SCHEME]: the body; code HOST PATH: the HTTP status
get() {
	if [ "${3:-http}" = https ]; then
		curl -s --max-time 5 --cacert "$E2E_TMP/tls.crt" \
		    --resolve "$1:443:$N" "https://$1$2"
	else
		curl -s --max-time 5 --resolve "$1:80:$N" "http://$1$2"
	fi
}
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 --resolve "$1:80:$N" "http://$1$2"; }

# one Ingress: two hosts, two paths each
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=a.example.com \
    -addext subjectAltName=DNS:a.example.com -keyout "$E2E_TMP/tls.key" \
    -out "$E2E_TMP/tls.crt" >/dev/null 2>&1
ok "a TLS Secret from openssl's certificate" $KUBECTL create secret tls tls-a \
    --cert "$E2E_TMP/tls.crt" --key "$E2E_TMP/tls.key"
$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: routes}
spec:
  ingressClassName: nginx
  tls:
  - {hosts: [a.example.com], secretName: tls-a}
  rules:
  - host: a.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-a, port: {name: http}}}}
      - {path: /b, pathType: Prefix, backend: {service: {name: svc-b, port: {number: 8081}}}}
  - host: b.example.com
    http:
      paths:
      - {path: /exact, pathType: Exact, backend: {service: {name: svc-b, port: {number: 8081}}}}
      - {path: /app, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}}
      - {path: /none, pathType: Prefix, backend: {service: {name: svc-none, port: {number: 80}}}}
EOF
ok "nginx runs with its pid file" until_ok 20 sh -c "kill -0 \$(cat $PIDFILE)"
NGINX=$(cat "$PIDFILE")
ok "the Ingress is served" until_ok 20 sh -c "curl -s --max-time 2 --resolve a.example.com:80:$N http://a.example.com/ | grep -qx web-a"
eq "host a, /: service a" "$(get a.example.com /)" web-a
eq "host a, /b: service b (port by number)" "$(get a.example.com /b)" web-b
eq "host a, /b/x: service b (Prefix)" "$(get a.example.com /b/x/y)" web-b
eq "host a, /bx: not /b (Prefix is element-wise)" "$(get a.example.com /bx)" web-a
eq "host b, /exact: service b" "$(get b.example.com /exact)" web-b
eq "host b, /exact/more: Exact does not match a longer path" "$(code b.example.com /exact/more)" 404
eq "host b, /app and /app/x: service a (port by number of a named port)" \
    "$(get b.example.com /app) $(get b.example.com /app/x)" "web-a web-a"
eq "host b, /apple: nothing (404)" "$(code b.example.com /apple)" 404
eq "host b, /: nothing (404)" "$(code b.example.com /)" 404
eq "a backend without endpoints: 503" "$(code b.example.com /none)" 503
eq "another host: 404" "$(code c.example.com /)" 404
match "the proxy headers: Host, X-Forwarded-Proto, X-Real-IP, X-Forwarded-For" \
    "$(get a.example.com /cgi-bin/env)" "^web-a host=a.example.com proto=http real=$N xff=$N\$"

# TLS on 443 with the Secret's certificate
eq "TLS: host a over https, the Secret's certificate" "$(get a.example.com / https)" web-a
match "TLS: X-Forwarded-Proto https" "$(get a.example.com /cgi-bin/env https)" "proto=https"
ok "TLS: the certificate files are the owner's only" \
    sh -c "[ \"\$(stat -c %a $AGENT_DIR/ingress/tls/default_tls-a.key)\" = 600 ]"
fails "TLS: a host without TLS gets no handshake" \
    curl -s --max-time 5 -k --resolve b.example.com:443:$N https://b.example.com/exact

# status.loadBalancer: the node's address (kubectl's ADDRESS)
ok "status.loadBalancer.ingress has the node's address" until_ok 20 sh -c \
    "[ \"\$($KUBECTL get ingress routes -o jsonpath='{.status.loadBalancer.ingress[*].ip}')\" = $N ]"
match "kubectl get ingress shows it" "$($KUBECTL get ingress routes)" \
    "^routes +nginx +a\.example\.com,b\.example\.com +$N +80, 443 "

# IngressClass: an Ingress of another controller's class is not served;
# one without a class is (nginx is the default class)
$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: other}
spec: {controller: example.com/other}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: theirs}
spec:
  ingressClassName: other
  rules:
  - host: c.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: classless}
spec:
  rules:
  - host: d.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-b, port: {number: 8081}}}}
  - host: "*.wild.example.com"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}}
EOF
ok "an Ingress without a class: the default class's" until_ok 20 sh -c \
    "curl -s --max-time 2 --resolve d.example.com:80:$N http://d.example.com/ | grep -qx web-b"
eq "a wildcard host matches one label" "$(get x.wild.example.com /)" web-a
eq "... not two" "$(code x.y.wild.example.com /)" 404
eq "an Ingress of another class is not served" "$(code c.example.com /)" 404
sleep 1
eq "... nor its status touched" "$($KUBECTL get ingress theirs -o jsonpath='{.status.loadBalancer.ingress}')" ""

# the default backend of an Ingress without rules: what matches nothing
$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fallback}
spec:
  defaultBackend: {service: {name: svc-b, port: {number: 8081}}}
EOF
ok "default backend: another host goes there" until_ok 20 sh -c \
    "curl -s --max-time 2 --resolve c.example.com:80:$N http://c.example.com/ | grep -qx web-b"
eq "default backend: and a path of host b matching nothing" "$(get b.example.com /apple)" web-b
eq "default backend: the rules still win" "$(get a.example.com /) $(get b.example.com /app)" "web-a web-a"

# a TLS Secret nginx could not load: that host without TLS, the others
# as they were
$KUBECTL create secret generic bad --type=kubernetes.io/tls \
    --from-literal=tls.crt=garbage --from-literal=tls.key=garbage >/dev/null
$KUBECTL create -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: badtls}
spec:
  tls:
  - {hosts: [e.example.com], secretName: bad}
  rules:
  - host: e.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: svc-a, port: {number: 80}}}}
EOF
ok "a bad TLS Secret: its host is served over http" until_ok 20 sh -c \
    "curl -s --max-time 2 --resolve e.example.com:80:$N http://e.example.com/ | grep -qx web-a"
ok "... the agent says why" grep -q 'secret default/bad: not a PEM certificate' "$E2E_TMP/agent.log"
eq "... and the other hosts' TLS still works" "$(get a.example.com / https)" web-a

# a change while a slow answer (4 s) comes: reloaded (the same master),
# the answer ends whole
curl -s --max-time 30 --resolve a.example.com:80:$N -w '%{http_code}' \
    http://a.example.com/cgi-bin/slow >"$E2E_TMP/slow.out" 2>&1 &
CURL_PID=$!
sleep 1
t0=$(date +%s%N)
$KUBECTL patch ingress routes --type=json -p '[{"op":"add","path":"/spec/rules/0/http/paths/-","value":{"path":"/new","pathType":"Exact","backend":{"service":{"name":"svc-b","port":{"number":8081}}}}}]' >/dev/null
ok "a change is served after the reload" until_ok 20 sh -c \
    "curl -s --max-time 2 --resolve a.example.com:80:$N http://a.example.com/new | grep -qx web-b"
t1=$(date +%s%N)
echo "# a change to served: $(( (t1 - t0) / 1000000 )) ms"
eq "... by the same master (a reload, not a restart)" "$(cat "$PIDFILE")" "$NGINX"
ok "... while the slow answer still came" kill -0 "$CURL_PID"
wait "$CURL_PID"
rc=$?
eq "the slow answer started before the reload ends whole" \
    "$rc: $(tr '\n' ' ' <"$E2E_TMP/slow.out")" \
    "0: line 0 line 1 line 2 line 3 line 4 line 5 line 6 line 7 200"
CURL_PID=

# kill -9 of the agent: nginx keeps serving; the next agent adopts it
masters() {	# the nginx masters running our configuration
	local p
	for p in $(pgrep -x nginx); do
		tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q "master.*-c $CONF" && echo "$p"
	done
}
agent_stop KILL
eq "after kill -9 of the agent, traffic still flows" \
    "$(get a.example.com /) $(get a.example.com /b) $(get b.example.com /exact)" "web-a web-b web-b"
eq "nginx still runs" "$(masters)" "$NGINX"
agent_start
ok "the restarted agent adopts nginx" until_ok 20 grep -q "adopted nginx (pid $NGINX)" "$E2E_TMP/agent.log"
$KUBECTL patch ingress routes --type=json -p '[{"op":"replace","path":"/spec/rules/0/http/paths/2/backend/service","value":{"name":"svc-a","port":{"number":80}}}]' >/dev/null
ok "a change is served by the adopted nginx" until_ok 20 sh -c \
    "curl -s --max-time 2 --resolve a.example.com:80:$N http://a.example.com/new | grep -qx web-a"
eq "exactly one nginx master, the pid file's" "$(masters)" "$NGINX"
eq "traffic flows" "$(get a.example.com /) $(get b.example.com /exact) $(get a.example.com / https)" "web-a web-b web-a"

# nginx dies: started again
kill -TERM "$NGINX"
ok "an nginx that dies is started again" until_ok 20 sh -c \
    "p=\$(cat $PIDFILE 2>/dev/null); [ -n \"\$p\" ] && [ \"\$p\" != $NGINX ] && kill -0 \$p"
ok "... and serves" until_ok 20 sh -c \
    "curl -s --max-time 2 --resolve a.example.com:80:$N http://a.example.com/ | grep -qx web-a"
NGINX=$(cat "$PIDFILE")
eq "... one master" "$(masters)" "$NGINX"

# a graceful stop of the agent stops nginx; --ingress=false runs none
running() {	# PID: a process that is not a zombie
	[ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat"
}
agent_stop
fails "a stopped agent's nginx has stopped" running "$NGINX"
eq "no nginx of ours runs" "$(masters)" ""
agent_start --ingress=false
ok "agent with --ingress=false runs" until_ok 20 sh -c \
    "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
sleep 3
eq "with --ingress=false no nginx runs" "$(masters)" ""
fails "... and nothing answers on port 80" curl -s --max-time 2 --resolve a.example.com:80:$N http://a.example.com/

e2e_done
