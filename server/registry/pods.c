/* pods.c - core/v1 Pod: PodSpec defaulting and validation (shared with
 * the pod templates of workloads), the QoS class and phase Pending on
 * create, the narrow set of fields a pod update may change, and the
 * READY / STATUS / RESTARTS columns computed as kubectl prints them.
 */
#include <string.h>
#include <time.h>

#include "../../lib/names.h"
#include "../../lib/quantity.h"
#include "../../lib/rfc3339.h"
#include "kinds.h"

#define PODS_MAX_NAMES	256

static const char *const pods_short[] = { "po", NULL };
static const char *const pods_categories[] = { "all", NULL };
static const char *const pods_fields[] = {
	"spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
	"spec.serviceAccountName", "spec.hostNetwork", "status.phase",
	"status.podIP", "status.podIPs", "status.nominatedNodeName", NULL,
};

static const struct registry_column pods_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Ready", "string", "", "The aggregate readiness state of this pod "
	    "for accepting traffic.", 0 },
	{ "Status", "string", "", "The aggregate status of the containers in "
	    "this pod.", 0 },
	{ "Restarts", "string", "", "The number of times the containers in "
	    "this pod have been restarted and when the last container in this "
	    "pod has restarted.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "IP", "string", "", "podIP address allocated to the pod. Routable "
	    "at least within the cluster. Empty if not yet allocated.", 1 },
	{ "Node", "string", "", "NodeName indicates in which node this pod is "
	    "scheduled. If empty, this pod is a candidate for scheduling by "
	    "the scheduler defined in schedulerName. Once this field is set, "
	    "the kubelet for this node becomes responsible for the lifecycle "
	    "of this pod. This field should not be used to express a desire "
	    "for the pod to be scheduled on a specific node. https://"
	    "kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/"
	    "#nodename", 1 },
	{ "Nominated Node", "string", "", "nominatedNodeName is set only when "
	    "this pod preempts other pods on the node, but it cannot be "
	    "scheduled right away as preemption victims receive their "
	    "graceful termination periods. This field does not guarantee "
	    "that the pod will be scheduled on this node. Scheduler may "
	    "decide to place the pod elsewhere if other nodes become "
	    "available sooner. Scheduler may also decide to give the "
	    "resources on this node to a higher priority pod that is created "
	    "after preemption. As a result, this field may be different than "
	    "PodSpec.nodeName when the pod is scheduled.", 1 },
	{ "Readiness Gates", "string", "", "If specified, all readiness gates "
	    "will be evaluated for pod readiness. A pod is ready when all its "
	    "containers are ready AND all conditions specified in the "
	    "readiness gates have status equal to \"True\" More info: https://"
	    "git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates",
	    1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

/* --- defaulting ------------------------------------------------------- */

/* Always for ":latest" or no tag (and no digest), else IfNotPresent. */
static const char *
pods_pull_policy(const char *image)
{
	const char *slash, *colon;

	if (image == NULL || strchr(image, '@') != NULL)
		return "IfNotPresent";
	slash = strrchr(image, '/');
	colon = strrchr(slash ? slash : image, ':');
	if (colon == NULL || strcmp(colon, ":latest") == 0)
		return "Always";
	return "IfNotPresent";
}

static void
pods_default_handler(json_t *h)
{
	json_t *hg = json_object_get(h, "httpGet");

	if (json_is_object(hg)) {
		reg_default_str(hg, "path", "/");
		reg_default_str(hg, "scheme", "HTTP");
	}
	/* +default="" of GRPCAction.service (kubectl describe reads it) */
	if (json_is_object(json_object_get(h, "grpc")))
		reg_default_str(json_object_get(h, "grpc"), "service", "");
}

static void
pods_default_probe(json_t *p)
{
	if (!json_is_object(p))
		return;
	reg_default_int(p, "timeoutSeconds", 1);
	reg_default_int(p, "periodSeconds", 10);
	reg_default_int(p, "successThreshold", 1);
	reg_default_int(p, "failureThreshold", 3);
	pods_default_handler(p);
}

static void
pods_default_env(json_t *c)
{
	json_t *e, *vf;
	size_t i;

	json_array_foreach(json_object_get(c, "env"), i, e) {
		vf = json_object_get(e, "valueFrom");
		if (json_is_object(json_object_get(vf, "fieldRef")))
			reg_default_str(json_object_get(vf, "fieldRef"),
			    "apiVersion", "v1");
		if (json_is_object(json_object_get(vf, "resourceFieldRef")))
			reg_default_str(json_object_get(vf,
			    "resourceFieldRef"), "divisor", "0");
	}
}

static void
pods_default_container(json_t *c, int host_network)
{
	json_t *p, *lc;
	size_t i;

	if (!json_is_object(c))
		return;
	reg_default_str(c, "terminationMessagePath", "/dev/termination-log");
	reg_default_str(c, "terminationMessagePolicy", "File");
	reg_default_str(c, "imagePullPolicy",
	    pods_pull_policy(reg_str(c, "image")));
	json_array_foreach(json_object_get(c, "ports"), i, p) {
		if (!json_is_object(p))
			continue;
		reg_default_str(p, "protocol", "TCP");
		if (host_network && reg_int(p, "hostPort", 0) == 0 &&
		    json_object_get(p, "containerPort") != NULL)
			json_object_set(p, "hostPort",
			    json_object_get(p, "containerPort"));
	}
	pods_default_probe(json_object_get(c, "livenessProbe"));
	pods_default_probe(json_object_get(c, "readinessProbe"));
	pods_default_probe(json_object_get(c, "startupProbe"));
	lc = json_object_get(c, "lifecycle");
	pods_default_handler(json_object_get(lc, "postStart"));
	pods_default_handler(json_object_get(lc, "preStop"));
	pods_default_env(c);
	reg_canon_quantities(reg_get(c, "resources.limits"));
	reg_canon_quantities(reg_get(c, "resources.requests"));
}

static void
pods_default_mode(json_t *vol, const char *source)
{
	json_t *s = json_object_get(vol, source);

	if (json_is_object(s))
		reg_default_int(s, "defaultMode", 420);
}

static void
pods_default_volume(json_t *v)
{
	static const char *const sources[] = { "hostPath", "emptyDir",
	    "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret",
	    "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
	    "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc",
	    "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk",
	    "photonPersistentDisk", "projected", "portworxVolume", "scaleIO",
	    "storageos", "csi", "ephemeral", "image", NULL };
	const char *const *s;
	json_t *s_;
	int any = 0;

	if (!json_is_object(v))
		return;
	for (s = sources; *s != NULL && !any; s++)
		any = json_object_get(v, *s) != NULL;
	if (!any)
		json_object_set_new(v, "emptyDir", json_object());
	pods_default_mode(v, "secret");
	pods_default_mode(v, "configMap");
	pods_default_mode(v, "downwardAPI");
	pods_default_mode(v, "projected");
	if (json_is_object(json_object_get(v, "hostPath")))
		reg_default_str(json_object_get(v, "hostPath"), "type", "");
	if (json_is_object(json_object_get(v, "iscsi")))
		reg_default_str(json_object_get(v, "iscsi"), "iscsiInterface",
		    "default");
	/* core/v1 SetDefaults_RBDVolumeSource, _AzureDiskVolumeSource,
	 * _ScaleIOVolumeSource, _PersistentVolumeClaimSpec (an ephemeral
	 * volume's claim template) */
	if (json_is_object(s_ = json_object_get(v, "rbd"))) {
		reg_default_str(s_, "pool", "rbd");
		reg_default_str(s_, "user", "admin");
		reg_default_str(s_, "keyring", "/etc/ceph/keyring");
	}
	if (json_is_object(s_ = json_object_get(v, "azureDisk"))) {
		reg_default_str(s_, "cachingMode", "ReadWrite");
		reg_default_str(s_, "kind", "Shared");
		reg_default_str(s_, "fsType", "ext4");
		reg_default_bool(s_, "readOnly", 0);
	}
	if (json_is_object(s_ = json_object_get(v, "scaleIO"))) {
		reg_default_str(s_, "storageMode", "ThinProvisioned");
		reg_default_str(s_, "fsType", "xfs");
	}
	if (json_is_object(s_ = reg_get(v, "ephemeral.volumeClaimTemplate.spec")))
		reg_default_str(s_, "volumeMode", "Filesystem");
}

void
pods_default_spec(json_t *spec)
{
	json_t *c;
	size_t i;
	int hn;

	if (!json_is_object(spec))
		return;
	hn = json_is_true(json_object_get(spec, "hostNetwork"));
	reg_default_str(spec, "dnsPolicy", "ClusterFirst");
	reg_default_str(spec, "restartPolicy", "Always");
	if (json_object_get(spec, "securityContext") == NULL)
		json_object_set_new(spec, "securityContext", json_object());
	reg_default_int(spec, "terminationGracePeriodSeconds", 30);
	reg_default_str(spec, "schedulerName", "default-scheduler");
	json_array_foreach(json_object_get(spec, "containers"), i, c)
		pods_default_container(c, hn);
	json_array_foreach(json_object_get(spec, "initContainers"), i, c)
		pods_default_container(c, hn);
	json_array_foreach(json_object_get(spec, "ephemeralContainers"), i, c)
		pods_default_container(c, 0);
	json_array_foreach(json_object_get(spec, "volumes"), i, c)
		pods_default_volume(c);
	if (reg_str(spec, "serviceAccountName") != NULL)
		json_object_set(spec, "serviceAccount",
		    json_object_get(spec, "serviceAccountName"));
	else if (reg_str(spec, "serviceAccount") != NULL)
		json_object_set(spec, "serviceAccountName",
		    json_object_get(spec, "serviceAccount"));
}

/* A pod's containers request what they limit unless told otherwise. */
static void
pods_requests_from_limits(json_t *c)
{
	json_t *lim = reg_get(c, "resources.limits"), *req, *v;
	const char *k;

	if (json_object_size(lim) == 0)
		return;
	req = reg_mkpath(c, "resources.requests");
	json_object_foreach(lim, k, v)
		if (json_object_get(req, k) == NULL)
			json_object_set(req, k, v);
}

static int
pods_qos_add(json_t *c, const char *which, struct quantity *sum, int *found)
{
	static const char *const names[] = { "cpu", "memory" };
	const char *s;
	struct quantity q;
	struct err err;
	int i, n = 0;

	for (i = 0; i < 2; i++) {
		s = json_string_value(json_object_get(reg_get(c, which),
		    names[i]));
		err_clear(&err);
		if (s == NULL || quantity_parse(s, &q, &err) < 0 || q.nano == 0)
			continue;
		quantity_add(&sum[i], &q);
		found[i] = 1;
		n++;
	}
	return n;
}

/* GetPodQOS: BestEffort, Burstable or Guaranteed. */
static const char *
pods_qos(const json_t *spec)
{
	static const char *const lists[] = { "containers", "initContainers" };
	struct quantity req[2], lim[2];
	int req_found[2] = { 0, 0 }, lim_found[2] = { 0, 0 }, both[2];
	int guaranteed = 1, i;
	size_t j;
	json_t *c;

	memset(req, 0, sizeof req);
	memset(lim, 0, sizeof lim);
	for (i = 0; i < 2; i++) {
		json_array_foreach(json_object_get(spec, lists[i]), j, c) {
			pods_qos_add(c, "resources.requests", req, req_found);
			both[0] = both[1] = 0;
			pods_qos_add(c, "resources.limits", lim, both);
			if (!both[0] || !both[1])
				guaranteed = 0;
			lim_found[0] |= both[0];
			lim_found[1] |= both[1];
		}
	}
	if (!req_found[0] && !req_found[1] && !lim_found[0] && !lim_found[1])
		return "BestEffort";
	for (i = 0; i < 2 && guaranteed; i++)
		if (req_found[i] && (!lim_found[i] ||
		    quantity_cmp(&req[i], &lim[i]) != 0))
			guaranteed = 0;
	if (guaranteed && req_found[0] == lim_found[0] &&
	    req_found[1] == lim_found[1])
		return "Guaranteed";
	return "Burstable";
}

/*
 * The DefaultTolerationSeconds admission plugin: a pod tolerates nodes
 * that are not ready or unreachable for 300 s before it is evicted,
 * unless it says otherwise for that taint.
 */
static void
pods_default_tolerations(json_t *spec)
{
	static const char *const keys[] = { "node.kubernetes.io/not-ready",
	    "node.kubernetes.io/unreachable", NULL };
	json_t *tols = json_object_get(spec, "tolerations"), *t;
	const char *k, *e;
	size_t i;
	int j, has;

	for (j = 0; keys[j] != NULL; j++) {
		has = 0;
		json_array_foreach(tols, i, t) {
			k = json_string_value(json_object_get(t, "key"));
			e = json_string_value(json_object_get(t, "effect"));
			if ((k == NULL || k[0] == '\0' || strcmp(k, keys[j]) ==
			    0) && (e == NULL || e[0] == '\0' ||
			    strcmp(e, "NoExecute") == 0))
				has = 1;
		}
		if (has)
			continue;
		if (!json_is_array(tols)) {
			tols = json_array();
			json_object_set_new(spec, "tolerations", tols);
		}
		json_array_append_new(tols, json_pack("{s:s, s:s, s:s, s:i}",
		    "key", keys[j], "operator", "Exists", "effect",
		    "NoExecute", "tolerationSeconds", 300));
	}
}

static void
pods_defaults(json_t *obj)
{
	json_t *spec = reg_mkpath(obj, "spec"), *c;
	size_t i;

	pods_default_spec(spec);
	reg_default_bool(spec, "enableServiceLinks", 1);
	json_array_foreach(json_object_get(spec, "containers"), i, c)
		pods_requests_from_limits(c);
	json_array_foreach(json_object_get(spec, "initContainers"), i, c)
		pods_requests_from_limits(c);
	if (reg_creating(obj)) {
		json_object_set_new(obj, "status", json_pack("{s:s, s:s}",
		    "phase", "Pending", "qosClass", pods_qos(spec)));
		pods_default_tolerations(spec);
	}
}

/* --- validation ------------------------------------------------------- */

struct pods_names {
	const char	*v[PODS_MAX_NAMES];
	size_t		 n;
};

/* 1 when name was seen before; remembers it otherwise. */
static int
pods_names_seen(struct pods_names *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return 1;
	if (s->n < PODS_MAX_NAMES)
		s->v[s->n++] = name;
	return 0;
}

static void
pods_check_port_num(const char *field, long long v, struct err *err)
{
	char val[32];

	if (v >= 1 && v <= 65535)
		return;
	snprintf(val, sizeof val, "%lld", v);
	err_field(err, ERR_CAUSE_INVALID, field, val,
	    "must be between 1 and 65535, inclusive");
}

static void
pods_check_ports(const json_t *c, const char *cpath, struct err *err)
{
	struct pods_names names = { .n = 0 };
	const json_t *p;
	const char *name, *proto, *why;
	char ppath[300], field[340], val[300];
	size_t i;

	json_array_foreach(json_object_get(c, "ports"), i, p) {
		snprintf(ppath, sizeof ppath, "%s.ports[%zu]", cpath, i);
		reg_path(field, sizeof field, ppath, "containerPort");
		if (reg_int(p, "containerPort", 0) == 0)
			err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
		else
			pods_check_port_num(field, reg_int(p, "containerPort",
			    0), err);
		name = reg_str(p, "name");
		reg_path(field, sizeof field, ppath, "name");
		if (name != NULL && name[0] != '\0') {
			if ((why = reg_port_name_error(name)) != NULL)
				err_field(err, ERR_CAUSE_INVALID, field,
				    reg_quote(name, val, sizeof val), "%s", why);
			else if (pods_names_seen(&names, name))
				err_field(err, ERR_CAUSE_DUPLICATE, field,
				    reg_quote(name, val, sizeof val), NULL);
		}
		if (reg_int(p, "hostPort", 0) != 0)
			pods_check_port_num(reg_path(field, sizeof field, ppath,
			    "hostPort"), reg_int(p, "hostPort", 0), err);
		proto = reg_str(p, "protocol");
		reg_path(field, sizeof field, ppath, "protocol");
		if (proto == NULL || proto[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
		else if (strcmp(proto, "TCP") != 0 &&
		    strcmp(proto, "UDP") != 0 && strcmp(proto, "SCTP") != 0)
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, field,
			    reg_quote(proto, val, sizeof val), "supported "
			    "values: \"SCTP\", \"TCP\", \"UDP\"");
	}
}

/* Quantities, and no request above its limit. */
static void
pods_check_resources(const json_t *c, const char *cpath, struct err *err)
{
	const json_t *lim = reg_get(c, "resources.limits");
	const json_t *req = reg_get(c, "resources.requests");
	struct quantity qr, ql;
	struct err perr;
	const char *k, *ls;
	json_t *v;
	char path[300], val[300];
	int nerr = err->ncauses;

	snprintf(path, sizeof path, "%s.resources.limits", cpath);
	reg_check_quantities(lim, path, err);
	snprintf(path, sizeof path, "%s.resources.requests", cpath);
	reg_check_quantities(req, path, err);
	if (err->ncauses != nerr)
		return;
	json_object_foreach((json_t *)req, k, v) {
		ls = json_string_value(json_object_get(lim, k));
		err_clear(&perr);
		if (ls == NULL || !json_is_string(v) ||
		    quantity_parse(json_string_value(v), &qr, &perr) < 0 ||
		    quantity_parse(ls, &ql, &perr) < 0 ||
		    quantity_cmp(&qr, &ql) <= 0)
			continue;
		err_field(err, ERR_CAUSE_INVALID, path,
		    reg_quote(json_string_value(v), val, sizeof val),
		    "must be less than or equal to %s limit of %s", k, ls);
	}
}

static void
pods_check_container(const json_t *c, const char *cpath,
    struct pods_names *names, struct err *err)
{
	const char *name = reg_str(c, "name"), *image = reg_str(c, "image");
	const char *s;
	const json_t *v;
	char field[300], val[400], why[512], sub[200];
	size_t i, n;

	reg_path(field, sizeof field, cpath, "name");
	if (name == NULL || name[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	else if (names_dns1123_label(name, why, sizeof why) < 0)
		err_field(err, ERR_CAUSE_INVALID, field, reg_quote(name, val,
		    sizeof val), "%s", why);
	else if (pods_names_seen(names, name))
		err_field(err, ERR_CAUSE_DUPLICATE, field, reg_quote(name, val,
		    sizeof val), NULL);
	reg_path(field, sizeof field, cpath, "image");
	if (image == NULL || image[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	else if ((n = strlen(image)) > 0 && (image[0] == ' ' ||
	    image[n - 1] == ' ' || image[0] == '\t' || image[n - 1] == '\t'))
		err_field(err, ERR_CAUSE_INVALID, field, reg_quote(image, val,
		    sizeof val), "must not have leading or trailing "
		    "whitespace");
	s = reg_str(c, "imagePullPolicy");
	reg_path(field, sizeof field, cpath, "imagePullPolicy");
	if (s == NULL || s[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	else if (strcmp(s, "Always") != 0 && strcmp(s, "IfNotPresent") != 0 &&
	    strcmp(s, "Never") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, field, reg_quote(s, val,
		    sizeof val), "supported values: \"Always\", "
		    "\"IfNotPresent\", \"Never\"");
	s = reg_str(c, "terminationMessagePolicy");
	reg_path(field, sizeof field, cpath, "terminationMessagePolicy");
	if (s != NULL && strcmp(s, "File") != 0 &&
	    strcmp(s, "FallbackToLogsOnError") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, field, reg_quote(s, val,
		    sizeof val), "supported values: \"File\", "
		    "\"FallbackToLogsOnError\"");
	pods_check_ports(c, cpath, err);
	json_array_foreach(json_object_get(c, "env"), i, v) {
		s = reg_str(v, "name");
		snprintf(sub, sizeof sub, "env[%zu].name", i);
		if (s == NULL || s[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, reg_path(field,
			    sizeof field, cpath, sub), NULL, NULL);
	}
	json_array_foreach(json_object_get(c, "volumeMounts"), i, v) {
		s = reg_str(v, "name");
		snprintf(sub, sizeof sub, "volumeMounts[%zu].name", i);
		if (s == NULL || s[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, reg_path(field,
			    sizeof field, cpath, sub), NULL, NULL);
		s = reg_str(v, "mountPath");
		snprintf(sub, sizeof sub, "volumeMounts[%zu].mountPath", i);
		if (s == NULL || s[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, reg_path(field,
			    sizeof field, cpath, sub), NULL, NULL);
	}
	pods_check_resources(c, cpath, err);
}

static void
pods_check_volumes(const json_t *spec, const char *path,
    struct pods_names *vols, struct err *err)
{
	const json_t *v;
	const char *name;
	char field[300], val[300], why[512];
	size_t i;

	json_array_foreach(json_object_get(spec, "volumes"), i, v) {
		name = reg_str(v, "name");
		snprintf(field, sizeof field, "%s.volumes[%zu].name", path, i);
		if (name == NULL || name[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
		else if (names_dns1123_label(name, why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, field,
			    reg_quote(name, val, sizeof val), "%s", why);
		else if (pods_names_seen(vols, name))
			err_field(err, ERR_CAUSE_DUPLICATE, field,
			    reg_quote(name, val, sizeof val), NULL);
	}
}

void
pods_validate_spec(const json_t *spec, const char *path, struct err *err)
{
	struct pods_names names = { .n = 0 }, vols = { .n = 0 };
	const json_t *c, *ads;
	const char *s;
	char field[300], cpath[300], val[300];
	size_t i;

	pods_check_volumes(spec, path, &vols, err);
	if (json_array_size(json_object_get(spec, "containers")) == 0)
		err_field(err, ERR_CAUSE_REQUIRED, reg_path(field, sizeof field,
		    path, "containers"), NULL, NULL);
	json_array_foreach(json_object_get(spec, "containers"), i, c) {
		snprintf(cpath, sizeof cpath, "%s.containers[%zu]", path, i);
		pods_check_container(c, cpath, &names, err);
	}
	json_array_foreach(json_object_get(spec, "initContainers"), i, c) {
		snprintf(cpath, sizeof cpath, "%s.initContainers[%zu]", path,
		    i);
		pods_check_container(c, cpath, &names, err);
	}
	s = reg_str(spec, "restartPolicy");
	reg_path(field, sizeof field, path, "restartPolicy");
	if (s == NULL || s[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	else if (strcmp(s, "Always") != 0 && strcmp(s, "OnFailure") != 0 &&
	    strcmp(s, "Never") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, field, reg_quote(s, val,
		    sizeof val), "supported values: \"Always\", \"OnFailure\", "
		    "\"Never\"");
	s = reg_str(spec, "dnsPolicy");
	reg_path(field, sizeof field, path, "dnsPolicy");
	if (s == NULL || s[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	else if (strcmp(s, "ClusterFirst") != 0 &&
	    strcmp(s, "ClusterFirstWithHostNet") != 0 &&
	    strcmp(s, "Default") != 0 && strcmp(s, "None") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, field, reg_quote(s, val,
		    sizeof val), "supported values: \"ClusterFirst\", "
		    "\"ClusterFirstWithHostNet\", \"Default\", \"None\"");
	ads = json_object_get(spec, "activeDeadlineSeconds");
	if (json_is_integer(ads) && (json_integer_value(ads) < 1 ||
	    json_integer_value(ads) > 2147483647)) {
		snprintf(val, sizeof val, "%lld",
		    (long long)json_integer_value(ads));
		err_field(err, ERR_CAUSE_INVALID, reg_path(field, sizeof field,
		    path, "activeDeadlineSeconds"), val, "must be between 1 "
		    "and 2147483647, inclusive");
	}
	s = reg_str(spec, "serviceAccountName");
	if (s != NULL && s[0] != '\0' &&
	    names_object_name(s, field, sizeof field) < 0) {
		char why[512];

		snprintf(why, sizeof why, "%s", field);
		err_field(err, ERR_CAUSE_INVALID, reg_path(field, sizeof field,
		    path, "serviceAccountName"), reg_quote(s, val, sizeof val),
		    "%s", why);
	}
}

/* Whether every element of small is in big (tolerations, gates). */
static int
pods_subset(const json_t *small, const json_t *big)
{
	const json_t *a, *b;
	size_t i, j;
	int found;

	json_array_foreach(small, i, a) {
		found = 0;
		json_array_foreach(big, j, b)
			if (json_equal((json_t *)a, (json_t *)b))
				found = 1;
		if (!found)
			return 0;
	}
	return 1;
}

/* Copies the images of old's containers into cur (same count only). */
static void
pods_copy_images(json_t *cur, const json_t *old, const char *list)
{
	json_t *a = json_object_get(cur, list);
	const json_t *b = json_object_get(old, list);
	size_t i;

	if (json_array_size(a) != json_array_size(b))
		return;
	for (i = 0; i < json_array_size(a); i++)
		if (json_is_object(json_array_get(a, i)))
			json_object_set(json_array_get(a, i), "image",
			    json_object_get(json_array_get(b, i), "image"));
}

/* ValidatePodUpdate's spec rule: only a few fields may change. */
static void
pods_check_update(const json_t *spec, const json_t *old_spec, struct err *err)
{
	json_t *cur = json_is_object(spec) ? json_deep_copy(spec) :
	    json_object(), *v;
	long long tg;

	pods_copy_images(cur, old_spec, "containers");
	pods_copy_images(cur, old_spec, "initContainers");
	if ((v = json_object_get(old_spec, "activeDeadlineSeconds")) != NULL)
		json_object_set(cur, "activeDeadlineSeconds", v);
	else
		json_object_del(cur, "activeDeadlineSeconds");
	if (pods_subset(json_object_get(old_spec, "tolerations"),
	    json_object_get(cur, "tolerations"))) {
		if ((v = json_object_get(old_spec, "tolerations")) != NULL)
			json_object_set(cur, "tolerations", v);
		else
			json_object_del(cur, "tolerations");
	}
	if (pods_subset(json_object_get(cur, "schedulingGates"),
	    json_object_get(old_spec, "schedulingGates"))) {
		if ((v = json_object_get(old_spec, "schedulingGates")) != NULL)
			json_object_set(cur, "schedulingGates", v);
		else
			json_object_del(cur, "schedulingGates");
	}
	tg = reg_int(old_spec, "terminationGracePeriodSeconds", 0);
	if (tg < 0 && reg_int(cur, "terminationGracePeriodSeconds", 0) == 1)
		json_object_set(cur, "terminationGracePeriodSeconds",
		    json_object_get(old_spec, "terminationGracePeriodSeconds"));
	if (!json_equal(cur, (json_t *)old_spec))
		err_field(err, ERR_CAUSE_FORBIDDEN, "spec", NULL, "pod updates "
		    "may not change fields other than "
		    "`spec.containers[*].image`,`spec.initContainers[*].image`,"
		    "`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
		    "additions to existing tolerations),"
		    "`spec.terminationGracePeriodSeconds` (allow it to be set "
		    "to 1 if it was previously negative)");
	json_decref(cur);
}

static int
pods_validate(const json_t *obj, const json_t *old, struct err *err)
{
	pods_validate_spec(json_object_get(obj, "spec"), "spec", err);
	if (old != NULL && err->ncauses == 0)
		pods_check_update(json_object_get(obj, "spec"),
		    json_object_get(old, "spec"), err);
	return err_invalid(err, "Pod", reg_str(obj, "metadata.name"));
}

/* --- table ------------------------------------------------------------ */

struct pods_restarts {
	long long	 count;
	long long	 last;		/* seconds, 0 when none */
	const char	*last_str;
};

static void
pods_note_restart(struct pods_restarts *r, const json_t *cs)
{
	const char *fin = reg_str(cs, "lastState.terminated.finishedAt");
	struct timespec ts;

	r->count += reg_int(cs, "restartCount", 0);
	if (fin == NULL || rfc3339_parse(fin, &ts) < 0)
		return;
	if (r->last_str == NULL || (long long)ts.tv_sec > r->last) {
		r->last = (long long)ts.tv_sec;
		r->last_str = fin;
	}
}

static const json_t *
pods_init_spec(const json_t *obj, const char *name)
{
	const json_t *c;
	size_t i;

	json_array_foreach(reg_get(obj, "spec.initContainers"), i, c)
		if (name != NULL && reg_str(c, "name") != NULL &&
		    strcmp(reg_str(c, "name"), name) == 0)
			return c;
	return NULL;
}

static int
pods_restartable(const json_t *c)
{
	const char *p = reg_str(c, "restartPolicy");

	return p != NULL && strcmp(p, "Always") == 0;
}

static int
pods_condition_true(const json_t *obj, const char *type)
{
	const json_t *c;
	size_t i;

	json_array_foreach(reg_get(obj, "status.conditions"), i, c)
		if (reg_str(c, "type") && strcmp(reg_str(c, "type"), type) == 0)
			return reg_str(c, "status") &&
			    strcmp(reg_str(c, "status"), "True") == 0;
	return 0;
}

/* The init containers' part of STATUS; 1 while still initializing. */
static int
pods_init_status(const json_t *obj, char *reason, size_t len,
    struct pods_restarts *all, struct pods_restarts *sidecar, long *ready)
{
	const json_t *cs, *spec;
	const char *r;
	size_t i, n = json_array_size(reg_get(obj, "spec.initContainers"));

	json_array_foreach(reg_get(obj, "status.initContainerStatuses"), i,
	    cs) {
		spec = pods_init_spec(obj, reg_str(cs, "name"));
		pods_note_restart(all, cs);
		if (pods_restartable(spec))
			pods_note_restart(sidecar, cs);
		if (reg_get(cs, "state.terminated") != NULL &&
		    reg_int(cs, "state.terminated.exitCode", 0) == 0)
			continue;
		if (pods_restartable(spec) &&
		    json_is_true(json_object_get(cs, "started"))) {
			if (json_is_true(json_object_get(cs, "ready")))
				(*ready)++;
			continue;
		}
		if (reg_get(cs, "state.terminated") != NULL) {
			r = reg_str(cs, "state.terminated.reason");
			if (r != NULL && r[0] != '\0')
				snprintf(reason, len, "Init:%s", r);
			else if (reg_int(cs, "state.terminated.signal", 0))
				snprintf(reason, len, "Init:Signal:%lld",
				    reg_int(cs, "state.terminated.signal", 0));
			else
				snprintf(reason, len, "Init:ExitCode:%lld",
				    reg_int(cs, "state.terminated.exitCode",
				    0));
		} else if ((r = reg_str(cs, "state.waiting.reason")) != NULL &&
		    r[0] != '\0' && strcmp(r, "PodInitializing") != 0)
			snprintf(reason, len, "Init:%s", r);
		else
			snprintf(reason, len, "Init:%zu/%zu", i, n);
		return 1;
	}
	return 0;
}

static void
pods_row(const json_t *obj, json_t *cells, long long now)
{
	struct pods_restarts all = { 0, 0, NULL }, sidecar = { 0, 0, NULL };
	const json_t *cs, *c, *gates;
	const char *phase = reg_str(obj, "status.phase"), *r, *ip;
	char reason[256], restarts[128], age[64], gatestr[64];
	size_t i, j;
	long ready = 0, total;
	int initializing, running, met;

	total = (long)json_array_size(reg_get(obj, "spec.containers"));
	json_array_foreach(reg_get(obj, "spec.initContainers"), i, c)
		if (pods_restartable(c))
			total++;
	snprintf(reason, sizeof reason, "%s", phase ? phase : "");
	if ((r = reg_str(obj, "status.reason")) != NULL && r[0] != '\0')
		snprintf(reason, sizeof reason, "%s", r);
	json_array_foreach(reg_get(obj, "status.conditions"), i, c)
		if (reg_str(c, "type") && strcmp(reg_str(c, "type"),
		    "PodScheduled") == 0 && reg_str(c, "reason") &&
		    strcmp(reg_str(c, "reason"), "SchedulingGated") == 0)
			snprintf(reason, sizeof reason, "SchedulingGated");
	initializing = pods_init_status(obj, reason, sizeof reason, &all,
	    &sidecar, &ready);
	if (!initializing || pods_condition_true(obj, "Initialized")) {
		all = sidecar;
		running = 0;
		cs = reg_get(obj, "status.containerStatuses");
		for (i = json_array_size(cs); i-- > 0;) {
			c = json_array_get(cs, i);
			pods_note_restart(&all, c);
			if ((r = reg_str(c, "state.waiting.reason")) != NULL &&
			    r[0] != '\0')
				snprintf(reason, sizeof reason, "%s", r);
			else if (reg_get(c, "state.terminated") != NULL &&
			    (r = reg_str(c, "state.terminated.reason")) &&
			    r[0] != '\0')
				snprintf(reason, sizeof reason, "%s", r);
			else if (reg_get(c, "state.terminated") != NULL) {
				if (reg_int(c, "state.terminated.signal", 0))
					snprintf(reason, sizeof reason,
					    "Signal:%lld", reg_int(c,
					    "state.terminated.signal", 0));
				else
					snprintf(reason, sizeof reason,
					    "ExitCode:%lld", reg_int(c,
					    "state.terminated.exitCode", 0));
			} else if (json_is_true(json_object_get(c, "ready")) &&
			    reg_get(c, "state.running") != NULL) {
				running = 1;
				ready++;
			}
		}
		if (strcmp(reason, "Completed") == 0 && running)
			snprintf(reason, sizeof reason, "%s",
			    pods_condition_true(obj, "Ready") ? "Running" :
			    "NotReady");
	}
	if (reg_get(obj, "metadata.deletionTimestamp") != NULL) {
		if ((r = reg_str(obj, "status.reason")) != NULL &&
		    strcmp(r, "NodeLost") == 0)
			snprintf(reason, sizeof reason, "Unknown");
		else if (phase == NULL || (strcmp(phase, "Failed") != 0 &&
		    strcmp(phase, "Succeeded") != 0))
			snprintf(reason, sizeof reason, "Terminating");
	}
	snprintf(restarts, sizeof restarts, "%lld", all.count);
	if (all.count != 0 && all.last_str != NULL) {
		reg_age(all.last_str, now, age, sizeof age);
		snprintf(restarts, sizeof restarts, "%lld (%s ago)", all.count,
		    age);
	}
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	json_array_append_new(cells, json_sprintf("%ld/%ld", ready, total));
	reg_cell_raw(cells, reason);
	reg_cell_raw(cells, restarts);
	reg_cell_age(cells, obj, now);
	ip = reg_str(json_array_get(reg_get(obj, "status.podIPs"), 0), "ip");
	reg_cell_str(cells, ip);
	reg_cell_str(cells, reg_str(obj, "spec.nodeName"));
	reg_cell_str(cells, reg_str(obj, "status.nominatedNodeName"));
	gates = reg_get(obj, "spec.readinessGates");
	if (json_array_size(gates) == 0) {
		reg_cell_str(cells, NULL);
		return;
	}
	met = 0;
	json_array_foreach(gates, i, c) {
		r = reg_str(c, "conditionType");
		json_array_foreach(reg_get(obj, "status.conditions"), j, cs) {
			if (r == NULL || reg_str(cs, "type") == NULL ||
			    strcmp(reg_str(cs, "type"), r) != 0)
				continue;
			if (reg_str(cs, "status") &&
			    strcmp(reg_str(cs, "status"), "True") == 0)
				met++;
			break;
		}
	}
	snprintf(gatestr, sizeof gatestr, "%d/%zu", met,
	    json_array_size(gates));
	reg_cell_raw(cells, gatestr);
}

const struct registry_kind registry_pods = {
	.group = "",
	.version = "v1",
	.kind = "Pod",
	.resource = "pods",
	.singular = "pod",
	.short_names = pods_short,
	.categories = pods_categories,
	.flags = REG_NAMESPACED | REG_STATUS | REG_BINDING | REG_EVICTION |
	    REG_LOG,
	.defaults = pods_defaults,
	.validate = pods_validate,
	.columns = pods_columns,
	.row = pods_row,
	.fields = pods_fields,
};
