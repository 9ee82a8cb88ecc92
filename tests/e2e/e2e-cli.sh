#!/usr/bin/env bash
# e2e-cli.sh - kubec, the console's CLI, against a live kubec-server beside
# the real kubectl: for the same objects both print the same tables (-o
# wide, -A, --show-labels, several types), names, JSON and YAML, the same
# errors on stderr and the same exit codes; create and delete from files,
# directories and a pipe, by name, label and --all, waiting for what goes;
# every verb has a man page that renders.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-cli.sh"

server_start || exit 1

eq "version --client" "$("$KUBEC" version --client)" "Client Version: v1.33.0+kubec"
match "version asks the server" "$("$KUBEC" version)" "Server Version: v1\.33\.0"
same "get namespaces" get namespaces
same "get ns by short name, -o wide" get ns -o wide
same "get a cluster-scoped object as YAML" get ns default -o yaml
same "... as JSON" get namespace default -o json
same "two objects: a List" get ns default kube-system -o yaml
same "-o name" get ns -o name
same "empty: stderr says so" get pods
same "empty, all namespaces" get configmaps -A -l nothing=here
same "an unknown type" get foo
same "a missing object" get pod nope
same "a missing object ignored" get pod nope --ignore-not-found
same "by name across namespaces is refused" get pod nope -A

# objects made by kubec from a file and from a pipe
mkdir -p "$E2E_TMP/m/sub"
cat >"$E2E_TMP/m/app.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web, tier: front}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: busybox, command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {app: web}}
spec: {selector: {app: web}, ports: [{port: 80}]}
EOF
cat >"$E2E_TMP/m/sub/cm.json" <<'EOF'
{"apiVersion":"v1","kind":"List","items":[
 {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one","labels":{"set":"a"}},"data":{"k":"1"}},
 {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"two","labels":{"set":"a"}},"data":{"k":"2"}}]}
EOF
eq "create -f FILE: what kubectl says" "$("$KUBEC" create -f "$E2E_TMP/m/app.yaml")" "deployment.apps/web created
service/web created"
eq "the objects are there" "$($KUBECTL get deploy/web svc/web -o name)" "deployment.apps/web
service/web"
same "create again: AlreadyExists, exit 1" create -f "$E2E_TMP/m/app.yaml"
eq "create -f DIR -R (a List in a subdirectory)" "$("$KUBEC" create -f "$E2E_TMP/m/sub" -R -o name)" "configmap/one
configmap/two"
eq "create -f - from a pipe" "$($KUBECTL create configmap piped --from-literal=a=b --dry-run=client -o yaml | "$KUBEC" create -f -)" "configmap/piped created"
eq "in the context's namespace" "$($KUBECTL get cm piped -n default -o jsonpath='{.data.a}')" b
$KUBECTL create namespace other >/dev/null
sed 's/name: web,/name: web, namespace: default,/' "$E2E_TMP/m/app.yaml" >"$E2E_TMP/in-default.yaml"
same "-n and the object's namespace disagree" create -n other -f "$E2E_TMP/in-default.yaml"
eq "create -n NS" "$($KUBECTL get cm piped -o yaml | sed '/namespace:/d; /uid:/d; /resourceVersion:/d; /creationTimestamp:/d' | "$KUBEC" create -n other -f -)" "configmap/piped created"

same "several types: a table each, kind/name" get deploy,svc -o wide
same "-l" get cm -l set=a
SAME_TRIES=3 same "--show-labels" get deploy,svc --show-labels
same "--no-headers" get cm --no-headers
same "--field-selector" get cm --field-selector metadata.name=two
same "-A: a NAMESPACE column" get cm -A -l set!=b
same "TYPE/NAME" get deployment/web cm/one -o name
same "a List of several types as JSON" get deploy/web svc/web -o json
same "a label selector that matches nothing" get svc -l app=none
eq "-o with an unknown format" "$("$KUBEC" get ns -o foo 2>&1)" 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml
See '"'"'kubec get -h'"'"' for help and examples'
eq "no type" "$("$KUBEC" get 2>&1; echo "exit $?")" "$($KUBECTL get 2>&1 | grep -v explain | sed 's/kubectl/kubec/g'; echo "exit 1")"

# deleting
eq "delete TYPE NAME" "$("$KUBEC" delete cm one)" 'configmap "one" deleted'
fails "it is gone" $KUBECTL get cm one
same "delete a missing object: NotFound, exit 1" delete cm one
same "--ignore-not-found" delete cm one --ignore-not-found
eq "delete -l" "$("$KUBEC" delete cm -l set=a)" 'configmap "two" deleted'
same "delete -l that matches nothing" delete cm -l set=a
eq "delete TYPE/NAME -n" "$("$KUBEC" delete -n other configmap/piped -o name)" configmap/piped
eq "delete -f: every object of the file" "$("$KUBEC" delete -f "$E2E_TMP/m/app.yaml" --cascade=foreground)" 'deployment.apps "web" deleted
service "web" deleted'
fails "... gone when it returns (foreground: its ReplicaSet first)" $KUBECTL get deploy web
eq "... and its ReplicaSets with it" "$($KUBECTL get rs -l app=web -o name)" ""
$KUBECTL create configmap a1 >/dev/null; $KUBECTL create configmap a2 >/dev/null
eq "delete --all" "$("$KUBEC" delete cm --all --wait=false | grep -c deleted)" 3
same "delete with no name" delete cm
same "delete a missing file" delete -f "$E2E_TMP/none.yaml"

# apply: kubectl's last-applied annotation, so either tool takes over
cat >"$E2E_TMP/apply.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: ap, labels: {app: ap, old: label}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ap}}
  template:
    metadata: {labels: {app: ap}}
    spec:
      containers:
      - name: c
        image: busybox:1
        env: [{name: A, value: "1"}]
      - {name: side, image: busybox:1}
EOF
eq "apply: created" "$("$KUBEC" apply -f "$E2E_TMP/apply.yaml")" "deployment.apps/ap created"
eq "again: unchanged" "$("$KUBEC" apply -f "$E2E_TMP/apply.yaml")" "deployment.apps/ap unchanged"
eq "kubectl reads kubec's annotation: unchanged" "$($KUBECTL apply -f "$E2E_TMP/apply.yaml")" "deployment.apps/ap unchanged"
sed -e 's/busybox:1$/busybox:2/' -e 's/, old: label//' -e '/env:/d' -e '/name: side/d' "$E2E_TMP/apply.yaml" >"$E2E_TMP/apply2.yaml"
eq "a changed file from a pipe: configured" "$("$KUBEC" apply -f - <"$E2E_TMP/apply2.yaml")" "deployment.apps/ap configured"
eq "the image changed; the dropped label, env and container gone" \
    "$($KUBECTL get deploy ap -o jsonpath='{.spec.template.spec.containers[*].image} {.metadata.labels} {.spec.template.spec.containers[0].env}')" \
    'busybox:2 {"app":"ap"} '
eq "kubectl agrees: unchanged" "$($KUBECTL apply -f "$E2E_TMP/apply2.yaml")" "deployment.apps/ap unchanged"
$KUBECTL apply -f "$E2E_TMP/apply.yaml" >/dev/null
eq "after kubectl applied the first file, kubec applies the second" "$("$KUBEC" apply -f "$E2E_TMP/apply2.yaml")" "deployment.apps/ap configured"
eq "the object kubectl makes of it" "$($KUBECTL get deploy ap -o jsonpath='{.spec.template.spec.containers[*].name} {.spec.template.spec.containers[*].image} {.metadata.labels}')" 'c busybox:2 {"app":"ap"}'
eq "--dry-run=server changes nothing" "$(sed 's/busybox:2/busybox:3/' "$E2E_TMP/apply2.yaml" | "$KUBEC" apply -f - --dry-run=server)" "deployment.apps/ap configured (server dry run)"
eq "--dry-run=client neither" "$(sed 's/busybox:2/busybox:3/' "$E2E_TMP/apply2.yaml" | "$KUBEC" apply -f - --dry-run=client)" "deployment.apps/ap configured (dry run)"
eq "... the image is still 2" "$($KUBECTL get deploy ap -o jsonpath='{.spec.template.spec.containers[0].image}')" busybox:2
$KUBECTL create configmap plain --from-literal=a=1 >/dev/null
match "apply over an object made by create: kubectl's warning" "$(printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: "2"}\n' | "$KUBEC" apply -f - 2>&1)" "Warning: resource configmaps/plain is missing the kubectl.kubernetes.io/last-applied-configuration annotation.*
configmap/plain configured"
eq "--server-side" "$(printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {a: "1"}\n' | "$KUBEC" apply --server-side -f -)" "configmap/ssa serverside-applied"
eq "... owned by kubectl's field manager" "$($KUBECTL get cm ssa -o jsonpath='{.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}' --show-managed-fields)" "kubectl Apply"
eq "kubectl --server-side again: no conflict" "$(printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {a: "2"}\n' | $KUBECTL apply --server-side -f -)" "configmap/ssa serverside-applied"
same "apply with nothing to apply" apply -f /dev/null
$KUBECTL delete deploy/ap cm/plain cm/ssa --wait=false >/dev/null 2>&1

# label, annotate, scale, patch: what kubectl says after the same change
$KUBECTL create configmap lab >/dev/null
eq "label: labeled" "$("$KUBEC" label cm lab a=1)" "configmap/lab labeled"
same "label: another value without --overwrite" label cm lab a=2
eq "label --overwrite" "$("$KUBEC" label cm lab a=2 --overwrite)" "configmap/lab labeled"
same "label: the same value again" label cm lab a=2 --overwrite
eq "label KEY-: unlabeled" "$("$KUBEC" label cm lab a-)" "configmap/lab unlabeled"
same "label KEY- of a label not there" label cm lab a-
same "label without a change" label cm lab
eq "label -l: every object that matches" "$("$KUBEC" label cm -l set!=x b=1 | grep -c labeled)" "$($KUBECTL get cm -o name | wc -l)"
eq "annotate" "$("$KUBEC" annotate cm lab note=hi)" "configmap/lab annotated"
same "annotate again" annotate cm lab note=hi
eq "the annotation is there" "$($KUBECTL get cm lab -o jsonpath='{.metadata.annotations.note}')" hi
eq "annotate KEY-" "$("$KUBEC" annotate cm lab note-; $KUBECTL get cm lab -o jsonpath='{.metadata.annotations}')" "configmap/lab annotated"
$KUBECTL create deployment sc --image=busybox --replicas=1 >/dev/null
eq "scale" "$("$KUBEC" scale deploy sc --replicas=3)" "deployment.apps/sc scaled"
eq "... the Deployment wants 3" "$($KUBECTL get deploy sc -o jsonpath='{.spec.replicas}')" 3
same "scale without --replicas" scale deploy sc
same "scale with a wrong --current-replicas" scale deploy sc --replicas=1 --current-replicas=2
eq "scale --current-replicas" "$("$KUBEC" scale deployment/sc --replicas=0 --current-replicas=3 -o name)" "deployment.apps/sc"
# a Scale write naming a resourceVersion is a precondition (409), one
# without is retried past other writers (the controller's status)
eq "a scale PATCH naming a stale resourceVersion: Conflict" \
    "$($KUBECTL patch deploy sc --subresource=scale --type=merge -p '{"metadata":{"resourceVersion":"1"},"spec":{"replicas":2}}' 2>&1)" \
    'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "sc": the object has been modified; please apply your changes to the latest version and try again'
eq "... and the Deployment still wants 0" "$($KUBECTL get deploy sc -o jsonpath='{.spec.replicas}')" 0
eq "patch (strategic)" "$("$KUBEC" patch cm lab -p '{"data":{"x":"1"}}')" "configmap/lab patched"
same "patch again: no change" patch cm lab -p '{"data":{"x":"1"}}'
eq "patch --type json" "$("$KUBEC" patch cm lab --type json -p '[{"op":"add","path":"/data/y","value":"2"}]')" "configmap/lab patched"
eq "patch --type merge, YAML" "$("$KUBEC" patch cm lab --type merge -p 'data: {x: null}'; $KUBECTL get cm lab -o jsonpath='{.data}')" 'configmap/lab patched
{"y":"2"}'
eq "patch a container by name (strategic)" "$("$KUBEC" patch deploy sc -p '{"spec":{"template":{"spec":{"containers":[{"name":"busybox","image":"busybox:2"}]}}}}' >/dev/null; $KUBECTL get deploy sc -o jsonpath='{.spec.template.spec.containers[*].name} {.spec.template.spec.containers[*].image}')" "busybox busybox:2"
same "patch without a patch" patch cm lab
same "patch a missing object" patch cm nope -p '{"data":{}}'
same "api-resources" api-resources
same "api-resources -o name" api-resources -o name
same "api-resources --api-group=apps --sort-by=kind" api-resources --api-group=apps --sort-by=kind
same "api-resources --namespaced=false --no-headers" api-resources --namespaced=false --no-headers
$KUBECTL delete deploy/sc cm/lab --wait=false >/dev/null

# config: the same kubeconfig read and changed as kubectl does
KC=$E2E_TMP/kc.yaml
cat >"$KC" <<'EOF'
apiVersion: v1
kind: Config
clusters:
- name: one
  cluster: {server: "https://127.0.0.1:1", certificate-authority-data: "QUJD"}
- name: two
  cluster: {server: "https://127.0.0.1:2", insecure-skip-tls-verify: true}
users:
- name: admin
  user: {token: secret-token}
- name: certuser
  user: {client-certificate-data: "QUJD", client-key-data: "QUJD"}
contexts:
- name: c1
  context: {cluster: one, user: admin, namespace: dev}
- name: c2
  context: {cluster: two, user: certuser}
current-context: c1
EOF
for args in "view" "view --minify" "view --raw" "view -o json" "current-context" "get-contexts" "get-contexts c2" "get-contexts -o name" "get-contexts nope" "use-context nope"; do
	same "config $args" --kubeconfig "$KC" config $args
done
# (kubectl prints these in its map's order, which changes from run to run)
eq "config get-clusters" "$("$KUBEC" --kubeconfig "$KC" config get-clusters)" "NAME
one
two"
eq "config get-users" "$("$KUBEC" --kubeconfig "$KC" config get-users)" "NAME
admin
certuser"
for args in "use-context c2" "set-context --current --namespace=prod" "set-context c3 --cluster=two --user=admin"; do
	cp "$KC" "$E2E_TMP/kc-a.yaml"; cp "$KC" "$E2E_TMP/kc-b.yaml"
	a=$("$KUBEC" --kubeconfig "$E2E_TMP/kc-a.yaml" config $args 2>&1; $KUBECTL --kubeconfig "$E2E_TMP/kc-a.yaml" config view --raw)
	b=$($KUBECTL --kubeconfig "$E2E_TMP/kc-b.yaml" config $args 2>&1; $KUBECTL --kubeconfig "$E2E_TMP/kc-b.yaml" config view --raw)
	eq "config $args: the same message and the same file" "$a" "$b"
done
cp "$KUBECONFIG" "$E2E_TMP/kc-ns.yaml"
"$KUBEC" --kubeconfig "$E2E_TMP/kc-ns.yaml" config set-context --current --namespace=kube-system >/dev/null
eq "a context's namespace is where commands go" "$("$KUBEC" --kubeconfig "$E2E_TMP/kc-ns.yaml" get lease kubec-controller-manager -o name)" "lease.coordination.k8s.io/kubec-controller-manager"
eq "... and kubectl agrees" "$($KUBECTL --kubeconfig "$E2E_TMP/kc-ns.yaml" config view --minify -o jsonpath='{.contexts[0].context.namespace}')" kube-system

# -o jsonpath and -o custom-columns: kubectl's templates, kubectl's output
$KUBECTL create deployment jp --image=busybox:1 --replicas=2 >/dev/null
$KUBECTL label deploy jp tier=back >/dev/null
for tmpl in '{.items[*].metadata.name}' '{.metadata.name}' \
    '{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}' \
    '{.items[?(@.metadata.name=="default")].metadata.labels}' \
    '{.items[0:2].metadata.name}' '{.items[-1].metadata.name}' '{..phase}' \
    '{.items[*].metadata.labels.kubernetes\.io/metadata\.name}' '{.kind} {$.apiVersion}'; do
	same "get ns -o jsonpath=$tmpl" get ns -o "jsonpath=$tmpl"
done
same "jsonpath on one object" get ns default -o 'jsonpath={.metadata.name}{"\n"}'
same "jsonpath: a whole object, as Go's JSON" get deploy jp -o 'jsonpath={.spec.template}'
same "jsonpath: numbers" get deploy -o 'jsonpath={.items[*].spec.replicas}'
same "jsonpath: a filter on a number" get deploy -o 'jsonpath={.items[?(@.spec.replicas>1)].metadata.name}'
same "custom-columns" get ns -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,NONE:.nope
same "custom-columns: maps and lists as Go prints them" get deploy jp -o 'custom-columns=N:{.metadata.name},L:.metadata.labels,C:.spec.template.spec.containers[*].name'
same "custom-columns --no-headers" get deploy -o custom-columns=N:.metadata.name --no-headers
$KUBECTL delete deploy jp --wait=false >/dev/null

# wait and rollout on a cluster without nodes: what kubectl says
$KUBECTL create deployment ro --image=busybox --replicas=2 >/dev/null
until_ok 10 sh -c "[ \"\$($KUBECTL get deploy ro -o jsonpath='{.status.observedGeneration}')\" = 1 ]" || true
same "rollout status --watch=false" rollout status deploy/ro --watch=false
same "rollout status of a missing Deployment" rollout status deploy/nope
same "wait --for=condition=Available=False" wait --for=condition=Available=False deploy/ro --timeout=5s
same "wait: a timeout" wait --for=condition=Available deploy/ro --timeout=1s
same "wait --for=jsonpath" wait '--for=jsonpath={.spec.replicas}=2' deploy/ro
same "wait --for=delete of an object that is not there" wait --for=delete cm/nope --timeout=1s
same "wait with a bad --for" wait --for=foo deploy/ro
$KUBECTL create configmap going >/dev/null
( sleep 1; $KUBECTL delete cm going >/dev/null ) &
deleter=$!
eq "wait --for=delete: until it goes" "$("$KUBEC" wait --for=delete cm/going --timeout=20s)" "configmap/going condition met"
wait "$deleter"
eq "rollout pause" "$("$KUBEC" rollout pause deploy/ro)" "deployment.apps/ro paused"
same "rollout pause again" rollout pause deploy/ro
eq "rollout resume" "$("$KUBEC" rollout resume deploy/ro)" "deployment.apps/ro resumed"
same "rollout resume again" rollout resume deploy/ro
eq "rollout restart" "$("$KUBEC" rollout restart deploy/ro)" "deployment.apps/ro restarted"
match "... a restartedAt annotation on the template" "$($KUBECTL get deploy ro -o jsonpath='{.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}')" '^20[0-9-]+T'
$KUBECTL delete deploy ro --wait=false >/dev/null

# create KIND NAME: kubectl's generators, byte for byte with --dry-run=client
printf 'hi\n' >"$E2E_TMP/f.txt"
printf 'A=1\n# a comment\nB=two\n' >"$E2E_TMP/env.txt"
same "create namespace --dry-run=client -o yaml" create namespace foo --dry-run=client -o yaml
same "create ns --dry-run=client" create ns foo --dry-run=client
same "create configmap: literals and files" create configmap c1 --from-file="$E2E_TMP/f.txt" --from-file=k2="$E2E_TMP/f.txt" --from-literal=z=1 --dry-run=client -o yaml
same "create configmap --from-env-file" create cm c2 --from-env-file="$E2E_TMP/env.txt" --dry-run=client -o yaml
same "create secret generic" create secret generic s1 --from-literal=a=b --from-file="$E2E_TMP/f.txt" --dry-run=client -o yaml
same "create secret generic without a name" create secret generic
same "create deployment: ports, replicas, a command" create deployment web --image=reg.io/x/busy:3 --port=80 --replicas=2 --dry-run=client -o yaml -- sleep 10
same "create deployment: two images" create deployment w2 --image=nginx --image=redis:7 --dry-run=client -o yaml
same "create deployment without --image" create deployment x --dry-run=client -o yaml
same "create deployment: two images and a command" create deployment w3 --image=a --image=b -- sleep 1
eq "create namespace" "$("$KUBEC" create namespace gen1)" "namespace/gen1 created"
same "... again: AlreadyExists" create namespace gen1
eq "create configmap in it" "$("$KUBEC" create configmap gen2 -n gen1 --from-literal=a=b -o name)" "configmap/gen2"
same "create configmap again" create configmap gen2 -n gen1 --from-literal=a=b
eq "create deployment --dry-run=server: checked, not kept" "$("$KUBEC" create deployment gen3 --image=busybox --dry-run=server -n gen1)" "deployment.apps/gen3 created (server dry run)"
fails "... not there" $KUBECTL get deploy gen3 -n gen1
$KUBECTL delete ns gen1 --wait=false >/dev/null

# get -w: the list, then each change as a row in the same columns
( sleep 1.5; $KUBECTL create configmap watched >/dev/null; sleep 0.5; $KUBECTL label configmap watched w=1 >/dev/null ) &
maker=$!
out=$(timeout 4 "$KUBEC" get configmaps -w 2>/dev/null)
wait "$maker"
match "get -w: the header first" "$(printf '%s\n' "$out" | head -1)" '^NAME +DATA +AGE$'
eq "get -w: a row when it is made and one when it changes" "$(printf '%s\n' "$out" | grep -c '^watched ')" 2
( sleep 1.5; $KUBECTL delete configmap watched >/dev/null ) &
maker=$!
eq "get --watch-only -o name: the changes only" "$(timeout 3 "$KUBEC" get cm --watch-only -o name)" "configmap/watched"
wait "$maker"
same "get -w of two types" get cm,secret -w

# replace: PUT with the file's resourceVersion; --force deletes and creates
$KUBECTL create configmap rep --from-literal=a=1 >/dev/null
"$KUBEC" get cm rep -o yaml | sed 's/a: "1"/a: "2"/' >"$E2E_TMP/rep.yaml"
eq "replace -f" "$("$KUBEC" replace -f "$E2E_TMP/rep.yaml")" "configmap/rep replaced"
eq "... the value changed" "$($KUBECTL get cm rep -o jsonpath='{.data.a}')" 2
same "replace with a resourceVersion gone by: Conflict" replace -f "$E2E_TMP/rep.yaml"
sed 's/name: rep$/name: rep-none/' "$E2E_TMP/rep.yaml" | grep -v resourceVersion >"$E2E_TMP/rep2.yaml"
same "replace an object that is not there" replace -f "$E2E_TMP/rep2.yaml"
eq "replace --force creates it" "$("$KUBEC" replace --force -f "$E2E_TMP/rep2.yaml")" "configmap/rep-none replaced"
uid=$($KUBECTL get cm rep -o jsonpath='{.metadata.uid}')
eq "replace --force: deleted and made again" "$(grep -v resourceVersion "$E2E_TMP/rep.yaml" | "$KUBEC" replace --force -f - -o name; [ "$($KUBECTL get cm rep -o jsonpath='{.metadata.uid}')" != "$uid" ] && echo new-uid)" "configmap/rep
new-uid"
$KUBECTL delete cm rep rep-none --wait=false >/dev/null

same "get all" get all
same "get all -o name" get all -o name
same "get all -A" get all -A
same "get all in an empty namespace" get all -n kube-public

# --sort-by (distinct keys: Go's sort is not stable among equals)
same "get --sort-by=.metadata.name" get ns --sort-by=.metadata.name
same "get --sort-by, descending names" get ns --sort-by='{.metadata.name}' -o name
same "get --sort-by a number" get deploy -A --sort-by=.spec.replicas -o custom-columns=N:.metadata.name,R:.spec.replicas --no-headers

# cluster-info and completion
same "cluster-info" cluster-info
match "cluster-info dump: the nodes and kube-system's objects as JSON" "$("$KUBEC" cluster-info dump | grep -c '^    "kind": "[A-Za-z]*List"')" '^13$'
"$KUBEC" completion bash >"$E2E_TMP/completion.bash"
ok "completion bash: a script bash reads" bash -n "$E2E_TMP/completion.bash"
complete_words() {	# complete_words WORD...: what completing the last gives
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _kubec; echo "${COMPREPLY[*]}"' _ "$E2E_TMP/completion.bash" "$@"
}
eq "... completes commands" "$(complete_words kubec rol)" rollout
eq "... a command's options" "$(complete_words kubec get --sho)" "--show-labels --show-managed-fields"
eq "... resource types from the server" "$(complete_words kubec get deploym)" deployments
eq "... object names from the server" "$(complete_words kubec get ns kube-sy)" kube-system

# describe: kubectl's layout (objects with one data key: Go's maps have
# no order)
$KUBECTL create configmap dsc --from-literal=key=value >/dev/null
$KUBECTL label cm dsc a=1 b=2 >/dev/null
$KUBECTL annotate cm dsc note=hi >/dev/null
$KUBECTL create secret generic dss --from-literal=password=s3cret >/dev/null
$KUBECTL create deployment dsd --image=busybox >/dev/null
$KUBECTL expose deployment dsd --port=80 --target-port=8080 --name=dssvc >/dev/null
same "describe configmap" describe configmap dsc
same "describe TYPE/NAME" describe cm/dsc
same "describe secret: sizes, not values" describe secret dss
same "describe namespace" describe namespace default
same "describe namespaces (every one)" describe ns
same "describe service" describe svc dssvc
same "describe service kubernetes" describe service kubernetes
same "describe: a name as a prefix" describe cm ds
same "describe: a name that matches nothing" describe cm zzz-none
$KUBECTL delete cm/dsc secret/dss deploy/dsd svc/dssvc --wait=false >/dev/null

# pipelines and errors
eq "get -o name into delete" "$($KUBECTL get ns other -o name | xargs "$KUBEC" delete --wait=false)" 'namespace "other" deleted'
same "an unknown flag" get ns --frobnicate
eq "an unknown command: exit 1" "$("$KUBEC" frobnicate 2>&1; echo "exit $?")" 'error: unknown command "frobnicate" for "kubec"
Run '"'"'kubec --help'"'"' for usage.
exit 1'
port=$(free_port)
eq "a server that is not there" "$("$KUBEC" --server "https://127.0.0.1:$port" get ns 2>&1; echo "exit $?")" "The connection to the server 127.0.0.1:$port was refused - did you specify the right host or port?
exit 1"
eq "a wrong token" "$("$KUBEC" --token wrong get ns 2>&1; echo "exit $?")" "error: You must be logged in to the server (Unauthorized)
exit 1"
ok "kubeconfig from --kubeconfig, without \$KUBECONFIG" env -u KUBECONFIG "$KUBEC" --kubeconfig "$KUBECONFIG" get ns default -o name
# kubeconfig as kubectl reads it: ~/.kube/config; several files in
# $KUBECONFIG merged (the first to set a name or the current context
# wins); --context, --server, --token, --insecure-skip-tls-verify
H=$E2E_TMP/home
mkdir -p "$H/.kube"
cp "$KUBECONFIG" "$H/.kube/config"
eq "~/.kube/config without \$KUBECONFIG" "$(env -u KUBECONFIG HOME="$H" "$KUBEC" get ns default -o name)" namespace/default
cat >"$E2E_TMP/kc-extra.yaml" <<'EOF'
apiVersion: v1
kind: Config
contexts:
- name: extra
  context: {cluster: kubec, user: kubec, namespace: kube-system}
current-context: extra
EOF
KC2=$E2E_TMP/kc-extra.yaml:$KUBECONFIG
for args in "config get-contexts" "config current-context" "config view --minify" "get sa default -o name" "--context kubec get cm -o name" "--context extra get sa -o name" "--context nope get ns"; do
	eq "\$KUBECONFIG of two files: $args, as kubectl" \
	    "$(KUBECONFIG=$KC2 "$KUBEC" $args 2>&1 | sed 's/kubectl/kubec/g'; echo "exit ${PIPESTATUS[0]}")" \
	    "$(KUBECONFIG=$KC2 $KUBECTL $args 2>&1 | sed 's/kubectl/kubec/g'; echo "exit ${PIPESTATUS[0]}")"
done
eq "no kubeconfig at all: localhost:8080, as kubectl" \
    "$(env -u KUBECONFIG HOME=/nonexistent "$KUBEC" get ns 2>&1 | grep -v '^E[0-9]'; echo "exit ${PIPESTATUS[0]}")" \
    "$(env -u KUBECONFIG HOME=/nonexistent $KUBECTL get ns 2>&1 | grep -v '^E[0-9]'; echo "exit ${PIPESTATUS[0]}")"
TOKEN=$(sed -n 's/^ *token: //p' "$KUBECONFIG")
SERVER=$(sed -n 's/^ *server: //p' "$KUBECONFIG")
eq "--server and --token alone (no kubeconfig), --insecure-skip-tls-verify" \
    "$(env -u KUBECONFIG HOME=/nonexistent "$KUBEC" --server "$SERVER" --token "$TOKEN" --insecure-skip-tls-verify get ns default -o name)" namespace/default
eq "... without it: the certificate refused, as kubectl says it" \
    "$(env -u KUBECONFIG HOME=/nonexistent "$KUBEC" --server "$SERVER" --token "$TOKEN" get ns default -o name 2>&1 | grep -v '^E[0-9]'; echo "exit ${PIPESTATUS[0]}")" \
    "$(env -u KUBECONFIG HOME=/nonexistent $KUBECTL --server "$SERVER" --token "$TOKEN" get ns default -o name 2>&1 | grep -v '^E[0-9]'; echo "exit ${PIPESTATUS[0]}")"
ok "global options before the verb" "$KUBEC" -n kube-system get sa default

# every verb has a man page, and man renders each without a warning
for verb in $("$KUBEC" help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }'); do
	page=$E2E_TOP/man/kubec-$verb.1
	ok "man page of $verb" test -f "$page"
	eq "... renders without warnings" "$(man --warnings -l "$page" 2>&1 >/dev/null)" ""
done
eq "kubec(1) renders" "$(man --warnings -l "$E2E_TOP/man/kubec.1" 2>&1 >/dev/null)" ""
eq "kubec-manifests(5) renders" "$(man --warnings -l "$E2E_TOP/man/kubec-manifests.5" 2>&1 >/dev/null)" ""
match "--help names the man page" "$("$KUBEC" get --help)" "man kubec-get"
# make install: the binaries and every man page where man finds them
INST=$E2E_TMP/inst
ok "make install DESTDIR=..." make -s -C "$E2E_TOP" install DESTDIR="$INST" PREFIX=/usr/local
ok "... the three binaries" test -x "$INST/usr/local/bin/kubec" -a -x "$INST/usr/local/bin/kubec-server" -a -x "$INST/usr/local/bin/kubec-agent"
eq "... a page per man/ file" "$(cd "$INST/usr/local/share/man" && ls man1 man5 man8 | grep -c '\.[158]$')" "$(ls "$E2E_TOP/man" | grep -c '\.[158]$')"
match "... man finds kubec-get(1) there" "$(MANPATH="$INST/usr/local/share/man" man -P cat kubec-get 2>/dev/null)" 'kubec-get'
match "... and kubec-manifests(5)" "$(MANPATH="$INST/usr/local/share/man" man -P cat 5 kubec-manifests 2>/dev/null)" 'kubec-manifests'
match "... and kubec-server(8)" "$(MANPATH="$INST/usr/local/share/man" man -P cat 8 kubec-server 2>/dev/null)" 'kubec-server'
rm -rf "$INST"

e2e_done
