# tests/e2e/lib-cli.sh - what the suites that run kubec beside the real
# kubectl share (bash library; source it after lib.sh):
#
#   KUBEC                  the kubec under test (bin/kubec by default)
#   ages                   a filter: every age ("5s", "3m2s", "4d") as
#                          <age>; a suite may define its own ages() after
#                          sourcing this, built on cli_ages
#   same DESCRIPTION ARGS...
#                          passes when `kubec ARGS...` and `kubectl
#                          ARGS...` print the same stdout and stderr (ages
#                          through ages, "kubectl" read as "kubec") and
#                          exit alike; the difference is shown when not;
#                          tried SAME_TRIES times (default 1), a second
#                          apart, before it fails
#   sim_start              starts kubec-agent --simulate as the one node
#                          sim-0 (its pods run at once, nothing real)
KUBEC=${KUBEC:-$E2E_TOP/bin/kubec}

# Ages tick between two runs: both print <age> for them.
cli_ages() {
	sed -E 's/(^|[[:space:]])[0-9]+(s|m|h|d|y)([0-9]+(s|m|h))?($|[[:space:]])/\1<age>\5/g'
}
ages() { cli_ages; }

same() {
	local what=$1 a b try
	shift
	for ((try = 1; ; try++)); do
		a=$("$KUBEC" "$@" 2>&1 | ages; echo "exit ${PIPESTATUS[0]}")
		b=$($KUBECTL "$@" 2>&1 | ages | sed 's/kubectl/kubec/g'; echo "exit ${PIPESTATUS[0]}")
		[ "$a" = "$b" ] || [ "$try" -ge "${SAME_TRIES:-1}" ] && break
		sleep 1
	done
	eq "$what" "$a" "$b"
	[ "$a" = "$b" ] || diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") |
	    head -40 | sed 's/^/#   /'
}

sim_start() {
	"$E2E_TOP/bin/kubec-agent" --simulate 1 --node-name sim \
	    --server "$SERVER_URL" --token "$(cat "$SERVER_DIR/node-token")" \
	    --data-dir "$E2E_TMP/sim" >>"$E2E_TMP/sim.log" 2>&1 &
	E2E_PIDS+=($!)
}
