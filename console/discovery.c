/* discovery.c - which resources the server has, and how a name the user
 * types ("po", "deploy", "deployments.apps", "Pod") or an object's
 * apiVersion and kind maps to one, as kubectl's RESTMapper does.
 *
 * Aggregated discovery (apidiscovery.k8s.io v2, two requests) is asked
 * for first; a server without it answers the legacy documents (/api,
 * /api/v1, /apis, /apis/G/V), which are read instead.  The preferred
 * version of each group comes first, so it wins a bare name.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "console.h"

#define DISCO_ACCEPT "application/json;g=apidiscovery.k8s.io;v=v2;" \
	"as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;" \
	"v=v2beta1;as=APIGroupDiscoveryList,application/json"

static int
disco_add(struct cli *c, const struct api_res *r)
{
	struct api_res *n;

	if (strchr(r->name, '/') != NULL)	/* a subresource */
		return 0;
	n = realloc(c->res, (c->nres + 1) * sizeof *n);
	if (n == NULL)
		return -1;
	c->res = n;
	c->res[c->nres++] = *r;
	return 0;
}

static void
disco_shortnames(struct api_res *r, const json_t *names)
{
	size_t i, k = 0;
	json_t *v;

	json_array_foreach(names, i, v)
		if (k < 4 && json_is_string(v))
			snprintf(r->shortnames[k++], sizeof r->shortnames[0],
			    "%s", json_string_value(v));
}

/* Whether the list of strings holds s. */
static int
disco_has(const json_t *list, const char *s)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

static const char *
disco_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* One APIGroupDiscoveryList (of /api or of /apis). */
static int
disco_aggregated(struct cli *c, const json_t *list)
{
	size_t i, j, k;
	json_t *g, *v, *r;

	json_array_foreach(json_object_get(list, "items"), i, g) {
		const char *group = disco_str(json_object_get(g, "metadata"),
		    "name");

		json_array_foreach(json_object_get(g, "versions"), j, v)
		    json_array_foreach(json_object_get(v, "resources"), k, r) {
			struct api_res a = { 0 };

			snprintf(a.group, sizeof a.group, "%s", group);
			snprintf(a.version, sizeof a.version, "%s",
			    disco_str(v, "version"));
			snprintf(a.name, sizeof a.name, "%s",
			    disco_str(r, "resource"));
			snprintf(a.singular, sizeof a.singular, "%s",
			    disco_str(r, "singularResource"));
			snprintf(a.kind, sizeof a.kind, "%s", disco_str(
			    json_object_get(r, "responseKind"), "kind"));
			a.namespaced = strcmp(disco_str(r, "scope"),
			    "Namespaced") == 0;
			a.preferred = j == 0;
			a.in_all = disco_has(json_object_get(r, "categories"),
			    "all");
			disco_shortnames(&a, json_object_get(r, "shortNames"));
			if (disco_add(c, &a) < 0)
				return -1;
		}
	}
	return 0;
}

/* One legacy APIResourceList of group/version. */
static int
disco_legacy_version(struct cli *c, const char *group, const char *version,
    int preferred, struct err *err)
{
	struct buf path = BUF_INIT(512);
	json_t *list = NULL, *r;
	size_t i;
	int ret = -1;

	if (group[0] == '\0')
		buf_addf(&path, "/api/%s", version);
	else
		buf_addf(&path, "/apis/%s/%s", group, version);
	if (cli_get_json(c, buf_str(&path), &list, err) < 0)
		goto out;
	json_array_foreach(json_object_get(list, "resources"), i, r) {
		struct api_res a = { 0 };

		snprintf(a.group, sizeof a.group, "%s", group);
		snprintf(a.version, sizeof a.version, "%s", version);
		snprintf(a.name, sizeof a.name, "%s", disco_str(r, "name"));
		snprintf(a.singular, sizeof a.singular, "%s",
		    disco_str(r, "singularName"));
		snprintf(a.kind, sizeof a.kind, "%s", disco_str(r, "kind"));
		a.namespaced = json_is_true(json_object_get(r, "namespaced"));
		a.preferred = preferred;
		a.in_all = disco_has(json_object_get(r, "categories"), "all");
		disco_shortnames(&a, json_object_get(r, "shortNames"));
		if (disco_add(c, &a) < 0) {
			err_set(err, ERR_INTERNAL, "out of memory");
			goto out;
		}
	}
	ret = 0;
out:
	json_decref(list);
	buf_release(&path);
	return ret;
}

static int
disco_legacy(struct cli *c, struct err *err)
{
	json_t *groups = NULL, *g, *v;
	size_t i, j;
	int ret = -1;

	if (disco_legacy_version(c, "", "v1", 1, err) < 0 ||
	    cli_get_json(c, "/apis", &groups, err) < 0)
		goto out;
	json_array_foreach(json_object_get(groups, "groups"), i, g) {
		const char *name = disco_str(g, "name"), *pref = disco_str(
		    json_object_get(g, "preferredVersion"), "version");

		if (disco_legacy_version(c, name, pref, 1, err) < 0)
			goto out;
		json_array_foreach(json_object_get(g, "versions"), j, v)
			if (strcmp(disco_str(v, "version"), pref) != 0 &&
			    disco_legacy_version(c, name, disco_str(v,
			    "version"), 0, err) < 0)
				goto out;
	}
	ret = 0;
out:
	json_decref(groups);
	return ret;
}

int
disco_load(struct cli *c, struct err *err)
{
	static const char *const roots[] = { "/api", "/apis" };
	struct buf b = BUF_INIT(REST_MAX_BODY);
	int ret = 0;

	if (c->res != NULL)
		return 0;
	for (int i = 0; i < 2 && ret == 0; i++) {
		json_t *doc;

		if (rest_call(c->rest, "GET", roots[i], DISCO_ACCEPT, NULL,
		    NULL, 0, &b, err) < 0) {
			ret = -1;
			break;
		}
		doc = json_loadb(b.data, b.len, 0, NULL);
		if (strcmp(disco_str(doc, "kind"), "APIGroupDiscoveryList")) {
			json_decref(doc);
			free(c->res);
			c->res = NULL;
			c->nres = 0;
			ret = disco_legacy(c, err);
			break;
		}
		if (disco_aggregated(c, doc) < 0)
			ret = err_set(err, ERR_INTERNAL, "out of memory");
		json_decref(doc);
	}
	buf_release(&b);
	return ret;
}

const struct api_res *
disco_find(struct cli *c, const char *type, struct err *err)
{
	char name[256], *dot;
	const char *group = NULL;

	if (disco_load(c, err) < 0)
		return NULL;
	snprintf(name, sizeof name, "%s", type);
	if ((dot = strchr(name, '.')) != NULL) {
		*dot = '\0';
		group = dot + 1;
	}
	for (size_t i = 0; i < c->nres; i++) {
		const struct api_res *r = &c->res[i];
		int hit = strcasecmp(name, r->name) == 0 ||
		    strcasecmp(name, r->singular) == 0 ||
		    strcasecmp(name, r->kind) == 0;

		for (int k = 0; !hit && k < 4 && r->shortnames[k][0]; k++)
			hit = strcasecmp(name, r->shortnames[k]) == 0;
		if (!hit)
			continue;
		if (group != NULL) {
			/* GROUP, or VERSION.GROUP */
			const char *g = strchr(group, '.');

			if (strcmp(group, r->group) != 0 && !(g != NULL &&
			    strncmp(group, r->version, (size_t)(g - group)) ==
			    0 && strlen(r->version) == (size_t)(g - group) &&
			    strcmp(g + 1, r->group) == 0))
				continue;
		}
		return r;
	}
	err_set(err, ERR_NONE, "the server doesn't have a resource type "
	    "\"%s\"", type);
	return NULL;
}

const struct api_res *
disco_kind(struct cli *c, const char *api_version, const char *kind,
    struct err *err)
{
	const char *slash = strchr(api_version, '/');
	size_t glen = slash ? (size_t)(slash - api_version) : 0;
	const char *version = slash ? slash + 1 : api_version;

	if (disco_load(c, err) < 0)
		return NULL;
	for (size_t i = 0; i < c->nres; i++) {
		const struct api_res *r = &c->res[i];

		if (strlen(r->group) == glen &&
		    strncmp(r->group, api_version, glen) == 0 &&
		    strcmp(r->version, version) == 0 &&
		    strcmp(r->kind, kind) == 0)
			return r;
	}
	err_set(err, ERR_NONE, "no matches for kind \"%s\" in version \"%s\"",
	    kind, api_version);
	return NULL;
}

void
res_path(const struct api_res *r, const char *ns, const char *name,
    struct buf *out)
{
	if (r->group[0] == '\0')
		buf_addf(out, "/api/%s", r->version);
	else
		buf_addf(out, "/apis/%s/%s", r->group, r->version);
	if (r->namespaced && ns != NULL && ns[0] != '\0')
		buf_addf(out, "/namespaces/%s", ns);
	buf_addf(out, "/%s", r->name);
	if (name != NULL)
		buf_addf(out, "/%s", name);
}

void
res_kind_name(const struct api_res *r, struct buf *out)
{
	for (const char *p = r->kind; *p != '\0'; p++)
		buf_addc(out, (char)tolower((unsigned char)*p));
	if (r->group[0] != '\0')
		buf_addf(out, ".%s", r->group);
}
