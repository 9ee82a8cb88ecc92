#!/usr/bin/env bash
# tui-scale.sh - kubec ui with 10,000 pods coming, in tmux at 120x30: 100
# nodes simulated by kubec-agent --simulate (110 pods each), a Deployment
# of 10,000 replicas in a namespace, the pods view open while they are
# made, scheduled and run.  Throughout, keys answer within a second
# (the time from send-keys to the screen's change, measured and
# printed: :deploy, Esc back, a "/" filter typed, G to the last row and
# g to the first); the title comes to [10000]; kubec ui's own CPU time
# over the churn (from /proc, its PID the child of the tmux pane's) stays
# under a quarter of the wall time.  SCALE_PODS=N for another count.
set -u
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/lib-tui.sh"

KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}
K=$KUBECTL
N=${SCALE_PODS:-10000}
server_start
"$E2E_TOP/bin/kubec-agent" --simulate 100 --node-name sim --server "$SERVER_URL" \
    --token "$(cat "$SERVER_DIR/node-token")" --data-dir "$E2E_TMP/sim" \
    >>"$E2E_TMP/sim.log" 2>&1 &
E2E_PIDS+=($!)
tui_cleanup() {
	tui_kill
	e2e_cleanup
}
trap tui_cleanup EXIT

now_ms() { date +%s%3N; }
# row_reversed ROW: that row of the screen (1-based) is the selected one
row_reversed() {
	tmux -S "$SOCK" capture-pane -e -p | sed -n "$1p" |
	    grep -Eq $'\e\\[([0-9;]*;)?7(;[0-9;]*)?m'
}
# answer NAME TEST KEYS...: sends the keys, waits (5 s at most) for TEST
# (a command) to pass; the time taken, in ms, printed and kept in SLOWEST
SLOWEST=0
SLOWEST_WHAT=
answer() {
	local name=$1 test=$2 t0 t1 ms
	shift 2
	t0=$(now_ms)
	keys "$@"
	for _ in $(seq 250); do
		eval "$test" && break
		sleep 0.02
	done
	t1=$(now_ms)
	ms=$((t1 - t0))
	eval "$test" || ms=99999
	echo "#   $name: $ms ms"
	if [ "$ms" -gt "$SLOWEST" ]; then
		SLOWEST=$ms
		SLOWEST_WHAT=$name
	fi
}
title_is() { screen | grep -Eq -- "$1"; }
# the keys, once: each answer timed
round() {
	answer ":deploy" "title_is 'deployments\\(scale\\)\\[1\\]'" ':' 'deploy' Enter
	answer "esc back to the pods" "title_is 'pods\\(scale\\)\\[[0-9]+\\] *-'" Escape
	answer "/ filter typed" "title_is 'pods\\(scale\\)\\[[0-9]+\\] </big-> '" '/' 'big-'
	answer "enter, esc: no filter" "title_is 'pods\\(scale\\)\\[[0-9]+\\] *-'" Enter Escape
	answer "G: the last row" "row_reversed 29" G
	answer "g: the first row" "row_reversed 6" g
}
# the CPU time (ms) of process $1, user and system
cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"
}

ok "the 100 simulated nodes are Ready" until_ok 120 sh -c "[ \"\$($K get nodes --no-headers | grep -cw Ready)\" = 100 ]"
$K create namespace scale >/dev/null

SOCK=$E2E_TMP/tmux
tmux -S "$SOCK" -f /dev/null new -d -x 120 -y 30 \
    "env KUBECONFIG=$KUBECONFIG TERM=xterm-256color LANG=C.UTF-8 $KUBEC ui -n scale; echo \"exit=\$?\" >$E2E_TMP/ui-exit; sleep 30"
tmux -S "$SOCK" set -g escape-time 0 >/dev/null
ok "kubec ui on the namespace" shows 10 'pods\(scale\)\[0\]'
# kubec ui: the child of the pane's shell (env has exec'd it)
PANE=$(tmux -S "$SOCK" display -p -t 0 '#{pane_pid}')
UI=
for _ in $(seq 50); do
	UI=$(ps -o pid= --ppid "$PANE" | head -1 | tr -d ' ')
	[ -n "$UI" ] && [ "$(readlink "/proc/$UI/exe")" = "$(readlink -f "$KUBEC")" ] && break
	sleep 0.1
done
ok "kubec ui's PID, the pane's child ($UI)" test -n "$UI" -a "$(readlink "/proc/${UI:-0}/exe")" = "$(readlink -f "$KUBEC")"

CPU0=$(cpu_ms "$UI")
T0=$(now_ms)
$K -n scale create deployment big --image=busybox --replicas="$N" >/dev/null
ok "the pods come (a page's worth)" shows 60 'pods\(scale\)\[([3-9][0-9]|[1-9][0-9]{2,})\]'
rounds=0
while :; do
	echo "# keys, round $((rounds + 1)), $(screen | grep -Eo 'pods\(scale\)\[[0-9]+\]' | head -1), $(( ($(now_ms) - T0) / 1000 )) s:"
	round
	rounds=$((rounds + 1))
	avail=$($K -n scale get deploy big -o jsonpath='{.status.availableReplicas}' 2>/dev/null)
	[ "${avail:-0}" = "$N" ] && title_is "pods\\(scale\\)\\[$N\\]" && break
	[ $(( $(now_ms) - T0 )) -gt 900000 ] && break
	sleep 3
done
T1=$(now_ms)
CPU1=$(cpu_ms "$UI")
WALL=$((T1 - T0))
CPU=$((CPU1 - CPU0))
echo "# $N pods made and running in $((WALL / 1000)).$((WALL % 1000 / 100)) s; $rounds rounds of keys"
echo "# kubec ui's CPU time over it: $((CPU / 1000)).$((CPU % 1000 / 100)) s, $((CPU * 100 / (WALL > 0 ? WALL : 1)))% of the wall time"
echo "# the slowest answer: $SLOWEST ms ($SLOWEST_WHAT)"
ok "the title came to [$N]" shows 30 "pods\\(scale\\)\\[$N\\]"
ok "the Deployment's $N pods available" test "${avail:-0}" = "$N"
ok "every key answered within 1 s (the slowest: $SLOWEST ms, $SLOWEST_WHAT)" test "$SLOWEST" -lt 1000
ok "kubec ui's CPU time under 25% of the wall time ($CPU ms of $WALL ms)" test $((CPU * 4)) -lt "$WALL"
echo "# at $N pods, settled:"
round
ok "... keys within 1 s still (the slowest: $SLOWEST ms)" test "$SLOWEST" -lt 1000

keys q
ok "q quits, with status 0" until_ok 10 grep -qx 'exit=0' "$E2E_TMP/ui-exit"
e2e_done
