#!/usr/bin/env bash
# tests/bench/proxy.sh - kubec-agent's service proxy with NSVC Services of
# NEPS endpoints each, beside raw `nft -f` of the same ruleset measured in
# the same run on the same machine:
#   - agent start -> the whole table applied (one transaction), beside
#     raw `nft -f` of that table made anew (add, delete, define: what the
#     agent's first transaction does);
#   - an EndpointSlice change (one endpoint not ready) -> the rules
#     applied, p50/p99 of NCHANGES changes one after another, beside raw
#     `nft -f` of an update of that service's chain alone (the one
#     endpoint's chain deleted or added: what the agent applies) and of
#     the whole table (its rules and maps flushed and defined again);
#   - CPU per change: the agent's own (render, diff) and its nft child's,
#     beside the raw updates'.
# Not part of `make test`.  Runs in a network namespace it makes, as the
# end-to-end tests do (tests/e2e/lib-agent.sh): services from
# 198.18.128.0/17, endpoints from 198.18.0.0/17, the node 198.19.0.2; no
# pod runs and no packet is sent.  "Applied" is a new nftables generation
# (a committed transaction), polled over netlink every 0.5 ms by
# proxy-bench.c; each change is then checked in the service's chain.
#
#   tests/bench/proxy.sh [NSVC] [NEPS] [NCHANGES]   (1000 10 50)
set -u
NSVC=${1:-1000}
NEPS=${2:-10}
NCHG=${3:-50}
# re-runs this script in a network namespace of its own; the helpers and
# their cleanup
. "$(dirname "$0")/../e2e/lib-agent.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
trap 'agent_cleanup; nft delete table ip kubec-proxy 2>/dev/null' EXIT
make -C "$E2E_TOP" -s all >/dev/null || exit 1
BENCH=$E2E_TMP/proxy-bench
cc -O2 -std=gnu11 -D_GNU_SOURCE -pthread -o "$BENCH" "$HERE/proxy-bench.c" \
    "$E2E_TOP/lib/buf.c" $(pkg-config --cflags --libs libcurl) || exit 1

server_start >/dev/null || exit 1
TOKEN=$(cat "$SERVER_DIR/pki/admin.token")
CA=$SERVER_DIR/pki/ca.crt
$KUBECTL create namespace bench >/dev/null || exit 1
"$BENCH" create "$SERVER_URL" "$TOKEN" "$CA" "$NSVC" "$NEPS" 8 >"$E2E_TMP/cips" || exit 1

# the first sync: from the agent's start to the commit that holds them all
"$BENCH" first "$NSVC" "$E2E_TMP/ready" >"$E2E_TMP/first" &
FP=$!; E2E_PIDS+=($FP)
until_ok 10 test -e "$E2E_TMP/ready" || exit 1
t0=$(date +%s.%N)
agent_start
wait $FP || { echo "the table was not applied"; exit 1; }
f() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
first_ms=$(awk -v a="$t0" -v b="$(f "$E2E_TMP/first" applied_at)" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
first_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15 + $16 + $17) * 1000 / hz }' "/proc/$AGENT_PID/stat")
sleep 2

# changes one after another
"$BENCH" changes "$SERVER_URL" "$TOKEN" "$CA" "$AGENT_PID" "$NCHG" "$NSVC" "$NEPS" >"$E2E_TMP/changes" || exit 1
agent_rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$AGENT_PID/status")
agent_stop

# the anchors: raw nft -f of the table the agent left
nft list table ip kubec-proxy >"$E2E_TMP/table.nft" || exit 1
{ printf 'add table ip kubec-proxy\ndelete table ip kubec-proxy\n'; cat "$E2E_TMP/table.nft"; } >"$E2E_TMP/full.nft"
{ printf 'add table ip kubec-proxy\nflush table ip kubec-proxy\n'
  for m in service-ips service-nodeports no-endpoint-services no-endpoint-nodeports; do
	echo "flush map ip kubec-proxy $m"; done
  cat "$E2E_TMP/table.nft"; } >"$E2E_TMP/update.nft"
# service 0, which the changes leave as it was
read -r _ cip0 < <(awk '$1 == 0' "$E2E_TMP/cips")
"$BENCH" incr "$E2E_TMP" 0 "$cip0" 198.18.1.0/24 "$NEPS" || exit 1
# the agent's first transaction made the table where there was none
echo 'delete table ip kubec-proxy' >"$E2E_TMP/none.nft"
"$BENCH" nft 5 -p "$E2E_TMP/none.nft" "$E2E_TMP/full.nft" >"$E2E_TMP/raw-full" || exit 1
"$BENCH" nft 5 "$E2E_TMP/update.nft" >"$E2E_TMP/raw-update" || exit 1
"$BENCH" nft 10 "$E2E_TMP/incr-a.nft" "$E2E_TMP/incr-b.nft" >"$E2E_TMP/raw-incr" || exit 1
chains=$(grep -c "^$(printf '\t')chain " "$E2E_TMP/table.nft")
rules=$(awk '/^\tchain / { in_chain = 1; next } /^\t}/ { in_chain = 0 }
    in_chain && !/^\t\ttype / { n++ } END { print n + 0 }' "$E2E_TMP/table.nft")
debounce=$(awk '$2 == "PROXY_DEBOUNCE_MS" { print $3 }' "$E2E_TOP/agent/proxy.c")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
row() { printf '%-46s %10s %10s %8s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }
c=$E2E_TMP/changes
upd=$(f "$E2E_TMP/raw-update" nft_ms)
incr=$(f "$E2E_TMP/raw-incr" nft_ms)
echo "# $NSVC services x $NEPS endpoints: $chains chains, $rules rules;" \
    "$NCHG changes, $(f "$c" verified) seen in the chain"
printf '%-46s %10s %10s %8s\n' figure kubec "raw nft" ratio
cpu=$(awk -v a="$(f "$c" agent_cpu_ms)" -v b="$(f "$c" nft_cpu_ms)" 'BEGIN { printf "%.1f", a + b }')
row "start -> whole table applied, ms" "$first_ms" "$(f "$E2E_TMP/raw-full" nft_ms)"
row "slice change -> applied, p50 ms" "$(f "$c" change_p50_ms)" "$incr"
row "slice change -> applied, p99 ms" "$(f "$c" change_p99_ms)" "$incr"
row "  p50 beside a whole-table update" "$(f "$c" change_p50_ms)" "$upd"
row "CPU per change, agent + its nft, ms" "$cpu" "$(f "$E2E_TMP/raw-incr" nft_cpu_ms)"
row "  its nft only, ms" "$(f "$c" nft_cpu_ms)" "$(f "$E2E_TMP/raw-incr" nft_cpu_ms)"
row "  beside a whole-table update's CPU" "$cpu" "$(f "$E2E_TMP/raw-update" nft_cpu_ms)"
printf '%-46s %10s\n' "the agent's own CPU per change, ms" "$(f "$c" agent_cpu_ms)"
printf '%-46s %10s\n' "debounce before a sync, ms" "$debounce"
printf '%-46s %10s\n' "agent CPU until the table was applied, ms" "$first_cpu"
printf '%-46s %10s\n' "agent RSS, MB" "$agent_rss"
