/* serviceaccount.c - kube-controller-manager's ServiceAccount controller:
 * every namespace that is not being deleted has a ServiceAccount named
 * "default", made again when it is deleted.
 *
 * Keys are namespace names: queued when a namespace appears or changes
 * and when a ServiceAccount named default goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controllers.h"

struct sa_state {
	const struct registry_kind *ns_k, *sa_k;
};

static int
sa_sync(struct ctl *c, const char *key)
{
	struct sa_state *st = c->priv;
	struct cobj *ns = ctl_get(c, st->ns_k, key), *sa;
	char skey[600];
	struct err err;
	json_t *obj;
	int rc = 0;

	if (ns == NULL)
		return 0;
	if (json_object_get(json_object_get(ns->obj, "metadata"),
	    "deletionTimestamp") != NULL) {
		cobj_unref(ns);
		return 0;
	}
	snprintf(skey, sizeof skey, "%s/default", key);
	if ((sa = ctl_get(c, st->sa_k, skey)) != NULL) {
		cobj_unref(sa);
		cobj_unref(ns);
		return 0;
	}
	obj = json_pack("{s:s, s:s, s:{s:s, s:s}}", "apiVersion", "v1",
	    "kind", "ServiceAccount", "metadata", "name", "default",
	    "namespace", key);
	err_clear(&err);
	if (ctl_create(c, st->sa_k, key, obj, NULL, &err) < 0 &&
	    err.reason != ERR_ALREADY_EXISTS) {
		/* a namespace that began terminating meanwhile says
		 * Forbidden: it is looked at again when it changes */
		if (err.reason != ERR_FORBIDDEN && err.reason != ERR_NOT_FOUND)
			rc = -1;
	}
	json_decref(obj);
	cobj_unref(ns);
	return rc;
}

static void
sa_ns_event(struct ctl *c, const struct cevent *ev)
{
	if (ev->type != CEV_DELETED)
		ctl_enqueue_obj(c, ev->obj);
}

static void
sa_event(struct ctl *c, const struct cevent *ev)
{
	if (ev->type == CEV_DELETED && strcmp(ev->obj->name, "default") == 0)
		ctl_enqueue(c, ev->obj->ns);
}

/* Only the default accounts concern the controller. */
static int
sa_filter(struct ctl *c, const struct cobj *o)
{
	return strcmp(o->name, "default") == 0;
}

static int
sa_init(struct ctl *c, struct err *err)
{
	struct sa_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->ns_k = registry_find("", "namespaces");
	st->sa_k = registry_find("", "serviceaccounts");
	if (ctl_watch_kind(c, st->ns_k, sa_ns_event, err) < 0 ||
	    ctl_watch_filtered(c, st->sa_k, sa_filter, sa_event, err) < 0)
		return -1;
	return 0;
}

static void
sa_fini(struct ctl *c)
{
	free(c->priv);
	c->priv = NULL;
}

const struct controller controller_serviceaccount = {
	.name = "serviceaccount",
	.init = sa_init,
	.fini = sa_fini,
	.sync = sa_sync,
};
