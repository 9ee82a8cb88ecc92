/* discovery.c - API discovery: the legacy documents (/api, /apis,
 * /api/v1, /apis/<group>[/<version>]) and aggregated discovery
 * (apidiscovery.k8s.io v2 and v2beta1), both built from registry_kinds[].
 */
#include <string.h>

#include "server.h"

static json_t *
discovery_verbs(const struct registry_kind *k)
{
	if (k->flags & REG_CREATE_ONLY)
		return json_pack("[s]", "create");
	return json_pack("[s,s,s,s,s,s,s,s]", "create", "delete",
	    "deletecollection", "get", "list", "patch", "update", "watch");
}

static json_t *
discovery_strings(const char *const *v)
{
	json_t *a = json_array();

	for (; v != NULL && *v != NULL; v++)
		json_array_append_new(a, json_string(*v));
	return a;
}

/* The groups in the order of registry_kinds[], each once ("" first). */
static int
discovery_groups(const char **out, int max)
{
	int n = 0, i, j, seen;

	for (i = 0; registry_kinds[i] != NULL && n < max; i++) {
		seen = 0;
		for (j = 0; j < n; j++)
			if (strcmp(out[j], registry_kinds[i]->group) == 0)
				seen = 1;
		if (!seen)
			out[n++] = registry_kinds[i]->group;
	}
	return n;
}

static const char *
discovery_version_of(const char *group)
{
	int i;

	for (i = 0; registry_kinds[i] != NULL; i++)
		if (strcmp(registry_kinds[i]->group, group) == 0)
			return registry_kinds[i]->version;
	return NULL;
}

/* The pods' streaming subresources (served through the agents), as
 * kube-apiserver lists them: name, kind, and whether get is a verb. */
static const char *const discovery_pod_streams[][2] = {
	{ "attach", "PodAttachOptions" },
	{ "exec", "PodExecOptions" },
	{ "log", "Pod" },
	{ "portforward", "PodPortForwardOptions" },
	{ NULL, NULL },
};

static int
discovery_is_pods(const struct registry_kind *k)
{
	return k->group[0] == '\0' && strcmp(k->resource, "pods") == 0;
}

static json_t *
discovery_stream_verbs(int j)
{
	return strcmp(discovery_pod_streams[j][0], "log") == 0 ?
	    json_pack("[s]", "get") : json_pack("[s, s]", "create", "get");
}

static json_t *
discovery_resource_list(const char *group, const char *version)
{
	json_t *list = json_array(), *res, *sub;
	const struct registry_kind *k;
	char gv[160], name[200];
	int i;

	for (i = 0; (k = registry_kinds[i]) != NULL; i++) {
		if (strcmp(k->group, group) != 0 ||
		    strcmp(k->version, version) != 0)
			continue;
		res = json_pack("{s:s, s:s, s:b, s:s, s:o}", "name",
		    k->resource, "singularName", k->singular, "namespaced",
		    (k->flags & REG_NAMESPACED) != 0, "kind", k->kind, "verbs",
		    discovery_verbs(k));
		if (k->short_names != NULL)
			json_object_set_new(res, "shortNames",
			    discovery_strings(k->short_names));
		if (k->categories != NULL)
			json_object_set_new(res, "categories",
			    discovery_strings(k->categories));
		json_array_append_new(list, res);
		if (k->flags & REG_STATUS) {
			snprintf(name, sizeof name, "%s/status", k->resource);
			sub = json_pack("{s:s, s:s, s:b, s:s, s:[s,s,s]}",
			    "name", name, "singularName", "", "namespaced",
			    (k->flags & REG_NAMESPACED) != 0, "kind", k->kind,
			    "verbs", "get", "patch", "update");
			json_array_append_new(list, sub);
		}
		if (k->flags & REG_SCALE) {
			snprintf(name, sizeof name, "%s/scale", k->resource);
			sub = json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, "
			    "s:[s,s,s]}", "name", name, "singularName", "",
			    "namespaced", 1, "group", "autoscaling", "version",
			    "v1", "kind", "Scale", "verbs", "get", "patch",
			    "update");
			json_array_append_new(list, sub);
		}
		if (k->flags & REG_BINDING) {
			snprintf(name, sizeof name, "%s/binding", k->resource);
			json_array_append_new(list, json_pack("{s:s, s:s, s:b, "
			    "s:s, s:[s]}", "name", name, "singularName", "",
			    "namespaced", 1, "kind", "Binding", "verbs",
			    "create"));
		}
		if (discovery_is_pods(k))	/* the agents' streams */
			for (int j = 0; discovery_pod_streams[j][0] != NULL;
			    j++) {
				snprintf(name, sizeof name, "%s/%s",
				    k->resource, discovery_pod_streams[j][0]);
				json_array_append_new(list, json_pack("{s:s, "
				    "s:s, s:b, s:s, s:o}", "name", name,
				    "singularName", "", "namespaced", 1,
				    "kind", discovery_pod_streams[j][1],
				    "verbs", discovery_stream_verbs(j)));
			}
	}
	if (group[0] == '\0')
		snprintf(gv, sizeof gv, "%s", version);
	else
		snprintf(gv, sizeof gv, "%s/%s", group, version);
	return json_pack("{s:s, s:s, s:s, s:o}", "kind", "APIResourceList",
	    "apiVersion", "v1", "groupVersion", gv, "resources", list);
}

static json_t *
discovery_group(const char *group)
{
	const char *v = discovery_version_of(group);
	char gv[160];

	snprintf(gv, sizeof gv, "%s/%s", group, v);
	return json_pack("{s:s, s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s}}",
	    "kind", "APIGroup", "apiVersion", "v1", "name", group, "versions",
	    "groupVersion", gv, "version", v, "preferredVersion",
	    "groupVersion", gv, "version", v);
}

/* One APIGroupDiscovery item (aggregated discovery). */
static json_t *
discovery_aggregated_group(const char *group)
{
	json_t *resources = json_array(), *res, *subs;
	const struct registry_kind *k;
	const char *version = discovery_version_of(group);
	int i;

	for (i = 0; (k = registry_kinds[i]) != NULL; i++) {
		if (strcmp(k->group, group) != 0)
			continue;
		res = json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:o}",
		    "resource", k->resource, "responseKind", "group", k->group,
		    "version", k->version, "kind", k->kind, "scope",
		    (k->flags & REG_NAMESPACED) ? "Namespaced" : "Cluster",
		    "singularResource", k->singular, "verbs",
		    discovery_verbs(k));
		if (k->short_names != NULL)
			json_object_set_new(res, "shortNames",
			    discovery_strings(k->short_names));
		if (k->categories != NULL)
			json_object_set_new(res, "categories",
			    discovery_strings(k->categories));
		subs = json_array();
		if (k->flags & REG_STATUS)
			json_array_append_new(subs, json_pack("{s:s, s:{s:s, "
			    "s:s, s:s}, s:[s,s,s]}", "subresource", "status",
			    "responseKind", "group", k->group, "version",
			    k->version, "kind", k->kind, "verbs", "get",
			    "patch", "update"));
		if (k->flags & REG_SCALE)
			json_array_append_new(subs, json_pack("{s:s, s:{s:s, "
			    "s:s, s:s}, s:[s,s,s]}", "subresource", "scale",
			    "responseKind", "group", "autoscaling", "version",
			    "v1", "kind", "Scale", "verbs", "get", "patch",
			    "update"));
		if (k->flags & REG_BINDING)
			json_array_append_new(subs, json_pack("{s:s, s:{s:s, "
			    "s:s, s:s}, s:[s]}", "subresource", "binding",
			    "responseKind", "group", "", "version", "v1",
			    "kind", "Binding", "verbs", "create"));
		for (int j = 0; discovery_is_pods(k) &&
		    discovery_pod_streams[j][0] != NULL; j++)
			json_array_append_new(subs, json_pack("{s:s, s:{s:s, "
			    "s:s, s:s}, s:o}", "subresource",
			    discovery_pod_streams[j][0], "responseKind",
			    "group", "", "version", "v1", "kind",
			    discovery_pod_streams[j][1], "verbs",
			    discovery_stream_verbs(j)));
		if (json_array_size(subs) > 0)
			json_object_set_new(res, "subresources", subs);
		else
			json_decref(subs);
		json_array_append_new(resources, res);
	}
	return json_pack("{s:{s:s, s:n}, s:[{s:s, s:o, s:s}]}", "metadata",
	    "name", group, "creationTimestamp", "versions", "version",
	    version, "resources", resources, "freshness", "Current");
}

/* Which aggregated discovery version the Accept header asks for, if any. */
static const char *
discovery_aggregated_version(const char *accept)
{
	const char *p, *v2, *v2b;

	if (accept == NULL ||
	    (p = strstr(accept, "as=APIGroupDiscoveryList")) == NULL)
		return NULL;
	v2 = strstr(accept, "v=v2;");
	if (v2 == NULL)
		v2 = strstr(accept, "v=v2,");
	v2b = strstr(accept, "v=v2beta1");
	if (v2 != NULL && (v2b == NULL || v2 < v2b))
		return "v2";
	if (v2b != NULL)
		return "v2beta1";
	return NULL;
}

static void
discovery_aggregated(struct response *resp, int core, const char *v)
{
	const char *groups[64];
	json_t *items = json_array(), *list;
	int n, i;
	static char ctype[2][128];
	int which = strcmp(v, "v2") == 0 ? 0 : 1;

	n = discovery_groups(groups, 64);
	for (i = 0; i < n; i++)
		if ((groups[i][0] == '\0') == core)
			json_array_append_new(items,
			    discovery_aggregated_group(groups[i]));
	list = json_pack("{s:s, s:s, s:{}, s:o}", "kind",
	    "APIGroupDiscoveryList", "apiVersion", which == 0 ?
	    "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1",
	    "metadata", "items", items);
	response_json(resp, 200, list);
	json_decref(list);
	snprintf(ctype[which], sizeof ctype[which], "application/json;g="
	    "apidiscovery.k8s.io;v=%s;as=APIGroupDiscoveryList", v);
	resp->content_type = ctype[which];
}

int
discovery_handle(struct request *r, struct response *resp)
{
	char path[512], *segs[4], *p, *save = NULL;
	const char *groups[64], *agg, *v;
	json_t *doc = NULL, *list;
	int n = 0, i, ng;

	if (strcmp(r->method, "GET") != 0)
		return 0;
	snprintf(path, sizeof path, "%s", r->path);
	for (p = strtok_r(path, "/", &save); p != NULL && n < 4;
	    p = strtok_r(NULL, "/", &save))
		segs[n++] = p;
	if (n == 0 || n > 3)
		return 0;
	agg = discovery_aggregated_version(r->accept);
	if (strcmp(segs[0], "api") == 0) {
		if (n == 1 && agg != NULL) {
			discovery_aggregated(resp, 1, agg);
			return 1;
		}
		if (n == 1)
			doc = json_pack("{s:s, s:[s], s:[{s:s, s:s}]}", "kind",
			    "APIVersions", "versions", "v1",
			    "serverAddressByClientCIDRs", "clientCIDR",
			    "0.0.0.0/0", "serverAddress", r->srv->opts.listen);
		else if (n == 2 && strcmp(segs[1], "v1") == 0)
			doc = discovery_resource_list("", "v1");
		else
			return 0;
	} else if (strcmp(segs[0], "apis") == 0) {
		if (n == 1 && agg != NULL) {
			discovery_aggregated(resp, 0, agg);
			return 1;
		}
		ng = discovery_groups(groups, 64);
		if (n == 1) {
			list = json_array();
			for (i = 0; i < ng; i++) {
				if (groups[i][0] == '\0')
					continue;
				doc = discovery_group(groups[i]);
				json_object_del(doc, "kind");
				json_object_del(doc, "apiVersion");
				json_array_append_new(list, doc);
			}
			doc = json_pack("{s:s, s:s, s:o}", "kind",
			    "APIGroupList", "apiVersion", "v1", "groups", list);
		} else {
			v = discovery_version_of(segs[1]);
			if (v == NULL || segs[1][0] == '\0')
				return 0;
			if (n == 2)
				doc = discovery_group(segs[1]);
			else if (strcmp(segs[2], v) == 0)
				doc = discovery_resource_list(segs[1], v);
			else
				return 0;
		}
	} else
		return 0;
	response_json(resp, 200, doc);
	json_decref(doc);
	return 1;
}
