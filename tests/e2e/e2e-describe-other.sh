#!/usr/bin/env bash
# e2e-describe-other.sh - kubec describe beside the real kubectl describe
# for the kinds past Pods and workloads: ServiceAccounts, RBAC (rules
# broken down and put together again), PriorityClasses, ResourceQuotas,
# LimitRanges, PersistentVolumes and their claims, StorageClasses,
# Endpoints, EndpointSlices, Ingresses (backends' endpoints, errors),
# IngressClasses, and kubectl's generic describer for every other kind
# (Leases, ControllerRevisions, Events): the same stdout, stderr and
# exit status.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-cli.sh"

server_start || exit 1

# ServiceAccounts: pull and mountable secrets, the missing ones marked
long=$(printf 'v%.0s' $(seq 150))
cat >"$E2E_TMP/sa.yaml" <<EOF
apiVersion: v1
kind: ServiceAccount
metadata:
  name: bot
  labels: {team: a}
  annotations: {owner: me, long: $long, multi: "line one\nline two\n"}
secrets: [{name: bot-secret}, {name: gone}]
imagePullSecrets: [{name: regcred}, {name: gone2}]
---
apiVersion: v1
kind: Secret
metadata: {name: bot-secret}
stringData: {a: b}
---
apiVersion: v1
kind: Secret
metadata: {name: regcred}
stringData: {a: b}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: plain}
EOF
$KUBECTL create -f "$E2E_TMP/sa.yaml" >/dev/null
same "describe serviceaccount: secrets, (not found), long annotations" describe sa bot
same "describe serviceaccount: none" describe serviceaccount plain
same "describe serviceaccounts -A" describe sa -A

# RBAC
cat >"$E2E_TMP/rbac.yaml" <<'EOF'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, labels: {x: "z"}}
rules:
- apiGroups: [""]
  resources: [pods, pods/log]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments, deployments/scale]
  verbs: [get, update]
  resourceNames: [web, api]
- apiGroups: [""]
  resources: [pods]
  verbs: [delete, get]
- apiGroups: [batch, apps]
  resources: [jobs]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: empty}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cr-test, annotations: {a: b}}
rules:
- nonResourceURLs: [/healthz, /metrics, /x, /x]
  verbs: [get, get]
- {apiGroups: [""], resources: [nodes], verbs: [get, list, get]}
- {apiGroups: [""], resources: [nodes], verbs: [watch, get]}
- {apiGroups: [""], resources: [pods], resourceNames: [a, a], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: bot, namespace: default}
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb-test, labels: {a: b}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr-test}
subjects:
- {kind: ServiceAccount, name: bot, namespace: default}
EOF
$KUBECTL create -f "$E2E_TMP/rbac.yaml" >/dev/null
same "describe role: rules broken down, put together, sorted" describe role reader
same "describe role: no rules" describe role empty
same "describe clusterrole: non-resource URLs, each verb once" describe clusterrole cr-test
same "describe clusterrole: the server's own (aggregated ones too)" describe clusterrole
same "describe rolebinding" describe rolebinding reader-b
same "describe clusterrolebinding" describe clusterrolebinding crb-test
same "describe clusterrolebindings: every one" describe clusterrolebindings

# PriorityClasses, ResourceQuotas, LimitRanges (one resource per limit:
# kubectl walks a Go map there, in no order)
cat >"$E2E_TMP/policy.yaml" <<'EOF'
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high, annotations: {a: b, c: d}}
value: 100000
description: very important
preemptionPolicy: Never
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: q1}
spec:
  hard: {pods: "10", requests.cpu: "2", requests.memory: 1Gi, limits.memory: 2Gi, configmaps: "5"}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: q2}
spec:
  hard: {pods: "3"}
  scopes: [NotTerminating, BestEffort]
---
apiVersion: v1
kind: LimitRange
metadata: {name: lr}
spec:
  limits:
  - type: Container
    max: {cpu: "2"}
    min: {cpu: 100m}
    default: {cpu: 500m}
    defaultRequest: {cpu: 200m}
    maxLimitRequestRatio: {cpu: "4"}
  - type: Pod
    max: {memory: 2Gi}
  - type: PersistentVolumeClaim
    min: {storage: 1Gi}
EOF
$KUBECTL create -f "$E2E_TMP/policy.yaml" >/dev/null
same "describe priorityclass" describe priorityclass high
same "describe priorityclasses (the system's too)" describe pc
same "describe resourcequota" describe quota q1
same "describe resourcequota: scopes and their help" describe resourcequota q2
same "describe limitrange" describe limitrange lr

# storage
cat >"$E2E_TMP/storage.yaml" <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-host, labels: {kind: host}, annotations: {a: b}}
spec:
  capacity: {storage: 2Gi}
  accessModes: [ReadOnlyMany, ReadWriteOnce, ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /tmp/pvdata, type: DirectoryOrCreate}
  mountOptions: [hard]
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-local}
spec:
  capacity: {storage: 1500Mi}
  accessModes: [ReadWriteOncePod]
  persistentVolumeReclaimPolicy: Delete
  volumeMode: Block
  local: {path: /mnt/disk}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [n1, n2]}
        - {key: disk, operator: Exists}
      - matchExpressions:
        - {key: zone, operator: NotIn, values: [z]}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-csi}
spec:
  capacity: {storage: 1G}
  accessModes: [ReadWriteMany]
  csi: {driver: csi.example.com, volumeHandle: h-1, fsType: ext4, volumeAttributes: {b: "2", a: "1"}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-nfs, annotations: {volume.beta.kubernetes.io/storage-class: beta}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  nfs: {server: nfs.example.com, path: /exports, readOnly: true}
  claimRef: {namespace: default, name: claim-x}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast, annotations: {storageclass.kubernetes.io/is-default-class: "false", b: c}}
provisioner: example.com/fast
parameters: {type: ssd, iops: "100"}
allowVolumeExpansion: true
mountOptions: [debug, noatime]
reclaimPolicy: Retain
volumeBindingMode: WaitForFirstConsumer
allowedTopologies:
- matchLabelExpressions:
  - {key: zone, values: [a, b]}
  - {key: rack, values: [r1]}
- matchLabelExpressions:
  - {key: zone2, values: [c]}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: slow, annotations: {storageclass.beta.kubernetes.io/is-default-class: "true"}}
provisioner: example.com/slow
allowVolumeExpansion: false
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, labels: {app: db}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  storageClassName: manual
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: pending}
spec:
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 5Gi}}
  storageClassName: fast
  volumeMode: Filesystem
  dataSource: {kind: PersistentVolumeClaim, name: data}
---
apiVersion: v1
kind: Pod
metadata: {name: user-b}
spec:
  containers: [{name: c, image: busybox}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
---
apiVersion: v1
kind: Pod
metadata: {name: user-a}
spec:
  containers: [{name: c, image: busybox}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}, {name: e, persistentVolumeClaim: {claimName: data}}]
EOF
$KUBECTL create -f "$E2E_TMP/storage.yaml" >/dev/null
until_ok 10 sh -c "$KUBECTL get pvc data -o jsonpath='{.status.phase}' | grep -qx Bound"
same "describe pv: hostPath, bound" describe pv pv-host
same "describe pv: local, node affinity, block" describe pv pv-local
same "describe pv: CSI and its attributes" describe pv pv-csi
same "describe pv: NFS, a claim, the beta class annotation" describe pv pv-nfs
same "describe storageclass: every field, topologies" describe storageclass fast
same "describe storageclass: beta default" describe sc slow
same "describe storageclasses: the server's too" describe sc
same "describe pvc: bound, used by two pods" describe pvc data
same "describe pvc: pending, data source" describe pvc pending

# network
cat >"$E2E_TMP/net.yaml" <<'EOF'
apiVersion: v1
kind: Service
metadata: {name: websvc}
spec:
  ports: [{name: http, port: 80, targetPort: 8080}, {name: https, port: 443}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: websvc, labels: {e: "1"}}
subsets:
- addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}, {ip: 10.0.0.3}, {ip: 10.0.0.4}]
  notReadyAddresses: [{ip: 10.0.0.9}]
  ports: [{name: http, port: 8080, protocol: TCP}, {name: https, port: 443}]
- addresses: [{ip: 10.0.1.1}]
  ports: [{port: 53, protocol: UDP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: websvc-manual, labels: {kubernetes.io/service-name: websvc}}
addressType: IPv4
ports: [{name: http, port: 8080}, {name: https, port: 443, protocol: TCP}]
endpoints:
- addresses: [10.0.0.1]
  conditions: {ready: true}
  hostname: h1
  nodeName: n1
  zone: z1
  targetRef: {kind: Pod, name: p1, namespace: default}
- addresses: [10.0.0.2]
  conditions: {ready: false}
- addresses: [10.0.0.3]
- addresses: [10.0.0.4]
- addresses: [10.0.0.5]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: empty-slice}
addressType: IPv6
endpoints: []
---
apiVersion: v1
kind: Service
metadata: {name: headless}
spec: {clusterIP: None}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: headless-1, labels: {kubernetes.io/service-name: headless}}
addressType: IPv6
endpoints:
- addresses: ["fd00::1"]
- addresses: ["fd00::2"]
  conditions: {ready: false}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: external, annotations: {ingressclass.kubernetes.io/is-default-class: "false"}}
spec:
  controller: k8s.io/ingress-nginx
  parameters: {apiGroup: k8s.example.com, kind: IngressParameters, name: external-lb}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: plain}
spec: {controller: example.com/plain}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, labels: {app: web}, annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}}
spec:
  ingressClassName: external
  defaultBackend: {service: {name: websvc, port: {number: 80}}}
  tls:
  - hosts: [a.example.com, b.example.com]
    secretName: tls-secret
  - hosts: [c.example.com]
  rules:
  - host: a.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: websvc, port: {name: https}}}}
      - {path: /api, pathType: Exact, backend: {service: {name: missing, port: {number: 8080}}}}
      - {path: /h, pathType: Exact, backend: {service: {name: headless, port: {number: 80}}}}
  - http:
      paths:
      - {path: /res, pathType: ImplementationSpecific, backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}}}
  - host: nohttp.example.com
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bare}
spec:
  defaultBackend: {service: {name: websvc, port: {name: http}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: nodefault}
spec:
  rules: [{host: x.example.com}]
EOF
$KUBECTL create -f "$E2E_TMP/net.yaml" >/dev/null
same "describe endpoints: subsets, ports" describe endpoints websvc
same "describe endpointslice: ports, conditions, target" describe endpointslice websvc-manual
same "describe endpointslice: empty" describe endpointslice empty-slice
same "describe endpointslice: IPv6, no ports" describe endpointslice headless-1
same "describe ingressclass: parameters" describe ingressclass external
same "describe ingressclass: plain" describe ingressclass plain
same "describe ingress: TLS, rules, backends' endpoints, a missing service" describe ingress web
same "describe ingress: default backend only" describe ingress bare
same "describe ingress: no backend at all" describe ingress nodefault
same "describe ingresses: a name as a prefix" describe ing b

# kubectl's generic describer: a Lease, a node's Lease, ControllerRevisions
# (one made from a DaemonSet, one holding odd JSON: floats, nulls, lists
# of lists, keys that are not camelCase, a terminal escape), Events
cat >"$E2E_TMP/generic.json" <<'EOF'
{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"my-lease","labels":{"a":"b"},"annotations":{"note":"hi"}},
 "spec":{"holderIdentity":"me","leaseDurationSeconds":40,"renewTime":"2024-01-02T03:04:05.000000Z","leaseTransitions":3}}
{"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"cr-raw","labels":{"k":"v"}},
 "revision": 7,
 "data": {"a": 1.5, "b": 1e6, "b2": 100000.5, "b3": 1e21, "b4": 1.0, "b5": -2.5e-7,
   "c": [[1,2],[{"x":1}], {"y": [true,false]}, "s", null], "d": null, "e": 0.0001,
   "g-h": "dash", "fooBar_baz": 1, "URLPath": "x", "podIP": "1", "ABCdef": 1,
   "apiVersionGUIDosb": 2, "esc": "a\u001b[31mred\r", "tab": "a\tb", "nl": "x\ny",
   "empty": {}, "emptyl": [], "x-Y-zAB": 3}}
EOF
$KUBECTL create -f "$E2E_TMP/generic.json" >/dev/null
same "describe lease (generic)" describe lease my-lease
same "describe controllerrevision: odd JSON (generic)" describe controllerrevision cr-raw
cat >"$E2E_TMP/ds.yaml" <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds1}
spec:
  selector: {matchLabels: {app: ds1}}
  template:
    metadata: {labels: {app: ds1}}
    spec: {containers: [{name: c, image: busybox, command: [sleep, "3600"], env: [{name: A, value: "1"}]}]}
EOF
$KUBECTL create -f "$E2E_TMP/ds.yaml" >/dev/null
until_ok 10 sh -c "$KUBECTL get controllerrevisions -l app=ds1 -o name | grep -q ."
same "describe controllerrevisions of a DaemonSet (generic)" describe controllerrevisions -l app=ds1
# a Deployment's scaling: one event that does not repeat
$KUBECTL create deployment evd --image=busybox >/dev/null
until_ok 10 sh -c "$KUBECTL get events --field-selector involvedObject.name=evd -o name | grep -q ."
ev=$($KUBECTL get events --field-selector involvedObject.name=evd -o name | head -1)
same "describe event (generic)" describe "$ev"

# a node's Lease (node sim-0), renewed every few seconds by a simulated
# agent: its renew time, resourceVersion and generation (kubec-server
# counts a Lease's updates there) may move between the two runs
sim_start
until_ok 20 $KUBECTL get lease -n kube-node-lease sim-0 >/dev/null
renewed() { sed -E 's/^(  (Renew Time|Resource Version|Generation):[[:space:]]+).*/\1<moves>/'; }
eq "describe a node's lease (generic)" \
    "$("$KUBEC" describe lease -n kube-node-lease sim-0 2>&1 | renewed)" \
    "$($KUBECTL describe lease -n kube-node-lease sim-0 2>&1 | renewed)"

e2e_done
