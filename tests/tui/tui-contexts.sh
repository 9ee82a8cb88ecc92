#!/usr/bin/env bash
# tui-contexts.sh - kubec ui's :ctx view and a lost connection, in tmux at
# 120x30 against a live kubec-server on a fixed port: a kubeconfig with
# three contexts (the server's, the same server as "other" in namespace
# team, and "broken", a server that is not there); :ctx lists them, the
# one in use marked, Enter switches the dashboard (views closed, the
# header and the pods of that context's namespace) without changing the
# kubeconfig's current-context, a context that cannot be reached is said
# on the status line and changes nothing.  Then the server is stopped:
# the header says the connection is lost, in place of the version; the
# server started again (same --data-dir, same port), the table lists
# again by itself, a pod made meanwhile shows, the header recovers;
# :ctx NAME goes back to the first context.
# KUBEC=... runs another build (the sanitizers' in tui-sanitizers.sh).
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/lib-tui.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
server_start
PORT=${SERVER_URL##*:}
KC=$E2E_TMP/kubeconfig
cp "$KUBECONFIG" "$KC"
K="$KUBECTL --kubeconfig $KC"
tui_cleanup() {
	tui_kill
	e2e_cleanup
}
trap tui_cleanup EXIT

# server_again: kubec-server as server_start ran it, on the same port
server_again() {
	"${KUBEC_SERVER:-$E2E_TOP/bin/kubec-server}" --data-dir "$SERVER_DIR" \
	    --listen "127.0.0.1:$PORT" --service-cidr "${E2E_SERVICE_CIDR:-198.18.128.0/17}" \
	    --cluster-cidr "${E2E_CLUSTER_CIDR:-198.18.0.0/17}" \
	    --local-storage-path "$E2E_TMP/storage" \
	    --token-auth-file "$E2E_TMP/tokens.csv" >>"$E2E_TMP/server.log" 2>&1 &
	SERVER_PID=$!
	E2E_PIDS+=($SERVER_PID)
	for _ in $(seq 100); do
		curl -sfk "$SERVER_URL/readyz" >/dev/null 2>&1 && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "# kubec-server did not start again"; tail -20 "$E2E_TMP/server.log"
	return 1
}

DEAD=$(free_port)
$K config set-context other --cluster=kubec --user=kubec --namespace=team >/dev/null
$K config set-cluster dead --server="https://127.0.0.1:$DEAD" --insecure-skip-tls-verify=true >/dev/null
$K config set-context broken --cluster=dead --user=kubec >/dev/null
$K create namespace team >/dev/null
$K -n team run teamer --image=busybox >/dev/null
$K run solo --image=busybox >/dev/null

SOCK=$E2E_TMP/tmux
tmux -S "$SOCK" -f /dev/null new -d -x 120 -y 30 \
    "env KUBECONFIG=$KC TERM=xterm-256color LANG=C.UTF-8 $KUBEC ui; echo \"exit=\$?\" >$E2E_TMP/ui-exit; sleep 30"
tmux -S "$SOCK" set -g escape-time 0 >/dev/null

ok "the dashboard on the current context" shows '^ Context: kubec +Cluster: kubec +User: kubec +K8s Rev: v1\.'
ok "... its namespace's pods" shows 'pods\(default\)\[1\]'
keys ':' 'contexts' Enter
ok ":contexts lists the kubeconfig's contexts" shows 'contexts\(\)\[3\]'
keys Escape
ok "... Esc back" shows 'pods\(default\)\[1\]'
keys ':' 'ctx' Enter
ok ":ctx too" shows 'contexts\(\)\[3\]'
ok "... NAME CLUSTER AUTHINFO NAMESPACE" shows '^ NAME +CLUSTER +AUTHINFO +NAMESPACE *$'
ok "... the one in use marked (*)" shows '^ kubec\(\*\) +kubec +kubec *$'
ok "... the others with their cluster, user, namespace" shows '^ other +kubec +kubec +team *$'
ok "... a context without a namespace" shows '^ broken +dead +kubec *$'
ok "... its keys in the header" shows '<enter> switch context'

keys '/' 'brok' Enter Enter
ok "Enter on a context that cannot be reached: said on the status line" shows "context broken: .*127\.0\.0\.1:$DEAD"
ok "... the dashboard stays on its context" shows '^ Context: kubec +Cluster: kubec '
ok "... and on the contexts view" shows 'contexts\(\)\[1\] </brok>'
keys Escape '/' 'oth' Enter Enter
ok "Enter on another context: the dashboard on it" shows '^ Context: other +Cluster: kubec +User: kubec +K8s Rev: v1\.'
ok "... its namespace" shows '^ Namespace: team '
ok "... its pods" shows 'pods\(team\)\[1\]'
ok "... teamer's row" shows '^ teamer '
ok "... said on the status line" shows 'context: other'
ok "... every other view closed" shows 8 '^ <pods> *$'
keys Escape
sleep 0.5
ok "... nothing to go back to" shows 'pods\(team\)\[1\]'
eq "the kubeconfig's current-context unchanged" "$($K config current-context)" kubec
keys ':' 'ctx' Enter
ok ":ctx marks the context in use" shows '^ other\(\*\) +kubec +kubec +team *$'
ok "... and no other" hides '^ kubec\(\*\)'
keys Escape

server_stop
ok "the server stopped: the header says the connection is lost" shows 15 'K8s Rev: connection lost'
ok "... the table says why" shows '127\.0\.0\.1:'"$PORT"'.*(connect|refused|Couldn)'
ok "... the rows kept" shows '^ teamer '
sleep 4		# the table tries again, slower each time
ok "the server again, on the same port and data" server_again
$K -n team run late --image=busybox >/dev/null
ok "the table lists again by itself: the pod made meanwhile shows" shows 20 '^ late '
ok "... the header recovers" shows '^ Context: other .*K8s Rev: v1\.'
ok "... connection lost no more" hides 'connection lost'
ok "... the title counts both" shows 'pods\(team\)\[2\]'
$K -n team run later --image=busybox >/dev/null
ok "... and it watches again" shows '^ later '

keys ':' 'ctx nosuch' Enter
ok ":ctx NAME of no context: said" shows 'context nosuch: context was not found for specified context: nosuch'
ok "... the dashboard where it was" shows '^ Context: other '
keys ':' 'ctx kubec' Enter
ok ":ctx NAME: the dashboard on that context" shows '^ Context: kubec +Cluster: kubec +User: kubec +K8s Rev: v1\.'
ok "... its namespace's pods" shows 'pods\(default\)\[1\]'
ok "... solo's row" shows '^ solo '
eq "... the kubeconfig's current-context still unchanged" "$($K config current-context)" kubec

keys q
ok "q quits, with status 0" until_ok 10 grep -qx 'exit=0' "$E2E_TMP/ui-exit"
e2e_done
