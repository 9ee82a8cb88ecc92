/* history.c - ControllerRevisions of DaemonSets and StatefulSets; see
 * history.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "podutil.h"

#define HISTORY_HASH	"controller-revision-hash"

/* The revision data of a template, as upstream's getPatch. */
static json_t *
history_data(const json_t *owner)
{
	json_t *tmpl = json_deep_copy(json_object_get(json_object_get(owner,
	    "spec"), "template"));

	if (!json_is_object(tmpl)) {
		json_decref(tmpl);
		tmpl = json_object();
	}
	json_object_set_new(tmpl, "$patch", json_string("replace"));
	return json_pack("{s:{s:o}}", "spec", "template", tmpl);
}

static long
history_number(const struct cobj *cr)
{
	return (long)json_integer_value(json_object_get(cr->obj, "revision"));
}

int
history_current(struct ctl *c, struct ctl_owned *revisions,
    const struct registry_kind *cr_k, const struct cobj *owner,
    const char *kind, char *hash, size_t len, long *revision)
{
	json_t *data = history_data(owner->obj), *cr, *labels;
	long max = 0, collisions = (long)json_integer_value(json_object_get(
	    json_object_get(owner->obj, "status"), "collisionCount"));
	struct cobj **revs, *live = NULL;
	char name[300], path[1024];
	struct err err;
	size_t n, i;
	int rc = -1;

	revs = ctl_owned_objs(c, revisions, cr_k, owner->obj, &n);
	for (i = 0; i < n; i++) {
		if (history_number(revs[i]) > max)
			max = history_number(revs[i]);
		if (json_equal(json_object_get(revs[i]->obj, "data"), data))
			live = revs[i];
	}
	if (live != NULL) {
		snprintf(hash, len, "%s", json_string_value(json_object_get(
		    json_object_get(json_object_get(live->obj, "metadata"),
		    "labels"), HISTORY_HASH)) ?: "");
		rc = 0;
		if (history_number(live) < max) {
			/* back to an older template: it is the newest now */
			json_t *patch = json_pack("{s:I}", "revision",
			    (json_int_t)max + 1);

			controllers_path(live->kind, live->ns, live->name,
			    path, sizeof path);
			err_clear(&err);
			if (client_do(c->srv, "PATCH", path, NULL,
			    "application/merge-patch+json", patch, NULL,
			    &err) < 0)
				rc = -1;
			json_decref(patch);
			max++;
		} else {
			max = history_number(live);
		}
		goto out;
	}
	podutil_hash(data, collisions, hash, len);
	snprintf(name, sizeof name, "%.240s-%s", owner->name, hash);
	labels = json_deep_copy(json_object_get(json_object_get(json_object_get(
	    json_object_get(owner->obj, "spec"), "template"), "metadata"),
	    "labels"));
	if (!json_is_object(labels)) {
		json_decref(labels);
		labels = json_object();
	}
	json_object_set_new(labels, HISTORY_HASH, json_string(hash));
	max++;
	cr = json_pack("{s:s, s:s, s:{s:s, s:s, s:o, s:[o]}, s:O, s:I}",
	    "apiVersion", "apps/v1", "kind", "ControllerRevision", "metadata",
	    "name", name, "namespace", owner->ns, "labels", labels,
	    "ownerReferences", podutil_owner_ref(owner->obj, "apps/v1", kind),
	    "data", data, "revision", (json_int_t)max);
	err_clear(&err);
	if (cr != NULL && (ctl_create(c, cr_k, owner->ns, cr, NULL,
	    &err) == 0 || err.reason == ERR_ALREADY_EXISTS))
		rc = 0;
	json_decref(cr);
out:
	if (revision != NULL)
		*revision = max;
	json_decref(data);
	ctl_objs_release(revs, n);
	return rc;
}
