#!/usr/bin/env bash
# e2e-agent-pods.sh - what kubec-agent does for a pod, seen from inside its
# containers (what they print, read back from the CRI log files conmon
# writes) and through the real kubectl: securityContext (users, read-only
# root, capabilities, privileged, no_new_privs, seccomp Unconfined and
# Localhost), masked and read-only /proc paths, init containers,
# cgroup limits, preStop hooks and grace periods, image pull policies,
# `kubec-agent image import` and image garbage collection, volumes
# (configMap and secret modes and items, updates, projected, subPath,
# emptyDir sizeLimit, hostPath types), pod networking (pod to pod, node to
# pod, hostPort, /etc/hosts), service environment variables and
# resolv.conf (dnsPolicy, dnsConfig), and the Node's conditions,
# allocatable and Lease.
#
# Like e2e-agent.sh it runs in a network namespace of its own
# (lib-agent.sh), with addresses from 198.18.0.0/15 only, and removes
# every process, mount, cgroup and container it made, even on failure.
set -u
. "$(dirname "$0")/lib-agent.sh"

# pod_create: a manifest on stdin, with @IMAGE@, @REG@ (the registry) and
# @TMP@ (E2E_TMP) replaced
pod_create() {
	sed -e "s|@IMAGE@|$IMAGE|g" -e "s|@REG@|$REGISTRY_ADDR|g" \
	    -e "s|@TMP@|$E2E_TMP|g" | $KUBECTL create -f - >/dev/null
}
# status POD: the STATUS column of kubectl get pods
status() { $KUBECTL get pod "$1" --no-headers 2>/dev/null | awk '{print $3}'; }
status_is() { [ "$(status "$1")" = "$2" ]; }
log_has() { ctr_log "$1" | grep -q -- "$2"; }	# log_has POD REGEX
waiting_is() {	# waiting_is POD REASON
	[ "$(jp "$1" '{.status.containerStatuses[0].state.waiting.reason}')" = "$2" ]
}
# done_ok POD...: every pod Succeeded within a minute (a failed one shows
# its container's state and output)
done_ok() {
	local p rc=0
	for p in "$@"; do
		if ! until_ok 60 phase_is "$p" Succeeded; then
			echo "$p: $(jp "$p" '{.status.phase} {.status.containerStatuses[*].state}')"
			ctr_log "$p" | head -20
			rc=1
		fi
	done
	return $rc
}
# elapsed COMMAND...: runs it, prints the seconds it took
elapsed() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{printf "%.1f", $2 - $1}'
}
between() {	# between X LOW HIGH
	awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(x >= lo && x <= hi) }'
}

ok "registry starts" registry_start
ok "busybox image pushed" registry_push_busybox 1.0
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
server_start
mkdir -p "$AGENT_DIR/seccomp"
# a Localhost profile: everything but mkdir
cat >"$AGENT_DIR/seccomp/no-mkdir.json" <<'EOF'
{"defaultAction": "SCMP_ACT_ALLOW",
 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO",
  "errnoRet": 1}]}
EOF
# the node's resolver file (Default pods get it; ClusterFirst its search)
cat >"$E2E_TMP/node-resolv.conf" <<'EOF'
# a comment
nameserver 198.18.0.2
nameserver 198.18.0.3
search old.example
search node.example.
options timeout:2
options attempts:3
EOF
agent_start --resolv-conf "$E2E_TMP/node-resolv.conf"
ok "node registers Ready" until_ok 20 sh -c \
    "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"

# the agent started itself again without glibc's per-thread malloc cache
# (main_tunables), and its children run with the usual malloc
ok "the agent runs with GLIBC_TUNABLES=glibc.malloc.tcache_count=0" \
    sh -c "tr '\\0' '\\n' < /proc/$AGENT_PID/environ | grep -qx GLIBC_TUNABLES=glibc.malloc.tcache_count=0"
agent_children() {
	local p n=0
	for p in $(pgrep -P "$AGENT_PID"); do
		tr '\0' '\n' < "/proc/$p/environ" | grep -q '^GLIBC_TUNABLES=' && return 1
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}
ok "the agent's children (dnsmasq) do not inherit it" until_ok 20 agent_children
eq "it keeps its name after starting itself again (ps, pgrep)" "$(ps -o comm= -p "$AGENT_PID")" kubec-agent

# ---- crun from a sealed copy; cgroups kept warm (runtime.c, cgroups.c) ----
agent_cgroup=$(cat "/proc/$AGENT_PID/cgroup")
sealed_pod() {	# sealed_pod NAME: a pod that sleeps
	pod_create <<EOF
apiVersion: v1
kind: Pod
metadata: {name: $1}
spec:
  nodeName: node1
  terminationGracePeriodSeconds: 1
  containers:
  - {name: c, image: "@IMAGE@", command: [sleep, "3600"]}
EOF
}
conmon_runtime() {	# conmon_runtime POD: the -r its container's conmon got
	local id pid
	id=$(jp "$1" '{.metadata.uid}')-c-0
	pid=$(agent_ns cat "$AGENT_DIR/runtime/ctr/$id/conmon.pid") || return 1
	tr '\0' '\n' < "/proc/$pid/cmdline" | sed -n '/^-r$/{n;p;q}'
}
sealed_crun() {	# sealed_crun PATH: a memfd of the agent, sealed, /usr/bin/crun
	python3 - "$1" "$AGENT_PID" <<'PY'
import fcntl, os, sys
path, pid = sys.argv[1], sys.argv[2]
assert path.startswith("/proc/%s/fd/" % pid), path
assert os.readlink(path).startswith("/memfd:crun"), os.readlink(path)
fd = os.open(path, os.O_RDONLY)
# F_GET_SEALS: F_SEAL_SEAL|F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE, what
# crun takes for a copy nothing can change
assert fcntl.fcntl(fd, 1034) == 15, fcntl.fcntl(fd, 1034)
assert os.read(fd, 1 << 24) == open("/usr/bin/crun", "rb").read()
PY
}
sealed_pod sealed-1
ok "sealed-1 runs" until_ok 60 phase_is sealed-1 Running
eq "the containers' runtime state is on tmpfs in the agent's mount namespace" \
    "$(for d in crun ctr exits sock; do agent_ns stat -f -c %T "$AGENT_DIR/runtime/$d"; done | sort -u)" tmpfs
eq "  and not on the data directory's disk" "$(ls -A "$AGENT_DIR/runtime/crun" "$AGENT_DIR/runtime/ctr")" \
    "$AGENT_DIR/runtime/crun:

$AGENT_DIR/runtime/ctr:"
crun1=$(conmon_runtime sealed-1)
ok "conmon runs crun from a sealed copy in the agent (${crun1:-none})" sealed_crun "$crun1"
# an upgraded crun (here: a new mtime, put back after) is copied again
# for the next calls
touch -r /usr/bin/crun "$E2E_TMP/crun.mtime"
touch -m /usr/bin/crun
sealed_pod sealed-2
ok "sealed-2 runs" until_ok 60 phase_is sealed-2 Running
crun2=$(conmon_runtime sealed-2)
ok "crun replaced on the node: a new sealed copy (${crun2:-none})" \
    sh -c "[ '$crun2' != '$crun1' ] && [ -n '$crun2' ]"
ok "  which is sealed and the node's crun" sealed_crun "$crun2"
touch -m -r "$E2E_TMP/crun.mtime" /usr/bin/crun
eq "kubectl exec runs (crun exec from the copy)" "$($KUBECTL exec sealed-2 -- echo exec-works)" exec-works
eq "the agent's cgroups are its own after the warm-up moves" "$(cat "/proc/$AGENT_PID/cgroup")" "$agent_cgroup"
$KUBECTL delete pod sealed-1 sealed-2 --wait=false >/dev/null

# ---- the Node as kubelet reports it ----
eq "node conditions in kubelet's order" "$($KUBECTL get node node1 -o jsonpath='{range .status.conditions[*]}{.type}={.status}/{.reason} {end}')" \
    "MemoryPressure=False/KubeletHasSufficientMemory DiskPressure=False/KubeletHasNoDiskPressure PIDPressure=False/KubeletHasSufficientPID Ready=True/KubeletReady "
eq "Ready's message" "$($KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}')" "kubelet is posting ready status"
node_json=$($KUBECTL get node node1 -o json)
eq "allocatable as kubelet computes it (cpu, pods; memory less 100Mi; ephemeral-storage less 10%)" \
    "$(printf '%s' "$node_json" | python3 -c '
import json, sys
n = json.load(sys.stdin)["status"]
def q(s):
    for suf, m in (("Ki", 1024), ("Mi", 1 << 20), ("Gi", 1 << 30)):
        if s.endswith(suf):
            return int(s[:-2]) * m
    return int(s)
c, a = n["capacity"], n["allocatable"]
print(a["cpu"] == c["cpu"], a["pods"] == c["pods"],
      q(c["memory"]) - q(a["memory"]) == 100 << 20,
      abs(q(c["ephemeral-storage"]) * 0.9 - q(a["ephemeral-storage"])) < 1024,
      sorted(c) == sorted(a))')" "True True True True True"
renew1=$($KUBECTL get lease -n kube-node-lease node1 -o jsonpath='{.spec.renewTime}')
ready_since=$($KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].lastTransitionTime}')

# ---- securityContext ----
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: sc-user}
spec:
  nodeName: node1
  restartPolicy: Never
  securityContext: {runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000]}
  containers:
  - name: pod-level
    image: @IMAGE@
    command: [sh, -c, 'echo $(id -u) $(id -g) $(id -G)']
  - name: ctr-level
    image: @IMAGE@
    securityContext: {runAsUser: 1001, runAsGroup: 3001}
    command: [sh, -c, 'echo $(id -u) $(id -g)']
---
apiVersion: v1
kind: Pod
metadata: {name: sc-ro}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes: [{name: data, emptyDir: {}}]
  containers:
  - name: c
    image: @IMAGE@
    securityContext: {readOnlyRootFilesystem: true}
    volumeMounts: [{name: data, mountPath: /data}]
    command:
    - sh
    - -c
    - |
      if touch /x 2>/data/err; then echo root-writable; else grep -o 'Read-only file system' /data/err; fi
      touch /data/x && echo emptyDir-writable
---
apiVersion: v1
kind: Pod
metadata: {name: sc-caps}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    securityContext: {capabilities: {drop: [ALL], add: [NET_ADMIN]}}
    command:
    - sh
    - -c
    - |
      awk '/^Cap(Eff|Bnd):/ {print $1, $2}' /proc/self/status
      ip addr add 198.18.200.1/32 dev lo && echo net-admin-works
      chown 5 /tmp 2>/dev/null || echo no-chown
---
apiVersion: v1
kind: Pod
metadata: {name: sc-default}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    command:
    - sh
    - -c
    - |
      awk '/^(CapEff|CapBnd|NoNewPrivs|Seccomp):/ {print $1, $2}' /proc/self/status
      mkdir /mnt; mount -t tmpfs t /mnt 2>/dev/null && echo mount-works || echo mount-refused
      ip addr add 198.18.200.1/32 dev lo 2>/dev/null && echo net-admin || echo no-net-admin
      unshare -U true 2>/dev/null && echo unshare-works || echo unshare-refused
      echo timer_list $(cat /proc/timer_list | wc -c) keys $(cat /proc/keys | wc -c) acpi $(ls /proc/acpi | wc -l) firmware $(ls /sys/firmware | wc -l)
      { echo x >/proc/sys/kernel/hostname; } 2>&1 | grep -o 'Read-only file system'
      awk '$2 ~ /^\/proc\/(bus|fs|irq|sys)$/ {split($4, o, ","); print $2, o[1]}' /proc/mounts | sort
---
apiVersion: v1
kind: Pod
metadata: {name: sc-nnp}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    securityContext: {allowPrivilegeEscalation: false}
    command: [sh, -c, "awk '/^NoNewPrivs:/ {print $1, $2}' /proc/self/status"]
---
apiVersion: v1
kind: Pod
metadata: {name: sc-priv}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    securityContext: {privileged: true}
    command:
    - sh
    - -c
    - |
      awk '/^(CapEff|NoNewPrivs|Seccomp):/ {print $1, $2}' /proc/self/status
      mkdir /mnt; mount -t tmpfs t /mnt && echo mount-works
      echo timer_list $(( $(cat /proc/timer_list | wc -c) > 0 ))
      awk '$2 == "/sys" {split($4, o, ","); print $2, o[1]}' /proc/mounts
---
apiVersion: v1
kind: Pod
metadata: {name: sc-unconfined}
spec:
  nodeName: node1
  restartPolicy: Never
  securityContext: {seccompProfile: {type: Unconfined}}
  containers:
  - name: c
    image: @IMAGE@
    command: [sh, -c, "awk '/^Seccomp:/ {print $1, $2}' /proc/self/status; unshare -U true && echo unshare-works"]
---
apiVersion: v1
kind: Pod
metadata: {name: sc-localhost}
spec:
  nodeName: node1
  restartPolicy: Never
  securityContext: {seccompProfile: {type: Unconfined}}
  containers:
  - name: c
    image: @IMAGE@
    securityContext: {seccompProfile: {type: Localhost, localhostProfile: no-mkdir.json}}
    command:
    - sh
    - -c
    - |
      awk '/^Seccomp:/ {print $1, $2}' /proc/self/status
      mkdir /d 2>&1 | grep -o 'Operation not permitted'
      touch /f && echo touch-works
      unshare -U true && echo unshare-works
---
apiVersion: v1
kind: Pod
metadata: {name: sc-nofile}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    securityContext: {seccompProfile: {type: Localhost, localhostProfile: absent.json}}
    command: ["true"]
EOF
ok "securityContext pods complete" done_ok sc-user sc-ro sc-caps sc-default sc-nnp sc-priv sc-unconfined sc-localhost
eq "runAsUser, runAsGroup, supplementalGroups of the pod" "$(ctr_log sc-user pod-level)" "1000 3000 3000 4000"
eq "a container's runAsUser and runAsGroup win" "$(ctr_log sc-user ctr-level)" "1001 3001"
eq "readOnlyRootFilesystem: / is read-only, an emptyDir is not" "$(ctr_log sc-ro)" \
    "Read-only file system
emptyDir-writable"
eq "capabilities drop ALL, add NET_ADMIN: CapEff and CapBnd hold NET_ADMIN only" "$(ctr_log sc-caps)" \
    "CapEff: 0000000000001000
CapBnd: 0000000000001000
net-admin-works
no-chown"
eq "defaults: Docker's capability set, no CAP_SYS_ADMIN or NET_ADMIN, RuntimeDefault seccomp, masked and read-only /proc paths" \
    "$(ctr_log sc-default)" \
    "CapEff: 00000000a80425fb
CapBnd: 00000000a80425fb
NoNewPrivs: 0
Seccomp: 2
mount-refused
no-net-admin
unshare-refused
timer_list 0 keys 0 acpi 0 firmware 0
Read-only file system
/proc/bus ro
/proc/fs ro
/proc/irq ro
/proc/sys ro"
eq "allowPrivilegeEscalation false sets no_new_privs" "$(ctr_log sc-nnp)" "NoNewPrivs: 1"
reasons() {	# reasons POD: the reasons of its events, oldest first
	$KUBECTL get events --field-selector "involvedObject.name=$1" -o jsonpath='{range .items[*]}{.reason} {end}'
}
ok "kubelet's events of a pod: (Pulling,) Pulled, Created, Started" until_ok 20 sh -c \
    "$KUBECTL get events --field-selector involvedObject.name=sc-nnp -o jsonpath='{range .items[*]}{.reason} {end}' | grep -Ex '(Pulling Pulled|Pulled) Created Started '"
echo "# sc-nnp: $(reasons sc-nnp)"
match "kubectl describe shows them from the kubelet" "$($KUBECTL describe pod sc-nnp)" \
    "Normal +Started +[^ ]+ +kubelet +Started container c"
eq "privileged: every capability of the node, no seccomp, mounts, /proc and /sys unmasked and writable" "$(ctr_log sc-priv)" \
    "CapEff: $(awk '/^CapBnd:/ {print $2}' /proc/self/status)
NoNewPrivs: 0
Seccomp: 0
mount-works
timer_list 1
/sys rw"
eq "seccompProfile Unconfined (the pod's): no filter, unshare works" "$(ctr_log sc-unconfined)" \
    "Seccomp: 0
unshare-works"
eq "seccompProfile Localhost (the container's wins): the profile denies mkdir only" "$(ctr_log sc-localhost)" \
    "Seccomp: 2
Operation not permitted
touch-works
unshare-works"
ok "a missing Localhost profile keeps the container from being created" until_ok 30 sh -c \
    "$KUBECTL get pod sc-nofile -o jsonpath='{.status.containerStatuses[0].state.waiting.reason} {.status.containerStatuses[0].state.waiting.message}' | grep -q '^CreateContainer.*Error .*absent.json'"
$KUBECTL delete pod sc-user sc-ro sc-caps sc-default sc-nnp sc-priv sc-unconfined sc-localhost sc-nofile --wait=false >/dev/null

# ---- init containers ----
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: init-order}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes: [{name: w, emptyDir: {}}]
  initContainers:
  - {name: first, image: @IMAGE@, volumeMounts: [{name: w, mountPath: /w}], command: [sh, -c, 'sleep 3; echo first >>/w/order']}
  - {name: second, image: @IMAGE@, volumeMounts: [{name: w, mountPath: /w}], command: [sh, -c, 'echo second >>/w/order; sleep 3']}
  containers:
  - {name: main, image: @IMAGE@, volumeMounts: [{name: w, mountPath: /w}], command: [sh, -c, 'echo main >>/w/order; cat /w/order']}
---
apiVersion: v1
kind: Pod
metadata: {name: init-fail}
spec:
  nodeName: node1
  restartPolicy: Never
  initContainers:
  - {name: bad, image: @IMAGE@, command: [sh, -c, 'exit 7']}
  containers:
  - {name: main, image: @IMAGE@, command: [sh, -c, 'echo must-not-run']}
---
apiVersion: v1
kind: Pod
metadata: {name: init-retry}
spec:
  nodeName: node1
  restartPolicy: OnFailure
  volumes: [{name: w, emptyDir: {}}]
  initContainers:
  - {name: flaky, image: @IMAGE@, volumeMounts: [{name: w, mountPath: /w}], command: [sh, -c, '[ -f /w/once ] && exit 0; touch /w/once; exit 1']}
  containers:
  - {name: main, image: @IMAGE@, command: [sh, -c, 'echo after-a-retry']}
EOF
ok "Init:0/2 while the first init container runs" until_ok 30 status_is init-order Init:0/2
ok "Init:1/2 while the second runs" until_ok 30 status_is init-order Init:1/2
ok "then the main container" done_ok init-order
eq "init containers ran in order, before the container" "$(ctr_log init-order)" "first
second
main"
eq "init container statuses" "$(jp init-order '{range .status.initContainerStatuses[*]}{.name}:{.state.terminated.reason}/{.state.terminated.exitCode} {end}')" \
    "first:Completed/0 second:Completed/0 "
ok "a failing init container with restartPolicy Never fails the pod" until_ok 60 phase_is init-fail Failed
eq "kubectl shows Init:Error" "$(status init-fail)" Init:Error
eq "the init container's exit code" "$(jp init-fail '{.status.initContainerStatuses[0].state.terminated.exitCode}')" 7
eq "the main container never ran" "$(jp init-fail '{.status.containerStatuses[0].state.waiting.reason}')$(ctr_log init-fail main)" PodInitializing
ok "with OnFailure a failed init container is run again" done_ok init-retry
eq "its restartCount" "$(jp init-retry '{.status.initContainerStatuses[0].restartCount}')" 1
eq "and the container ran after it" "$(ctr_log init-retry)" after-a-retry
$KUBECTL delete pod init-order init-fail init-retry --wait=false >/dev/null

# ---- cgroup limits ----
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: cg-limits}
spec:
  nodeName: node1
  terminationGracePeriodSeconds: 0
  containers:
  - name: c
    image: @IMAGE@
    resources: {limits: {memory: 64Mi, cpu: 500m}, requests: {memory: 32Mi, cpu: 250m}}
    command:
    - sh
    - -c
    - |
      cd /sys/fs/cgroup
      echo memory $(cat memory/memory.limit_in_bytes)
      echo cpu $(cat cpu/cpu.cfs_quota_us cpu/cpu.cfs_period_us cpu/cpu.shares)
      echo pids $(cat pids/pids.max)
      exec sleep 3600
---
apiVersion: v1
kind: Pod
metadata: {name: cg-besteffort}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    command: [sh, -c, 'cd /sys/fs/cgroup; echo cpu $(cat cpu/cpu.cfs_quota_us cpu/cpu.shares)']
EOF
ok "cg-limits runs" until_ok 60 phase_is cg-limits Running
ok "cg-besteffort completes" done_ok cg-besteffort
ok "the container read its cgroup files" until_ok 10 log_has cg-limits '^pids' 
eq "memory limit, cpu quota/period (500m), shares (250m), pids limit" "$(ctr_log cg-limits)" \
    "memory 67108864
cpu 50000 100000 256
pids 4096"
uid=$(jp cg-limits '{.metadata.uid}')
cgdir=$(find /sys/fs/cgroup/memory -type d -path "*/kubepods/pod$uid/*" | head -1)
eq "the agent wrote the limit into the node's memory hierarchy (kubepods/pod<uid>/<container>)" \
    "$(cat "$cgdir/memory.limit_in_bytes" 2>&1)" 67108864
eq "and the quota into its cpu hierarchy" "$(cat "/sys/fs/cgroup/cpu${cgdir#/sys/fs/cgroup/memory}/cpu.cfs_quota_us" 2>&1)" 50000
eq "BestEffort: no quota, the minimal shares" "$(ctr_log cg-besteffort)" "cpu -1 2"
$KUBECTL delete pod cg-limits cg-besteffort --wait=false >/dev/null

# ---- termination: preStop, SIGTERM, grace periods ----
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: prestop}
spec:
  nodeName: node1
  terminationGracePeriodSeconds: 20
  volumes: [{name: hook, hostPath: {path: @TMP@/hook, type: DirectoryOrCreate}}]
  containers:
  - name: c
    image: @IMAGE@
    volumeMounts: [{name: hook, mountPath: /hook}]
    lifecycle: {preStop: {exec: {command: [sh, -c, 'echo prestop >>/hook/out']}}}
    command: [sh, -c, 'trap "echo sigterm >>/hook/out; exit 0" TERM; echo started >>/hook/out; while :; do sleep 0.2; done']
---
apiVersion: v1
kind: Pod
metadata: {name: stubborn}
spec:
  nodeName: node1
  terminationGracePeriodSeconds: 4
  containers:
  - {name: c, image: @IMAGE@, command: [sh, -c, 'trap "" TERM; echo up; while :; do sleep 1; done']}
  - {name: d, image: @IMAGE@, command: [sh, -c, 'trap "" TERM; while :; do sleep 1; done']}
  - {name: e, image: @IMAGE@, command: [sh, -c, 'trap "" TERM; while :; do sleep 1; done']}
---
apiVersion: v1
kind: Pod
metadata: {name: stubborn2}
spec:
  nodeName: node1
  terminationGracePeriodSeconds: 30
  containers:
  - {name: c, image: @IMAGE@, command: [sh, -c, 'trap "" TERM; echo up; while :; do sleep 1; done']}
EOF
all_up() { [ -s "$E2E_TMP/hook/out" ] && log_has stubborn up && log_has stubborn2 up; }
ok "prestop, stubborn and stubborn2 run" until_ok 60 all_up
t=$(elapsed $KUBECTL delete pod prestop --timeout=60s)
eq "preStop ran, then SIGTERM (the hook's hostPath file)" "$(cat "$E2E_TMP/hook/out")" "started
prestop
sigterm"
ok "a container that ends on SIGTERM is not kept for its grace period (${t}s of 20)" between "$t" 0 8
t=$(elapsed $KUBECTL delete pod stubborn --timeout=60s)
ok "containers ignoring SIGTERM are killed after terminationGracePeriodSeconds, all three at once (${t}s, grace 4)" between "$t" 4 10
eq "a Killing event for each" "$($KUBECTL get events --field-selector involvedObject.name=stubborn,reason=Killing -o jsonpath='{range .items[*]}{.message}{"\n"}{end}' | sort)" \
    "Stopping container c
Stopping container d
Stopping container e"
t=$(elapsed $KUBECTL delete pod stubborn2 --grace-period=1 --timeout=60s)
ok "kubectl delete --grace-period=1 overrides the pod's 30 s (${t}s)" between "$t" 1 6

# ---- images: pull policies ----
registry_build_layered >/dev/null 2>&1
ok "tag 'moving' pushed (busybox)" registry_push_busybox moving
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: img-never}
spec:
  nodeName: node1
  containers: [{name: c, image: @REG@/absent:1, imagePullPolicy: Never, command: ["true"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: img-always1}
spec:
  nodeName: node1
  restartPolicy: Never
  containers: [{name: c, image: @REG@/busybox:moving, imagePullPolicy: Always, command: [sh, -c, 'cat /etc/kept 2>/dev/null || echo not-layered']}]
EOF
$KUBECTL get pods -w --field-selector metadata.name=img-badtag --request-timeout=40s \
    -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}{"\n"}' >"$E2E_TMP/badtag.watch" 2>/dev/null &
watcher=$!
sleep 2	# kubectl is watching
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: img-badtag}
spec:
  nodeName: node1
  containers: [{name: c, image: @REG@/busybox:nope, command: ["true"]}]
EOF
ok "imagePullPolicy Never and no image: ErrImageNeverPull" until_ok 30 waiting_is img-never ErrImageNeverPull
eq "with kubelet's message" "$(jp img-never '{.status.containerStatuses[0].state.waiting.message}')" \
    "Container image \"$REGISTRY_ADDR/absent:1\" is not present with pull policy of Never"
ok "a missing tag: ImagePullBackOff" until_ok 30 waiting_is img-badtag ImagePullBackOff
sleep 1; kill $watcher 2>/dev/null; wait $watcher 2>/dev/null
eq "ErrImagePull came first (kubectl get -w)" "$(grep -v '^$' "$E2E_TMP/badtag.watch" | uniq | grep -m2 -x -e ErrImagePull -e ImagePullBackOff | tr '\n' ' ')" \
    "ErrImagePull ImagePullBackOff "
match "the back-off message names the image" "$(jp img-badtag '{.status.containerStatuses[0].state.waiting.message}')" \
    "^Back-off pulling image \"$REGISTRY_ADDR/busybox:nope\""
events_of() {	# events_of POD: "type reason message" lines
	$KUBECTL get events --field-selector "involvedObject.name=$1" \
	    -o jsonpath='{range .items[*]}{.type} {.reason} {.message}{"\n"}{end}'
}
eq "events: Pulling, the failed pull, back-off" "$(events_of img-badtag | awk '{print $1, $2, $3, $4}' | sort -u)" \
    "Normal BackOff Back-off pulling
Normal Pulling Pulling image
Warning Failed Error: ErrImagePull
Warning Failed Error: ImagePullBackOff
Warning Failed Failed to"
match "the failed pull's event names the image and the registry's answer" "$(events_of img-badtag | grep 'Failed to')" \
    "^Warning Failed Failed to pull image \"$REGISTRY_ADDR/busybox:nope\": .*manifest unknown"
ok "img-always1 completes" done_ok img-always1
id1=$(jp img-always1 '{.status.containerStatuses[0].imageID}')
ok "tag 'moving' pushed again (another image)" registry_push_oci "$REGISTRY_CACHE/layered-oci" busybox moving
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: img-always2}
spec:
  nodeName: node1
  restartPolicy: Never
  containers: [{name: c, image: @REG@/busybox:moving, imagePullPolicy: Always, command: [sh, -c, 'cat /etc/kept 2>/dev/null || echo not-layered']}]
EOF
ok "img-always2 completes" done_ok img-always2
id2=$(jp img-always2 '{.status.containerStatuses[0].imageID}')
eq "the first pod ran the first image" "$(ctr_log img-always1)" not-layered
eq "Always pulled the tag again: the second ran the new one" "$(ctr_log img-always2)" kept
ok "with a new imageID ($id1 -> $id2)" sh -c "[ -n '$id1' ] && [ -n '$id2' ] && [ '$id1' != '$id2' ]"
$KUBECTL delete pod img-never img-badtag --wait=false >/dev/null

# ---- images: import of an OCI layout, IfNotPresent without a registry ----
ok "skopeo makes an OCI layout named docker.io/library/busybox:1.0" skopeo --insecure-policy copy -q \
    "oci:$REGISTRY_CACHE/busybox-oci:latest" "oci:$E2E_TMP/layout:docker.io/library/busybox:1.0"
match "its ref.name is a full reference" "$(cat "$E2E_TMP/layout/index.json")" \
    '"org.opencontainers.image.ref.name":"docker.io/library/busybox:1.0"'
ok "kubec-agent image import" kubec-agent image import --data-dir "$AGENT_DIR" "$E2E_TMP/layout"
fails "a layout whose ref.name is a bare tag is refused" kubec-agent image import --data-dir "$AGENT_DIR" "$REGISTRY_CACHE/busybox-oci"
registry_stop
fails "the registry is stopped" curl -sf "http://$REGISTRY_ADDR/v2/"
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: img-imported}
spec:
  nodeName: node1
  restartPolicy: Never
  containers: [{name: c, image: busybox:1.0, imagePullPolicy: Never, command: [sh, -c, 'echo imported-image-runs']}]
---
apiVersion: v1
kind: Pod
metadata: {name: img-local}
spec:
  nodeName: node1
  restartPolicy: Never
  containers: [{name: c, image: @IMAGE@, imagePullPolicy: IfNotPresent, command: [sh, -c, 'echo local-copy-runs']}]
---
apiVersion: v1
kind: Pod
metadata: {name: img-offline-always}
spec:
  nodeName: node1
  containers: [{name: c, image: @IMAGE@, imagePullPolicy: Always, command: ["true"]}]
EOF
ok "an imported image runs with imagePullPolicy Never" done_ok img-imported
eq "it printed" "$(ctr_log img-imported)" imported-image-runs
match "its imageID" "$(jp img-imported '{.status.containerStatuses[0].imageID}')" '^docker\.io/library/busybox@sha256:[0-9a-f]{64}$'
ok "IfNotPresent uses the local copy with the registry down" done_ok img-local
eq "it printed" "$(ctr_log img-local)" local-copy-runs
ok "while Always cannot pull" until_ok 30 sh -c "$KUBECTL get pod img-offline-always -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}' | grep -Eqx 'ErrImagePull|ImagePullBackOff'"
$KUBECTL delete pod img-offline-always img-imported img-local --wait=false >/dev/null

# ---- volumes ----
$KUBECTL create configmap cm1 --from-literal=a=A --from-literal=b=B --from-literal=c=C >/dev/null
$KUBECTL create configmap cm2 --from-literal=v=one >/dev/null
$KUBECTL create secret generic sec1 --from-literal=password=s3cret >/dev/null
mkdir -p "$E2E_TMP/hp"
echo host-file >"$E2E_TMP/hp/file.txt"
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: vol-modes}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes:
  - name: cm
    configMap:
      name: cm1
      defaultMode: 0440
      items: [{key: a, path: dir/a.txt, mode: 0600}, {key: b, path: b.txt}]
  - {name: plain, configMap: {name: cm1}}
  - {name: sec, secret: {secretName: sec1, defaultMode: 0400}}
  containers:
  - name: c
    image: @IMAGE@
    volumeMounts: [{name: cm, mountPath: /cm}, {name: plain, mountPath: /plain}, {name: sec, mountPath: /sec}]
    command:
    - sh
    - -c
    - |
      echo $(cat /cm/dir/a.txt) $(cat /cm/b.txt) $(ls /cm)
      stat -L -c '%n %a' /cm/dir/a.txt /cm/b.txt /plain/a /sec/password
      cat /sec/password; echo
---
apiVersion: v1
kind: Pod
metadata: {name: vol-update}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes: [{name: cm, configMap: {name: cm2}}]
  containers:
  - name: c
    image: @IMAGE@
    volumeMounts: [{name: cm, mountPath: /cm}, {name: cm, mountPath: /sub/v, subPath: v}]
    command: [sh, -c, 'echo start $(cat /cm/v) $(cat /sub/v); until [ "$(cat /cm/v)" = two ]; do sleep 1; done; echo saw $(cat /cm/v), subPath $(cat /sub/v)']
---
apiVersion: v1
kind: Pod
metadata: {name: vol-projected, labels: {tier: web}}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes:
  - name: all
    projected:
      defaultMode: 0400
      sources:
      - configMap: {name: cm1, items: [{key: a, path: cm-a}]}
      - secret: {name: sec1, items: [{key: password, path: sec/pw}]}
      - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}, {path: labels, fieldRef: {fieldPath: metadata.labels}}]}
  containers:
  - name: c
    image: @IMAGE@
    volumeMounts: [{name: all, mountPath: /all}]
    command: [sh, -c, 'echo $(cat /all/cm-a) $(cat /all/sec/pw) $(cat /all/name) $(cat /all/labels); ls /all; stat -L -c %a /all/cm-a /all/sec/pw']
---
apiVersion: v1
kind: Pod
metadata: {name: vol-subpath}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes: [{name: shared, emptyDir: {}}, {name: cm, configMap: {name: cm1}}]
  initContainers:
  - {name: fill, image: @IMAGE@, volumeMounts: [{name: shared, mountPath: /all}], command: [sh, -c, 'mkdir -p /all/sub; echo hello >/all/sub/file; echo other >/all/other']}
  containers:
  - name: c
    image: @IMAGE@
    volumeMounts:
    - {name: shared, mountPath: /only, subPath: sub}
    - {name: shared, mountPath: /fresh, subPath: made/here}
    - {name: cm, mountPath: /etc/app.conf, subPath: b}
    command: [sh, -c, 'echo $(cat /only/file) $(ls /only) $(cat /etc/app.conf); [ -d /fresh ] && echo fresh-dir']
---
apiVersion: v1
kind: Pod
metadata: {name: vol-mem}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes: [{name: m, emptyDir: {medium: Memory, sizeLimit: 16Mi}}]
  containers:
  - name: c
    image: @IMAGE@
    volumeMounts: [{name: m, mountPath: /mem}]
    command: [sh, -c, "awk '$2 == \"/mem\" {print $3}' /proc/mounts; df -k /mem | awk 'NR == 2 {print $2}'"]
---
apiVersion: v1
kind: Pod
metadata: {name: vol-hostpath}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes:
  - {name: made, hostPath: {path: @TMP@/hp/made, type: DirectoryOrCreate}}
  - {name: file, hostPath: {path: @TMP@/hp/file.txt, type: File}}
  containers:
  - name: c
    image: @IMAGE@
    volumeMounts: [{name: made, mountPath: /made}, {name: file, mountPath: /file, readOnly: true}]
    command: [sh, -c, 'echo from-the-pod >/made/f; cat /file; echo x 2>/dev/null >/file || echo read-only']
---
apiVersion: v1
kind: Pod
metadata: {name: vol-hostpath-missing}
spec:
  nodeName: node1
  restartPolicy: Never
  volumes: [{name: file, hostPath: {path: @TMP@/hp/absent, type: File}}]
  containers:
  - {name: c, image: @IMAGE@, volumeMounts: [{name: file, mountPath: /file}], command: ["true"]}
EOF
ok "vol-update runs" until_ok 60 log_has vol-update '^start' 
ok "volume pods complete" done_ok vol-modes vol-projected vol-subpath vol-mem vol-hostpath
eq "configMap items with paths (and only them)" "$(ctr_log vol-modes | head -1)" "A B b.txt dir"
eq "item mode, defaultMode, the default 0644, secret defaultMode" "$(ctr_log vol-modes | sed -n 2,5p)" \
    "/cm/dir/a.txt 600
/cm/b.txt 440
/plain/a 644
/sec/password 400"
eq "the secret's value" "$(ctr_log vol-modes | sed -n 6p)" s3cret
eq "projected: configMap, secret and downwardAPI in one volume" "$(ctr_log vol-projected)" \
    "A s3cret vol-projected tier=\"web\"
cm-a
labels
name
sec
400
400"
eq "subPath of an emptyDir, of a new directory and of a configMap key" "$(ctr_log vol-subpath)" "hello file B
fresh-dir"
eq "emptyDir medium Memory with sizeLimit 16Mi: a tmpfs of 16384 KiB" "$(ctr_log vol-mem)" "tmpfs
16384"
eq "hostPath File (read-only) and DirectoryOrCreate" "$(ctr_log vol-hostpath)" "host-file
read-only"
eq "DirectoryOrCreate made the node's directory, where the pod wrote" "$(cat "$E2E_TMP/hp/made/f" 2>&1) $(stat -c %a "$E2E_TMP/hp/made")" "from-the-pod 755"
ok "hostPath File that is missing: the pod waits in ContainerCreating" until_ok 30 sh -c \
    "$KUBECTL get pod vol-hostpath-missing -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.waiting.reason}' | grep -qx 'Pending ContainerCreating'"
ok "with a FailedMount event naming the check" until_ok 30 sh -c \
    "$KUBECTL get events --field-selector involvedObject.name=vol-hostpath-missing -o jsonpath='{range .items[*]}{.type} {.reason} {.message}{\"\n\"}{end}' | grep -q '^Warning FailedMount MountVolume.SetUp failed for volume \"file\" : hostPath type check failed: $E2E_TMP/hp/absent is not a file'"
ok "the repeated FailedMount is one Event whose count rises" until_ok 30 sh -c \
    "[ \"\$($KUBECTL get events --field-selector involvedObject.name=vol-hostpath-missing,reason=FailedMount -o jsonpath='{range .items[*]}{.count} {end}')\" -ge 2 ] 2>/dev/null"
eq "vol-update saw its configMap" "$(ctr_log vol-update)" "start one one"
$KUBECTL patch configmap cm2 -p '{"data":{"v":"two"}}' >/dev/null
t=$(elapsed until_ok 90 phase_is vol-update Succeeded)
ok "a ConfigMap update reaches the running container within a minute (${t}s)" phase_is vol-update Succeeded
eq "the volume changed, the subPath copy did not (kubelet semantics)" "$(ctr_log vol-update | tail -1)" "saw two, subPath one"
$KUBECTL delete pod vol-modes vol-update vol-projected vol-subpath vol-mem vol-hostpath vol-hostpath-missing --wait=false >/dev/null

# ---- networking ----
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: net-web}
spec:
  nodeName: node1
  terminationGracePeriodSeconds: 1
  containers:
  - name: web
    image: @IMAGE@
    ports: [{containerPort: 8080, hostPort: 18080}]
    command: [sh, -c, 'mkdir -p /www; hostname >/www/index.html; exec httpd -f -p 8080 -h /www']
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: net-hosts}
spec:
  nodeName: node1
  restartPolicy: Never
  hostname: myhost
  subdomain: mysub
  hostAliases: [{ip: 198.18.0.10, hostnames: [alias1, alias2]}]
  containers:
  - {name: c, image: @IMAGE@, command: [sh, -c, 'cat /etc/hosts; echo ---; cat /etc/hostname; hostname']}
EOF
ok "net-web is ready" until_ok 60 sh -c "[ \"\$($KUBECTL get pod net-web -o jsonpath='{.status.containerStatuses[0].ready}')\" = true ]"
webip=$(jp net-web '{.status.podIP}')
sed "s|@WEBIP@|$webip|" <<'EOF' | pod_create
apiVersion: v1
kind: Pod
metadata: {name: net-client}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - {name: c, image: @IMAGE@, command: [sh, -c, 'timeout 5 wget -q -O- http://@WEBIP@:8080/; tail -1 /etc/hosts; cat /etc/hostname']}
EOF
ok "net-client and net-hosts complete" done_ok net-client net-hosts
clientip=$(jp net-client '{.status.podIP}')
eq "a pod reaches another by its pod IP" "$(ctr_log net-client | head -1)" net-web
eq "the node reaches a pod IP" "$(curl -s -m 5 "http://$webip:8080/")" net-web
eq "hostPort through portmap: the node's IP:18080 reaches the pod" "$(curl -s -m 5 "http://$AGENT_NODE_IP:18080/")" net-web
eq "/etc/hosts ends with the pod's IP and name, /etc/hostname is the name" "$(ctr_log net-client | sed 1d)" \
    "$clientip	net-client
net-client"
eq "/etc/hosts as kubelet writes it, with hostname, subdomain and hostAliases" "$(ctr_log net-hosts)" \
    "# Kubernetes-managed hosts file.
127.0.0.1	localhost
::1	localhost ip6-localhost ip6-loopback
fe00::0	ip6-localnet
fe00::0	ip6-mcastprefix
fe00::1	ip6-allnodes
fe00::2	ip6-allrouters
$(jp net-hosts '{.status.podIP}')	myhost.mysub.default.svc.cluster.local	myhost

# Entries added by HostAliases.
198.18.0.10	alias1	alias2
---
myhost
myhost"
$KUBECTL delete pod net-web net-client net-hosts --wait=false >/dev/null
# a new pod's CNI ADD runs while its first container is made, but no
# container starts before it is done: the init container already has
# its default route (on eth0) and its line in /etc/hosts (written again
# in place once the address is known); a pod whose env takes the pod's
# IP (then the ADD comes first) sees it too
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: net-early}
spec:
  nodeName: node1
  restartPolicy: Never
  initContainers:
  - {name: init, image: @IMAGE@, command: [sh, -c, 'awk "\$2 == \"00000000\" {print \$1}" /proc/net/route; tail -1 /etc/hosts']}
  containers:
  - {name: c, image: @IMAGE@, command: [sh, -c, 'tail -1 /etc/hosts']}
---
apiVersion: v1
kind: Pod
metadata: {name: net-env}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    command: [sh, -c, 'echo "$MY_IP $MY_IPS"; tail -1 /etc/hosts']
    env:
    - {name: MY_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: MY_IPS, valueFrom: {fieldRef: {fieldPath: status.podIPs}}}
EOF
ok "net-early and net-env complete" done_ok net-early net-env
earlyip=$(jp net-early '{.status.podIP}')
match "net-early has a pod IP" "$earlyip" '^198\.18\.1\.[0-9]+$'
eq "an init container starts with the pod's network and its /etc/hosts line" \
    "$(ctr_log net-early init)" "eth0
$earlyip	net-early"
eq "and so does the container after it" "$(ctr_log net-early c)" \
    "$earlyip	net-early"
envip=$(jp net-env '{.status.podIP}')
match "net-env has a pod IP" "$envip" '^198\.18\.1\.[0-9]+$'
eq "env fieldRef status.podIP and status.podIPs: the pod's IP, also in /etc/hosts" \
    "$(ctr_log net-env)" "$envip $envip
$envip	net-env"
$KUBECTL delete pod net-early net-env --wait=false >/dev/null

# ---- service environment variables and resolv.conf ----
# (the node's resolver file is $E2E_TMP/node-resolv.conf, --resolv-conf;
# the cluster DNS address is learnt from the kubernetes service: the 10th
# of the service range 198.18.128.0/17)
$KUBECTL create namespace dns-team >/dev/null
$KUBECTL apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Service
metadata: {name: web-svc}
spec:
  selector: {app: none}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: headless-svc}
spec:
  clusterIP: None
  selector: {app: none}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: other-svc, namespace: dns-team}
spec:
  selector: {app: none}
  ports: [{port: 81}]
EOF
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: env-svc}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - name: c
    image: @IMAGE@
    command: [sh, -c, 'env | grep -E "^(WEB_SVC|HEADLESS|OTHER_SVC|KUBERNETES|MY_)" | sort']
    env:
    - {name: WEB_SVC_SERVICE_PORT_HTTP, value: "8888"}
    - {name: MY_URL, value: "http://$(WEB_SVC_SERVICE_HOST):$(WEB_SVC_SERVICE_PORT)/$(WEB_SVC_SERVICE_PORT_HTTP)"}
---
apiVersion: v1
kind: Pod
metadata: {name: env-nolinks}
spec:
  nodeName: node1
  restartPolicy: Never
  enableServiceLinks: false
  containers:
  - name: c
    image: @IMAGE@
    command: [sh, -c, 'env | grep -E "^(WEB_SVC|KUBERNETES_SERVICE|MY_)" | sort']
    env:
    - {name: MY_HOST, value: "$(WEB_SVC_SERVICE_HOST)"}
---
apiVersion: v1
kind: Pod
metadata: {name: dns-default}
spec:
  nodeName: node1
  restartPolicy: Never
  dnsPolicy: Default
  containers:
  - {name: c, image: @IMAGE@, command: [cat, /etc/resolv.conf]}
---
apiVersion: v1
kind: Pod
metadata: {name: dns-none}
spec:
  nodeName: node1
  restartPolicy: Never
  dnsPolicy: None
  dnsConfig:
    nameservers: [198.18.0.53, 198.18.0.54]
    searches: [a.example, b.example]
    options: [{name: ndots, value: "2"}, {name: edns0}]
  containers:
  - {name: c, image: @IMAGE@, command: [cat, /etc/resolv.conf]}
---
apiVersion: v1
kind: Pod
metadata: {name: dns-merge}
spec:
  nodeName: node1
  restartPolicy: Never
  dnsConfig:
    nameservers: [198.18.0.53]
    searches: [x.example, svc.cluster.local]
    options: [{name: ndots, value: "1"}, {name: timeout, value: "3"}]
  containers:
  - {name: c, image: @IMAGE@, command: [cat, /etc/resolv.conf]}
EOF
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: dns-cf, namespace: dns-team}
spec:
  nodeName: node1
  restartPolicy: Never
  containers:
  - {name: c, image: @IMAGE@, command: [sh, -c, 'cat /etc/resolv.conf; env | grep -E "^(WEB_SVC|OTHER_SVC)_SERVICE_HOST" | sort']}
EOF
ok "the env and DNS pods complete" done_ok env-svc env-nolinks dns-default dns-none dns-merge
ok "dns-cf (namespace dns-team) completes" until_ok 60 sh -c \
    "[ \"\$($KUBECTL get pod -n dns-team dns-cf -o jsonpath='{.status.phase}')\" = Succeeded ]"
svcip=$($KUBECTL get svc web-svc -o jsonpath='{.spec.clusterIP}')
svcport=$($KUBECTL get svc web-svc -o jsonpath='{.spec.ports[0].port}')
otherip=$($KUBECTL get svc -n dns-team other-svc -o jsonpath='{.spec.clusterIP}')
kip=$($KUBECTL get svc kubernetes -o jsonpath='{.spec.clusterIP}')
kport=$($KUBECTL get svc kubernetes -o jsonpath='{.spec.ports[0].port}')
eq "the kubernetes service has the 1st address of the service range" "$kip" 198.18.128.1
eq "service variables as kubelet's (a container variable of the same name wins; \$(VAR) expands them)" \
    "$(ctr_log env-svc)" \
"KUBERNETES_PORT=tcp://$kip:$kport
KUBERNETES_PORT_${kport}_TCP=tcp://$kip:$kport
KUBERNETES_PORT_${kport}_TCP_ADDR=$kip
KUBERNETES_PORT_${kport}_TCP_PORT=$kport
KUBERNETES_PORT_${kport}_TCP_PROTO=tcp
KUBERNETES_SERVICE_HOST=$kip
KUBERNETES_SERVICE_PORT=$kport
KUBERNETES_SERVICE_PORT_HTTPS=$kport
MY_URL=http://$svcip:$svcport/8888
WEB_SVC_PORT=tcp://$svcip:$svcport
WEB_SVC_PORT_80_TCP=tcp://$svcip:$svcport
WEB_SVC_PORT_80_TCP_ADDR=$svcip
WEB_SVC_PORT_80_TCP_PORT=$svcport
WEB_SVC_PORT_80_TCP_PROTO=tcp
WEB_SVC_SERVICE_HOST=$svcip
WEB_SVC_SERVICE_PORT=$svcport
WEB_SVC_SERVICE_PORT_HTTP=8888"
eq "enableServiceLinks: false keeps only the kubernetes service's (an unknown \$(VAR) stays)" \
    "$(ctr_log env-nolinks)" \
"KUBERNETES_SERVICE_HOST=$kip
KUBERNETES_SERVICE_PORT=$kport
KUBERNETES_SERVICE_PORT_HTTPS=$kport
MY_HOST=\$(WEB_SVC_SERVICE_HOST)"
dnscf=$(sed -E 's/^[^ ]+ [^ ]+ [^ ]+ //' "$AGENT_DIR"/logs/dns-team_dns-cf_*/c/0.log 2>/dev/null)
eq "ClusterFirst: the cluster DNS (10th address), the namespace's search path before the node's, ndots:5; the namespace's services only" \
    "$dnscf" \
"search dns-team.svc.cluster.local svc.cluster.local cluster.local node.example
nameserver 198.18.128.10
options ndots:5
OTHER_SVC_SERVICE_HOST=$otherip"
eq "Default: the node's resolver file (--resolv-conf), as kubelet parses it" "$(ctr_log dns-default)" \
"search node.example
nameserver 198.18.0.2
nameserver 198.18.0.3
options timeout:2 attempts:3"
eq "None: spec.dnsConfig alone" "$(ctr_log dns-none)" \
"search a.example b.example
nameserver 198.18.0.53
nameserver 198.18.0.54
options ndots:2 edns0"
eq "ClusterFirst with dnsConfig merged (searches once, ndots replaced)" "$(ctr_log dns-merge)" \
"search default.svc.cluster.local svc.cluster.local cluster.local node.example x.example
nameserver 198.18.128.10
nameserver 198.18.0.53
options ndots:1 timeout:3"
$KUBECTL delete pod env-svc env-nolinks dns-default dns-none dns-merge --wait=false >/dev/null
$KUBECTL delete namespace dns-team --wait=false >/dev/null
$KUBECTL delete svc web-svc headless-svc >/dev/null

# ---- the Lease, and image garbage collection ----
ok "the Lease is renewed (renewTime advances)" until_ok 20 sh -c \
    "[ \"\$($KUBECTL get lease -n kube-node-lease node1 -o jsonpath='{.spec.renewTime}')\" != '$renew1' ]"
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: keeper}
spec:
  nodeName: node1
  terminationGracePeriodSeconds: 0
  containers: [{name: c, image: @IMAGE@, command: [sleep, "3600"]}]
EOF
ok "keeper runs" until_ok 60 phase_is keeper Running
images() { $KUBECTL get node node1 -o jsonpath='{range .status.images[*]}{.names}{"\n"}{end}'; }
ok "status.images lists the layered image" until_ok 90 sh -c "$KUBECTL get node node1 -o jsonpath='{.status.images[*].names}' | grep -q '$REGISTRY_ADDR/busybox:moving'"
$KUBECTL delete pod img-always1 img-always2 --timeout=60s >/dev/null
records=$(ls "$AGENT_DIR/images/images" | wc -l)
agent_stop
keeper_ip=$(jp keeper '{.status.podIP}')
# the disk is more than 1% used: every image no pod uses goes
agent_start --image-gc-high-threshold 1 --image-gc-low-threshold 0 --image-minimum-gc-age 0s --image-gc-period 2s
ok "the agent, restarted with image GC always on, collects the image no pod uses" until_ok 60 sh -c \
    "! $KUBECTL get node node1 -o jsonpath='{.status.images[*].names}' | grep -q busybox:moving"
ok "and keeps keeper's image" sh -c "$KUBECTL get node node1 -o jsonpath='{.status.images[*].names}' | grep -q '$IMAGE'"
eq "one record fewer in the image store" "$(ls "$AGENT_DIR/images/images" | wc -l)" $((records - 1))
eq "keeper runs on, adopted, with its pod IP" "$(jp keeper '{.status.phase} {.status.containerStatuses[0].restartCount} {.status.podIP}')" "Running 0 $keeper_ip"
eq "Ready's lastTransitionTime held across the restart" "$($KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].lastTransitionTime}')" "$ready_since"
pod_create <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: img-collected}
spec:
  nodeName: node1
  containers: [{name: c, image: @REG@/busybox:moving, command: ["true"]}]
EOF
ok "the collected image is really gone: IfNotPresent must pull it (and the registry is down)" until_ok 30 sh -c \
    "$KUBECTL get pod img-collected -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}' | grep -Eqx 'ErrImagePull|ImagePullBackOff'"

e2e_done
