/* clusterroleaggregation.c - kube-controller-manager's
 * clusterrole-aggregation controller: the rules of every ClusterRole with
 * an aggregationRule are the rules of the ClusterRoles its
 * clusterRoleSelectors select, selector by selector, the selected roles
 * by name, each distinct rule once in the order first met (the role
 * itself never counts).  A role whose rules differ is applied with
 * server-side apply by the manager "clusterrole-aggregation-controller",
 * forced, as upstream does; so `kubectl create clusterrole` of a role
 * labelled rbac.authorization.k8s.io/aggregate-to-view=true widens view,
 * and removing the label narrows it again.
 *
 * Keys are the names of aggregating roles: all of them are queued when
 * any ClusterRole changes, since any may now select it or not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/hmap.h"
#include "../../lib/selector.h"
#include "../cache.h"
#include "controllers.h"

#define AGG_MANAGER	"clusterrole-aggregation-controller"

/* Two string lists, absent, null and [] being the same. */
static int
aggregation_list_equal(const json_t *a, const json_t *b)
{
	size_t i, n = json_array_size(a);

	if (n != json_array_size(b))
		return 0;
	for (i = 0; i < n; i++)
		if (!json_equal(json_array_get(a, i), json_array_get(b, i)))
			return 0;
	return 1;
}

/* equality.Semantic.DeepEqual of two PolicyRules. */
static int
aggregation_rule_equal(const json_t *a, const json_t *b)
{
	static const char *const f[] = { "verbs", "apiGroups", "resources",
	    "resourceNames", "nonResourceURLs", NULL };
	int i;

	for (i = 0; f[i] != NULL; i++)
		if (!aggregation_list_equal(json_object_get(a, f[i]),
		    json_object_get(b, f[i])))
			return 0;
	return 1;
}

static int
aggregation_rules_equal(const json_t *a, const json_t *b)
{
	size_t i, n = json_array_size(a);

	if (n != json_array_size(b))
		return 0;
	for (i = 0; i < n; i++)
		if (!aggregation_rule_equal(json_array_get(a, i),
		    json_array_get(b, i)))
			return 0;
	return 1;
}

/* Appends the rules of role that rules does not hold yet. */
static void
aggregation_add(json_t *rules, const json_t *role)
{
	const json_t *r, *have;
	size_t i, j;
	int dup;

	json_array_foreach(json_object_get(role, "rules"), i, r) {
		if (!json_is_object(r))
			continue;
		dup = 0;
		json_array_foreach(rules, j, have)
			if (aggregation_rule_equal(have, r))
				dup = 1;
		if (!dup)
			json_array_append(rules, (json_t *)r);
	}
}

/* The aggregated rules of roles->items[at]; NULL when a selector is bad. */
static json_t *
aggregation_rules(const struct cache_page *roles, size_t at)
{
	const json_t *agg = json_object_get(roles->items[at]->obj,
	    "aggregationRule"), *sel, *labels;
	struct selector *s;
	json_t *rules = json_array();
	size_t i, j;

	json_array_foreach(json_object_get(agg, "clusterRoleSelectors"), i,
	    sel) {
		if (selector_from_json(sel, &s, NULL) < 0) {
			json_decref(rules);
			return NULL;
		}
		for (j = 0; j < roles->n; j++) {
			if (j == at)
				continue;
			labels = json_object_get(json_object_get(
			    roles->items[j]->obj, "metadata"), "labels");
			if (selector_matches(s, labels))
				aggregation_add(rules, roles->items[j]->obj);
		}
		selector_free(s);
	}
	return rules;
}

static int
aggregation_apply(struct ctl *c, const struct registry_kind *k,
    const char *name, json_t *rules)
{
	char path[512];
	struct err err;
	json_t *body;
	int rc = 0;

	controllers_path(k, "", name, path, sizeof path);
	body = json_pack("{s:s, s:s, s:{s:s}, s:O}", "apiVersion",
	    "rbac.authorization.k8s.io/v1", "kind", "ClusterRole", "metadata",
	    "name", name, "rules", rules);
	err_clear(&err);
	if (body != NULL && client_do(c->srv, "PATCH", path, "fieldManager="
	    AGG_MANAGER "&force=true", "application/apply-patch+yaml", body,
	    NULL, &err) < 0 && err.reason != ERR_NOT_FOUND) {
		fprintf(stderr, "kubec-server: clusterrole %s: aggregation: "
		    "%s\n", name, err.msg);
		rc = -1;
	}
	json_decref(body);
	return rc;
}

struct agg_state {
	const struct registry_kind *k;
	struct hmap	 aggregating;	/* name -> its own copy */
};

static int
aggregation_sync(struct ctl *c, const char *key)
{
	struct agg_state *st = c->priv;
	struct cache_page page;
	struct err err;
	const json_t *obj;
	json_t *rules;
	size_t i;
	int rc = 0;

	err_clear(&err);
	if (cache_list(c->srv->cache, st->k, "", NULL, 0, NULL, NULL, &page,
	    &err) < 0)
		return -1;
	for (i = 0; i < page.n; i++) {
		if (strcmp(page.items[i]->name, key) != 0)
			continue;
		obj = page.items[i]->obj;
		if (!json_is_object(json_object_get(obj, "aggregationRule")))
			break;
		if ((rules = aggregation_rules(&page, i)) == NULL)
			break;
		if (!aggregation_rules_equal(rules, json_object_get(obj,
		    "rules")))
			rc = aggregation_apply(c, st->k, key, rules);
		json_decref(rules);
		break;
	}
	cache_page_release(&page);
	return rc;
}

static void
aggregation_event(struct ctl *c, const struct cevent *ev)
{
	struct agg_state *st = c->priv;
	const char *name = ev->obj->name;
	struct hmap_entry *e;
	char *had;
	size_t it;

	if (ev->type != CEV_DELETED && json_is_object(json_object_get(
	    ev->obj->obj, "aggregationRule"))) {
		if (hmap_get(&st->aggregating, name) == NULL) {
			char *copy = strdup(name);

			if (copy != NULL)
				hmap_put(&st->aggregating, copy, copy, NULL);
		}
	} else if ((had = hmap_del(&st->aggregating, name)) != NULL) {
		free(had);
	}
	for (e = hmap_first(&st->aggregating, &it); e != NULL;
	    e = hmap_next(&st->aggregating, &it, e))
		ctl_enqueue(c, e->key);
}

static int
aggregation_init(struct ctl *c, struct err *err)
{
	struct agg_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->k = registry_find("rbac.authorization.k8s.io", "clusterroles");
	return ctl_watch_kind(c, st->k, aggregation_event, err);
}

static void
aggregation_fini(struct ctl *c)
{
	struct agg_state *st = c->priv;
	struct hmap_entry *e;
	size_t it;

	if (st == NULL)
		return;
	for (e = hmap_first(&st->aggregating, &it); e != NULL;
	    e = hmap_next(&st->aggregating, &it, e))
		free(e->value);
	hmap_release(&st->aggregating);
	free(st);
	c->priv = NULL;
}

const struct controller controller_clusterroleaggregation = {
	.name = "clusterrole-aggregation",
	.init = aggregation_init,
	.fini = aggregation_fini,
	.sync = aggregation_sync,
};
