#!/usr/bin/env bash
# e2e-kubectl-versions.sh - every kubectl from 1.27 to 1.33 finds its way
# around kubec-server: discovery (legacy and aggregated), OpenAPI (apply
# and explain), Table output, create/apply/delete.
. "$(dirname "$0")/lib.sh"
server_start || exit 1
found=0
for v in 27 28 29 30 31 32 33; do
	k=$(command -v "kubectl.1.$v" || echo "/usr/lib/google-cloud-sdk/bin/kubectl.1.$v")
	[ -x "$k" ] || continue
	found=$((found + 1))
	ns=v1-$v
	ok "1.$v: create namespace" "$k" create namespace "$ns"
	match "1.$v: api-resources" "$("$k" api-resources --no-headers 2>&1)" '^deployments +deploy +apps/v1 +true +Deployment'
	cat >"$E2E_TMP/d$v.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  namespace: $ns
spec:
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      containers:
      - name: c
        image: busybox:1.36
YAML
	eq "1.$v: apply creates" "$("$k" apply -f "$E2E_TMP/d$v.yaml" 2>&1)" "deployment.apps/d created"
	eq "1.$v: apply again" "$("$k" apply -f "$E2E_TMP/d$v.yaml" 2>&1)" "deployment.apps/d unchanged"
	match "1.$v: get table" "$("$k" -n "$ns" get deploy 2>&1)" '^d +0/1 +[01] +0 +[0-9]+s'
	match "1.$v: explain" "$("$k" explain deployment.spec.replicas 2>&1)" 'FIELD: +replicas|FIELD: replicas'
	eq "1.$v: apply --server-side" "$(printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n  namespace: %s\ndata:\n  a: "1"\n' "$ns" | "$k" apply --server-side -f - 2>&1)" "configmap/s serverside-applied"
	eq "1.$v: delete namespace" "$("$k" delete namespace "$ns" --wait=false 2>&1)" "namespace \"$ns\" deleted"
done
match "found kubectl versions to test ($found)" "$found" '^[1-9]'
e2e_done
