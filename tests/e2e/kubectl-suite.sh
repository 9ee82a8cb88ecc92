# tests/e2e/kubectl-suite.sh - the real kubectl against kubec-server.
# Sourced by e2e-kubectl-sqlite.sh and e2e-kubectl-etcd.sh after the server
# is up (KUBECONFIG set); every check looks at the result, not only at the
# exit status.
K=$KUBECTL

# --- namespaces, discovery ---------------------------------------------
out=$($K get namespaces -o name 2>&1)
eq "system namespaces exist" "$out" "namespace/default
namespace/kube-node-lease
namespace/kube-public
namespace/kube-system"
ok "create namespace" $K create namespace e2e
eq "namespace is Active" "$($K get ns e2e -o jsonpath='{.status.phase}')" "Active"
out=$($K api-resources --no-headers 2>&1)
match "api-resources lists pods" "$out" '^pods +po +v1 +true +Pod'
match "api-resources lists deployments" "$out" '^deployments +deploy +apps/v1 +true +Deployment'
match "api-resources lists leases" "$out" 'leases +coordination.k8s.io/v1 +true +Lease'

# --- create, get in every output format ---------------------------------
cat >"$E2E_TMP/cm.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
  namespace: e2e
  labels:
    app: web
    tier: front
data:
  a: "1"
  b: two
YAML
ok "create -f configmap" $K create -f "$E2E_TMP/cm.yaml"
fails "create twice is AlreadyExists" $K create -f "$E2E_TMP/cm.yaml"
out=$($K create -f "$E2E_TMP/cm.yaml" 2>&1)
eq "AlreadyExists message" "$out" 'Error from server (AlreadyExists): error when creating "'"$E2E_TMP"'/cm.yaml": configmaps "conf" already exists'
eq "get -o jsonpath" "$($K -n e2e get cm conf -o jsonpath='{.data.b}')" "two"
eq "get -o name" "$($K -n e2e get cm conf -o name)" "configmap/conf"
out=$($K -n e2e get cm conf -o yaml)
match "get -o yaml has data" "$out" '^  b: two$'
match "get -o yaml has uid" "$out" '^  uid: [0-9a-f-]{36}$'
match "get -o yaml has resourceVersion" "$out" '^  resourceVersion: "[0-9]+"$'
out=$($K -n e2e get cm conf -o json)
eq "get -o json" "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["kind"], d["metadata"]["name"], d["data"]["a"])')" "ConfigMap conf 1"
out=$($K -n e2e get cm)
match "get table header" "$out" '^NAME +DATA +AGE'
match "get table row" "$out" '^conf +2 +[0-9]+s'
out=$($K get cm -A)
match "get -A has NAMESPACE column" "$out" '^NAMESPACE +NAME +DATA +AGE'
match "get -A row" "$out" '^e2e +conf +2 '
ok "create configmap from literal" $K -n e2e create configmap lit --from-literal=k1=v1 --from-literal=k2=v2
eq "configmap from literal" "$($K -n e2e get cm lit -o jsonpath='{.data.k2}')" "v2"
ok "create secret generic" $K -n e2e create secret generic pw --from-literal=password=s3cret
eq "secret is base64" "$($K -n e2e get secret pw -o jsonpath='{.data.password}')" "$(printf s3cret | base64)"
match "secret table" "$($K -n e2e get secret pw)" '^pw +Opaque +1 '

# --- selectors ------------------------------------------------------------
eq "label selector" "$($K -n e2e get cm -l app=web -o name)" "configmap/conf"
eq "label selector, no match" "$($K -n e2e get cm -l app=db 2>&1)" "No resources found in e2e namespace."
eq "set-based selector" "$($K -n e2e get cm -l 'tier in (front,back)' -o name)" "configmap/conf"
eq "field selector" "$($K -n e2e get cm --field-selector metadata.name=lit -o name)" "configmap/lit"
out=$($K -n e2e get cm --field-selector spec.bogus=1 2>&1)
match "unsupported field selector" "$out" 'field label not supported: spec.bogus'

# --- label, annotate, patch -------------------------------------------------
ok "label" $K -n e2e label cm conf env=prod
eq "label applied" "$($K -n e2e get cm conf -o jsonpath='{.metadata.labels.env}')" "prod"
ok "label remove" $K -n e2e label cm conf env-
eq "label removed" "$($K -n e2e get cm conf -o jsonpath='{.metadata.labels.env}')" ""
ok "annotate" $K -n e2e annotate cm conf note='hello world'
eq "annotation applied" "$($K -n e2e get cm conf -o jsonpath='{.metadata.annotations.note}')" "hello world"
ok "patch merge" $K -n e2e patch cm conf --type merge -p '{"data":{"c":"3"}}'
eq "merge patch applied" "$($K -n e2e get cm conf -o jsonpath='{.data.c}')" "3"
ok "patch json" $K -n e2e patch cm conf --type json -p '[{"op":"replace","path":"/data/a","value":"one"}]'
eq "json patch applied" "$($K -n e2e get cm conf -o jsonpath='{.data.a}')" "one"
fails "json patch test op fails" $K -n e2e patch cm conf --type json -p '[{"op":"test","path":"/data/a","value":"zzz"}]'

# --- deployments: apply, strategic patch, scale, wide -----------------------
cat >"$E2E_TMP/deploy.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: e2e
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: busybox:1.36
        env:
        - name: A
          value: "1"
YAML
out=$($K apply -f "$E2E_TMP/deploy.yaml" 2>&1)
eq "apply creates" "$out" "deployment.apps/web created"
out=$($K apply -f "$E2E_TMP/deploy.yaml" 2>&1)
eq "apply again is unchanged" "$out" "deployment.apps/web unchanged"
sed -i 's/replicas: 2/replicas: 3/' "$E2E_TMP/deploy.yaml"
out=$($K apply -f "$E2E_TMP/deploy.yaml" 2>&1)
eq "apply a change configures" "$out" "deployment.apps/web configured"
eq "applied change is there" "$($K -n e2e get deploy web -o jsonpath='{.spec.replicas}')" "3"
match "last-applied annotation" "$($K -n e2e get deploy web -o yaml)" 'kubectl.kubernetes.io/last-applied-configuration'
eq "defaults: strategy" "$($K -n e2e get deploy web -o jsonpath='{.spec.strategy.type}')" "RollingUpdate"
eq "defaults: imagePullPolicy" "$($K -n e2e get deploy web -o jsonpath='{.spec.template.spec.containers[0].imagePullPolicy}')" "IfNotPresent"
ok "strategic patch" $K -n e2e patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"busybox:1.37"}]}}}}'
eq "strategic patch merged by name" "$($K -n e2e get deploy web -o jsonpath='{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].name}')" "busybox:1.37 A"
eq "generation bumped" "$($K -n e2e get deploy web -o jsonpath='{.metadata.generation}')" "3"
ok "scale" $K -n e2e scale deploy web --replicas=5
eq "scaled" "$($K -n e2e get deploy web -o jsonpath='{.spec.replicas}')" "5"
out=$($K -n e2e get deploy web -o wide)
match "deployment wide columns" "$out" '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR'
match "deployment wide row" "$out" '^web +0/5 +[0-9] +0 +[0-9]+s +web +busybox:1.37 +app=web'
out=$($K -n e2e describe deploy web)
match "describe deployment" "$out" 'Replicas: +5 desired'
out=$($K -n e2e describe cm conf)
match "describe configmap" "$out" '^Name: +conf'

# server-side apply, twice, with a change
cat >"$E2E_TMP/ssa.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: ssa
  namespace: e2e
data:
  x: "1"
YAML
eq "apply --server-side creates" "$($K apply --server-side -f "$E2E_TMP/ssa.yaml" 2>&1)" "configmap/ssa serverside-applied"
eq "apply --server-side again" "$($K apply --server-side -f "$E2E_TMP/ssa.yaml" 2>&1)" "configmap/ssa serverside-applied"
sed -i 's/x: "1"/x: "2"/' "$E2E_TMP/ssa.yaml"
ok "apply --server-side with a change" $K apply --server-side -f "$E2E_TMP/ssa.yaml"
eq "server-side applied change" "$($K -n e2e get cm ssa -o jsonpath='{.data.x}')" "2"

# --- edit with EDITOR a script ---------------------------------------------
cat >"$E2E_TMP/editor.sh" <<'SH'
#!/bin/sh
sed -i 's/^  b: two$/  b: edited/' "$1"
SH
chmod +x "$E2E_TMP/editor.sh"
ok "edit" env EDITOR="$E2E_TMP/editor.sh" $K -n e2e edit cm conf
eq "edit applied" "$($K -n e2e get cm conf -o jsonpath='{.data.b}')" "edited"

# --- validation -------------------------------------------------------------
out=$(printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n' | $K -n e2e create -f - 2>&1)
match "invalid name is 422" "$out" 'The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"'
out=$(printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {}\n' | $K -n e2e create -f - 2>&1)
match "pod without containers is invalid" "$out" 'spec.containers: Required value'
out=$($K -n nowhere create configmap x 2>&1)
eq "missing namespace" "$out" 'error: failed to create configmap: namespaces "nowhere" not found'

# --- services: cluster IPs and node ports from the allocator -------------------
eq "the kubernetes service has the first address" "$($K -n default get svc kubernetes -o jsonpath='{.spec.clusterIP} {.spec.ports[0].port}')" "198.18.128.1 443"
ok "create service clusterip" $K -n e2e create service clusterip web --tcp=80:8080
match "cluster IP from --service-cidr" "$($K -n e2e get svc web -o jsonpath='{.spec.clusterIP}')" '^198\.18\.(12[89]|1[3-9][0-9]|2[0-5][0-9])\.[0-9]+$'
ok "create service nodeport" $K -n e2e create service nodeport np --tcp=80:8080
np=$($K -n e2e get svc np -o jsonpath='{.spec.ports[0].nodePort}')
match "node port from 30000-32767" "$np" '^3[0-2][0-9]{3}$'
match "service table" "$($K -n e2e get svc np)" "^np +NodePort +198\.18\.[0-9.]+ +<none> +80:$np/TCP +[0-9]+s"
out=$(printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dup\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: %s\n' "$np" | $K -n e2e create -f - 2>&1)
match "a node port in use is refused" "$out" "spec.ports\[0\].nodePort: Invalid value: $np: provided port is already allocated"
ips=$(for i in 1 2 3 4 5; do $K -n e2e create service clusterip "s$i" --tcp=80 -o jsonpath='{.spec.clusterIP}{"\n"}'; done | sort -u | wc -l)
eq "every service gets its own address" "$ips" "5"
match "... above the low band kept for services that name theirs (256 of a /17)" \
    "$($K -n e2e get svc s1 -o jsonpath='{.spec.clusterIP}')" '^198\.18\.(129|1[3-9][0-9]|2[0-5][0-9])\.[0-9]+$'
eq "an address of the low band named" \
    "$($K -n e2e create service clusterip named-low --tcp=53 --clusterip=198.18.128.20 -o jsonpath='{.spec.clusterIP}')" 198.18.128.20
eq "the 10th is kube-system/kube-dns's (the cluster DNS)" \
    "$($K -n kube-system get svc kube-dns -o jsonpath='{.spec.clusterIP}')" 198.18.128.10
match "... and refused to another service" \
    "$($K -n e2e create service clusterip named-dns --tcp=53 --clusterip=198.18.128.10 2>&1)" 'provided IP is already allocated'

# --- auth can-i ---------------------------------------------------------------
eq "auth can-i" "$($K auth can-i create pods -n e2e)" "yes"
ok "create role" $K -n e2e create role pod-reader --verb=get --verb=list --resource=pods
ok "create rolebinding" $K -n e2e create rolebinding bob-reads --role=pod-reader --user=bob
eq "RBAC: a role grants (impersonated with --as)" "$($K -n e2e auth can-i list pods --as=bob)" "yes"
eq "RBAC: ... and nothing more" "$($K -n e2e auth can-i delete pods --as=bob 2>&1)" "no"
eq "RBAC: only in its namespace" "$($K -n default auth can-i list pods --as=bob 2>&1)" "no"
eq "RBAC: a group binding" "$($K -n e2e auth can-i delete pods --as=x --as-group=system:masters)" "yes"
out=$($K -n e2e delete configmap nothing --as=bob 2>&1)
eq "RBAC: Forbidden in kube-apiserver's words" "$out" 'Error from server (Forbidden): configmaps "nothing" is forbidden: User "bob" cannot delete resource "configmaps" in API group "" in the namespace "e2e"'
ok "create clusterrole with a colon in its name" $K create clusterrole system:kubec:reader --verb=get --resource=nodes

# --- the RBAC bootstrap policy, aggregation, non-resource URLs ---------------
out=$($K get clusterroles cluster-admin admin edit view system:aggregate-to-view system:discovery system:basic-user system:public-info-viewer system:node -o name 2>&1)
eq "bootstrap ClusterRoles exist" "$out" "clusterrole.rbac.authorization.k8s.io/cluster-admin
clusterrole.rbac.authorization.k8s.io/admin
clusterrole.rbac.authorization.k8s.io/edit
clusterrole.rbac.authorization.k8s.io/view
clusterrole.rbac.authorization.k8s.io/system:aggregate-to-view
clusterrole.rbac.authorization.k8s.io/system:discovery
clusterrole.rbac.authorization.k8s.io/system:basic-user
clusterrole.rbac.authorization.k8s.io/system:public-info-viewer
clusterrole.rbac.authorization.k8s.io/system:node"
eq "bootstrap labels and annotations" "$($K get clusterrole view -o jsonpath='{.metadata.labels.kubernetes\.io/bootstrapping} {.metadata.annotations.rbac\.authorization\.kubernetes\.io/autoupdate} {.metadata.labels.rbac\.authorization\.k8s\.io/aggregate-to-edit} {.aggregationRule.clusterRoleSelectors[0].matchLabels}')" 'rbac-defaults true true {"rbac.authorization.k8s.io/aggregate-to-view":"true"}'
eq "system:masters is bound to cluster-admin" "$($K get clusterrolebinding cluster-admin -o jsonpath='{.roleRef.kind}/{.roleRef.name} {.subjects[0].kind}/{.subjects[0].name}')" "ClusterRole/cluster-admin Group/system:masters"
eq "system:discovery's paths" "$($K get clusterrole system:discovery -o jsonpath='{.rules[0].verbs} {.rules[0].nonResourceURLs}')" '["get"] ["/api","/api/*","/apis","/apis/*","/healthz","/livez","/openapi","/openapi/*","/readyz","/version","/version/"]'
for _ in $(seq 50); do
	[ -n "$($K get clusterrole admin -o jsonpath='{.rules}')" ] && break
	sleep 0.1
done
match "view aggregates system:aggregate-to-view" "$($K get clusterrole view -o jsonpath='{.rules[0].resources}')" '"pods"'
match "admin aggregates edit, which aggregates view" "$($K get clusterrole admin -o jsonpath='{.rules[*].resources}')" 'rolebindings.*configmaps|configmaps.*rolebindings'
eq "the aggregation controller applies as its own manager" "$($K get clusterrole view --show-managed-fields -o jsonpath='{.metadata.managedFields[?(@.operation=="Apply")].manager}')" "clusterrole-aggregation-controller"
V="$K --token=$VIEWER_TOKEN"
eq "a token user: discovery" "$($V get --raw /version | python3 -c 'import json,sys; print(json.load(sys.stdin)["gitVersion"])')" "v1.33.0"
eq "a token user: /healthz" "$($V get --raw /healthz 2>&1)" "ok"
eq "a token user: another path is Forbidden" "$($V get --raw /foo 2>&1)" 'Error from server (Forbidden): forbidden: User "viewer" cannot get path "/foo"'
eq "a token user: the checks one by one are for system:monitoring" "$($V get --raw /healthz/etcd 2>&1)" 'Error from server (Forbidden): forbidden: User "viewer" cannot get path "/healthz/etcd"'
eq "can-i on a path" "$($V auth can-i get /healthz) $($V auth can-i get /foo)" "yes no"
eq "a token user can ask what it may do" "$($V auth can-i list pods -n e2e)" "no"
out=$(curl -s --cacert "$SERVER_DIR/pki/ca.crt" -w ' %{http_code}' "$SERVER_URL/healthz")
eq "anonymous: /healthz" "$out" "ok 200"
out=$(curl -s --cacert "$SERVER_DIR/pki/ca.crt" -o /dev/null -w '%{http_code}' "$SERVER_URL/apis")
eq "anonymous: discovery is 401" "$out" "401"
out=$(curl -s --cacert "$SERVER_DIR/pki/ca.crt" -H "Authorization: Bearer nope" -o /dev/null -w '%{http_code}' "$SERVER_URL/healthz")
eq "a bad token is 401 even for /healthz" "$out" "401"
ok "bind view to the token user" $K create clusterrolebinding e2e-viewer --clusterrole=view --user=viewer
eq "view: list pods, yes" "$($V auth can-i list pods -n e2e)" "yes"
eq "view: create pods, no" "$($V auth can-i create pods -n e2e 2>&1)" "no"
eq "view: secrets, no" "$($V auth can-i list secrets -n e2e 2>&1)" "no"
eq "view reads" "$($V -n e2e get cm lit -o jsonpath='{.data.k1}')" "v1"
eq "view does not write" "$($V -n e2e create configmap nope 2>&1)" 'error: failed to create configmap: configmaps is forbidden: User "viewer" cannot create resource "configmaps" in API group "" in the namespace "e2e"'
eq "Forbidden names the group" "$($V -n e2e scale deploy web --replicas=1 2>&1)" 'Error from server (Forbidden): deployments.apps "web" is forbidden: User "viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "e2e"'
ok "a ClusterRole for secrets" $K create clusterrole e2e-secret-reader --verb=get,list --resource=secrets
ok "labelled to aggregate into view" $K label clusterrole e2e-secret-reader rbac.authorization.k8s.io/aggregate-to-view=true
for _ in $(seq 50); do
	[ "$($V auth can-i list secrets -n e2e 2>&1)" = yes ] && break
	sleep 0.1
done
eq "view picked the new role up" "$($V auth can-i list secrets -n e2e 2>&1)" "yes"
eq "the viewer reads secrets now" "$($V -n e2e get secret pw -o jsonpath='{.type}')" "Opaque"
match "view lists the new rule" "$($K get clusterrole view -o jsonpath='{.rules[*].resources}')" '\["secrets"\]'
ok "the label goes" $K label clusterrole e2e-secret-reader rbac.authorization.k8s.io/aggregate-to-view-
for _ in $(seq 50); do
	[ "$($V auth can-i list secrets -n e2e 2>&1)" = no ] && break
	sleep 0.1
done
eq "view dropped it again" "$($V auth can-i list secrets -n e2e 2>&1)" "no"
ok "a binding to a role that does not exist" $K create clusterrolebinding e2e-ghost --clusterrole=e2e-gone --user=viewer
eq "Forbidden tells of the missing role" "$($V get nodes 2>&1)" 'Error from server (Forbidden): nodes is forbidden: User "viewer" cannot list resource "nodes" in API group "" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "e2e-gone" not found'
eq "an unknown resource: Forbidden before NotFound" "$($V get --raw /apis/e2e.example/v1/widgets 2>&1)" 'Error from server (Forbidden): widgets.e2e.example is forbidden: User "viewer" cannot list resource "widgets" in API group "e2e.example" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "e2e-gone" not found'
eq "... NotFound for who may" "$($K get --raw /apis/e2e.example/v1/widgets 2>&1)" 'Error from server (NotFound): the server could not find the requested resource'

# --- duplicate fields under fieldValidation ------------------------------------
printf '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","namespace":"e2e"},"data":{"a":"1","a":"2"},"bogus":1}' >"$E2E_TMP/dup.json"
out=$($K create --raw '/api/v1/namespaces/e2e/configmaps?fieldValidation=Strict' -f "$E2E_TMP/dup.json" 2>&1)
eq "Strict: a duplicate field is refused" "$out" 'Error from server (BadRequest): ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.a", unknown field "bogus"'
fails "Strict: nothing was created" $K -n e2e get cm dup
$K create --raw '/api/v1/namespaces/e2e/configmaps?fieldValidation=Warn' -f "$E2E_TMP/dup.json" >/dev/null 2>"$E2E_TMP/err"
eq "Warn: one warning each" "$(cat "$E2E_TMP/err")" 'Warning: duplicate field "data.a"
Warning: unknown field "bogus"'
eq "Warn: the last value is kept" "$($K -n e2e get cm dup -o jsonpath='{.data.a}')" "2"
sed 's/"dup"/"dup2"/' "$E2E_TMP/dup.json" >"$E2E_TMP/dup2.json"
$K create --raw '/api/v1/namespaces/e2e/configmaps?fieldValidation=Ignore' -f "$E2E_TMP/dup2.json" >/dev/null 2>"$E2E_TMP/err"
eq "Ignore: silent" "$(cat "$E2E_TMP/err")" ""
$K -n e2e patch cm dup --type merge -p '{"data":{"b":"1","b":"2"}}' >"$E2E_TMP/outp" 2>"$E2E_TMP/err"
eq "a merge patch's duplicate: a warning (kubectl patch asks nothing: Warn)" "$(cat "$E2E_TMP/err") $(cat "$E2E_TMP/outp")" 'Warning: duplicate field "data.b" configmap/dup patched'
$K -n e2e patch cm dup -p '{"data":{"c":"1","c":"3"}}' >/dev/null 2>"$E2E_TMP/err"
eq "a strategic merge patch's duplicate: a warning" "$(cat "$E2E_TMP/err") $($K -n e2e get cm dup -o jsonpath='{.data.c}')" 'Warning: duplicate field "data.c" 3'
cat >"$E2E_TMP/dup.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: dupy
  namespace: e2e
data:
  a: "1"
  a: "2"
YAML
eq "kubectl apply decodes the manifest itself: the last value, nothing to refuse" "$($K apply -f "$E2E_TMP/dup.yaml" 2>&1) $($K -n e2e get cm dupy -o jsonpath='{.data.a}')" "configmap/dupy created 2"
T=$(cat "$SERVER_DIR/pki/admin.token")
out=$( (sed 's/dupy/dupz/' "$E2E_TMP/dup.yaml"; printf 'zzz: 1\naaa: 2\n') | curl -s --cacert "$SERVER_DIR/pki/ca.crt" -H "Authorization: Bearer $T" -H 'Content-Type: application/yaml' --data-binary @- "$SERVER_URL/api/v1/namespaces/e2e/configmaps?fieldValidation=Strict" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["code"], d["message"])')
eq "a YAML body: go-yaml's words, then the unknown fields in key order" "$out" '400 ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: yaml: unmarshal errors:
  line 8: key "a" already set in map, unknown field "aaa", unknown field "zzz"'
out=$(sed 's/dupy/dupz/' "$E2E_TMP/dup.yaml" | curl -s --cacert "$SERVER_DIR/pki/ca.crt" -H "Authorization: Bearer $T" -X PATCH -H 'Content-Type: application/apply-patch+yaml' --data-binary @- "$SERVER_URL/api/v1/namespaces/e2e/configmaps/dupz?fieldManager=e2e&fieldValidation=Strict" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["code"], d["message"])')
eq "server-side apply: refused after the apply, as upstream" "$out" '400 error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:
  line 8: key "a" already set in map'

# --- watch ----------------------------------------------------------------------
$K -n e2e get cm -w -o name >"$E2E_TMP/watch.out" 2>&1 &
wpid=$!
E2E_PIDS+=($wpid)
sleep 1
$K -n e2e create configmap watched >/dev/null
for _ in $(seq 50); do grep -q watched "$E2E_TMP/watch.out" && break; sleep 0.1; done
kill $wpid 2>/dev/null; wait $wpid 2>/dev/null
match "get -w sees a new object" "$(cat "$E2E_TMP/watch.out")" 'configmap/watched'

# --- delete -----------------------------------------------------------------------
eq "delete -f" "$($K delete -f "$E2E_TMP/cm.yaml" 2>&1)" 'configmap "conf" deleted'
fails "deleted object is gone" $K -n e2e get cm conf
out=$($K -n e2e get cm conf 2>&1)
eq "NotFound message" "$out" 'Error from server (NotFound): configmaps "conf" not found'
ok "delete deployment --cascade=orphan" $K -n e2e delete deploy web --cascade=orphan
fails "deployment is gone" $K -n e2e get deploy web
ok "delete namespace" $K delete namespace e2e --timeout=30s
fails "namespace is gone" $K get namespace e2e
