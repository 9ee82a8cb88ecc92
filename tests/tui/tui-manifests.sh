#!/usr/bin/env bash
# tui-manifests.sh - the dashboard's manifests view (kubec ui DIR,
# :manifests DIR) in tmux at 120x30 against a live kubec-server: a folder
# of manifests (a Deployment and a Service in one multi-document file, a
# ConfigMap in JSON, a subdirectory), some applied, one changed since
# (drifted), one never applied (missing), one applied whose file went
# (only in cluster); each row's state, the diff as kubec diff shows it,
# a to apply (after a y), e to edit the file in $EDITOR, ctrl-d on the
# object only in the cluster, the files watched, r, / and marks.
# KUBEC=... runs another build (the sanitizers' in tui-sanitizers.sh).
set -u
. "$(dirname "$0")/../e2e/lib.sh"
TUI_WAIT=10
. "$(dirname "$0")/lib-tui.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
server_start
tui_cleanup() {
	tui_kill
	e2e_cleanup
}
trap tui_cleanup EXIT

D=$E2E_TMP/mf
mkdir -p "$D/sub"
cat >"$D/app.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: busybox
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
EOF
cat >"$D/cm.json" <<'EOF'
{"apiVersion": "v1", "kind": "ConfigMap",
 "metadata": {"name": "settings"}, "data": {"color": "blue"}}
EOF
cat >"$D/old.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: old
data:
  gone: "soon"
EOF
ok "the folder applied (kubec apply -f DIR -R)" "$KUBEC" apply -f "$D" -R
# then: one changed, one gone, one new in a subdirectory
sed -i 's/"blue"/"red"/' "$D/cm.json"
rm "$D/old.yaml"
cat >"$D/sub/extra.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data:
  more: "yes"
EOF
# a ConfigMap made without apply is not the folder's
$K create configmap bystander --from-literal=a=b >/dev/null

cat >"$E2E_TMP/editor.sh" <<'EOF'
#!/bin/sh
sed -i 's/replicas: 1$/replicas: 3/' "$1"
EOF
chmod +x "$E2E_TMP/editor.sh"

ui_start "$D"
ok "kubec ui DIR starts in the manifests view" shows "manifests\($D\)\[5\]"
ok "... its columns" shows '^ FILE +KIND +NAMESPACE +NAME +STATE +AGE'
ok "the Deployment of the multi-document file: in sync" shows '^ app\.yaml +Deployment +default +web +in sync +[0-9]+s'
ok "the Service of the same file: in sync" shows '^ app\.yaml +Service +default +web +in sync'
ok "the ConfigMap in JSON changed since: drifted" shows '^ cm\.json +ConfigMap +default +settings +drifted'
ok "the one in the subdirectory never applied: missing" shows '^ sub/extra\.yaml +ConfigMap +default +extra +missing *$'
ok "the one whose file went: only in cluster" shows '^ - +ConfigMap +default +old +only in cluster'
ok "... not what apply never made" hides 'bystander'
ok "the header says the keys" shows '<enter/d> diff  <e> edit file  <a> apply'

keys '/' settings Enter
ok "/ filters" shows "manifests\($D\)\[1\] </settings>"
keys Enter
ok "Enter: the diff" shows '^-+ Diff ConfigMap/settings cm\.json'
ok "... as diff -u prints it" shows '^ @@ '
ok "... the live value taken away" shows '^ -  color: blue'
ok "... the file's put" shows '^ \+  color: red'
ok "... the same lines as kubec diff" sh -c "'$KUBEC' diff -f '$D/cm.json' | grep -qx '+  color: red'"
keys Escape
ok "Esc: back" shows "manifests\($D\)\[1\] </settings>"
keys Escape
ok "Esc again clears the filter" shows "manifests\($D\)\[5\] "

keys '/' Deployment Enter d
ok "d on an object in sync: no differences" shows 'No differences: applying app\.yaml leaves Deployment web as it is'
keys Escape Escape

keys '/' extra Enter a
ok "a asks first" shows 'Apply ConfigMap default/extra from sub/extra\.yaml\? \(y/n\)'
keys n
sleep 0.5
ok "n: nothing applied" sh -c "! $K get configmap extra 2>/dev/null"
keys a
ok "... asked again" shows 'Apply ConfigMap default/extra'
keys y
ok "y: applied, said as kubec apply says it" shows 'configmap/extra created'
ok "... in the cluster, with the last-applied annotation" until_ok 10 sh -c "$K get configmap extra -o yaml | grep -q last-applied-configuration"
ok "... the row in sync now" shows '^ sub/extra\.yaml +ConfigMap +default +extra +in sync'
keys Escape

keys '/' 'Deployment' Enter e
ok "e: the file in \$EDITOR, then the states again: drifted" shows '^ app\.yaml +Deployment +default +web +drifted'
ok "... the file changed" grep -q 'replicas: 3' "$D/app.yaml"
keys d
ok "... the diff says how" shows '^ \+  replicas: 3'
keys Escape Escape

keys '/' old Enter C-d
ok "ctrl-d on the object only in the cluster asks first" shows 'Delete ConfigMap default/old \(in no file\)\? \(y/n\)'
keys y
ok "y: deleted" until_ok 10 sh -c "! $K get configmap old 2>/dev/null"
ok "... said" shows 'configmap/old deleted'
ok "... the row gone" shows "manifests\($D\)\[0\] </old>"
keys Escape
keys '/' settings Enter C-d
ok "ctrl-d on an object of a file refused" shows 'ctrl-d deletes the objects only in the cluster'
keys Escape

# the files are watched: a change outside shows without a key
sed -i 's/"red"/"blue"/' "$D/cm.json"
ok "a file changed outside: the state follows" shows '^ cm\.json +ConfigMap +default +settings +in sync'
cat >"$D/sub/bad.yaml" <<'EOF'
apiVersion: example.com/v1
kind: Gadget
metadata:
  name: thing
EOF
ok "a file added: its object shows; a kind the server lacks says so" shows '^ sub/bad\.yaml +Gadget +thing +error: '
rm "$D/sub/bad.yaml"
ok "... and goes with its file" hides 'Gadget'

# the cluster changes: r computes the states again
$K scale deployment web --replicas=3 >/dev/null
keys r
ok "r: the states again (the live object now as the file says)" shows '^ app\.yaml +Deployment +default +web +in sync'
$K delete service web >/dev/null
keys r
ok "... a deleted object: missing" shows '^ app\.yaml +Service +default +web +missing'

# marks: a applies every marked row
$K annotate configmap settings touched=1 >/dev/null
sed -i 's/"blue"/"green"/' "$D/cm.json"
ok "the ConfigMap drifted again" shows '^ cm\.json +ConfigMap +default +settings +drifted'
keys g
keys '/' Service Enter Space Escape '/' settings Enter Space Escape
ok "space marks rows" shows '^\*cm\.json'
keys a
ok "a with marks asks about them all" shows 'Apply the 2 marked objects\? \(y/n\)'
keys y
ok "... both applied" shows '2 objects applied'
ok "... the Service back" until_ok 10 $K get service web
ok "... the ConfigMap as the file says" until_ok 10 sh -c "[ \"\$($K get configmap settings -o jsonpath='{.data.color}')\" = green ]"
ok "... every row in sync" shows '^[ *]app\.yaml +Service +default +web +in sync'
ok "... (the ConfigMap too)" shows '^[ *]cm\.json +ConfigMap +default +settings +in sync'

keys '?'
ok "?: the help lists the view's keys" shows 'ctrl-d +delete an object only in the cluster'
keys Escape
keys q
ok "q quits, with status 0" until_ok 10 grep -qx 'exit=0' "$E2E_TMP/ui-exit"

ui_start
ok "kubec ui: the pods" shows 'pods\(default\)\['
keys ':' "mf $D" Enter
ok ":mf DIR opens the manifests view" shows "manifests\($D\)\[4\]"
ok "... the crumbs" shows '^ <pods> <manifests> *$'
keys Escape
ok "Esc: back to the pods" shows 'pods\(default\)\['
keys ':' "manifests $E2E_TMP/nowhere" Enter
ok ":manifests of a folder that is not there says so" shows "the path \"$E2E_TMP/nowhere\" does not exist"
keys q
ok "q quits, with status 0" until_ok 10 grep -qx 'exit=0' "$E2E_TMP/ui-exit"
e2e_done
