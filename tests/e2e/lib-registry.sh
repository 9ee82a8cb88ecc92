# tests/e2e/lib-registry.sh - a private image registry for kubec's tests
# (bash library).
#
# Source it, then:
#   registry_start            starts Debian's docker-registry on
#                             127.0.0.1:<free port> (REGISTRY_ADDR), with its
#                             storage and config under REGISTRY_DIR
#   registry_push_busybox TAG builds (once, cached in REGISTRY_CACHE) a
#                             busybox OCI image from /bin/busybox with umoci
#                             and pushes it as REGISTRY_ADDR/busybox:TAG
#   registry_push_layered TAG pushes REGISTRY_ADDR/layered:TAG: busybox plus
#                             a layer adding /etc/kept, /etc/gone, /gonedir/f
#                             and a top layer deleting /etc/gone and /gonedir
#   registry_auth_proxy U P   starts, in front of the registry, a proxy on
#                             127.0.0.1 (REGISTRY_AUTH_ADDR) that wants a
#                             bearer token from its /token realm, which in
#                             turn wants basic credentials U:P
#   registry_stop             kills the registry (and proxy) by PID, removes
#                             REGISTRY_DIR
#
# Every function may run in a separate shell: the state lives in files under
# REGISTRY_DIR (pid, port), so a caller only keeps REGISTRY_DIR (and
# REGISTRY_CACHE) in its environment.  REGISTRY_DIR is made with mktemp when
# unset; REGISTRY_CACHE defaults to REGISTRY_DIR/cache (pass a directory that
# outlives one registry to build the image once per test run).  The tools
# needed are checked, and a missing one is a failure with a clear message.

registry_need() {
	local t
	for t in "$@"; do
		if ! command -v "$t" >/dev/null 2>&1; then
			echo "lib-registry: $t is missing (apt-get install" \
			    "docker-registry umoci skopeo busybox-static curl)" >&2
			return 1
		fi
	done
}

# The registry's state: REGISTRY_DIR, REGISTRY_PORT, REGISTRY_ADDR.
registry_load() {
	if [ -z "${REGISTRY_DIR:-}" ] || [ ! -f "$REGISTRY_DIR/port" ]; then
		echo "lib-registry: no registry started (REGISTRY_DIR)" >&2
		return 1
	fi
	REGISTRY_PORT=$(cat "$REGISTRY_DIR/port")
	REGISTRY_ADDR=127.0.0.1:$REGISTRY_PORT
	REGISTRY_CACHE=${REGISTRY_CACHE:-$REGISTRY_DIR/cache}
	export REGISTRY_DIR REGISTRY_PORT REGISTRY_ADDR REGISTRY_CACHE
	if [ -f "$REGISTRY_DIR/auth.port" ]; then
		REGISTRY_AUTH_ADDR=127.0.0.1:$(cat "$REGISTRY_DIR/auth.port")
		export REGISTRY_AUTH_ADDR
	fi
}

registry_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

registry_start() {
	registry_need docker-registry curl python3 || return 1
	if [ -z "${REGISTRY_DIR:-}" ]; then
		REGISTRY_DIR=$(mktemp -d /tmp/kubec-registry.XXXXXX) || return 1
	fi
	mkdir -p "$REGISTRY_DIR/storage" || return 1
	export REGISTRY_DIR
	local port i
	for i in 1 2 3 4 5; do
		port=$(registry_free_port) || return 1
		cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
		# setsid: the registry outlives the shell that started it and
		# does not share its session (the caller kills it by its PID).
		setsid docker-registry serve "$REGISTRY_DIR/config.yml" \
		    >"$REGISTRY_DIR/log" 2>&1 </dev/null &
		echo $! >"$REGISTRY_DIR/pid"
		echo "$port" >"$REGISTRY_DIR/port"
		for _ in $(seq 100); do
			if curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" \
			    2>/dev/null; then
				registry_load
				return 0
			fi
			kill -0 "$(cat "$REGISTRY_DIR/pid")" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$(cat "$REGISTRY_DIR/pid")" 2>/dev/null || true
	done
	echo "lib-registry: docker-registry did not start:" >&2
	tail -5 "$REGISTRY_DIR/log" >&2
	return 1
}

registry_stop() {
	[ -n "${REGISTRY_DIR:-}" ] || return 0
	local pid f
	for f in "$REGISTRY_DIR/auth.pid" "$REGISTRY_DIR/pid"; do
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		kill -TERM "$pid" 2>/dev/null
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
	done
	rm -rf "$REGISTRY_DIR"
}

# Builds REGISTRY_CACHE/busybox-oci (tag "latest") once: one layer holding
# /bin/busybox and a symlink per applet, cmd "sh".
registry_build_busybox() {
	registry_need umoci busybox || return 1
	local oci=$REGISTRY_CACHE/busybox-oci
	[ -f "$oci/index.json" ] && return 0
	mkdir -p "$REGISTRY_CACHE" || return 1
	local tmp
	tmp=$(mktemp -d "$REGISTRY_CACHE/build.XXXXXX") || return 1
	(
		set -e
		umoci init --layout "$tmp/oci"
		umoci new --image "$tmp/oci:latest"
		umoci unpack --rootless --image "$tmp/oci:latest" "$tmp/bundle" >/dev/null
		local r=$tmp/bundle/rootfs a
		mkdir -p "$r/bin" "$r/sbin" "$r/usr/bin" "$r/usr/sbin" "$r/etc" \
		    "$r/tmp" "$r/root" "$r/proc" "$r/sys" "$r/dev"
		chmod 1777 "$r/tmp"
		cp "$(command -v busybox)" "$r/bin/busybox"
		for a in $(busybox --list); do
			[ "$a" = busybox ] && continue
			[ -e "$r/bin/$a" ] || ln -s busybox "$r/bin/$a"
		done
		echo "root:x:0:0:root:/root:/bin/sh" >"$r/etc/passwd"
		echo "root:x:0:" >"$r/etc/group"
		umoci repack --image "$tmp/oci:latest" "$tmp/bundle"
		umoci config --image "$tmp/oci:latest" --config.cmd=sh \
		    --config.env=PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		    --config.workingdir=/ --os=linux --architecture=amd64
		umoci gc --layout "$tmp/oci"
	) >"$tmp/log" 2>&1 || {
		echo "lib-registry: building the busybox image failed:" >&2
		tail -5 "$tmp/log" >&2
		rm -rf "$tmp"
		return 1
	}
	# rename: a concurrent or interrupted build never leaves half an image
	mv "$tmp/oci" "$oci.$$" && mv -T "$oci.$$" "$oci" 2>/dev/null ||
	    rm -rf "$oci.$$"
	rm -rf "$tmp"
	[ -f "$oci/index.json" ]
}

# Builds REGISTRY_CACHE/layered-oci: busybox + a layer with /etc/kept,
# /etc/gone, /gonedir/f + a layer deleting /etc/gone and /gonedir.
registry_build_layered() {
	local oci=$REGISTRY_CACHE/layered-oci
	[ -f "$oci/index.json" ] && return 0
	registry_build_busybox || return 1
	local tmp
	tmp=$(mktemp -d "$REGISTRY_CACHE/build.XXXXXX") || return 1
	(
		set -e
		cp -a "$REGISTRY_CACHE/busybox-oci" "$tmp/oci"
		umoci unpack --rootless --image "$tmp/oci:latest" "$tmp/b1" >/dev/null
		echo kept >"$tmp/b1/rootfs/etc/kept"
		echo gone >"$tmp/b1/rootfs/etc/gone"
		mkdir "$tmp/b1/rootfs/gonedir"
		echo f >"$tmp/b1/rootfs/gonedir/f"
		umoci repack --image "$tmp/oci:latest" "$tmp/b1"
		umoci unpack --rootless --image "$tmp/oci:latest" "$tmp/b2" >/dev/null
		rm -rf "$tmp/b2/rootfs/etc/gone" "$tmp/b2/rootfs/gonedir"
		umoci repack --image "$tmp/oci:latest" "$tmp/b2"
		umoci gc --layout "$tmp/oci"
	) >"$tmp/log" 2>&1 || {
		echo "lib-registry: building the layered image failed:" >&2
		tail -5 "$tmp/log" >&2
		rm -rf "$tmp"
		return 1
	}
	mv "$tmp/oci" "$oci.$$" && mv -T "$oci.$$" "$oci" 2>/dev/null ||
	    rm -rf "$oci.$$"
	rm -rf "$tmp"
	[ -f "$oci/index.json" ]
}

# registry_push_oci LAYOUT REPO TAG
registry_push_oci() {
	registry_load || return 1
	registry_need skopeo || return 1
	skopeo --insecure-policy copy -q --dest-tls-verify=false \
	    "oci:$1:latest" "docker://$REGISTRY_ADDR/$2:$3" >&2
}

registry_push_busybox() {
	registry_load || return 1
	registry_build_busybox || return 1
	registry_push_oci "$REGISTRY_CACHE/busybox-oci" busybox "${1:-latest}"
}

registry_push_layered() {
	registry_load || return 1
	registry_build_layered || return 1
	registry_push_oci "$REGISTRY_CACHE/layered-oci" layered "${1:-latest}"
}

# registry_auth_proxy USER PASSWORD
registry_auth_proxy() {
	registry_load || return 1
	local port
	port=$(registry_free_port) || return 1
	cat >"$REGISTRY_DIR/auth-proxy.py" <<'EOF'
import base64, http.server, sys, urllib.error, urllib.request
up, port, user, pw = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
TOKEN = "kubec-test-token"
BASIC = "Basic " + base64.b64encode((user + ":" + pw).encode()).decode()
class H(http.server.BaseHTTPRequestHandler):
    def reply(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        if self.path.startswith("/token"):
            if (self.headers.get("Authorization") != BASIC or
                    "scope=repository%3Abusybox%3Apull" not in self.path):
                return self.reply(401, b'{"details":"bad credentials"}')
            return self.reply(200, b'{"token":"' + TOKEN.encode() + b'"}',
                              [("Content-Type", "application/json")])
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            ch = ('Bearer realm="http://127.0.0.1:%s/token",'
                  'service="kubec-test",scope="repository:busybox:pull"' % port)
            return self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED",'
                              b'"message":"authentication required"}]}',
                              [("WWW-Authenticate", ch),
                               ("Content-Type", "application/json")])
        req = urllib.request.Request(up + self.path, headers={
            "Accept": self.headers.get("Accept", "*/*")})
        try:
            r = urllib.request.urlopen(req, timeout=30)
        except urllib.error.HTTPError as e:
            r = e
        hs = [(k, r.headers[k]) for k in ("Content-Type",
              "Docker-Content-Digest") if r.headers.get(k)]
        self.reply(r.status if hasattr(r, "status") else r.code, r.read(), hs)
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), H).serve_forever()
EOF
	setsid python3 "$REGISTRY_DIR/auth-proxy.py" "http://$REGISTRY_ADDR" \
	    "$port" "$1" "$2" >"$REGISTRY_DIR/auth.log" 2>&1 </dev/null &
	echo $! >"$REGISTRY_DIR/auth.pid"
	echo "$port" >"$REGISTRY_DIR/auth.port"
	for _ in $(seq 100); do
		if curl -s -o /dev/null "http://127.0.0.1:$port/v2/"; then
			registry_load
			return 0
		fi
		sleep 0.1
	done
	echo "lib-registry: the auth proxy did not start:" >&2
	tail -5 "$REGISTRY_DIR/auth.log" >&2
	return 1
}
