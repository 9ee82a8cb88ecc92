#!/usr/bin/env bash
# e2e-durability.sh - kill -9 of kubec-server during a write load loses no
# acknowledged write; a restart keeps every object.
. "$(dirname "$0")/lib.sh"
server_start || exit 1
token=$(cat "$SERVER_DIR/pki/admin.token")
python3 "$(dirname "$0")/load.py" "$SERVER_URL" "$token" default cm >"$E2E_TMP/acked" 2>/dev/null &
lpid=$!
E2E_PIDS+=($lpid)
for _ in $(seq 100); do [ "$(wc -l <"$E2E_TMP/acked")" -ge 300 ] && break; sleep 0.1; done
server_stop KILL
kill $lpid 2>/dev/null; wait $lpid 2>/dev/null
acked=$(wc -l <"$E2E_TMP/acked")
match "the load got acknowledgements before the kill" "$acked" '^[0-9]{3,}$'
server_start || exit 1
$KUBECTL -n default get cm -o name | sed 's|^configmap/||' | sort >"$E2E_TMP/present"
missing=$(sort "$E2E_TMP/acked" | comm -23 - "$E2E_TMP/present" | wc -l)
eq "every acknowledged write survived kill -9 ($acked acknowledged)" "$missing" "0"
e2e_done
