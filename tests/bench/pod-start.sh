#!/usr/bin/env bash
# tests/bench/pod-start.sh - how fast kubec-agent starts pods, beside the
# runtimes underneath measured in the same run on the same machine:
#   - pod create -> Running as a watch sees it, one pod after another
#     (busybox, from a local registry, already pulled), p50/p99;
#   - raw `crun run` of a busybox bundle running `true`;
#   - `podman run --rootfs` of the same root file system;
#   - the agent's RSS with the pods running.
# Not part of `make test`.  Runs in a network namespace it makes, as the
# end-to-end tests do (tests/e2e/lib-agent.sh); needs podman for its row
# (apt-get install podman).  At most 250 pods (the node's /24).
#
#   tests/bench/pod-start.sh [PODS]
set -u
N=${1:-100}
# re-runs this script in a network namespace of its own, as the agent
# suites do; their helpers and cleanup
. "$(dirname "$0")/../e2e/lib-agent.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
make -C "$E2E_TOP" -s all >/dev/null || exit 1

registry_start >/dev/null || exit 1
registry_push_busybox 1.0 >/dev/null || exit 1
registry_load
IMAGE=$REGISTRY_ADDR/busybox:1.0
server_start >/dev/null || exit 1
agent_start --max-pods $((N + 10))
until_ok 20 sh -c "$KUBECTL get node node1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True" ||
    exit 1

pct() {	# pct P FILE: the P-th percentile of the numbers in FILE
	sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END {
	    i = int((p / 100) * NR + 0.999); if (i < 1) i = 1; if (i > NR) i = NR
	    printf "%.1f", v[i] }'
}

# the image pulled once, so every timed pod starts from the local store
/usr/bin/python3 "$HERE/pod-start.py" pods "$IMAGE" node1 1 >/dev/null || exit 1
$KUBECTL delete pod bench-0 --wait=true >/dev/null
/usr/bin/python3 "$HERE/pod-start.py" pods "$IMAGE" node1 "$N" >"$E2E_TMP/pods.ms" || exit 1
sleep 2
agent_rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$AGENT_PID/status")

# raw crun and podman on the same root file system, in a private mount
# namespace with cgroup2 hidden (hybrid cgroups: what the agent does)
mkdir -p "$E2E_TMP/b"
umoci unpack --image "$REGISTRY_CACHE/busybox-oci:latest" "$E2E_TMP/b/bundle" >/dev/null 2>&1 || exit 1
python3 - "$E2E_TMP/b/bundle/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["args"] = ["true"]
c["process"]["terminal"] = False
json.dump(c, open(sys.argv[1], "w"))
PY
runtimes() {
	mount --make-rprivate /
	[ "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null)" = cgroup2fs ] &&
	    mount -t tmpfs tmpfs /sys/fs/cgroup/unified
	cd "$E2E_TMP/b/bundle" || exit 1
	/usr/bin/python3 "$HERE/pod-start.py" run "$N" crun --root="$E2E_TMP/b/crun" \
	    --cgroup-manager=cgroupfs run "bench-{i}" >"$E2E_TMP/crun.ms"
	if command -v podman >/dev/null; then
		/usr/bin/python3 "$HERE/pod-start.py" run "$N" podman --root "$E2E_TMP/b/podman" \
		    --runroot "$E2E_TMP/b/podman-run" --cgroup-manager=cgroupfs run --rm \
		    --network=none --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 --rootfs "$E2E_TMP/b/bundle/rootfs" true \
		    >"$E2E_TMP/podman.ms"
	fi
}
export -f runtimes
export E2E_TMP HERE N
unshare -m bash -c runtimes

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
k50=$(pct 50 "$E2E_TMP/pods.ms"); k99=$(pct 99 "$E2E_TMP/pods.ms")
c50=$(pct 50 "$E2E_TMP/crun.ms"); c99=$(pct 99 "$E2E_TMP/crun.ms")
p50=-; p99=-
[ -s "$E2E_TMP/podman.ms" ] && { p50=$(pct 50 "$E2E_TMP/podman.ms"); p99=$(pct 99 "$E2E_TMP/podman.ms"); }
printf '%-40s %10s %10s\n' "figure ($N pods / runs)" p50 p99
printf '%-40s %10s %10s\n' "kubec pod create -> Running, ms" "$k50" "$k99"
printf '%-40s %10s %10s\n' "raw crun run (true), ms" "$c50" "$c99"
printf '%-40s %10s %10s\n' "podman run --rootfs (true), ms" "$p50" "$p99"
printf '%-40s %10s %10s\n' "kubec / raw crun" "$(ratio "$k50" "$c50")" "$(ratio "$k99" "$c99")"
printf '%-40s %10s %10s\n' "kubec / podman" "$(ratio "$k50" "$p50")" "$(ratio "$k99" "$p99")"
printf '%-40s %10s\n' "agent RSS with $N pods, MB" "$agent_rss"
