#!/usr/bin/env bash
# e2e-cli-portforward.sh - kubec port-forward against a real kubec-agent
# running busybox pods with crun, beside the real kubectl: a pod's port
# (a page, several MB down and up compared by checksum, connections at
# once, full duplex: MBs echoed while sent, by kubec's and kubectl's
# port-forward alike, half-close), :PORT (a random local port), several
# ports, named ports, deploy/NAME and svc/NAME (port names, targetPort),
# --address, what is printed and the exit status as kubectl's (SIGINT:
# 0), a pod port nobody listens on (kubectl's klog line, then "lost
# connection to pod"), a Pending pod, the argument errors, a port in use,
# the agent killed under a running forward.
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
# same DESCRIPTION ARGS...: kubec and kubectl print and exit alike
. "$(dirname "$0")/lib-cli.sh"

# pf_start NAME LINES TOOL ARGS...: TOOL port-forward ARGS in the
# background (PF_PID), its output in $E2E_TMP/NAME.{out,err}; waits for
# LINES "Forwarding from" lines (or its end)
PF_PID=
pf_start() {
	local name=$1 lines=$2 tool=$3
	shift 3
	"$tool" port-forward "$@" >"$E2E_TMP/$name.out" 2>"$E2E_TMP/$name.err" &
	PF_PID=$!
	E2E_PIDS+=($PF_PID)
	for _ in $(seq 150); do
		[ "$(grep -c '^Forwarding from' "$E2E_TMP/$name.out")" -ge "$lines" ] && break
		kill -0 "$PF_PID" 2>/dev/null || break
		sleep 0.1
	done
}
# pf_stop NAME [SIGNAL]: signals it (INT), its exit status appended to
# NAME.out
pf_stop() {
	kill -"${2:-INT}" "$PF_PID" 2>/dev/null
	pf_wait "$1"
}
pf_wait() {	# pf_wait NAME [SECS]: waits for the end (10 s at most)
	local rc
	for _ in $(seq $((${2:-10} * 10))); do kill -0 "$PF_PID" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$PF_PID" 2>/dev/null
	wait "$PF_PID" 2>/dev/null
	rc=$?
	echo "exit $rc" >>"$E2E_TMP/$1.out"
}
# both files of a run, klog's time and pid left out
pf_output() {
	cat "$E2E_TMP/$1.out" "$E2E_TMP/$1.err" |
	    sed -E 's/^E[0-9]{4} [0-9:.]+ +[0-9]+ /E0000 00:00:00.000000 1 /; s/kubectl/kubec/g'
}
# pf_same DESCRIPTION LINES ARGS...: kubec and kubectl, one after the
# other, each handling one connection (a GET of /index.html on the first
# port it prints) and then interrupted: the same output and status
pf_same() {
	local what=$1 lines=$2 t port
	shift 2
	for t in kubec kubectl; do
		pf_start "same-$t" "$lines" "$([ $t = kubec ] && echo "$KUBEC" || echo "$K")" "$@"
		port=$(sed -nE '1s/^Forwarding from .*:([0-9]+) -> .*/\1/p' "$E2E_TMP/same-$t.out")
		curl -s -m 10 "http://127.0.0.1:$port/index.html" >"$E2E_TMP/same-$t.page" 2>&1
		echo "curl $?" >>"$E2E_TMP/same-$t.page"
		sleep 0.3
		pf_stop "same-$t"
		# a random port (of the system's range) is random
		sed -i -E 's/\b(3[2-9][0-9]{3}|[4-6][0-9]{4})\b/RANDOM/g' "$E2E_TMP/same-$t.out"
	done
	eq "$what" "$(pf_output same-kubec)" "$(pf_output same-kubectl)"
	eq "$what: the page" "$(cat "$E2E_TMP/same-kubec.page")" "hello-pf
curl 0"
}

agent_cluster

# web: a page and a file of 6 MB (httpd, 8080 "http"), the checksum of
# what is sent (9001 "sum"), an echo (9002)
SERVE='mkdir -p /www; echo hello-pf >/www/index.html; head -c 6000000 /dev/urandom >/www/big;
 nc -ll -p 9001 -e md5sum & nc -ll -p 9002 -e cat & exec httpd -f -p 8080 -h /www'
$K create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"List","items":[
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,"containers":[
  {"name":"c","image":"$IMAGE","command":["sh","-c",$(printf '%s' "$SERVE" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')],
   "ports":[{"name":"http","containerPort":8080},{"name":"sum","containerPort":9001},
    {"name":"dns","containerPort":53,"protocol":"UDP"}]}]}},
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"pending"},
 "spec":{"nodeName":"nonode","containers":[{"name":"c","image":"$IMAGE"}]}},
{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"dep"},
 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"dep"}},
  "template":{"metadata":{"labels":{"app":"dep"}},"spec":{"nodeName":"node1",
   "terminationGracePeriodSeconds":1,"containers":[{"name":"w","image":"$IMAGE",
   "command":["sh","-c","mkdir -p /www; echo hello-pf >/www/index.html; exec httpd -f -p 8080 -h /www"]}]}}}},
{"apiVersion":"v1","kind":"Service","metadata":{"name":"websvc"},
 "spec":{"selector":{"app":"web"},"ports":[{"name":"web","port":80,"targetPort":"http"},
  {"name":"num","port":81,"targetPort":9001},{"name":"same","port":8080}]}}]}
EOF
ok "the pods run" until_ok 90 sh -c "[ \"\$($K get pods --field-selector status.phase=Running -o name | wc -l)\" = 2 ]"
listening() {	# listening POD N: N of the ports 8080, 9001, 9002 listen
	[ "$($K exec "$1" -- netstat -ltn 2>/dev/null | grep -cE ':(8080|9001|9002) ')" = "$2" ]
}
ok "web's servers listen" until_ok 30 listening web 3
DEP=$($K get pods -l app=dep -o name)
ok "dep's server listens" until_ok 30 listening "${DEP#pod/}" 1
BIGSUM=$($K exec web -- md5sum /www/big | cut -d' ' -f1)

# what a client sends and reads, on connections at once
cat >"$E2E_TMP/client.py" <<'EOF'
# client.py PORT N SIZE MODE: N connections at once each send SIZE random
# bytes (in turns), then end their sending; "sum": each reads back the
# md5sum line of what it sent; "echo": each reads back what it sent while
# sending (full duplex).  Prints "ok", or what differed.
import hashlib, os, socket, sys, threading
port, n, size, mode = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
socks = [socket.create_connection(("127.0.0.1", port), timeout=60) for _ in range(n)]
datas = [os.urandom(size) for _ in range(n)]
got = [b""] * n
def reader(i):
    while True:
        b = socks[i].recv(65536)
        if not b:
            return
        got[i] += b
threads = [threading.Thread(target=reader, args=(i,)) for i in range(n)]
for t in threads:
    t.start()
for off in range(0, size, 65536):
    for s, d in zip(socks, datas):
        s.sendall(d[off:off + 65536])
for s in socks:
    s.shutdown(socket.SHUT_WR)
for t in threads:
    t.join()
bad = 0
for d, g in zip(datas, got):
    want = (hashlib.md5(d).hexdigest() + "  -\n").encode() if mode == "sum" else d
    if g != want:
        bad += 1
        print("got %d bytes (%r...), want %d" % (len(g), g[:40], len(want)))
print("ok" if bad == 0 else "bad")
EOF

# --- a pod's ports -------------------------------------------------------
pf_start main 4 "$KUBEC" pod/web 18080:8080 18081:9001 18082:9002
eq "several ports: kubectl's lines" "$(cat "$E2E_TMP/main.out")" "Forwarding from 127.0.0.1:18080 -> 8080
Forwarding from [::1]:18080 -> 8080
Forwarding from 127.0.0.1:18081 -> 9001
Forwarding from [::1]:18081 -> 9001
Forwarding from 127.0.0.1:18082 -> 9002
Forwarding from [::1]:18082 -> 9002"
eq "a page through it" "$(curl -s -m 10 http://127.0.0.1:18080/index.html)" hello-pf
eq "... on ::1 too" "$(curl -s -m 10 'http://[::1]:18080/index.html')" hello-pf
eq "6 MB down, by checksum" "$(curl -s -m 60 http://127.0.0.1:18080/big | md5sum | cut -d' ' -f1)" "$BIGSUM"
curl -s -m 60 http://127.0.0.1:18080/big -o "$E2E_TMP/big1" &
c1=$!
curl -s -m 60 'http://[::1]:18080/big' -o "$E2E_TMP/big2" &
c2=$!
wait $c1 $c2
eq "two downloads at once" "$(md5sum <"$E2E_TMP/big1" | cut -d' ' -f1) $(md5sum <"$E2E_TMP/big2" | cut -d' ' -f1)" "$BIGSUM $BIGSUM"
eq "4 MB up on two connections at once, their checksums back (half-close)" \
    "$(timeout 120 python3 "$E2E_TMP/client.py" 18081 2 4000000 sum)" ok
# full duplex through kubec-server and kubec-agent: both directions full
# at once (neither may wait on a write while the other is not read)
duplex() {	# duplex TOOL PORT: an echo of 8 MB, then 3 x 4 MB at once
	local t0=$SECONDS
	eq "full duplex ($1): 8 MB echoed while sent" \
	    "$(timeout 120 python3 "$E2E_TMP/client.py" "$2" 1 8000000 echo)" ok
	# about 1 s here (libmicrohttpd's 4-byte TLS relay took 30)
	eq "... in under 30 s" "$((SECONDS - t0 < 30))" 1
	eq "full duplex ($1): 4 MB echoed while sent, three connections at once" \
	    "$(timeout 120 python3 "$E2E_TMP/client.py" "$2" 3 4000000 echo)" ok
}
duplex kubec 18082
# a client that goes away in the middle of a download
curl -s -m 10 http://127.0.0.1:18080/big | head -c 1000 >/dev/null
sleep 0.5
eq "a client gone in the middle: the next still served" "$(curl -s -m 60 http://127.0.0.1:18080/big | md5sum | cut -d' ' -f1)" "$BIGSUM"
eq "a connection per request printed" "$(grep -c '^Handling connection for 1808[0-2]$' "$E2E_TMP/main.out")" 13
pf_stop main
eq "SIGINT: exit 0, nothing on stderr" "$(tail -1 "$E2E_TMP/main.out") [$(cat "$E2E_TMP/main.err")]" "exit 0 []"
# the same through the real kubectl's port-forward (its WebSocket tunnel)
pf_start duplex 2 "$K" pod/web 18083:9002
duplex kubectl 18083
pf_stop duplex

# --- as kubectl prints it ---------------------------------------------------
pf_same "a pod: what it prints, as kubectl" 2 pod/web 18090:8080
pf_same "POD alone, a named port (the same local)" 2 web http
pf_same "LOCAL:NAME" 2 web 18091:http
pf_same ":REMOTE: a random local port" 2 pod/web :8080
match "... printed as kubectl does" "$(cat "$E2E_TMP/same-kubec.out")" '^Forwarding from 127\.0\.0\.1:RANDOM -> 8080
Forwarding from \[::1\]:RANDOM -> 8080
Handling connection for RANDOM
exit 0$'
pf_same "several ports (one used)" 6 pod/web 18092:8080 18093:sum 9002
pf_same "deploy/NAME: the workload's pod" 2 deploy/dep 18094:8080
pf_same "svc/NAME: a port name to its named targetPort" 2 svc/websvc 18095:web
pf_same "svc/NAME: PORT to its numbered targetPort, the name alone" 4 svc/websvc 18096:80 num
pf_same "svc/NAME: a port without targetPort, :NAME" 4 svc/websvc 8080 :num
pf_same "--address: one IPv4 address" 1 pod/web 18097:8080 --address 127.0.0.1
pf_same "--address: several, localhost among them, deduplicated" 2 pod/web 18098:8080 --address ::1,localhost --address 127.0.0.1
pf_same "--address 0.0.0.0,::" 2 pod/web 18099:8080 --address 0.0.0.0,::

# --- refusals ---------------------------------------------------------------
same "no arguments" port-forward
same "no port" port-forward pod/web
same "a pod that is not there" port-forward nope 8080
same "a type that is not there" port-forward nothings/x 8080
same "a Pending pod" port-forward pending 8080
same "a named port the pod does not have" port-forward pod/web nope
same "a UDP port" port-forward pod/web 53
same "a UDP port by name" port-forward pod/web 5353:dns
same "a service port the Service does not have" port-forward svc/websvc 99
same "a port name the Service does not have" port-forward svc/websvc nope
same "a local port that is not a number" port-forward pod/web abc:80
same "a local port too large" port-forward pod/web 70000
same "remote port 0" port-forward pod/web 80:0
same "a signed remote port" port-forward pod/web 80:+80
same "an address that is not one" port-forward pod/web 8080 --address 1.2.3.x
pf_start holder 2 "$KUBEC" pod/web 18100:8080
same "a local port in use" port-forward pod/web 18100:8080
same "a local port in use on 127.0.0.1 only" port-forward pod/web 18100:8080 --address 127.0.0.1
pf_stop holder

# --- a port nobody listens on in the pod ------------------------------------
for t in kubec kubectl; do
	pf_start "closed-$t" 2 "$([ $t = kubec ] && echo "$KUBEC" || echo "$K")" pod/web 18101:9999
	curl -s -m 10 http://127.0.0.1:18101/ >/dev/null
	echo "curl $?" >>"$E2E_TMP/closed-$t.out"
	pf_wait "closed-$t"
done
eq "a closed pod port: the connection closed, kubelet's error, the forward ended, as kubectl" \
    "$(pf_output closed-kubec)" "$(pf_output closed-kubectl)"
match "... kubectl's klog line and words" "$(pf_output closed-kubec)" \
    '^E0000 00:00:00\.000000 1 portforward\.go:[0-9]+\] "Unhandled Error" err="an error occurred forwarding 18101 -> 9999: error forwarding port 9999 to pod: .*connection refused"
error: lost connection to pod$'

# --- the pod's node agent gone ---------------------------------------------
pf_start lost 2 "$KUBEC" pod/web 18102:8080
eq "a forward before its agent is killed" "$(curl -s -m 10 http://127.0.0.1:18102/index.html)" hello-pf
agent_stop KILL
# (the server gives what the agent sent to the client for 10 s at most
# before it closes the stream)
pf_wait lost 25
eq "the agent killed: kubectl's words, exit 1" "$(sed 1,3d "$E2E_TMP/lost.out"; cat "$E2E_TMP/lost.err")" "exit 1
error: lost connection to pod"
agent_start
ok "the agent back" until_ok 30 sh -c "$K get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
e2e_done
