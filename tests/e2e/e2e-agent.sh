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

ok "registry starts" registry_start
ok "busybox image pushed" registry_push_busybox 1.0
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
server_start
agent_start

ok "node registers Ready" until_ok 20 sh -c \
    "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
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

# graceful deletion
ok "kubectl delete pod waits for the agent" $KUBECTL delete pod sleeper --timeout=30s
fails "the pod is gone" $KUBECTL get pod sleeper

e2e_done
