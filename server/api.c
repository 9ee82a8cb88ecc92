/* api.c - the resource API: parses /api/v1/... and /apis/<g>/<v>/...
 * paths, authorizes, and serves the read verbs (get, list) from the watch
 * cache; writes are in write.c, watches in watch.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/base64.h"
#include "../lib/jsonenc.h"
#include "../lib/selector.h"
#include "../lib/yaml.h"
#include "api.h"
#include "auth.h"
#include "table.h"

#define API_MAX_SEGS	8

int
api_not_found(struct err *err, const struct registry_kind *k,
    const char *name)
{
	if (k->group[0] != '\0')
		return err_set(err, ERR_NOT_FOUND, "%s.%s \"%s\" not found",
		    k->resource, k->group, name);
	return err_set(err, ERR_NOT_FOUND, "%s \"%s\" not found",
	    k->resource, name);
}

void
api_key(const struct request *r, const char *name, char *out, size_t len)
{
	object_key(r->kind, r->ns, name, out, len);
}

int
api_dry_run(const struct request *r)
{
	const char *d = request_query(r, "dryRun");

	return d != NULL && strcmp(d, "All") == 0;
}

json_t *
api_body(struct request *r, struct err *err)
{
	json_t *obj = NULL;

	if (r->body_len == 0) {
		err_set(err, ERR_BAD_REQUEST, "the body of the request was "
		    "empty");
		return NULL;
	}
	if (yaml_parse_one_unique(r->body, r->body_len, &obj,
	    &r->body_unique, err) < 0)
		return NULL;
	if (!json_is_object(obj)) {
		json_decref(obj);
		err_set(err, ERR_BAD_REQUEST, "the body of the request is not "
		    "an object");
		return NULL;
	}
	return obj;
}

void
api_reply_object(struct request *r, struct response *resp, int code,
    const json_t *obj)
{
	json_t *t;

	if (table_wanted(r->accept)) {
		t = table_new(r->kind, 1);
		table_add(t, r->kind, obj, table_include_param(
		    request_query(r, "includeObject")));
		response_json(resp, code, t);
		json_decref(t);
		return;
	}
	response_json(resp, code, obj);
}

int
api_filter_init(struct request *r, struct api_filter *f, struct err *err)
{
	const char *ls = request_query(r, "labelSelector");
	const char *fs = request_query(r, "fieldSelector");
	const char *const *allowed;
	const char *field;
	size_t i;
	int ok;

	memset(f, 0, sizeof *f);
	if (ls != NULL && ls[0] != '\0' &&
	    selector_parse(ls, &f->labels, err) < 0)
		return -1;
	if (fs != NULL && fs[0] != '\0') {
		if (fieldsel_parse(fs, &f->fields, err) < 0)
			goto fail;
		for (i = 0; (field = fieldsel_field(f->fields, i)) != NULL;
		    i++) {
			ok = strcmp(field, "metadata.name") == 0 ||
			    strcmp(field, "metadata.namespace") == 0;
			for (allowed = r->kind->fields; !ok && allowed &&
			    *allowed; allowed++)
				ok = strcmp(*allowed, field) == 0;
			if (!ok) {
				err_set(err, ERR_BAD_REQUEST, "field label not "
				    "supported: %s", field);
				goto fail;
			}
		}
	}
	return 0;
fail:
	api_filter_release(f);
	return -1;
}

void
api_filter_release(struct api_filter *f)
{
	if (f->labels != NULL)
		selector_free(f->labels);
	if (f->fields != NULL)
		fieldsel_free(f->fields);
	memset(f, 0, sizeof *f);
}

int
api_filter_match(void *arg, const struct cobj *o)
{
	struct api_filter *f = arg;

	if (f->name[0] != '\0' && strcmp(f->name, o->name) != 0)
		return 0;
	if (f->labels != NULL && !selector_matches(f->labels,
	    json_object_get(json_object_get(o->obj, "metadata"), "labels")))
		return 0;
	if (f->fields != NULL && !fieldsel_matches(f->fields, o->obj))
		return 0;
	return 1;
}

/*
 * Parses the path into group, version, namespace, resource, name and
 * subresource; 0 when it names a resource, -1 otherwise.
 */
static int
api_parse_path(struct request *r, int *watch_path)
{
	char path[1024], *segs[API_MAX_SEGS + 2], *p, *save = NULL;
	int n = 0, i;
	const struct registry_kind *k;

	snprintf(path, sizeof path, "%s", r->path);
	for (p = strtok_r(path, "/", &save); p != NULL && n < API_MAX_SEGS + 1;
	    p = strtok_r(NULL, "/", &save))
		segs[n++] = p;
	if (n > API_MAX_SEGS)
		return -1;
	if (strcmp(segs[0], "api") == 0) {
		if (n < 3)
			return -1;
		r->group[0] = '\0';
		snprintf(r->version, sizeof r->version, "%s", segs[1]);
		i = 2;
	} else {
		if (n < 4)
			return -1;
		snprintf(r->group, sizeof r->group, "%s", segs[1]);
		snprintf(r->version, sizeof r->version, "%s", segs[2]);
		i = 3;
	}
	*watch_path = 0;
	if (strcmp(segs[i], "watch") == 0) {
		*watch_path = 1;
		i++;
	}
	if (i >= n)
		return -1;
	if (strcmp(segs[i], "namespaces") == 0 && n - i >= 3 &&
	    registry_find(r->group, segs[i + 2]) != NULL &&
	    (registry_find(r->group, segs[i + 2])->flags & REG_NAMESPACED)) {
		snprintf(r->ns, sizeof r->ns, "%s", segs[i + 1]);
		i += 2;
	}
	k = registry_find(r->group, segs[i]);
	if (k == NULL || strcmp(k->version, r->version) != 0)
		return -1;
	r->kind = k;
	snprintf(r->resource, sizeof r->resource, "%s", segs[i]);
	if (i + 1 < n)
		snprintf(r->name, sizeof r->name, "%s", segs[i + 1]);
	if (i + 2 < n)
		snprintf(r->subresource, sizeof r->subresource, "%s",
		    segs[i + 2]);
	if (i + 3 < n)
		return -1;
	return 0;
}

static const char *
api_verb(const struct request *r, int watch)
{
	const char *m = r->method;

	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0) {
		if (watch)
			return "watch";
		return r->name[0] ? "get" : "list";
	}
	if (strcmp(m, "POST") == 0)
		return "create";
	if (strcmp(m, "PUT") == 0)
		return "update";
	if (strcmp(m, "PATCH") == 0)
		return "patch";
	if (strcmp(m, "DELETE") == 0)
		return r->name[0] ? "delete" : "deletecollection";
	return NULL;
}

static void
api_get(struct request *r, struct response *resp)
{
	char key[1024];
	struct cobj *o;
	struct err err;

	err_clear(&err);
	api_key(r, r->name, key, sizeof key);
	o = cache_get(r->srv->cache, key);
	if (o == NULL) {
		api_not_found(&err, r->kind, r->name);
		response_status(resp, &err);
		return;
	}
	if (table_wanted(r->accept)) {
		api_reply_object(r, resp, 200, o->obj);
	} else {
		resp->code = 200;
		buf_reset(&resp->body);
		buf_add(&resp->body, o->json, o->len);
	}
	cobj_unref(o);
}

/* Continue tokens: base64url of {"v":"meta.k8s.io/v1","rv":N,"start":K} */
static int
api_continue_decode(const char *tok, int64_t *rev, char *start, size_t len,
    struct err *err)
{
	struct buf b = BUF_INIT(8192);
	json_t *j;
	const char *s;
	int r = -1;

	if (base64_decode(tok, strlen(tok), &b) < 0 ||
	    (j = json_loads(buf_str(&b), 0, NULL)) == NULL) {
		buf_release(&b);
		return err_set(err, ERR_BAD_REQUEST, "continue key is not "
		    "valid: incorrect encoded start resourceVersion (version "
		    "meta.k8s.io/v1)");
	}
	s = json_string_value(json_object_get(j, "start"));
	*rev = json_integer_value(json_object_get(j, "rv"));
	if (s != NULL && *rev > 0) {
		snprintf(start, len, "%s", s);
		r = 0;
	} else
		err_set(err, ERR_BAD_REQUEST, "continue key is not valid");
	json_decref(j);
	buf_release(&b);
	return r;
}

static void
api_continue_encode(int64_t rev, const char *key, struct buf *out)
{
	json_t *j = json_pack("{s:s, s:I, s:s}", "v", "meta.k8s.io/v1", "rv",
	    (json_int_t)rev, "start", key);
	char *s = json_dumps(j, JSON_COMPACT);

	base64_encode(s, strlen(s), 1, out);
	free(s);
	json_decref(j);
}

static int
api_expired(struct err *err)
{
	return err_set(err, ERR_EXPIRED, "The provided continue parameter is "
	    "too old to display a consistent list result. You can start a new "
	    "list without the continue parameter, or use the continue token "
	    "in this response to retrieve the remainder of the results. "
	    "Continuing with the provided token results in an inconsistent "
	    "list - objects that were created, modified, or deleted between "
	    "the time the first chunk was returned and now may show up in the "
	    "list.");
}

/* Wraps an object read from the store in a cobj. */
static struct cobj *
api_store_cobj(struct request *r, const struct store_kv *kv)
{
	struct cobj *o;
	json_t *obj;
	const char *slash;

	obj = object_decode(kv->value, kv->value_len, kv->mod_rev, NULL);
	if (obj == NULL || (o = calloc(1, sizeof *o)) == NULL) {
		json_decref(obj);
		return NULL;
	}
	o->refs = 1;
	o->kind = r->kind;
	o->key = strdup(kv->key);
	o->obj = obj;
	o->json = jsonenc_dup(obj, &o->len, NULL);
	o->rev = kv->mod_rev;
	o->ns = strdup(json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), "namespace")) ?: "");
	if (o->key == NULL || o->json == NULL || o->ns == NULL) {
		cobj_unref(o);
		return NULL;
	}
	slash = strrchr(o->key, '/');
	o->name = slash ? slash + 1 : o->key;
	return o;
}

/* A page read from the store at an older revision (continue tokens). */
static int
api_list_store(struct request *r, struct api_filter *f, const char *start,
    int64_t rev, size_t limit, struct cache_page *page, struct err *err)
{
	char prefix[512], last[1024];
	struct store_list l;
	struct cobj *o, **v;
	size_t i, cap = limit ? limit + 1 : 64;
	int done = 0;

	memset(page, 0, sizeof *page);
	object_prefix(r->kind, r->ns, prefix, sizeof prefix);
	page->items = calloc(cap, sizeof *page->items);
	if (page->items == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	page->rev = rev;
	snprintf(last, sizeof last, "%s", start ? start : "");
	while (!done) {
		if (store_list(r->srv->store, prefix, last[0] ? last : NULL,
		    rev, limit ? limit : 500, &l, err) < 0) {
			cache_page_release(page);
			if (err->reason == ERR_GONE)
				api_expired(err);
			return -1;
		}
		for (i = 0; i < l.n; i++) {
			if (limit && page->n >= limit) {
				page->more = 1;
				done = 1;
				break;
			}
			snprintf(last, sizeof last, "%s", l.items[i].key);
			o = api_store_cobj(r, &l.items[i]);
			if (o == NULL)
				continue;
			if (!api_filter_match(f, o)) {
				cobj_unref(o);
				continue;
			}
			if (page->n == cap) {
				v = realloc(page->items, 2 * cap * sizeof *v);
				if (v == NULL) {
					cobj_unref(o);
					continue;
				}
				page->items = v;
				cap *= 2;
			}
			page->items[page->n++] = o;
		}
		if (!l.more)
			done = 1;
		else if (!done && limit && page->n >= limit) {
			page->more = 1;
			done = 1;
		}
		store_list_release(&l);
	}
	return 0;
}

static void
api_list(struct request *r, struct response *resp)
{
	struct api_filter f;
	struct cache_page page;
	struct err err;
	const char *limit_s = request_query(r, "limit");
	const char *cont = request_query(r, "continue");
	const char *rv = request_query(r, "resourceVersion");
	const char *rvm = request_query(r, "resourceVersionMatch");
	char start[1024] = "", apiv[160], kind[160];
	size_t limit = 0, i, need;
	int64_t rev = 0;
	json_t *t;
	struct buf *b = &resp->body;
	int table = table_wanted(r->accept);

	err_clear(&err);
	if (api_filter_init(r, &f, &err) < 0) {
		response_status(resp, &err);
		return;
	}
	if (limit_s != NULL)
		limit = (size_t)strtoull(limit_s, NULL, 10);
	if (cont != NULL && cont[0] != '\0') {
		if (api_continue_decode(cont, &rev, start, sizeof start,
		    &err) < 0)
			goto fail;
	} else if (rvm != NULL && strcmp(rvm, "Exact") == 0 && rv != NULL) {
		rev = strtoll(rv, NULL, 10);
	} else if (rv == NULL || rv[0] == '\0') {
		/* a consistent read: the cache catches up with the store */
		if (cache_sync(r->srv->cache, &err) < 0)
			goto fail;
	}
	if (rev > 0 && rev != cache_rev(r->srv->cache)) {
		if (api_list_store(r, &f, start[0] ? start : NULL, rev, limit,
		    &page, &err) < 0)
			goto fail;
	} else if (cache_list(r->srv->cache, r->kind, r->ns, start[0] ? start :
	    NULL, limit, api_filter_match, &f, &page, &err) < 0)
		goto fail;
	resp->code = 200;
	if (table) {
		t = table_new(r->kind, 1);
		for (i = 0; i < page.n; i++)
			table_add(t, r->kind, page.items[i]->obj,
			    table_include_param(request_query(r,
			    "includeObject")));
		json_object_set_new(json_object_get(t, "metadata"),
		    "resourceVersion", json_sprintf("%lld",
		    (long long)page.rev));
		if (page.more && page.n > 0) {
			struct buf c = BUF_INIT(8192);

			api_continue_encode(page.rev,
			    page.items[page.n - 1]->key, &c);
			json_object_set_new(json_object_get(t, "metadata"),
			    "continue", json_string(buf_str(&c)));
			buf_release(&c);
		}
		response_json(resp, 200, t);
		json_decref(t);
		cache_page_release(&page);
		api_filter_release(&f);
		return;
	}
	registry_api_version(r->kind, apiv, sizeof apiv);
	snprintf(kind, sizeof kind, "%sList", r->kind->kind);
	/* a list has no limit but memory: the body is made to fit it */
	for (need = 65536, i = 0; i < page.n; i++)
		need += page.items[i]->len + 1;
	buf_release(b);
	buf_init(b, need > BUF_CAP_DEFAULT ? need : BUF_CAP_DEFAULT);
	if (buf_grow(b, need) < 0) {
		cache_page_release(&page);
		err_set(&err, ERR_INTERNAL, "out of memory for a list of "
		    "%zu bytes", need);
		goto fail;
	}
	buf_addf(b, "{\"kind\":\"%s\",\"apiVersion\":\"%s\",\"metadata\":"
	    "{\"resourceVersion\":\"%lld\"", kind, apiv, (long long)page.rev);
	if (page.more && page.n > 0) {
		buf_adds(b, ",\"continue\":\"");
		api_continue_encode(page.rev, page.items[page.n - 1]->key, b);
		buf_addf(b, "\",\"remainingItemCount\":%zu", page.remaining);
	}
	buf_adds(b, "},\"items\":[");
	for (i = 0; i < page.n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		if (buf_add(b, page.items[i]->json, page.items[i]->len) < 0)
			break;
	}
	buf_adds(b, "]}");
	cache_page_release(&page);
	api_filter_release(&f);
	return;
fail:
	api_filter_release(&f);
	response_status(resp, &err);
}

/*
 * kube-apiserver's Forbidden: the resource qualified by its group, the
 * name, and what the user cannot do ("pods/log" with its subresource),
 * then the authorizer's reason when it gave one.
 */
static void
api_forbidden(const struct request *r, const char *verb, const char *group,
    const char *resource, const char *sub, const char *ns, const char *name,
    const char *why, struct err *err)
{
	char qual[300], what[300], where[400];

	if (group[0] != '\0')
		snprintf(qual, sizeof qual, "%s.%s", resource, group);
	else
		snprintf(qual, sizeof qual, "%s", resource);
	snprintf(what, sizeof what, "%s%s%s", resource, sub[0] ? "/" : "",
	    sub);
	if (ns[0] != '\0')
		snprintf(where, sizeof where, "in the namespace \"%s\"", ns);
	else
		snprintf(where, sizeof where, "at the cluster scope");
	err_set(err, ERR_FORBIDDEN, "%s%s%s%s is forbidden: User \"%s\" "
	    "cannot %s resource \"%s\" in API group \"%s\" %s%s%s", qual,
	    name[0] ? " \"" : "", name, name[0] ? "\"" : "", r->user.name,
	    verb, what, group, where, why[0] ? ": " : "", why);
}

/*
 * A path under /api or /apis that names no resource kubec serves: as
 * kube-apiserver, authorize what its RequestInfo makes of it first
 * (403), then answer 404.
 */
static void
api_unknown(struct request *r, struct response *resp)
{
	char path[1024], *segs[API_MAX_SEGS + 2], *p, *save = NULL;
	const char *group = "", *verb, *ns = "", *res = "", *name = "";
	const char *sub = "", *w;
	char what[300];
	struct buf why = BUF_INIT(64 * 1024);
	struct err err;
	int n = 0, i;

	err_clear(&err);
	snprintf(path, sizeof path, "%s", r->path);
	for (p = strtok_r(path, "/", &save); p != NULL && n < API_MAX_SEGS + 1;
	    p = strtok_r(NULL, "/", &save))
		segs[n++] = p;
	i = 1;
	if (n > 0 && strcmp(segs[0], "apis") == 0 && n > 1)
		group = segs[i++];
	i++;	/* the version */
	verb = strcmp(r->method, "POST") == 0 ? "create" :
	    strcmp(r->method, "PUT") == 0 ? "update" :
	    strcmp(r->method, "PATCH") == 0 ? "patch" :
	    strcmp(r->method, "DELETE") == 0 ? "delete" :
	    strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0 ?
	    "get" : "";
	if (i < n && (strcmp(segs[i], "watch") == 0 ||
	    strcmp(segs[i], "proxy") == 0))
		verb = segs[i++];
	if (i < n && strcmp(segs[i], "namespaces") == 0 && i + 1 < n) {
		ns = segs[i + 1];
		if (i + 2 < n && strcmp(segs[i + 2], "status") != 0 &&
		    strcmp(segs[i + 2], "finalize") != 0)
			i += 2;
	}
	if (i < n)
		res = segs[i];
	if (i + 1 < n)
		name = segs[i + 1];
	if (i + 2 < n && strcmp(verb, "proxy") != 0)
		sub = segs[i + 2];
	w = request_query(r, "watch");
	if (name[0] == '\0' && strcmp(verb, "get") == 0)
		verb = w != NULL && strcmp(w, "false") != 0 &&
		    strcmp(w, "0") != 0 ? "watch" : "list";
	if (name[0] == '\0' && strcmp(verb, "delete") == 0)
		verb = "deletecollection";
	snprintf(what, sizeof what, "%s%s%s", res, sub[0] ? "/" : "", sub);
	if (!auth_decide(r->srv->auth, &r->user, verb, group, what, ns, name,
	    NULL, &why))
		api_forbidden(r, verb, group, res, sub, ns, name, buf_str(&why),
		    &err);
	else
		err_set(&err, ERR_NOT_FOUND, "the server could not find the "
		    "requested resource");
	buf_release(&why);
	response_status(resp, &err);
}

void
api_handle(struct request *r, struct response *resp)
{
	struct err err;
	const char *verb;
	int watch_path = 0, watch;
	char what[256];
	struct buf why = BUF_INIT(64 * 1024);

	err_clear(&err);
	if (api_parse_path(r, &watch_path) < 0) {
		api_unknown(r, resp);
		return;
	}
	watch = watch_path || request_bool(r, "watch");
	verb = api_verb(r, watch);
	if (verb == NULL) {
		err_set(&err, ERR_METHOD_NOT_ALLOWED, "the server does not "
		    "allow this method on the requested resource");
		response_status(resp, &err);
		return;
	}
	if (r->ns[0] == '\0' && (r->kind->flags & REG_NAMESPACED) &&
	    r->name[0] != '\0') {
		err_set(&err, ERR_NOT_FOUND, "the server could not find the "
		    "requested resource");
		response_status(resp, &err);
		return;
	}
	if (r->subresource[0] != '\0')
		snprintf(what, sizeof what, "%s/%s", r->resource,
		    r->subresource);
	else
		snprintf(what, sizeof what, "%s", r->resource);
	if (!auth_decide(r->srv->auth, &r->user, verb, r->group, what, r->ns,
	    r->name, NULL, &why)) {
		api_forbidden(r, verb, r->group, r->resource, r->subresource,
		    r->ns, r->name, buf_str(&why), &err);
		buf_release(&why);
		response_status(resp, &err);
		return;
	}
	buf_release(&why);
	if (r->kind->flags & REG_CREATE_ONLY) {
		if (strcmp(verb, "create") != 0) {
			err_set(&err, ERR_METHOD_NOT_ALLOWED, "the server does "
			    "not allow this method on the requested resource");
			response_status(resp, &err);
			return;
		}
		if (strcmp(r->kind->resource, "selfsubjectreviews") == 0)
			write_self_review(r, resp);
		else
			write_access_review(r, resp);
		return;
	}
	if (r->subresource[0] != '\0') {
		if (strcmp(r->subresource, "scale") == 0 &&
		    (r->kind->flags & REG_SCALE))
			write_scale(r, resp);
		else if (strcmp(r->subresource, "status") == 0 &&
		    (r->kind->flags & REG_STATUS)) {
			if (strcmp(verb, "get") == 0)
				api_get(r, resp);
			else if (strcmp(verb, "update") == 0)
				write_update(r, resp);
			else if (strcmp(verb, "patch") == 0)
				write_patch(r, resp);
			else
				goto not_allowed;
		} else if (strcmp(r->subresource, "binding") == 0 &&
		    (r->kind->flags & REG_BINDING) &&
		    strcmp(verb, "create") == 0)
			write_binding(r, resp);
		else if (strcmp(r->subresource, "log") == 0 &&
		    strcmp(r->resource, "pods") == 0 &&
		    strcmp(verb, "get") == 0)
			proxy_log(r, resp);
		else if ((strcmp(r->subresource, "exec") == 0 ||
		    strcmp(r->subresource, "attach") == 0 ||
		    strcmp(r->subresource, "portforward") == 0) &&
		    strcmp(r->resource, "pods") == 0 &&
		    (strcmp(verb, "get") == 0 || strcmp(verb, "create") == 0))
			proxy_connect(r, resp);
		else if (strcmp(r->subresource, "finalize") == 0 &&
		    strcmp(r->resource, "namespaces") == 0 &&
		    strcmp(verb, "update") == 0)
			write_update(r, resp);
		else {
			err_set(&err, ERR_NOT_FOUND, "the server could not "
			    "find the requested resource");
			response_status(resp, &err);
		}
		return;
	}
	if (strcmp(verb, "get") == 0)
		api_get(r, resp);
	else if (strcmp(verb, "list") == 0)
		api_list(r, resp);
	else if (strcmp(verb, "watch") == 0)
		watch_start(r, resp);
	else if (strcmp(verb, "create") == 0)
		write_create(r, resp);
	else if (strcmp(verb, "update") == 0)
		write_update(r, resp);
	else if (strcmp(verb, "patch") == 0)
		write_patch(r, resp);
	else if (strcmp(verb, "delete") == 0)
		write_delete(r, resp);
	else if (strcmp(verb, "deletecollection") == 0)
		write_delete_collection(r, resp);
	return;
not_allowed:
	err_set(&err, ERR_METHOD_NOT_ALLOWED, "the server does not allow "
	    "this method on the requested resource");
	response_status(resp, &err);
}
