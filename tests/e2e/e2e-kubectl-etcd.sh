#!/usr/bin/env bash
# e2e-kubectl-etcd.sh - the kubectl suite against kubec-server on etcd.
. "$(dirname "$0")/lib.sh"
etcd_start || exit 1
server_start --etcd-servers "$ETCD_URL" || exit 1
. "$(dirname "$0")/kubectl-suite.sh"
e2e_done
