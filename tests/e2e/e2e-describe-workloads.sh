#!/usr/bin/env bash
# e2e-describe-workloads.sh - kubec describe for the workloads beside the
# real kubectl, against a live kubec-server with a node simulated by
# kubec-agent --simulate: Deployments (rolled out twice: an old and a new
# ReplicaSet; Recreate, no replicas, every volume source), ReplicaSets
# (owned and bare), a StatefulSet with volume claim templates, a
# DaemonSet with a set-based selector, Jobs (parallel, Indexed, failed,
# running, a CronJob's) and CronJobs (scheduled and suspended), pod
# templates with env of every kind, probes, resources and tolerations;
# by name, all of a type, -l, TYPE/NAME, a name's prefix, a missing one.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-cli.sh"

K=$KUBECTL
server_start || exit 1
sim_start

# As an age may grow a digit between the two runs (9s, 10s), the padding
# after it in the Events table is two spaces in both.
ages() { cli_ages | sed -E 's/<age>  +/<age>  /g'; }

# The CronJob first: its controller runs it at the next minute, while the
# rest rolls out.
cat >"$E2E_TMP/cron.yaml" <<'EOF'
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, labels: {app: nightly}, annotations: {owner: ops}}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 100
  successfulJobsHistoryLimit: 2
  jobTemplate:
    metadata: {labels: {app: nightly}}
    spec:
      activeDeadlineSeconds: 3000
      template:
        metadata:
          labels: {app: nightly}
          # the simulated node runs it for an hour: it stays active
          annotations: {kubec.io/simulate-duration: "3600", kubec.io/simulate-exit-code: "0"}
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: report, image: busybox, args: [echo, hi]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: weekly}
spec:
  schedule: "0 3 * * 0"
  timeZone: Europe/Paris
  suspend: true
  jobTemplate:
    spec:
      parallelism: 2
      completions: 4
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: busybox}]
EOF
$K apply -f "$E2E_TMP/cron.yaml" >/dev/null

cat >"$E2E_TMP/web.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {mode: fast, level: "3"}
---
apiVersion: v1
kind: Secret
metadata: {name: sec}
stringData: {password: hunter2}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: front}
  annotations: {team: blue, note: "a deployment for the describe test"}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web, version: v1}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      serviceAccountName: default
      initContainers:
      - name: init
        image: busybox:1.36
        command: [sh, -c, "echo init"]
      containers:
      - name: app
        image: nginx:1.25
        ports: [{containerPort: 80}, {containerPort: 443, name: https}]
        command: [sh, -c]
        args: ["line one\nline two", "--flag"]
        env:
        - {name: PLAIN, value: hello}
        - {name: MULTI, value: "first\nsecond"}
        - name: FROM_FIELD
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - name: FROM_RES
          valueFrom: {resourceFieldRef: {resource: limits.cpu}}
        - name: FROM_RES_MEM
          valueFrom: {resourceFieldRef: {containerName: app, resource: requests.memory, divisor: 1Mi}}
        - name: FROM_SECRET
          valueFrom: {secretKeyRef: {name: sec, key: password}}
        - name: FROM_CM
          valueFrom: {configMapKeyRef: {name: cfg, key: mode, optional: true}}
        envFrom:
        - configMapRef: {name: cfg}
        - secretRef: {name: sec, optional: true}
          prefix: S_
        resources:
          limits: {cpu: 500m, memory: 256Mi}
          requests: {cpu: "0.1", memory: 64Mi}
        livenessProbe:
          httpGet: {path: /healthz, port: 80}
          initialDelaySeconds: 3
        readinessProbe:
          tcpSocket: {port: https}
          periodSeconds: 5
        startupProbe:
          exec: {command: [cat, /tmp/ready]}
          failureThreshold: 30
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: conf, mountPath: /etc/conf, readOnly: true}
        - {name: sec, mountPath: /etc/sec, subPath: password}
      - name: side
        image: busybox:1.36
        command: [sleep, "3600"]
      volumes:
      - name: data
        emptyDir: {}
      - name: mem
        emptyDir: {medium: Memory, sizeLimit: 64Mi}
      - name: conf
        configMap: {name: cfg}
      - name: sec
        secret: {secretName: sec, optional: true}
      - name: host
        hostPath: {path: /var/log, type: Directory}
      - name: dapi
        downwardAPI:
          items:
          - {path: labels, fieldRef: {fieldPath: metadata.labels}}
          - {path: cpu, resourceFieldRef: {containerName: app, resource: limits.cpu}}
      - name: proj
        projected:
          sources:
          - secret: {name: sec}
          - configMap: {name: cfg, optional: false}
          - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
          - serviceAccountToken: {path: token, expirationSeconds: 3600}
      nodeSelector: {kubernetes.io/os: linux}
      tolerations:
      - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
      - {operator: Exists}
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
EOF
$K apply -f "$E2E_TMP/web.yaml" >/dev/null
ok "the deployment rolls out" $K rollout status deploy/web --timeout=60s
# a new image: a second ReplicaSet, the first scaled to 0
$K set image deploy/web app=nginx:1.26 >/dev/null
ok "... and again with a new image" $K rollout status deploy/web --timeout=60s

cat >"$E2E_TMP/more.yaml" <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, labels: {app: db}}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: postgres:16
        ports: [{containerPort: 5432, name: pg}]
        env: [{name: PGDATA, value: /var/lib/postgresql/data/pgdata}]
        readinessProbe: {exec: {command: [pg_isready]}}
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql/data}
        - {name: logs, mountPath: /var/log/pg}
  volumeClaimTemplates:
  - metadata: {name: data, labels: {tier: storage}, annotations: {backup: daily}}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
  - metadata: {name: logs}
    spec:
      accessModes: [ReadWriteOnce, ReadOnlyMany]
      storageClassName: local-path
      resources: {requests: {storage: 500Mi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, labels: {app: agent}}
spec:
  selector:
    matchLabels: {app: agent}
    matchExpressions:
    - {key: tier, operator: In, values: [node, edge]}
    - {key: canary, operator: DoesNotExist}
  template:
    metadata: {labels: {app: agent, tier: node}}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      tolerations: [{operator: Exists, effect: NoSchedule}]
      priorityClassName: system-node-critical
      containers:
      - name: agent
        image: fluentd:v1
        resources: {requests: {cpu: "0.25", memory: 1G}}
        ports: [{containerPort: 24224, hostPort: 24224, protocol: UDP}]
        securityContext: {seccompProfile: {type: RuntimeDefault}}
        volumeMounts: [{name: varlog, mountPath: /var/log, readOnly: true}]
      volumes:
      - name: varlog
        hostPath: {path: /var/log}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: bare, labels: {app: bare}}
spec:
  replicas: 1
  selector: {matchLabels: {app: bare}}
  template:
    metadata: {labels: {app: bare}}
    spec:
      containers: [{name: c, image: busybox}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch, labels: {kind: batch}}
spec:
  parallelism: 2
  completions: 4
  backoffLimit: 3
  activeDeadlineSeconds: 600
  ttlSecondsAfterFinished: 3600
  template:
    metadata:
      labels: {kind: batch}
      annotations: {kubec.io/simulate-duration: "1", kubec.io/simulate-exit-code: "0"}
    spec:
      restartPolicy: Never
      containers:
      - {name: work, image: busybox, command: [sh, -c, "exit 0"]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: indexed, labels: {kind: batch}}
spec:
  completionMode: Indexed
  completions: 3
  parallelism: 3
  template:
    metadata:
      annotations: {kubec.io/simulate-duration: "1", kubec.io/simulate-exit-code: "0"}
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        env: [{name: IDX, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: broken}
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations: {kubec.io/simulate-exit-code: "3"}
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: long}
spec:
  suspend: false
  template:
    spec:
      restartPolicy: OnFailure
      containers: [{name: c, image: busybox}]
EOF
$K apply -f "$E2E_TMP/more.yaml" >/dev/null

# a Deployment of no replicas: Recreate, a set-based selector, long and
# multi-line annotations, every volume source, the rarer probes
cat >"$E2E_TMP/odd.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: odd
  annotations:
    long: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    multi: "one\ntwo\n"
spec:
  replicas: 0
  strategy: {type: Recreate}
  minReadySeconds: 5
  selector:
    matchExpressions: [{key: app, operator: In, values: [odd]}]
  template:
    metadata:
      labels: {app: odd}
      annotations: {multi: "x\ny"}
    spec:
      priorityClassName: system-node-critical
      containers:
      - name: c
        image: busybox
        securityContext: {seccompProfile: {type: Localhost, localhostProfile: prof.json}}
        livenessProbe: {grpc: {port: 9000}}
        readinessProbe: {httpGet: {path: "/a b!", port: 8080, host: "::1", scheme: HTTPS}}
        startupProbe: {tcpSocket: {port: 81, host: example.com}}
        env:
        - name: NOLIMIT
          valueFrom: {resourceFieldRef: {resource: limits.memory}}
        - name: EMPTY
        volumeDevices: [{name: blk, devicePath: /dev/xvda}]
      volumes:
      - name: blk
        ephemeral:
          volumeClaimTemplate:
            metadata: {labels: {a: b, c: d}}
            spec: {accessModes: [ReadWriteOnce], volumeMode: Block, resources: {requests: {storage: 1Gi}}, dataSource: {kind: PersistentVolumeClaim, name: src}}
      - name: eph2
        ephemeral:
          volumeClaimTemplate:
            spec: {accessModes: [ReadWriteOnce], storageClassName: fast, resources: {requests: {storage: 1Gi}}}
      - name: csi
        csi: {driver: csi.example.com, volumeAttributes: {size: 1G, zone: a}}
      - name: csi2
        csi: {driver: csi.example.com, readOnly: true, fsType: ext4}
      - name: nfs
        nfs: {server: nfs.example.com, path: /exports}
      - name: iscsi
        iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0, portals: ["10.0.0.2:3260", "10.0.0.3:3260"], secretRef: {name: chap}, chapAuthSession: true}
      - name: rbd
        rbd: {monitors: ["10.0.0.1:6789"], image: foo}
      - name: cephfs
        cephfs: {monitors: ["10.0.0.1:6789", "10.0.0.2:6789"], secretRef: {name: ceph}}
      - name: fc
        fc: {targetWWNs: ["500a0982991b8dc5", "500a0982891b8dc5"], lun: 2, fsType: ext4}
      - name: flex
        flexVolume: {driver: example/lvm, options: {b: "2", a: "1"}}
      - name: gce
        gcePersistentDisk: {pdName: disk}
      - name: aws
        awsElasticBlockStore: {volumeID: vol-1}
      - name: git
        gitRepo: {repository: "https://example.com/r.git", revision: main}
      - name: azd
        azureDisk: {diskName: d, diskURI: "https://x/d.vhd"}
      - name: azf
        azureFile: {secretName: s, shareName: share}
      - name: glus
        glusterfs: {endpoints: ep, path: vol}
      - name: pvc
        persistentVolumeClaim: {claimName: mine}
      - name: cinder
        cinder: {volumeID: v}
      - name: vs
        vsphereVolume: {volumePath: "[ds] vol.vmdk"}
      - name: pwx
        portworxVolume: {volumeID: p}
      - name: sio
        scaleIO: {gateway: gw, system: sys, secretRef: {name: s}}
      - name: sos
        storageos: {volumeName: v}
      - name: fl
        flocker: {datasetName: ds}
      - name: qb
        quobyte: {registry: r, volume: v}
      - name: ph
        photonPersistentDisk: {pdID: p}
      - name: img
        image: {reference: "quay.io/x:1", pullPolicy: IfNotPresent}
      - name: hp
        hostPath: {path: /tmp}
EOF
$K create -f "$E2E_TMP/odd.yaml" >/dev/null

# the rarer settings: OnDelete, a partition with maxUnavailable, a
# Deployment that cannot progress and a paused one, a suspended Job, a
# DaemonSet for no node
cat >"$E2E_TMP/edge.yaml" <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ondel}
spec:
  serviceName: x
  replicas: 1
  podManagementPolicy: Parallel
  updateStrategy: {type: OnDelete}
  selector: {matchLabels: {app: ondel}}
  template:
    metadata: {labels: {app: ondel}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: maxu}
spec:
  serviceName: x
  replicas: 1
  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1, maxUnavailable: 50%}}
  selector: {matchLabels: {app: maxu}}
  template:
    metadata: {labels: {app: maxu}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: stuck}
spec:
  replicas: 2
  progressDeadlineSeconds: 5
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  selector: {matchLabels: {app: stuck}}
  template:
    metadata: {labels: {app: stuck}}
    spec:
      nodeSelector: {nowhere: "true"}
      containers: [{name: c, image: busybox}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: paused}
spec:
  paused: true
  replicas: 1
  selector: {matchLabels: {app: paused}}
  template:
    metadata: {labels: {app: paused}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: susp}
spec:
  suspend: true
  completions: 2
  parallelism: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: none}
spec:
  updateStrategy: {type: OnDelete}
  selector: {matchLabels: {app: none}}
  template:
    metadata: {labels: {app: none}}
    spec:
      nodeSelector: {nowhere: "true"}
      containers: [{name: c, image: busybox}]
EOF
$K apply -f "$E2E_TMP/edge.yaml" >/dev/null

ok "the StatefulSet rolls out" $K rollout status sts/db --timeout=60s
ok "the DaemonSet rolls out" $K rollout status ds/agent --timeout=60s
ok "the bare ReplicaSet is ready" $K wait rs/bare --for=jsonpath='{.status.readyReplicas}'=1 --timeout=60s
ok "the Job completes" $K wait job/batch --for=condition=Complete --timeout=60s
ok "the Indexed Job completes" $K wait job/indexed --for=condition=Complete --timeout=60s
ok "the failing Job fails" $K wait job/broken --for=condition=Failed --timeout=60s
ok "the long Job runs" $K wait job/long --for=jsonpath='{.status.ready}'=1 --timeout=60s
cj_ran() { [ -n "$($K get cronjob nightly -o jsonpath='{.status.lastScheduleTime}')" ]; }
ok "the CronJob runs at the minute" until_ok 75 cj_ran
# suspended now, so that it creates no other Job while the test compares
$K patch cronjob nightly -p '{"spec":{"suspend":true}}' >/dev/null
ok "... its Job runs" $K wait job -l app=nightly --for=jsonpath='{.status.ready}'=1 --timeout=60s
cj_active() { [ -n "$($K get cronjob nightly -o jsonpath='{.status.active[0].name}')" ]; }
ok "... and the CronJob lists it active" until_ok 20 cj_active
ok "the stuck Deployment exceeds its deadline" $K wait deploy/stuck --for=jsonpath='{.status.conditions[?(@.type=="Progressing")].reason}'=ProgressDeadlineExceeded --timeout=60s
ok "the StatefulSet of OnDelete runs" $K wait sts/ondel --for=jsonpath='{.status.readyReplicas}'=1 --timeout=60s
ok "the partitioned StatefulSet runs" $K wait sts/maxu --for=jsonpath='{.status.readyReplicas}'=1 --timeout=60s
sleep 1

same "describe deployment web" describe deployment web
same "describe deploy: all of them" describe deploy
same "describe deploy/web" describe deploy/web
same "describe deploy by a name's prefix" describe deploy we
same "describe deploy -l" describe deploy -l tier=front
same "describe deploy, a missing one" describe deploy nope
same "describe deploy odd: every volume source" describe deploy odd
same "describe rs: old, new, owned and bare" describe rs
same "describe rs -l" describe rs -l app=web
same "describe replicaset bare" describe replicaset bare
same "describe sts db" describe sts db
same "describe statefulsets" describe statefulsets
same "describe ds agent" describe ds agent
same "describe daemonset -l" describe daemonset -l app=agent
same "describe job batch: done" describe job batch
same "describe job indexed: completed indexes" describe job indexed
same "describe job broken: failed" describe job broken
same "describe job long: running" describe job long
same "describe jobs: all, the CronJob's too" describe jobs
same "describe job -l" describe job -l kind=batch
same "describe cronjob nightly: run, active, suspended" describe cronjob nightly
same "describe cj weekly: never run" describe cj weekly
same "describe cronjobs" describe cronjobs
same "describe cronjob -l" describe cronjob -l app=nightly
same "describe sts ondel: OnDelete" describe sts ondel
same "describe sts maxu: partition and maxUnavailable" describe sts maxu
same "describe deploy stuck: unavailable, past its deadline" describe deploy stuck
same "describe deploy paused" describe deploy paused
same "describe job susp: suspended" describe job susp
same "describe ds none: no node for it" describe ds none
same "--show-events=false" describe deploy web --show-events=false
same "-A -l" describe deploy -A -l app=web
same "describe -n other: nothing there" describe deploy -n other

e2e_done
