#!/usr/bin/env bash
# e2e-cli-more.sh - kubec explain, top, apply --prune and rollout
# history/undo beside the real kubectl on a live kubec-server (with a
# simulated node): the same stdout, stderr and exit status for explain's
# pages, fields, trees and errors; top's "Metrics API not available" and,
# against a fake Metrics API (tests/e2e/fake-metrics.py, kubec-server has
# no aggregation layer), its tables; apply --prune and rollout each run by
# both tools on objects of their own made alike, their outputs compared
# once the names are made the same, and what survives.
set -u
. "$(dirname "$0")/lib.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
server_start || exit 1
"$E2E_TOP/bin/kubec-agent" --simulate 1 --node-name sim --server "$SERVER_URL" \
    --token "$(cat "$SERVER_DIR/node-token")" --data-dir "$E2E_TMP/sim" \
    >>"$E2E_TMP/sim.log" 2>&1 &
E2E_PIDS+=($!)

# same DESCRIPTION ARGS...: stdout, stderr and exit status alike (kubectl
# named kubec in kubectl's words)
same() {
	local what=$1 a b
	shift
	a=$("$KUBEC" "$@" 2>&1; echo "exit $?")
	b=$($K "$@" 2>&1 | sed 's/kubectl/kubec/g'; echo "exit ${PIPESTATUS[0]}")
	eq "$what" "$a" "$b"
}
# the same, byte for byte (explain: descriptions that name kubectl)
same_raw() {
	local what=$1 a b
	shift
	a=$("$KUBEC" "$@" 2>&1; echo "exit $?")
	b=$($K "$@" 2>&1; echo "exit $?")
	eq "$what" "$a" "$b"
}

# --- explain
same_raw "explain pods" explain pods
same_raw "explain a kind of a group: GROUP line" explain deployments
same_raw "explain TYPE.GROUP.FIELD" explain deployments.apps.spec.strategy
same_raw "explain a short name and a singular" explain deploy.spec.template.spec.containers
same_raw "explain a map field" explain pod.metadata.labels
same_raw "explain a leaf with an enum" explain deployment.spec.strategy.type
same_raw "explain a list of objects' field" explain pods.spec.containers.ports
same_raw "explain a trailing dot" explain services.spec.
same_raw "explain --recursive" explain pods --recursive
same_raw "explain FIELD --recursive" explain deployment.spec --recursive
same_raw "explain a cluster-scoped kind" explain nodes.status
same_raw "explain a kind of rbac" explain clusterroles.rules
same_raw "explain --api-version" explain deployments --api-version=apps/v1
same "explain an unknown field: the header, then the error" explain pods.spec.nope
same "... deeper: the last name is the one said" explain pods.nope.spec
same "explain an unknown type" explain frobs
same "explain an index" 'explain' 'pods.spec.containers[0]'
same "explain nothing" explain
same "explain two types" explain pods services
same "explain --api-version that is not served" explain pods --api-version=v2
same "explain --api-version of another group" explain pods --api-version=apps/v1
same "explain --output of no format" explain pods --output=frob
# every kind, its page and its tree
for r in $($K api-resources -o name); do
	a=$("$KUBEC" explain "$r" 2>&1; echo "exit $?")
	b=$($K explain "$r" 2>&1; echo "exit $?")
	[ "$a" = "$b" ] || { eq "explain $r" "$a" "$b"; continue; }
	a=$("$KUBEC" explain "$r" --recursive 2>&1; echo "exit $?")
	b=$($K explain "$r" --recursive 2>&1; echo "exit $?")
	[ "$a" = "$b" ] || eq "explain $r --recursive" "$a" "$b"
done
eq "explain: every kind's page and tree as kubectl's" "" ""

# --- top: kubec-server serves no Metrics API
same "top pod: no Metrics API" top pod
same "top pods -A" top pods -A
same "top node NAME" top node sim
same "top alone: its help, exit 1" top
same "top an unknown subcommand" top frob
same "top pod: two names" top pod a b
same "top pod --sort-by of neither" top pod --sort-by=disk
same "top pod NAME -l" top pod x -l a=b
same "top node NAME -l" top node x -l a=b

# a Metrics API of fixed answers, both tools reading it
port=$(free_port)
python3 "$E2E_TOP/tests/e2e/fake-metrics.py" "$port" >>"$E2E_TMP/fake.log" 2>&1 &
E2E_PIDS+=($!)
cat >"$E2E_TMP/fake.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: f, cluster: {server: "http://127.0.0.1:$port"}}]
users: [{name: u, user: {token: x}}]
contexts: [{name: f, context: {cluster: f, user: u, namespace: default}}]
current-context: f
EOF
until_ok 10 curl -sf "http://127.0.0.1:$port/apis" >/dev/null
fake() { KUBECONFIG=$E2E_TMP/fake.kubeconfig same "$@"; }
fake "fake metrics: top pod" top pod
fake "... -A" top pod -A
fake "... --containers" top pod --containers
fake "... -A --containers --sum" top pod -A --containers --sum
fake "... --sum --no-headers" top pod --sum --no-headers
fake "... --sort-by=cpu" top pod --sort-by=cpu
fake "... -A --sort-by=memory" top pod -A --sort-by=memory
fake "... -l" top pod -l app=web
fake "... -l of none: no pods, No resources found" top pod -l app=none
fake "... NAME --containers" top pod web-1 --containers
fake "... a missing pod" top pod nope
fake "fake metrics: top node (one without metrics: <unknown>)" top node
fake "... --sort-by=memory --no-headers" top node --sort-by=memory --no-headers
fake "... --show-capacity" top node --show-capacity
fake "... NAME" top node node-a
fake "... a missing node" top node nope
fake "... -l of none: metrics not available yet" top node -l pool=zz

# --- apply --prune: each tool on its own namespace from the same files
manifests() {	# manifests NS N: the N-th set of objects for namespace NS
	if [ "$2" = 1 ]; then cat <<EOF
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: $1, labels: {app: p}}
data: {k: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b, namespace: $1, labels: {app: p}}
data: {k: "2"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other, namespace: $1, labels: {app: q}}
data: {k: "3"}
---
apiVersion: v1
kind: Secret
metadata: {name: s1, namespace: $1, labels: {app: p}}
stringData: {k: "1"}
EOF
	else cat <<EOF
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: $1, labels: {app: p}}
data: {k: "1"}
---
apiVersion: v1
kind: Secret
metadata: {name: s2, namespace: $1, labels: {app: p}}
stringData: {k: "2"}
EOF
	fi
}
klog() { sed -E 's/^W[0-9]{4} [0-9:.]+ +[0-9]+ /W<klog> /'; }
# both DESCRIPTION ARGS...: kubec in namespace pr-c, kubectl in pr-k,
# files {1,2}.yaml of each; outputs compared with the namespace made one
$K create namespace pr-c >/dev/null
$K create namespace pr-k >/dev/null
for n in pr-c pr-k; do
	manifests $n 1 >"$E2E_TMP/$n-1.yaml"
	manifests $n 2 >"$E2E_TMP/$n-2.yaml"
done
both() {
	local what=$1 a b
	shift
	a=$("$KUBEC" "${@//NS/pr-c}" 2>&1 | klog; echo "exit ${PIPESTATUS[0]}")
	b=$($K "${@//NS/pr-k}" 2>&1 | klog | sed 's/kubectl/kubec/g'; echo "exit ${PIPESTATUS[0]}")
	eq "$what" "$(printf '%s' "$a" | sed 's/pr-c/NS/g')" "$(printf '%s' "$b" | sed 's/pr-k/NS/g')"
}
left() {	# the objects of NS left
	$K get cm,secret -n "$1" -o name | grep -v kube-root-ca
}
both "apply -f: the first set" apply -f "$E2E_TMP/NS-1.yaml"
for n in pr-c pr-k; do
	$K -n $n create configmap manual >/dev/null
	$K -n $n label configmap manual app=p >/dev/null
done
both "apply --prune -l --prune-allowlist --dry-run=client: what would go" apply -f "$E2E_TMP/NS-2.yaml" --prune -l app=p --prune-allowlist=core/v1/ConfigMap --prune-allowlist=core/v1/Secret --dry-run=client
eq "... nothing went" "$(left pr-c)" "$(left pr-k)"
both "... --dry-run=server" apply -f "$E2E_TMP/NS-2.yaml" --prune -l app=p --prune-allowlist=core/v1/ConfigMap --prune-allowlist=core/v1/Secret --dry-run=server
eq "... nothing went either" "$(left pr-c)" "$(left pr-k)"
both "apply --prune -l: pruned" apply -f "$E2E_TMP/NS-2.yaml" --prune -l app=p --prune-allowlist=core/v1/ConfigMap --prune-allowlist=core/v1/Secret
eq "... the same objects survive (not other's label, not the unapplied)" "$(left pr-c)" "$(left pr-k)"
match "... b and s1 are gone, a, s2, other and manual stay" "$(left pr-c | tr '\n' ' ')" '^configmap/a configmap/manual configmap/other secret/s2 $'
both "apply --prune --all -o name" apply -f "$E2E_TMP/NS-1.yaml" --prune --all --prune-allowlist=core/v1/Secret -o name
eq "... survivors alike" "$(left pr-c)" "$(left pr-k)"
both "apply --prune and the default allowlist: the warning, then no ReplicationControllers" apply -f "$E2E_TMP/NS-2.yaml" --prune -l app=p
eq "... applied all the same" "$(left pr-c)" "$(left pr-k)"
both "apply -l: only what matches" apply -f "$E2E_TMP/NS-1.yaml" -l app=q
both "apply -l of nothing" apply -f "$E2E_TMP/NS-1.yaml" -l app=zz
both "apply --prune without -l or --all" apply -f "$E2E_TMP/NS-1.yaml" --prune
both "apply --prune --all -l" apply -f "$E2E_TMP/NS-1.yaml" --prune --all -l a=b
both "apply --prune --server-side" apply -f "$E2E_TMP/NS-1.yaml" --prune --all --server-side
both "apply --prune-allowlist without a group" apply -f "$E2E_TMP/NS-1.yaml" --prune -l app=p --prune-allowlist=v1/ConfigMap
both "apply --prune-allowlist of an unknown kind" apply -f "$E2E_TMP/NS-1.yaml" --prune -l app=p --prune-allowlist=core/v1/Frob
both "apply -l malformed" apply -f "$E2E_TMP/NS-1.yaml" -l 'a,,b'

# --- rollout history and undo: each tool its own workloads, made alike
rev() {		# rev DEPLOY N: the Deployment is at revision N
	[ "$($K get deploy "$1" -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}')" = "$2" ]
}
crs() {		# crs NAME N: N ControllerRevisions of NAME
	[ "$($K get controllerrevisions -o name | grep -c "/$1-")" = "$2" ]
}
# ro DESCRIPTION ARGS...: kubec on the -c objects, kubectl on the -k ones
ro() {
	local what=$1 a b
	shift
	a=$("$KUBEC" "${@//X/c}" 2>&1; echo "exit $?")
	b=$($K "${@//X/k}" 2>&1 | sed 's/kubectl/kubec/g'; echo "exit ${PIPESTATUS[0]}")
	eq "$what" "$(printf '%s' "$a" | sed -E 's/-c([ /"]|$)/-X\1/g')" "$(printf '%s' "$b" | sed -E 's/-k([ /"]|$)/-X\1/g')"
}
for t in c k; do
	$K create deployment web-$t --image=busybox:1 -- sleep 3600 >/dev/null
	cat <<EOF | $K apply -f - >/dev/null
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds-$t}
spec:
  selector: {matchLabels: {app: ds-$t}}
  template:
    metadata: {labels: {app: ds-$t}}
    spec: {containers: [{name: c, image: "busybox:1", command: [sleep, "3600"]}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ss-$t}
spec:
  serviceName: ss-$t
  replicas: 1
  selector: {matchLabels: {app: ss-$t}}
  template:
    metadata: {labels: {app: ss-$t}}
    spec: {containers: [{name: c, image: "busybox:1", command: [sleep, "3600"]}]}
EOF
done
for t in c k; do
	until_ok 20 rev web-$t 1 >/dev/null
	until_ok 20 crs ds-$t 1 >/dev/null
	until_ok 20 crs ss-$t 1 >/dev/null
done
ro "rollout history: one revision" rollout history deploy/web-X
ro "rollout undo with no previous revision" rollout undo deploy/web-X
ro "... a DaemonSet's" rollout undo ds/ds-X
ro "... a StatefulSet's" rollout undo statefulset/ss-X
for t in c k; do
	$K set image deploy/web-$t busybox=busybox:2 >/dev/null
	until_ok 20 rev web-$t 2 >/dev/null
	$K annotate deploy/web-$t kubernetes.io/change-cause="to busybox 3" >/dev/null
	$K set image deploy/web-$t busybox=busybox:3 >/dev/null
	until_ok 20 rev web-$t 3 >/dev/null
	for w in ds ss; do
		k=ds; [ $w = ss ] && k=sts
		$K set image $k/$w-$t c=busybox:2 >/dev/null
		until_ok 20 crs $w-$t 2 >/dev/null
		$K set image $k/$w-$t c=busybox:3 >/dev/null
		until_ok 20 crs $w-$t 3 >/dev/null
	done
done
ro "rollout history: three revisions, a change-cause" rollout history deploy/web-X
ro "rollout history of a DaemonSet" rollout history daemonset/ds-X
ro "rollout history of a StatefulSet" rollout history sts/ss-X
ro "rollout undo --dry-run=server" rollout undo deploy/web-X --dry-run=server
eq "... changed nothing" "$($K get deploy web-c -o jsonpath='{.spec.template.spec.containers[0].image}')" busybox:3
ro "rollout undo: to the previous revision" rollout undo deploy/web-X
for t in c k; do until_ok 20 rev web-$t 4 >/dev/null; done
eq "... the template of revision 2" "$($K get deploy web-c -o jsonpath='{.spec.template.spec.containers[0].image}')" busybox:2
eq "... the annotations as kubectl leaves them" "$($K get deploy web-c -o jsonpath='{.metadata.annotations}')" "$($K get deploy web-k -o jsonpath='{.metadata.annotations}')"
ro "rollout history after undo: 2 became 4" rollout history deploy/web-X
ro "rollout undo --to-revision of the current one: skipped" rollout undo deploy/web-X --to-revision=4
ro "rollout undo --to-revision=3" rollout undo deploy/web-X --to-revision=3
for t in c k; do until_ok 20 rev web-$t 5 >/dev/null; done
eq "... busybox 3 and its change-cause back" "$($K get deploy web-c -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations.kubernetes\.io/change-cause}')" "busybox:3 to busybox 3"
ro "rollout undo --to-revision not in the history" rollout undo deploy/web-X --to-revision=9
ro "rollout undo --to-revision=-1" rollout undo deploy/web-X --to-revision=-1
ro "rollout history --revision not in the history" rollout history deploy/web-X --revision=9
ro "rollout undo of a DaemonSet" rollout undo ds/ds-X
ro "rollout undo of a StatefulSet --to-revision" rollout undo sts/ss-X --to-revision=2
for t in c k; do until_ok 20 crs ds-$t 3 >/dev/null; done
ro "rollout history of the DaemonSet after" rollout history ds/ds-X
ro "rollout undo of a DaemonSet to its current revision" rollout undo ds/ds-X --to-revision=4
for t in c k; do $K rollout pause deploy/web-$t >/dev/null; done
ro "rollout undo of a paused Deployment" rollout undo deploy/web-X
same "rollout history of a missing object" rollout history deploy/nope
same "rollout history of a ConfigMap" rollout history cm/kube-root-ca.crt
same "rollout undo of a ConfigMap" rollout undo cm/kube-root-ca.crt
same "rollout history with nothing" rollout history
same "rollout undo --dry-run of neither" rollout undo deploy/web-k --dry-run=maybe

# the new verbs' man pages render
for verb in explain top; do
	ok "man page of $verb" test -f "$E2E_TOP/man/kubec-$verb.1"
	eq "... renders without warnings" "$(man --warnings -l "$E2E_TOP/man/kubec-$verb.1" 2>&1 >/dev/null)" ""
done

e2e_done
