/* write.c - the write verbs of the resource API: create, update, patch,
 * delete and deletecollection, and the binding, scale and status
 * subresources.  Every write goes through the same steps: system metadata,
 * defaulting, validation, optimistic concurrency against the store, then
 * waiting for the watch cache so the client reads its own write.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gnutls/crypto.h>

#include "../lib/jsonpatch.h"
#include "../lib/jsonsplice.h"
#include "../lib/mergepatch.h"
#include "../lib/names.h"
#include "../lib/selector.h"
#include "../lib/smpatch.h"
#include "../lib/yaml.h"
#include "api.h"
#include "alloc.h"
#include "auth.h"
#include "fieldcheck.h"
#include "managed.h"
#include "table.h"

#define WRITE_RETRIES	8

/* Which patch a Content-Type asks for. */
enum write_patch_type {
	WRITE_PATCH_JSON,
	WRITE_PATCH_MERGE,
	WRITE_PATCH_STRATEGIC,
	WRITE_PATCH_APPLY,
	WRITE_PATCH_UNKNOWN,
};

static json_t *
write_meta(json_t *obj)
{
	json_t *m = json_object_get(obj, "metadata");

	if (!json_is_object(m)) {
		m = json_object();
		json_object_set_new(obj, "metadata", m);
	}
	return m;
}

static const char *
write_str(const json_t *obj, const char *field)
{
	return json_string_value(json_object_get(obj, field));
}

/* Checks apiVersion and kind of a body against the URL. */
/* The field manager of a write: ?fieldManager=, else from the User-Agent. */
static void
write_manager(const struct request *r, char *out, size_t len)
{
	const char *m = request_query(r, "fieldManager");

	if (m != NULL && m[0] != '\0')
		snprintf(out, len, "%s", m);
	else
		managed_default_manager(r->user_agent, out, len);
}

/* The fieldValidation of a write: Strict, Warn (the default) or Ignore. */
static int
write_validation(const struct request *r, const char **mode,
    struct err *err)
{
	const char *m = request_query(r, "fieldValidation");

	if (m == NULL || m[0] == '\0')
		m = "Warn";
	if (strcmp(m, "Strict") != 0 && strcmp(m, "Warn") != 0 &&
	    strcmp(m, "Ignore") != 0)
		return err_set(err, ERR_BAD_REQUEST, "fieldValidation "
		    "parameter unsupported: %s", m);
	*mode = m;
	return 0;
}

/* Whether the body is read as YAML: its Content-Type says so, or it is
 * not JSON (kubec reads either whatever the Content-Type). */
static int
write_body_yaml(const struct request *r)
{
	size_t i = 0;

	if (r->content_type != NULL && strstr(r->content_type, "yaml") != NULL)
		return 1;
	while (i < r->body_len && strchr(" \t\r\n", r->body[i]) != NULL &&
	    r->body[i] != '\0')
		i++;
	return i < r->body_len && r->body[i] != '{' && r->body[i] != '[';
}

/* One Warning header per strict decoding error (fieldValidation=Warn). */
static void
write_warn(struct response *resp, const struct fieldcheck_errs *errs)
{
	struct fieldcheck_errs w;
	const char *s;
	int i;

	if (resp == NULL)
		return;
	fieldcheck_errs_init(&w);
	fieldcheck_errs_warnings(errs, &w);
	for (s = fieldcheck_errs_next(&w, NULL); s != NULL;
	    s = fieldcheck_errs_next(&w, s)) {
		/* the same warning once, as kube's recorder keeps it */
		for (i = 0; i < resp->nextra; i++)
			if (strcasecmp(resp->extra_header[i][0], "Warning") == 0
			    && strcmp(resp->extra_header[i][1], s) == 0)
				break;
		if (i == resp->nextra)
			response_header(resp, "Warning", s);
	}
	fieldcheck_errs_release(&w);
}

/*
 * fieldValidation for unknown and duplicate fields: Strict refuses them,
 * Warn (the default) and Ignore drop unknown fields (a repeated key has
 * already been read as its last value), Warn with one Warning header
 * each.  patch is the request's patch when obj is the result of one
 * (NULL for create and update); t says which kind of patch.  Where the
 * duplicates come from is kube-apiserver's: the body of a create or
 * update (JSON, or YAML through go-yaml), the patch of a JSON, merge or
 * strategic merge patch.
 */
static int
write_fieldcheck(const struct request *r, struct response *resp, json_t *obj,
    const json_t *patch, int t, struct err *err)
{
	const char *mode, *p, *apiv;
	struct buf unknown = BUF_INIT(1 << 20), msg = BUF_INIT(1 << 20),
	    val = BUF_INIT(1 << 20);
	struct fieldcheck_errs errs;
	char def[256];
	char *s, *sorted;
	int strict, yaml, rc = 0;

	if (write_validation(r, &mode, err) < 0)
		return -1;
	strict = strcmp(mode, "Strict") == 0;
	yaml = patch == NULL && strcmp(mode, "Ignore") != 0 &&
	    write_body_yaml(r);
	/* kube decodes a YAML body as the JSON sigs.k8s.io/yaml makes of
	 * it, keys sorted: its unknown fields come in that order */
	sorted = yaml ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	fieldcheck_errs_init(&errs);
	fieldcheck_def_name(r->kind->group, r->kind->version, r->kind->kind,
	    def, sizeof def);
	if (strict)
		fieldcheck_object(def, obj, &unknown);
	else
		fieldcheck_prune(def, obj, &unknown);
	if (strcmp(mode, "Ignore") == 0)
		goto out;
	if (yaml) {
		fieldcheck_yaml_errors(r->body, r->body_len, "", &errs);
		fieldcheck_json_errors(sorted ? sorted : "", sorted ?
		    strlen(sorted) : 0, buf_str(&unknown), 0, &errs);
	} else if (patch != NULL) {
		fieldcheck_json_errors(r->body, r->body_len, NULL,
		    t == WRITE_PATCH_JSON, &errs);
		fieldcheck_errs_unknown(&errs, buf_str(&unknown), "");
	} else if (!r->body_unique || unknown.len > 0) {
		/* a body read with no key repeated and no field unknown
		 * has nothing to report: its keys are not walked */
		fieldcheck_json_errors(r->body, r->body_len, buf_str(&unknown),
		    0, &errs);
	}
	if (errs.n == 0)
		goto out;
	if (!strict) {
		write_warn(resp, &errs);
		goto out;
	}
	rc = -1;
	fieldcheck_errs_message(&errs, &msg);
	if (patch == NULL) {
		apiv = write_str(obj, "apiVersion");
		p = apiv ? strchr(apiv, '/') : NULL;
		err_set(err, ERR_BAD_REQUEST, "%s in version \"%s\" cannot be "
		    "handled as a %s: %s", write_str(obj, "kind") ?:
		    r->kind->kind, p ? p + 1 : apiv ? apiv : r->kind->version,
		    r->kind->kind, buf_str(&msg));
		goto out;
	}
	if (t != WRITE_PATCH_STRATEGIC) {
		s = json_dumps(obj, JSON_COMPACT);
		fieldcheck_quote(s ? s : "", &val);
		free(s);
	} else {
		struct buf go = BUF_INIT(1 << 20);

		fieldcheck_gofmt(patch, &go);
		fieldcheck_quote(buf_str(&go), &val);
		buf_release(&go);
	}
	/* the value is the whole object: shortened, so that the message
	 * still ends with the unknown fields */
	if (val.len > 160) {
		buf_truncate(&val, 156);
		buf_adds(&val, "...\"");
	}
	err_field(err, ERR_CAUSE_INVALID, "patch", buf_str(&val), "%s",
	    buf_str(&msg));
	err_invalid(err, "", "");
out:
	free(sorted);
	fieldcheck_errs_release(&errs);
	buf_release(&unknown);
	buf_release(&msg);
	buf_release(&val);
	return rc;
}

/*
 * The repeated keys of a server-side apply body, checked once the apply
 * worked, as kube-apiserver's applyPatcher runs yaml.UnmarshalStrict:
 * BadRequest under Strict, warnings under Warn.
 */
static int
write_apply_dups(const struct request *r, struct response *resp,
    struct err *err)
{
	struct fieldcheck_errs errs;
	const char *mode;
	int rc = 0;

	if (write_validation(r, &mode, err) < 0)
		return -1;
	if (strcmp(mode, "Ignore") == 0)
		return 0;
	fieldcheck_errs_init(&errs);
	fieldcheck_yaml_errors(r->body, r->body_len,
	    "error converting YAML to JSON: ", &errs);
	if (errs.n > 0 && strcmp(mode, "Strict") == 0)
		rc = err_set(err, ERR_BAD_REQUEST, "error strict decoding YAML: "
		    "%s", fieldcheck_errs_next(&errs, NULL));
	else if (errs.n > 0)
		write_warn(resp, &errs);
	fieldcheck_errs_release(&errs);
	return rc;
}

/* Server-side apply refuses unknown fields whatever fieldValidation says. */
static int
write_apply_unknown(const struct request *r, const json_t *config,
    const char *apiv, struct err *err)
{
	struct buf unknown = BUF_INIT(1 << 20), msg = BUF_INIT(1 << 20);
	const char *p, *nl;
	char def[256];
	int n;

	fieldcheck_def_name(r->kind->group, r->kind->version, r->kind->kind,
	    def, sizeof def);
	n = fieldcheck_object(def, config, &unknown);
	if (n > 1)
		buf_adds(&msg, "errors:\n");
	for (p = buf_str(&unknown); n > 0 && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		buf_addf(&msg, "%s.%.*s: field not declared in schema%s",
		    n > 1 ? "  " : "", (int)(nl - p), p, nl[1] ? "\n" : "");
	}
	if (n > 0)
		err_set(err, ERR_INTERNAL, "failed to create typed patch object "
		    "(%s%s%s; %s, Kind=%s): %s", r->ns, r->ns[0] ? "/" : "",
		    r->name, apiv, r->kind->kind, buf_str(&msg));
	buf_release(&unknown);
	buf_release(&msg);
	return n > 0 ? -1 : 0;
}

/* Records the fields this write changed in metadata.managedFields. */
static void
write_track(const struct request *r, json_t *obj, const json_t *old)
{
	char manager[160], apiv[160];

	if (r->applying)
		return;	/* managed_apply() did it */
	write_manager(r, manager, sizeof manager);
	registry_api_version(r->kind, apiv, sizeof apiv);
	if (old == NULL)
		json_object_del(write_meta(obj), "managedFields");
	managed_update(obj, old, manager, apiv, r->kind->kind,
	    strcmp(r->subresource, "status") == 0 ? "status" : "");
}

/* "ConfigMap", "Deployment.apps": the kind as Invalid messages name it. */
static const char *
write_qkind(const struct request *r, char *out, size_t len)
{
	if (r->kind->group[0] == '\0')
		snprintf(out, len, "%s", r->kind->kind);
	else
		snprintf(out, len, "%s.%s", r->kind->kind, r->kind->group);
	return out;
}

static int
write_is_service(const struct request *r)
{
	return r->group[0] == '\0' && strcmp(r->kind->resource, "services") == 0;
}

/*
 * The DefaultStorageClass admission plugin: a claim made without
 * storageClassName gets the class annotated as the default (the newest
 * when several are).
 */
static void
write_default_storage_class(const struct request *r, json_t *obj)
{
	const struct registry_kind *k = registry_find("storage.k8s.io",
	    "storageclasses");
	json_t *spec = json_object_get(obj, "spec");
	const char *best = NULL, *best_t = NULL, *ann, *t;
	struct cache_page page;
	struct err err;
	size_t i;

	if (r->group[0] != '\0' || strcmp(r->kind->resource,
	    "persistentvolumeclaims") != 0 || !json_is_object(spec) ||
	    json_object_get(spec, "storageClassName") != NULL || k == NULL)
		return;
	err_clear(&err);
	if (cache_list(r->srv->cache, k, "", NULL, 0, NULL, NULL, &page,
	    &err) < 0)
		return;
	for (i = 0; i < page.n; i++) {
		const json_t *m = json_object_get(page.items[i]->obj,
		    "metadata");

		ann = write_str(json_object_get(m, "annotations"),
		    "storageclass.kubernetes.io/is-default-class");
		t = write_str(m, "creationTimestamp") ?: "";
		if (ann != NULL && strcmp(ann, "true") == 0 &&
		    (best == NULL || strcmp(t, best_t) > 0)) {
			best = page.items[i]->name;
			best_t = t;
		}
	}
	if (best != NULL)
		json_object_set_new(spec, "storageClassName",
		    json_string(best));
	cache_page_release(&page);
}

/*
 * The Priority admission plugin.  A pod made with priorityClassName gets
 * that class's value and preemption policy (an unknown class is
 * Forbidden); one made without gets the globalDefault class (the lowest
 * when several are), else priority 0 and PreemptLowerPriority; a value
 * given that differs is Forbidden.  On update the pod keeps them.  A
 * PriorityClass may be globalDefault only when no other one is.
 */
static int
write_priority(const struct request *r, json_t *obj, const json_t *old,
    struct err *err)
{
	const struct registry_kind *k = registry_find("scheduling.k8s.io",
	    "priorityclasses");
	json_t *spec = json_object_get(obj, "spec");
	const json_t *cls = NULL, *ospec, *v;
	const char *name, *policy = "PreemptLowerPriority", *given;
	struct cache_page page;
	struct cobj *pc = NULL;
	json_int_t value = 0;
	char key[600];
	size_t i;
	int rc = 0;

	if (k == NULL)
		return 0;
	if (r->kind == k) {	/* only one global default */
		if (!json_is_true(json_object_get(obj, "globalDefault")))
			return 0;
		if (cache_list(r->srv->cache, k, "", NULL, 0, NULL, NULL,
		    &page, err) < 0) {
			err_clear(err);
			return 0;
		}
		for (i = 0; i < page.n && rc == 0; i++)
			if (strcmp(page.items[i]->name, r->name) != 0 &&
			    json_is_true(json_object_get(page.items[i]->obj,
			    "globalDefault")))
				rc = err_set(err, ERR_FORBIDDEN, "%s.%s \"%s\" is "
				    "forbidden: PriorityClass %s is already "
				    "marked as default. Only one default can "
				    "exist", r->kind->resource, r->kind->group,
				    r->name, page.items[i]->name);
		cache_page_release(&page);
		return rc;
	}
	if (r->group[0] != '\0' || strcmp(r->kind->resource, "pods") != 0 ||
	    !json_is_object(spec))
		return 0;
	if (old != NULL) {
		ospec = json_object_get(old, "spec");
		if (json_object_get(spec, "priority") == NULL &&
		    (v = json_object_get(ospec, "priority")) != NULL)
			json_object_set_new(spec, "priority", json_deep_copy(v));
		if (json_object_get(spec, "preemptionPolicy") == NULL &&
		    (v = json_object_get(ospec, "preemptionPolicy")) != NULL)
			json_object_set_new(spec, "preemptionPolicy",
			    json_deep_copy(v));
		return 0;
	}
	name = write_str(spec, "priorityClassName");
	if (name != NULL && name[0] != '\0') {
		object_key(k, "", name, key, sizeof key);
		if ((pc = cache_get(r->srv->cache, key)) == NULL)
			return err_set(err, ERR_FORBIDDEN, "pods \"%s\" is "
			    "forbidden: no PriorityClass with name %s was found",
			    r->name, name);
		cls = pc->obj;
	} else if (cache_list(r->srv->cache, k, "", NULL, 0, NULL, NULL,
	    &page, err) == 0) {
		for (i = 0; i < page.n; i++)
			if (json_is_true(json_object_get(page.items[i]->obj,
			    "globalDefault")) && (pc == NULL ||
			    json_integer_value(json_object_get(
			    page.items[i]->obj, "value")) <
			    json_integer_value(json_object_get(pc->obj,
			    "value")))) {
				cobj_unref(pc);
				pc = page.items[i];
				cobj_ref(pc);
			}
		cache_page_release(&page);
		if (pc != NULL) {
			cls = pc->obj;
			json_object_set_new(spec, "priorityClassName",
			    json_string(pc->name));
		}
	}
	err_clear(err);
	if (cls != NULL) {
		value = json_integer_value(json_object_get(cls, "value"));
		policy = write_str(cls, "preemptionPolicy") ?: policy;
	}
	if ((v = json_object_get(spec, "priority")) != NULL &&
	    json_integer_value(v) != value)
		rc = err_set(err, ERR_FORBIDDEN, "pods \"%s\" is forbidden: the "
		    "integer value of priority (%lld) must not be provided in "
		    "pod spec; priority admission controller computed %lld "
		    "from the given PriorityClass name", r->name,
		    (long long)json_integer_value(v), (long long)value);
	else if ((given = write_str(spec, "preemptionPolicy")) != NULL &&
	    strcmp(given, policy) != 0)
		rc = err_set(err, ERR_FORBIDDEN, "pods \"%s\" is forbidden: the "
		    "string value of PreemptionPolicy (%s) must not be provided "
		    "in pod spec; priority admission controller computed %s "
		    "from the given PriorityClass name", r->name, given,
		    policy);
	if (rc == 0) {
		json_object_set_new(spec, "priority", json_integer(value));
		json_object_set_new(spec, "preemptionPolicy",
		    json_string(policy));
	}
	cobj_unref(pc);
	return rc;
}

static int
write_check_type(const struct request *r, const json_t *obj, struct err *err)
{
	const char *av = write_str(obj, "apiVersion");
	const char *kind = write_str(obj, "kind");
	char want[160];

	registry_api_version(r->kind, want, sizeof want);
	/* as kube-apiserver, a body without type information is of the
	 * endpoint's kind (the python client sends none) */
	if (kind == NULL || kind[0] == '\0') {
		json_object_set_new((json_t *)obj, "kind",
		    json_string(r->kind->kind));
		kind = r->kind->kind;
	}
	if (av == NULL || av[0] == '\0')
		json_object_set_new((json_t *)obj, "apiVersion",
		    json_string(want));
	av = write_str(obj, "apiVersion");
	if (av != NULL && strcmp(av, want) != 0)
		return err_set(err, ERR_BAD_REQUEST, "the API version in the "
		    "data (%s) does not match the expected API version (%s)",
		    av, want);
	if (strcmp(kind, r->kind->kind) != 0)
		return err_set(err, ERR_BAD_REQUEST, "the kind in the data (%s)"
		    " does not match the expected kind (%s)", kind,
		    r->kind->kind);
	return 0;
}

/* Namespace of the body: filled from the URL, or must match it. */
static int
write_check_namespace(const struct request *r, json_t *obj, struct err *err)
{
	json_t *m = write_meta(obj);
	const char *ns = write_str(m, "namespace");

	if (!(r->kind->flags & REG_NAMESPACED)) {
		json_object_del(m, "namespace");
		return 0;
	}
	if (ns != NULL && ns[0] != '\0' && strcmp(ns, r->ns) != 0)
		return err_set(err, ERR_BAD_REQUEST, "the namespace of the "
		    "provided object does not match the namespace sent on the "
		    "request");
	json_object_set_new(m, "namespace", json_string(r->ns));
	return 0;
}

static int
write_namespace_terminating(const struct cobj *ns)
{
	const char *phase;

	phase = json_string_value(json_object_get(json_object_get(ns->obj,
	    "status"), "phase"));
	return (phase != NULL && strcmp(phase, "Terminating") == 0) ||
	    json_object_get(json_object_get(ns->obj, "metadata"),
	    "deletionTimestamp") != NULL;
}

/* The namespace must exist and not be terminating.  As kube-apiserver's
 * NamespaceLifecycle admission, it first asks the cache as it is, and
 * only when that says no, the cache caught up with every write. */
static int
write_namespace_ok(const struct request *r, struct err *err)
{
	char key[512];
	struct cobj *ns;
	int rc = 0;

	if (!(r->kind->flags & REG_NAMESPACED))
		return 0;
	snprintf(key, sizeof key, "/registry/namespaces/%s", r->ns);
	ns = cache_peek(r->srv->cache, key);
	if (ns != NULL && !write_namespace_terminating(ns)) {
		cobj_unref(ns);
		return 0;
	}
	cobj_unref(ns);
	ns = cache_get(r->srv->cache, key);
	if (ns == NULL)
		return err_set(err, ERR_NOT_FOUND, "namespaces \"%s\" not found",
		    r->ns);
	if (write_namespace_terminating(ns))
		rc = err_set(err, ERR_FORBIDDEN, "%s \"%s\" is forbidden: "
		    "unable to create new content in namespace %s because it "
		    "is being terminated", r->resource, r->name, r->ns);
	cobj_unref(ns);
	return rc;
}

static void
write_generate_name(json_t *m, const char *prefix)
{
	static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
	unsigned char rnd[5];
	char name[300];
	size_t n, i;

	if (gnutls_rnd(GNUTLS_RND_NONCE, rnd, sizeof rnd) < 0)
		memset(rnd, 7, sizeof rnd);
	n = (size_t)snprintf(name, sizeof name, "%.58s", prefix);
	for (i = 0; i < 5; i++)
		name[n + i] = alphabet[rnd[i] % (sizeof alphabet - 1)];
	name[n + 5] = '\0';
	json_object_set_new(m, "name", json_string(name));
}

/* Name rules: namespaces are DNS labels, the rest DNS subdomains. */
static int
write_check_name(const struct request *r, const char *name, struct err *err)
{
	char why[512];
	int bad;

	if (strcmp(r->resource, "namespaces") == 0)
		bad = names_dns1123_label(name, why, sizeof why) < 0;
	else if (write_is_service(r))
		bad = names_dns1035_label(name, why, sizeof why) < 0;
	else if (strcmp(r->group, "rbac.authorization.k8s.io") == 0)
		bad = names_path_segment(name, why, sizeof why) < 0;
	else
		bad = names_object_name(name, why, sizeof why) < 0;
	if (bad) {
		char v[300], qk[256];

		snprintf(v, sizeof v, "\"%s\"", name);
		err_field(err, ERR_CAUSE_INVALID, "metadata.name", v, "%s", why);
		return err_invalid(err, write_qkind(r, qk, sizeof qk), name);
	}
	return 0;
}

/* Labels and annotations: keys are qualified names, values label values. */
static int
write_check_meta(const struct request *r, const json_t *obj, struct err *err)
{
	const json_t *m = json_object_get(obj, "metadata");
	const json_t *labels = json_object_get(m, "labels");
	const json_t *ann = json_object_get(m, "annotations");
	const char *k, *name = write_str(m, "name");
	json_t *v;
	char why[512], field[400], val[400], lower[400], qk[256];
	size_t i;

	json_object_foreach((json_t *)labels, k, v) {
		snprintf(field, sizeof field, "metadata.labels");
		if (names_label_key(k, why, sizeof why) < 0) {
			snprintf(val, sizeof val, "\"%s\"", k);
			err_field(err, ERR_CAUSE_INVALID, field, val, "%s", why);
		}
		if (!json_is_string(v) && !json_is_null(v)) {
			err_field(err, ERR_CAUSE_INVALID, field, NULL,
			    "label values must be strings");
			continue;
		}
		if (json_is_string(v) && names_label_value(json_string_value(v),
		    why, sizeof why) < 0) {
			snprintf(val, sizeof val, "\"%s\"", json_string_value(v));
			err_field(err, ERR_CAUSE_INVALID, field, val, "%s", why);
		}
	}
	json_object_foreach((json_t *)ann, k, v) {
		/* as upstream, annotation keys are checked lower-cased */
		for (i = 0; k[i] != '\0' && i + 1 < sizeof lower; i++)
			lower[i] = (char)tolower((unsigned char)k[i]);
		lower[i] = '\0';
		if (names_qualified_name(lower, why, sizeof why) < 0) {
			snprintf(val, sizeof val, "\"%s\"", k);
			err_field(err, ERR_CAUSE_INVALID, "metadata.annotations",
			    val, "%s", why);
		}
	}
	return err_invalid(err, write_qkind(r, qk, sizeof qk), name);
}

static int
write_validate(const struct request *r, json_t *obj, const json_t *old,
    struct err *err)
{
	static const char *const omitempty[] = { "labels", "annotations",
	    "finalizers", "ownerReferences" };
	json_t *m = json_object_get(obj, "metadata");

	/* Go's omitempty: an empty map or list is no field at all (a patch
	 * that removed the last label leaves none) */
	for (size_t i = 0; i < sizeof omitempty / sizeof omitempty[0]; i++) {
		json_t *v = json_object_get(m, omitempty[i]);

		if ((json_is_object(v) && json_object_size(v) == 0) ||
		    (json_is_array(v) && json_array_size(v) == 0))
			json_object_del(m, omitempty[i]);
	}
	if (write_check_meta(r, obj, err) < 0)
		return -1;
	if (r->kind->validate != NULL && r->kind->validate(obj, old, err) < 0)
		return -1;
	return 0;
}

/*
 * Answers obj written at rev; later reads of the cache will see it.
 * stored (NULL: none) is the text the store got: the JSON answer is that
 * text with the resourceVersion spliced in, rather than obj encoded once
 * more.
 */
static void
write_reply(struct request *r, struct response *resp, int code, json_t *obj,
    int64_t rev, const char *stored, size_t stored_len, size_t meta_off)
{
	char rv[32];

	if (rev > 0)
		cache_note(r->srv->cache, rev);
	if (rev > 0 && stored != NULL && !table_wanted(r->accept)) {
		snprintf(rv, sizeof rv, "\"%lld\"", (long long)rev);
		buf_reset(&resp->body);
		if ((meta_off > 0 ? jsonsplice_at(stored, stored_len,
		    meta_off, "resourceVersion", rv, &resp->body) :
		    jsonsplice_member(stored, stored_len, "metadata",
		    "resourceVersion", rv, &resp->body)) == 0) {
			resp->code = code;
			return;
		}
	}
	if (rev > 0)
		object_set_rv(obj, rev);
	api_reply_object(r, resp, code, obj);
}

static int
write_conflict(struct err *err, const struct registry_kind *k,
    const char *name)
{
	if (k->group[0] != '\0')
		return err_set(err, ERR_CONFLICT, "Operation cannot be "
		    "fulfilled on %s.%s \"%s\": the object has been modified; "
		    "please apply your changes to the latest version and try "
		    "again", k->resource, k->group, name);
	return err_set(err, ERR_CONFLICT, "Operation cannot be fulfilled on %s "
	    "\"%s\": the object has been modified; please apply your changes "
	    "to the latest version and try again", k->resource, name);
}

static int
write_exists(struct err *err, const struct registry_kind *k,
    const char *name)
{
	if (k->group[0] != '\0')
		return err_set(err, ERR_ALREADY_EXISTS, "%s.%s \"%s\" already "
		    "exists", k->resource, k->group, name);
	return err_set(err, ERR_ALREADY_EXISTS, "%s \"%s\" already exists",
	    k->resource, name);
}

/*
 * Stores data, obj's encoding, at key: a create when cur is NULL, else an
 * update of cur.  obj is offered to the cache, which then need not decode
 * data again; the caller changes nothing of obj below its metadata after.
 */
static int
write_store(struct request *r, const char *key, json_t *obj, const char *data,
    size_t len, size_t meta_off, const struct cobj *cur, int64_t *rev,
    struct err *err)
{
	struct cache_offer *o;
	int rc;

	o = cache_offer(r->srv->cache, key, obj, data, len, meta_off);
	if (cur == NULL)
		rc = store_create(r->srv->store, key, data, len, rev, err);
	else
		rc = store_update(r->srv->store, key, data, len, cur->rev, rev,
		    err);
	cache_offer_done(r->srv->cache, o, rc == 0 ? *rev : 0);
	return rc;
}

/* Creates obj (decoded body) in the store; answers 201 with it. */
static int
write_create_obj(struct request *r, struct response *resp, json_t *obj,
    struct err *err)
{
	json_t *m;
	const char *name, *gen;
	char key[1024], uid[64], now[64], qk[256];
	char *data = NULL;
	size_t len, meta_off;
	int64_t rev = 0;
	int tries;

	if (write_check_type(r, obj, err) < 0 ||
	    write_check_namespace(r, obj, err) < 0)
		return -1;
	m = write_meta(obj);
	name = write_str(m, "name");
	gen = write_str(m, "generateName");
	if ((name == NULL || name[0] == '\0') && (gen == NULL || !gen[0])) {
		err_field(err, ERR_CAUSE_REQUIRED, "metadata.name", NULL,
		    "name or generateName is required");
		return err_invalid(err, write_qkind(r, qk, sizeof qk), "");
	}
	snprintf(r->name, sizeof r->name, "%s", name ? name : "");
	if (write_namespace_ok(r, err) < 0)
		return -1;
	for (tries = 0; tries < WRITE_RETRIES; tries++) {
		if (name == NULL || name[0] == '\0' || tries > 0) {
			if (gen == NULL || gen[0] == '\0')
				break;
			write_generate_name(m, gen);
		}
		name = write_str(m, "name");
		snprintf(r->name, sizeof r->name, "%s", name);
		if (write_check_name(r, name, err) < 0)
			return -1;
		object_new_uid(uid, sizeof uid);
		object_now(now, sizeof now);
		json_object_set_new(m, "uid", json_string(uid));
		json_object_set_new(m, "creationTimestamp", json_string(now));
		json_object_del(m, "resourceVersion");
		json_object_del(m, "deletionTimestamp");
		json_object_del(m, "deletionGracePeriodSeconds");
		json_object_del(m, "selfLink");
		if (json_object_get(obj, "spec") != NULL)
			json_object_set_new(m, "generation", json_integer(1));
		else
			json_object_del(m, "generation");
		if ((r->kind->flags & REG_STATUS) &&
		    strcmp(r->kind->kind, "Node") != 0)
			json_object_del(obj, "status");
		if (write_is_service(r) && alloc_service(r->srv->cache, obj,
		    NULL, err) < 0)
			return -1;
		write_default_storage_class(r, obj);
		if (write_priority(r, obj, NULL, err) < 0)
			return -1;
		if (r->kind->defaults != NULL)
			r->kind->defaults(obj);
		if (write_validate(r, obj, NULL, err) < 0)
			return -1;
		write_track(r, obj, NULL);
		if (api_dry_run(r)) {
			api_reply_object(r, resp, 201, obj);
			return 0;
		}
		api_key(r, name, key, sizeof key);
		data = object_encode(obj, &len, &meta_off);
		if (data == NULL)
			return err_set(err, ERR_INTERNAL, "cannot encode object");
		if (write_store(r, key, obj, data, len, meta_off, NULL, &rev,
		    err) == 0) {
			write_reply(r, resp, 201, obj, rev, data, len,
			    meta_off);
			free(data);
			return 0;
		}
		free(data);
		if (err->reason != ERR_ALREADY_EXISTS)
			return -1;
		err_clear(err);
		if (gen == NULL || gen[0] == '\0' ||
		    (write_str(m, "name") && tries == 0 && name &&
		    json_object_get(m, "generateName") == NULL))
			break;
	}
	return write_exists(err, r->kind, r->name);
}

void
write_create(struct request *r, struct response *resp)
{
	struct err err;
	json_t *obj;

	err_clear(&err);
	obj = api_body(r, &err);
	if (obj == NULL || write_fieldcheck(r, resp, obj, NULL, 0, &err) < 0 ||
	    write_create_obj(r, resp, obj, &err) < 0)
		response_status(resp, &err);
	json_decref(obj);
}

/* Deletes an object whose finalizers are gone; answers it. */
static int
write_remove(struct request *r, const char *key, json_t *obj, int64_t rev,
    struct response *resp, struct err *err)
{
	int64_t drev = 0;

	if (store_delete(r->srv->store, key, rev, NULL, &drev, err) < 0) {
		if (err->reason == ERR_CONFLICT)
			write_conflict(err, r->kind, r->name);
		else if (err->reason == ERR_NOT_FOUND)
			api_not_found(err, r->kind, r->name);
		return -1;
	}
	write_reply(r, resp, 200, obj, drev, NULL, 0, 0);
	return 0;
}

static int
write_has_finalizers(const json_t *obj)
{
	return json_array_size(json_object_get(json_object_get(obj, "metadata"),
	    "finalizers")) > 0;
}

/*
 * Writes obj over cur: keeps what clients may not change (uid, creation
 * time, status or spec depending on the subresource), bumps generation when
 * the spec changes, validates, and stores with cur's revision as the
 * precondition.  Returns 1 when the caller should retry (conflict without
 * a client precondition).  Takes the reference to obj.
 */
static int
write_update_obj(struct request *r, struct response *resp, json_t *obj,
    const struct cobj *cur, int client_rv, struct err *err)
{
	json_t *m = write_meta(obj), *om = json_object_get(cur->obj,
	    "metadata"), *v, *old;
	const char *sub = r->subresource;
	char key[1024];
	char *data;
	size_t len, meta_off;
	int64_t rev = 0, gen;

	if (write_check_type(r, obj, err) < 0 ||
	    write_check_namespace(r, obj, err) < 0)
		goto fail;
	if (write_str(m, "name") == NULL)
		json_object_set_new(m, "name", json_string(r->name));
	if (strcmp(write_str(m, "name"), r->name) != 0) {
		err_set(err, ERR_BAD_REQUEST, "the name of the object (%s) does "
		    "not match the name on the URL (%s)", write_str(m, "name"),
		    r->name);
		goto fail;
	}
	if (client_rv && object_rv(obj) != cur->rev) {
		write_conflict(err, r->kind, r->name);
		goto fail;
	}
	old = cur->obj;
	if (strcmp(sub, "status") == 0) {
		/* only status changes through /status */
		v = json_object_get(obj, "status");
		json_incref(v);
		json_decref(obj);
		obj = json_deep_copy(old);
		if (v != NULL)
			json_object_set_new(obj, "status", v);
		else
			json_object_del(obj, "status");
		m = write_meta(obj);
	} else if ((r->kind->flags & REG_STATUS) &&
	    strcmp(sub, "finalize") != 0) {
		if ((v = json_object_get(old, "status")) != NULL)
			json_object_set(obj, "status", v);
		else
			json_object_del(obj, "status");
	}
	if (strcmp(sub, "finalize") == 0) {
		/* only spec.finalizers changes through /finalize */
		v = json_object_get(json_object_get(obj, "spec"), "finalizers");
		json_incref(v);
		json_decref(obj);
		obj = json_deep_copy(old);
		if (v != NULL)
			json_object_set_new(json_object_get(obj, "spec"),
			    "finalizers", v);
		else
			json_object_del(json_object_get(obj, "spec"),
			    "finalizers");
		m = write_meta(obj);
	}
	/* system metadata stays the server's */
	json_object_set(m, "uid", json_object_get(om, "uid"));
	json_object_set(m, "creationTimestamp",
	    json_object_get(om, "creationTimestamp"));
	if ((v = json_object_get(om, "deletionTimestamp")) != NULL) {
		json_object_set(m, "deletionTimestamp", v);
		if ((v = json_object_get(om, "deletionGracePeriodSeconds")))
			json_object_set(m, "deletionGracePeriodSeconds", v);
	} else {
		json_object_del(m, "deletionTimestamp");
		json_object_del(m, "deletionGracePeriodSeconds");
	}
	if ((v = json_object_get(om, "generateName")) != NULL &&
	    json_object_get(m, "generateName") == NULL)
		json_object_set(m, "generateName", v);
	gen = json_integer_value(json_object_get(om, "generation"));
	if (json_object_get(obj, "spec") != NULL ||
	    json_object_get(om, "generation") != NULL) {
		if (!json_equal(json_object_get(obj, "spec"),
		    json_object_get(old, "spec")))
			gen++;
		json_object_set_new(m, "generation", json_integer(gen ? gen : 1));
	}
	object_set_rv(obj, cur->rev);
	if (write_is_service(r) && strcmp(sub, "status") != 0 &&
	    alloc_service(r->srv->cache, obj, old, err) < 0)
		goto fail;
	if (write_priority(r, obj, old, err) < 0)
		goto fail;
	if (r->kind->defaults != NULL)
		r->kind->defaults(obj);
	if (write_validate(r, obj, old, err) < 0)
		goto fail;
	write_track(r, obj, old);
	api_key(r, r->name, key, sizeof key);
	if (json_object_get(m, "deletionTimestamp") != NULL &&
	    !write_has_finalizers(obj) &&
	    !(strcmp(r->resource, "namespaces") == 0 &&
	    json_array_size(json_object_get(json_object_get(obj, "spec"),
	    "finalizers")) > 0) &&
	    !(strcmp(r->resource, "pods") == 0 &&
	    json_integer_value(json_object_get(m,
	    "deletionGracePeriodSeconds")) > 0)) {
		if (api_dry_run(r)) {
			api_reply_object(r, resp, 200, obj);
			goto done;
		}
		if (write_remove(r, key, obj, cur->rev, resp, err) < 0)
			goto fail;
		goto done;
	}
	if (json_equal(obj, cur->obj) || api_dry_run(r)) {
		api_reply_object(r, resp, 200, json_equal(obj, cur->obj) ?
		    cur->obj : obj);
		goto done;
	}
	data = object_encode(obj, &len, &meta_off);
	if (data == NULL) {
		err_set(err, ERR_INTERNAL, "cannot encode object");
		goto fail;
	}
	if (write_store(r, key, obj, data, len, meta_off, cur, &rev,
	    err) < 0) {
		free(data);
		if (err->reason == ERR_CONFLICT && !client_rv) {
			err_clear(err);
			json_decref(obj);
			return 1;
		}
		if (err->reason == ERR_CONFLICT)
			write_conflict(err, r->kind, r->name);
		else if (err->reason == ERR_NOT_FOUND)
			api_not_found(err, r->kind, r->name);
		goto fail;
	}
	write_reply(r, resp, 200, obj, rev, data, len, meta_off);
	free(data);
done:
	json_decref(obj);
	return 0;
fail:
	json_decref(obj);
	return -1;
}

void
write_update(struct request *r, struct response *resp)
{
	struct err err;
	json_t *body, *obj;
	struct cobj *cur;
	char key[1024];
	int tries, rc = -1, client_rv;

	err_clear(&err);
	body = api_body(r, &err);
	if (body == NULL) {
		response_status(resp, &err);
		return;
	}
	if (write_fieldcheck(r, resp, body, NULL, 0, &err) < 0) {
		response_status(resp, &err);
		json_decref(body);
		return;
	}
	client_rv = object_rv(body) != 0;
	api_key(r, r->name, key, sizeof key);
	for (tries = 0; tries < WRITE_RETRIES; tries++) {
		cur = cache_get(r->srv->cache, key);
		if (cur == NULL) {
			api_not_found(&err, r->kind, r->name);
			break;
		}
		obj = json_deep_copy(body);
		rc = write_update_obj(r, resp, obj, cur, client_rv, &err);
		cobj_unref(cur);
		if (rc != 1)
			break;
		cache_sync(r->srv->cache, &err);
	}
	if (rc != 0) {
		if (rc == 1)
			write_conflict(&err, r->kind, r->name);
		response_status(resp, &err);
	}
	json_decref(body);
}


static enum write_patch_type
write_patch_type(const char *ct)
{
	if (ct == NULL)
		return WRITE_PATCH_UNKNOWN;
	if (strncmp(ct, "application/json-patch+json", 27) == 0)
		return WRITE_PATCH_JSON;
	if (strncmp(ct, "application/merge-patch+json", 28) == 0)
		return WRITE_PATCH_MERGE;
	if (strncmp(ct, "application/strategic-merge-patch+json", 38) == 0)
		return WRITE_PATCH_STRATEGIC;
	if (strncmp(ct, "application/apply-patch+yaml", 28) == 0)
		return WRITE_PATCH_APPLY;
	return WRITE_PATCH_UNKNOWN;
}

static json_t *
write_apply_patch(struct request *r, enum write_patch_type t,
    const json_t *cur, const json_t *patch, struct err *err)
{
	switch (t) {
	case WRITE_PATCH_JSON:
		return jsonpatch_apply(cur, patch, err);
	case WRITE_PATCH_MERGE:
		return mergepatch_apply(cur, patch, err);
	case WRITE_PATCH_STRATEGIC:
		return smpatch_apply(cur, patch, r->kind->kind, err);
	default:
		err_set(err, ERR_UNSUPPORTED_MEDIA, "the body of the request "
		    "was in an unknown format - accepted media types include: "
		    "application/json-patch+json, application/merge-patch+json, "
		    "application/apply-patch+yaml");
		return NULL;
	}
}

void
write_patch(struct request *r, struct response *resp)
{
	struct err err;
	enum write_patch_type t = write_patch_type(r->content_type);
	json_t *patch = NULL, *obj;
	struct cobj *cur;
	char key[1024], manager[160] = "", apiv[160] = "";
	const char *m;
	int tries, rc = -1, client_rv = 0, force = 0;

	err_clear(&err);
	if (t == WRITE_PATCH_UNKNOWN) {
		write_apply_patch(r, t, NULL, NULL, &err);
		response_status(resp, &err);
		return;
	}
	if (yaml_parse_one(r->body, r->body_len, &patch, &err) < 0) {
		response_status(resp, &err);
		return;
	}
	if (t != WRITE_PATCH_JSON)
		client_rv = object_rv(patch) != 0;
	if (t == WRITE_PATCH_APPLY) {
		m = request_query(r, "fieldManager");
		if (m == NULL || m[0] == '\0') {
			err_set(&err, ERR_BAD_REQUEST, "PATCH /apply requires "
			    "fieldManager");
			goto out;
		}
		snprintf(manager, sizeof manager, "%s", m);
		force = request_bool(r, "force");
		registry_api_version(r->kind, apiv, sizeof apiv);
		r->applying = 1;
		if (write_apply_unknown(r, patch, apiv, &err) < 0)
			goto out;
	}
	api_key(r, r->name, key, sizeof key);
	for (tries = 0; tries < WRITE_RETRIES; tries++) {
		cur = cache_get(r->srv->cache, key);
		if (t == WRITE_PATCH_APPLY) {
			/* server-side apply: merge, own, maybe create */
			obj = managed_apply(cur ? cur->obj : NULL, patch,
			    manager, force, apiv, r->kind->kind, &err);
			if (obj == NULL || (tries == 0 &&
			    write_apply_dups(r, resp, &err) < 0)) {
				json_decref(obj);
				if (cur != NULL)
					cobj_unref(cur);
				break;
			}
			if (cur == NULL) {
				rc = write_create_obj(r, resp, obj, &err);
				json_decref(obj);
				break;
			}
		} else if (cur == NULL) {
			api_not_found(&err, r->kind, r->name);
			break;
		} else {
			obj = write_apply_patch(r, t, cur->obj, patch, &err);
			if (obj == NULL || write_fieldcheck(r, resp, obj, patch,
			    t, &err) < 0) {
				json_decref(obj);
				cobj_unref(cur);
				break;
			}
		}
		if (t == WRITE_PATCH_JSON)
			client_rv = object_rv(obj) != cur->rev;
		rc = write_update_obj(r, resp, obj, cur, client_rv, &err);
		cobj_unref(cur);
		if (rc != 1)
			break;
		cache_sync(r->srv->cache, &err);
	}
out:
	if (rc != 0) {
		if (rc == 1)
			write_conflict(&err, r->kind, r->name);
		response_status(resp, &err);
	}
	json_decref(patch);
}

/* DeleteOptions from the body or the query. */
struct write_delopts {
	long long	 grace;		/* -1: the object's default */
	char		 policy[32];	/* Background, Foreground, Orphan */
	char		 uid[64];
	char		 rv[32];
	int		 dry_run;
};

static int
write_delopts(struct request *r, struct write_delopts *o, struct err *err)
{
	json_t *body = NULL, *v;
	const char *q;

	memset(o, 0, sizeof *o);
	o->grace = -1;
	if (r->body_len > 0) {
		if (yaml_parse_one(r->body, r->body_len, &body, err) < 0)
			return -1;
		if ((v = json_object_get(body, "gracePeriodSeconds")) != NULL)
			o->grace = json_integer_value(v);
		if ((q = write_str(body, "propagationPolicy")) != NULL)
			snprintf(o->policy, sizeof o->policy, "%s", q);
		if (json_is_false(json_object_get(body, "orphanDependents")))
			snprintf(o->policy, sizeof o->policy, "Background");
		if (json_is_true(json_object_get(body, "orphanDependents")))
			snprintf(o->policy, sizeof o->policy, "Orphan");
		v = json_object_get(body, "preconditions");
		if ((q = write_str(v, "uid")) != NULL)
			snprintf(o->uid, sizeof o->uid, "%s", q);
		if ((q = write_str(v, "resourceVersion")) != NULL)
			snprintf(o->rv, sizeof o->rv, "%s", q);
		v = json_object_get(body, "dryRun");
		if (json_array_size(v) > 0 && json_string_value(
		    json_array_get(v, 0)) && strcmp(json_string_value(
		    json_array_get(v, 0)), "All") == 0)
			o->dry_run = 1;
		json_decref(body);
	}
	if ((q = request_query(r, "gracePeriodSeconds")) != NULL)
		o->grace = strtoll(q, NULL, 10);
	if ((q = request_query(r, "propagationPolicy")) != NULL)
		snprintf(o->policy, sizeof o->policy, "%s", q);
	if (api_dry_run(r))
		o->dry_run = 1;
	if (o->policy[0] && strcmp(o->policy, "Background") != 0 &&
	    strcmp(o->policy, "Foreground") != 0 &&
	    strcmp(o->policy, "Orphan") != 0) {
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "propagationPolicy",
		    o->policy, "supported values: \"Background\", "
		    "\"Foreground\", \"Orphan\"");
		return err_invalid(err, "DeleteOptions", "");
	}
	return 0;
}

static void
write_add_finalizer(json_t *m, const char *f)
{
	json_t *fin = json_object_get(m, "finalizers"), *v;
	size_t i;

	if (!json_is_array(fin)) {
		fin = json_array();
		json_object_set_new(m, "finalizers", fin);
	}
	json_array_foreach(fin, i, v)
		if (json_string_value(v) && strcmp(json_string_value(v), f) == 0)
			return;
	json_array_append_new(fin, json_string(f));
}

/* Deletes one object (cur); 0 with resp filled, -1 with err. */
static int
write_delete_one(struct request *r, struct response *resp,
    const struct cobj *cur, const struct write_delopts *o, struct err *err)
{
	json_t *obj, *m, *st;
	char key[1024], now[64];
	const char *phase, *node;
	char *data;
	size_t len;
	long long grace = o->grace;
	int64_t rev = 0;
	int is_pod = strcmp(r->kind->kind, "Pod") == 0 &&
	    r->kind->group[0] == '\0';
	int is_ns = strcmp(r->kind->kind, "Namespace") == 0 &&
	    r->kind->group[0] == '\0';
	int graceful;

	m = json_object_get(cur->obj, "metadata");
	if (o->uid[0] && strcmp(o->uid, write_str(m, "uid") ?: "") != 0)
		return err_set(err, ERR_CONFLICT, "Operation cannot be "
		    "fulfilled on %s \"%s\": Precondition failed: UID in "
		    "precondition: %s, UID in object meta: %s", r->resource,
		    cur->name, o->uid, write_str(m, "uid") ?: "");
	if (o->rv[0] && strtoll(o->rv, NULL, 10) != cur->rev)
		return err_set(err, ERR_CONFLICT, "Operation cannot be "
		    "fulfilled on %s \"%s\": Precondition failed: "
		    "ResourceVersion in precondition: %s, ResourceVersion in "
		    "object meta: %lld", r->resource, cur->name, o->rv,
		    (long long)cur->rev);
	snprintf(r->name, sizeof r->name, "%s", cur->name);
	object_key(r->kind, cur->ns, cur->name, key, sizeof key);
	obj = json_deep_copy(cur->obj);
	m = write_meta(obj);
	if (is_pod) {
		if (grace < 0)
			grace = json_integer_value(json_object_get(
			    json_object_get(obj, "spec"),
			    "terminationGracePeriodSeconds"));
		node = write_str(json_object_get(obj, "spec"), "nodeName");
		phase = write_str(json_object_get(obj, "status"), "phase");
		if (node == NULL || node[0] == '\0' || (phase &&
		    (strcmp(phase, "Succeeded") == 0 ||
		    strcmp(phase, "Failed") == 0)))
			grace = 0;
	} else
		grace = 0;
	if (strcmp(o->policy, "Foreground") == 0)
		write_add_finalizer(m, "foregroundDeletion");
	else if (strcmp(o->policy, "Orphan") == 0)
		write_add_finalizer(m, "orphan");
	graceful = grace > 0 || write_has_finalizers(obj) || (is_ns &&
	    json_array_size(json_object_get(json_object_get(obj, "spec"),
	    "finalizers")) > 0);
	if (!graceful) {
		if (o->dry_run) {
			api_reply_object(r, resp, 200, obj);
			json_decref(obj);
			return 0;
		}
		if (write_remove(r, key, obj, cur->rev, resp, err) < 0) {
			json_decref(obj);
			return -1;
		}
		json_decref(obj);
		return 0;
	}
	if (json_object_get(m, "deletionTimestamp") == NULL ||
	    (is_pod && grace < json_integer_value(json_object_get(m,
	    "deletionGracePeriodSeconds")))) {
		time_t t = time(NULL) + (time_t)grace;
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_set_new(m, "deletionTimestamp", json_string(now));
		json_object_set_new(m, "deletionGracePeriodSeconds",
		    json_integer(grace));
	}
	if (is_ns) {
		st = json_object_get(obj, "status");
		if (!json_is_object(st)) {
			st = json_object();
			json_object_set_new(obj, "status", st);
		}
		json_object_set_new(st, "phase", json_string("Terminating"));
	}
	if (json_equal(obj, cur->obj) || o->dry_run) {
		api_reply_object(r, resp, 200, obj);
		json_decref(obj);
		return 0;
	}
	data = object_encode(obj, &len, NULL);
	if (store_update(r->srv->store, key, data, len, cur->rev, &rev,
	    err) < 0) {
		free(data);
		json_decref(obj);
		if (err->reason == ERR_CONFLICT)
			write_conflict(err, r->kind, r->name);
		return -1;
	}
	free(data);
	write_reply(r, resp, 200, obj, rev, NULL, 0, 0);
	json_decref(obj);
	return 0;
}

void
write_delete(struct request *r, struct response *resp)
{
	struct write_delopts o;
	struct err err;
	struct cobj *cur;
	char key[1024];
	int tries, rc = -1;

	err_clear(&err);
	if (write_delopts(r, &o, &err) < 0) {
		response_status(resp, &err);
		return;
	}
	api_key(r, r->name, key, sizeof key);
	for (tries = 0; tries < WRITE_RETRIES; tries++) {
		cur = cache_get(r->srv->cache, key);
		if (cur == NULL) {
			api_not_found(&err, r->kind, r->name);
			break;
		}
		err_clear(&err);
		rc = write_delete_one(r, resp, cur, &o, &err);
		cobj_unref(cur);
		/* a write that came in between is no reason to fail, as
		 * kube-apiserver's GuaranteedUpdate retries; a precondition
		 * that does not hold is */
		if (rc == 0 || err.reason != ERR_CONFLICT || o.rv[0] ||
		    strstr(err.msg, "Precondition failed") != NULL)
			break;
		cache_sync(r->srv->cache, &err);
	}
	if (rc != 0)
		response_status(resp, &err);
}

void
write_delete_collection(struct request *r, struct response *resp)
{
	struct write_delopts o;
	struct api_filter f;
	struct cache_page page;
	struct response one;
	struct err err;
	char apiv[160];
	size_t i;

	err_clear(&err);
	if (write_delopts(r, &o, &err) < 0 ||
	    api_filter_init(r, &f, &err) < 0) {
		response_status(resp, &err);
		return;
	}
	if (cache_list(r->srv->cache, r->kind, r->ns, NULL, 0,
	    api_filter_match, &f, &page, &err) < 0) {
		api_filter_release(&f);
		response_status(resp, &err);
		return;
	}
	for (i = 0; i < page.n; i++) {
		memset(&one, 0, sizeof one);
		buf_init(&one.body, 0);
		err_clear(&err);
		write_delete_one(r, &one, page.items[i], &o, &err);
		buf_release(&one.body);
	}
	registry_api_version(r->kind, apiv, sizeof apiv);
	resp->code = 200;
	buf_reset(&resp->body);
	buf_addf(&resp->body, "{\"kind\":\"%sList\",\"apiVersion\":\"%s\","
	    "\"metadata\":{},\"items\":[", r->kind->kind, apiv);
	for (i = 0; i < page.n; i++)
		buf_addf(&resp->body, "%s%s", i ? "," : "",
		    page.items[i]->json);
	buf_adds(&resp->body, "]}");
	cache_page_release(&page);
	api_filter_release(&f);
}

/* POST pods/<name>/binding: sets spec.nodeName once. */
/* A bound pod's PodScheduled condition: True, as the binding registry of
 * kube-apiserver sets it. */
static void
write_pod_scheduled(json_t *pod)
{
	json_t *status = json_object_get(pod, "status"), *conds, *keep, *c;
	char now[64];
	size_t i;

	if (!json_is_object(status)) {
		status = json_object();
		json_object_set_new(pod, "status", status);
	}
	conds = json_object_get(status, "conditions");
	keep = json_array();
	json_array_foreach(conds, i, c)
		if (write_str(c, "type") == NULL ||
		    strcmp(write_str(c, "type"), "PodScheduled") != 0)
			json_array_append(keep, c);
	object_now(now, sizeof now);
	json_array_append_new(keep, json_pack("{s:s, s:s, s:n, s:s}", "type",
	    "PodScheduled", "status", "True", "lastProbeTime",
	    "lastTransitionTime", now));
	json_object_set_new(status, "conditions", keep);
}

void
write_binding(struct request *r, struct response *resp)
{
	struct err err;
	json_t *b, *obj, *spec;
	const char *node, *cur_node, *uid;
	struct cobj *cur;
	char key[1024];
	char *data;
	size_t len, meta_off;
	int64_t rev;

	err_clear(&err);
	b = api_body(r, &err);
	if (b == NULL)
		goto out;
	node = write_str(json_object_get(b, "target"), "name");
	if (node == NULL || node[0] == '\0') {
		err_field(&err, ERR_CAUSE_REQUIRED, "target.name", NULL, NULL);
		err_invalid(&err, "Binding", r->name);
		goto out;
	}
	api_key(r, r->name, key, sizeof key);
	cur = cache_get(r->srv->cache, key);
	if (cur == NULL) {
		api_not_found(&err, r->kind, r->name);
		goto out;
	}
	cur_node = write_str(json_object_get(cur->obj, "spec"), "nodeName");
	if (cur_node != NULL && cur_node[0] != '\0') {
		err_set(&err, ERR_CONFLICT, "Operation cannot be fulfilled on "
		    "pods/binding \"%s\": pod %s is already assigned to node "
		    "\"%s\"", r->name, r->name, cur_node);
		cobj_unref(cur);
		goto out;
	}
	uid = write_str(json_object_get(b, "metadata"), "uid");
	if (uid != NULL && uid[0] != '\0' && (write_str(json_object_get(
	    cur->obj, "metadata"), "uid") == NULL || strcmp(uid, write_str(
	    json_object_get(cur->obj, "metadata"), "uid")) != 0)) {
		err_set(&err, ERR_CONFLICT, "Operation cannot be fulfilled on "
		    "pods/binding \"%s\": Precondition failed: UID in "
		    "precondition: %s, UID in object meta: %s", r->name, uid,
		    write_str(json_object_get(cur->obj, "metadata"), "uid") ?:
		    "");
		cobj_unref(cur);
		goto out;
	}
	if (json_object_get(json_object_get(cur->obj, "metadata"),
	    "deletionTimestamp") != NULL) {
		err_set(&err, ERR_CONFLICT, "Operation cannot be fulfilled on "
		    "pods/binding \"%s\": pod %s is being deleted, cannot be "
		    "assigned to a host", r->name, r->name);
		cobj_unref(cur);
		goto out;
	}
	obj = json_deep_copy(cur->obj);
	spec = json_object_get(obj, "spec");
	json_object_set_new(spec, "nodeName", json_string(node));
	write_pod_scheduled(obj);
	data = object_encode(obj, &len, &meta_off);
	if (write_store(r, key, obj, data, len, meta_off, cur, &rev,
	    &err) == 0) {
		cache_note(r->srv->cache, rev);
		err_clear(&err);
		response_status(resp, NULL);
		resp->code = 201;
	} else if (err.reason == ERR_CONFLICT)
		write_conflict(&err, r->kind, r->name);
	free(data);
	json_decref(obj);
	cobj_unref(cur);
out:
	if (err.reason != ERR_NONE)
		response_status(resp, &err);
	json_decref(b);
}

/* POST selfsubjectaccessreviews: may the caller do what it asks? */
void
write_access_review(struct request *r, struct response *resp)
{
	struct err err;
	struct buf why = BUF_INIT(64 * 1024);
	json_t *b, *ra, *nra, *st;
	const char *verb, *grp, *ns, *name;
	char res[300];
	int ok;

	err_clear(&err);
	b = api_body(r, &err);
	if (b == NULL) {
		response_status(resp, &err);
		return;
	}
	if (r->kind->validate != NULL && r->kind->validate(b, NULL, &err) < 0) {
		response_status(resp, &err);
		json_decref(b);
		return;
	}
	ra = json_object_get(json_object_get(b, "spec"), "resourceAttributes");
	nra = json_object_get(json_object_get(b, "spec"),
	    "nonResourceAttributes");
	if (ra == NULL && nra != NULL) {
		ok = auth_decide(r->srv->auth, &r->user, write_str(nra,
		    "verb") ?: "", "", "", "", "", write_str(nra, "path") ?: "",
		    &why);
	} else {
		verb = write_str(ra, "verb") ?: "";
		grp = write_str(ra, "group") ?: "";
		ns = write_str(ra, "namespace") ?: "";
		name = write_str(ra, "name") ?: "";
		snprintf(res, sizeof res, "%s%s%s", write_str(ra, "resource") ?:
		    "", write_str(ra, "subresource") &&
		    write_str(ra, "subresource")[0] ? "/" : "",
		    write_str(ra, "subresource") ?: "");
		ok = auth_decide(r->srv->auth, &r->user, verb, grp, res, ns,
		    name, NULL, &why);
	}
	st = json_pack("{s:b}", "allowed", ok);
	if (!ok && why.len > 0)
		json_object_set_new(st, "reason", json_string(buf_str(&why)));
	buf_release(&why);
	json_object_set_new(b, "status", st);
	json_object_set_new(write_meta(b), "creationTimestamp", json_null());
	response_json(resp, 201, b);
	json_decref(b);
}

void
write_self_review(struct request *r, struct response *resp)
{
	struct err err;
	json_t *b, *ui, *groups;
	int i;

	err_clear(&err);
	b = api_body(r, &err);
	if (b == NULL) {
		response_status(resp, &err);
		return;
	}
	groups = json_array();
	for (i = 0; i < r->user.ngroups && i < AUTH_MAX_GROUPS; i++)
		json_array_append_new(groups, json_string(r->user.groups[i]));
	ui = json_pack("{s:s, s:o}", "username", r->user.name, "groups",
	    groups);
	if (ui != NULL && r->user.uid[0] != '\0')
		json_object_set_new(ui, "uid", json_string(r->user.uid));
	json_object_set_new(b, "status", json_pack("{s:o*}", "userInfo", ui));
	json_object_set_new(write_meta(b), "creationTimestamp", json_null());
	response_json(resp, 201, b);
	json_decref(b);
}

/* GET, PUT and PATCH of <resource>/<name>/scale (autoscaling/v1 Scale). */
static json_t *
write_scale_of(const struct cobj *cur)
{
	const json_t *m = json_object_get(cur->obj, "metadata");
	const json_t *spec = json_object_get(cur->obj, "spec");
	const json_t *sel = json_object_get(spec, "selector");
	struct selector *s = NULL;
	struct buf b = BUF_INIT(8192);
	json_t *scale;

	scale = json_pack("{s:s, s:s, s:{s:O, s:O, s:O, s:O, s:O}, s:{s:I}, "
	    "s:{s:I}}", "kind", "Scale", "apiVersion", "autoscaling/v1",
	    "metadata", "name", json_object_get(m, "name"), "namespace",
	    json_object_get(m, "namespace"), "uid", json_object_get(m, "uid"),
	    "resourceVersion", json_object_get(m, "resourceVersion"),
	    "creationTimestamp", json_object_get(m, "creationTimestamp"),
	    "spec", "replicas", (json_int_t)json_integer_value(
	    json_object_get(spec, "replicas")), "status", "replicas",
	    (json_int_t)json_integer_value(json_object_get(json_object_get(
	    cur->obj, "status"), "replicas")));
	if (scale == NULL)
		return NULL;
	if (sel != NULL && selector_from_json(sel, &s, NULL) == 0) {
		selector_string(s, &b);
		json_object_set_new(json_object_get(scale, "status"),
		    "selector", json_string(buf_str(&b)));
		selector_free(s);
	}
	buf_release(&b);
	return scale;
}

/* One try of a Scale PATCH or PUT against cur, the object at key; 1 when
 * another write came in between and the caller should try again: a
 * resourceVersion the body names is then checked against the object read
 * again, a precondition that holds no more answered with a Conflict. */
static int
write_scale_once(struct request *r, struct response *resp, const char *key,
    const struct cobj *cur, const json_t *body, enum write_patch_type t,
    struct err *err)
{
	json_t *scale, *in = NULL, *obj = NULL, *rep;
	char *data;
	size_t len;
	int64_t rev;
	int ret = -1;

	scale = write_scale_of(cur);
	if (strcmp(r->method, "PUT") == 0)
		in = json_incref((json_t *)body);
	else
		in = t == WRITE_PATCH_JSON ? jsonpatch_apply(scale, body, err) :
		    mergepatch_apply(scale, body, err);
	if (in == NULL)
		goto out;
	if (object_rv(in) > 0 && object_rv(in) != cur->rev) {
		write_conflict(err, r->kind, r->name);
		goto out;
	}
	rep = json_object_get(json_object_get(in, "spec"), "replicas");
	if (!json_is_integer(rep) || json_integer_value(rep) < 0) {
		err_field(err, ERR_CAUSE_INVALID, "spec.replicas", "-1",
		    "must be greater than or equal to 0");
		err_invalid(err, "Scale", r->name);
		goto out;
	}
	obj = json_deep_copy(cur->obj);
	json_object_set(json_object_get(obj, "spec"), "replicas", rep);
	if (!json_equal(obj, cur->obj) && !api_dry_run(r)) {
		json_object_set_new(write_meta(obj), "generation", json_integer(
		    json_integer_value(json_object_get(write_meta(obj),
		    "generation")) + 1));
		data = object_encode(obj, &len, NULL);
		if (store_update(r->srv->store, key, data, len, cur->rev, &rev,
		    err) < 0) {
			free(data);
			if (err->reason == ERR_CONFLICT)
				ret = 1;
			goto out;
		}
		free(data);
		cache_note(r->srv->cache, rev);
		object_set_rv(obj, rev);
	}
	json_object_set(json_object_get(scale, "spec"), "replicas", rep);
	json_object_set(json_object_get(scale, "metadata"), "resourceVersion",
	    json_object_get(write_meta(obj), "resourceVersion"));
	response_json(resp, 200, scale);
	ret = 0;
out:
	json_decref(scale);
	json_decref(in);
	json_decref(obj);
	return ret;
}

void
write_scale(struct request *r, struct response *resp)
{
	enum write_patch_type t = WRITE_PATCH_MERGE;
	struct err err;
	struct cobj *cur;
	json_t *body = NULL, *scale;
	char key[1024];
	int tries, rc = -1;

	err_clear(&err);
	api_key(r, r->name, key, sizeof key);
	if (strcmp(r->method, "GET") == 0) {
		if ((cur = cache_get(r->srv->cache, key)) == NULL) {
			api_not_found(&err, r->kind, r->name);
			response_status(resp, &err);
			return;
		}
		scale = write_scale_of(cur);
		response_json(resp, 200, scale);
		json_decref(scale);
		cobj_unref(cur);
		return;
	}
	if (strcmp(r->method, "PUT") == 0) {
		body = api_body(r, &err);
	} else if (strcmp(r->method, "PATCH") == 0) {
		t = write_patch_type(r->content_type);
		if (yaml_parse_one(r->body, r->body_len, &body, &err) < 0)
			body = NULL;
	} else {
		err_set(&err, ERR_METHOD_NOT_ALLOWED, "the server does not "
		    "allow this method on the requested resource");
	}
	if (body == NULL) {
		response_status(resp, &err);
		return;
	}
	/* a write that came in between (a controller's status) is no
	 * reason to fail, as kube-apiserver's GuaranteedUpdate retries; a
	 * resourceVersion the client named is (write_scale_once) */
	for (tries = 0; tries < WRITE_RETRIES; tries++) {
		if ((cur = cache_get(r->srv->cache, key)) == NULL) {
			api_not_found(&err, r->kind, r->name);
			break;
		}
		err_clear(&err);
		rc = write_scale_once(r, resp, key, cur, body, t, &err);
		cobj_unref(cur);
		if (rc != 1)
			break;
		err_clear(&err);
		if (cache_sync(r->srv->cache, &err) < 0)
			break;
		rc = -1;
		write_conflict(&err, r->kind, r->name);
	}
	if (rc != 0)
		response_status(resp, &err);
	json_decref(body);
}
