/* openapi.c - /openapi/v3 and /openapi/v2, generated from registry_kinds[]
 * and the schema table of openapi-schemas.c.
 *
 * kubectl reads these documents to explain kinds, to decide whether the
 * server validates fields itself (the fieldValidation parameter of the
 * PATCH operation of a kind, found through x-kubernetes-group-version-kind),
 * and, in 1.27 and 1.28, insists on downloading /openapi/v2 as protobuf
 * before it creates anything.  Everything is built once, on first use,
 * and served from memory with a SHA-256 hash as ETag and in the
 * serverRelativeURL of the index.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <jansson.h>

#include "openapi.h"
#include "registry/registry.h"

#define OPENAPI_MAX_GV		64
#define OPENAPI_HASH_LEN	65	/* SHA-256 in hex, NUL */
#define OPENAPI_NAME_LEN	256
#define OPENAPI_DUMP_FLAGS	(JSON_COMPACT | JSON_SORT_KEYS)

#define OPENAPI_CT_JSON		"application/json"
#define OPENAPI_CT_V2PB		"application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

struct openapi_doc {
	char	 path[160];		/* "api/v1", "apis/apps/v1" */
	char	*json;
	size_t	 len;
	char	 hash[OPENAPI_HASH_LEN];
};

static struct {
	int			ok;
	struct openapi_doc	docs[OPENAPI_MAX_GV];
	int			ndocs;
	struct openapi_doc	index;
	struct openapi_doc	v2;
} openapi_cache;

static pthread_once_t openapi_once = PTHREAD_ONCE_INIT;

/* Long schema name of a short one: core.v1.Pod -> io.k8s.api.core.v1.Pod. */
static void
openapi_fullname(const char *shortname, char *out, size_t len)
{
	static const struct {
		const char *prefix, *full;
	} map[] = {
		{ "meta.", "io.k8s.apimachinery.pkg.apis.meta." },
		{ "resource.", "io.k8s.apimachinery.pkg.api.resource." },
		{ "intstr.", "io.k8s.apimachinery.pkg.util.intstr." },
		{ "runtime.", "io.k8s.apimachinery.pkg.runtime." },
		{ "apiextensions.",
		    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." },
		{ "apiregistration.",
		    "io.k8s.kube-aggregator.pkg.apis.apiregistration." },
	};
	size_t i, n;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		n = strlen(map[i].prefix);
		if (strncmp(shortname, map[i].prefix, n) == 0) {
			snprintf(out, len, "%s%s", map[i].full, shortname + n);
			return;
		}
	}
	snprintf(out, len, "io.k8s.api.%s", shortname);
}

/* The short schema name of a kind: apps.v1.Deployment, core.v1.Pod. */
static void
openapi_kind_def(const struct registry_kind *k, const char *suffix,
    char *out, size_t len)
{
	size_t n;

	if (k->group[0] == '\0') {
		snprintf(out, len, "core.%s.%s%s", k->version, k->kind, suffix);
		return;
	}
	n = strcspn(k->group, ".");
	snprintf(out, len, "%.*s.%s.%s%s", (int)n, k->group, k->version,
	    k->kind, suffix);
}

/* "api/v1" or "apis/<group>/<version>" */
static void
openapi_gv_path(const struct registry_kind *k, char *out, size_t len)
{
	if (k->group[0] == '\0')
		snprintf(out, len, "api/%s", k->version);
	else
		snprintf(out, len, "apis/%s/%s", k->group, k->version);
}

/* "CoreV1", "AppsV1", "RbacAuthorizationV1" as in operation ids. */
static void
openapi_gv_camel(const struct registry_kind *k, char *out, size_t len)
{
	const char *g = k->group[0] == '\0' ? "core" : k->group;
	size_t o = 0, glen = strlen(g);
	int up = 1;

	if (glen > 7 && strcmp(g + glen - 7, ".k8s.io") == 0)
		glen -= 7;
	for (; glen > 0 && o + 1 < len; g++, glen--) {
		if (*g == '.' || *g == '-') {
			up = 1;
			continue;
		}
		out[o++] = up ? toupper((unsigned char)*g) : *g;
		up = 0;
	}
	out[o] = '\0';
	if (o + 1 < len) {
		out[o++] = toupper((unsigned char)k->version[0]);
		snprintf(out + o, len - o, "%s", k->version + 1);
	}
}

static json_t *
openapi_ref(const char *shortname, int v2)
{
	char full[OPENAPI_NAME_LEN], ref[OPENAPI_NAME_LEN + 32];

	openapi_fullname(shortname, full, sizeof full);
	snprintf(ref, sizeof ref, "%s%s",
	    v2 ? "#/definitions/" : "#/components/schemas/", full);
	return json_pack("{s:s}", "$ref", ref);
}

/* A reference used as a field or an item: allOf in v3, plain in v2. */
static json_t *
openapi_ref_use(const char *shortname, int v2)
{
	if (v2)
		return openapi_ref(shortname, v2);
	return json_pack("{s:[o]}", "allOf", openapi_ref(shortname, v2));
}

/* The schema of a field type (see openapi.h), without description. */
static json_t *
openapi_type(const char *t, int v2)
{
	if (strncmp(t, "[]", 2) == 0)
		return json_pack("{s:s,s:o}", "type", "array", "items",
		    openapi_type(t + 2, v2));
	if (strncmp(t, "map:", 4) == 0)
		return json_pack("{s:s,s:o}", "type", "object",
		    "additionalProperties", openapi_type(t + 4, v2));
	if (strcmp(t, "string") == 0 || strcmp(t, "boolean") == 0 ||
	    strcmp(t, "number") == 0)
		return json_pack("{s:s}", "type", t);
	if (strcmp(t, "integer") == 0)
		return json_pack("{s:s,s:s}", "type", "integer", "format",
		    "int32");
	if (strcmp(t, "int64") == 0)
		return json_pack("{s:s,s:s}", "type", "integer", "format",
		    "int64");
	if (strcmp(t, "time") == 0)
		return json_pack("{s:s,s:s}", "type", "string", "format",
		    "date-time");
	if (strcmp(t, "bytes") == 0)
		return json_pack("{s:s,s:s}", "type", "string", "format",
		    "byte");
	if (strcmp(t, "map") == 0)
		return json_pack("{s:s,s:{s:s}}", "type", "object",
		    "additionalProperties", "type", "string");
	if (strcmp(t, "object") == 0)
		return json_pack("{s:s,s:b}", "type", "object",
		    "x-kubernetes-preserve-unknown-fields", 1);
	return openapi_ref_use(t, v2);
}

/* Adds the list and patch extensions of ext to a field's schema. */
static void
openapi_ext(json_t *s, const char *ext)
{
	char tok[256], *p, *save = NULL, *key, *save2;
	json_t *keys;
	int retain = 0, keyed = 0;

	if (ext == NULL)
		return;
	snprintf(tok, sizeof tok, "%s", ext);
	for (p = strtok_r(tok, " ", &save); p != NULL;
	    p = strtok_r(NULL, " ", &save)) {
		if (strncmp(p, "key=", 4) == 0) {
			keys = json_array();
			for (key = strtok_r(p + 4, ",", &save2); key != NULL;
			    key = strtok_r(NULL, ",", &save2))
				json_array_append_new(keys, json_string(key));
			json_object_set(s, "x-kubernetes-patch-merge-key",
			    json_array_get(keys, 0));
			json_object_set_new(s, "x-kubernetes-list-type",
			    json_string("map"));
			json_object_set_new(s, "x-kubernetes-list-map-keys",
			    keys);
			keyed = 1;
		} else if (strcmp(p, "set") == 0) {
			json_object_set_new(s, "x-kubernetes-list-type",
			    json_string("set"));
			json_object_set_new(s, "x-kubernetes-patch-strategy",
			    json_string("merge"));
		} else if (strcmp(p, "atomic") == 0) {
			json_object_set_new(s, "x-kubernetes-list-type",
			    json_string("atomic"));
		} else if (strcmp(p, "retain") == 0) {
			retain = 1;
		} else if (strncmp(p, "enum=", 5) == 0) {
			keys = json_array();
			for (key = strtok_r(p + 5, ",", &save2); key != NULL;
			    key = strtok_r(NULL, ",", &save2))
				json_array_append_new(keys, json_string(key));
			json_object_set_new(s, "enum", keys);
		}
	}
	if (keyed)
		json_object_set_new(s, "x-kubernetes-patch-strategy",
		    json_string(retain ? "merge,retainKeys" : "merge"));
	else if (retain)
		json_object_set_new(s, "x-kubernetes-patch-strategy",
		    json_string("retainKeys"));
}

static json_t *
openapi_field_schema(const struct openapi_field *f, int v2)
{
	json_t *s = openapi_type(f->type, v2);

	json_object_set_new(s, "description", json_string(f->desc));
	openapi_ext(s, f->ext);
	return s;
}

static json_t *
openapi_gvk(const char *group, const char *version, const char *kind)
{
	return json_pack("{s:s,s:s,s:s}", "group", group, "kind", kind,
	    "version", version);
}

/* Every definition of the table, by long name. */
static json_t *
openapi_table_defs(int v2)
{
	json_t *defs = json_object(), *d = NULL, *props = NULL, *req;
	const struct openapi_field *f;
	char full[OPENAPI_NAME_LEN], tok[512], *p, *save = NULL;

	for (f = openapi_fields; f->def != NULL; f++) {
		if (f->name != NULL) {
			if (props != NULL)
				json_object_set_new(props, f->name,
				    openapi_field_schema(f, v2));
			continue;
		}
		openapi_fullname(f->def, full, sizeof full);
		props = NULL;
		if (f->type != NULL && strcmp(f->type, "intstr") == 0)
			d = json_pack("{s:s,s:s,s:s}", "type", "string",
			    "format", "int-or-string", "description", f->desc);
		else if (f->type != NULL)
			d = json_pack("{s:s,s:s}", "type", f->type,
			    "description", f->desc);
		else {
			props = json_object();
			d = json_pack("{s:s,s:s,s:o}", "type", "object",
			    "description", f->desc, "properties", props);
			if (f->ext != NULL) {
				req = json_array();
				snprintf(tok, sizeof tok, "%s", f->ext);
				for (p = strtok_r(tok, ",", &save); p != NULL;
				    p = strtok_r(NULL, ",", &save))
					json_array_append_new(req,
					    json_string(p));
				json_object_set_new(d, "required", req);
			}
		}
		json_object_set_new(defs, full, d);
	}
	return defs;
}

/* A schema for a kind the table does not describe. */
static json_t *
openapi_generic_kind(const struct registry_kind *k, int v2)
{
	char desc[512];

	snprintf(desc, sizeof desc, "%s is served by this server; its "
	    "fields are not described here, and unknown fields are kept.",
	    k->kind);
	return json_pack("{s:s,s:s,s:b,s:{s:{s:s,s:s},s:{s:s,s:s},"
	    "s:o,s:{s:s,s:b,s:s},s:{s:s,s:b,s:s}}}",
	    "type", "object", "description", desc,
	    "x-kubernetes-preserve-unknown-fields", 1,
	    "properties",
	    "apiVersion", "type", "string", "description", "The versioned "
	    "schema of this object.",
	    "kind", "type", "string", "description", "The kind of this "
	    "object, in CamelCase.",
	    "metadata", json_pack("{s:[o],s:s}", "allOf",
		openapi_ref("meta.v1.ObjectMeta", v2), "description",
		"Standard object metadata."),
	    "spec", "type", "object", "x-kubernetes-preserve-unknown-fields",
	    1, "description", "The desired state.",
	    "status", "type", "object", "x-kubernetes-preserve-unknown-fields",
	    1, "description", "The observed state.  Read-only.");
}

static json_t *
openapi_list_kind(const struct registry_kind *k, const char *item, int v2)
{
	char desc[256];

	snprintf(desc, sizeof desc, "A list of %s objects.", k->kind);
	return json_pack("{s:s,s:s,s:[s],s:{s:{s:s,s:s},s:{s:s,s:s},"
	    "s:o,s:{s:s,s:s,s:o}}}",
	    "type", "object", "description", desc, "required", "items",
	    "properties",
	    "apiVersion", "type", "string", "description", "The versioned "
	    "schema of this list.",
	    "kind", "type", "string", "description", "The kind of this list.",
	    "metadata", json_pack("{s:[o],s:s}", "allOf",
		openapi_ref("meta.v1.ListMeta", v2), "description",
		"Standard list metadata."),
	    "items", "type", "array", "description", "The objects.",
	    "items", openapi_ref_use(item, v2));
}

/*
 * All schemas: the table, then each kind (generic when the table has
 * none) and its list, with x-kubernetes-group-version-kind.
 */
static json_t *
openapi_all_defs(int v2)
{
	json_t *defs = openapi_table_defs(v2), *d;
	const struct registry_kind *k;
	char sname[OPENAPI_NAME_LEN], full[OPENAPI_NAME_LEN];
	char lkind[160];
	int i;

	d = json_object_get(defs, "io.k8s.api.autoscaling.v1.Scale");
	if (d != NULL)
		json_object_set_new(d, "x-kubernetes-group-version-kind",
		    json_pack("[o]", openapi_gvk("autoscaling", "v1",
		    "Scale")));
	for (i = 0; registry_kinds[i] != NULL; i++) {
		k = registry_kinds[i];
		openapi_kind_def(k, "", sname, sizeof sname);
		openapi_fullname(sname, full, sizeof full);
		if ((d = json_object_get(defs, full)) == NULL) {
			d = openapi_generic_kind(k, v2);
			json_object_set_new(defs, full, d);
		}
		json_object_set_new(d, "x-kubernetes-group-version-kind",
		    json_pack("[o]", openapi_gvk(k->group, k->version,
		    k->kind)));
		snprintf(lkind, sizeof lkind, "%sList", k->kind);
		openapi_fullname(sname, full, sizeof full);
		snprintf(full + strlen(full), sizeof full - strlen(full),
		    "List");
		d = openapi_list_kind(k, sname, v2);
		json_object_set_new(d, "x-kubernetes-group-version-kind",
		    json_pack("[o]", openapi_gvk(k->group, k->version,
		    lkind)));
		json_object_set_new(defs, full, d);
	}
	return defs;
}

/* Copies into out every schema node refers to, recursively. */
static void
openapi_collect(json_t *node, json_t *all, json_t *out)
{
	const char *key, *ref, *name;
	json_t *v;
	size_t i;

	if (json_is_array(node)) {
		json_array_foreach(node, i, v)
			openapi_collect(v, all, out);
		return;
	}
	if (!json_is_object(node))
		return;
	ref = json_string_value(json_object_get(node, "$ref"));
	if (ref != NULL && (name = strrchr(ref, '/')) != NULL) {
		name++;
		if (json_object_get(out, name) == NULL &&
		    (v = json_object_get(all, name)) != NULL) {
			json_object_set(out, name, v);
			openapi_collect(v, all, out);
		}
	}
	json_object_foreach(node, key, v)
		openapi_collect(v, all, out);
}

/* Operation parameters */

static json_t *
openapi_param(const char *name, const char *in, const char *type,
    const char *desc)
{
	json_t *p = json_pack("{s:s,s:s,s:s,s:{s:s}}", "name", name, "in",
	    in, "description", desc, "schema", "type", type);

	if (strcmp(in, "path") == 0)
		json_object_set_new(p, "required", json_true());
	else
		json_object_set_new(json_object_get(p, "schema"),
		    "uniqueItems", json_true());
	return p;
}

static void
openapi_write_params(json_t *a, int patch)
{
	json_array_append_new(a, openapi_param("dryRun", "query", "string",
	    "All: validate and compute the result but store nothing."));
	json_array_append_new(a, openapi_param("fieldManager", "query",
	    "string", "Name of the actor making the change, recorded in "
	    "managedFields."));
	json_array_append_new(a, openapi_param("fieldValidation", "query",
	    "string", "What to do with unknown or duplicate fields: Ignore, "
	    "Warn or Strict (reject the request)."));
	if (patch)
		json_array_append_new(a, openapi_param("force", "query",
		    "boolean", "For apply patches: take over fields owned "
		    "by other managers."));
}

static void
openapi_list_params(json_t *a)
{
	static const char *const p[][3] = {
		{ "allowWatchBookmarks", "boolean", "Ask for BOOKMARK events "
		    "in a watch." },
		{ "continue", "string", "The token of the previous chunk." },
		{ "fieldSelector", "string", "Only objects whose fields "
		    "match." },
		{ "labelSelector", "string", "Only objects whose labels "
		    "match." },
		{ "limit", "integer", "The most objects to return in one "
		    "chunk." },
		{ "resourceVersion", "string", "The version to read at." },
		{ "resourceVersionMatch", "string", "How resourceVersion "
		    "applies: Exact or NotOlderThan." },
		{ "sendInitialEvents", "boolean", "Start a watch with the "
		    "current objects." },
		{ "timeoutSeconds", "integer", "End the request after this "
		    "long." },
		{ "watch", "boolean", "Stream changes instead of listing." },
	};
	size_t i;

	for (i = 0; i < sizeof p / sizeof p[0]; i++)
		json_array_append_new(a, openapi_param(p[i][0], "query",
		    p[i][1], p[i][2]));
}

static void
openapi_delete_params(json_t *a)
{
	json_array_append_new(a, openapi_param("dryRun", "query", "string",
	    "All: check the deletion but do not do it."));
	json_array_append_new(a, openapi_param("gracePeriodSeconds", "query",
	    "integer", "Seconds before the object is removed."));
	json_array_append_new(a, openapi_param("propagationPolicy", "query",
	    "string", "Orphan, Background or Foreground deletion of "
	    "dependents."));
}

enum openapi_op {
	OP_LIST, OP_LIST_ALL, OP_CREATE, OP_DELETECOLLECTION,
	OP_READ, OP_REPLACE, OP_PATCH, OP_DELETE,
};

static const struct {
	const char *method, *verb, *action;
} openapi_ops[] = {
	[OP_LIST]		= { "get", "list", "list" },
	[OP_LIST_ALL]		= { "get", "list", "list" },
	[OP_CREATE]		= { "post", "create", "post" },
	[OP_DELETECOLLECTION]	= { "delete", "deleteCollection",
				    "deletecollection" },
	[OP_READ]		= { "get", "read", "get" },
	[OP_REPLACE]		= { "put", "replace", "put" },
	[OP_PATCH]		= { "patch", "patch", "patch" },
	[OP_DELETE]		= { "delete", "delete", "delete" },
};

static json_t *
openapi_content(json_t *schema)
{
	return json_pack("{s:{s:o},s:{s:O}}", OPENAPI_CT_JSON, "schema",
	    schema, "application/yaml", "schema", schema);
}

/*
 * One operation.  sub is "", "Status" or "Scale"; gvk the kind the
 * operation is about (Scale for the scale subresource); body the short
 * name of the schema read and written.
 */
static json_t *
openapi_operation(const struct registry_kind *k, enum openapi_op op,
    const char *sub, int ns, json_t *gvk, const char *body,
    const char *list)
{
	char id[256], camel[128], desc[256], tag[160];
	json_t *o, *params = json_array(), *resp;
	const char *what;

	openapi_gv_camel(k, camel, sizeof camel);
	snprintf(id, sizeof id, "%s%s%s%s%s%s", openapi_ops[op].verb, camel,
	    ns && op != OP_LIST_ALL ? "Namespaced" : "", k->kind, sub,
	    op == OP_LIST_ALL ? "ForAllNamespaces" : "");
	snprintf(tag, sizeof tag, "%c%s", tolower((unsigned char)camel[0]),
	    camel + 1);
	what = sub[0] == '\0' ? "" : sub[0] == 'S' && sub[1] == 't' ?
	    " status" : " scale";
	switch (op) {
	case OP_LIST:
	case OP_LIST_ALL:
		snprintf(desc, sizeof desc, "list or watch %s objects",
		    k->kind);
		openapi_list_params(params);
		break;
	case OP_CREATE:
		snprintf(desc, sizeof desc, "create a %s", k->kind);
		openapi_write_params(params, 0);
		break;
	case OP_DELETECOLLECTION:
		snprintf(desc, sizeof desc, "delete a collection of %s "
		    "objects", k->kind);
		openapi_delete_params(params);
		openapi_list_params(params);
		break;
	case OP_READ:
		snprintf(desc, sizeof desc, "read the specified %s%s",
		    k->kind, what);
		break;
	case OP_REPLACE:
		snprintf(desc, sizeof desc, "replace the specified %s%s",
		    k->kind, what);
		openapi_write_params(params, 0);
		break;
	case OP_PATCH:
		snprintf(desc, sizeof desc, "partially update the specified "
		    "%s%s", k->kind, what);
		openapi_write_params(params, 1);
		break;
	case OP_DELETE:
		snprintf(desc, sizeof desc, "delete a %s", k->kind);
		openapi_delete_params(params);
		break;
	}
	resp = json_pack("{s:s,s:o}", "description", "OK", "content",
	    openapi_content(openapi_ref(op == OP_LIST || op == OP_LIST_ALL ?
	    list : body, 0)));
	o = json_pack("{s:[s],s:s,s:s,s:o,s:{s:o,s:{s:s}},s:s,s:o}",
	    "tags", tag, "description", desc, "operationId", id,
	    "parameters", params,
	    "responses", "200", resp, "401", "description", "Unauthorized",
	    "x-kubernetes-action", openapi_ops[op].action,
	    "x-kubernetes-group-version-kind", json_incref(gvk));
	if (op == OP_CREATE || op == OP_REPLACE)
		json_object_set_new(o, "requestBody", json_pack("{s:b,s:o}",
		    "required", 1, "content", openapi_content(
		    openapi_ref(body, 0))));
	if (op == OP_PATCH)
		json_object_set_new(o, "requestBody", json_pack(
		    "{s:b,s:{s:{s:{s:s}},s:{s:{s:s}},s:{s:{s:s}},s:{s:{s:s}}}}",
		    "required", 1, "content",
		    "application/json-patch+json", "schema", "type", "object",
		    "application/merge-patch+json", "schema", "type", "object",
		    "application/strategic-merge-patch+json", "schema", "type",
		    "object",
		    "application/apply-patch+yaml", "schema", "type",
		    "object"));
	if (op == OP_CREATE)
		json_object_set(json_object_get(o, "responses"), "201",
		    json_object_get(json_object_get(o, "responses"), "200"));
	return o;
}

static json_t *
openapi_path_params(int ns, int item)
{
	json_t *a = json_array();

	if (item)
		json_array_append_new(a, openapi_param("name", "path",
		    "string", "name of the object"));
	if (ns)
		json_array_append_new(a, openapi_param("namespace", "path",
		    "string", "object name and auth scope, such as for teams "
		    "and projects"));
	json_array_append_new(a, openapi_param("pretty", "query", "string",
	    "If 'true', the output is indented."));
	return a;
}

/* Adds the paths of one kind. */
static void
openapi_kind_paths(json_t *paths, const struct registry_kind *k)
{
	char base[256], coll[512], item[600], sub[700], sname[OPENAPI_NAME_LEN];
	char lname[OPENAPI_NAME_LEN + 8];
	int ns = (k->flags & REG_NAMESPACED) != 0;
	json_t *gvk, *p, *sgvk;

	openapi_kind_def(k, "", sname, sizeof sname);
	snprintf(lname, sizeof lname, "%sList", sname);
	gvk = openapi_gvk(k->group, k->version, k->kind);
	if (k->group[0] == '\0')
		snprintf(base, sizeof base, "/api/%s", k->version);
	else
		snprintf(base, sizeof base, "/apis/%s/%s", k->group,
		    k->version);
	if (ns)
		snprintf(coll, sizeof coll, "%s/namespaces/{namespace}/%s",
		    base, k->resource);
	else
		snprintf(coll, sizeof coll, "%s/%s", base, k->resource);
	snprintf(item, sizeof item, "%s/{name}", coll);

	p = json_pack("{s:o}", "parameters", openapi_path_params(ns, 0));
	json_object_set_new(p, "post", openapi_operation(k, OP_CREATE, "",
	    ns, gvk, sname, lname));
	if (k->flags & REG_CREATE_ONLY) {
		json_object_set_new(paths, coll, p);
		json_decref(gvk);
		return;
	}
	json_object_set_new(p, "get", openapi_operation(k, OP_LIST, "", ns,
	    gvk, sname, lname));
	json_object_set_new(p, "delete", openapi_operation(k,
	    OP_DELETECOLLECTION, "", ns, gvk, sname, lname));
	json_object_set_new(paths, coll, p);

	p = json_pack("{s:o}", "parameters", openapi_path_params(ns, 1));
	json_object_set_new(p, "get", openapi_operation(k, OP_READ, "", ns,
	    gvk, sname, lname));
	json_object_set_new(p, "put", openapi_operation(k, OP_REPLACE, "",
	    ns, gvk, sname, lname));
	json_object_set_new(p, "patch", openapi_operation(k, OP_PATCH, "",
	    ns, gvk, sname, lname));
	json_object_set_new(p, "delete", openapi_operation(k, OP_DELETE, "",
	    ns, gvk, sname, lname));
	json_object_set_new(paths, item, p);

	if (ns) {
		snprintf(sub, sizeof sub, "%s/%s", base, k->resource);
		p = json_pack("{s:o}", "parameters",
		    openapi_path_params(0, 0));
		json_object_set_new(p, "get", openapi_operation(k,
		    OP_LIST_ALL, "", ns, gvk, sname, lname));
		json_object_set_new(paths, sub, p);
	}
	if (k->flags & REG_STATUS) {
		snprintf(sub, sizeof sub, "%s/status", item);
		p = json_pack("{s:o}", "parameters",
		    openapi_path_params(ns, 1));
		json_object_set_new(p, "get", openapi_operation(k, OP_READ,
		    "Status", ns, gvk, sname, lname));
		json_object_set_new(p, "put", openapi_operation(k,
		    OP_REPLACE, "Status", ns, gvk, sname, lname));
		json_object_set_new(p, "patch", openapi_operation(k,
		    OP_PATCH, "Status", ns, gvk, sname, lname));
		json_object_set_new(paths, sub, p);
	}
	if (k->flags & REG_SCALE) {
		sgvk = openapi_gvk("autoscaling", "v1", "Scale");
		snprintf(sub, sizeof sub, "%s/scale", item);
		p = json_pack("{s:o}", "parameters",
		    openapi_path_params(ns, 1));
		json_object_set_new(p, "get", openapi_operation(k, OP_READ,
		    "Scale", ns, sgvk, "autoscaling.v1.Scale", lname));
		json_object_set_new(p, "put", openapi_operation(k,
		    OP_REPLACE, "Scale", ns, sgvk, "autoscaling.v1.Scale",
		    lname));
		json_object_set_new(p, "patch", openapi_operation(k,
		    OP_PATCH, "Scale", ns, sgvk, "autoscaling.v1.Scale",
		    lname));
		json_object_set_new(paths, sub, p);
		json_decref(sgvk);
	}
	json_decref(gvk);
}

/* Serialization and hashing */

static int
openapi_finish(struct openapi_doc *d, json_t *doc)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char md[32];
	size_t i;

	d->json = json_dumps(doc, OPENAPI_DUMP_FLAGS);
	json_decref(doc);
	if (d->json == NULL)
		return -1;
	d->len = strlen(d->json);
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, d->json, d->len, md) < 0)
		return -1;
	for (i = 0; i < sizeof md; i++) {
		d->hash[2 * i] = hex[md[i] >> 4];
		d->hash[2 * i + 1] = hex[md[i] & 15];
	}
	d->hash[2 * sizeof md] = '\0';
	return 0;
}

static json_t *
openapi_gv_document(const char *gv, json_t *all)
{
	json_t *paths = json_object(), *schemas = json_object();
	char p[160];
	int i;

	for (i = 0; registry_kinds[i] != NULL; i++) {
		openapi_gv_path(registry_kinds[i], p, sizeof p);
		if (strcmp(p, gv) == 0)
			openapi_kind_paths(paths, registry_kinds[i]);
	}
	/* Every kind and list is the body or result of an operation. */
	openapi_collect(paths, all, schemas);
	return json_pack("{s:s,s:{s:s,s:s},s:o,s:{s:o}}", "openapi", "3.0.0",
	    "info", "title", "Kubernetes", "version", "v1.33.0",
	    "paths", paths, "components", "schemas", schemas);
}

static void
openapi_build(void)
{
	json_t *all, *all2, *index, *v2;
	const struct registry_kind *k;
	char gv[160], url[400];
	int i, j, n = 0;

	all = openapi_all_defs(0);
	index = json_object();
	for (i = 0; registry_kinds[i] != NULL; i++) {
		k = registry_kinds[i];
		openapi_gv_path(k, gv, sizeof gv);
		for (j = 0; j < n; j++)
			if (strcmp(openapi_cache.docs[j].path, gv) == 0)
				break;
		if (j < n || n == OPENAPI_MAX_GV)
			continue;
		snprintf(openapi_cache.docs[n].path,
		    sizeof openapi_cache.docs[n].path, "%s", gv);
		if (openapi_finish(&openapi_cache.docs[n],
		    openapi_gv_document(gv, all)) < 0)
			goto fail;
		snprintf(url, sizeof url, "/openapi/v3/%s?hash=%s", gv,
		    openapi_cache.docs[n].hash);
		json_object_set_new(index, gv, json_pack("{s:s}",
		    "serverRelativeURL", url));
		n++;
	}
	openapi_cache.ndocs = n;
	if (openapi_finish(&openapi_cache.index, json_pack("{s:o}", "paths",
	    index)) < 0)
		goto fail;
	all2 = openapi_all_defs(1);
	v2 = json_pack("{s:s,s:{s:s,s:s},s:{},s:o}", "swagger", "2.0",
	    "info", "title", "Kubernetes", "version", "v1.33.0", "paths",
	    "definitions", all2);
	if (openapi_finish(&openapi_cache.v2, v2) < 0)
		goto fail;
	json_decref(all);
	openapi_cache.ok = 1;
	return;
fail:
	json_decref(all);
}

static int
openapi_ready(void)
{
	pthread_once(&openapi_once, openapi_build);
	return openapi_cache.ok;
}

static const struct openapi_doc *
openapi_find(const char *gv)
{
	int i;

	if (!openapi_ready())
		return NULL;
	for (i = 0; i < openapi_cache.ndocs; i++)
		if (strcmp(openapi_cache.docs[i].path, gv) == 0)
			return &openapi_cache.docs[i];
	return NULL;
}

int
openapi_v3_index(struct buf *out)
{
	if (!openapi_ready())
		return -1;
	return buf_add(out, openapi_cache.index.json, openapi_cache.index.len);
}

int
openapi_v3_gv(const char *gv_path, struct buf *out, struct err *err)
{
	const struct openapi_doc *d = openapi_find(gv_path);

	if (!openapi_ready())
		return err_set(err, ERR_INTERNAL, "the OpenAPI documents "
		    "could not be built");
	if (d == NULL)
		return err_set(err, ERR_NOT_FOUND, "the server could not "
		    "find the requested resource");
	if (buf_add(out, d->json, d->len) < 0)
		return err_set(err, ERR_INTERNAL, "out of memory");
	return 0;
}

const char *
openapi_v3_hash(const char *gv_path)
{
	const struct openapi_doc *d = openapi_find(gv_path);

	return d != NULL ? d->hash : NULL;
}

int
openapi_v2_json(struct buf *out)
{
	if (!openapi_ready())
		return -1;
	return buf_add(out, openapi_cache.v2.json, openapi_cache.v2.len);
}

int
openapi_v2_proto(struct buf *out)
{
	/* gnostic openapi_v2.Document, field 1 (swagger): "2.0" */
	static const char doc[] = { 0x0a, 0x03, '2', '.', '0' };

	return buf_add(out, doc, sizeof doc);
}

/* Whether accept lets us answer with JSON. */
static int
openapi_accepts_json(const char *accept)
{
	return accept == NULL || accept[0] == '\0' ||
	    strstr(accept, "json") != NULL || strstr(accept, "*/*") != NULL;
}

static void
openapi_etag(char *etag, size_t len, const char *hash)
{
	if (etag != NULL && len > 0)
		snprintf(etag, len, "%s", hash);
}

int
openapi_handle(const char *path, const char *query, const char *accept,
    struct buf *body, const char **content_type, char *etag,
    size_t etag_len, struct err *err)
{
	const struct openapi_doc *d;
	size_t n;

	if (etag != NULL && etag_len > 0)
		etag[0] = '\0';
	if (!openapi_ready())
		return err_set(err, ERR_INTERNAL, "the OpenAPI documents "
		    "could not be built");
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 11 && strncmp(path, "/openapi/v2", 11) == 0) {
		if (accept != NULL && strstr(accept, "protobuf") != NULL) {
			if (openapi_v2_proto(body) < 0)
				return err_set(err, ERR_INTERNAL,
				    "out of memory");
			*content_type = OPENAPI_CT_V2PB;
			return 200;
		}
		if (!openapi_accepts_json(accept))
			return err_set(err, ERR_NOT_ACCEPTABLE, "only the "
			    "following media types are accepted: "
			    "application/json, %s", OPENAPI_CT_V2PB);
		if (buf_add(body, openapi_cache.v2.json,
		    openapi_cache.v2.len) < 0)
			return err_set(err, ERR_INTERNAL, "out of memory");
		*content_type = OPENAPI_CT_JSON;
		openapi_etag(etag, etag_len, openapi_cache.v2.hash);
		return 200;
	}
	if (strncmp(path, "/openapi/v3", 11) != 0 ||
	    (n > 11 && path[11] != '/'))
		return err_set(err, ERR_NOT_FOUND, "the server could not "
		    "find the requested resource");
	if (!openapi_accepts_json(accept))
		return err_set(err, ERR_NOT_ACCEPTABLE, "only the following "
		    "media types are accepted: application/json");
	if (n <= 12) {
		d = &openapi_cache.index;
	} else {
		char gv[160];

		if (n - 12 >= sizeof gv)
			return err_set(err, ERR_NOT_FOUND, "the server could "
			    "not find the requested resource");
		memcpy(gv, path + 12, n - 12);
		gv[n - 12] = '\0';
		if ((d = openapi_find(gv)) == NULL)
			return err_set(err, ERR_NOT_FOUND, "the server could "
			    "not find the requested resource");
	}
	if (buf_add(body, d->json, d->len) < 0)
		return err_set(err, ERR_INTERNAL, "out of memory");
	*content_type = OPENAPI_CT_JSON;
	openapi_etag(etag, etag_len, d->hash);
	(void)query;
	return 200;
}
