#!/usr/bin/env bash
# e2e-sanitizers.sh - the kubectl suite against kubec-server built with
# AddressSanitizer and UndefinedBehaviorSanitizer (make SAN=1): no memory
# error, undefined behaviour or leak may show up in the server's log.
. "$(dirname "$0")/lib.sh"
KUBEC_SERVER=$E2E_TOP/build-san/bin/kubec-server
if [ ! -x "$KUBEC_SERVER" ]; then
	echo "ok 1 # SKIP build-san/bin/kubec-server not built (make SAN=1)"
	exit 0
fi
export KUBEC_SERVER
server_start || exit 1
. "$(dirname "$0")/kubectl-suite.sh"
server_stop
out=$(grep -E -A20 "ERROR: AddressSanitizer|runtime error:|LeakSanitizer" "$E2E_TMP/server.log" | head -60)
eq "no sanitizer report from the server" "$out" ""
e2e_done
