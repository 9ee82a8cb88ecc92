# tests/tui/lib-tui.sh - what the dashboard's tmux suites share (bash
# library, sourced after tests/e2e/lib.sh or lib-agent.sh).
#
#   ui_start [ARGS]   kubec ui ARGS ($KUBEC) in a new tmux server at 120x30
#                     (its socket in the test's directory), the exit status
#                     written to $E2E_TMP/ui-exit when it quits; EDITOR is
#                     $E2E_TMP/editor.sh
#   tui_kill          the tmux server gone (for the suite's EXIT trap)
#   screen            what the pane shows
#   keys KEYS...      tmux send-keys
#   shows [SECS] RE   the screen comes to show RE (extended) within SECS
#                     (default $TUI_WAIT, 5); else prints the screen
#   hides [SECS] RE   the screen comes not to show RE
#   row_shows ROW RE  that row of the screen (1-based) comes to show RE

SOCK=
NSOCK=0
TUI_WAIT=${TUI_WAIT:-5}

tui_kill() {
	[ -n "$SOCK" ] && tmux -S "$SOCK" kill-server 2>/dev/null
	return 0
}
screen() { tmux -S "$SOCK" capture-pane -p; }
keys() { tmux -S "$SOCK" send-keys "$@"; }
tui_dump() { echo "# the screen:"; screen | sed 's/^/#   /'; }
shows() {
	local t=$TUI_WAIT
	[ $# -gt 1 ] && { t=$1; shift; }
	for _ in $(seq $((t * 10))); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	tui_dump
	return 1
}
hides() {
	local t=$TUI_WAIT
	[ $# -gt 1 ] && { t=$1; shift; }
	for _ in $(seq $((t * 10))); do
		screen | grep -Eq -- "$1" || return 0
		sleep 0.1
	done
	tui_dump
	return 1
}
row_shows() {
	for _ in $(seq $((TUI_WAIT * 10))); do
		screen | sed -n "$1p" | grep -Eq -- "$2" && return 0
		sleep 0.1
	done
	tui_dump
	return 1
}
ui_start() {
	tui_kill
	NSOCK=$((NSOCK + 1))
	SOCK=$E2E_TMP/tmux-$NSOCK
	rm -f "$E2E_TMP/ui-exit"
	tmux -S "$SOCK" -f /dev/null new -d -x 120 -y 30 \
	    "env KUBECONFIG=$KUBECONFIG TERM=xterm-256color LANG=C.UTF-8 EDITOR=$E2E_TMP/editor.sh $KUBEC ui $*; echo \"exit=\$?\" >$E2E_TMP/ui-exit; sleep 30"
	tmux -S "$SOCK" set -g escape-time 0 >/dev/null
}
