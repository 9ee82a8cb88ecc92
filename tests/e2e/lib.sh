# tests/e2e/lib.sh - shared helpers of kubec's end-to-end tests (bash).
#
# Source it, then call server_start (and etcd_start for the etcd store).
# Every process started here is killed by its PID and every temporary
# directory removed when the script exits.  Assertions print TAP lines
# that tests/run.sh counts.
set -u
E2E_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_TMP=$(mktemp -d /tmp/kubec-e2e.XXXXXX)
E2E_PIDS=()
E2E_N=0
E2E_FAILED=0
KUBECTL=${KUBECTL:-kubectl}
export PATH="$E2E_TOP/bin:$PATH"
# users of the --token-auth-file every server_start passes: "viewer" and
# "nobody" (group e2e-team), bound to nothing at first
VIEWER_TOKEN=e2e-viewer-$$
NOBODY_TOKEN=e2e-nobody-$$
printf '%s,viewer,uid-viewer\n%s,nobody,uid-nobody,"e2e-team"\n' \
    "$VIEWER_TOKEN" "$NOBODY_TOKEN" >"$E2E_TMP/tokens.csv"

e2e_cleanup() {
	local pid
	for pid in "${E2E_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${E2E_PIDS[@]}"; do
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	if [ "${E2E_KEEP:-}" ]; then
		echo "# kept $E2E_TMP"
	else
		rm -rf "$E2E_TMP"
	fi
}
trap e2e_cleanup EXIT
# a TERM or INT (a suite's timeout) ends the script through its EXIT trap:
# bash runs no EXIT trap when an untrapped signal kills it
trap 'exit 143' TERM INT

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

ok() {		# ok DESCRIPTION COMMAND...: passes when COMMAND succeeds
	local desc=$1; shift
	E2E_N=$((E2E_N + 1))
	if "$@" >"$E2E_TMP/out" 2>&1; then
		echo "ok $E2E_N $desc"
	else
		echo "not ok $E2E_N $desc"
		sed 's/^/#   /' "$E2E_TMP/out" | head -20
		E2E_FAILED=$((E2E_FAILED + 1))
	fi
}

fails() {	# fails DESCRIPTION COMMAND...: passes when COMMAND fails
	local desc=$1; shift
	E2E_N=$((E2E_N + 1))
	if "$@" >"$E2E_TMP/out" 2>&1; then
		echo "not ok $E2E_N $desc (succeeded)"
		sed 's/^/#   /' "$E2E_TMP/out" | head -20
		E2E_FAILED=$((E2E_FAILED + 1))
	else
		echo "ok $E2E_N $desc"
	fi
}

eq() {		# eq DESCRIPTION GOT WANT
	E2E_N=$((E2E_N + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $E2E_N $1"
	else
		echo "not ok $E2E_N $1"
		echo "#   got:  $(printf '%s' "$2" | head -c 2000 | sed '2,$s/^/#         /')"
		echo "#   want: $(printf '%s' "$3" | head -c 2000 | sed '2,$s/^/#         /')"
		E2E_FAILED=$((E2E_FAILED + 1))
	fi
}

# until_ok SECONDS COMMAND...: retries COMMAND every 0.2 s until it
# succeeds; its status (and output) is that of the last try.
until_ok() {
	local t=$1; shift
	for _ in $(seq $((t * 5))); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	"$@"
}

match() {	# match DESCRIPTION GOT EXTENDED-REGEX
	E2E_N=$((E2E_N + 1))
	if printf '%s' "$2" | grep -Eq -- "$3"; then
		echo "ok $E2E_N $1"
	else
		echo "not ok $E2E_N $1"
		echo "#   got:  $(printf '%s' "$2" | head -c 2000 | sed '2,$s/^/#         /')"
		echo "#   want: /$3/"
		E2E_FAILED=$((E2E_FAILED + 1))
	fi
}

# etcd_start: a one-member etcd on 127.0.0.1; sets ETCD_URL.
etcd_start() {
	local cport pport dir=$E2E_TMP/etcd
	cport=$(free_port); pport=$(free_port)
	mkdir -p "$dir"
	etcd --name e2e --data-dir "$dir" \
	    --listen-client-urls "http://127.0.0.1:$cport" \
	    --advertise-client-urls "http://127.0.0.1:$cport" \
	    --listen-peer-urls "http://127.0.0.1:$pport" \
	    --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
	    --initial-cluster "e2e=http://127.0.0.1:$pport" \
	    >"$E2E_TMP/etcd.log" 2>&1 &
	E2E_PIDS+=($!)
	ETCD_URL=http://127.0.0.1:$cport
	for _ in $(seq 100); do
		curl -sf "$ETCD_URL/health" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "# etcd did not start"; cat "$E2E_TMP/etcd.log"
	return 1
}

# server_start [ARGS...]: kubec-server on a free port with its own data
# dir and the test users' tokens; sets SERVER_PID, SERVER_DIR, SERVER_URL,
# KUBECONFIG.  It listens on 127.0.0.1, or E2E_LISTEN_HOST (0.0.0.0: also
# for an agent in another network namespace).
server_start() {
	local port
	port=$(free_port)
	SERVER_DIR=${SERVER_DIR:-$E2E_TMP/server}
	mkdir -p "$SERVER_DIR"
	"${KUBEC_SERVER:-$E2E_TOP/bin/kubec-server}" --data-dir "$SERVER_DIR" \
	    --listen "${E2E_LISTEN_HOST:-127.0.0.1}:$port" --service-cidr "${E2E_SERVICE_CIDR:-198.18.128.0/17}" \
	    --cluster-cidr "${E2E_CLUSTER_CIDR:-198.18.0.0/17}" \
	    --local-storage-path "$E2E_TMP/storage" \
	    --token-auth-file "$E2E_TMP/tokens.csv" \
	    "$@" >>"$E2E_TMP/server.log" 2>&1 &
	SERVER_PID=$!
	E2E_PIDS+=($SERVER_PID)
	SERVER_URL=https://127.0.0.1:$port
	export KUBECONFIG=$SERVER_DIR/admin.kubeconfig
	for _ in $(seq 100); do
		if curl -sfk "$SERVER_URL/readyz" >/dev/null 2>&1 &&
		    [ -s "$KUBECONFIG" ]; then
			return 0
		fi
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "# kubec-server did not start"; tail -20 "$E2E_TMP/server.log"
	return 1
}

# server_stop [SIGNAL]: stops the server started last and waits for it.
server_stop() {
	kill -"${1:-TERM}" "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
}

e2e_done() {
	echo "# $E2E_N checks, $E2E_FAILED failed"
	[ "$E2E_FAILED" -eq 0 ]
}
