/* namespace.c - the namespace controller: when a namespace is being
 * deleted, deletes everything in it, then removes the "kubernetes"
 * finalizer so the namespace itself goes away.
 */
#include <stdio.h>
#include <string.h>

#include "../cache.h"
#include "controllers.h"

/* Deletes the objects of every namespaced kind in ns; returns how many
 * are left. */
static size_t
namespace_empty(struct server *s, const char *ns)
{
	const struct registry_kind *k;
	struct cache_page page;
	struct err err;
	char path[1024];
	size_t left = 0, i;
	int j;

	for (j = 0; (k = registry_kinds[j]) != NULL; j++) {
		if (!(k->flags & REG_NAMESPACED) || (k->flags & REG_CREATE_ONLY))
			continue;
		err_clear(&err);
		if (cache_list(s->cache, k, ns, NULL, 0, NULL, NULL, &page,
		    &err) < 0)
			continue;
		left += page.n;
		for (i = 0; i < page.n; i++) {
			if (json_object_get(json_object_get(page.items[i]->obj,
			    "metadata"), "deletionTimestamp") != NULL)
				continue;
			controllers_path(k, ns, page.items[i]->name, path,
			    sizeof path);
			err_clear(&err);
			client_do(s, "DELETE", path, "propagationPolicy="
			    "Background", NULL, NULL, NULL, &err);
		}
		cache_page_release(&page);
	}
	return left;
}

static void
namespace_finalize(struct server *s, const json_t *ns, const char *name)
{
	json_t *obj = json_deep_copy(ns), *spec, *fin, *keep, *v;
	char path[512];
	struct err err;
	size_t i;

	spec = json_object_get(obj, "spec");
	fin = json_object_get(spec, "finalizers");
	keep = json_array();
	json_array_foreach(fin, i, v)
		if (json_string_value(v) &&
		    strcmp(json_string_value(v), "kubernetes") != 0)
			json_array_append(keep, v);
	if (json_is_object(spec))
		json_object_set_new(spec, "finalizers", keep);
	else
		json_decref(keep);
	snprintf(path, sizeof path, "/api/v1/namespaces/%s/finalize", name);
	err_clear(&err);
	if (client_do(s, "PUT", path, NULL, NULL, obj, NULL, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND)
		fprintf(stderr, "kubec-server: namespace %s: finalize: %s\n",
		    name, err.msg);
	json_decref(obj);
}

static void
namespace_sync(struct server *s)
{
	const struct registry_kind *k = registry_find("", "namespaces");
	struct cache_page page;
	struct err err;
	const json_t *obj;
	size_t i;

	err_clear(&err);
	if (k == NULL || cache_list(s->cache, k, "", NULL, 0, NULL, NULL,
	    &page, &err) < 0)
		return;
	for (i = 0; i < page.n; i++) {
		obj = page.items[i]->obj;
		if (json_object_get(json_object_get(obj, "metadata"),
		    "deletionTimestamp") == NULL)
			continue;
		if (namespace_empty(s, page.items[i]->name) == 0)
			namespace_finalize(s, obj, page.items[i]->name);
	}
	cache_page_release(&page);
}

const struct controller controller_namespace = {
	.name = "namespace",
	.sync = namespace_sync,
};
