/* smpatch.c - Kubernetes strategic merge patch: apply a patch and compute
 * the two-way patch between two objects, with the patch merge keys and
 * strategies of the built-in types (see smpatch.h).
 *
 * The algorithm follows apimachinery's pkg/util/strategicpatch (mergeMap,
 * mergeSlice, diffMaps, diffLists) so that patches sent by kubectl give
 * the same objects.  Differences: directive keys and nulls never reach the
 * result (Go drops them when decoding into the typed object), a map may
 * carry "$patch": "merge", and unknown fields are untyped (maps merge,
 * lists are replaced).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "err.h"
#include "mergepatch.h"
#include "smpatch.h"

#define SMP_MERGE	0x1	/* patchStrategy merge */
#define SMP_RETAIN	0x2	/* patchStrategy retainKeys */
#define SMP_REPLACE	0x4	/* patchStrategy replace */

#define SMP_DIRECTIVE	"$patch"
#define SMP_RETAINKEYS	"$retainKeys"
#define SMP_DELPRIM	"$deleteFromPrimitiveList"
#define SMP_SETORDER	"$setElementOrder"

/* The patch metadata of one field of one type. */
struct smp_field {
	const char	*type;
	const char	*field;
	const char	*sub;	/* type of the value or its elements */
	int		 flags;
	const char	*key;	/* patchMergeKey, NULL for primitive lists */
};

static const struct smp_field smp_fields[] = {
	{ "ObjectMeta", "ownerReferences", NULL, SMP_MERGE, "uid" },
	{ "ObjectMeta", "finalizers", NULL, SMP_MERGE, NULL },

	{ "Object", "metadata", "ObjectMeta", 0, NULL },

	{ "Pod", "metadata", "ObjectMeta", 0, NULL },
	{ "Pod", "spec", "PodSpec", 0, NULL },
	{ "Pod", "status", "PodStatus", 0, NULL },
	{ "PodSpec", "volumes", NULL, SMP_MERGE | SMP_RETAIN, "name" },
	{ "PodSpec", "initContainers", "Container", SMP_MERGE, "name" },
	{ "PodSpec", "containers", "Container", SMP_MERGE, "name" },
	{ "PodSpec", "ephemeralContainers", "Container", SMP_MERGE, "name" },
	{ "PodSpec", "imagePullSecrets", NULL, SMP_MERGE, "name" },
	{ "PodSpec", "hostAliases", NULL, SMP_MERGE, "ip" },
	{ "PodSpec", "topologySpreadConstraints", NULL, SMP_MERGE,
	    "topologyKey" },
	{ "PodSpec", "schedulingGates", NULL, SMP_MERGE, "name" },
	{ "PodSpec", "resourceClaims", NULL, SMP_MERGE | SMP_RETAIN, "name" },
	{ "Container", "ports", NULL, SMP_MERGE, "containerPort" },
	{ "Container", "env", NULL, SMP_MERGE, "name" },
	{ "Container", "volumeMounts", NULL, SMP_MERGE, "mountPath" },
	{ "Container", "volumeDevices", NULL, SMP_MERGE, "devicePath" },
	{ "PodStatus", "conditions", NULL, SMP_MERGE, "type" },
	{ "PodStatus", "hostIPs", NULL, SMP_MERGE, "ip" },
	{ "PodStatus", "podIPs", NULL, SMP_MERGE, "ip" },
	{ "PodStatus", "resourceClaimStatuses", NULL, SMP_MERGE | SMP_RETAIN,
	    "name" },
	{ "PodTemplateSpec", "metadata", "ObjectMeta", 0, NULL },
	{ "PodTemplateSpec", "spec", "PodSpec", 0, NULL },

	{ "PodTemplate", "metadata", "ObjectMeta", 0, NULL },
	{ "PodTemplate", "template", "PodTemplateSpec", 0, NULL },

	{ "CondStatus", "conditions", NULL, SMP_MERGE, "type" },
	{ "Conditioned", "metadata", "ObjectMeta", 0, NULL },
	{ "Conditioned", "status", "CondStatus", 0, NULL },

	{ "Deployment", "metadata", "ObjectMeta", 0, NULL },
	{ "Deployment", "spec", "DeploymentSpec", 0, NULL },
	{ "Deployment", "status", "CondStatus", 0, NULL },
	{ "DeploymentSpec", "template", "PodTemplateSpec", 0, NULL },
	{ "DeploymentSpec", "strategy", NULL, SMP_RETAIN, NULL },

	{ "Workload", "metadata", "ObjectMeta", 0, NULL },
	{ "Workload", "spec", "WorkloadSpec", 0, NULL },
	{ "Workload", "status", "CondStatus", 0, NULL },
	{ "WorkloadSpec", "template", "PodTemplateSpec", 0, NULL },

	{ "CronJob", "metadata", "ObjectMeta", 0, NULL },
	{ "CronJob", "spec", "CronJobSpec", 0, NULL },
	{ "CronJobSpec", "jobTemplate", "JobTemplateSpec", 0, NULL },
	{ "JobTemplateSpec", "metadata", "ObjectMeta", 0, NULL },
	{ "JobTemplateSpec", "spec", "WorkloadSpec", 0, NULL },

	{ "Service", "metadata", "ObjectMeta", 0, NULL },
	{ "Service", "spec", "ServiceSpec", 0, NULL },
	{ "Service", "status", "CondStatus", 0, NULL },
	{ "ServiceSpec", "ports", NULL, SMP_MERGE, "port" },

	{ "ServiceAccount", "metadata", "ObjectMeta", 0, NULL },
	{ "ServiceAccount", "secrets", NULL, SMP_MERGE, "name" },

	{ "Node", "metadata", "ObjectMeta", 0, NULL },
	{ "Node", "spec", "NodeSpec", 0, NULL },
	{ "Node", "status", "NodeStatus", 0, NULL },
	{ "NodeSpec", "podCIDRs", NULL, SMP_MERGE, NULL },
	{ "NodeStatus", "conditions", NULL, SMP_MERGE, "type" },
	{ "NodeStatus", "addresses", NULL, SMP_MERGE, "type" },

	{ "PodDisruptionBudget", "metadata", "ObjectMeta", 0, NULL },
	{ "PodDisruptionBudget", "spec", "PDBSpec", 0, NULL },
	{ "PodDisruptionBudget", "status", "CondStatus", 0, NULL },
	{ "PDBSpec", "selector", NULL, SMP_REPLACE, NULL },

	{ "ComponentStatus", "metadata", "ObjectMeta", 0, NULL },
	{ "ComponentStatus", "conditions", NULL, SMP_MERGE, "type" },
};

/* The built-in kinds and the type of their top-level object. */
static const struct {
	const char	*kind;
	const char	*type;
} smp_kinds[] = {
	{ "Pod", "Pod" },
	{ "PodTemplate", "PodTemplate" },
	{ "Deployment", "Deployment" },
	{ "ReplicaSet", "Workload" },
	{ "StatefulSet", "Workload" },
	{ "DaemonSet", "Workload" },
	{ "ReplicationController", "Workload" },
	{ "Job", "Workload" },
	{ "CronJob", "CronJob" },
	{ "Service", "Service" },
	{ "ServiceAccount", "ServiceAccount" },
	{ "Node", "Node" },
	{ "Namespace", "Conditioned" },
	{ "PersistentVolumeClaim", "Conditioned" },
	{ "HorizontalPodAutoscaler", "Conditioned" },
	{ "ServiceCIDR", "Conditioned" },
	{ "PodDisruptionBudget", "PodDisruptionBudget" },
	{ "ComponentStatus", "ComponentStatus" },
	{ "ConfigMap", "Object" },
	{ "Secret", "Object" },
	{ "Endpoints", "Object" },
	{ "EndpointSlice", "Object" },
	{ "Event", "Object" },
	{ "LimitRange", "Object" },
	{ "ResourceQuota", "Object" },
	{ "PersistentVolume", "Object" },
	{ "Binding", "Object" },
	{ "Role", "Object" },
	{ "ClusterRole", "Object" },
	{ "RoleBinding", "Object" },
	{ "ClusterRoleBinding", "Object" },
	{ "Ingress", "Object" },
	{ "IngressClass", "Object" },
	{ "NetworkPolicy", "Object" },
	{ "IPAddress", "Object" },
	{ "Lease", "Object" },
	{ "PriorityClass", "Object" },
	{ "StorageClass", "Object" },
	{ "CSIDriver", "Object" },
	{ "CSINode", "Object" },
	{ "CSIStorageCapacity", "Object" },
	{ "VolumeAttachment", "Object" },
	{ "RuntimeClass", "Object" },
	{ "ControllerRevision", "Object" },
	{ "CertificateSigningRequest", "Object" },
	{ "CustomResourceDefinition", "Object" },
	{ "APIService", "Object" },
	{ "MutatingWebhookConfiguration", "Object" },
	{ "ValidatingWebhookConfiguration", "Object" },
	{ "ValidatingAdmissionPolicy", "Object" },
	{ "ValidatingAdmissionPolicyBinding", "Object" },
	{ "FlowSchema", "Object" },
	{ "PriorityLevelConfiguration", "Object" },
};

/* The metadata of a field: where it leads, its strategy, its key. */
struct smp_meta {
	const char	*sub;
	int		 flags;
	const char	*key;
};

/* Go's reflect kinds as far as they matter here. */
enum smp_kind {
	SMP_K_NONE = 0,		/* no elements */
	SMP_K_MAP,
	SMP_K_LIST,
	SMP_K_STRING,
	SMP_K_NUMBER,
	SMP_K_BOOL,
	SMP_K_NULL,
};

static json_t	*smp_merge_map(json_t *, json_t *, const char *,
		    struct err *);
static json_t	*smp_diff_map(const json_t *, const json_t *, const char *,
		    int, struct err *);

static const char *
smp_kind_type(const char *kind)
{
	size_t i;

	if (kind == NULL)
		return NULL;
	for (i = 0; i < sizeof smp_kinds / sizeof smp_kinds[0]; i++)
		if (strcmp(smp_kinds[i].kind, kind) == 0)
			return smp_kinds[i].type;
	return NULL;
}

/* Fills m for field of type; all zero when unknown (untyped). */
static void
smp_lookup(const char *type, const char *field, struct smp_meta *m)
{
	size_t i;

	m->sub = NULL;
	m->flags = 0;
	m->key = NULL;
	if (type == NULL)
		return;
	for (i = 0; i < sizeof smp_fields / sizeof smp_fields[0]; i++) {
		if (strcmp(smp_fields[i].type, type) == 0 &&
		    strcmp(smp_fields[i].field, field) == 0) {
			m->sub = smp_fields[i].sub;
			m->flags = smp_fields[i].flags;
			m->key = smp_fields[i].key;
			return;
		}
	}
}

int
smpatch_known_kind(const char *kind)
{
	return smp_kind_type(kind) != NULL;
}

const char *
smpatch_merge_key(const char *kind, const char *path)
{
	const char *type, *s, *dot;
	struct smp_meta m;
	char seg[256];
	size_t n;

	if ((type = smp_kind_type(kind)) == NULL || path == NULL)
		return NULL;
	for (s = path;; s = dot + 1) {
		dot = strchr(s, '.');
		n = dot ? (size_t)(dot - s) : strlen(s);
		if (n >= sizeof seg)
			return NULL;
		memcpy(seg, s, n);
		seg[n] = '\0';
		smp_lookup(type, seg, &m);
		if (dot == NULL)
			break;
		if ((type = m.sub) == NULL)
			return NULL;
	}
	if (!(m.flags & SMP_MERGE))
		return NULL;
	return m.key ? m.key : "";
}

static enum smp_kind
smp_kindof(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return SMP_K_MAP;
	case JSON_ARRAY:
		return SMP_K_LIST;
	case JSON_STRING:
		return SMP_K_STRING;
	case JSON_INTEGER:
	case JSON_REAL:
		return SMP_K_NUMBER;
	case JSON_TRUE:
	case JSON_FALSE:
		return SMP_K_BOOL;
	default:
		return SMP_K_NULL;
	}
}

/* Deep equality where numbers compare by value, like Go's DeepEqual on
 * decoded JSON. */
static int
smp_equal(const json_t *a, const json_t *b)
{
	const char *key;
	json_t *av, *bv;
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (json_is_number(a) && json_is_number(b)) {
		if (json_is_integer(a) && json_is_integer(b))
			return json_integer_value(a) == json_integer_value(b);
		return json_number_value(a) == json_number_value(b);
	}
	if (json_typeof(a) != json_typeof(b))
		return 0;
	if (json_is_object(a)) {
		if (json_object_size(a) != json_object_size(b))
			return 0;
		json_object_foreach((json_t *)a, key, av) {
			bv = json_object_get(b, key);
			if (bv == NULL || !smp_equal(av, bv))
				return 0;
		}
		return 1;
	}
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++)
			if (!smp_equal(json_array_get(a, i),
			    json_array_get(b, i)))
				return 0;
		return 1;
	}
	return json_equal((json_t *)a, (json_t *)b);
}

/* Go's fmt "%v" of a decoded scalar, for ordering. */
static void
smp_str(const json_t *v, char *s, size_t n)
{
	double d;

	if (json_is_string(v))
		snprintf(s, n, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(s, n, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v)) {
		d = json_real_value(v);
		if (d == (double)(long long)d && d < 1e6 && d > -1e6)
			snprintf(s, n, "%lld", (long long)d);
		else
			snprintf(s, n, "%.17g", d);
	} else if (json_is_boolean(v))
		snprintf(s, n, "%s", json_is_true(v) ? "true" : "false");
	else if (v == NULL || json_is_null(v))
		snprintf(s, n, "<nil>");
	else
		snprintf(s, n, "map[]");
}

static int
smp_has_prefix(const char *key, const char *prefix)
{
	return strncmp(key, prefix, strlen(prefix)) == 0;
}

static int
smp_is_directive_key(const char *key)
{
	return strcmp(key, SMP_RETAINKEYS) == 0 ||
	    smp_has_prefix(key, SMP_SETORDER "/") ||
	    smp_has_prefix(key, SMP_DELPRIM "/");
}

/*
 * Go's removeDirectives and discardNullValuesFromPatch, in place: maps
 * holding "$patch" go away (returns 0), directive keys and null members
 * are dropped.
 */
static int
smp_clean(json_t *v)
{
	const char *key;
	json_t *sub;
	void *tmp;
	size_t i;

	if (json_is_object(v)) {
		if (json_object_get(v, SMP_DIRECTIVE) != NULL)
			return 0;
		json_object_foreach_safe(v, tmp, key, sub) {
			if (json_is_null(sub) || smp_is_directive_key(key) ||
			    !smp_clean(sub))
				json_object_del(v, key);
		}
	} else if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v);) {
			if (!smp_clean(json_array_get(v, i)))
				json_array_remove(v, i);
			else
				i++;
		}
	}
	return 1;
}

/* A cleaned deep copy of a patch value; NULL when it is a directive. */
static json_t *
smp_clean_copy(const json_t *v)
{
	json_t *c;

	if ((c = json_deep_copy(v)) == NULL)
		return NULL;
	if (!smp_clean(c)) {
		json_decref(c);
		return NULL;
	}
	return c;
}

/* Sets or deletes (when v is NULL) obj[key]. */
static int
smp_set(json_t *obj, const char *key, json_t *v, struct err *err)
{
	if (v == NULL) {
		json_object_del(obj, key);
		return 0;
	}
	if (json_object_set_new(obj, key, v) < 0)
		return err_set(err, ERR_INTERNAL, "out of memory");
	return 0;
}

static int
smp_append(json_t *a, json_t *v, struct err *err)
{
	if (v == NULL || json_array_append_new(a, v) < 0)
		return err_set(err, ERR_INTERNAL, "out of memory");
	return 0;
}

static int
smp_nomerge_key(const json_t *m, const char *key, struct err *err)
{
	char *s;
	int rc;

	s = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	rc = err_set(err, ERR_BAD_REQUEST, "map: %s does not contain declared "
	    "merge key: %s", s ? s : "?", key ? key : "");
	free(s);
	return rc;
}

/*
 * The kind of the elements of a and b (either may be NULL); an error for
 * lists of lists and mixed lists.
 */
static int
smp_elem_kind(const json_t *a, const json_t *b, enum smp_kind *kind,
    struct err *err)
{
	const json_t *lists[2] = { a, b };
	enum smp_kind k, prev = SMP_K_NONE;
	size_t i, j;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < json_array_size(lists[i]); j++) {
			k = smp_kindof(json_array_get(lists[i], j));
			if (k == SMP_K_LIST)
				return err_set(err, ERR_INVALID,
				    "lists of lists are not supported");
			if (k == SMP_K_NULL || (prev != SMP_K_NONE &&
			    k != prev))
				return err_set(err, ERR_BAD_REQUEST, "list "
				    "element types are not identical");
			prev = k;
		}
	}
	*kind = prev;
	return 0;
}

/* Go's `==` on two decoded scalars (maps compare deeply here). */
static int
smp_scalar_eq(const json_t *a, const json_t *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return smp_equal(a, b);
}

/* The value compared for ordering: the merge key of maps, else itself. */
static const json_t *
smp_order_val(const json_t *v, const char *key, enum smp_kind kind)
{
	if (kind != SMP_K_MAP)
		return v;
	if (!json_is_object(v) || key == NULL)
		return NULL;
	return json_object_get(v, key);
}

/* Go's index(): position of item in l, or -1. */
static long
smp_index(const json_t *l, const json_t *item, const char *key,
    enum smp_kind kind)
{
	const json_t *want = smp_order_val(item, key, kind);
	size_t i;

	for (i = 0; i < json_array_size(l); i++)
		if (smp_scalar_eq(want, smp_order_val(json_array_get(l, i),
		    key, kind)))
			return (long)i;
	return -1;
}

/* Stable merge sort of n longs by value, carrying a parallel index. */
static void
smp_sort(long *val, size_t *idx, size_t n, long *tv, size_t *ti)
{
	size_t h, i, j, k;

	if (n < 2)
		return;
	h = n / 2;
	smp_sort(val, idx, h, tv, ti);
	smp_sort(val + h, idx + h, n - h, tv, ti);
	for (i = 0, j = h, k = 0; k < n; k++) {
		if (j >= n || (i < h && val[i] <= val[j])) {
			tv[k] = val[i];
			ti[k] = idx[i++];
		} else {
			tv[k] = val[j];
			ti[k] = idx[j++];
		}
	}
	memcpy(val, tv, n * sizeof *val);
	memcpy(idx, ti, n * sizeof *idx);
}

/*
 * Returns a new list: `list` stably ordered by the position of each item
 * in `order` (items missing from it last).
 */
static json_t *
smp_sort_by(const json_t *list, const json_t *order, const char *key,
    enum smp_kind kind)
{
	size_t n = json_array_size(list), i, *idx = NULL, *ti = NULL;
	long *val = NULL, *tv = NULL, p;
	json_t *out = NULL;

	if ((out = json_array()) == NULL)
		return NULL;
	if (n == 0)
		return out;
	val = calloc(n, sizeof *val);
	tv = calloc(n, sizeof *tv);
	idx = calloc(n, sizeof *idx);
	ti = calloc(n, sizeof *ti);
	if (val == NULL || tv == NULL || idx == NULL || ti == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		p = smp_index(order, json_array_get(list, i), key, kind);
		val[i] = p < 0 ? (long)json_array_size(order) : p;
		idx[i] = i;
	}
	smp_sort(val, idx, n, tv, ti);
	for (i = 0; i < n; i++)
		if (json_array_append(out, json_array_get(list, idx[i])) < 0)
			goto fail;
	goto out;
fail:
	json_decref(out);
	out = NULL;
out:
	free(val);
	free(tv);
	free(idx);
	free(ti);
	return out;
}

static int
smp_is_delete_elem(const json_t *v)
{
	const char *d = json_string_value(json_object_get(v, SMP_DIRECTIVE));

	return d != NULL && strcmp(d, "delete") == 0;
}

/* Go's normalizeSliceOrder: a new list, deletions at the end. */
static json_t *
smp_normalize_order(const json_t *list, const json_t *order, const char *key,
    enum smp_kind kind, struct err *err)
{
	json_t *keep = NULL, *del = NULL, *out = NULL, *v;
	const json_t *lists[2] = { list, order };
	size_t i, j;

	if (kind == SMP_K_MAP) {
		for (i = 0; i < 2; i++)
			json_array_foreach(lists[i], j, v) {
				if (!json_is_object(v)) {
					err_set(err, ERR_BAD_REQUEST,
					    "expected a map, but received a %s",
					    json_is_array(v) ? "slice" :
					    "scalar");
					return NULL;
				}
				if (key == NULL ||
				    json_object_get(v, key) == NULL) {
					smp_nomerge_key(v, key, err);
					return NULL;
				}
			}
	}
	if ((keep = json_array()) == NULL || (del = json_array()) == NULL)
		goto nomem;
	json_array_foreach(list, i, v) {
		if (json_array_append(kind == SMP_K_MAP &&
		    smp_is_delete_elem(v) ? del : keep, v) < 0)
			goto nomem;
	}
	if ((out = smp_sort_by(keep, order, key, kind)) == NULL ||
	    json_array_extend(out, del) < 0)
		goto nomem;
	json_decref(keep);
	json_decref(del);
	return out;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
	json_decref(keep);
	json_decref(del);
	json_decref(out);
	return NULL;
}

/*
 * Go's mergeSortedSlice: interleaves the server-only items (left) into
 * the patch items (right) by their order in the live list.
 */
static json_t *
smp_merge_sorted(const json_t *left, const json_t *right,
    const json_t *server, const char *key, enum smp_kind kind)
{
	size_t nl = json_array_size(left), nr = json_array_size(right);
	size_t i = 0, j = 0;
	long li, ri;
	json_t *out, *v;

	if ((out = json_array()) == NULL)
		return NULL;
	while (i < nl || j < nr) {
		if (i >= nl)
			v = json_array_get(right, j++);
		else if (j >= nr)
			v = json_array_get(left, i++);
		else {
			li = smp_index(server, json_array_get(left, i), key,
			    kind);
			ri = smp_index(server, json_array_get(right, j), key,
			    kind);
			if (li >= 0 && ri >= 0 && li < ri)
				v = json_array_get(left, i++);
			else
				v = json_array_get(right, j++);
		}
		if (json_array_append(out, v) < 0) {
			json_decref(out);
			return NULL;
		}
	}
	return out;
}

/* Go's findMapInSliceBasedOnKeyValue: index of the first match or -1. */
static long
smp_find_map(const json_t *l, const char *key, const json_t *val,
    struct err *err)
{
	json_t *v, *kv;
	size_t i;

	json_array_foreach(l, i, v) {
		if (!json_is_object(v)) {
			err_set(err, ERR_BAD_REQUEST, "value for key %zu is "
			    "not a map", i);
			return -2;
		}
		kv = json_object_get(v, key);
		if (kv != NULL && smp_scalar_eq(kv, val))
			return (long)i;
	}
	return -1;
}

/*
 * Splits merged into the items present in `by` and the others (Go's
 * partitionMapsByPresentInList / partitionPrimitivesByPresentInList).
 */
static int
smp_partition(const json_t *merged, const json_t *by, const char *key,
    json_t **in, json_t **out, struct err *err)
{
	json_t *v, *kv;
	size_t i, j;
	long at;
	int found;

	*in = json_array();
	*out = json_array();
	if (*in == NULL || *out == NULL)
		goto nomem;
	json_array_foreach(merged, i, v) {
		if (key != NULL) {
			if (!json_is_object(v)) {
				err_set(err, ERR_BAD_REQUEST, "expected a map, "
				    "but received a %s", "non-map");
				goto fail;
			}
			if ((kv = json_object_get(v, key)) == NULL) {
				smp_nomerge_key(v, key, err);
				goto fail;
			}
			if ((at = smp_find_map(by, key, kv, err)) < -1)
				goto fail;
			found = at >= 0;
		} else {
			found = 0;
			for (j = 0; j < json_array_size(by) && !found; j++)
				found = smp_scalar_eq(v, json_array_get(by, j));
		}
		if (json_array_append(found ? *in : *out, v) < 0)
			goto nomem;
	}
	return 0;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
fail:
	json_decref(*in);
	json_decref(*out);
	*in = *out = NULL;
	return -1;
}

/* Go's normalizeElementOrder. */
static json_t *
smp_normalize_elements(const json_t *patch, const json_t *server_only,
    const json_t *patch_order, const json_t *server_order, const char *key,
    enum smp_kind kind, struct err *err)
{
	json_t *p = NULL, *s = NULL, *out = NULL;

	if ((p = smp_normalize_order(patch, patch_order, key, kind, err))
	    == NULL)
		goto out;
	if ((s = smp_normalize_order(server_only, server_order, key, kind,
	    err)) == NULL)
		goto out;
	if ((out = smp_merge_sorted(s, p, server_order, key, kind)) == NULL)
		err_set(err, ERR_INTERNAL, "out of memory");
out:
	json_decref(p);
	json_decref(s);
	return out;
}

/* Go's "clever" deduplicateScalars, in place, order included. */
static void
smp_dedup(json_t *s)
{
	size_t i, j, len;

	if (json_array_size(s) < 2)
		return;
	len = json_array_size(s) - 1;
	for (i = 0; i < len; i++) {
		for (j = i + 1; j <= len; j++) {
			if (smp_scalar_eq(json_array_get(s, i),
			    json_array_get(s, j))) {
				json_array_set(s, j, json_array_get(s, len));
				json_array_remove(s, len);
				len--;
				j--;
			}
		}
	}
}

/*
 * Go's mergeSlice; orig and patch are lists.  A new list.
 *
 * When window is not NULL it receives what Go's caller later sees through
 * its own slice header of the original list, whose backing array
 * mergeSlice edits in place: deletions shift the items left and new items
 * are appended into the freed slots.  mergePatchIntoOriginal orders the
 * server-only items by that view, so the same is done here.
 */
static json_t *
smp_merge_slice(const json_t *orig, json_t *patch, const struct smp_meta *m,
    int isdel, json_t **window, struct err *err)
{
	json_t *o = NULL, *p = NULL, *merged = NULL, *in = NULL, *out = NULL;
	json_t *res = NULL, *v, *kv, *c;
	enum smp_kind kind;
	const char *d, *key = m->key;
	size_t i, j, cur = json_array_size(orig);
	long at;
	int replace = 0;

	if (window != NULL)
		*window = NULL;
	if (json_array_size(orig) == 0 && json_array_size(patch) == 0)
		return json_array();
	if (smp_elem_kind(orig, patch, &kind, err) < 0)
		return NULL;
	if (kind != SMP_K_MAP) {
		if ((merged = json_array()) == NULL)
			goto nomem;
		if (isdel) {
			json_array_foreach(orig, i, v) {
				if (smp_index(patch, v, NULL, kind) < 0 &&
				    json_array_append(merged, v) < 0)
					goto nomem;
			}
			return merged;
		}
		if (json_array_extend(merged, (json_t *)orig) < 0 ||
		    json_array_extend(merged, patch) < 0)
			goto nomem;
		smp_dedup(merged);
		if (smp_partition(merged, patch, NULL, &in, &out, err) < 0)
			goto fail;
		res = smp_normalize_elements(in, out, patch, orig, NULL, kind,
		    err);
		goto done;
	}
	if (key == NULL) {
		err_set(err, ERR_BAD_REQUEST, "cannot merge lists without "
		    "merge key");
		goto fail;
	}
	/* mergeSliceWithSpecialElements */
	if ((o = json_copy((json_t *)orig)) == NULL ||
	    (p = json_array()) == NULL)
		goto nomem;
	if (window != NULL && (*window = json_copy((json_t *)orig)) == NULL)
		goto nomem;
	json_array_foreach(patch, i, v) {
		if ((d = json_string_value(json_object_get(v, SMP_DIRECTIVE)))
		    == NULL && json_object_get(v, SMP_DIRECTIVE) == NULL) {
			if (json_array_append(p, v) < 0)
				goto nomem;
			continue;
		}
		if (d != NULL && strcmp(d, "delete") == 0) {
			if ((kv = json_object_get(v, key)) == NULL) {
				smp_nomerge_key(v, key, err);
				goto fail;
			}
			while ((at = smp_find_map(o, key, kv, err)) >= 0) {
				json_array_remove(o, (size_t)at);
				for (j = (size_t)at; window && j + 1 < cur; j++)
					json_array_set(*window, j,
					    json_array_get(*window, j + 1));
				cur--;
			}
			if (at < -1)
				goto fail;
		} else if (d != NULL && strcmp(d, "replace") == 0)
			replace = 1;
		else if (d != NULL && strcmp(d, "merge") == 0) {
			err_set(err, ERR_BAD_REQUEST, "merging lists cannot "
			    "yet be specified in the patch");
			goto fail;
		} else {
			err_set(err, ERR_BAD_REQUEST, "unknown patch type: %s "
			    "in list element", d ? d : "(non-string)");
			goto fail;
		}
	}
	if (replace) {
		json_decref(o);
		if ((o = json_array()) == NULL)
			goto nomem;
		json_array_foreach(p, i, v) {
			if ((c = smp_clean_copy(v)) != NULL &&
			    json_array_append_new(o, c) < 0)
				goto nomem;
		}
		json_array_clear(p);
	}
	/* mergeSliceWithoutSpecialElements */
	if ((merged = json_copy(o)) == NULL)
		goto nomem;
	json_array_foreach(p, i, v) {
		if ((kv = json_object_get(v, key)) == NULL) {
			smp_nomerge_key(v, key, err);
			goto fail;
		}
		if ((at = smp_find_map(merged, key, kv, err)) < -1)
			goto fail;
		if (at >= 0) {
			c = json_array_get(merged, (size_t)at);
			json_incref(c);
			if ((c = smp_merge_map(c, v, m->sub, err)) == NULL)
				goto fail;
			if (json_array_set_new(merged, (size_t)at, c) < 0)
				goto nomem;
		} else if ((c = smp_clean_copy(v)) != NULL) {
			if (window != NULL && !replace &&
			    cur < json_array_size(*window))
				json_array_set(*window, cur++, c);
			if (json_array_append_new(merged, c) < 0)
				goto nomem;
		}
	}
	if (smp_partition(merged, p, key, &in, &out, err) < 0)
		goto fail;
	res = smp_normalize_elements(in, out, p, o, key, kind, err);
	goto done;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
fail:
	json_decref(res);
	res = NULL;
	if (window != NULL) {
		json_decref(*window);
		*window = NULL;
	}
done:
	json_decref(o);
	json_decref(p);
	json_decref(merged);
	json_decref(in);
	json_decref(out);
	return res;
}

/* Go's mergeSliceHandler: merge lists merge, other lists are replaced. */
static json_t *
smp_merge_slice_handler(const json_t *orig, json_t *patch,
    const struct smp_meta *m, int isdel, json_t **window, struct err *err)
{
	json_t *c;

	if (window != NULL)
		*window = NULL;
	if ((m->flags & SMP_MERGE) || isdel)
		return smp_merge_slice(orig, patch, m, isdel, window, err);
	if ((c = smp_clean_copy(patch)) == NULL)
		err_set(err, ERR_INTERNAL, "out of memory");
	return c;
}

/* Go's applyRetainKeysDirective. */
static int
smp_retain_keys(json_t *orig, json_t *patch, struct err *err)
{
	json_t *rk, *v, *e;
	const char *key;
	void *tmp;
	size_t i;
	int found, rc = -1;

	if ((rk = json_object_get(patch, SMP_RETAINKEYS)) == NULL)
		return 0;
	json_incref(rk);
	json_object_del(patch, SMP_RETAINKEYS);
	if (!json_is_array(rk)) {
		err_set(err, ERR_BAD_REQUEST, "invalid patch format of "
		    "retainKeys");
		goto out;
	}
	json_object_foreach(patch, key, v) {
		if (json_is_null(v) || smp_has_prefix(key, SMP_DELPRIM) ||
		    smp_has_prefix(key, SMP_SETORDER))
			continue;
		found = 0;
		json_array_foreach(rk, i, e)
			if (json_is_string(e) &&
			    strcmp(json_string_value(e), key) == 0)
				found = 1;
		if (!found) {
			err_set(err, ERR_BAD_REQUEST, "invalid patch format of "
			    "retainKeys");
			goto out;
		}
	}
	json_object_foreach_safe(orig, tmp, key, v) {
		found = 0;
		json_array_foreach(rk, i, e)
			if (json_is_string(e) &&
			    strcmp(json_string_value(e), key) == 0)
				found = 1;
		if (!found)
			json_object_del(orig, key);
	}
	rc = 0;
out:
	json_decref(rk);
	return rc;
}

/*
 * Go's validatePatchWithSetOrderList: the patch list items (deletions
 * aside) must appear in the order list, in the same relative order.
 */
static int
smp_validate_order(const json_t *plist, const json_t *order, const char *key,
    struct err *err)
{
	size_t pi = 0, oi = 0, n = json_array_size(plist);
	const json_t *pv, *ov;
	int eq;

	if (json_array_size(order) == 0 || n == 0)
		return 0;
	while (pi < n && oi < json_array_size(order)) {
		pv = json_array_get(plist, pi);
		ov = json_array_get(order, oi);
		if (json_is_object(pv) &&
		    json_object_get(pv, SMP_DIRECTIVE) != NULL) {
			pi++;
			continue;
		}
		if (key != NULL) {
			if (!json_is_object(pv) || !json_is_object(ov))
				return err_set(err, ERR_BAD_REQUEST, "invalid "
				    "patch format of setElementOrder list");
			if (json_object_get(pv, key) == NULL)
				return smp_nomerge_key(pv, key, err);
			if (json_object_get(ov, key) == NULL)
				return smp_nomerge_key(ov, key, err);
			eq = smp_scalar_eq(json_object_get(pv, key),
			    json_object_get(ov, key));
		} else
			eq = smp_scalar_eq(pv, ov);
		if (eq)
			pi++;
		oi++;
	}
	while (pi < n && json_is_object(json_array_get(plist, pi)) &&
	    json_object_get(json_array_get(plist, pi), SMP_DIRECTIVE) != NULL)
		pi++;
	if (pi < n)
		return err_set(err, ERR_BAD_REQUEST, "The order in patch list "
		    "doesn't match $setElementOrder list");
	return 0;
}

/* The first key of obj starting with prefix, or NULL. */
static const char *
smp_find_prefixed(json_t *obj, const char *prefix)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		if (smp_has_prefix(key, prefix))
			return key;
	}
	return NULL;
}

/* Go's mergePatchIntoOriginal: the $setElementOrder lists. */
static int
smp_set_order(json_t *orig, json_t *patch, const char *type, struct err *err)
{
	json_t *order = NULL, *ol, *pl, *merged = NULL, *in = NULL;
	json_t *out = NULL, *window = NULL, *res;
	const char *key, *field;
	struct smp_meta m;
	enum smp_kind kind;
	char *name = NULL;
	int rc = -1;

	/* Each round takes one directive (and its list) out of patch. */
	while ((key = smp_find_prefixed(patch, SMP_SETORDER)) != NULL) {
		if ((name = strdup(key)) == NULL)
			return err_set(err, ERR_INTERNAL, "out of memory");
		order = json_incref(json_object_get(patch, name));
		json_object_del(patch, name);
		merged = in = out = window = NULL;
		if (!json_is_array(order) ||
		    strncmp(name, SMP_SETORDER "/", sizeof SMP_SETORDER) != 0) {
			err_set(err, ERR_BAD_REQUEST, "invalid patch format of "
			    "setElementOrder list");
			goto fail;
		}
		field = name + sizeof SMP_SETORDER;
		ol = json_object_get(orig, field);
		pl = json_object_get(patch, field);
		if ((ol != NULL && !json_is_array(ol)) ||
		    (pl != NULL && !json_is_array(pl))) {
			err_set(err, ERR_BAD_REQUEST, "expected a slice, but "
			    "received a %s", "non-slice");
			goto fail;
		}
		smp_lookup(type, field, &m);
		if (smp_validate_order(pl, order, m.key, err) < 0)
			goto fail;
		if (ol == NULL && pl == NULL)
			goto next;
		if (pl == NULL)
			merged = json_incref(ol);
		else if (ol == NULL)
			merged = smp_clean_copy(pl);
		else
			merged = smp_merge_slice_handler(ol, pl, &m, 0,
			    &window, err);
		if (merged == NULL) {
			if (ol == NULL)
				err_set(err, ERR_INTERNAL, "out of memory");
			goto fail;
		}
		if (smp_partition(merged, order, m.key, &in, &out, err) < 0)
			goto fail;
		if (smp_elem_kind(ol, pl, &kind, err) < 0)
			goto fail;
		res = smp_normalize_elements(in, out, order, window ? window :
		    ol ? ol : order, m.key, kind, err);
		if (res == NULL)
			goto fail;
		if (smp_set(orig, field, res, err) < 0)
			goto fail;
		json_object_del(patch, field);
next:
		json_decref(order);
		json_decref(window);
		json_decref(merged);
		json_decref(in);
		json_decref(out);
		free(name);
		name = NULL;
	}
	return 0;
fail:
	json_decref(order);
	json_decref(window);
	json_decref(merged);
	json_decref(in);
	json_decref(out);
	free(name);
	return rc;
}

/*
 * Go's mergeMap: merges patch (mutable, borrowed) into orig (a reference
 * that is taken over, may be NULL); returns the result (new reference).
 */
static json_t *
smp_merge_map(json_t *orig, json_t *patch, const char *type, struct err *err)
{
	const char *d, *key, *k;
	json_t *pv, *ov, *nv;
	struct smp_meta m;
	void *tmp;
	int isdel;

	if ((pv = json_object_get(patch, SMP_DIRECTIVE)) != NULL) {
		d = json_string_value(pv);
		if (d != NULL && strcmp(d, "replace") == 0) {
			json_decref(orig);
			json_object_del(patch, SMP_DIRECTIVE);
			if ((nv = smp_clean_copy(patch)) == NULL)
				err_set(err, ERR_INTERNAL, "out of memory");
			return nv;
		}
		if (d != NULL && strcmp(d, "delete") == 0) {
			json_decref(orig);
			return json_object();
		}
		if (d == NULL || strcmp(d, "merge") != 0) {
			json_decref(orig);
			err_set(err, ERR_BAD_REQUEST, "unknown patch type: %s "
			    "in map", d ? d : "(non-string)");
			return NULL;
		}
		json_object_del(patch, SMP_DIRECTIVE);
	}
	if (!json_is_object(orig)) {
		json_decref(orig);
		if ((orig = json_object()) == NULL)
			goto nomem;
	}
	if (smp_retain_keys(orig, patch, err) < 0)
		goto fail;
	if (smp_set_order(orig, patch, type, err) < 0)
		goto fail;
	json_object_foreach_safe(patch, tmp, key, pv) {
		k = key;
		isdel = 0;
		if (smp_has_prefix(key, SMP_DELPRIM)) {
			if (key[strlen(SMP_DELPRIM)] != '/') {
				err_set(err, ERR_BAD_REQUEST, "invalid patch "
				    "format of primitive list");
				goto fail;
			}
			k = key + strlen(SMP_DELPRIM) + 1;
			isdel = 1;
		}
		if (json_is_null(pv)) {
			json_object_del(orig, k);
			continue;
		}
		ov = json_object_get(orig, k);
		if (ov == NULL || smp_kindof(ov) != smp_kindof(pv)) {
			if (isdel)
				continue;
			nv = smp_clean_copy(pv);
			if (smp_set(orig, k, nv, err) < 0)
				goto fail;
			continue;
		}
		smp_lookup(type, k, &m);
		if (json_is_object(pv)) {
			if (m.flags & SMP_REPLACE)
				nv = smp_clean_copy(pv);
			else {
				json_incref(ov);
				if ((nv = smp_merge_map(ov, pv, m.sub, err))
				    == NULL)
					goto fail;
			}
		} else if (json_is_array(pv)) {
			if ((nv = smp_merge_slice_handler(ov, pv, &m, isdel,
			    NULL, err)) == NULL)
				goto fail;
		} else if ((nv = json_deep_copy(pv)) == NULL)
			goto nomem;
		if (smp_set(orig, k, nv, err) < 0)
			goto fail;
	}
	return orig;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
fail:
	json_decref(orig);
	return NULL;
}

json_t *
smpatch_apply(const json_t *doc, const json_t *patch, const char *kind,
    struct err *err)
{
	const char *type;
	json_t *o, *p, *r;

	if ((type = smp_kind_type(kind)) == NULL)
		return mergepatch_apply(doc, patch, err);
	if (!json_is_object(patch)) {
		err_set(err, ERR_BAD_REQUEST, "invalid JSON document");
		return NULL;
	}
	if (doc != NULL && !json_is_object(doc)) {
		err_set(err, ERR_BAD_REQUEST, "invalid JSON document");
		return NULL;
	}
	o = doc ? json_deep_copy(doc) : json_object();
	if (o == NULL || (p = json_deep_copy(patch)) == NULL) {
		json_decref(o);
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	r = smp_merge_map(o, p, type, err);
	json_decref(p);
	return r;
}

/* ---- two-way diff ---- */

static int
smp_cmp_str(const json_t *a, const json_t *b)
{
	char sa[512], sb[512];

	if (json_is_string(a) && json_is_string(b))
		return strcmp(json_string_value(a), json_string_value(b));
	smp_str(a, sa, sizeof sa);
	smp_str(b, sb, sizeof sb);
	return strcmp(sa, sb);
}

/* A new list: l stably sorted by the "%v" string of the item or its key. */
static json_t *
smp_sort_by_str(const json_t *l, const char *key)
{
	size_t n = json_array_size(l), i, j;
	json_t *out, *v, *w;

	if ((out = json_copy((json_t *)l)) == NULL)
		return NULL;
	/* insertion sort: stable, and lists are short */
	for (i = 1; i < n; i++) {
		v = json_incref(json_array_get(out, i));
		for (j = i; j > 0; j--) {
			w = json_array_get(out, j - 1);
			if (smp_cmp_str(key ? json_object_get(w, key) : w,
			    key ? json_object_get(v, key) : v) <= 0)
				break;
			json_array_set(out, j, w);
		}
		json_array_set_new(out, j, v);
	}
	return out;
}

/* Go's diffListsOfMaps: changes and additions, and delete directives. */
static int
smp_diff_list_maps(const json_t *orig, const json_t *mod, const char *key,
    const char *sub, int retain, json_t *plist, json_t *dlist,
    struct err *err)
{
	json_t *os = NULL, *ms = NULL, *ov, *mv, *okv, *mkv, *pv, *dv;
	size_t oi = 0, mi = 0, on, mn;
	int c, rc = -1;

	if ((os = smp_sort_by_str(orig, key)) == NULL ||
	    (ms = smp_sort_by_str(mod, key)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	on = json_array_size(os);
	mn = json_array_size(ms);
	while (oi < on || mi < mn) {
		ov = oi < on ? json_array_get(os, oi) : NULL;
		mv = mi < mn ? json_array_get(ms, mi) : NULL;
		okv = ov ? json_object_get(ov, key) : NULL;
		mkv = mv ? json_object_get(mv, key) : NULL;
		if ((ov && okv == NULL) || (mv && mkv == NULL)) {
			smp_nomerge_key(okv == NULL && ov ? ov : mv, key, err);
			goto out;
		}
		c = ov && mv ? smp_cmp_str(okv, mkv) : ov ? -1 : 1;
		if (c == 0) {
			if ((pv = smp_diff_map(ov, mv, sub, retain, err))
			    == NULL)
				goto out;
			if (json_object_size(pv) > 0 &&
			    (json_object_set(pv, key, mkv) < 0 ||
			    json_array_append(plist, pv) < 0)) {
				json_decref(pv);
				err_set(err, ERR_INTERNAL, "out of memory");
				goto out;
			}
			json_decref(pv);
			oi++;
			mi++;
		} else if (c > 0) {
			if (smp_append(plist, json_deep_copy(mv), err) < 0)
				goto out;
			mi++;
		} else {
			dv = json_pack("{sOss}", key, okv, SMP_DIRECTIVE,
			    "delete");
			if (smp_append(dlist, dv, err) < 0)
				goto out;
			oi++;
		}
	}
	rc = 0;
out:
	json_decref(os);
	json_decref(ms);
	return rc;
}

/* Go's diffListsOfScalars: additions and (deduplicated) deletions. */
static int
smp_diff_list_scalars(const json_t *orig, const json_t *mod, json_t *plist,
    json_t *dlist, struct err *err)
{
	json_t *os = NULL, *ms = NULL, *ov, *mv;
	size_t oi = 0, mi = 0, on, mn;
	int c, rc = -1;

	if ((os = smp_sort_by_str(orig, NULL)) == NULL ||
	    (ms = smp_sort_by_str(mod, NULL)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	on = json_array_size(os);
	mn = json_array_size(ms);
	while (oi < on || mi < mn) {
		ov = oi < on ? json_array_get(os, oi) : NULL;
		mv = mi < mn ? json_array_get(ms, mi) : NULL;
		c = ov && mv ? smp_cmp_str(ov, mv) : ov ? -1 : 1;
		if (c == 0) {
			oi++;
			mi++;
		} else if (c > 0) {
			if (json_array_append(plist, mv) < 0)
				goto nomem;
			mi++;
		} else {
			if (json_array_append(dlist, ov) < 0)
				goto nomem;
			oi++;
		}
	}
	smp_dedup(dlist);
	rc = 0;
	goto out;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
out:
	json_decref(os);
	json_decref(ms);
	return rc;
}

/* Go's isOrderSame. */
static int
smp_order_same(const json_t *orig, const json_t *mod, const char *key)
{
	size_t i;

	if (json_array_size(orig) != json_array_size(mod))
		return 0;
	for (i = 0; i < json_array_size(mod); i++)
		if (!smp_scalar_eq(json_object_get(json_array_get(orig, i),
		    key), json_object_get(json_array_get(mod, i), key)))
			return 0;
	return 1;
}

/*
 * Go's diffLists for a merging list: *add (changes and additions, then
 * delete directives), *del (primitives to delete) and *order.
 */
static int
smp_diff_lists(const json_t *orig, const json_t *mod, const struct smp_meta *m,
    int retain, json_t **add, json_t **del, json_t **order, struct err *err)
{
	json_t *plist = NULL, *dlist = NULL, *v, *e;
	enum smp_kind kind;
	size_t i;

	*add = *del = *order = NULL;
	if (json_array_size(orig) == 0) {
		if (json_array_size(mod) > 0 &&
		    (*add = json_deep_copy(mod)) == NULL)
			return err_set(err, ERR_INTERNAL, "out of memory");
		return 0;
	}
	if (smp_elem_kind(orig, mod, &kind, err) < 0)
		return -1;
	if ((plist = json_array()) == NULL || (dlist = json_array()) == NULL)
		goto nomem;
	if (kind == SMP_K_MAP) {
		if (m->key == NULL) {
			err_set(err, ERR_BAD_REQUEST, "cannot merge lists "
			    "without merge key");
			goto fail;
		}
		if (smp_diff_list_maps(orig, mod, m->key, m->sub, retain,
		    plist, dlist, err) < 0)
			goto fail;
		if ((*add = smp_normalize_order(plist, mod, m->key, kind,
		    err)) == NULL)
			goto fail;
		if (json_array_extend(*add, dlist) < 0)
			goto nomem;
		if (json_array_size(*add) > 0 ||
		    !smp_order_same(orig, mod, m->key)) {
			if ((*order = json_array()) == NULL)
				goto nomem;
			json_array_foreach(mod, i, v) {
				e = json_pack("{sO}", m->key,
				    json_object_get(v, m->key));
				if (smp_append(*order, e, err) < 0)
					goto fail;
			}
		}
	} else {
		if (smp_diff_list_scalars(orig, mod, plist, dlist, err) < 0)
			goto fail;
		if ((*add = smp_normalize_order(plist, mod, NULL, kind, err))
		    == NULL)
			goto fail;
		if (json_array_size(dlist) > 0)
			*del = json_incref(dlist);
		if ((json_array_size(dlist) > 0 || !smp_equal(orig, mod)) &&
		    (*order = json_deep_copy(mod)) == NULL)
			goto nomem;
	}
	json_decref(plist);
	json_decref(dlist);
	return 0;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
fail:
	json_decref(plist);
	json_decref(dlist);
	json_decref(*add);
	json_decref(*del);
	json_decref(*order);
	*add = *del = *order = NULL;
	return -1;
}

/* Sets patch[prefix/field] = v when v is a non-empty list. */
static int
smp_set_parallel(json_t *patch, const char *prefix, const char *field,
    json_t *v, struct err *err)
{
	char name[512];

	if (json_array_size(v) == 0)
		return 0;
	if (prefix != NULL) {
		snprintf(name, sizeof name, "%s/%s", prefix, field);
		field = name;
	}
	if (json_object_set(patch, field, v) < 0)
		return err_set(err, ERR_INTERNAL, "out of memory");
	return 0;
}

/* Go's handleSliceDiff. */
static int
smp_diff_slice(const char *field, const json_t *ov, const json_t *mv,
    const char *type, json_t *patch, struct err *err)
{
	json_t *add = NULL, *del = NULL, *order = NULL, *v, *e;
	struct err tmp;
	struct smp_meta m;
	size_t i;
	int rc = -1, maps = 1;

	smp_lookup(type, field, &m);
	if (!(m.flags & SMP_MERGE)) {
		if (smp_equal(ov, mv))
			return 0;
		return smp_set(patch, field, json_deep_copy(mv), err);
	}
	err_clear(&tmp);
	if (smp_diff_lists(ov, mv, &m, (m.flags & SMP_RETAIN) != 0, &add,
	    &del, &order, &tmp) < 0) {
		if (tmp.reason == ERR_INTERNAL)
			return err_set(err, ERR_INTERNAL, "%s", tmp.msg);
		/* Not mergeable: replace the whole list. */
		if ((v = json_deep_copy(mv)) == NULL)
			return err_set(err, ERR_INTERNAL, "out of memory");
		json_array_foreach(mv, i, e)
			if (!json_is_object(e))
				maps = 0;
		if (maps && json_array_size(mv) > 0 && json_array_append_new(v,
		    json_pack("{ss}", SMP_DIRECTIVE, "replace")) < 0) {
			json_decref(v);
			return err_set(err, ERR_INTERNAL, "out of memory");
		}
		return smp_set(patch, field, v, err);
	}
	if (smp_set_parallel(patch, NULL, field, add, err) < 0 ||
	    smp_set_parallel(patch, SMP_DELPRIM, field, del, err) < 0 ||
	    smp_set_parallel(patch, SMP_SETORDER, field, order, err) < 0)
		goto out;
	rc = 0;
out:
	json_decref(add);
	json_decref(del);
	json_decref(order);
	return rc;
}

static int
smp_strcmp(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a),
	    json_string_value(*(json_t *const *)b));
}

/* Go's diffMaps with SetElementOrder, as CreateTwoWayMergePatch. */
static json_t *
smp_diff_map(const json_t *orig, const json_t *mod, const char *type,
    int retain, struct err *err)
{
	json_t *patch, *rk = NULL, *ov, *mv, *pv;
	const char *key;
	struct smp_meta m;
	size_t i, n;
	json_t **keys = NULL;
	int extra = 0;

	if ((patch = json_object()) == NULL || (retain &&
	    (rk = json_array()) == NULL))
		goto nomem;
	json_object_foreach((json_t *)mod, key, mv) {
		if (retain && !json_is_null(mv) &&
		    json_array_append_new(rk, json_string(key)) < 0)
			goto nomem;
		if ((ov = json_object_get(orig, key)) == NULL) {
			if (smp_set(patch, key, json_deep_copy(mv), err) < 0)
				goto fail;
			continue;
		}
		if (smp_kindof(ov) != smp_kindof(mv)) {
			if (smp_set(patch, key, json_deep_copy(mv), err) < 0)
				goto fail;
			continue;
		}
		if (json_is_object(mv)) {
			smp_lookup(type, key, &m);
			if (m.flags & SMP_REPLACE) {
				if (!smp_equal(ov, mv) && smp_set(patch, key,
				    json_deep_copy(mv), err) < 0)
					goto fail;
				continue;
			}
			if ((pv = smp_diff_map(ov, mv, m.sub,
			    (m.flags & SMP_RETAIN) != 0, err)) == NULL)
				goto fail;
			if (json_object_size(pv) == 0)
				json_decref(pv);
			else if (smp_set(patch, key, pv, err) < 0)
				goto fail;
		} else if (json_is_array(mv)) {
			if (smp_diff_slice(key, ov, mv, type, patch, err) < 0)
				goto fail;
		} else if (!smp_equal(ov, mv) &&
		    smp_set(patch, key, json_deep_copy(mv), err) < 0)
			goto fail;
	}
	json_object_foreach((json_t *)orig, key, ov) {
		if (json_object_get(mod, key) != NULL)
			continue;
		if (smp_set(patch, key, json_null(), err) < 0)
			goto fail;
		if (!json_is_null(ov))
			extra = 1;
	}
	if (rk != NULL && json_array_size(rk) > 0 &&
	    (json_object_size(patch) > 0 || extra)) {
		n = json_array_size(rk);
		if ((keys = calloc(n, sizeof *keys)) == NULL)
			goto nomem;
		for (i = 0; i < n; i++)
			keys[i] = json_array_get(rk, i);
		qsort(keys, n, sizeof *keys, smp_strcmp);
		pv = json_array();
		for (i = 0; pv != NULL && i < n; i++)
			if (json_array_append(pv, keys[i]) < 0) {
				json_decref(pv);
				pv = NULL;
			}
		free(keys);
		if (pv == NULL || smp_set(patch, SMP_RETAINKEYS, pv, err) < 0)
			goto fail;
	}
	json_decref(rk);
	return patch;
nomem:
	err_set(err, ERR_INTERNAL, "out of memory");
fail:
	json_decref(rk);
	json_decref(patch);
	return NULL;
}

json_t *
smpatch_diff(const json_t *from, const json_t *to, const char *kind)
{
	const char *type;
	struct err err;

	type = smp_kind_type(kind);
	if (type == NULL || !json_is_object(from) || !json_is_object(to))
		return mergepatch_diff(from, to);
	err_clear(&err);
	return smp_diff_map(from, to, type, 0, &err);
}
