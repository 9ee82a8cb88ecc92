#!/usr/bin/env bash
# e2e-controllers.sh - the scheduler and the controllers of kubec-server
# with the real kubectl, on nodes simulated by `kubec-agent --simulate`
# (pods are reported Running as a kubelet would, or end as their
# kubec.io/simulate-* annotations say): scheduling and its failures,
# ReplicaSets, Deployments (rolling update that keeps maxUnavailable,
# rollback, pause, Recreate), DaemonSets, Jobs, CronJobs, StatefulSets,
# Endpoints and EndpointSlices, ServiceAccounts, node IPAM, cascading
# deletion, and a node that goes silent: tainted, its pods evicted and
# made again elsewhere.
#
# Nothing listens but the server on 127.0.0.1; the addresses of the
# simulated nodes (198.19.0.0/16) and pods (198.18.0.0/17, the server's
# --cluster-cidr) only appear in the API.
set -u
. "$(dirname "$0")/lib.sh"

server_start
K=$KUBECTL
SIMS=()
sim_start() {	# sim_start PREFIX N
	"${KUBEC_AGENT:-$E2E_TOP/bin/kubec-agent}" --simulate "$2" --node-name "$1" \
	    --server "$SERVER_URL" --token "$(cat "$SERVER_DIR/node-token")" \
	    --data-dir "$E2E_TMP/sim-$1" --sim-cpu 4 --sim-memory 8Gi \
	    --max-pods 40 >>"$E2E_TMP/sim-$1.log" 2>&1 &
	E2E_PIDS+=($!)
	SIMS+=($!)
}
ready_nodes() {
	$K get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True
}
nodes_ready() { [ "$(ready_nodes)" = "$1" ]; }
running() {	# running SELECTOR N: exactly N pods Running and Ready
	[ "$($K get pods -l "$1" -o jsonpath='{range .items[?(@.status.phase=="Running")]}{.metadata.deletionTimestamp}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -cx True)" = "$2" ]
}
count() {	# count SELECTOR: pods not being deleted
	$K get pods -l "$1" -o jsonpath='{range .items[*]}{.metadata.deletionTimestamp}{"x\n"}{end}' | grep -cx x
}
jp() { $K get "$1" -o "jsonpath=$2" 2>/dev/null; }
is() { [ "$(jp "$1" "$2")" = "$3" ]; }	# is OBJECT JSONPATH VALUE

sim_start a 3
ok "three simulated nodes Ready" until_ok 30 nodes_ready 3

# --- node IPAM and the default ServiceAccount --------------------------
ok "each node gets a podCIDR from --cluster-cidr" until_ok 10 sh -c \
    "[ \"\$($K get nodes -o jsonpath='{range .items[*]}{.spec.podCIDR}{\"\\n\"}{end}' | grep -c '^198\\.18\\.[0-9]*\\.0/24\$')\" = 3 ]"
eq "no two alike" "$($K get nodes -o jsonpath='{range .items[*]}{.spec.podCIDR}{"\n"}{end}' | sort -u | wc -l)" 3
$K create namespace team >/dev/null
ok "a new namespace gets its default ServiceAccount" until_ok 10 $K -n team get serviceaccount default
$K -n team delete serviceaccount default >/dev/null
ok "... made again when deleted" until_ok 10 $K -n team get serviceaccount default

# --- the scheduler ----------------------------------------------------------
$K run placed --image=busybox --restart=Never --annotations=kubec.io/simulate-exit-code=0 \
    --annotations=kubec.io/simulate-duration=3600 >/dev/null
ok "a pod without a node is placed and runs" until_ok 20 is pod/placed '{.status.phase}' Running
match "on one of the nodes" "$(jp pod/placed '{.spec.nodeName}')" '^a-[012]$'
match "podIP from that node's podCIDR" "$(jp pod/placed '{.status.podIP}') $($K get node "$(jp pod/placed '{.spec.nodeName}')" -o jsonpath='{.spec.podCIDR}')" \
    '^198\.18\.([0-9]+)\.[0-9]+ 198\.18\.\1\.0/24$'
match "a Scheduled event" "$($K get events --field-selector involvedObject.name=placed,reason=Scheduled -o jsonpath='{.items[0].message}')" \
    '^Successfully assigned default/placed to a-[012]$'
eq "PodScheduled True" "$(jp pod/placed '{.status.conditions[?(@.type=="PodScheduled")].status}')" True
$K label node a-1 disk=ssd >/dev/null
$K run picky --image=busybox --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}' >/dev/null
ok "nodeSelector picks the labelled node" until_ok 20 is pod/picky '{.spec.nodeName}' a-1
$K run huge --image=busybox --overrides='{"spec":{"containers":[{"name":"huge","image":"busybox","resources":{"requests":{"cpu":"6"}}}]}}' >/dev/null
ok "a pod that fits nowhere gets FailedScheduling" until_ok 20 sh -c \
    "$K get events --field-selector involvedObject.name=huge,reason=FailedScheduling -o name | grep -q ."
eq "in kube-scheduler's words" "$($K get events --field-selector involvedObject.name=huge,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
eq "PodScheduled False Unschedulable" "$(jp pod/huge '{.status.conditions[?(@.type=="PodScheduled")].status} {.status.conditions[?(@.type=="PodScheduled")].reason}')" \
    "False Unschedulable"
$K taint node a-0 dedicated=gpu:NoSchedule >/dev/null
$K taint node a-1 dedicated=gpu:NoSchedule >/dev/null
$K taint node a-2 dedicated=gpu:NoSchedule >/dev/null
$K run tainted --image=busybox >/dev/null
ok "untolerated taints keep a pod off every node" until_ok 20 sh -c \
    "$K get events --field-selector involvedObject.name=tainted,reason=FailedScheduling -o name | grep -q ."
eq "... saying so" "$($K get events --field-selector involvedObject.name=tainted,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    "0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
$K taint node a-2 dedicated- >/dev/null
ok "... and is placed once a node loses its taint" until_ok 20 is pod/tainted '{.spec.nodeName}' a-2
$K taint node a-0 dedicated- >/dev/null
$K taint node a-1 dedicated- >/dev/null
sim_start b 1
ok "a node joins" until_ok 30 nodes_ready 4
sim_start c 1
ok "another node joins" until_ok 30 nodes_ready 5
$K delete pod picky huge tainted placed --wait=false >/dev/null

# --- pod affinity, anti-affinity and topology spread -----------------------
# zones: a-0, a-1, a-2 in zone a; b-0 in b; c-0 in c
for n in a-0 a-1 a-2 b-0 c-0; do
	$K label node "$n" topology.kubernetes.io/zone="${n%-*}" >/dev/null
done
zones_of() {	# zones_of SELECTOR: the zones of its pods' nodes, sorted
	for n in $($K get pods -l "$1" -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}'); do
		$K get node "$n" -o jsonpath='{.metadata.labels.topology\.kubernetes\.io/zone}{"\n"}'
	done | sort | tr '\n' ' '
}
$K apply -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: spread}
spec:
  replicas: 3
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,
         labelSelector: {matchLabels: {app: spread}}}
      containers: [{name: c, image: busybox}]
EOF
ok "topologySpreadConstraints: 3 replicas run" until_ok 30 running app=spread 3
eq "one in each zone (maxSkew 1 over zones a, b, c)" "$(zones_of app=spread)" "a b c "
$K scale deployment spread --replicas=6 >/dev/null
ok "scaled to 6" until_ok 30 running app=spread 6
eq "two in each zone" "$(zones_of app=spread)" "a a b b c c "
$K apply -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: solo}
spec:
  replicas: 6
  selector: {matchLabels: {app: solo}}
  template:
    metadata: {labels: {app: solo}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: solo}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: c, image: busybox}]
EOF
ok "required pod anti-affinity by hostname: 5 of 6 run" until_ok 30 running app=solo 5
eq "on five different nodes" "$($K get pods -l app=solo -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | grep . | sort -u | wc -l)" 5
pending=$($K get pods -l app=solo --field-selector=status.phase=Pending -o jsonpath='{.items[0].metadata.name}')
ok "the sixth gets FailedScheduling" until_ok 20 sh -c \
    "$K get events --field-selector involvedObject.name=$pending,reason=FailedScheduling -o name | grep -q ."
eq "in kube-scheduler's words" "$($K get events --field-selector involvedObject.name=$pending,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    "0/5 nodes are available: 5 node(s) didn't match pod anti-affinity rules. preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod."
$K apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: near, labels: {app: near}}
spec:
  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - {labelSelector: {matchLabels: {app: anchor}}, topologyKey: topology.kubernetes.io/zone}
  containers: [{name: c, image: busybox}]
EOF
ok "required pod affinity and no pod to be near: not placed" until_ok 20 sh -c \
    "$K get events --field-selector involvedObject.name=near,reason=FailedScheduling -o name | grep -q ."
eq "... saying so" "$($K get events --field-selector involvedObject.name=near,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    "0/5 nodes are available: 5 node(s) didn't match pod affinity rules. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling."
$K run anchor --image=busybox --labels=app=anchor --overrides='{"spec":{"nodeName":"b-0"}}' >/dev/null
ok "once the pod it wants is placed, it goes to that pod's zone" until_ok 20 is pod/near '{.spec.nodeName}' b-0
$K delete deployment spread solo --wait=false >/dev/null
$K delete pod near anchor --wait=false >/dev/null
ok "their pods go" until_ok 30 sh -c "[ -z \"\$($K get pods -l 'app in (spread,solo,near,anchor)' -o name)\" ]"

# --- priority classes and preemption ------------------------------------------
$K create priorityclass low --value=10 >/dev/null
$K create priorityclass high --value=1000 >/dev/null
$K create priorityclass polite --value=1000 --preemption-policy=Never >/dev/null
match "kubectl get priorityclasses, the system ones too" "$($K get pc)" \
    '^NAME +VALUE +GLOBAL-DEFAULT +AGE +PREEMPTIONPOLICY
high +1000 +false .* PreemptLowerPriority
low +10 +false .*
polite +1000 +false .* Never
system-cluster-critical +2000000000 +false .*
system-node-critical +2000001000 +false .*$'
match "a pod gets its class's priority" "$($K run prio --image=busybox --dry-run=server -o jsonpath='{.spec.priority} {.spec.preemptionPolicy}' --overrides='{"spec":{"priorityClassName":"high"}}')" '^1000 PreemptLowerPriority$'
match "an unknown class is forbidden" "$($K run prio --image=busybox --overrides='{"spec":{"priorityClassName":"nope"}}' 2>&1)" \
    '^Error from server \(Forbidden\): pods "prio" is forbidden: no PriorityClass with name nope was found$'
$K create deployment filler --image=busybox --replicas=5 >/dev/null
$K patch deployment filler --type=merge -p '{"spec":{"template":{"spec":{"priorityClassName":"low","containers":[{"name":"busybox","image":"busybox","resources":{"requests":{"cpu":"3"}}}]}}}}' >/dev/null
ok "five low-priority pods fill the five nodes" until_ok 30 running app=filler 5
eq "one on each" "$($K get pods -l app=filler -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort -u | wc -l)" 5
$K run polite --image=busybox --overrides='{"spec":{"priorityClassName":"polite","containers":[{"name":"polite","image":"busybox","resources":{"requests":{"cpu":"3"}}}]}}' >/dev/null
ok "preemptionPolicy Never: the pod waits" until_ok 20 sh -c \
    "$K get events --field-selector involvedObject.name=polite,reason=FailedScheduling -o name | grep -q ."
eq "... saying why" "$($K get events --field-selector involvedObject.name=polite,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    "0/5 nodes are available: 5 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."
$K delete pod polite >/dev/null
$K run vip --image=busybox --overrides='{"spec":{"priorityClassName":"high","containers":[{"name":"vip","image":"busybox","resources":{"requests":{"cpu":"3"}}}]}}' >/dev/null
ok "a high-priority pod preempts a low one and runs" until_ok 30 is pod/vip '{.status.phase}' Running
vipnode=$(jp pod/vip '{.spec.nodeName}')
eq "on the node it was nominated to" "$(jp pod/vip '{.status.nominatedNodeName}')" "$vipnode"
eq "FailedScheduling first, without a preemption part" "$($K get events --field-selector involvedObject.name=vip,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    "0/5 nodes are available: 5 Insufficient cpu."
match "the victim's Preempted event" "$($K get events --field-selector reason=Preempted -o jsonpath='{range .items[*]}{.involvedObject.name} {.message}{"\n"}{end}')" \
    "^filler-[a-z0-9]+-[a-z0-9]+ Preempted by pod $(jp pod/vip '{.metadata.uid}') on node $vipnode\$"
ok "the low-priority replacement waits" until_ok 20 sh -c \
    "[ \"\$($K get pods -l app=filler --field-selector=status.phase=Pending -o name | wc -l)\" = 1 ]"
pending=$($K get pods -l app=filler --field-selector=status.phase=Pending -o jsonpath='{.items[0].metadata.name}')
ok "... with FailedScheduling" until_ok 20 sh -c \
    "$K get events --field-selector involvedObject.name=$pending,reason=FailedScheduling -o name | grep -q ."
eq "... nothing to preempt at its priority" "$($K get events --field-selector involvedObject.name=$pending,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    "0/5 nodes are available: 5 Insufficient cpu. preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod."
$K delete deployment filler --wait=false >/dev/null
$K delete pod vip --wait=false >/dev/null
$K delete priorityclass low high polite >/dev/null
ok "their pods go" until_ok 30 sh -c "[ -z \"\$($K get pods -l 'app in (filler)' -o name)\$($K get pod vip -o name 2>/dev/null)\" ]"

# --- ReplicaSet and Deployment ------------------------------------------
$K create deployment web --image=busybox:1 --replicas=4 >/dev/null
ok "a Deployment's 4 pods run" until_ok 30 running app=web 4
eq "through one ReplicaSet" "$($K get rs -l app=web -o jsonpath='{range .items[*]}{.spec.replicas} {.status.readyReplicas}{"\n"}{end}')" "4 4"
match "named after the pod-template-hash" "$($K get rs -l app=web -o jsonpath='{.items[0].metadata.name} {.items[0].metadata.labels.pod-template-hash}')" \
    '^web-([a-z0-9]+) \1$'
ok "kubectl rollout status" $K rollout status deployment/web --timeout=30s
KC=$E2E_TOP/bin/kubec
eq "kubec rollout status: as kubectl" "$("$KC" rollout status deployment/web --timeout=30s)" "$($K rollout status deployment/web --timeout=30s)"
eq "kubec wait --for=condition=Available" "$("$KC" wait --for=condition=Available deploy/web --timeout=30s)" "deployment.apps/web condition met"
match "spread over the nodes" "$($K get pods -l app=web -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort -u | wc -l)" '^[3-5]$'
victim=$($K get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
$K delete pod "$victim" --wait=false >/dev/null
ok "a deleted pod is replaced" until_ok 30 running app=web 4
$K scale deployment web --replicas=7 >/dev/null
ok "scaled up to 7" until_ok 30 running app=web 7
$K scale deployment web --replicas=3 >/dev/null
ok "scaled down to 3" until_ok 30 sh -c "[ \$($K get pods -l app=web -o name | wc -l) = 3 ]"
eq "ready 3/3" "$($K get deploy web -o jsonpath='{.status.readyReplicas}/{.status.replicas}')" "3/3"
$K scale deployment web --replicas=4 >/dev/null
ok "and back to 4" until_ok 30 running app=web 4
# a rolling update never drops below replicas - maxUnavailable (25% of 4:
# 1) available pods, nor goes above replicas + maxSurge (1) pods
( min=99; max=0
  for _ in $(seq 150); do
	a=$($K get deploy web -o jsonpath='{.status.availableReplicas}' 2>/dev/null)
	p=$(count app=web)
	[ -n "$a" ] && [ "$a" -lt "$min" ] && min=$a
	[ "$p" -gt "$max" ] && max=$p
	echo "$min $max" >"$E2E_TMP/minmax"
	sleep 0.1
  done ) &
watcher=$!
$K set image deployment/web busybox=busybox:2 >/dev/null
ok "rolling update to a new image" $K rollout status deployment/web --timeout=60s
wait $watcher
read -r minav maxpods <"$E2E_TMP/minmax"
match "available pods stayed at 3 or more (saw $minav)" "$minav" '^[34]$'
match "pods stayed at 5 or fewer (saw $maxpods)" "$maxpods" '^[45]$'
eq "every pod runs the new image" "$($K get pods -l app=web -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:2
eq "two ReplicaSets, the old at 0" "$($K get rs -l app=web -o jsonpath='{range .items[*]}{.spec.replicas}{"\n"}{end}' | sort -n | tr '\n' ' ')" "0 4 "
match "ScalingReplicaSet events" "$($K get events --field-selector involvedObject.name=web,reason=ScalingReplicaSet -o jsonpath='{range .items[*]}{.message}{"\n"}{end}')" \
    'Scaled down replica set web-[a-z0-9]+ from [0-9]+ to 0'
match "rollout history has 2 revisions" "$($K rollout history deployment/web)" '1 +<none>.*
2 +<none>'
ok "rollout undo" $K rollout undo deployment/web
ok "... rolls back" $K rollout status deployment/web --timeout=60s
eq "to the old image" "$($K get pods -l app=web -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:1
eq "the revision is 3 now" "$(jp deploy/web '{.metadata.annotations.deployment\.kubernetes\.io/revision}')" 3
eq "kubec rollout pause" "$("$KC" rollout pause deployment/web)" "deployment.apps/web paused"
$K set image deployment/web busybox=busybox:3 >/dev/null
sleep 2
eq "paused: no rollout" "$($K get pods -l app=web -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:1
eq "Progressing says DeploymentPaused" "$(jp deploy/web '{.status.conditions[?(@.type=="Progressing")].reason}')" DeploymentPaused
eq "kubec rollout resume" "$("$KC" rollout resume deployment/web)" "deployment.apps/web resumed"
ok "resumed: it rolls" $K rollout status deployment/web --timeout=60s
eq "to the new image" "$($K get pods -l app=web -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:3
eq "Progressing NewReplicaSetAvailable" "$(jp deploy/web '{.status.conditions[?(@.type=="Progressing")].reason}')" NewReplicaSetAvailable
eq "kubec rollout restart" "$("$KC" rollout restart deployment/web)" "deployment.apps/web restarted"
eq "... rolls every pod (kubec rollout status)" "$("$KC" rollout status deployment/web --timeout=60s | tail -1)" 'deployment "web" successfully rolled out'
match "... with the restartedAt annotation" "$($K get pods -l app=web -o jsonpath='{.items[0].metadata.annotations.kubectl\.kubernetes\.io/restartedAt}')" '^20'
$K create deployment once --image=busybox:1 --replicas=3 >/dev/null
$K patch deployment once -p '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}' >/dev/null
ok "a Recreate Deployment runs" until_ok 30 running app=once 3
$K set image deployment/once busybox=busybox:2 >/dev/null
ok "... and recreates" $K rollout status deployment/once --timeout=60s
eq "every pod new" "$($K get pods -l app=once -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:2
match "old scaled to 0 before the new one scaled up" "$($K get events --field-selector involvedObject.name=once,reason=ScalingReplicaSet -o jsonpath='{range .items[*]}{.message}{"\n"}{end}' | tail -2 | tr '\n' '|')" \
    '^Scaled down replica set once-[a-z0-9]+ from 3 to 0\|Scaled up replica set once-[a-z0-9]+ from 0 to 3\|$'

# --- cascading deletion --------------------------------------------------
$K create deployment orph --image=busybox --replicas=2 >/dev/null
ok "a Deployment for orphaning runs" until_ok 30 running app=orph 2
$K delete deployment orph --cascade=orphan >/dev/null
sleep 1
eq "orphan: its ReplicaSet stays" "$($K get rs -l app=orph -o jsonpath='{.items[*].spec.replicas}')" 2
eq "... without an owner" "$($K get rs -l app=orph -o jsonpath='{.items[0].metadata.ownerReferences}')" ""
eq "... and its pods run" "$(count app=orph)" 2
$K delete rs -l app=orph >/dev/null
ok "background: deleting the ReplicaSet takes its pods" until_ok 30 sh -c "[ \$($K get pods -l app=orph -o name | wc -l) = 0 ]"
$K create deployment fg --image=busybox --replicas=2 >/dev/null
ok "a Deployment for the foreground runs" until_ok 30 running app=fg 2
ok "foreground: delete waits for the dependents" $K delete deployment fg --cascade=foreground --timeout=60s
eq "... which are gone" "$($K get rs,pods -l app=fg -o name)" ""

# --- DaemonSet -----------------------------------------------------------
$K taint node c-0 role=special:NoSchedule >/dev/null
$K create -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logger}
spec:
  selector: {matchLabels: {app: logger}}
  template:
    metadata: {labels: {app: logger}}
    spec: {containers: [{name: c, image: busybox:1}]}
EOF
ok "a DaemonSet runs a pod on each untainted node" until_ok 30 running app=logger 4
eq "... one on each" "$($K get pods -l app=logger -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort | tr '\n' ' ')" "a-0 a-1 a-2 b-0 "
eq "... none on the tainted one" "$($K get pods -l app=logger --field-selector spec.nodeName=c-0 -o name)" ""
eq "desired, ready" "$(jp ds/logger '{.status.desiredNumberScheduled} {.status.numberReady}')" "4 4"
$K taint node c-0 role- >/dev/null
ok "the untainted node gets one too" until_ok 30 running app=logger 5
$K set image ds/logger c=busybox:2 >/dev/null
ok "a DaemonSet rolls out" $K rollout status ds/logger --timeout=90s
eq "... every pod new" "$($K get pods -l app=logger -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:2
match "with a history" "$($K rollout history ds/logger)" '1 +<none>.*
2 +<none>'
# maxSurge: a new pod beside the old one on one node at a time, the old
# one going once the new one is available (minReadySeconds 2)
$K patch ds/logger --type=merge -p '{"spec":{"minReadySeconds":2,"updateStrategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}' >/dev/null
ok "with minReadySeconds, its pods are available once ready for 2 s" until_ok 20 is ds/logger '{.status.numberAvailable}' 5
( lo=99 hi=0; while [ ! -e "$E2E_TMP/ds-done" ]; do
	a=$(jp ds/logger '{.status.numberAvailable}'); p=$($K get pods -l app=logger -o name | wc -l)
	[ -n "$a" ] && [ "$a" -lt "$lo" ] && lo=$a; [ "$p" -gt "$hi" ] && hi=$p
	echo "$lo $hi" >"$E2E_TMP/ds-seen"; sleep 0.2
done ) &
watcher=$!
$K set image ds/logger c=busybox:3 >/dev/null
ok "a DaemonSet with maxSurge rolls out" $K rollout status ds/logger --timeout=90s
touch "$E2E_TMP/ds-done"; wait $watcher
eq "... every pod new" "$($K get pods -l app=logger -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:3
eq "never fewer than 5 available, never more than 5 + 1 pods" "$(cat "$E2E_TMP/ds-seen")" "5 6"

# --- Job and CronJob -----------------------------------------------------
$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: work}
spec:
  completions: 5
  parallelism: 2
  template:
    metadata: {annotations: {kubec.io/simulate-exit-code: "0", kubec.io/simulate-duration: "1"}}
    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
( peak=0; for _ in $(seq 100); do n=$($K get pods -l job-name=work --field-selector status.phase=Running -o name | wc -l); [ "$n" -gt "$peak" ] && peak=$n; echo $peak >"$E2E_TMP/peak"; sleep 0.1; done ) &
watcher=$!
ok "a Job completes" $K wait --for=condition=complete job/work --timeout=60s
wait $watcher
eq "5 of 5 succeeded" "$(jp job/work '{.status.succeeded}')" 5
match "never more than 2 at a time (saw $(cat "$E2E_TMP/peak"))" "$(cat "$E2E_TMP/peak")" '^[12]$'
match "kubectl get job" "$($K get job work)" 'work +Complete +5/5'
eq "the pods are released from tracking" "$($K get pods -l job-name=work -o jsonpath='{range .items[*]}{.metadata.finalizers}{end}')" ""
$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: flaky}
spec:
  backoffLimit: 2
  template:
    metadata: {annotations: {kubec.io/simulate-exit-code: "1"}}
    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
ok "a failing Job fails past its backoffLimit" $K wait --for=condition=failed job/flaky --timeout=90s
eq "BackoffLimitExceeded after 3 pods" "$(jp job/flaky '{.status.conditions[?(@.type=="Failed")].reason} {.status.failed}')" "BackoffLimitExceeded 3"
$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: indexed}
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    metadata: {annotations: {kubec.io/simulate-exit-code: "0"}}
    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
ok "an Indexed Job completes" $K wait --for=condition=complete job/indexed --timeout=60s
eq "every index" "$(jp job/indexed '{.status.completedIndexes}')" 0-2
eq "one pod per index" "$($K get pods -l job-name=indexed -o jsonpath='{range .items[*]}{.metadata.annotations.batch\.kubernetes\.io/job-completion-index}{"\n"}{end}' | sort | tr '\n' ' ')" "0 1 2 "
$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "@every 5s"
  successfulJobsHistoryLimit: 2
  jobTemplate:
    spec:
      template:
        metadata: {annotations: {kubec.io/simulate-exit-code: "0"}}
        spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
ok "a CronJob fires" until_ok 30 sh -c "$K get jobs -o jsonpath='{.items[*].metadata.ownerReferences[0].name}' | grep -qw tick"
match "its Job is named after the scheduled minute" "$($K get jobs -o jsonpath='{range .items[?(@.metadata.ownerReferences[0].name=="tick")]}{.metadata.name}{"\n"}{end}' | head -1)" '^tick-[0-9]{8}$'
ok "... and its Jobs complete" until_ok 60 sh -c "$K get cronjob tick -o jsonpath='{.status.lastSuccessfulTime}' | grep -q ."
sleep 12
match "history kept to 2" "$($K get jobs -o jsonpath='{range .items[?(@.metadata.ownerReferences[0].name=="tick")]}{.metadata.name}{"\n"}{end}' | wc -l)" '^[1-3]$'
$K patch cronjob tick -p '{"spec":{"suspend":true}}' >/dev/null

# --- StatefulSet -----------------------------------------------------------
$K create -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: busybox:1, volumeMounts: [{name: data, mountPath: /data}]}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
EOF
ok "a StatefulSet runs its 3 pods" until_ok 60 running app=db 3
eq "named by ordinal" "$($K get pods -l app=db -o jsonpath='{.items[*].metadata.name}')" "db-0 db-1 db-2"
ts() { date -d "$(jp "pod/$1" '{.metadata.creationTimestamp}')" +%s; }
ok "made in order" [ "$(ts db-0)" -le "$(ts db-1)" ] && [ "$(ts db-1)" -le "$(ts db-2)" ]
eq "hostname and subdomain" "$(jp pod/db-1 '{.spec.hostname} {.spec.subdomain}')" "db-1 db"
eq "a claim each, of the default class local-path" "$($K get pvc -l app=db -o jsonpath='{range .items[*]}{.metadata.name}:{.spec.storageClassName}:{.status.phase} {end}')" \
    "data-db-0:local-path:Bound data-db-1:local-path:Bound data-db-2:local-path:Bound "
pv0=$(jp pvc/data-db-0 '{.spec.volumeName}')
eq "provisioned for it" "$pv0" "pvc-$(jp pvc/data-db-0 '{.metadata.uid}')"
match "a directory under --local-storage-path" "$(jp pv/$pv0 '{.spec.hostPath.path}')" "^$E2E_TMP/storage/pvc-"
eq "on the node the pod went to" "$(jp pv/$pv0 '{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}')" \
    "$(jp pod/db-0 '{.spec.nodeName}')"
eq "which the claim names" "$(jp pvc/data-db-0 '{.metadata.annotations.volume\.kubernetes\.io/selected-node}')" "$(jp pod/db-0 '{.spec.nodeName}')"
node0=$(jp pod/db-0 '{.spec.nodeName}')
uid0=$(jp pod/db-0 '{.metadata.uid}')
# (kubectl's wait for the deletion can miss a pod made again as fast as
# simulated nodes let it: its list may already hold the new one)
$K delete pod db-0 --wait=false >/dev/null
db0_again() { [ -n "$(jp pod/db-0 '{.metadata.uid}')" ] && [ "$(jp pod/db-0 '{.metadata.uid}')" != "$uid0" ]; }
ok "a pod made again" until_ok 60 db0_again
ok "... running" until_ok 60 running app=db 3
eq "goes to its volume's node" "$(jp pod/db-0 '{.spec.nodeName}')" "$node0"
$K scale sts db --replicas=1 >/dev/null
ok "scaled down from the highest ordinal" until_ok 60 sh -c "[ \"\$($K get pods -l app=db -o jsonpath='{.items[*].metadata.name}')\" = db-0 ]"
eq "the claims stay (Retain)" "$($K get pvc -l app=db -o name | wc -l)" 3
$K scale sts db --replicas=2 >/dev/null
ok "and up again" until_ok 60 running app=db 2
$K set image sts/db c=busybox:2 >/dev/null
ok "a StatefulSet rolls out" $K rollout status sts/db --timeout=60s
eq "... every pod new" "$($K get pods -l app=db -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\n"}{end}' | sort -u)" busybox:2
eq "current and update revision agree" "$(jp sts/db '{.status.currentRevision}')" "$(jp sts/db '{.status.updateRevision}')"

$K create -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: loose}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
EOF
ok "a claim waits for its first consumer" until_ok 20 sh -c "$K get events --field-selector involvedObject.name=loose,reason=WaitForFirstConsumer -o name | grep -q ."
eq "... Pending" "$(jp pvc/loose '{.status.phase}')" Pending
$K create -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolume
metadata: {name: handmade}
spec: {capacity: {storage: 5Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: $E2E_TMP/handmade}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: manual}
spec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: 2Gi}}}
EOF
ok "a claim binds to a volume made by hand" until_ok 20 is pvc/manual '{.status.phase}' Bound
eq "both sides" "$(jp pvc/manual '{.spec.volumeName} {.status.capacity.storage}') $(jp pv/handmade '{.status.phase} {.spec.claimRef.name}')" "handmade 5Gi Bound manual"
$K delete pvc manual >/dev/null
ok "its claim gone, a Retain volume is Released" until_ok 20 is pv/handmade '{.status.phase}' Released
$K run claimless --image=busybox --overrides='{"spec":{"volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"nope"}}],"containers":[{"name":"c","image":"busybox","volumeMounts":[{"name":"v","mountPath":"/v"}]}]}}' >/dev/null
ok "a pod with a missing claim is not placed" until_ok 20 sh -c "$K get events --field-selector involvedObject.name=claimless,reason=FailedScheduling -o name | grep -q ."
eq "... saying why" "$($K get events --field-selector involvedObject.name=claimless,reason=FailedScheduling -o jsonpath='{.items[0].message}')" \
    '0/5 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.'
$K create -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: nope}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
EOF
ok "... and is placed once the claim exists" until_ok 30 is pod/claimless '{.status.phase}' Running
ok "... which is bound then" until_ok 20 is pvc/nope '{.status.phase}' Bound
$K delete pod claimless --wait=false >/dev/null

# --- Endpoints and EndpointSlices ----------------------------------------
$K expose deployment web --port=8080 --target-port=80 >/dev/null
ok "a Service gets Endpoints" until_ok 20 sh -c "[ \"\$($K get endpoints web -o jsonpath='{.subsets[0].addresses[*].ip}' | wc -w)\" = 4 ]"
eq "the pods' IPs" "$($K get endpoints web -o jsonpath='{range .subsets[0].addresses[*]}{.ip}{"\n"}{end}' | sort | tr '\n' ' ')" \
    "$($K get pods -l app=web -o jsonpath='{range .items[*]}{.status.podIP}{"\n"}{end}' | sort | tr '\n' ' ')"
eq "on the target port" "$($K get endpoints web -o jsonpath='{.subsets[0].ports[0].port}')" 80
eq "and an EndpointSlice" "$($K get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[*]}{.addresses[0]}{"\n"}{end}' | wc -l)" 4
$K scale deployment web --replicas=2 >/dev/null
ok "which follow the pods" until_ok 30 sh -c "[ \"\$($K get endpoints web -o jsonpath='{.subsets[0].addresses[*].ip}' | wc -w)\" = 2 ]"

# --- a node goes silent ---------------------------------------------------
$K create deployment mobile --image=busybox --replicas=2 >/dev/null
$K patch deployment mobile -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/hostname":"b-0"},"tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":2}]}}}}' >/dev/null
ok "pods on node b-0" until_ok 30 sh -c "[ \"\$($K get pods -l app=mobile --field-selector spec.nodeName=b-0,status.phase=Running -o name | wc -l)\" = 2 ]"
kill -KILL "${SIMS[1]}"; wait "${SIMS[1]}" 2>/dev/null
ok "the silent node turns NotReady (Unknown)" until_ok 70 is node/b-0 '{.status.conditions[?(@.type=="Ready")].status}' Unknown
eq "with the controller's reason" "$(jp node/b-0 '{.status.conditions[?(@.type=="Ready")].reason}')" NodeStatusUnknown
ok "and is tainted unreachable" until_ok 10 sh -c "$K get node b-0 -o jsonpath='{.spec.taints[*].key}' | grep -q node.kubernetes.io/unreachable"
ok "its pods are evicted" until_ok 30 sh -c "$K get events --field-selector reason=TaintManagerEviction -o name | grep -q ."
$K patch deployment mobile --type=json -p '[{"op":"remove","path":"/spec/template/spec/nodeSelector"}]' >/dev/null
live_mobile() {
	$K get pods -l app=mobile --field-selector status.phase=Running \
	    -o jsonpath='{range .items[*]}{.spec.nodeName} {.metadata.deletionTimestamp}{"\n"}{end}' |
	    awk '$1 ~ /^[ac]-/ && $2 == ""' | wc -l
}
mobile_moved() { [ "$(live_mobile)" -ge 2 ]; }
ok "and run again on the live nodes" until_ok 60 mobile_moved
$K delete node b-0 >/dev/null
ok "the pods of a deleted node go" until_ok 30 sh -c "[ \"\$($K get pods --field-selector spec.nodeName=b-0 -o name | wc -l)\" = 0 ]"

eq "no controller error in the server's log" "$(grep 'kubec-server: .*\(scheduler\|controller\|collector\)' "$E2E_TMP/server.log" | grep -v 'kubec-server: leading the')" ""
e2e_done
