/* podutil.c - pods and their owners for the workload controllers; see
 * podutil.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/rfc3339.h"
#include "podutil.h"

const char *
podutil_meta(const json_t *obj, const char *field)
{
	return json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), field));
}

static const char *
pu_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int
podutil_active(const json_t *pod)
{
	const char *phase = pu_str(json_object_get(pod, "status"), "phase");

	if (json_object_get(json_object_get(pod, "metadata"),
	    "deletionTimestamp") != NULL)
		return 0;
	return phase == NULL || (strcmp(phase, "Succeeded") != 0 &&
	    strcmp(phase, "Failed") != 0);
}

/* The Ready condition, or NULL. */
static const json_t *
pu_ready_cond(const json_t *pod)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(pod, "status"),
	    "conditions"), i, c)
		if (pu_str(c, "type") != NULL &&
		    strcmp(pu_str(c, "type"), "Ready") == 0)
			return c;
	return NULL;
}

int
podutil_ready(const json_t *pod)
{
	const json_t *c = pu_ready_cond(pod);

	return c != NULL && pu_str(c, "status") != NULL &&
	    strcmp(pu_str(c, "status"), "True") == 0;
}

int
podutil_available(const json_t *pod, long min_ready, time_t now, long *wait)
{
	const json_t *c = pu_ready_cond(pod);
	struct timespec since;
	const char *t;

	if (wait != NULL)
		*wait = 0;
	if (!podutil_ready(pod))
		return 0;
	if (min_ready <= 0)
		return 1;
	t = pu_str(c, "lastTransitionTime");
	if (t == NULL || rfc3339_parse(t, &since) < 0)
		return 0;
	if (since.tv_sec + min_ready <= now)
		return 1;
	if (wait != NULL)
		*wait = (long)(since.tv_sec + min_ready - now);
	return 0;
}

const json_t *
podutil_controller_ref(const json_t *obj)
{
	const json_t *ref;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(obj, "metadata"),
	    "ownerReferences"), i, ref)
		if (json_is_true(json_object_get(ref, "controller")))
			return ref;
	return NULL;
}

const char *
podutil_controller_uid(const json_t *obj)
{
	return pu_str(podutil_controller_ref(obj), "uid");
}

int
podutil_controlled_by(const json_t *obj, const json_t *owner)
{
	const char *a = podutil_controller_uid(obj);
	const char *b = podutil_meta(owner, "uid");

	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

json_t *
podutil_owner_ref(const json_t *owner, const char *api_version,
    const char *kind)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b}", "apiVersion",
	    api_version, "kind", kind, "name", podutil_meta(owner, "name") ?:
	    "", "uid", podutil_meta(owner, "uid") ?: "", "controller", 1,
	    "blockOwnerDeletion", 1);
}

json_t *
podutil_from_template(const json_t *tmpl, const json_t *owner,
    const char *api_version, const char *kind, const char *name,
    int generate)
{
	const json_t *tm = json_object_get(tmpl, "metadata");
	json_t *pod, *meta;

	/* a copy: the template is the cache's, shared and never changed */
	pod = json_pack("{s:s, s:s, s:{}, s:o?}", "apiVersion", "v1", "kind",
	    "Pod", "metadata", "spec", json_deep_copy(json_object_get(tmpl,
	    "spec")));
	if (pod == NULL)
		return NULL;
	meta = json_object_get(pod, "metadata");
	json_object_set_new(meta, generate ? "generateName" : "name",
	    json_string(name));
	json_object_set_new(meta, "namespace", json_string(podutil_meta(owner,
	    "namespace") ?: "default"));
	if (json_object_get(tm, "labels") != NULL)
		json_object_set_new(meta, "labels", json_deep_copy(
		    json_object_get(tm, "labels")));
	if (json_object_get(tm, "annotations") != NULL)
		json_object_set_new(meta, "annotations", json_deep_copy(
		    json_object_get(tm, "annotations")));
	if (json_object_get(tm, "finalizers") != NULL)
		json_object_set_new(meta, "finalizers", json_deep_copy(
		    json_object_get(tm, "finalizers")));
	json_object_set_new(meta, "ownerReferences", json_pack("[o]",
	    podutil_owner_ref(owner, api_version, kind)));
	return pod;
}

/* The rank of a pod's phase for deletion: Pending first. */
static int
pu_phase_rank(const json_t *pod)
{
	const char *phase = pu_str(json_object_get(pod, "status"), "phase");

	if (phase == NULL || strcmp(phase, "Pending") == 0)
		return 0;
	if (strcmp(phase, "Unknown") == 0)
		return 1;
	return 2;
}

static long long
pu_time(const char *s)
{
	struct timespec ts;

	if (s == NULL || rfc3339_parse(s, &ts) < 0)
		return 0;
	return (long long)ts.tv_sec;
}

static long long
pu_restarts(const json_t *pod)
{
	const json_t *cs;
	long long n = 0;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(pod, "status"),
	    "containerStatuses"), i, cs)
		n += json_integer_value(json_object_get(cs, "restartCount"));
	return n;
}

static int
pu_cmp(const void *a, const void *b)
{
	const json_t *x = (*(struct cobj *const *)a)->obj;
	const json_t *y = (*(struct cobj *const *)b)->obj;
	const char *nx = pu_str(json_object_get(x, "spec"), "nodeName");
	const char *ny = pu_str(json_object_get(y, "spec"), "nodeName");
	int ax = nx != NULL && nx[0] != '\0', ay = ny != NULL && ny[0] != '\0';
	long long tx, ty;
	int rx, ry;

	if (ax != ay)
		return ax - ay;			/* unassigned first */
	if ((rx = pu_phase_rank(x)) != (ry = pu_phase_rank(y)))
		return rx - ry;
	if (podutil_ready(x) != podutil_ready(y))
		return podutil_ready(x) - podutil_ready(y);
	if (podutil_ready(x)) {			/* ready for less time first */
		tx = pu_time(pu_str(pu_ready_cond(x), "lastTransitionTime"));
		ty = pu_time(pu_str(pu_ready_cond(y), "lastTransitionTime"));
		if (tx != ty)
			return tx > ty ? -1 : 1;
	}
	if (pu_restarts(x) != pu_restarts(y))	/* more restarts first */
		return pu_restarts(x) > pu_restarts(y) ? -1 : 1;
	tx = pu_time(podutil_meta(x, "creationTimestamp"));
	ty = pu_time(podutil_meta(y, "creationTimestamp"));
	if (tx != ty)
		return tx > ty ? -1 : 1;	/* newer first */
	return strcmp(podutil_meta(y, "name") ?: "",
	    podutil_meta(x, "name") ?: "");
}

void
podutil_sort_for_deletion(struct cobj **pods, size_t n)
{
	if (n > 1)
		qsort(pods, n, sizeof *pods, pu_cmp);
}

/* FNV-1a, 32 bits. */
static uint32_t
pu_fnv(const char *s, uint32_t h)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

void
podutil_hash(const json_t *v, long collisions, char *out, size_t len)
{
	static const char alpha[] = "bcdfghjklmnpqrstvwxz2456789";
	char num[16], *text;
	uint32_t h = 2166136261u;
	size_t i;

	text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	h = pu_fnv(text ? text : "", h);
	free(text);
	if (collisions > 0) {
		snprintf(num, sizeof num, "%ld", collisions);
		h = pu_fnv(num, h);
	}
	snprintf(num, sizeof num, "%u", h);
	for (i = 0; num[i] != '\0' && i + 1 < len; i++)
		out[i] = alpha[(unsigned char)num[i] % (sizeof alpha - 1)];
	out[i] = '\0';
}
