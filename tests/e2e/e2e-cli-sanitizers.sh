#!/usr/bin/env bash
# e2e-cli-sanitizers.sh - e2e-cli.sh with kubec built with AddressSanitizer
# and UndefinedBehaviorSanitizer (make SAN=1): a memory error, undefined
# behaviour or leak prints on stderr and changes the exit status, so it
# fails the comparisons with kubectl.
KUBEC=$(cd "$(dirname "$0")/../.." && pwd)/build-san/bin/kubec
if [ ! -x "$KUBEC" ]; then
	echo "ok 1 # SKIP build-san/bin/kubec not built (make SAN=1)"
	exit 0
fi
export KUBEC
exec bash "$(dirname "$0")/e2e-cli.sh"
