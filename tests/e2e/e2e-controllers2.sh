#!/usr/bin/env bash
# e2e-controllers2.sh - more of the controllers of kubec-server with the
# real kubectl, on nodes simulated by `kubec-agent --simulate`: a
# Deployment's revisionHistoryLimit, the ReplicaSet controller's events,
# a Job's activeDeadlineSeconds and ttlSecondsAfterFinished, CronJobs
# (concurrencyPolicy Forbid and Replace, startingDeadlineSeconds,
# failedJobsHistoryLimit, timeZone, SawCompletedJob), a StatefulSet's
# Parallel pod management and rollingUpdate partition, a node whose
# kubelet says Ready=False, and a server with --disable-scheduler and a
# controller left out.
#
# The CronJobs are made first and tick (at minute boundaries) while the
# other checks run; they are looked at last.  Nothing listens but the
# server on 127.0.0.1; the simulated nodes' and pods' addresses
# (198.18.0.0/15) only appear in the API.
set -u
. "$(dirname "$0")/lib.sh"

server_start
K=$KUBECTL
sim_start() {	# sim_start PREFIX N
	"${KUBEC_AGENT:-$E2E_TOP/bin/kubec-agent}" --simulate "$2" --node-name "$1" \
	    --server "$SERVER_URL" --token "$(cat "$SERVER_DIR/node-token")" \
	    --data-dir "$E2E_TMP/sim-$1" --sim-cpu 4 --sim-memory 8Gi \
	    --max-pods 40 >>"$E2E_TMP/sim-$1.log" 2>&1 &
	E2E_PIDS+=($!)
	SIM_PID=$!
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
cjobs() {	# cjobs CRONJOB: the names of its Jobs not being deleted, sorted
	$K get jobs -o jsonpath="{range .items[?(@.metadata.ownerReferences[0].name==\"$1\")]}{.metadata.name} {.metadata.deletionTimestamp}{\"\\n\"}{end}" |
	    awk 'NF == 1 {print $1}' | sort
}
secs() { date -d "$1" +%s; }
utc() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

sim_start a 3
ok "three simulated nodes Ready" until_ok 30 nodes_ready 3

# --- CronJobs, made first: they tick while the rest runs ----------------
T0=$(date +%s)
B1=$(( (T0 / 60 + 1) * 60 ))	# the first minute boundary after them
# timeZone: a time in Asia/Kolkata (UTC+05:30) that is the second minute
# boundary from now in UTC
TZT=$(( (T0 / 60 + 2) * 60 ))
TZS="$(TZ=Asia/Kolkata date -d "@$TZT" '+%-M %-H') * * *"
cron() {	# cron NAME SCHEDULE SPEC-EXTRA POD-ANNOTATIONS JOB-SPEC-EXTRA
	$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: CronJob
metadata: {name: $1}
spec:
  schedule: "$2"
  $3
  jobTemplate:
    spec:
      $5
      template:
        metadata: {annotations: {$4}}
        spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
}
LONG='kubec.io/simulate-exit-code: "0", kubec.io/simulate-duration: "3600"'
cron forbid "@every 5s" "concurrencyPolicy: Forbid" "$LONG" ""
cron replace "* * * * *" "concurrencyPolicy: Replace" "$LONG" ""
cron failing "* * * * *" "failedJobsHistoryLimit: 1" 'kubec.io/simulate-exit-code: "1"' "backoffLimit: 0"
cron done "@every 10s" "successfulJobsHistoryLimit: 3" 'kubec.io/simulate-exit-code: "0", kubec.io/simulate-duration: "2"' ""
cron late "* * * * *" $'startingDeadlineSeconds: 10\n  suspend: true' "$LONG" ""
cron catchup "* * * * *" "suspend: true" "$LONG" ""
cron tz "$TZS" "timeZone: Asia/Kolkata" "$LONG" ""
ok "seven CronJobs made" sh -c "[ \$($K get cronjobs -o name | wc -l) = 7 ]"
match "CRON_TZ= in the schedule is refused, as upstream" "$(cron bad "CRON_TZ=Asia/Kolkata * * * * *" "" "$LONG" "" 2>&1)" \
    'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'

# --- Deployment: revisionHistoryLimit --------------------------------------
$K create deployment hist --image=busybox:1 --replicas=1 >/dev/null
$K patch deployment hist -p '{"spec":{"revisionHistoryLimit":2}}' >/dev/null
ok "a Deployment with revisionHistoryLimit 2 rolls out" $K rollout status deployment/hist --timeout=60s
for i in 2 3 4 5; do
	$K set image deployment/hist busybox=busybox:$i >/dev/null
	$K rollout status deployment/hist --timeout=60s >/dev/null 2>&1
done
revisions() {
	$K get rs -l app=hist -o jsonpath='{range .items[*]}{.metadata.annotations.deployment\.kubernetes\.io/revision}{"\n"}{end}' | sort -n | tr '\n' ' '
}
ok "after 4 more rollouts" until_ok 30 sh -c "[ \"\$($K get deployment hist -o jsonpath='{.status.updatedReplicas} {.spec.template.spec.containers[0].image}')\" = '1 busybox:5' ]"
hist_kept() { [ "$(revisions)" = "3 4 5 " ]; }
ok "only the 2 newest old ReplicaSets stay" until_ok 20 hist_kept
eq "revisions 3 and 4 old, 5 current" "$(revisions)" "3 4 5 "
eq "the old ones scaled to 0, the current one runs busybox:5" \
    "$($K get rs -l app=hist -o jsonpath='{range .items[*]}{.metadata.annotations.deployment\.kubernetes\.io/revision}:{.spec.replicas}:{.spec.template.spec.containers[0].image}{"\n"}{end}' | sort -n | tr '\n' ' ')" \
    "3:0:busybox:3 4:0:busybox:4 5:1:busybox:5 "
$K delete deployment hist --wait=false >/dev/null

# --- the ReplicaSet controller's events -----------------------------------
$K create deployment ev --image=busybox --replicas=2 >/dev/null
ok "a ReplicaSet runs 2 pods" until_ok 30 running app=ev 2
rs=$($K get rs -l app=ev -o jsonpath='{.items[0].metadata.name}')
pods=$($K get pods -l app=ev -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' | sort)
evmsgs() {	# evmsgs REASON OBJECT-NAME: the messages of those events, sorted
	$K get events --field-selector "reason=$1,involvedObject.name=$2" -o jsonpath='{range .items[*]}{.message}{"\n"}{end}' | sort
}
eq "SuccessfulCreate: \"Created pod: NAME\" for each" "$(evmsgs SuccessfulCreate "$rs")" "$(printf '%s\n' $pods | sed 's/^/Created pod: /')"
eq "... from the replicaset-controller, on the ReplicaSet" \
    "$($K get events --field-selector "reason=SuccessfulCreate,involvedObject.name=$rs" -o jsonpath='{.items[0].source.component} {.items[0].involvedObject.kind} {.items[0].type}')" \
    "replicaset-controller ReplicaSet Normal"
$K scale deployment ev --replicas=1 >/dev/null
ok "scaled down to 1" until_ok 30 sh -c "[ \"\$($K get pods -l app=ev -o name | wc -l)\" = 1 ]"
left=$($K get pods -l app=ev -o jsonpath='{.items[0].metadata.name}')
gone=$(printf '%s\n' $pods | grep -vx "$left")
ok "SuccessfulDelete comes" until_ok 10 sh -c "$K get events --field-selector reason=SuccessfulDelete,involvedObject.name=$rs -o name | grep -q ."
eq "\"Deleted pod: NAME\" for the one that went" "$(evmsgs SuccessfulDelete "$rs")" "Deleted pod: $gone"
$K delete deployment ev --wait=false >/dev/null

# --- Job: activeDeadlineSeconds and ttlSecondsAfterFinished -----------------
$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: slow}
spec:
  completions: 2
  parallelism: 2
  activeDeadlineSeconds: 4
  template:
    metadata: {annotations: {$LONG}}
    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
ok "its pods run" until_ok 30 running job-name=slow 2
ok "a Job whose pods run too long fails" $K wait --for=condition=failed job/slow --timeout=40s
eq "reason DeadlineExceeded, in upstream's words" \
    "$(jp job/slow '{.status.conditions[?(@.type=="Failed")].reason}: {.status.conditions[?(@.type=="Failed")].message}')" \
    "DeadlineExceeded: Job was active longer than specified deadline"
took=$(( $(secs "$(jp job/slow '{.status.conditions[?(@.type=="Failed")].lastTransitionTime}')") - $(secs "$(jp job/slow '{.status.startTime}')") ))
match "about 4 s after it started (took $took s)" "$took" '^([4-9]|1[0-2])$'
ok "its pods are deleted" until_ok 30 sh -c "[ -z \"\$($K get pods -l job-name=slow -o name)\" ]"
succ=$(jp job/slow '{.status.succeeded}')
eq "none counted as succeeded" "${succ:-0}" 0
$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: doomed}
spec:
  parallelism: 2
  completions: 2
  template:
    metadata: {annotations: {$LONG}}
    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
ok "a Job's pods run" until_ok 30 running job-name=doomed 2
$K delete job doomed --wait=false >/dev/null
ok "the Job deleted while they run, its pods go (their tracking finalizer too)" until_ok 30 sh -c "[ -z \"\$($K get pods -l job-name=doomed -o name)\" ]"
$K create -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: brief}
spec:
  ttlSecondsAfterFinished: 6
  template:
    metadata: {annotations: {kubec.io/simulate-exit-code: "0", kubec.io/simulate-duration: "1"}}
    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
EOF
ok "a Job with ttlSecondsAfterFinished 6 completes" $K wait --for=condition=complete job/brief --timeout=40s
done_at=$(secs "$(jp job/brief '{.status.completionTime}')")
for _ in $(seq 60); do
	[ -z "$($K get jobs brief -o name --ignore-not-found)" ] && break
	sleep 0.5
done
gone_at=$(date +%s)
match "it is deleted about 6 s after it finished ($((gone_at - done_at)) s)" "$((gone_at - done_at))" '^([5-9]|1[0-3])$'
ok "and its pod too" until_ok 20 sh -c "[ -z \"\$($K get pods -l job-name=brief -o name)\" ]"

# --- StatefulSet: Parallel and partition ----------------------------------
sts() {		# sts NAME SPEC-EXTRA POD-SPEC-EXTRA
	$K create -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: $1}
spec:
  serviceName: $1
  replicas: 3
  $2
  selector: {matchLabels: {app: $1}}
  template:
    metadata: {labels: {app: $1}}
    spec: {$3 containers: [{name: c, image: busybox:1}]}
EOF
}
# pods that are never placed (no node has the label): an OrderedReady
# set waits for its first one, a Parallel set makes them all
sts par "podManagementPolicy: Parallel" "nodeSelector: {e2e: nowhere},"
sts ord "" "nodeSelector: {e2e: nowhere},"
ok "Parallel: all 3 pods made at once" until_ok 20 sh -c "[ \"\$($K get pods -l app=par -o jsonpath='{.items[*].metadata.name}')\" = 'par-0 par-1 par-2' ]"
eq "... none of them placed" "$($K get pods -l app=par -o jsonpath='{range .items[*]}{.status.phase}{.spec.nodeName} {end}')" "Pending Pending Pending "
sleep 2
eq "OrderedReady meanwhile: only the first" "$($K get pods -l app=ord -o jsonpath='{.items[*].metadata.name}')" "ord-0"
$K delete sts par ord --wait=false >/dev/null
sts part $'podManagementPolicy: Parallel\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}' ""
ok "a StatefulSet with partition 2 runs its 3 pods" until_ok 60 running app=part 3
$K set image sts/part c=busybox:2 >/dev/null
images() { $K get pods -l app=part -o jsonpath='{range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}'; }
ok "after a template change, the ordinal 2 is updated" until_ok 60 sh -c "[ \"\$($K get pod part-2 -o jsonpath='{.spec.containers[0].image}')\" = busybox:2 ]"
ok "... and runs" until_ok 30 running app=part 3
sleep 3
eq "ordinals below the partition keep the old template" "$(images)" "part-0=busybox:1 part-1=busybox:1 part-2=busybox:2 "
eq "updatedReplicas 1, revisions differ" "$(jp sts/part '{.status.updatedReplicas}') $([ "$(jp sts/part '{.status.currentRevision}')" != "$(jp sts/part '{.status.updateRevision}')" ] && echo differ)" "1 differ"
$K patch sts part -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}' >/dev/null
ok "partition 0: all updated" until_ok 90 sh -c "[ \"\$($K get pods -l app=part -o jsonpath='{range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}')\" = 'part-0=busybox:2 part-1=busybox:2 part-2=busybox:2 ' ]"
ok "... and running" until_ok 60 running app=part 3
$K delete sts part --wait=false >/dev/null

# --- a node whose kubelet says Ready=False ---------------------------------
# (the simulator reports its nodes Ready: a node made here instead, its
# Lease and status written as a kubelet would, taint of its own so that
# nothing is placed on it)
micro() { date -u +%Y-%m-%dT%H:%M:%S.000000Z; }
$K create -f - >/dev/null <<EOF
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: hand-0, namespace: kube-node-lease}
spec: {holderIdentity: hand-0, leaseDurationSeconds: 40, renewTime: "$(micro)"}
---
apiVersion: v1
kind: Node
metadata: {name: hand-0, labels: {kubernetes.io/hostname: hand-0}}
spec: {taints: [{key: e2e.kubec.io/hand, effect: NoSchedule}]}
EOF
ready_patch() {	# ready_patch STATUS REASON
	local now; now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	$K patch lease -n kube-node-lease hand-0 --type=merge -p "{\"spec\":{\"renewTime\":\"$(micro)\"}}" >/dev/null &&
	$K patch node hand-0 --subresource=status --type=merge -p "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"$1\",\"reason\":\"$2\",\"message\":\"e2e\",\"lastHeartbeatTime\":\"$now\",\"lastTransitionTime\":\"$now\"}]}}" >/dev/null
}
taints() { $K get node hand-0 -o jsonpath='{range .spec.taints[*]}{.key}:{.effect}{"\n"}{end}' | sort | tr '\n' ' '; }
ok "Ready=False reported" ready_patch False KubeletNotReady
NOT_READY="e2e.kubec.io/hand:NoSchedule node.kubernetes.io/not-ready:NoExecute node.kubernetes.io/not-ready:NoSchedule "
tainted() { [ "$(taints)" = "$1" ]; }
ok "the node is tainted not-ready, NoSchedule and NoExecute" until_ok 15 tainted "$NOT_READY"
eq "... its own taint kept, not unreachable (its Lease is fresh)" "$(taints)" "$NOT_READY"
eq "its Ready condition stays as the kubelet said" "$(jp node/hand-0 '{.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].reason}')" "False KubeletNotReady"
ok "Ready=True reported" ready_patch True KubeletReady
ok "the not-ready taints go" until_ok 15 tainted "e2e.kubec.io/hand:NoSchedule "
$K delete node hand-0 >/dev/null
$K delete lease -n kube-node-lease hand-0 >/dev/null

# --- the CronJobs ------------------------------------------------------------
# startingDeadlineSeconds: the two suspended ones are resumed 15 to 40 s
# into a minute, a minute boundary having passed since they were made:
# the one without a deadline makes the Job of that missed time at once,
# the one with 10 s skips it (and sets no lastScheduleTime), as upstream
while :; do
	n=$(date +%s)
	[ "$n" -ge $((B1 + 15)) ] && [ $((n % 60)) -ge 15 ] && [ $((n % 60)) -le 40 ] && break
	sleep 1
done
M=$(( n / 60 * 60 ))
$K patch cronjob late -p '{"spec":{"suspend":false}}' >/dev/null
$K patch cronjob catchup -p '{"spec":{"suspend":false}}' >/dev/null
caught_up() { [ "$(cjobs catchup)" = "catchup-$((M / 60))" ]; }
ok "resumed without a deadline: the missed run is made" until_ok 10 caught_up
sleep 2
eq "with a 10 s startingDeadlineSeconds: skipped (checked $(( $(date +%s) - M )) s into the minute)" \
    "$(cjobs late)|$(jp cronjob/late '{.status.lastScheduleTime}')" "|"
ok "... its next run is on time" until_ok 75 sh -c "$K get job late-$((M / 60 + 1)) -o name"
eq "... and set lastScheduleTime" "$(jp cronjob/late '{.status.lastScheduleTime}')" "$(utc $((M + 60)))"

# Forbid: one Job, running for an hour, and no second one
njobs() { [ "$(cjobs "$1" | wc -l)" = "$2" ]; }	# njobs CRONJOB N
ok "Forbid: a Job runs" until_ok 10 njobs forbid 1
eq "... no second one while it runs (a minute boundary and many ticks later)" "$(cjobs forbid | wc -l)" 1
eq "... saying so" "$($K get events --field-selector reason=JobAlreadyActive,involvedObject.name=forbid -o jsonpath='{.items[0].message}')" \
    "Not starting job because prior execution is running and concurrency policy is Forbid"
eq "... and it is active" "$(jp cronjob/forbid '{.status.active[*].name}')" "$(cjobs forbid)"

# Replace: at each minute the running Job is replaced
first=$($K get events --field-selector reason=SuccessfulCreate,involvedObject.name=replace -o jsonpath='{range .items[*]}{.message}{"\n"}{end}' | sort | head -1 | sed 's/^Created job //')
match "Replace: a first Job was made" "$first" '^replace-[0-9]+$'
ok "... and at the next minute replaced" until_ok 70 sh -c "$K get events --field-selector reason=SuccessfulDelete,involvedObject.name=replace -o jsonpath='{.items[*].message}' | grep -q 'Deleted job $first'"
ok "... by the Job of that minute, the only one" until_ok 10 njobs replace 1
cur=$(cjobs replace)
match "... named for a later minute ($first, then $cur)" "$(( ${cur#replace-} - ${first#replace-} ))" '^[1-9][0-9]*$'
ok "... and the old one's pods go" until_ok 30 sh -c "[ -z \"\$($K get pods -l job-name=$first -o name)\" ]"

# failedJobsHistoryLimit 1: two failed Jobs made, the older one deleted
two_failed() { [ -n "$($K get events --field-selector reason=SuccessfulDelete,involvedObject.name=failing -o name)" ]; }
ok "failedJobsHistoryLimit 1: a failed Job is deleted once another fails" until_ok 90 two_failed
ok "... one failed Job kept" until_ok 10 njobs failing 1
kept=$(cjobs failing)
deleted=$($K get events --field-selector reason=SuccessfulDelete,involvedObject.name=failing -o jsonpath='{.items[0].message}')
match "the newest kept, the older deleted ($kept; $deleted)" "$(( ${kept#failing-} - ${deleted#Deleted job failing-} ))" '^[1-9][0-9]*$'
eq "it failed" "$(jp job/$kept '{.status.conditions[?(@.type=="Failed")].status}')" True

# SawCompletedJob
ok "SawCompletedJob when a Job of a CronJob completes" until_ok 30 sh -c "$K get events --field-selector reason=SawCompletedJob,involvedObject.name=done -o name | grep -q ."
match "in upstream's words" "$($K get events --field-selector reason=SawCompletedJob,involvedObject.name=done -o jsonpath='{.items[0].message}')" \
    '^Saw completed job: done-[0-9]+, status: Complete$'
ok "lastSuccessfulTime set" sh -c "$K get cronjob done -o jsonpath='{.status.lastSuccessfulTime}' | grep -q ."

# timeZone: "M H * * *" in Asia/Kolkata fires at the UTC minute it means
ok "timeZone Asia/Kolkata: schedule \"$TZS\" fires at $(utc "$TZT")" until_ok $(( TZT - $(date +%s) + 30 > 10 ? TZT - $(date +%s) + 30 : 10 )) \
    $K get job "tz-$((TZT / 60))" -o name
eq "... its only Job" "$(cjobs tz)" "tz-$((TZT / 60))"
eq "lastScheduleTime, and the Job's scheduled timestamp" \
    "$(jp cronjob/tz '{.status.lastScheduleTime}') $(jp job/tz-$((TZT / 60)) '{.metadata.annotations.batch\.kubernetes\.io/cronjob-scheduled-timestamp}')" \
    "$(utc "$TZT") $(utc "$TZT")"

eq "no controller error in the server's log" "$(grep 'kubec-server: .*\(scheduler\|controller\|collector\)' "$E2E_TMP/server.log" | grep -v 'kubec-server: leading the')" ""
echo "# the CronJob part took $(( $(date +%s) - T0 )) s"

# --- --disable-scheduler and --controllers '*,-job' ---------------------------
kill -TERM "$SIM_PID"; wait "$SIM_PID" 2>/dev/null
server_stop
SERVER_DIR=$E2E_TMP/server2
server_start --disable-scheduler --controllers '*,-job'
sim_start d 1
ok "another server with a simulated node Ready" until_ok 30 nodes_ready 1
$K run idle --image=busybox >/dev/null
$K create deployment still --image=busybox --replicas=2 >/dev/null
$K create job nojob --image=busybox >/dev/null
ok "the ReplicaSet controller still runs: 2 pods made" until_ok 20 sh -c "[ \$($K get pods -l app=still -o name | wc -l) = 2 ]"
sleep 4
eq "--disable-scheduler: pods stay Pending, on no node" \
    "$($K get pods -o jsonpath='{range .items[*]}{.status.phase}/{.spec.nodeName} {end}')" "Pending/ Pending/ Pending/ "
eq "... no Scheduled nor FailedScheduling event" "$($K get events --field-selector reason=Scheduled -o name)$($K get events --field-selector reason=FailedScheduling -o name)" ""
eq "--controllers '*,-job': a Job gets no pod" "$($K get pods -l job-name=nojob -o name)" ""
eq "... nor status" "$(jp job/nojob '{.status.active}{.status.startTime}')" ""
e2e_done
