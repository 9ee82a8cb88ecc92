#!/usr/bin/env bash
# tui-sanitizers.sh - tui-basic.sh, tui-pods.sh, tui-contexts.sh and
# tui-manifests.sh once more with the console built with
# -fsanitize=address,undefined (build-san/, made by make test): a leak or
# an error makes kubec ui exit non-zero, which the suites check.
KUBEC=$(cd "$(dirname "$0")/../.." && pwd)/build-san/bin/kubec
export KUBEC
if [ ! -x "$KUBEC" ]; then
	echo "not ok 1 $KUBEC is not built (make SAN=1 all)"
	exit 1
fi
rc=0
bash "$(dirname "$0")/tui-basic.sh" || rc=1
bash "$(dirname "$0")/tui-pods.sh" || rc=1
bash "$(dirname "$0")/tui-contexts.sh" || rc=1
bash "$(dirname "$0")/tui-manifests.sh" || rc=1
exit $rc
