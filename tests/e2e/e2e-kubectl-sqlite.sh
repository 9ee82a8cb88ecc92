#!/usr/bin/env bash
# e2e-kubectl-sqlite.sh - the kubectl suite against kubec-server on SQLite,
# then a restart that must keep every object.
. "$(dirname "$0")/lib.sh"
server_start || exit 1
. "$(dirname "$0")/kubectl-suite.sh"

# restart keeps objects
$KUBECTL create namespace keep >/dev/null
$KUBECTL -n keep create configmap kept --from-literal=a=b >/dev/null
server_stop
server_start
eq "objects survive a restart" "$($KUBECTL -n keep get cm kept -o jsonpath='{.data.a}')" "b"
e2e_done
