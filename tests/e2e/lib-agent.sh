# tests/e2e/lib-agent.sh - what the kubec-agent suites share (bash library).
#
# Source it first thing: the script then re-runs itself inside a network
# namespace it makes (`ip netns add`, entered with nsenter --net, not `ip
# netns exec`: that one remounts /sys, hiding the host's cgroup hierarchies
# that the agent and crun need), and the outer copy only waits for it and
# deletes the namespace.  Inside, it sources lib.sh and lib-registry.sh,
# brings up lo and the node's address (AGENT_NODE_IP on a veth, no dummy
# module here) and defines:
#
#   agent_start [ARGS...]  starts kubec-agent as node1 (AGENT_PID), its
#                          data in AGENT_DIR, pods on 198.18.1.0/24
#   agent_stop [SIGNAL]    stops it (TERM by default) and waits for it
#   (until_ok SECS CMD... comes from lib.sh)
#   jp POD JSONPATH        kubectl get pod -o jsonpath
#   phase_is POD PHASE
#   ctr_log POD [CTR [N]]  what container CTR (default: the first) of POD
#                          wrote in its run N (default 0), from the CRI log
#                          file conmon keeps, without the CRI prefixes
#
# On exit, even after a failure or the suite's timeout (TERM), every pod
# is deleted, the agent stopped, and what an agent that died could not
# remove is removed: its crun containers (in its mount namespace), its
# pods' cgroups, the mounts under AGENT_DIR, the registry.  (The agents'
# common kubepods level under the cgroup base is left: agents of other
# suites running at the same time may be using it.)

if [ -z "${E2E_AGENT_INSIDE:-}" ]; then
	ns=kubec-$(basename "$0" .sh)-$$
	ip netns add "$ns" || exit 1
	# a TERM (the suite's timeout) reaches the inner script, whose trap
	# cleans up; then the namespace goes
	E2E_AGENT_INSIDE=1 nsenter --net=/run/netns/"$ns" bash "$0" "$@" &
	inner=$!
	trap 'kill -TERM $inner 2>/dev/null' TERM INT
	wait $inner
	rc=$?
	while kill -0 $inner 2>/dev/null; do wait $inner; done
	ip netns del "$ns"
	exit $rc
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib-registry.sh"

AGENT_NODE_IP=198.19.0.2
ip link set lo up
ip link add kubec-node type veth peer name kubec-peer
ip link set kubec-peer up
ip addr add $AGENT_NODE_IP/24 dev kubec-node
ip link set kubec-node up

AGENT_DIR=$E2E_TMP/agent
AGENT_PID=
agent_start() {
	"${KUBEC_AGENT:-kubec-agent}" --server "$SERVER_URL" --token "$(cat "$SERVER_DIR/node-token")" \
	    --node-name node1 --data-dir "$AGENT_DIR" --node-ip $AGENT_NODE_IP \
	    --pod-cidr 198.18.1.0/24 "$@" >>"$E2E_TMP/agent.log" 2>&1 &
	AGENT_PID=$!
}

agent_stop() {
	[ -n "$AGENT_PID" ] || return 0
	local hung
	kill -"${1:-TERM}" "$AGENT_PID" 2>/dev/null
	wait "$AGENT_PID" 2>/dev/null
	AGENT_PID=
	# the agent's watchdog ends a stop that hangs, and says where
	hung=$(grep -c 'still stopping after' "$E2E_TMP/agent.log")
	if [ "$hung" -gt "${AGENT_HUNG:-0}" ]; then
		echo "not ok - kubec-agent hung while stopping:" \
		    "$(grep 'still stopping after' "$E2E_TMP/agent.log" | tail -1)"
		AGENT_HUNG=$hung
	fi
}

# Deletes every pod (the agent stops their containers), stops the agent,
# the registry and the mounts the agent left in its data dir.
agent_cleanup() {
	$KUBECTL delete pods --all --wait=true --timeout=60s >/dev/null 2>&1
	agent_stop
	# what an agent that died could not stop: its crun containers (in
	# its mount namespace) and its pods' cgroups
	local mnt=$AGENT_DIR/runtime/ns/mnt root=$AGENT_DIR/runtime/crun id uid
	if [ -d "$root" ]; then
		for id in $(nsenter --mount="$mnt" crun --root="$root" list -q 2>/dev/null); do
			nsenter --mount="$mnt" crun --root="$root" \
			    --cgroup-manager=cgroupfs delete -f "$id" >/dev/null 2>&1
		done
	fi
	local base
	base=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
	[ "$base" = / ] && base=
	for uid in $(ls "$AGENT_DIR/pods" 2>/dev/null); do
		find /sys/fs/cgroup/*"$base"/kubepods/pod"$uid" -depth -type d \
		    -exec rmdir {} + 2>/dev/null
	done
	registry_stop >/dev/null 2>&1
	awk -v d="$AGENT_DIR" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo |
	    sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
	e2e_cleanup
}
trap agent_cleanup EXIT

jp() {	# jp POD JSONPATH
	$KUBECTL get pod "$1" -o "jsonpath=$2" 2>/dev/null
}
phase_is() { [ "$(jp "$1" '{.status.phase}')" = "$2" ]; }

ctr_log() {	# ctr_log POD [CTR [N]]
	local uid ctr=${2:-}
	uid=$(jp "$1" '{.metadata.uid}')
	[ -n "$ctr" ] || ctr=$(jp "$1" '{.spec.containers[0].name}')
	sed -E 's/^[^ ]+ [^ ]+ [^ ]+ //' \
	    "$AGENT_DIR/logs/default_$1_$uid/$ctr/${3:-0}.log" 2>/dev/null
}
