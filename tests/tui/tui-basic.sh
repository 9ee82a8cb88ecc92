#!/usr/bin/env bash
# tui-basic.sh - kubec ui, the full-screen console, in tmux at 120x30
# (send-keys, capture-pane) against a live kubec-server with a node
# simulated by kubec-agent --simulate: the header, the pod list following
# pods as they come and go, ":" to another type and Enter to its pods, Esc
# back, "/" filters, sorting, marks, YAML, describe, delete with its
# question, a namespace switch, edit in $EDITOR (reopened on the server's
# error), the help made from the keys, --readonly, a resize to 80x24, q.
# KUBEC=... runs another build (the sanitizers' in tui-sanitizers.sh).
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/lib-tui.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
server_start
"$E2E_TOP/bin/kubec-agent" --simulate 1 --node-name sim --server "$SERVER_URL" \
    --token "$(cat "$SERVER_DIR/node-token")" --data-dir "$E2E_TMP/sim" \
    >>"$E2E_TMP/sim.log" 2>&1 &
E2E_PIDS+=($!)
tui_cleanup() {
	tui_kill
	e2e_cleanup
}
trap tui_cleanup EXIT

ok "the node is Ready" until_ok 30 sh -c "$K get nodes -o jsonpath='{.items[*].status.conditions[?(@.type==\"Ready\")].status}' | grep -q True"
$K create deployment web --image=busybox --replicas=2 >/dev/null
$K run solo --image=busybox >/dev/null
ok "the pods run" until_ok 30 sh -c "[ \"\$($K get pods --field-selector status.phase=Running -o name | wc -l)\" = 3 ]"

ui_start
ok "the header: context, cluster, user, the server's version" shows '^ Context: kubec +Cluster: kubec +User: kubec +K8s Rev: v1\.'
ok "the pods of the namespace, with kubectl's columns" shows 'pods\(default\)\[3\]'
ok "... NAME READY STATUS RESTARTS AGE" shows '^ NAME +READY +STATUS +RESTARTS +AGE'
ok "... a row per pod" shows '^ solo +1/1 +Running +0 +[0-9]+s'
$K run newcomer --image=busybox >/dev/null
ok "a pod made meanwhile appears, live" shows '^ newcomer '
ok "... and runs" shows '^ newcomer +1/1 +Running'
$K delete pod newcomer --wait=false >/dev/null
ok "a pod deleted meanwhile goes" hides '^ newcomer '

keys ':' 'deploy' Enter
ok ":deploy shows the Deployments" shows 'deployments\(default\)\[1\]'
ok "... with their columns" shows '^ web +2/2 +2 +2 '
keys Enter
ok "Enter: the Deployment's pods, by its selector" shows 'pods\(default\)\[2\] <-l app=web>'
keys Escape
ok "Esc: back to the Deployments" shows 'deployments\(default\)\[1\]'
keys ':' 'sec' Enter
ok ":sec, k9s's alias of a type the server gives no short name" shows 'secrets\(default\)\['
keys Escape
keys Escape
ok "... and to the pods" shows 'pods\(default\)\[3\] '

keys '/' 'sol'
ok "/ filters as it is typed" shows 'pods\(default\)\[1\] </sol>'
keys Enter
ok "... the other rows hidden" hides '^ web-'
keys '/' BSpace BSpace BSpace '!sol' Enter
ok "/! keeps the rows that do not match" shows 'pods\(default\)\[2\] </!sol>'
keys Escape
ok "Esc clears the filter" shows 'pods\(default\)\[3\] '
keys '/' '-l app=web' Enter
ok "/-l: a label selector" shows 'pods\(default\)\[2\] </-l app=web>'
ok "... the pods it selects, no other" hides '^ solo '
keys Escape '/' '!-l app=web' Enter
ok "/!-l: the pods it does not select" shows 'pods\(default\)\[1\] </!-l app=web>'
ok "... solo" shows '^ solo '
keys Escape '/' '-l app in (web,solo' Enter
ok "... a selector not valid (yet): no rows" shows 'pods\(default\)\[0\]'
keys Escape

keys N
ok "shift-n sorts by name, the column says so" shows '^ NAME\^ '
keys N
ok "... again: the other way round" shows '^ NAMEv '
ok "... the last name first" sh -c "tmux -S $SOCK capture-pane -p | sed -n 6p | grep -q '^ web-'"
keys '>'
ok ">: sorted by the next column" shows '^ NAME +READY\^ +STATUS'
keys '<' '<'
ok "<: by the one before, round to the last" shows '^ NAME +READY +STATUS +RESTARTS +AGE\^'
ok "... the youngest first" row_shows 6 '^ solo '
keys I
ok "shift-i: the other way round" shows ' AGEv'
ok "... the oldest first" row_shows 6 '^ web-'
keys N g Space Space
ok "space marks rows" shows '^\*solo'
keys C-d
ok "ctrl-d with marks asks about them all" shows 'Delete the 2 marked pods\? \(y: yes, f: foreground, o: orphan dependents, n: no\)'
keys n
sleep 0.5
ok "n: none deleted" sh -c "[ \"\$($K get pods -o name | wc -l)\" = 3 ]"
keys g Space Space
ok "space again unmarks" hides '^\*'

keys '/' 'solo' Enter
keys y
ok "y: the YAML of the selected object" shows 'YAML pods/solo'
ok "... as kubectl -o yaml" shows '^ +kind: Pod'
ok "... the crumbs on the last line: the views open" shows 8 '^ <pods> <yaml> *$'
keys Escape
ok "Esc: back" shows 'pods\(default\)\[1\] </solo>'
keys C-d
ok "ctrl-d asks first" shows 'Delete pods default/solo\? \(y: yes'

keys n
sleep 0.5
ok "n: nothing deleted" $K get pod solo
keys C-d
ok "... asked again" shows 'Delete pods default/solo\?'
keys y
ok "y: deleted, said on the status line" shows 'pods "solo" deleted'
ok "... and gone from the list" until_ok 20 sh -c "! $K get pod solo 2>/dev/null"
keys Escape

$K create namespace team >/dev/null
$K -n team run teamer --image=busybox >/dev/null
keys ':' 'ns team' Enter
ok ":ns NAME: the view again in that namespace" shows 'pods\(team\)\[1\]'
ok "... its pods" shows '^ teamer '
ok "... the header says so" shows '^ Namespace: team '
keys ':' 'po -A' Enter
ok ":po -A: every namespace, NAMESPACE first" shows '^ NAMESPACE +NAME +READY'
keys ':' 'ns' Enter
ok ":ns alone: the namespaces" shows 'namespaces\(\)\[[0-9]+\]'
keys '/' 'team' Enter d
ok "d: describe, as kubec describe prints it" shows '^ Name: +team'
ok "... its status" shows '^ Status: +Active'
keys Escape Escape
keys ':' 'dep' Tab Enter
ok "tab completes a type" shows 'deployments\(team\)\[0\]|deployments\(default\)'

# the editor: first a value the server refuses, then (the file opened
# again with the error) a good one
cat >"$E2E_TMP/editor.sh" <<EOF
#!/bin/sh
n=\$(cat "$E2E_TMP/edits" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$E2E_TMP/edits"
if [ \$n = 1 ]; then sed -i 's/^  replicas: 2\$/  replicas: -1/' "\$1"
else cp "\$1" "$E2E_TMP/reopened"; sed -i 's/^  replicas: -1\$/  replicas: 3/' "\$1"; fi
EOF
chmod +x "$E2E_TMP/editor.sh"
keys ':' 'deploy default' Enter
ok ":TYPE NAMESPACE" shows 'deployments\(default\)\[1\]'
keys e
ok "e: in \$EDITOR; refused, the file opens again with the server's error" until_ok 10 \
    grep -q '^# Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1' "$E2E_TMP/reopened"
ok "... then put back" until_ok 10 sh -c "[ \"\$($K get deploy web -o jsonpath='{.spec.replicas}')\" = 3 ]"
ok "... said on the status line" shows 'deployments/web edited'

keys s
ok "s on a Deployment: its replicas asked, the count offered" shows '^Replicas of deployment web: 3$'
keys BSpace 5 Enter
ok "... scaled" until_ok 10 sh -c "[ \"\$($K get deploy web -o jsonpath='{.spec.replicas}')\" = 5 ]"
ok "... said on the status line" shows 'deployments web scaled to 5'
keys s BSpace x Enter
ok "... a count that is not a number refused" shows "replicas: a whole number, not 'x'"
keys S
ok "shift-s on a Deployment: its replicas asked too (k9s's key)" shows '^Replicas of deployment web: 5$'
keys Escape
ok "... esc: nothing asked" hides '^Replicas of'
keys r
ok "r: a restart asked first" shows 'Restart deployments web .*\(y/n\)'
keys y
ok "... the pod template's restartedAt set" until_ok 10 sh -c "$K get deploy web -o jsonpath='{.spec.template.metadata.annotations}' | grep -q restartedAt"
ok "... said" shows 'deployments web restarted'
$K create deployment orph --image=busybox >/dev/null
ok "a Deployment to delete with its ReplicaSet orphaned" until_ok 20 sh -c "$K get rs -l app=orph -o name | grep -q ."
keys '/' orph Enter C-d
ok "ctrl-d: the propagation to choose" shows 'Delete deployments default/orph\? \(y: yes, f: foreground, o: orphan dependents, n: no\)'
keys o
ok "o: deleted" until_ok 20 sh -c "! $K get deploy orph 2>/dev/null"
sleep 2
ok "... its ReplicaSet left" sh -c "$K get rs -l app=orph -o name | grep -q ."
keys Escape
ok "the header: the namespaces of the number keys" shows '<0> all  <1> team  <2> default'
keys 0
ok "0: every namespace" shows 'deployments\(all\)|deployments\(\)'
keys 2
ok "2: the second namespace used last" shows 'deployments\(default\)'
ok "... now first in the header" shows '<0> all  <1> default  <2> team'

keys '?'
ok "?: the help, made from the keys" shows 'ctrl-d +delete \(asks first\)'
keys Escape

tmux -S "$SOCK" resize-window -x 80 -y 24
ok "a resize to 80x24 draws again at that width" shows '^-+ deployments\('
ok "... no line wider" sh -c "[ \"\$(tmux -S $SOCK capture-pane -p | awk '{ if (length > m) m = length } END { print m }')\" -le 80 ]"

keys q q q q q q
ok "q quits, with status 0" until_ok 10 grep -qx 'exit=0' "$E2E_TMP/ui-exit"

rm -f "$E2E_TMP/ui-exit"
ui_start --readonly
ok "--readonly says so" shows '\[read-only\]'
ok "... lists" shows 'pods\(default\)\[[0-9]+\]'
keys C-d
ok "... and ctrl-d is off" shows 'read-only: ctrl-d is off'
keys C-c
ok "ctrl-c quits" until_ok 10 grep -qx 'exit=0' "$E2E_TMP/ui-exit"

ok "kubec ui without a terminal refuses" sh -c "$KUBEC ui </dev/null 2>&1 | grep -q 'kubec ui needs a terminal'"
e2e_done
