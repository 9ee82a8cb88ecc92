#!/usr/bin/env bash
# e2e-cli-edit.sh - kubec edit and kubec diff against a live kubec-server
# beside the real kubectl.  edit: each tool edits its own copy of the same
# objects (namespace ec for kubec, ek for kubectl) with the same $EDITOR
# scripts (save unchanged, change with sed, an invalid value then a valid
# one, an invalid value kept, a syntax error, a new name, an empty file, a
# failing editor); what they print, their exit status, the file the editor
# was given and the objects left are compared.  diff: the same files
# against the same live objects (changed, unchanged, new, a directory,
# standard input, a Secret, --server-side, errors), the output compared
# with the temporary paths and times of diff's headers normalised.
set -u
. "$(dirname "$0")/lib.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
server_start || exit 1

# the editor's temporary files: kubectl-edit-123.yaml, kubec-edit-456.yaml
enorm() {
	sed -E 's#(kubectl|kubec)-edit-[0-9]+\.(yaml|json)#kubec-edit-N.\2#g'
}
# the editor scripts: the file is the last argument; each run numbered in
# $E2E_TMP/count, the file as given kept in $E2E_TMP/buf.N
ED=$E2E_TMP/ed
mkdir -p "$ED"
mked() {	# mked NAME BODY: an editor script
	printf '#!/bin/sh\nfor f; do :; done\nn=$(cat %s/count 2>/dev/null || echo 0); n=$((n + 1)); echo $n >%s/count\ncp "$f" %s/buf.$n\n%s\n' \
	    "$E2E_TMP" "$E2E_TMP" "$E2E_TMP" "$2" >"$ED/$1"
	chmod +x "$ED/$1"
}
mked keep ':'
mked image 'sed -i "s/image: busybox:1/image: busybox:2/" "$f"'
mked data 'sed -i "s/k: \"1\"/k: \"one\"/" "$f"'
mked both 'sed -i "s/k: \"1\"/k: \"one\"/; s/k: \"2\"/k: \"two\"/" "$f"'
mked badgood 'if [ $n = 1 ]; then sed -i "s/^    app: web$/    app: we b/" "$f"; else sed -i "s/app: we b/app: good/" "$f"; fi'
mked bad 'sed -i "s/^    app: web$/    app: we b/" "$f"'
mked syntax 'if [ $n = 1 ]; then echo "foo: [" >>"$f"; fi'
mked rename 'sed -i "s/^  name: web$/  name: other/" "$f"'
mked empty ': >"$f"'
mked fail 'exit 3'
mked json 'sed -i "s/\"k\": \"1\"/\"k\": \"json\"/" "$f"'
mked two 'sed -i "s/k: two/k: quoted/" "$f"'
mked label 'sed -i "s/^  name: one$/  labels: {edited: \"yes\"}\n  name: one/" "$f"'

# the buffers kept, without what differs between the two copies
bufs() {
	local f
	for f in "$E2E_TMP"/buf.*; do
		[ -f "$f" ] || continue
		echo "== ${f##*/}"
		onorm <"$f"
	done
}
onorm() {
	sed -E '/^  (uid|resourceVersion|creationTimestamp): /d;
		    /^    (uid|resourceVersion|creationTimestamp): /d;
		    /"(uid|resourceVersion|creationTimestamp)": /d;
		    /lastUpdateTime|lastTransitionTime|ReplicaSet "web-/d;
		    s/namespace: e[ck]$/namespace: NS/; s/"namespace": ?"e[ck]"/"namespace":"NS"/g;
		    s/\\"namespace\\":\\"e[ck]\\"/\\"namespace\\":\\"NS\\"/g;
		    s/(kubectl|kubec)-edit-[0-9]+/kubec-edit-N/g'
}
# edsame DESCRIPTION EDITOR ARGS...: kubec edit in namespace ec and kubectl
# edit in ek with the same editor: output, exit status and the files the
# editor was given alike
edsame() {
	local what=$1 ed=$2 a b ba bb
	shift 2
	rm -f "$E2E_TMP"/count "$E2E_TMP"/buf.*
	a=$(EDITOR=$ED/$ed "$KUBEC" -n ec edit "$@" 2>&1 | onorm; echo "exit ${PIPESTATUS[0]}")
	ba=$(bufs)
	rm -f "$E2E_TMP"/count "$E2E_TMP"/buf.*
	b=$(EDITOR=$ED/$ed $KUBECTL -n ek edit "$@" 2>&1 | onorm | sed "s/kubectl /kubec /g"; echo "exit ${PIPESTATUS[0]}")
	bb=$(bufs)
	eq "$what" "$a" "$b"
	eq "$what: the editor's files" "$ba" "$bb"
}
# both JSONPATH RESOURCE: the field in each copy, "ec=... ek=..."
both() {
	echo "$($KUBECTL -n ec get "$2" -o jsonpath="$1")|$($KUBECTL -n ek get "$2" -o jsonpath="$1")"
}

for ns in ec ek; do
	$KUBECTL create namespace $ns >/dev/null
	$KUBECTL -n $ns apply -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: "busybox:1", command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: one}
data: {k: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: two}
data: {k: "2"}
EOF
done
# the Deployment's controllers settle before its file is compared
sleep 2

edsame "saved unchanged: cancelled" keep deploy web
edsame "TYPE/NAME, the image changed: edited" image deployment/web
eq "... the new image" "$(both '{.spec.template.spec.containers[0].image}' deploy/web)" "busybox:2|busybox:2"
edsame "nothing to change: cancelled" image deploy/web
edsame "--output-patch: the strategic merge patch" data cm one --output-patch
eq "... the new value" "$(both '{.data.k}' cm/one)" "one|one"
edsame "two objects: a List" keep cm one two
edsame "two objects, one changed: edited and skipped" both cm one two
eq "... the values" "$(both '{.data.k}' cm/two)" "two|two"
edsame "TYPE alone: all of them" keep configmaps
edsame "-o json: the file is JSON, without the header" keep cm one -o json
$KUBECTL -n ec patch cm one -p '{"data":{"k":"1"}}' >/dev/null
$KUBECTL -n ek patch cm one -p '{"data":{"k":"1"}}' >/dev/null
edsame "-o json: edited, printed as JSON" json cm/one -o json
edsame "refused, then fixed: the error on top, then edited" badgood deploy web
eq "... the label" "$(both '{.metadata.labels.app}' deploy/web)" "good|good"
edsame "refused and saved again unchanged: a copy kept, exit 1" bad deploy web
eq "... nothing changed" "$(both '{.metadata.labels.app}' deploy/web)" "good|good"
edsame "a syntax error, saved again unchanged" syntax cm one
edsame "a new name: refused" rename deploy web
edsame "an empty file: invalid, then kept" empty cm two
edsame "an empty file, --validate=false: cancelled" empty cm two --validate=false
edsame "the editor fails" fail cm two
edsame "a missing object" keep cm nope
edsame "one of two missing" keep cm one nope
edsame "no objects named" keep
edsame "-o name: not a format to edit in" keep cm one -o name
sed 's/namespace: e[ck]//' >"$E2E_TMP/one.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: one}
EOF
edsame "-f FILE" label -f "$E2E_TMP/one.yaml"
eq "... the label" "$(both '{.metadata.labels.edited}' cm/one)" "yes|yes"
edsame "--save-config" data cm two --save-config
sa() {
	$KUBECTL -n "$1" get cm two -o jsonpath='{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}' |
	    python3 -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d), d["data"], d["kind"])'
}
eq "... the object as edited in its last-applied annotation" "$(sa ec)" "$(sa ek)"
# the editor's command line as kubectl splits it
rm -f "$E2E_TMP"/count
eq "KUBE_EDITOR with words: split at the spaces" \
    "$(KUBE_EDITOR="$ED/keep --wait" EDITOR=false "$KUBEC" -n ec edit cm one 2>&1)" \
    "Edit cancelled, no changes made."
eq "... the file last" "$(sed -n 1p "$E2E_TMP/buf.1")" "# Please edit the object below. Lines beginning with a '#' will be ignored,"
rm -f "$E2E_TMP"/count
eq "KUBE_EDITOR with quotes: through the shell" \
    "$(KUBE_EDITOR="\"$ED/two\" -x" "$KUBEC" -n ec edit cm two 2>&1; echo "exit $?")" \
    "configmap/two edited
exit 0"
a=$(KUBE_EDITOR=no-such-editor "$KUBEC" edit cm one 2>&1; echo "exit $?")
b=$(KUBE_EDITOR=no-such-editor $KUBECTL edit cm one 2>&1; echo "exit $?")
eq "an editor not found" "$a" "$b"

# --- diff ------------------------------------------------------------------
# kubectl's klog warnings: their time and pid
knorm() { sed -E 's/^W[0-9]{4} [0-9:.]+ +[0-9]+ /W... /'; }
# diff's headers name the temporary directories and the files' times
dnorm() {
	sed -E 's#/(LIVE|MERGED)-[0-9]+/#/\1-N/#g; s#^(---|\+\+\+) (\S+)\t.*#\1 \2#'
}
# dsame DESCRIPTION ARGS...: kubec diff and kubectl diff alike, dry-run
# values (a new object's uid and time) left out
dsame() {
	local what=$1 a b
	shift
	a=$("$KUBEC" diff "$@" 2>&1 | dnorm | knorm | sed -E '/^\+  (uid|creationTimestamp):/d'; echo "exit ${PIPESTATUS[0]}")
	b=$($KUBECTL diff "$@" 2>&1 | dnorm | knorm | sed -E '/^\+  (uid|creationTimestamp):/d' | sed "s/'kubectl /'kubec /g"; echo "exit ${PIPESTATUS[0]}")
	eq "$what" "$a" "$b"
}
mkdir -p "$E2E_TMP/d/sub"
cat >"$E2E_TMP/d/app.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: dweb, labels: {app: dweb}}
spec:
  replicas: 1
  selector: {matchLabels: {app: dweb}}
  template:
    metadata: {labels: {app: dweb}}
    spec: {containers: [{name: c, image: "busybox:1", command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dcm, labels: {set: d}}
data: {a: "1", b: "2"}
EOF
$KUBECTL apply -f "$E2E_TMP/d/app.yaml" >/dev/null
$KUBECTL create configmap plain --from-literal=x=1 >/dev/null
$KUBECTL create secret generic sec --from-literal=u=admin --from-literal=p=old >/dev/null
sleep 2
dsame "unchanged: nothing, exit 0" -f "$E2E_TMP/d/app.yaml"
sed 's/replicas: 1/replicas: 3/; s/b: "2"/b: "3", c: "4"/' "$E2E_TMP/d/app.yaml" >"$E2E_TMP/d2.yaml"
dsame "changed: the unified diff, exit 1" -f "$E2E_TMP/d2.yaml"
sed 's/, labels: {set: d}//' "$E2E_TMP/d/app.yaml" >"$E2E_TMP/d3.yaml"
dsame "a field removed from the applied file" -f "$E2E_TMP/d3.yaml"
cat >"$E2E_TMP/d/sub/new.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: dnew}
data: {n: "new"}
EOF
dsame "a new object: all added" -f "$E2E_TMP/d/sub/new.yaml"
dsame "a directory" -f "$E2E_TMP/d"
dsame "a directory, -R" -f "$E2E_TMP/d" -R
dsame "-l: only the objects it selects" -f "$E2E_TMP/d2.yaml" -l set=d
a=$(sed 's/x: "1"/x: "2"/' <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"plain"},"data":{"x":"2"}}' | "$KUBEC" diff -f - 2>&1 | dnorm; echo "exit ${PIPESTATUS[1]}")
b=$(sed 's/x: "1"/x: "2"/' <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"plain"},"data":{"x":"2"}}' | $KUBECTL diff -f - 2>&1 | dnorm; echo "exit ${PIPESTATUS[1]}")
eq "standard input (an object made without apply)" "$a" "$b"
cat >"$E2E_TMP/sec.yaml" <<'EOF'
apiVersion: v1
kind: Secret
metadata: {name: sec}
stringData: {u: admin, p: new, extra: x}
EOF
dsame "a Secret: its data masked" -f "$E2E_TMP/sec.yaml"
sed 's/name: sec/name: sec2/' "$E2E_TMP/sec.yaml" >"$E2E_TMP/sec2.yaml"
dsame "a new Secret" -f "$E2E_TMP/sec2.yaml"
dsame "--server-side" -f "$E2E_TMP/d2.yaml" --server-side
dsame "--server-side, unchanged" -f "$E2E_TMP/d/app.yaml" --server-side --force-conflicts
dsame "no -f: exit 2" 
dsame "arguments: exit 2" -f "$E2E_TMP/d2.yaml" cm plain
dsame "a missing file" -f "$E2E_TMP/none.yaml"
dsame "--force-conflicts without --server-side" -f "$E2E_TMP/d2.yaml" --force-conflicts
sed 's/replicas: 1/replicas: -1/' "$E2E_TMP/d/app.yaml" >"$E2E_TMP/bad.yaml"
sed 's/{name: dcm,/{name: dcm, namespace: kube-system,/' "$E2E_TMP/d/app.yaml" >"$E2E_TMP/ns.yaml"
dsame "-n and the object's namespace disagree" -f "$E2E_TMP/ns.yaml" -n default
dsame "invalid: the server's error, exit 2" -f "$E2E_TMP/bad.yaml"
printf '#!/bin/sh\necho "external $# $(basename "$1" | cut -c1-5) $3"\nexit %s\n' 1 >"$E2E_TMP/xdiff"
chmod +x "$E2E_TMP/xdiff"
a=$(KUBECTL_EXTERNAL_DIFF="$E2E_TMP/xdiff -N" "$KUBEC" diff -f "$E2E_TMP/d2.yaml" 2>&1; echo "exit $?")
b=$(KUBECTL_EXTERNAL_DIFF="$E2E_TMP/xdiff -N" $KUBECTL diff -f "$E2E_TMP/d2.yaml" 2>&1; echo "exit $?")
eq "KUBECTL_EXTERNAL_DIFF with its words" "$a" "$b"
printf '#!/bin/sh\nexit 3\n' >"$E2E_TMP/xdiff3"
chmod +x "$E2E_TMP/xdiff3"
a=$(KUBECTL_EXTERNAL_DIFF="$E2E_TMP/xdiff3" "$KUBEC" diff -f "$E2E_TMP/d2.yaml" 2>&1; echo "exit $?")
b=$(KUBECTL_EXTERNAL_DIFF="$E2E_TMP/xdiff3" $KUBECTL diff -f "$E2E_TMP/d2.yaml" 2>&1; echo "exit $?")
eq "a diff program failing: exit 2" "$a" "$b"
a=$(KUBECTL_EXTERNAL_DIFF=no-such-diff "$KUBEC" diff -f "$E2E_TMP/d2.yaml" 2>&1; echo "exit $?")
b=$(KUBECTL_EXTERNAL_DIFF=no-such-diff $KUBECTL diff -f "$E2E_TMP/d2.yaml" 2>&1; echo "exit $?")
eq "a diff program not found" "$a" "$b"
eq "the dry runs changed nothing" "$($KUBECTL get deploy dweb -o jsonpath='{.spec.replicas}'; $KUBECTL get cm dnew -o name 2>&1)" \
    '1Error from server (NotFound): configmaps "dnew" not found'
mkdir -p "$E2E_TMP/t"
TMPDIR=$E2E_TMP/t "$KUBEC" diff -f "$E2E_TMP/d2.yaml" >/dev/null 2>&1
eq "the temporary directories go (\$TMPDIR honoured)" "$(ls "$E2E_TMP/t")" ""

e2e_done
