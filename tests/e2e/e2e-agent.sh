#!/usr/bin/env bash
# e2e-agent.sh - kubec-agent with the real kubectl: a busybox image built
# from busybox-static with umoci, pushed with skopeo to Debian's
# docker-registry, pulled by the agent; pods that run, complete, fail,
# crash-loop, get OOMKilled, read their configMap/secret/env, answer
# probes, are refused a syscall by RuntimeDefault seccomp; the agent is
# killed -9 and restarted while pods run.
#
# The whole test runs inside a network namespace it creates (lib-agent.sh:
# server, registry and agent on that namespace's 127.0.0.1, the node's
# address and the pod network from 198.18.0.0/15), so no packet reaches
# the host's network.
set -u
# re-runs this script in its own network namespace; the agent helpers
. "$(dirname "$0")/lib-agent.sh"

agent_cluster
eq "node InternalIP" "$($KUBECTL get node node1 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')" 198.19.0.2
eq "node lease held" "$($KUBECTL get lease -n kube-node-lease node1 -o jsonpath='{.spec.holderIdentity}')" node1
match "node capacity" "$($KUBECTL get node node1 -o jsonpath='{.status.capacity.cpu} {.status.capacity.pods}')" '^[0-9]+ 110$'

# a long-running pod
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"sleeper"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":3,
 "containers":[{"name":"main","image":"$IMAGE","command":["sleep","3600"]}]}}
EOF
ok "pod runs" until_ok 60 phase_is sleeper Running
ok "pod ready" until_ok 10 sh -c "[ \"\$($KUBECTL get pod sleeper -o jsonpath='{.status.containerStatuses[0].ready}')\" = true ]"
match "pod IP from the node's podCIDR" "$(jp sleeper '{.status.podIP}')" '^198\.18\.1\.[0-9]+$'
match "containerID" "$(jp sleeper '{.status.containerStatuses[0].containerID}')" '^crun://'
match "imageID is a digest" "$(jp sleeper '{.status.containerStatuses[0].imageID}')" '@sha256:[0-9a-f]{64}$'
match "kubectl get pods shows it" "$($KUBECTL get pods sleeper)" 'sleeper +1/1 +Running +0 '

# completion and failure
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"done"},
 "spec":{"nodeName":"node1","restartPolicy":"Never",
 "containers":[{"name":"c","image":"$IMAGE","command":["true"]}]}}
EOF
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fail"},
 "spec":{"nodeName":"node1","restartPolicy":"Never",
 "containers":[{"name":"c","image":"$IMAGE","command":["sh","-c","exit 3"]}]}}
EOF
ok "a pod completes" until_ok 60 phase_is done Succeeded
eq "exit 0 is Completed" "$(jp done '{.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}')" "Completed 0"
ok "a pod fails" until_ok 60 phase_is fail Failed
eq "exit 3 is Error" "$(jp fail '{.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}')" "Error 3"

# restarts and back-off
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"crash"},
 "spec":{"nodeName":"node1","restartPolicy":"Always",
 "containers":[{"name":"c","image":"$IMAGE","command":["sh","-c","exit 2"]}]}}
EOF
ok "a crashing container restarts" until_ok 60 sh -c "[ \"\$($KUBECTL get pod crash -o jsonpath='{.status.containerStatuses[0].restartCount}')\" -ge 1 ]"
ok "then backs off (CrashLoopBackOff)" until_ok 30 sh -c "$KUBECTL get pod crash -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}' | grep -qx CrashLoopBackOff"
eq "lastState keeps the exit code" "$(jp crash '{.status.containerStatuses[0].lastState.terminated.exitCode}')" 2

# OOM at the memory limit
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"oom"},
 "spec":{"nodeName":"node1","restartPolicy":"Never",
 "containers":[{"name":"c","image":"$IMAGE","resources":{"limits":{"memory":"16Mi"}},
 "command":["sh","-c","x=\$(head -c 64000000 /dev/zero | tr '\\\\0' a); echo \${#x}"]}]}}
EOF
ok "over its memory limit a container is OOMKilled" until_ok 60 sh -c "$KUBECTL get pod oom -o jsonpath='{.status.containerStatuses[0].state.terminated.reason}' | grep -qx OOMKilled"
eq "OOMKilled exit code" "$(jp oom '{.status.containerStatuses[0].state.terminated.exitCode}')" 137

# configMap, secret and env (the container checks and exits 0 or 1)
$KUBECTL create configmap cfg --from-literal=key=value --from-literal=other=x >/dev/null
$KUBECTL create secret generic sec --from-literal=password=s3cret >/dev/null
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"env","labels":{"app":"env"}},
 "spec":{"nodeName":"node1","restartPolicy":"Never",
 "volumes":[{"name":"cfg","configMap":{"name":"cfg"}},{"name":"sec","secret":{"secretName":"sec"}},
  {"name":"info","downwardAPI":{"items":[{"path":"labels","fieldRef":{"fieldPath":"metadata.labels"}}]}},
  {"name":"scratch","emptyDir":{"medium":"Memory"}}],
 "containers":[{"name":"c","image":"$IMAGE",
  "env":[{"name":"PLAIN","value":"hello"},{"name":"REF","value":"\$(PLAIN)-world"},
   {"name":"FROM_CM","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"key"}}},
   {"name":"FROM_SECRET","valueFrom":{"secretKeyRef":{"name":"sec","key":"password"}}},
   {"name":"MY_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
   {"name":"MY_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
   {"name":"MEM_LIMIT","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1Mi"}}}],
  "envFrom":[{"prefix":"CM_","configMapRef":{"name":"cfg"}}],
  "resources":{"limits":{"memory":"64Mi"}},
  "volumeMounts":[{"name":"cfg","mountPath":"/cfg"},{"name":"sec","mountPath":"/sec","readOnly":true},
   {"name":"info","mountPath":"/info"},{"name":"scratch","mountPath":"/scratch"}],
  "command":["sh","-c","set -e; test \"\$PLAIN\" = hello; test \"\$REF\" = hello-world; test \"\$FROM_CM\" = value; test \"\$FROM_SECRET\" = s3cret; test \"\$MY_NAME\" = env; test \"\$MEM_LIMIT\" = 64; test \"\$CM_other\" = x; test \"\$(cat /cfg/key)\" = value; test \"\$(cat /sec/password)\" = s3cret; grep -q 'app=\"env\"' /info/labels; touch /scratch/f; ! touch /sec/x 2>/dev/null; case \$MY_IP in 198.18.1.*) ;; *) exit 9;; esac"]}]}}
EOF
ok "env, configMap, secret, downwardAPI and emptyDir as the pod sees them" until_ok 60 phase_is env Succeeded
[ "$(jp env '{.status.phase}')" = Succeeded ] || jp env '{.status.containerStatuses[0].state}'

# RuntimeDefault seccomp: unshare gets EPERM (and keyctl-like calls too)
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"seccomp"},
 "spec":{"nodeName":"node1","restartPolicy":"Never",
 "containers":[{"name":"c","image":"$IMAGE",
  "command":["sh","-c","unshare -U true 2>/tmp/e && exit 1; grep -q 'Operation not permitted' /tmp/e"]}]}}
EOF
ok "RuntimeDefault seccomp refuses unshare with EPERM" until_ok 60 phase_is seccomp Succeeded

# probes: readiness follows a file, a failing liveness probe restarts
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"probes"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"web","image":"$IMAGE","command":["sh","-c","mkdir -p /www; echo hi >/www/index.html; httpd -f -p 8080 -h /www"],
  "readinessProbe":{"httpGet":{"path":"/index.html","port":8080},"periodSeconds":1}},
  {"name":"live","image":"$IMAGE","command":["sh","-c","touch /tmp/alive; sleep 3600"],
  "livenessProbe":{"exec":{"command":["test","-f","/tmp/alive-not"]},"periodSeconds":1,"failureThreshold":2},
  "readinessProbe":{"tcpSocket":{"port":8080},"periodSeconds":1}}]}}
EOF
ok "httpGet and tcpSocket readiness make the pod Ready" until_ok 60 sh -c "$KUBECTL get pod probes -o jsonpath='{.status.containerStatuses[?(@.name==\"web\")].ready}' | grep -qx true"
ok "a failing liveness probe restarts the container" until_ok 60 sh -c "[ \"\$($KUBECTL get pod probes -o jsonpath='{.status.containerStatuses[?(@.name==\"live\")].restartCount}')\" -ge 1 ]"

# logs through the server and the agent's endpoint
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"talker"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"a","image":"$IMAGE","command":["sh","-c","i=0; while true; do echo out \$i; echo err \$i >&2; i=\$((i+1)); sleep 0.5; done"]},
  {"name":"b","image":"$IMAGE","command":["sh","-c","echo from-b; printf partial; sleep 0.3; echo -line; sleep 3600"]}]}}
EOF
ok "a two-container pod runs" until_ok 60 phase_is talker Running
sleep 2
match "kubectl logs -c a: stdout and stderr" "$($KUBECTL logs talker -c a --tail=4)" '^(out|err) [0-9]+
(out|err) [0-9]+
(out|err) [0-9]+
(out|err) [0-9]+$'
eq "partial lines joined" "$($KUBECTL logs talker -c b)" "from-b
partial-line"
match "--timestamps as RFC 3339 in UTC" "$($KUBECTL logs talker -c b --timestamps --tail=1)" \
    '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z partial-line$'
eq "--limit-bytes" "$($KUBECTL logs talker -c b --limit-bytes=4)" "from"
n=$($KUBECTL logs talker -c a --since=1s | wc -l)
match "--since keeps only recent lines ($n of 4 a second)" "$n" '^[1-9]$'
match "kubectl logs defaults to the first container" "$($KUBECTL logs talker --tail=2 2>&1)" 'Defaulted container "a" out of: a, b'
fails "the API without a container: BadRequest" $KUBECTL get --raw /api/v1/namespaces/default/pods/talker/log
match "its message" "$($KUBECTL get --raw /api/v1/namespaces/default/pods/talker/log 2>&1)" 'a container name must be specified for pod talker, choose one of: \[a b\]'
match "--all-containers" "$($KUBECTL logs talker --all-containers --tail=1 --prefix)" '\[pod/talker/b\] partial-line'
f=$(timeout 3 $KUBECTL logs -f talker -c a --tail=1 | grep -c '^out ')
match "-f follows new lines ($f in 3 s)" "$f" '^[3-9]$'
match "--previous of a restarted container" "$($KUBECTL logs crash --previous 2>&1; echo rc=$?)" 'rc=0'
match "--previous without a restart" "$($KUBECTL logs sleeper --previous 2>&1)" \
    'previous terminated container "main" in pod "sleeper" not found'

# kubec logs prints what kubectl logs prints
KUBEC=$E2E_TOP/bin/kubec
eq "kubec logs -c b: as kubectl" "$("$KUBEC" logs talker -c b)" "$($KUBECTL logs talker -c b)"
eq "kubec logs POD CONTAINER" "$("$KUBEC" logs talker b)" "from-b
partial-line"
eq "kubec logs --timestamps --tail=1: as kubectl" "$("$KUBEC" logs talker -c b --timestamps --tail=1)" "$($KUBECTL logs talker -c b --timestamps --tail=1)"
eq "kubec logs --limit-bytes" "$("$KUBEC" logs talker -c b --limit-bytes=4)" "from"
eq "kubec logs: the default container, kubectl's notice" "$("$KUBEC" logs talker --tail=1 2>&1 >/dev/null)" "$($KUBECTL logs talker --tail=1 2>&1 >/dev/null)"
eq "kubec logs --all-containers --prefix" "$("$KUBEC" logs talker --all-containers --prefix 2>&1 | grep '^\[pod/talker/b\]')" "[pod/talker/b] from-b
[pod/talker/b] partial-line"
f=$(timeout 3 "$KUBEC" logs -f talker -c a --tail=1 | grep -c '^out ')
match "kubec logs -f follows new lines ($f in 3 s)" "$f" '^[3-9]$'
eq "kubec logs --previous without a restart: as kubectl" "$("$KUBEC" logs sleeper --previous 2>&1; echo "rc=$?")" "$($KUBECTL logs sleeper --previous 2>&1; echo "rc=$?")"
eq "kubec logs of a missing pod: as kubectl" "$("$KUBEC" logs nope 2>&1; echo "rc=$?")" "$($KUBECTL logs nope 2>&1; echo "rc=$?")"

# kubec logs -l: every pod a stream (every container with
# --all-containers), 10 lines each unless --tail (kubectl's selectorTail);
# with -f and several streams all followed at once, whole lines each, at
# most --max-log-requests of them (kubectl's parallelConsumeRequest)
for i in 1 2; do
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"multi-$i","labels":{"logs":"multi"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "initContainers":[{"name":"init","image":"$IMAGE","command":["echo","init of multi-$i"]}],
 "containers":[{"name":"a","image":"$IMAGE","command":["sh","-c","seq 1 12 | sed 's/^/multi-$i a /'; sleep 3600"]},
  {"name":"b","image":"$IMAGE","command":["sh","-c","echo multi-$i b; sleep 3600"]}]}}
EOF
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"stream-$i","labels":{"logs":"stream"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"c","image":"$IMAGE","command":["sh","-c","x=\$(head -c 3000 /dev/zero | tr '\\\\0' x); n=0; while true; do echo \"stream-$i \$n \$x end\"; n=\$((n+1)); sleep 0.1; done"]}]}}
EOF
done
for p in multi-1 multi-2 stream-1 stream-2; do
	ok "$p runs" until_ok 60 phase_is $p Running
done
sleep 1
# kubectl keeps a command's streams in a Go map (logsForObjectWithClient
# returns map[ObjectReference]ResponseWrapper), so the order of its
# pods and containers changes from run to run: both outputs sorted
sorted() { "$@" 2>&1 | sort; }
eq "kubec logs -l --prefix --all-containers: kubectl's lines" \
    "$(sorted "$KUBEC" logs -l logs=multi --prefix --all-containers)" \
    "$(sorted $KUBECTL logs -l logs=multi --prefix --all-containers)"
eq "... 10 of a container's 12 lines (--tail's default with -l)" \
    "$("$KUBEC" logs -l logs=multi --prefix --all-containers | grep -c '^\[pod/multi-1/a\] multi-1 a ')" 10
eq "kubec logs -l --prefix (the default containers, kubectl's notices)" \
    "$(sorted "$KUBEC" logs -l logs=multi --prefix)" \
    "$(sorted $KUBECTL logs -l logs=multi --prefix)"
eq "kubec logs -l --tail=-1: every line, as kubectl" \
    "$(sorted "$KUBEC" logs -l logs=multi -c a --tail=-1)" \
    "$(sorted $KUBECTL logs -l logs=multi -c a --tail=-1)"
eq "kubec logs -l -c of a container some pod lacks: as kubectl" \
    "$("$KUBEC" logs -l logs=multi -c nope 2>&1; echo "rc=$?")" \
    "$($KUBECTL logs -l logs=multi -c nope 2>&1; echo "rc=$?")"
# -f: both pods' lines as they come, none cut by the other's (3 KB
# lines, longer than what one read of a stream may bring)
whole='^\[pod/stream-([12])/c\] stream-\1 [0-9]+ x{3000} end$'
timeout 4 "$KUBEC" logs -f -l logs=stream --prefix >"$E2E_TMP/follow-l.log" 2>&1
n=$(grep -c . "$E2E_TMP/follow-l.log")
eq "kubec logs -f -l: every pod's lines ($n in 4 s)" \
    "$(grep -o '^\[pod/[^]]*\]' "$E2E_TMP/follow-l.log" | sort -u)" "[pod/stream-1/c]
[pod/stream-2/c]"
eq "... each line whole" "$(grep -Evc "$whole" "$E2E_TMP/follow-l.log")" 0
match "... and new ones followed past --tail's 10 a pod" "$n" '^(2[5-9]|[3-9][0-9]|[1-9][0-9]{2})$'
timeout 4 $KUBECTL logs -f -l logs=stream --prefix >"$E2E_TMP/follow-l-kubectl.log" 2>&1
eq "kubectl logs -f -l: the same pods" \
    "$(grep -o '^\[pod/[^]]*\]' "$E2E_TMP/follow-l-kubectl.log" | sort -u)" "[pod/stream-1/c]
[pod/stream-2/c]"
eq "... the same whole lines" "$(grep -Evc "$whole" "$E2E_TMP/follow-l-kubectl.log")" 0
eq "kubec logs -f --all-containers: each container a stream" \
    "$(timeout 3 "$KUBEC" logs -f multi-1 --all-containers --prefix | grep -o '^\[pod/[^]]*\]' | sort -u)" \
    "[pod/multi-1/a]
[pod/multi-1/b]
[pod/multi-1/init]"
eq "kubec logs -f -l --max-log-requests=1: kubectl's error and status" \
    "$("$KUBEC" logs -f -l logs=stream --max-log-requests=1 2>&1; echo "rc=$?")" \
    "$($KUBECTL logs -f -l logs=stream --max-log-requests=1 2>&1; echo "rc=$?")"
match "... the limit" "$("$KUBEC" logs -f -l logs=stream --max-log-requests=1 2>&1)" \
    '^error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit$'
match "kubec logs -f of one stream: no limit (as kubectl)" \
    "$(timeout 2 "$KUBEC" logs -f stream-1 --max-log-requests=0 --tail=1 2>&1 | grep -c '^stream-1 ')" '^[1-9][0-9]*$'
# a stream that fails (a container waiting for its image): the command
# ends with its error, as kubectl's (its pipe closed with the error);
# with --ignore-errors the error is a line of the output and the other
# streams go on
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"broken","labels":{"grp":"err"}},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"c","image":"$REGISTRY_ADDR/missing:1.0"}]}}
EOF
$KUBECTL label pod stream-1 grp=err >/dev/null
ok "a pod waits for a missing image" until_ok 30 sh -c "$KUBECTL get pod broken -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}' | grep -q ."
eq "kubec logs -f -l, a stream failing: kubectl's error and status" \
    "$(timeout 20 "$KUBEC" logs -f -l grp=err 2>&1 >/dev/null; echo "rc=$?")" \
    "$(timeout 20 $KUBECTL logs -f -l grp=err 2>&1 >/dev/null; echo "rc=$?")"
timeout 3 "$KUBEC" logs -f -l grp=err --prefix --ignore-errors >"$E2E_TMP/ignore.log" 2>&1
timeout 3 $KUBECTL logs -f -l grp=err --prefix --ignore-errors >"$E2E_TMP/ignore-kubectl.log" 2>&1
eq "... with --ignore-errors: the error a line of the output, as kubectl" \
    "$(grep '^error: ' "$E2E_TMP/ignore.log")" "$(grep '^error: ' "$E2E_TMP/ignore-kubectl.log")"
match "... and the other stream goes on" "$(grep -c '^\[pod/stream-1/c\]' "$E2E_TMP/ignore.log")" '^[1-9][0-9]+$'
$KUBECTL delete pod multi-1 multi-2 stream-1 stream-2 broken --wait=false >/dev/null

fails "the agent's endpoint refuses callers without the server's certificate" \
    curl -skf https://198.19.0.2:10250/containerLogs/default/talker/b
match "with 401" "$(curl -sk -o /dev/null -w '%{http_code}' https://198.19.0.2:10250/containerLogs/default/talker/b)" '^(401|000)$'

# log rotation by size, as kubelet's: over 10 MiB the file is kept aside
# and conmon starts a new one, which kubectl logs (and -f) then read
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"chatty"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"c","image":"$IMAGE","command":["sh","-c","head -c 12000000 /dev/zero | tr '\\\\0' x | fold -w 1000; i=0; while true; do echo tick \$i; i=\$((i+1)); sleep 0.2; done"]}]}}
EOF
ok "a chatty pod runs" until_ok 60 phase_is chatty Running
timeout 40 $KUBECTL logs -f chatty --tail=1 >"$E2E_TMP/follow.log" 2>&1 &
fpid=$!
rotated() { ls "$AGENT_DIR"/logs/default_chatty_*/c/0.log.2* >/dev/null 2>&1; }
ok "the log is rotated past 10 MiB" until_ok 40 rotated
sleep 2
kill "$fpid" 2>/dev/null; wait "$fpid" 2>/dev/null
# the check runs every few seconds: what the pod wrote after it is in
# the new file, which is still far below the limit
size=$(stat -c %s "$AGENT_DIR"/logs/default_chatty_*/c/0.log)
ok "the current file starts small again ($size bytes)" [ "$size" -lt $((8 * 1024 * 1024)) ]
match "kubectl logs reads the new file" "$($KUBECTL logs chatty --tail=1)" '^tick [0-9]+$'
last=$(grep '^tick' "$E2E_TMP/follow.log" | tail -1)
now=$($KUBECTL logs chatty --tail=1)
match "kubectl logs -f went on across the rotation (last $last, now $now)" \
    "$(( ${now#tick } - ${last#tick } ))" '^[0-9]{1,2}$'
$KUBECTL delete pod chatty --wait=false >/dev/null

# exec, with and without a terminal, and cp (exec + tar)
eq "exec: stdout" "$($KUBECTL exec talker -c b -- echo hello)" hello
$KUBECTL exec talker -c b -- sh -c 'echo o; echo e >&2; exit 3' >"$E2E_TMP/x.out" 2>"$E2E_TMP/x.err"
eq "exec: the exit code" "$?" 3
eq "exec: its stdout" "$(cat "$E2E_TMP/x.out")" o
match "exec: its stderr and kubectl's word" "$(cat "$E2E_TMP/x.err")" '^e
command terminated with exit code 3$'
eq "exec -i: stdin to the end" "$(seq 1 20000 | $KUBECTL exec -i talker -c b -- wc -l)" 20000
eq "exec runs in the pod's namespaces" "$($KUBECTL exec talker -c b -- hostname)" talker
out=$( (sleep 2; printf 'stty size; tty; exit 5\n') | script -qec "stty cols 101 rows 33; $KUBECTL exec -it talker -c b -- sh" /dev/null 2>&1)
match "exec -it: a terminal of the client's size" "$out" '33 101'
match "exec -it: /dev/pts" "$out" '/dev/pts/[0-9]+'
match "exec -it: the shell's exit code" "$out" 'command terminated with exit code 5'
printf 'copied %s\n' "$$" >"$E2E_TMP/cp-src"
ok "kubectl cp into the pod" $KUBECTL cp "$E2E_TMP/cp-src" talker:/tmp/cp-dst -c b
eq "the file is there" "$($KUBECTL exec talker -c b -- cat /tmp/cp-dst)" "copied $$"
ok "kubectl cp out of the pod" $KUBECTL cp talker:/tmp/cp-dst "$E2E_TMP/cp-back" -c b
eq "the file came back" "$(cat "$E2E_TMP/cp-back")" "copied $$"
match "exec into a completed pod" "$($KUBECTL exec done -- true 2>&1)" 'cannot exec into a container in a completed pod|is not running'
$KUBECTL delete pod talker --wait=false >/dev/null

# port-forward: WebSocket-tunnelled SPDY (kubectl 1.31+) and raw SPDY
# (older kubectl); exec over SPDY for kubectl before 1.30
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"c","image":"$IMAGE","command":["sh","-c","mkdir -p /www; echo hello-pf >/www/index.html; exec httpd -f -p 8080 -h /www"]}]}}
EOF
ok "a web pod runs" until_ok 60 phase_is web Running
old_kubectl() {	# old_kubectl VERSION: the path of kubectl.1.VERSION, or nothing
	command -v "kubectl.1.$1" 2>/dev/null || { [ -x "/usr/lib/google-cloud-sdk/bin/kubectl.1.$1" ] &&
	    echo "/usr/lib/google-cloud-sdk/bin/kubectl.1.$1"; }
}
pf_check() {	# pf_check KUBECTL LOCALPORT: a forwarded port answers twice
	local pid out
	"$1" port-forward pod/web "$2:8080" >"$E2E_TMP/pf.log" 2>&1 &
	pid=$!
	for _ in $(seq 50); do grep -q Forwarding "$E2E_TMP/pf.log" && break; sleep 0.1; done
	out=$(curl -s -m 5 "http://127.0.0.1:$2/index.html"; curl -s -m 5 "http://127.0.0.1:$2/index.html")
	kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
	[ "$out" = "hello-pf
hello-pf" ]
}
ok "kubectl port-forward (WebSocket tunnel) carries two connections" pf_check "$KUBECTL" 18080
k127=$(old_kubectl 27)
if [ -n "$k127" ]; then
	ok "kubectl 1.27 port-forward (SPDY)" pf_check "$k127" 18081
	eq "kubectl 1.27 exec (SPDY): output" "$("$k127" exec web -- sh -c 'echo spdy-out')" spdy-out
	"$k127" exec web -- sh -c 'exit 4' 2>/dev/null
	eq "kubectl 1.27 exec (SPDY): the exit code" "$?" 4
	eq "kubectl 1.27 exec -i (SPDY): stdin" "$(seq 1 3000 | "$k127" exec -i web -- wc -l)" 3000
fi
"$KUBECTL" port-forward pod/web 18082:9999 >"$E2E_TMP/pf-bad.log" 2>&1 &
pid=$!
sleep 1; curl -s -m 3 http://127.0.0.1:18082/ >/dev/null; sleep 1
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
match "a closed port is reported as kubelet does" "$(cat "$E2E_TMP/pf-bad.log")" 'error forwarding port 9999 to pod.*connection refused'

# attach, and kubectl run -it --rm (attach with a terminal)
tty_diag() {	# what a hung terminal session leaves to see, on stdout
	local id pid
	for id in $(agent_ns ls "$AGENT_DIR/runtime/ctr" 2>/dev/null | grep "$1"); do
		pid=$(agent_ns cat "$AGENT_DIR/runtime/ctr/$id/pidfile" 2>/dev/null)
		[ -n "$pid" ] || continue
		echo "# $id: pid $pid, stat $(cut -d' ' -f3-8 "/proc/$pid/stat" 2>&1)," \
		    "wchan $(cat "/proc/$pid/wchan" 2>&1), exe $(readlink "/proc/$pid/exe")"
		ps -o pid,ppid,pgid,sid,tpgid,stat,wchan:20,args -p "$pid" --ppid "$pid" 2>&1 | sed 's/^/# /'
	done
	tail -5 "$E2E_TMP/agent.log" | sed 's/^/# agent: /'
	echo "# $($KUBECTL get pod "$1" -o jsonpath='{.status.containerStatuses}' 2>&1)"
}
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"reader"},
 "spec":{"nodeName":"node1","terminationGracePeriodSeconds":1,
 "containers":[{"name":"c","image":"$IMAGE","stdin":true,"command":["sh","-c","while read l; do echo got \$l; done"]}]}}
EOF
ok "a pod with stdin runs" until_ok 60 phase_is reader Running
out=$( (sleep 1; echo one; sleep 1; echo two; sleep 1) | timeout 8 $KUBECTL attach -i reader 2>/dev/null)
match "kubectl attach -i: input in, output out" "$out" 'got one
got two'
out=$( (echo early; sleep 2) | timeout 6 $KUBECTL attach -i reader 2>/dev/null)
match "input sent at once is not lost" "$out" 'got early'
out=$( (sleep 3; printf 'echo inside-$((6*7)); exit 3\n') | script -qec "timeout --foreground 60 $KUBECTL run -it --rm tty-run --image=$IMAGE --restart=Never --overrides='{\"spec\":{\"nodeName\":\"node1\"}}' -- sh" /dev/null 2>&1)
match "kubectl run -it --rm: a shell on a terminal" "$out" 'inside-42'
match "kubectl run -it --rm: the pod is deleted" "$out" 'pod "tty-run" deleted'
case $out in *inside-42*) ;; *) tty_diag tty-run ;; esac
$KUBECTL delete pod web reader --wait=false >/dev/null

# kill -9 of the agent: the containers live on and are adopted
cid=$(jp sleeper '{.status.containerStatuses[0].containerID}')
kill -KILL "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null
$KUBECTL create -f - >/dev/null <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"while-down"},
 "spec":{"nodeName":"node1","restartPolicy":"Never",
 "containers":[{"name":"c","image":"$IMAGE","command":["true"]}]}}
EOF
sleep 1
agent_start
ok "after a restart the agent runs pods made meanwhile" until_ok 60 phase_is while-down Succeeded
eq "a running container is adopted, not restarted" "$(jp sleeper '{.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount}')" "$cid 0"
eq "it is still running" "$(jp sleeper '{.status.phase}')" Running

# the scheduler and the controllers with a real node: a Deployment's
# pods placed and running in containers, and a StatefulSet whose volume
# (provisioned by local-path on this node) keeps its data when its pod
# is made again
$KUBECTL create deployment hello --image="$IMAGE" --replicas=2 -- sh -c 'echo started; sleep 3600' >/dev/null
ok "a Deployment's pods are placed on the node and run" $KUBECTL rollout status deployment/hello --timeout=90s
eq "on node1" "$($KUBECTL get pods -l app=hello -o jsonpath='{range .items[*]}{.spec.nodeName} {.status.phase}{"\n"}{end}' | sort -u)" "node1 Running"
$KUBECTL scale deployment hello --replicas=1 >/dev/null
ok "scaled down: a container stopped" until_ok 60 sh -c "[ \"\$($KUBECTL get pods -l app=hello -o name | wc -l)\" = 1 ]"
$KUBECTL delete deployment hello >/dev/null
$KUBECTL create -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: keep}
spec:
  serviceName: keep
  replicas: 1
  selector: {matchLabels: {app: keep}}
  template:
    metadata: {labels: {app: keep}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: c
        image: $IMAGE
        command: [sh, -c, 'cat /data/note 2>/dev/null || echo none; echo written-by-\$(hostname)-\$\$ >/data/note; sleep 3600']
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 64Mi}}}
EOF
ok "a StatefulSet with a claim runs" until_ok 90 phase_is keep-0 Running
eq "its claim is bound (local-path)" "$($KUBECTL get pvc data-keep-0 -o jsonpath='{.status.phase} {.spec.storageClassName}')" "Bound local-path"
match "its volume is a directory on the node" "$(ls "$E2E_TMP"/storage/ 2>&1)" '^pvc-'
keep_said() { ctr_log keep-0 | grep -qxF "$1"; }
ok "the first pod found it empty" until_ok 30 keep_said none
first=$(cat "$E2E_TMP"/storage/pvc-*/note 2>/dev/null)
match "and wrote into it" "$first" '^written-by-keep-0-'
uid=$(jp keep-0 '{.metadata.uid}')
$KUBECTL delete pod keep-0 --wait=false >/dev/null
keep_again() { [ "$(jp keep-0 '{.metadata.uid} {.status.phase}')" != "$uid Running" ] && phase_is keep-0 Running; }
ok "the pod is made again" until_ok 90 keep_again
ok "and reads what the first wrote" until_ok 30 keep_said "$first"
$KUBECTL delete statefulset keep >/dev/null
$KUBECTL delete pod keep-0 --wait=false >/dev/null 2>&1

# manifests/examples, applied as a user would (the image from the test's
# registry), each checked for what its comment says it does
EX=$E2E_TMP/examples
mkdir -p "$EX"
for f in "$E2E_TOP"/manifests/examples/*.yaml; do
	sed "s#image: busybox:1.36#image: $IMAGE#" "$f" >"$EX/${f##*/}"
done
ok "the examples apply (with kubec)" "$E2E_TOP/bin/kubec" apply -f "$EX"
ok "web: the Deployment rolls out, its readiness probe passing" $KUBECTL rollout status deployment/web --timeout=90s
eq "web: the Service has both pods as endpoints" "$($KUBECTL get endpoints web -o jsonpath='{.subsets[*].addresses[*].ip}' | wc -w)" 2
web_ip=$($KUBECTL get pods -l app=web -o jsonpath='{.items[0].status.podIP}')
match "web: a pod answers on its IP" "$(curl -s -m 5 "http://$web_ip:8080/")" '^hello from web-'
ok "config: the pod completes" until_ok 60 phase_is config-reader Succeeded
eq "config: it read the ConfigMap and the Secret" "$($KUBECTL logs config-reader)" "greeting=hello password=s3cret
level=debug"
ok "job: completes" $KUBECTL wait --for=condition=complete job/answer --timeout=60s
eq "job: its answer" "$($KUBECTL logs job/answer)" 42
eq "... and kubec logs job/NAME says the same" "$("$E2E_TOP/bin/kubec" logs job/answer)" 42
eq "kubec logs -l" "$("$E2E_TOP/bin/kubec" logs -l job-name=answer)" 42
$KUBECTL create job tick-now --from=cronjob/tick >/dev/null
ok "cronjob: a Job made from its template completes" $KUBECTL wait --for=condition=complete job/tick-now --timeout=60s
ok "statefulset: rolls out" $KUBECTL rollout status statefulset/counter --timeout=90s
eq "statefulset: its claim is bound" "$($KUBECTL get pvc data-counter-0 -o jsonpath='{.status.phase}')" Bound
ok "statefulset: first start" until_ok 20 sh -c "$KUBECTL logs counter-0 | grep -qx 'start 1'"
ok "daemonset: rolls out" $KUBECTL rollout status daemonset/node-report --timeout=90s
ok "daemonset: its pod says where it runs" until_ok 20 sh -c "$KUBECTL logs daemonset/node-report | grep -qx 'on node1'"
ok "the examples delete (with kubec)" "$E2E_TOP/bin/kubec" delete -f "$EX" --wait=false
$KUBECTL delete job/tick-now pvc/data-counter-0 --wait=false >/dev/null 2>&1

# graceful deletion
ok "kubectl delete pod waits for the agent" $KUBECTL delete pod sleeper --timeout=30s
fails "the pod is gone" $KUBECTL get pod sleeper

e2e_done
