#!/usr/bin/env bash
# e2e-workloads.sh - the workload controllers on two real nodes
# (kubec-agents node1 and node2, lib-agent.sh) running busybox containers
# with crun, driven by the real kubectl: a Deployment scales up and down
# (its containers start and stop), rolls out a second image tag without
# dropping below replicas - maxUnavailable ready pods, and rolls back; a
# DaemonSet skips a tainted node and comes to it once untainted; a Job
# completes with parallelism 2 and a failing one stops at its
# backoffLimit; a CronJob fires on its schedule; deleting a Deployment
# with each propagation policy (orphan, background, foreground) does
# what it says, down to the containers.
#
# The workloads run side by side to keep the suite short: the CronJob and
# the Jobs start first and are checked later.  Each workload names its
# container after itself, so the agents' crun containers of a workload
# are those whose id (POD-UID-CONTAINER-RESTARTS) ends in its name.
set -u
. "$(dirname "$0")/lib-agent.sh"
# on exit, even a failed or timed-out run's: the workloads go before
# lib-agent deletes the pods and stops the agents, lest their controllers
# make pods again meanwhile (whose containers a stopped agent would leave)
workloads_cleanup() {
	[ -n "${SERVER_PID:-}" ] &&
	    $KUBECTL delete cronjobs,jobs,daemonsets,deployments,replicasets \
	    --all --wait=false >/dev/null 2>&1
	agent_cleanup
}
trap workloads_cleanup EXIT

agent_cluster
agent2_start
K=$KUBECTL
ready() {
	[ "$($K get node "$1" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = "$2" ]
}
ok "node2 registers Ready" until_ok 60 ready node2 True
ok "a second tag of the busybox image pushed" registry_push_busybox 2.0
IMAGE2=$REGISTRY_ADDR/busybox:2.0

# ctrs NAME: how many crun containers named NAME run on the two agents
ctrs() {
	local d
	for d in "$AGENT_DIR" "$AGENT2_DIR"; do
		[ -d "$d/runtime/crun" ] || continue
		nsenter --mount="$d/runtime/ns/mnt" crun --root="$d/runtime/crun" list 2>/dev/null
	done | awk -v n="$1" '$3 == "running" && $1 ~ ("^[0-9a-f-]+-" n "-[0-9]+$")' | wc -l
}
ctrs_are() { [ "$(ctrs "$1")" = "$2" ]; }
# live SELECTOR: pods Running and Ready, not being deleted
live() {
	$K get pods -l "$1" -o jsonpath='{range .items[?(@.status.phase=="Running")]}{.metadata.deletionTimestamp}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -cx True
}
live_is() { [ "$(live "$1")" = "$2" ]; }
npods() { $K get pods -l "$1" -o name | wc -l; }
npods_is() { [ "$(npods "$1")" = "$2" ]; }
get() { $K get "$1" -o "jsonpath=$2" 2>/dev/null; }
is() { [ "$(get "$1" "$2")" = "$3" ]; }	# is OBJECT JSONPATH VALUE
images() {	# images SELECTOR: the images its pods' containers report, sorted
	$K get pods -l "$1" -o jsonpath='{range .items[*]}{.status.containerStatuses[0].image}{"\n"}{end}' | sort -u
}
images_are() { [ "$(images "$1")" = "$2" ]; }

# --- first, what takes its time: a CronJob and two Jobs ------------------
# (node2 is tainted already: the DaemonSet below must skip it)
$K taint node node2 e2e=skip:NoSchedule >/dev/null
$K apply -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          terminationGracePeriodSeconds: 1
          containers: [{name: tick, image: $IMAGE, command: [sh, -c, 'echo tick at \$(date +%s)']}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: work}
spec:
  completions: 4
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 1
      containers: [{name: work, image: $IMAGE, command: [sh, -c, 'sleep 2']}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: flaky}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 1
      containers: [{name: flaky, image: $IMAGE, command: [sh, -c, 'exit 1']}]
EOF
# the Job's peak of active pods (its status) and of Running pods (theirs)
( pa=0 pr=0; while [ ! -e "$E2E_TMP/job-done" ]; do
	a=$(get job/work '{.status.active}') || a=0
	r=$($K get pods -l job-name=work --field-selector status.phase=Running -o name 2>/dev/null | wc -l)
	[ "${a:-0}" -gt "$pa" ] && pa=$a; [ "$r" -gt "$pr" ] && pr=$r
	echo "$pa $pr" >"$E2E_TMP/job-peak"; sleep 0.2
done ) &
job_watcher=$!

# --- DaemonSet: not on the tainted node, then on it -----------------------
$K apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: everywhere}
spec:
  selector: {matchLabels: {app: everywhere}}
  template:
    metadata: {labels: {app: everywhere}}
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{name: everywhere, image: $IMAGE, command: [sleep, "3600"]}]
EOF
ok "the DaemonSet's pod runs on node1" until_ok 120 sh -c "[ \"\$($K get pods -l app=everywhere --field-selector spec.nodeName=node1,status.phase=Running -o name | wc -l)\" = 1 ]"
ok "... its DaemonSet wants it there only" until_ok 30 is ds/everywhere '{.status.desiredNumberScheduled} {.status.numberReady}' "1 1"
sleep 2
eq "no pod on the tainted node2" "$($K get pods -l app=everywhere -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}')" node1
eq "one crun container" "$(ctrs everywhere)" 1
$K taint node node2 e2e- >/dev/null
ok "untainted, node2 gets one too" until_ok 120 sh -c "[ \"\$($K get pods -l app=everywhere --field-selector spec.nodeName=node2,status.phase=Running -o name | wc -l)\" = 1 ]"
ok "... kubectl rollout status ds" $K rollout status ds/everywhere --timeout=120s
ok "... a container on each node" until_ok 30 ctrs_are everywhere 2
ok "desired 2, ready 2" until_ok 30 is ds/everywhere '{.status.desiredNumberScheduled} {.status.numberReady}' "2 2"

# the Deployments deleted at the end, made now to run meanwhile; fg's
# pods take 5 s to stop (sleep as PID 1 ignores TERM: killed at the end
# of the grace period), so its foreground deletion is seen waiting
for d in orph bg fg; do
	grace=1; [ $d = fg ] && grace=5
	$K apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: $d}
spec:
  replicas: 2
  selector: {matchLabels: {app: $d}}
  template:
    metadata: {labels: {app: $d}}
    spec:
      terminationGracePeriodSeconds: $grace
      containers: [{name: $d, image: $IMAGE, command: [sleep, "3600"]}]
EOF
done

# --- Deployment: scale, roll out, roll back ------------------------------
$K apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 1, maxSurge: 1}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: $IMAGE
        command: [sh, -c, 'mkdir -p /www && echo "web on \$NODE" >/www/index.html && exec httpd -f -p 8080 -h /www']
        env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
        readinessProbe: {tcpSocket: {port: 8080}, initialDelaySeconds: 3, periodSeconds: 1}
EOF
ok "a Deployment of 2 busybox pods rolls out" $K rollout status deployment/web --timeout=180s
ok "... 2 pods Running and Ready" until_ok 30 live_is app=web 2
ok "... 2 containers" until_ok 30 ctrs_are web 2
w=$($K get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
eq "which serve" "$($K exec "$w" -- timeout 5 wget -q -O- http://127.0.0.1:8080/)" "web on $(get "pod/$w" '{.spec.nodeName}')"
$K scale deployment web --replicas=4 >/dev/null
ok "scaled up to 4: 4 pods Running and Ready" until_ok 180 live_is app=web 4
ok "... 4 containers" until_ok 30 ctrs_are web 4
ok "... readyReplicas 4" until_ok 30 is deploy/web '{.status.readyReplicas}/{.status.replicas}' 4/4
$K scale deployment web --replicas=2 >/dev/null
ok "scaled down to 2: 2 pods left" until_ok 120 npods_is app=web 2
ok "... the others' containers stopped" until_ok 60 ctrs_are web 2
ok "... readyReplicas 2" until_ok 30 is deploy/web '{.status.readyReplicas}/{.status.replicas}' 2/2
$K scale deployment web --replicas=3 >/dev/null
ok "3 replicas to roll out" until_ok 180 live_is app=web 3
ok "... with 3 containers" until_ok 30 ctrs_are web 3
ok "... all Available" until_ok 60 is deploy/web '{.status.availableReplicas}' 3
match "every pod runs the first image" "$(images app=web)" "/busybox:1\\.0\$"

# rolling out, the Deployment keeps replicas - maxUnavailable = 2 pods
# ready and runs no more than replicas + maxSurge = 4 (not being
# deleted).  Sampled about every 0.2 s from its status (readyReplicas,
# availableReplicas) and from its pods' Ready conditions; a new pod is
# Ready 3 s after it starts (initialDelaySeconds), so the rollout takes
# a few seconds and is seen midway (pods of both ReplicaSets live).
roll_watch() {	# roll_watch NAME: samples until NAME-done exists
	local minr=99 mina=99 minpr=99 maxp=0 n=0 mid=0 s r a p pr h
	while [ ! -e "$E2E_TMP/$1-done" ]; do
		if s=$($K get deploy web -o jsonpath='{.status.readyReplicas}/{.status.availableReplicas}' 2>/dev/null) &&
		    p=$($K get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.deletionTimestamp}|{.metadata.labels.pod-template-hash}|{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null); then
			IFS=/ read -r r a <<<"$s"
			pr=$(printf '%s\n' "$p" | grep -c '^|.*|True$')
			h=$(printf '%s\n' "$p" | grep '^|' | cut -d'|' -f2 | sort -u | wc -l)
			p=$(printf '%s\n' "$p" | grep -c '^|')
			[ "${r:-0}" -lt "$minr" ] && minr=${r:-0}
			[ "${a:-0}" -lt "$mina" ] && mina=${a:-0}
			[ "$pr" -lt "$minpr" ] && minpr=$pr
			[ "$p" -gt "$maxp" ] && maxp=$p
			[ "$h" -gt 1 ] && mid=$((mid + 1))
			n=$((n + 1))
			echo "$minr $mina $minpr $maxp $n $mid" >"$E2E_TMP/$1-seen"
		fi
		sleep 0.2
	done
}
roll_watch roll & watcher=$!
$K set image deployment/web web="$IMAGE2" >/dev/null
ok "kubectl rollout status: the new image rolls out" $K rollout status deployment/web --timeout=240s
touch "$E2E_TMP/roll-done"; wait $watcher
read -r minr mina minpr maxp nsamples nmid <"$E2E_TMP/roll-seen"
ok "the rollout was seen midway, pods of both ReplicaSets live ($nmid of $nsamples samples)" test "$nmid" -ge 1
match "readyReplicas never below 2 during the rollout (saw $minr)" "$minr" '^[23]$'
match "availableReplicas never below 2 (saw $mina)" "$mina" '^[23]$'
match "Ready pods never below 2 (saw $minpr)" "$minpr" '^[23]$'
match "never more than 4 pods (saw $maxp)" "$maxp" '^[34]$'
ok "the new pods run the new image (containerStatuses)" until_ok 60 images_are app=web "$IMAGE2"
eq "two ReplicaSets, the old at 0" "$($K get rs -l app=web -o jsonpath='{range .items[*]}{.spec.replicas}{"\n"}{end}' | sort -n | tr '\n' ' ')" "0 3 "
ok "... the old pods' containers stopped: 3 run" until_ok 60 ctrs_are web 3
rm -f "$E2E_TMP/undo-done"
roll_watch undo & watcher=$!
ok "kubectl rollout undo" $K rollout undo deployment/web
ok "... rolls back" $K rollout status deployment/web --timeout=240s
touch "$E2E_TMP/undo-done"; wait $watcher
read -r minr mina minpr maxp nsamples nmid <"$E2E_TMP/undo-seen"
ok "... seen midway ($nmid of $nsamples samples)" test "$nmid" -ge 1
match "... never below 2 ready pods either (saw $minr, $minpr Ready), nor above 4 pods (saw $maxp)" "$minr $minpr $maxp" '^[23] [23] [34]$'
ok "... to the first image" until_ok 60 images_are app=web "$IMAGE"
ok "... in 3 containers" until_ok 60 ctrs_are web 3
eq "revision 3" "$(get deploy/web '{.metadata.annotations.deployment\.kubernetes\.io/revision}')" 3

# --- Jobs -----------------------------------------------------------------
ok "the Job of 4 completions completes" $K wait --for=condition=complete job/work --timeout=240s
touch "$E2E_TMP/job-done"; wait $job_watcher
read -r peak_active peak_running <"$E2E_TMP/job-peak"
eq "never more than 2 active, and 2 at once (saw $peak_active)" "$peak_active" 2
match "never more than 2 Running pods (saw $peak_running)" "$peak_running" '^[12]$'
eq "4 succeeded" "$(get job/work '{.status.succeeded}')" 4
eq "in 4 pods, each Succeeded" "$($K get pods -l job-name=work -o jsonpath='{range .items[*]}{.status.phase}{"\n"}{end}' | sort | uniq -c | sed 's/^ *//')" "4 Succeeded"
ok "their containers are gone" until_ok 30 ctrs_are work 0
ok "the failing Job ends Failed" $K wait --for=condition=failed job/flaky --timeout=240s
eq "... BackoffLimitExceeded after 3 failures" "$(get job/flaky '{.status.conditions[?(@.type=="Failed")].reason} {.status.failed}')" "BackoffLimitExceeded 3"
eq "... in 3 pods, each Failed" "$($K get pods -l job-name=flaky -o jsonpath='{range .items[*]}{.status.phase}{"\n"}{end}' | sort | uniq -c | sed 's/^ *//')" "3 Failed"
eq "... whose containers exited 1" "$($K get pods -l job-name=flaky -o jsonpath='{range .items[*]}{.status.containerStatuses[0].state.terminated.exitCode}{"\n"}{end}' | sort -u)" 1

# --- deleting Deployments: orphan, background, foreground ------------------
for d in orph bg fg; do
	ok "Deployment $d: 2 pods Running" until_ok 180 live_is app=$d 2
	ok "... in 2 containers" until_ok 30 ctrs_are $d 2
done
orph_pods=$($K get pods -l app=orph -o jsonpath='{.items[*].metadata.uid}')
ok "delete --cascade=orphan" $K delete deployment orph --cascade=orphan
sleep 3
fails "orphan: the Deployment is gone" $K get deployment orph
eq "... its ReplicaSet stays, at 2" "$($K get rs -l app=orph -o jsonpath='{.items[*].spec.replicas}')" 2
eq "... without ownerReferences" "$($K get rs -l app=orph -o jsonpath='{.items[0].metadata.ownerReferences}')" ""
eq "... its pods stay, the same ones" "$($K get pods -l app=orph -o jsonpath='{.items[*].metadata.uid}')" "$orph_pods"
eq "... Running" "$(live app=orph)" 2
eq "... in their containers" "$(ctrs orph)" 2

ok "delete (background)" $K delete deployment bg --cascade=background
fails "background: the Deployment is gone when delete returns" $K get deployment bg
ok "... then its ReplicaSet" until_ok 60 sh -c "[ -z \"\$($K get rs -l app=bg -o name)\" ]"
ok "... and its pods" until_ok 60 npods_is app=bg 0
ok "... whose containers stop" until_ok 60 ctrs_are bg 0

ok "delete --cascade=foreground --wait=false" $K delete deployment fg --cascade=foreground --wait=false
eq "foreground: the Deployment stays, being deleted, with the foregroundDeletion finalizer" \
    "$(get deploy/fg '{.metadata.deletionTimestamp}' | grep -c .) $(get deploy/fg '{.metadata.finalizers}')" \
    '1 ["foregroundDeletion"]'
# sample until the Deployment is gone: while it is there, how many pods
fg_seen=$E2E_TMP/fg-seen; : >"$fg_seen"
for _ in $(seq 600); do
	s=$($K get deploy fg -o jsonpath='{.metadata.finalizers}' 2>&1) || {
		grep -q NotFound <<<"$s" && break
		sleep 0.2; continue
	}
	echo "$(npods app=fg) $s" >>"$fg_seen"
	sleep 0.2
done
ok "... the Deployment goes" until_ok 30 sh -c "! $K get deployment fg"
eq "... once its pods are gone (no pods left then)" "$(npods app=fg)" 0
match "... having waited for its pods, with its finalizer (seen: $(head -1 "$fg_seen"))" "$(head -1 "$fg_seen")" '^[12] \["foregroundDeletion"\]$'
eq "... its ReplicaSet gone too" "$($K get rs -l app=fg -o name)" ""
ok "... its containers stopped" until_ok 60 ctrs_are fg 0
$K delete rs -l app=orph >/dev/null
ok "the orphaned ReplicaSet deleted, its pods go" until_ok 60 npods_is app=orph 0
ok "... and their containers" until_ok 60 ctrs_are orph 0

# --- the CronJob fired on its schedule -------------------------------------
cron_jobs() {
	$K get jobs -o jsonpath='{range .items[?(@.metadata.ownerReferences[0].kind=="CronJob")]}{.metadata.name}{"\n"}{end}'
}
cron_done() {
	local j
	j=$(cron_jobs | head -1)
	[ -n "$j" ] && [ "$($K get pods -l job-name="$j" -o jsonpath='{.items[*].status.phase}')" = Succeeded ]
}
# within ~70 s of the first minute boundary after it was made
cron_t0=$(date -d "$(get cronjob/tick '{.metadata.creationTimestamp}')" +%s)
left=$(( (cron_t0 / 60 + 1) * 60 + 80 - $(date +%s) ))
[ "$left" -lt 5 ] && left=5
ok "the CronJob's Job runs its pod to Completed (within ~70 s of the minute)" until_ok "$left" cron_done
job=$(cron_jobs | head -1)
match "a Job named after its scheduled minute" "$job" '^tick-[0-9]{8}$'
ok "... for a minute after the CronJob was made" test "$(( ${job#tick-} * 60 ))" -ge "$(( cron_t0 - 1 ))"
eq "... owned by the CronJob" "$(get "job/$job" '{.metadata.ownerReferences[0].name}')" tick
match "... its pod said so" "$($K logs "job/$job")" '^tick at [0-9]+$'
match "kubectl get pods: Completed" "$($K get pods -l job-name="$job" --no-headers)" ' 0/1 +Completed +0 '
ok "the CronJob's lastSuccessfulTime is set" until_ok 30 sh -c "$K get cronjob tick -o jsonpath='{.status.lastSuccessfulTime}' | grep -q ."
$K delete cronjob tick >/dev/null

$K delete deployment web >/dev/null
$K delete ds everywhere >/dev/null
$K delete jobs --all >/dev/null
e2e_done
