#!/usr/bin/env bash
# e2e-describe-pods.sh - kubec describe for Pods and Nodes beside the real
# kubectl describe, byte for byte, against a live kubec-server with a node
# simulated by kubec-agent --simulate: pods with init containers, several
# containers, env of every kind, envFrom, volumes of most kinds, probes,
# ports, resources of each QoS class, tolerations, node selectors, spread
# constraints, readiness gates; a Deployment's pods (Controlled By), a
# pending one, ended ones (Failed, Succeeded), a terminating one, a mirror
# pod (its static pod's events); events repeated and in series; the simulated node and a bare Node with roles,
# taints, no Lease, extended resources and hugepages, its events under
# its uid and under its name.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-cli.sh"

K=$KUBECTL
server_start || exit 1
sim_start

# A terminating pod's "(lasts 3s)" is an age too: the same clock read a
# moment apart.
ages() { cli_ages | sed -E 's/\(lasts [^)]*\)/(lasts <age>)/'; }
# The simulated node renews its Lease every 10 s and posts its status
# every 60 s, the scheduler retries a pending pod: a run of same that
# falls between two such writes is tried again (twice); a real
# difference stays.
SAME_TRIES=3

until_ok 30 $K get node sim-0 || { echo "# no simulated node"; exit 1; }

cat >"$E2E_TMP/pods.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: dcfg}
data: {mode: fast, level: "3"}
---
apiVersion: v1
kind: Secret
metadata: {name: dsec}
stringData: {token: abc}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dclaim}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: full
  labels: {app: dp, tier: back, qos: burstable}
  annotations:
    note: short
    long: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    multi: "line one\nline two\n"
spec:
  nodeSelector: {type: kubec-simulated}
  tolerations:
  - {key: dedicated, operator: Equal, value: db, effect: NoSchedule}
  - {key: gpu, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
  - {operator: Exists}
  - {key: alpha, operator: Exists}
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: dp}, matchExpressions: [{key: tier, operator: In, values: [front, back]}]}}
  - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}
  initContainers:
  - name: setup
    image: busybox:1.36
    command: [sh, -c]
    args: ["echo one\necho two"]
    resources: {requests: {cpu: 50m, memory: 32Mi}}
  containers:
  - name: main
    image: nginx:1.25
    ports:
    - {containerPort: 80, name: http}
    - {containerPort: 53, protocol: UDP, hostPort: 5353}
    command: [nginx]
    args: [-g, "daemon off;"]
    resources:
      requests: {cpu: 250m, memory: 64Mi, ephemeral-storage: 1Gi}
      limits: {cpu: "1", memory: 128Mi}
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      initialDelaySeconds: 5
    readinessProbe:
      tcpSocket: {port: http}
      periodSeconds: 3
    startupProbe:
      exec: {command: [cat, /tmp/ready]}
      failureThreshold: 30
    envFrom:
    - configMapRef: {name: dcfg}
    - secretRef: {name: dsec, optional: true}
      prefix: S_
    env:
    - {name: PLAIN, value: hello}
    - {name: MULTI, value: "first\nsecond"}
    - {name: EMPTY, value: ""}
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: POD_NS
      valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
    - name: NODE
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    - name: APPLBL
      valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}
    - name: CPU_LIM
      valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}
    - name: MEM_REQ
      valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}
    - name: CPU_REQ
      valueFrom: {resourceFieldRef: {resource: requests.cpu}}
    - name: EPH_LIM
      valueFrom: {resourceFieldRef: {resource: limits.ephemeral-storage}}
    - name: SEC
      valueFrom: {secretKeyRef: {name: dsec, key: token}}
    - name: CFG
      valueFrom: {configMapKeyRef: {name: dcfg, key: mode, optional: true}}
    volumeMounts:
    - {name: scratch, mountPath: /scratch}
    - {name: cfg, mountPath: /etc/cfg, readOnly: true}
    - {name: sec, mountPath: /etc/sec, subPath: token}
    - {name: host, mountPath: /host}
    - {name: proj, mountPath: /proj}
    - {name: info, mountPath: /info}
    - {name: data, mountPath: /data}
  - name: sidecar
    image: busybox
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}
    livenessProbe:
      httpGet: {host: 10.0.0.1, scheme: HTTPS, path: /live, port: 8443}
    readinessProbe:
      grpc: {port: 9090}
    env:
    - name: MEM_LIM
      valueFrom: {resourceFieldRef: {resource: limits.memory}}
    - name: CPU_LIM2
      valueFrom: {resourceFieldRef: {containerName: sidecar, resource: limits.cpu}}
  volumes:
  - name: scratch
    emptyDir: {medium: Memory, sizeLimit: 64Mi}
  - name: tmp
    emptyDir: {}
  - name: cfg
    configMap: {name: dcfg}
  - name: sec
    secret: {secretName: dsec, optional: true}
  - name: host
    hostPath: {path: /var/log, type: Directory}
  - name: host2
    hostPath: {path: /opt}
  - name: proj
    projected:
      sources:
      - serviceAccountToken: {path: token, expirationSeconds: 3607}
      - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
      - downwardAPI: {items: [{path: namespace, fieldRef: {fieldPath: metadata.namespace}}]}
      - secret: {name: dsec, optional: false}
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: cpu, resourceFieldRef: {containerName: main, resource: limits.cpu}}
  - name: data
    persistentVolumeClaim: {claimName: dclaim, readOnly: true}
  - name: nfs
    nfs: {server: nfs.example.com, path: /exports}
  - name: csi
    csi: {driver: csi.example.com, volumeAttributes: {a: "1", b: "2"}}
---
apiVersion: v1
kind: Pod
metadata: {name: guaranteed, labels: {app: dp, qos: guaranteed}}
spec:
  containers:
  - name: c
    image: busybox
    resources: {limits: {cpu: 500m, memory: 256Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: besteffort, labels: {app: dp, qos: besteffort}}
spec:
  containers: [{name: c, image: busybox, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: pending, labels: {app: stuck}}
spec:
  nodeSelector: {disk: ssd}
  containers: [{name: c, image: busybox, resources: {requests: {cpu: 100m}}}]
---
apiVersion: v1
kind: Pod
metadata:
  name: failed
  labels: {app: done}
  annotations: {kubec.io/simulate-exit-code: "3"}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox, command: ["false"]}]
---
apiVersion: v1
kind: Pod
metadata:
  name: succeeded
  labels: {app: done}
  annotations: {kubec.io/simulate-exit-code: "0"}
spec:
  restartPolicy: Never
  containers: [{name: c, image: busybox, command: ["true"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: dying, finalizers: [example.com/hold], labels: {app: dying}}
spec:
  terminationGracePeriodSeconds: 5
  readinessGates: [{conditionType: example.com/ready}, {conditionType: Ready}]
  containers: [{name: c, image: busybox}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: nginx
        resources: {requests: {cpu: 100m, memory: 100Mi}, limits: {memory: 200Mi}}
---
apiVersion: v1
kind: Node
metadata:
  name: bare
  labels: {node-role.kubernetes.io/control-plane: "", node-role.kubernetes.io/worker: "", kubernetes.io/role: edge, zone: a}
  annotations: {node.alpha.kubernetes.io/ttl: "0", note: a node without an agent}
spec:
  taints:
  - {key: dedicated, value: db, effect: NoSchedule}
  - {key: a, effect: NoSchedule}
  - {key: z, effect: NoExecute}
  podCIDR: 10.9.0.0/24
  podCIDRs: [10.9.0.0/24]
  providerID: fake://bare
---
apiVersion: v1
kind: Pod
metadata: {name: onbare}
spec:
  nodeName: bare
  overhead: {cpu: 10m, memory: 1Mi}
  initContainers:
  - name: side
    image: busybox
    restartPolicy: Always
    resources: {requests: {cpu: 100m, example.com/dongle: "1"}, limits: {example.com/dongle: "1"}}
  - name: init
    image: busybox
    resources: {requests: {cpu: "2", memory: 1Gi, hugepages-2Mi: 4Mi}, limits: {hugepages-2Mi: 4Mi, memory: 1Gi}}
  containers:
  - name: c
    image: busybox
    resources: {requests: {cpu: 300m, memory: 100M, hugepages-2Mi: 2Mi}, limits: {cpu: 1500m, memory: 200M, hugepages-2Mi: 2Mi}}
    volumeMounts: [{name: eph, mountPath: /e}, {name: git, mountPath: /src, subPath: "a dir"}]
    volumeDevices: [{name: dev, devicePath: /dev/xvdb}, {name: dev2, devicePath: /dev/xvda}]
  volumes:
  - name: eph
    ephemeral:
      volumeClaimTemplate:
        metadata: {labels: {a: b, c: d}, annotations: {note: kept}}
        spec:
          accessModes: [ReadWriteOnce]
          storageClassName: fast
          volumeMode: Filesystem
          resources: {requests: {storage: 1Gi}}
          dataSource: {kind: VolumeSnapshot, name: snap, apiGroup: snapshot.storage.k8s.io}
  - name: dev
    ephemeral:
      volumeClaimTemplate:
        spec: {accessModes: [ReadWriteOnce], volumeMode: Block, resources: {requests: {storage: 1Gi}}}
  - name: dev2
    ephemeral:
      volumeClaimTemplate:
        spec: {accessModes: [ReadWriteOnce], volumeMode: Block, resources: {requests: {storage: 2Gi}}}
  - name: img
    image: {reference: "busybox:1", pullPolicy: IfNotPresent}
  - name: git
    gitRepo: {repository: "https://example.com/y.git", revision: abc}
---
apiVersion: v1
kind: Pod
metadata: {name: mirror, annotations: {kubernetes.io/config.mirror: static-uid}}
spec:
  nodeName: bare
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "a\nb"]
    livenessProbe: {httpGet: {host: "::1", port: web, path: "x/y"}}
    readinessProbe: {tcpSocket: {host: db, port: 5432}, timeoutSeconds: 4}
    startupProbe: {httpGet: {port: 81, path: "/a b?c=d"}}
    resources: {limits: {cpu: 100m}, requests: {memory: "0"}}
EOF
ok "the objects are created" $K create -f "$E2E_TMP/pods.yaml"
ok "the bare node's status" $K patch node bare --subresource=status --type=merge -p '{"status":{
  "capacity":{"cpu":"4","memory":"8Gi","pods":"110","hugepages-2Mi":"64Mi","example.com/dongle":"4","ephemeral-storage":"20Gi"},
  "allocatable":{"cpu":"3500m","memory":"7Gi","pods":"110","hugepages-2Mi":"64Mi","example.com/dongle":"4","ephemeral-storage":"18Gi"},
  "addresses":[{"type":"InternalIP","address":"10.1.1.1"},{"type":"Hostname","address":"bare"}],
  "conditions":[{"type":"Ready","status":"Unknown","reason":"NodeStatusNeverUpdated","message":"Kubelet never posted node status."}]}}'
ok "the running pods are ready" $K wait --for=condition=Ready --timeout=60s \
    pod/full pod/guaranteed pod/besteffort pod/dying
ok "the Deployment's pods are ready" $K wait --for=condition=Ready \
    --timeout=60s pod -l app=web
ok "a pod fails" $K wait --for=jsonpath='{.status.phase}'=Failed --timeout=60s pod/failed
ok "a pod succeeds" $K wait --for=jsonpath='{.status.phase}'=Succeeded --timeout=60s pod/succeeded
ok "a pod cannot be scheduled" until_ok 30 sh -c \
    "$K get pod pending -o jsonpath='{.status.conditions[0].reason}' | grep -q Unschedulable"
ok "a pod is deleted, its finalizer holds it" $K delete pod dying --wait=false

# Events: one repeated (count), one of a series (events.k8s.io), and the
# bare node's under its uid and under its name as kubelet records them;
# first times hours ago so that "(xN over 3h)" does not tick
ago() { date -u -d "-$1" +%Y-%m-%dT%H:%M:%SZ; }
ago_micro() { date -u -d "-$1" +%Y-%m-%dT%H:%M:%S.000000Z; }
PUID=$($K get pod besteffort -o jsonpath='{.metadata.uid}')
NUID=$($K get node bare -o jsonpath='{.metadata.uid}')
MUID=$($K get pod mirror -o jsonpath='{.metadata.uid}')
cat >"$E2E_TMP/events.yaml" <<EOF
apiVersion: v1
kind: Event
metadata: {name: be.backoff}
involvedObject: {kind: Pod, name: besteffort, namespace: default, uid: "$PUID"}
reason: BackOff
message: "Back-off restarting failed container"
reportingComponent: kubelet
firstTimestamp: "$(ago '3 hours')"
lastTimestamp: "$(ago '10 seconds')"
count: 12
type: Warning
---
apiVersion: v1
kind: Event
metadata: {name: be.pulled}
involvedObject: {kind: Pod, name: besteffort, namespace: default, uid: "$PUID"}
reason: Pulled
message: "Image pulled"
eventTime: "$(ago_micro '2 hours')"
reportingComponent: kubelet
reportingInstance: sim-0
action: Pull
series: {count: 3, lastObservedTime: "$(ago_micro '30 seconds')"}
type: Normal
---
apiVersion: v1
kind: Event
metadata: {name: mirror.own}
involvedObject: {kind: Pod, name: mirror, namespace: default, uid: "$MUID"}
reason: Own
message: "under the mirror pod's uid: not shown"
firstTimestamp: "$(ago '1 minute')"
lastTimestamp: "$(ago '1 minute')"
type: Normal
---
apiVersion: v1
kind: Event
metadata: {name: mirror.static}
involvedObject: {kind: Pod, name: mirror, namespace: default, uid: static-uid}
reason: Static
message: "under the static pod's uid"
firstTimestamp: "$(ago '1 minute')"
lastTimestamp: "$(ago '1 minute')"
type: Normal
---
apiVersion: v1
kind: Event
metadata: {name: bare.starting}
involvedObject: {kind: Node, name: bare, uid: bare}
reason: Starting
message: "  Starting kubelet.  "
source: {component: kubelet, host: bare}
firstTimestamp: "$(ago '5 minutes')"
lastTimestamp: "$(ago '5 minutes')"
count: 1
type: Normal
---
apiVersion: v1
kind: Event
metadata: {name: bare.registered}
involvedObject: {kind: Node, name: bare, uid: "$NUID"}
reason: RegisteredNode
message: "Node bare event: Registered Node bare in Controller"
source: {component: node-controller}
firstTimestamp: "$(ago '4 hours')"
lastTimestamp: "$(ago '7 minutes')"
count: 4
type: Normal
EOF
ok "the events are created" $K create -f "$E2E_TMP/events.yaml"

for p in full guaranteed besteffort pending failed succeeded dying onbare \
    mirror; do
	same "describe pod $p" describe pod $p
done
same "describe pods: every one" describe pods
same "describe pods -l" describe pods -l app=dp
same "describe pods -l with a set" describe pods -l 'app in (done,stuck)'
same "describe pods -A" describe pods -A
same "describe po/NAME" describe po/guaranteed
same "describe pod: a Deployment's by prefix (Controlled By)" describe pod web
same "describe pod: a missing one" describe pod nope
same "describe node: the simulated one" describe node sim-0
same "describe node: by prefix" describe node sim
same "describe node: roles, taints, no Lease, extended resources, events" \
    describe node bare
same "describe nodes" describe nodes
same "describe no/NAME pod/NAME" describe no/bare pod/full
same "describe nodes -l" describe nodes -l zone=a
match "Controlled By a ReplicaSet" "$("$KUBEC" describe pod -l app=web)" \
    "Controlled By:  ReplicaSet/web-"
match "a repeated event" "$("$KUBEC" describe pod besteffort)" \
    "Warning +BackOff +[0-9]+s \\(x12 over 3h\\) +kubelet +Back-off"
match "an event of a series" "$("$KUBEC" describe pod besteffort)" \
    "Normal +Pulled +[0-9]+s \\(x3 over 120m\\) +kubelet +Image pulled"
match "a node's events under its uid and its name" \
    "$("$KUBEC" describe node bare | sed -n '/^Events:/,$p' | tr '\n' ' ')" \
    "RegisteredNode .*Starting +5m[0-9s]* +kubelet +Starting kubelet\\. $"
match "a mirror pod: its static pod's events" \
    "$("$KUBEC" describe pod mirror | sed -n '/^Events:/,$p' | tr '\n' ' ')" \
    "Static .*static pod's uid $"
eq "the QoS classes" "$("$KUBEC" describe pods -l app=dp | awk '/^QoS/ { print $3 }')" \
    "BestEffort
Burstable
Guaranteed"

e2e_done
