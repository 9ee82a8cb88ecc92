/* test-srv-fieldcheck.c - unit tests for server/fieldcheck.c: unknown
 * fields of manifests found against the schema table, with the paths
 * and messages kube-apiserver prints for fieldValidation=Strict/Warn.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../lib/yaml.h"
#include "../../server/fieldcheck.h"
#include "../../server/openapi.h"
#include "test.h"

static json_t *
parse(const char *y)
{
	struct err e;
	json_t *v = NULL;

	err_clear(&e);
	if (yaml_parse_one(y, strlen(y), &v, &e) < 0) {
		printf("#   yaml: %s\n", e.msg);
		return NULL;
	}
	return v;
}

/* The unknown paths of manifest y as def, one per line. */
static int
check(const char *def, const char *y, struct buf *out)
{
	json_t *v = parse(y);
	int n;

	buf_reset(out);
	CHECK(v != NULL);
	n = fieldcheck_object(def, v, out);
	json_decref(v);
	return n;
}

/* Valid manifests, with many optional fields as people write them. */

static const char pod_yaml[] =
"apiVersion: v1\n"
"kind: Pod\n"
"metadata:\n"
"  name: web-0\n"
"  generateName: web-\n"
"  namespace: prod\n"
"  uid: 6f1b7c9e-0d7a-4a53-9a4e-1d3c2b1a0f9e\n"
"  resourceVersion: \"1234\"\n"
"  generation: 3\n"
"  creationTimestamp: \"2025-01-02T03:04:05Z\"\n"
"  deletionGracePeriodSeconds: 30\n"
"  selfLink: /api/v1/namespaces/prod/pods/web-0\n"
"  labels: {app: web, tier: frontend}\n"
"  annotations:\n"
"    prometheus.io/scrape: \"true\"\n"
"  ownerReferences:\n"
"  - apiVersion: apps/v1\n"
"    kind: ReplicaSet\n"
"    name: web-5d4f8\n"
"    uid: 0a1b2c3d-0000-1111-2222-333344445555\n"
"    controller: true\n"
"    blockOwnerDeletion: true\n"
"  finalizers: [example.com/cleanup]\n"
"  managedFields:\n"
"  - manager: kubectl-client-side-apply\n"
"    operation: Update\n"
"    apiVersion: v1\n"
"    time: \"2025-01-02T03:04:05Z\"\n"
"    fieldsType: FieldsV1\n"
"    fieldsV1: {f:metadata: {f:labels: {.: {}}}}\n"
"    subresource: status\n"
"spec:\n"
"  restartPolicy: Always\n"
"  terminationGracePeriodSeconds: 45\n"
"  activeDeadlineSeconds: 3600\n"
"  dnsPolicy: None\n"
"  dnsConfig:\n"
"    nameservers: [1.1.1.1]\n"
"    searches: [prod.svc.cluster.local]\n"
"    options: [{name: ndots, value: \"2\"}, {name: edns0}]\n"
"  nodeSelector: {kubernetes.io/os: linux}\n"
"  serviceAccountName: web\n"
"  serviceAccount: web\n"
"  automountServiceAccountToken: false\n"
"  nodeName: node-1\n"
"  hostNetwork: false\n"
"  hostPID: false\n"
"  hostIPC: false\n"
"  shareProcessNamespace: true\n"
"  hostname: web-0\n"
"  subdomain: web\n"
"  schedulerName: default-scheduler\n"
"  priorityClassName: high\n"
"  priority: 1000\n"
"  preemptionPolicy: PreemptLowerPriority\n"
"  enableServiceLinks: false\n"
"  runtimeClassName: runc\n"
"  setHostnameAsFQDN: true\n"
"  hostUsers: false\n"
"  os: {name: linux}\n"
"  overhead: {cpu: 100m}\n"
"  readinessGates: [{conditionType: example.com/ready}]\n"
"  schedulingGates: [{name: example.com/quota}]\n"
"  resourceClaims: [{name: gpu, resourceClaimTemplateName: gpu}]\n"
"  resources: {limits: {cpu: \"4\"}}\n"
"  imagePullSecrets: [{name: regcred}]\n"
"  hostAliases: [{ip: 10.0.0.1, hostnames: [db.local]}]\n"
"  securityContext:\n"
"    runAsUser: 1000\n"
"    runAsGroup: 3000\n"
"    runAsNonRoot: true\n"
"    fsGroup: 2000\n"
"    fsGroupChangePolicy: OnRootMismatch\n"
"    supplementalGroups: [4000]\n"
"    supplementalGroupsPolicy: Merge\n"
"    seccompProfile: {type: RuntimeDefault}\n"
"    seLinuxOptions: {level: \"s0:c123,c456\"}\n"
"    seLinuxChangePolicy: MountOption\n"
"    appArmorProfile: {type: RuntimeDefault}\n"
"    sysctls: [{name: net.ipv4.ip_local_port_range, value: 1024 65535}]\n"
"  affinity:\n"
"    podAntiAffinity:\n"
"      preferredDuringSchedulingIgnoredDuringExecution:\n"
"      - weight: 100\n"
"        podAffinityTerm:\n"
"          labelSelector: {matchLabels: {app: web}}\n"
"          topologyKey: kubernetes.io/hostname\n"
"  tolerations:\n"
"  - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}\n"
"  - {key: node.kubernetes.io/not-ready, operator: Exists,\n"
"     effect: NoExecute, tolerationSeconds: 300}\n"
"  topologySpreadConstraints:\n"
"  - maxSkew: 1\n"
"    topologyKey: topology.kubernetes.io/zone\n"
"    whenUnsatisfiable: ScheduleAnyway\n"
"    labelSelector: {matchLabels: {app: web}}\n"
"  initContainers:\n"
"  - name: migrate\n"
"    image: registry.example/web:1.2.3\n"
"    command: [/bin/sh, -c]\n"
"    args: [./migrate up]\n"
"    envFrom:\n"
"    - configMapRef: {name: web-config}\n"
"    - prefix: DB_\n"
"      secretRef: {name: db, optional: true}\n"
"  - name: proxy\n"
"    image: envoyproxy/envoy:v1.30\n"
"    restartPolicy: Always\n"
"  containers:\n"
"  - name: web\n"
"    image: registry.example/web:1.2.3\n"
"    imagePullPolicy: IfNotPresent\n"
"    workingDir: /app\n"
"    ports:\n"
"    - {name: http, containerPort: 8080, protocol: TCP}\n"
"    - {containerPort: 9090, hostPort: 9090, hostIP: 0.0.0.0}\n"
"    env:\n"
"    - {name: MODE, value: production}\n"
"    - name: POD_NAME\n"
"      valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}}\n"
"    - name: CPU_LIMIT\n"
"      valueFrom:\n"
"        resourceFieldRef: {containerName: web, resource: limits.cpu,\n"
"          divisor: 1m}\n"
"    - name: PASSWORD\n"
"      valueFrom: {secretKeyRef: {name: db, key: password}}\n"
"    - name: COLOR\n"
"      valueFrom: {configMapKeyRef: {name: web-config, key: color,\n"
"        optional: true}}\n"
"    resources:\n"
"      requests: {cpu: 250m, memory: 64Mi}\n"
"      limits: {cpu: 500m, memory: 128Mi, nvidia.com/gpu: 1}\n"
"      claims: [{name: gpu, request: big}]\n"
"    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]\n"
"    volumeMounts:\n"
"    - {name: config, mountPath: /etc/web, readOnly: true}\n"
"    - {name: data, mountPath: /data, subPath: web,\n"
"       mountPropagation: None, recursiveReadOnly: Disabled}\n"
"    - {name: logs, mountPath: /logs, subPathExpr: $(POD_NAME)}\n"
"    volumeDevices: [{name: raw, devicePath: /dev/xvda}]\n"
"    livenessProbe:\n"
"      httpGet:\n"
"        path: /healthz\n"
"        port: http\n"
"        scheme: HTTP\n"
"        host: 127.0.0.1\n"
"        httpHeaders: [{name: X-Probe, value: live}]\n"
"      initialDelaySeconds: 10\n"
"      periodSeconds: 5\n"
"      timeoutSeconds: 2\n"
"      failureThreshold: 3\n"
"      successThreshold: 1\n"
"      terminationGracePeriodSeconds: 10\n"
"    readinessProbe:\n"
"      exec: {command: [cat, /tmp/ready]}\n"
"    startupProbe:\n"
"      tcpSocket: {port: 8080, host: localhost}\n"
"  - name: grpc\n"
"    image: example/grpc:2\n"
"    livenessProbe: {grpc: {port: 9000, service: health}}\n"
"    lifecycle:\n"
"      postStart: {exec: {command: [touch, /tmp/started]}}\n"
"      preStop: {sleep: {seconds: 5}}\n"
"      stopSignal: SIGUSR1\n"
"    terminationMessagePath: /dev/termination-log\n"
"    terminationMessagePolicy: FallbackToLogsOnError\n"
"    stdin: true\n"
"    stdinOnce: true\n"
"    tty: true\n"
"    securityContext:\n"
"      runAsUser: 1000\n"
"      runAsGroup: 1000\n"
"      runAsNonRoot: true\n"
"      privileged: false\n"
"      allowPrivilegeEscalation: false\n"
"      readOnlyRootFilesystem: true\n"
"      procMount: Default\n"
"      capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}\n"
"      seccompProfile: {type: Localhost, localhostProfile: p.json}\n"
"      seLinuxOptions: {type: spc_t}\n"
"      windowsOptions: {runAsUserName: app}\n"
"      appArmorProfile: {type: Unconfined}\n"
"  ephemeralContainers:\n"
"  - {name: debug, image: busybox, targetContainerName: web}\n"
"  volumes:\n"
"  - name: config\n"
"    configMap:\n"
"      name: web-config\n"
"      defaultMode: 0644\n"
"      optional: false\n"
"      items: [{key: app.conf, path: app.conf, mode: 0600}]\n"
"  - {name: data, persistentVolumeClaim: {claimName: web-data,\n"
"     readOnly: false}}\n"
"  - {name: logs, emptyDir: {medium: Memory, sizeLimit: 1Gi}}\n"
"  - {name: host, hostPath: {path: /var/run, type: Directory}}\n"
"  - {name: tls, secret: {secretName: web-tls, defaultMode: 256,\n"
"     items: [{key: tls.crt, path: tls.crt}], optional: true}}\n"
"  - {name: share, nfs: {server: nfs.local, path: /exports,\n"
"     readOnly: true}}\n"
"  - name: inline\n"
"    csi:\n"
"      driver: secrets-store.csi.k8s.io\n"
"      readOnly: true\n"
"      fsType: ext4\n"
"      volumeAttributes: {secretProviderClass: vault}\n"
"      nodePublishSecretRef: {name: csi-creds}\n"
"  - name: podinfo\n"
"    downwardAPI:\n"
"      defaultMode: 420\n"
"      items:\n"
"      - {path: labels, fieldRef: {fieldPath: metadata.labels}}\n"
"      - path: mem\n"
"        resourceFieldRef: {containerName: web, resource: limits.memory}\n"
"        mode: 0444\n"
"  - name: token\n"
"    projected:\n"
"      defaultMode: 420\n"
"      sources:\n"
"      - serviceAccountToken: {audience: vault, expirationSeconds: 3600,\n"
"          path: token}\n"
"      - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt,\n"
"          path: ca.crt}], optional: false}\n"
"      - secret: {name: extra, optional: true}\n"
"      - downwardAPI: {items: [{path: namespace, fieldRef: {fieldPath:\n"
"          metadata.namespace}}]}\n"
"      - clusterTrustBundle: {signerName: example.com/s, path: b.pem}\n"
"  - name: scratch\n"
"    ephemeral:\n"
"      volumeClaimTemplate:\n"
"        spec: {accessModes: [ReadWriteOnce],\n"
"          resources: {requests: {storage: 1Gi}}}\n"
"  - {name: raw, gitRepo: {repository: \"https://example.com/r.git\"}}\n"
"  - {name: img, image: {reference: \"quay.io/x/y:1\", pullPolicy: Always}}\n"
"status:\n"
"  phase: Running\n"
"  podIP: 10.244.0.5\n"
"  hostIPs: [{ip: 192.168.1.10}]\n"
"  nominatedNodeName: node-2\n"
"  conditions:\n"
"  - {type: Ready, status: \"True\", observedGeneration: 3}\n"
"  containerStatuses:\n"
"  - {name: web, ready: true, restartCount: 0, image: web, imageID: x,\n"
"     state: {running: {startedAt: \"2025-01-02T03:04:05Z\"}},\n"
"     user: {linux: {uid: 1000, gid: 1000}}}\n";

static const char deployment_yaml[] =
"apiVersion: apps/v1\n"
"kind: Deployment\n"
"metadata:\n"
"  name: nginx\n"
"  namespace: default\n"
"  labels: {app: nginx}\n"
"  annotations: {deployment.kubernetes.io/revision: \"2\"}\n"
"spec:\n"
"  replicas: 3\n"
"  revisionHistoryLimit: 5\n"
"  minReadySeconds: 10\n"
"  progressDeadlineSeconds: 600\n"
"  paused: false\n"
"  selector:\n"
"    matchLabels: {app: nginx}\n"
"    matchExpressions:\n"
"    - {key: tier, operator: In, values: [frontend, edge]}\n"
"    - {key: legacy, operator: DoesNotExist}\n"
"  strategy:\n"
"    type: RollingUpdate\n"
"    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}\n"
"  template:\n"
"    metadata:\n"
"      labels: {app: nginx, tier: frontend}\n"
"      annotations: {kubectl.kubernetes.io/restartedAt: now}\n"
"    spec:\n"
"      containers:\n"
"      - name: nginx\n"
"        image: nginx:1.27\n"
"        ports: [{containerPort: 80, name: http}]\n"
"        resources: {requests: {cpu: 100m}, limits: {memory: 256Mi}}\n"
"        readinessProbe: {httpGet: {path: /, port: 80},\n"
"          periodSeconds: 5}\n"
"      - name: exporter\n"
"        image: nginx/nginx-prometheus-exporter:1.1\n"
"        args: [--nginx.scrape-uri=http://localhost/stub_status]\n"
"        env: [{name: A, value: b}]\n"
"status:\n"
"  replicas: 3\n"
"  readyReplicas: 3\n"
"  conditions: [{type: Available, status: \"True\"}]\n";

static const char replicaset_yaml[] =
"apiVersion: apps/v1\n"
"kind: ReplicaSet\n"
"metadata: {name: frontend, labels: {tier: frontend}}\n"
"spec:\n"
"  replicas: 2\n"
"  minReadySeconds: 5\n"
"  selector: {matchLabels: {tier: frontend}}\n"
"  template:\n"
"    metadata: {labels: {tier: frontend}}\n"
"    spec:\n"
"      containers: [{name: php, image: gb-frontend:v5}]\n";

static const char statefulset_yaml[] =
"apiVersion: apps/v1\n"
"kind: StatefulSet\n"
"metadata: {name: db}\n"
"spec:\n"
"  serviceName: db\n"
"  replicas: 3\n"
"  podManagementPolicy: Parallel\n"
"  revisionHistoryLimit: 3\n"
"  minReadySeconds: 0\n"
"  ordinals: {start: 1}\n"
"  persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain,\n"
"    whenScaled: Delete}\n"
"  updateStrategy:\n"
"    type: RollingUpdate\n"
"    rollingUpdate: {partition: 0, maxUnavailable: 1}\n"
"  selector: {matchLabels: {app: db}}\n"
"  template:\n"
"    metadata: {labels: {app: db}}\n"
"    spec:\n"
"      terminationGracePeriodSeconds: 10\n"
"      containers:\n"
"      - name: postgres\n"
"        image: postgres:16\n"
"        env:\n"
"        - name: POSTGRES_PASSWORD\n"
"          valueFrom: {secretKeyRef: {name: pg, key: password}}\n"
"        volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]\n"
"  volumeClaimTemplates:\n"
"  - apiVersion: v1\n"
"    kind: PersistentVolumeClaim\n"
"    metadata: {name: data, labels: {app: db}}\n"
"    spec:\n"
"      accessModes: [ReadWriteOnce]\n"
"      storageClassName: fast\n"
"      volumeMode: Filesystem\n"
"      resources: {requests: {storage: 10Gi}}\n"
"      selector: {matchLabels: {disk: ssd}}\n"
"      dataSource: {kind: VolumeSnapshot, name: snap,\n"
"        apiGroup: snapshot.storage.k8s.io}\n"
"      volumeAttributesClassName: gold\n"
"    status: {phase: Pending}\n";

static const char daemonset_yaml[] =
"apiVersion: apps/v1\n"
"kind: DaemonSet\n"
"metadata: {name: fluentd, namespace: kube-system}\n"
"spec:\n"
"  minReadySeconds: 0\n"
"  revisionHistoryLimit: 10\n"
"  updateStrategy:\n"
"    type: RollingUpdate\n"
"    rollingUpdate: {maxUnavailable: 1, maxSurge: 0}\n"
"  selector: {matchLabels: {name: fluentd}}\n"
"  template:\n"
"    metadata: {labels: {name: fluentd}}\n"
"    spec:\n"
"      tolerations:\n"
"      - {key: node-role.kubernetes.io/control-plane, operator: Exists,\n"
"         effect: NoSchedule}\n"
"      containers:\n"
"      - name: fluentd\n"
"        image: fluentd:v1\n"
"        resources: {limits: {memory: 200Mi}}\n"
"        volumeMounts: [{name: varlog, mountPath: /var/log}]\n"
"      volumes: [{name: varlog, hostPath: {path: /var/log}}]\n";

static const char job_yaml[] =
"apiVersion: batch/v1\n"
"kind: Job\n"
"metadata: {name: pi}\n"
"spec:\n"
"  parallelism: 2\n"
"  completions: 4\n"
"  completionMode: Indexed\n"
"  backoffLimit: 4\n"
"  backoffLimitPerIndex: 1\n"
"  maxFailedIndexes: 2\n"
"  activeDeadlineSeconds: 600\n"
"  ttlSecondsAfterFinished: 100\n"
"  suspend: false\n"
"  manualSelector: false\n"
"  podReplacementPolicy: Failed\n"
"  managedBy: kubernetes.io/job-controller\n"
"  podFailurePolicy:\n"
"    rules: [{action: FailJob, onExitCodes: {operator: In,\n"
"      values: [42]}}]\n"
"  successPolicy: {rules: [{succeededCount: 1}]}\n"
"  template:\n"
"    spec:\n"
"      restartPolicy: Never\n"
"      containers:\n"
"      - name: pi\n"
"        image: perl:5.34.0\n"
"        command: [perl, -Mbignum=bpi, -wle, print bpi(2000)]\n";

static const char cronjob_yaml[] =
"apiVersion: batch/v1\n"
"kind: CronJob\n"
"metadata: {name: hello}\n"
"spec:\n"
"  schedule: \"*/5 * * * *\"\n"
"  timeZone: Etc/UTC\n"
"  startingDeadlineSeconds: 200\n"
"  concurrencyPolicy: Forbid\n"
"  suspend: false\n"
"  successfulJobsHistoryLimit: 3\n"
"  failedJobsHistoryLimit: 1\n"
"  jobTemplate:\n"
"    metadata: {labels: {app: hello}}\n"
"    spec:\n"
"      backoffLimit: 2\n"
"      template:\n"
"        spec:\n"
"          restartPolicy: OnFailure\n"
"          containers:\n"
"          - name: hello\n"
"            image: busybox:1.36\n"
"            imagePullPolicy: IfNotPresent\n"
"            command: [/bin/sh, -c, date; echo Hello]\n";

static const char service_yaml[] =
"apiVersion: v1\n"
"kind: Service\n"
"metadata:\n"
"  name: web\n"
"  annotations: {service.beta.kubernetes.io/aws-load-balancer-type: nlb}\n"
"spec:\n"
"  type: LoadBalancer\n"
"  selector: {app: web}\n"
"  ports:\n"
"  - {name: http, protocol: TCP, port: 80, targetPort: http,\n"
"     nodePort: 30080, appProtocol: http}\n"
"  - {name: https, port: 443, targetPort: 8443}\n"
"  clusterIP: 10.96.0.10\n"
"  clusterIPs: [10.96.0.10]\n"
"  ipFamilies: [IPv4]\n"
"  ipFamilyPolicy: SingleStack\n"
"  externalIPs: [203.0.113.10]\n"
"  sessionAffinity: ClientIP\n"
"  sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}\n"
"  loadBalancerIP: 203.0.113.11\n"
"  loadBalancerSourceRanges: [10.0.0.0/8]\n"
"  loadBalancerClass: example.com/lb\n"
"  allocateLoadBalancerNodePorts: true\n"
"  externalTrafficPolicy: Local\n"
"  healthCheckNodePort: 30999\n"
"  internalTrafficPolicy: Cluster\n"
"  publishNotReadyAddresses: false\n"
"  trafficDistribution: PreferClose\n"
"status:\n"
"  loadBalancer: {ingress: [{ip: 203.0.113.11}]}\n";

static const char external_service_yaml[] =
"apiVersion: v1\n"
"kind: Service\n"
"metadata: {name: db}\n"
"spec: {type: ExternalName, externalName: db.example.com}\n";

static const char configmap_yaml[] =
"apiVersion: v1\n"
"kind: ConfigMap\n"
"metadata: {name: game-config, namespace: default}\n"
"immutable: false\n"
"data:\n"
"  player_initial_lives: \"3\"\n"
"  game.properties: |\n"
"    enemy.types=aliens,monsters\n"
"binaryData: {logo.png: aGVsbG8=}\n";

static const char secret_yaml[] =
"apiVersion: v1\n"
"kind: Secret\n"
"metadata: {name: db}\n"
"type: kubernetes.io/basic-auth\n"
"immutable: true\n"
"data: {username: YWRtaW4=}\n"
"stringData: {password: t0p-Secret}\n";

static const char namespace_yaml[] =
"apiVersion: v1\n"
"kind: Namespace\n"
"metadata:\n"
"  name: team-a\n"
"  labels: {pod-security.kubernetes.io/enforce: restricted}\n"
"spec: {finalizers: [kubernetes]}\n"
"status: {phase: Active}\n";

static const char serviceaccount_yaml[] =
"apiVersion: v1\n"
"kind: ServiceAccount\n"
"metadata: {name: build-robot}\n"
"automountServiceAccountToken: false\n"
"secrets: [{name: build-robot-token, kind: Secret}]\n"
"imagePullSecrets: [{name: regcred}]\n";

static const struct {
	const char *def, *yaml;
} valid[] = {
	{ "core.v1.Pod", pod_yaml },
	{ "apps.v1.Deployment", deployment_yaml },
	{ "apps.v1.ReplicaSet", replicaset_yaml },
	{ "apps.v1.StatefulSet", statefulset_yaml },
	{ "apps.v1.DaemonSet", daemonset_yaml },
	{ "batch.v1.Job", job_yaml },
	{ "batch.v1.CronJob", cronjob_yaml },
	{ "core.v1.Service", service_yaml },
	{ "core.v1.Service", external_service_yaml },
	{ "core.v1.ConfigMap", configmap_yaml },
	{ "core.v1.Secret", secret_yaml },
	{ "core.v1.Namespace", namespace_yaml },
	{ "core.v1.ServiceAccount", serviceaccount_yaml },
};

static void
test_valid_manifests(void)
{
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);
	size_t i;
	int n;

	for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		n = check(valid[i].def, valid[i].yaml, &out);
		if (n != 0)
			printf("#   %s: %s", valid[i].def, buf_str(&out));
		CHECK_INT(n, 0);
		CHECK_STR(buf_str(&out), "");
	}
	buf_release(&out);
}

/* Typos: the paths kube-apiserver reports, in document order. */
static const struct {
	const char *def, *yaml, *want;
} typos[] = {
	/* top level */
	{ "core.v1.ConfigMap",
	  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
	  "datas: {a: b}\n",
	  "datas\n" },
	{ "core.v1.Secret",
	  "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n"
	  "stringdata: {a: b}\nType: Opaque\n",
	  "stringdata\nType\n" },
	/* metadata (kubectl users meet this one a lot) */
	{ "core.v1.Pod",
	  "apiVersion: v1\nkind: Pod\nmetadata: {name: x, app: web,\n"
	  "  labels: {app: web}, annotation: {a: b}}\n"
	  "spec: {containers: [{name: a, image: b}]}\n",
	  "metadata.app\nmetadata.annotation\n" },
	{ "apps.v1.Deployment",
	  "apiVersion: apps/v1\nkind: Deployment\n"
	  "metadata: {name: x, ownerReferences: [{apiVersion: v1, kind: K,\n"
	  "  name: n, uid: u, contoller: true}]}\n",
	  "metadata.ownerReferences[0].contoller\n" },
	/* spec */
	{ "apps.v1.Deployment",
	  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
	  "spec: {replica: 3, selector: {matchLabels: {a: b}},\n"
	  "  strategy: {rollingUpdate: {maxSurge: 1, maxUnaivailable: 5}},\n"
	  "  template: {metadata: {labels: {a: b}},\n"
	  "    spec: {containers: [{name: a, image: b}]}}}\n",
	  "spec.replica\nspec.strategy.rollingUpdate.maxUnaivailable\n" },
	{ "batch.v1.Job",
	  "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\n"
	  "spec:\n  template:\n    spec:\n      backoffLimit: 2\n"
	  "      restartPolicy: Never\n"
	  "      containers: [{name: a, image: b}]\n",
	  "spec.template.spec.backoffLimit\n" },
	/* containers[1], env, ports */
	{ "apps.v1.Deployment",
	  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
	  "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n"
	  "    metadata: {labels: {a: b}}\n    spec:\n      containers:\n"
	  "      - {name: a, image: b}\n"
	  "      - name: c\n        imag: d\n        Image: e\n"
	  "        env: [{name: A, value: b}, {name: B, valu: c},\n"
	  "          {name: C, valueFrom: {secretKeyRef: {name: s, key: k,\n"
	  "          optinal: true}}}]\n"
	  "        ports: [{containerport: 80}]\n",
	  "spec.template.spec.containers[1].imag\n"
	  "spec.template.spec.containers[1].Image\n"
	  "spec.template.spec.containers[1].env[1].valu\n"
	  "spec.template.spec.containers[1].env[2].valueFrom.secretKeyRef."
	  "optinal\n"
	  "spec.template.spec.containers[1].ports[0].containerport\n" },
	{ "core.v1.Service",
	  "apiVersion: v1\nkind: Service\nmetadata: {name: x}\n"
	  "spec: {type: NodePort, ports: [{port: 80, nodeport: 30080}],\n"
	  "  selectors: {a: b}}\n",
	  "spec.ports[0].nodeport\nspec.selectors\n" },
	/* volumes and mounts */
	{ "core.v1.Pod",
	  "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n"
	  "  containers:\n  - name: a\n    image: b\n"
	  "    volumeMounts: [{name: c, mountpath: /c}]\n"
	  "  volumes:\n  - {name: c, configMap: {nme: c}}\n"
	  "  - {name: d, emptydir: {}}\n"
	  "  - {name: e, projected: {sources: [{serviceAccountToken:\n"
	  "      {path: t, audiences: [x]}}]}}\n",
	  "spec.containers[0].volumeMounts[0].mountpath\n"
	  "spec.volumes[0].configMap.nme\n"
	  "spec.volumes[1].emptydir\n"
	  "spec.volumes[2].projected.sources[0].serviceAccountToken."
	  "audiences\n" },
	/* probes, security, templates deep down a CronJob */
	{ "batch.v1.CronJob",
	  "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\n"
	  "spec:\n  schedule: \"@hourly\"\n  jobTemplate:\n    spec:\n"
	  "      template:\n        spec:\n          containers:\n"
	  "          - name: a\n            image: b\n"
	  "            livenessProbe: {httpGet: {path: /, port: 80,\n"
	  "              headers: []}, period: 3}\n"
	  "            securityContext: {capabilities: {remove: [ALL]}}\n"
	  "            resources: {limit: {cpu: 1}}\n",
	  "spec.jobTemplate.spec.template.spec.containers[0].livenessProbe."
	  "httpGet.headers\n"
	  "spec.jobTemplate.spec.template.spec.containers[0].livenessProbe."
	  "period\n"
	  "spec.jobTemplate.spec.template.spec.containers[0]."
	  "securityContext.capabilities.remove\n"
	  "spec.jobTemplate.spec.template.spec.containers[0].resources."
	  "limit\n" },
	/* an unknown field is reported once, not what is below it; null too */
	{ "apps.v1.StatefulSet",
	  "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\n"
	  "spec: {extra: {deeper: {still: 1}}, nothing: null,\n"
	  "  volumeClaimTemplates: [{metadata: {name: d, lables: {}},\n"
	  "    spec: {acessModes: [ReadWriteOnce]}}]}\n",
	  "spec.extra\nspec.nothing\n"
	  "spec.volumeClaimTemplates[0].metadata.lables\n"
	  "spec.volumeClaimTemplates[0].spec.acessModes\n" },
	{ "apps.v1.DaemonSet",
	  "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\n"
	  "spec: {updateStrategy: {type: RollingUpdate, rollingUpdate:\n"
	  "  {maxUnavailable: 1, partition: 2}}, selector: {matchExpressions:\n"
	  "  [{key: a, operator: In, value: [b]}]}}\n",
	  "spec.updateStrategy.rollingUpdate.partition\n"
	  "spec.selector.matchExpressions[0].value\n" },
	{ "core.v1.ServiceAccount",
	  "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x}\n"
	  "automountToken: false\n",
	  "automountToken\n" },
	{ "core.v1.Namespace",
	  "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n"
	  "spec: {finalizer: [kubernetes]}\n",
	  "spec.finalizer\n" },
};

static void
test_typos(void)
{
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);
	const char *p;
	size_t i;
	int n, lines;

	for (i = 0; i < sizeof typos / sizeof typos[0]; i++) {
		n = check(typos[i].def, typos[i].yaml, &out);
		for (lines = 0, p = typos[i].want; *p != '\0'; p++)
			lines += *p == '\n';
		CHECK_STR(buf_str(&out), typos[i].want);
		CHECK_INT(n, lines);
	}
	buf_release(&out);
}

/*
 * apiVersion, kind, metadata and status are known for every kind with a
 * status; ConfigMap, Secret and ServiceAccount have none, and
 * kube-apiserver rejects a status there too.
 */
static void
test_top_level(void)
{
	static const struct {
		const char *def;
		int status;
	} defs[] = {
		{ "core.v1.Pod", 1 }, { "core.v1.Service", 1 },
		{ "core.v1.Namespace", 1 }, { "apps.v1.Deployment", 1 },
		{ "apps.v1.ReplicaSet", 1 }, { "apps.v1.StatefulSet", 1 },
		{ "apps.v1.DaemonSet", 1 }, { "batch.v1.Job", 1 },
		{ "batch.v1.CronJob", 1 }, { "core.v1.Node", 1 },
		{ "core.v1.PersistentVolumeClaim", 1 },
		{ "autoscaling.v1.Scale", 1 },
		{ "core.v1.ConfigMap", 0 }, { "core.v1.Secret", 0 },
		{ "core.v1.ServiceAccount", 0 },
	};
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);
	size_t i;

	for (i = 0; i < sizeof defs / sizeof defs[0]; i++) {
		CHECK(fieldcheck_complete(defs[i].def));
		CHECK_INT(check(defs[i].def, "apiVersion: v1\nkind: X\n"
		    "metadata: {name: x}\nstatus: {}\n", &out),
		    !defs[i].status);
		CHECK_STR(buf_str(&out), defs[i].status ? "" : "status\n");
		CHECK_INT(check(defs[i].def, "apiVersion: v1\nkind: X\n"
		    "metadata: {name: x}\nstatu: {}\n", &out), 1);
		CHECK_STR(buf_str(&out), "statu\n");
	}
	buf_release(&out);
}

/* "object" fields are free-form, like the content of a custom resource. */
static void
test_free_form(void)
{
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);

	CHECK_INT(check("core.v1.Pod",
	    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n"
	    "  managedFields: [{manager: m,\n"
	    "    fieldsV1: {f:spec: {anything: 1}}}]\n"
	    "spec:\n  affinity: {nodeAffinty: {whatever: 1}}\n"
	    "  topologySpreadConstraints: [{maxSkew: 1, bogus: 2}]\n"
	    "  ephemeralContainers: [{name: d, targetContainerName: a}]\n"
	    "  containers: [{name: a, image: b,\n"
	    "    securityContext: {seLinuxOptions: {anything: 1}}}]\n"
	    "  volumes: [{name: v, ephemeral: {volumeClaimTemplate: {x: 1}}},\n"
	    "    {name: w, cephfs: {monitors: [a], unknown: 1}}]\n", &out), 0);
	CHECK_STR(buf_str(&out), "");
	/* a kind the table does not describe: a CRD-like object */
	CHECK_INT(check("example.v1.Widget",
	    "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
	    "spec: {size: 3, colour: blue}\nextra: 1\n", &out), 0);
	CHECK_STR(buf_str(&out), "");
	CHECK(!fieldcheck_complete("example.v1.Widget"));
	/* wrong value types are for the decoder, not this check */
	CHECK_INT(check("core.v1.Pod", "spec: 3\nmetadata: [1, 2]\n", &out), 0);
	CHECK_INT(check("core.v1.Pod", "spec: {containers: {a: 1}}\n", &out),
	    0);
	buf_release(&out);
}

/* Under an incomplete definition nothing is reported. */
static void
test_incomplete(void)
{
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);

	CHECK(!fieldcheck_complete("core.v1.PodStatus"));
	CHECK(!fieldcheck_complete("core.v1.NodeSpec"));
	CHECK(!fieldcheck_complete("apps.v1.DeploymentStatus"));
	CHECK_INT(check("core.v1.Pod",
	    "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"
	    "status: {phase: Running, someNewField: 1,\n"
	    "  conditions: [{type: Ready, futureField: 2}]}\n", &out), 0);
	CHECK_STR(buf_str(&out), "");
	CHECK_INT(check("core.v1.PodStatus", "futureField: 1\n", &out), 0);
	/* known fields still lead into complete definitions */
	CHECK_INT(check("core.v1.Node",
	    "apiVersion: v1\nkind: Node\nmetadata: {name: n}\n"
	    "spec: {futureField: 1, taints: [{key: k, effect: NoSchedule,\n"
	    "  efect: NoSchedule}]}\n", &out), 1);
	CHECK_STR(buf_str(&out), "spec.taints[0].efect\n");
	buf_release(&out);
}

static void
test_cap_and_null(void)
{
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);
	json_t *o = json_object();
	char key[32];
	int i;

	for (i = 0; i < 150; i++) {
		snprintf(key, sizeof key, "bogus%d", i);
		json_object_set_new(o, key, json_integer(i));
	}
	CHECK_INT(fieldcheck_object("core.v1.ConfigMap", o, &out), 100);
	CHECK(strncmp(buf_str(&out), "bogus0\nbogus1\n", 14) == 0);
	CHECK_INT(fieldcheck_object("core.v1.ConfigMap", o, NULL), 100);
	json_decref(o);
	CHECK_INT(fieldcheck_object("core.v1.ConfigMap", NULL, NULL), 0);
	buf_release(&out);
}

/* Warn and Ignore: unknown fields are dropped, the rest kept. */
static void
test_prune(void)
{
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);
	json_t *v, *want;
	char *got;

	v = parse("apiVersion: apps/v1\nkind: Deployment\n"
	    "metadata: {name: x, labelz: {a: b}}\n"
	    "spec: {replica: 3, replicas: 2, template: {spec: {containers:\n"
	    "  [{name: a, imag: b, image: c}], affinity: {free: 1}}}}\n"
	    "status: {whatever: 1}\nextra: 1\n");
	want = parse("apiVersion: apps/v1\nkind: Deployment\n"
	    "metadata: {name: x}\n"
	    "spec: {replicas: 2, template: {spec: {containers:\n"
	    "  [{name: a, image: c}], affinity: {free: 1}}}}\n"
	    "status: {whatever: 1}\n");
	CHECK(v != NULL && want != NULL);
	CHECK_INT(fieldcheck_prune("apps.v1.Deployment", v, &out), 4);
	CHECK_STR(buf_str(&out), "metadata.labelz\nspec.replica\n"
	    "spec.template.spec.containers[0].imag\nextra\n");
	got = json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT);
	if (!json_equal(v, want))
		printf("#   pruned: %s\n", got);
	CHECK(json_equal(v, want));
	free(got);
	CHECK_INT(fieldcheck_object("apps.v1.Deployment", v, NULL), 0);
	json_decref(v);
	json_decref(want);
	buf_release(&out);
}

static void
test_messages(void)
{
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);
	char def[128];

	CHECK_INT(fieldcheck_strict_message("spec.foo\n", &out), 0);
	CHECK_STR(buf_str(&out),
	    "strict decoding error: unknown field \"spec.foo\"");
	buf_reset(&out);
	CHECK_INT(fieldcheck_strict_message(
	    "spec.replica\nspec.template.spec.containers[1].imag\n", &out), 0);
	CHECK_STR(buf_str(&out), "strict decoding error: unknown field "
	    "\"spec.replica\", unknown field "
	    "\"spec.template.spec.containers[1].imag\"");
	buf_reset(&out);
	CHECK_INT(fieldcheck_quote("a\"b\\c\nd\x01", &out), 0);
	CHECK_STR(buf_str(&out), "\"a\\\"b\\\\c\\nd\\x01\"");
	buf_reset(&out);
	CHECK_INT(fieldcheck_warning("spec.foo", &out), 0);
	CHECK_STR(buf_str(&out), "299 - \"unknown field \\\"spec.foo\\\"\"");
	buf_reset(&out);
	CHECK_INT(fieldcheck_warning("metadata.a\\b", &out), 0);
	CHECK_STR(buf_str(&out),
	    "299 - \"unknown field \\\"metadata.a\\\\\\\\b\\\"\"");
	buf_release(&out);

	fieldcheck_def_name("", "v1", "Pod", def, sizeof def);
	CHECK_STR(def, "core.v1.Pod");
	fieldcheck_def_name("apps", "v1", "Deployment", def, sizeof def);
	CHECK_STR(def, "apps.v1.Deployment");
	fieldcheck_def_name("rbac.authorization.k8s.io", "v1", "Role", def,
	    sizeof def);
	CHECK_STR(def, "rbac.v1.Role");
}

/* The bad value of a strategic merge patch's Invalid cause. */
static void
test_gofmt(void)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{ "{\"spec\":{\"replicas\":3,\"foo\":\"bar\"}}",
		  "map[spec:map[foo:bar replicas:3]]" },
		{ "{\"b\":[1,\"x y\",null,true,false],\"a\":{},\"c\":[]}",
		  "map[a:map[] b:[1 x y <nil> true false] c:[]]" },
		{ "[0.5,1.0,100000.0,1000000.0,1234567.0,0.0001,0.00001,-2.5]",
		  "[0.5 1 100000 1e+06 1.234567e+06 0.0001 1e-05 -2.5]" },
	};
	struct buf out = BUF_INIT(BUF_CAP_DEFAULT);
	json_error_t je;
	json_t *v;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = json_loads(cases[i].json, 0, &je);
		CHECK(v != NULL);
		buf_reset(&out);
		CHECK_INT(fieldcheck_gofmt(v, &out), 0);
		CHECK_STR(buf_str(&out), cases[i].want);
		json_decref(v);
	}
	buf_release(&out);
}

/* The definition's row, or NULL. */
static const struct openapi_field *
find_def(const char *def)
{
	const struct openapi_field *f;

	for (f = openapi_fields; f->def != NULL; f++)
		if (f->name == NULL && strcmp(f->def, def) == 0)
			return f;
	return NULL;
}

/* The table holds together: fields follow their definition, types exist. */
static void
test_table(void)
{
	static const char *const required[] = {
		"meta.v1.ObjectMeta", "meta.v1.OwnerReference", "core.v1.Pod",
		"core.v1.PodSpec", "core.v1.Container", "core.v1.ContainerPort",
		"core.v1.EnvVar", "core.v1.EnvVarSource", "core.v1.VolumeMount",
		"core.v1.Volume", "core.v1.EmptyDirVolumeSource",
		"core.v1.HostPathVolumeSource", "core.v1.ConfigMapVolumeSource",
		"core.v1.SecretVolumeSource",
		"core.v1.PersistentVolumeClaimVolumeSource", "core.v1.Probe",
		"core.v1.ExecAction", "core.v1.HTTPGetAction",
		"core.v1.TCPSocketAction", "core.v1.GRPCAction",
		"core.v1.ResourceRequirements", "core.v1.SecurityContext",
		"core.v1.PodSecurityContext", "core.v1.Toleration",
		"core.v1.PodTemplateSpec", "core.v1.Service",
		"core.v1.ServiceSpec", "core.v1.ServicePort",
		"core.v1.ConfigMap",
		"core.v1.Secret", "core.v1.Namespace", "apps.v1.Deployment",
		"apps.v1.DeploymentSpec", "apps.v1.DeploymentStrategy",
		"apps.v1.RollingUpdateDeployment", "apps.v1.ReplicaSet",
		"apps.v1.ReplicaSetSpec", "apps.v1.StatefulSet",
		"apps.v1.StatefulSetSpec", "apps.v1.DaemonSet",
		"apps.v1.DaemonSetSpec", "apps.v1.DaemonSetUpdateStrategy",
		"batch.v1.Job", "batch.v1.JobSpec", "batch.v1.CronJob",
		"batch.v1.CronJobSpec", "batch.v1.JobTemplateSpec",
		"meta.v1.LabelSelector", "meta.v1.LabelSelectorRequirement",
		"core.v1.ServiceAccount", NULL,
	};
	const struct openapi_field *f, *d = NULL, *g;
	const char *t;
	int i, bad = 0;

	for (i = 0; required[i] != NULL; i++) {
		if (!fieldcheck_complete(required[i]) ||
		    find_def(required[i]) == NULL) {
			printf("#   %s not complete\n", required[i]);
			bad++;
		}
	}
	for (f = openapi_fields; f->def != NULL; f++) {
		if (f->name == NULL) {
			d = f;
			if (find_def(f->def) != f) {
				printf("#   %s defined twice\n", f->def);
				bad++;
			}
			continue;
		}
		if (d == NULL || strcmp(d->def, f->def) != 0) {
			printf("#   %s.%s outside its definition\n", f->def,
			    f->name);
			bad++;
			continue;
		}
		for (g = d + 1; g < f; g++)
			if (strcmp(g->name, f->name) == 0) {
				printf("#   %s.%s twice\n", f->def, f->name);
				bad++;
			}
		t = f->type;
		if (strncmp(t, "[]", 2) == 0)
			t += 2;
		if (strncmp(t, "map:", 4) == 0)
			t += 4;
		if (strchr(t, '.') != NULL && find_def(t) == NULL) {
			printf("#   %s.%s: no definition %s\n", f->def, f->name,
			    t);
			bad++;
		}
	}
	CHECK_INT(bad, 0);
}

/* The errors as one line each, "|" between them. */
static const char *
errs_str(const struct fieldcheck_errs *e, struct buf *out)
{
	const char *s;

	buf_reset(out);
	for (s = fieldcheck_errs_next(e, NULL); s != NULL;
	    s = fieldcheck_errs_next(e, s))
		buf_addf(out, "%s%s", out->len ? "|" : "", s);
	return buf_str(out);
}

/* The strict errors of JSON body y for a ConfigMap or Deployment. */
static const char *
body_errs(const char *def, const char *y, struct buf *out)
{
	struct buf unknown = BUF_INIT(1 << 20);
	struct fieldcheck_errs e;
	json_t *v = parse(y);

	fieldcheck_errs_init(&e);
	fieldcheck_object(def, v, &unknown);
	fieldcheck_json_errors(y, strlen(y), buf_str(&unknown), 0, &e);
	errs_str(&e, out);
	fieldcheck_errs_release(&e);
	buf_release(&unknown);
	json_decref(v);
	return buf_str(out);
}

static void
test_duplicates(void)
{
	struct buf out = BUF_INIT(1 << 20), msg = BUF_INIT(1 << 20);
	struct fieldcheck_errs e, w;
	const char *y;

	/* upstream's field validation test, in short: duplicates and
	 * unknown fields in document order; an unknown field repeated is
	 * only unknown, and nothing under it counts */
	y = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
	    "\"metadata\":{\"name\":\"d\",\"name\":\"d\"},\"spec\":"
	    "{\"unknown1\":1,\"unknownDupe\":{\"a\":1,\"a\":2},"
	    "\"unknownDupe\":2,\"paused\":true,\"paused\":false,"
	    "\"selector\":{\"matchLabels\":{\"app\":\"x\"}},"
	    "\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\","
	    "\"image\":\"i\",\"unknownNested\":1,\"imagePullPolicy\":"
	    "\"Always\",\"imagePullPolicy\":\"Never\"}]}}}}";
	CHECK_STR(body_errs("apps.v1.Deployment", y, &out),
	    "duplicate field \"metadata.name\"|unknown field "
	    "\"spec.unknown1\"|unknown field \"spec.unknownDupe\"|duplicate "
	    "field \"spec.paused\"|unknown field "
	    "\"spec.template.spec.containers[0].unknownNested\"|duplicate "
	    "field \"spec.template.spec.containers[0].imagePullPolicy\"");
	/* maps report their repeats too */
	CHECK_STR(body_errs("core.v1.ConfigMap", "{\"data\":{\"a\":\"1\","
	    "\"a\":\"2\"},\"metadata\":{\"labels\":{\"x\":\"1\","
	    "\"x\":\"2\"}}}", &out), "duplicate field \"data.a\"|"
	    "duplicate field \"metadata.labels.x\"");
	CHECK_STR(body_errs("core.v1.ConfigMap", "{\"data\":{}}", &out), "");

	/* a JSON patch: operations are jsonPatchOp structs */
	fieldcheck_errs_init(&e);
	y = "[{\"op\":\"add\",\"path\":\"/a\",\"value\":{\"b\":1,"
	    "\"b\":2},\"value\":3,\"bogus\":1,\"bogus\":2}]";
	fieldcheck_json_errors(y, strlen(y), NULL, 1, &e);
	fieldcheck_errs_unknown(&e, "spec.x\n", "");
	CHECK_STR(errs_str(&e, &out), "json patch duplicate field "
	    "\"[0].value.b\"|json patch duplicate field \"[0].value\"|json "
	    "patch unknown field \"[0].bogus\"|unknown field \"spec.x\"");
	fieldcheck_errs_message(&e, &msg);
	CHECK_STR(buf_str(&msg), "strict decoding error: json patch duplicate "
	    "field \"[0].value.b\", json patch duplicate field \"[0].value\", "
	    "json patch unknown field \"[0].bogus\", unknown field "
	    "\"spec.x\"");
	fieldcheck_errs_release(&e);

	/* YAML: go-yaml's one error, split into warnings line by line */
	fieldcheck_errs_init(&e);
	fieldcheck_errs_init(&w);
	y = "data:\n  a: \"1\"\n  a: \"2\"\n  b: x\n  b: y\n";
	fieldcheck_yaml_errors(y, strlen(y), "", &e);
	fieldcheck_errs_unknown(&e, "spec\n", "");
	CHECK_STR(errs_str(&e, &out), "yaml: unmarshal errors:\n  line 3: key "
	    "\"a\" already set in map\n  line 5: key \"b\" already set in "
	    "map|unknown field \"spec\"");
	fieldcheck_errs_warnings(&e, &w);
	CHECK_STR(errs_str(&w, &out), "299 - \"line 3: key \\\"a\\\" already "
	    "set in map\"|299 - \"line 5: key \\\"b\\\" already set in "
	    "map\"|299 - \"unknown field \\\"spec\\\"\"");
	fieldcheck_errs_release(&e);
	fieldcheck_errs_release(&w);
	/* server-side apply's prefix is split off the same way */
	fieldcheck_errs_init(&e);
	fieldcheck_errs_init(&w);
	fieldcheck_yaml_errors("{\"a\":1,\"a\":2}", 13,
	    "error converting YAML to JSON: ", &e);
	CHECK_STR(errs_str(&e, &out), "error converting YAML to JSON: yaml: "
	    "unmarshal errors:\n  line 1: key \"a\" already set in map");
	fieldcheck_errs_warnings(&e, &w);
	CHECK_STR(errs_str(&w, &out), "299 - \"line 1: key \\\"a\\\" already "
	    "set in map\"");
	fieldcheck_errs_release(&e);
	fieldcheck_errs_release(&w);
	buf_release(&out);
	buf_release(&msg);
}

int
main(void)
{
	RUN(test_valid_manifests);
	RUN(test_typos);
	RUN(test_top_level);
	RUN(test_free_form);
	RUN(test_incomplete);
	RUN(test_cap_and_null);
	RUN(test_prune);
	RUN(test_messages);
	RUN(test_gofmt);
	RUN(test_duplicates);
	RUN(test_table);
	return TEST_EXIT();
}
