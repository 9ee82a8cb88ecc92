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
#   agent2_start, agent2_stop  the same for a second node, node2
#                          (AGENT2_PID, AGENT2_DIR, AGENT2_NODE_IP on its
#                          own veth, pods on 198.18.2.0/24 on the bridge
#                          kubec1): both nodes' pods in this namespace;
#                          node2 runs no service proxy (--proxy=false):
#                          one netfilter, one table ip kubec-proxy; no
#                          cluster DNS (--dns=false): node1's answers;
#                          no ingress controller (--ingress=false); no
#                          network policy (--network-policy=false: one
#                          table inet kubec-netpol, node1's); and
#                          neither routes to the other's pods (--routes=
#                          false: they are here) unless AGENT_ROUTES=true
#   agent_cluster          a registry with the busybox image (IMAGE), the
#                          server, the agent as node1, and node1 Ready
#   (until_ok SECS CMD... comes from lib.sh)
#   jp POD JSONPATH        kubectl get pod -o jsonpath
#   phase_is POD PHASE
#   ctr_log POD [CTR [N]]  what container CTR (default: the first) of POD
#                          wrote in its run N (default 0), from the CRI log
#                          file conmon keeps, without the CRI prefixes
#
# On exit, even after a failure or the suite's timeout (TERM), every pod
# is deleted, the agents stopped, and what an agent that died could not
# remove is removed: its crun containers (in its mount namespace), its
# pods' cgroups, the mounts under its data dir, its ingress controller's
# nginx (by the pid file in its data dir), the registry.  (The agents'
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
agent_cluster() {
	ok "registry starts" registry_start
	ok "busybox image pushed" registry_push_busybox 1.0
	registry_load
	IMAGE=$REGISTRY_ADDR/busybox:1.0
	server_start
	agent_start
	ok "the node is Ready" until_ok 30 sh -c "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
}
agent_start() {
	"${KUBEC_AGENT:-kubec-agent}" --server "$SERVER_URL" --token "$(cat "$SERVER_DIR/node-token")" \
	    --node-name node1 --data-dir "$AGENT_DIR" --node-ip $AGENT_NODE_IP \
	    --pod-cidr 198.18.1.0/24 --routes="${AGENT_ROUTES:-false}" \
	    --cluster-cidr "${E2E_CLUSTER_CIDR:-198.18.0.0/17}" "$@" >>"$E2E_TMP/agent.log" 2>&1 &
	AGENT_PID=$!
}

AGENT2_NODE_IP=198.19.1.2
AGENT2_DIR=$E2E_TMP/agent2
AGENT2_PID=
agent2_start() {
	if ! ip link show kubec-node2 >/dev/null 2>&1; then
		ip link add kubec-node2 type veth peer name kubec-peer2
		ip link set kubec-peer2 up
		ip addr add $AGENT2_NODE_IP/24 dev kubec-node2
		ip link set kubec-node2 up
	fi
	"${KUBEC_AGENT:-kubec-agent}" --server "$SERVER_URL" --token "$(cat "$SERVER_DIR/node-token")" \
	    --node-name node2 --data-dir "$AGENT2_DIR" --node-ip $AGENT2_NODE_IP \
	    --pod-cidr 198.18.2.0/24 --cni-bridge kubec1 --proxy=false --dns=false --ingress=false --network-policy=false \
	    --routes="${AGENT_ROUTES:-false}" "$@" >>"$E2E_TMP/agent2.log" 2>&1 &
	AGENT2_PID=$!
}

# agent_stop_pid PID LOG [SIGNAL]: stops an agent and waits for it; its
# watchdog ends a stop that hangs and says where, reported here
agent_stop_pid() {
	local hung seen
	kill -"${3:-TERM}" "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	hung=$(grep -c 'still stopping after' "$2")
	seen=$(cat "$E2E_TMP/agent-hangs" 2>/dev/null | grep -cx "$2")
	if [ "$hung" -gt "$seen" ]; then
		echo "not ok - kubec-agent hung while stopping:" \
		    "$(grep 'still stopping after' "$2" | tail -1)"
		echo "$2" >>"$E2E_TMP/agent-hangs"
	fi
}
agent_stop() {
	[ -n "$AGENT_PID" ] || return 0
	agent_stop_pid "$AGENT_PID" "$E2E_TMP/agent.log" "${1:-TERM}"
	AGENT_PID=
}
agent2_stop() {
	[ -n "$AGENT2_PID" ] || return 0
	agent_stop_pid "$AGENT2_PID" "$E2E_TMP/agent2.log" "${1:-TERM}"
	AGENT2_PID=
}

# agent_nginx_stop DIR: the nginx master an agent with data dir DIR
# left (killed with -9), by its pid file, when its command line names
# the agent's configuration; QUIT, then KILL
agent_nginx_stop() {
	local pid conf=$1/ingress/nginx.conf
	pid=$(cat "$1/ingress/nginx.pid" 2>/dev/null) || return 0
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-c $conf" || return 0
	kill -QUIT "$pid" 2>/dev/null
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null
}

# What an agent that died could not stop: its nginx, its crun containers
# (in its mount namespace), its pods' cgroups, the mounts in its data dir,
# its two dnsmasq (by their pid files, when they run the agent's confs).
agent_cleanup_dir() {
	local dir=$1 mnt=$1/runtime/ns/mnt root=$1/runtime/crun id uid base pid
	agent_nginx_stop "$dir"
	for id in dnsmasq pods; do
		pid=$(cat "$dir/dns/$id.pid" 2>/dev/null)
		if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null |
		    grep -qF "$dir/dns/$id.conf"; then
			kill "$pid" 2>/dev/null
		fi
	done
	if [ -d "$root" ]; then
		for id in $(nsenter --mount="$mnt" crun --root="$root" list -q 2>/dev/null); do
			nsenter --mount="$mnt" crun --root="$root" \
			    --cgroup-manager=cgroupfs delete -f "$id" >/dev/null 2>&1
		done
	fi
	base=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
	[ "$base" = / ] && base=
	for uid in $(ls "$dir/pods" 2>/dev/null); do
		find /sys/fs/cgroup/*"$base"/kubepods/pod"$uid" -depth -type d \
		    -exec rmdir {} + 2>/dev/null
	done
	# (under "$dir/" only: agent/ is a prefix of agent2/, whose mount
	# namespace pin its own cleanup needs)
	awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
	    sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
}

# Deletes every pod (the agents stop their containers), stops the agents,
# the registry, and cleans up after them.
agent_cleanup() {
	$KUBECTL delete pods --all --wait=true --timeout=60s >/dev/null 2>&1
	agent_stop
	agent2_stop
	agent_cleanup_dir "$AGENT_DIR"
	[ -d "$AGENT2_DIR" ] && agent_cleanup_dir "$AGENT2_DIR"
	registry_stop >/dev/null 2>&1
	e2e_cleanup
}
trap agent_cleanup EXIT

jp() {	# jp POD JSONPATH
	$KUBECTL get pod "$1" -o "jsonpath=$2" 2>/dev/null
}
# agent_ns CMD...: CMD in the agent's mount namespace, where its runtime
# state (crun's root, the bundles, conmon's files) is, on a tmpfs
agent_ns() { nsenter --mount="$AGENT_DIR/runtime/ns/mnt" "$@"; }
phase_is() { [ "$(jp "$1" '{.status.phase}')" = "$2" ]; }

ctr_log() {	# ctr_log POD [CTR [N]]
	local uid ctr=${2:-}
	uid=$(jp "$1" '{.metadata.uid}')
	[ -n "$ctr" ] || ctr=$(jp "$1" '{.spec.containers[0].name}')
	sed -E 's/^[^ ]+ [^ ]+ [^ ]+ //' \
	    "$AGENT_DIR/logs/default_$1_$uid/$ctr/${3:-0}.log" 2>/dev/null
}
