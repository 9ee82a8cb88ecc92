#!/usr/bin/env bash
# tests/run.sh - runs kubec's suites and ends with "N passed, N failed".
#
# Every suite prints TAP lines ("ok N name" / "not ok N name"); a suite
# that exits non-zero without reporting a failure counts one failure more.
# TESTS=unit|e2e|tui|all (default all) picks the suites; a file name pattern as
# the first argument narrows them (tests/run.sh e2e-crud).
set -u
cd "$(dirname "$0")/.."
which=${TESTS:-all}
pattern=${1:-}
logdir=${TEST_LOGDIR:-build/test-logs}
mkdir -p "$logdir"
passed=0 failed=0

run_suite() {	# name command...
	local name=$1; shift
	local log="$logdir/${name//\//_}.log" rc p f start end
	case $name in *"$pattern"*) ;; *) return ;; esac
	start=$(date +%s)
	# a suite that hangs is stopped (and counted as failed) after a while
	timeout -k 10 "${SUITE_TIMEOUT:-900}" "$@" </dev/null >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited $rc" >>"$log"
		f=1
	fi
	passed=$((passed + p)); failed=$((failed + f))
	printf '%-40s %4d passed %3d failed  %4ds\n' "$name" "$p" "$f" $((end - start))
	if [ "$f" -ne 0 ]; then
		grep -B2 -A12 '^not ok' "$log" | sed 's/^/    /' | head -80
		echo "    (full log: $log)"
	fi
}

if [ "$which" = all ] || [ "$which" = unit ]; then
	for t in build/tests/test-*; do
		[ -x "$t" ] && run_suite "unit/$(basename "$t")" "$t"
	done
	for t in build-san/tests/test-*; do
		[ -x "$t" ] && run_suite "unit-san/$(basename "$t")" "$t"
	done
fi
if [ "$which" = all ] || [ "$which" = e2e ]; then
	for t in tests/e2e/e2e-*.sh; do
		[ -f "$t" ] && run_suite "e2e/$(basename "$t" .sh)" bash "$t"
	done
fi
if [ "$which" = all ] || [ "$which" = tui ]; then
	for t in tests/tui/tui-*.sh; do
		[ -f "$t" ] && run_suite "tui/$(basename "$t" .sh)" bash "$t"
	done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
