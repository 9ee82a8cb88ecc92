/* explain.c - kubec explain TYPE[.FIELD...]: the documentation of a kind
 * or of one of its fields from the server's OpenAPI v3 document of the
 * group and version, laid out as kubectl 1.32's "plaintext" explain does:
 * the GROUP, KIND and VERSION header, the FIELD line with its type, the
 * DESCRIPTION (the field's and the sub-schemas'), word-wrapped, and the
 * FIELDS with their types, -required- and enums, or with --recursive the
 * tree of every field's fields (a schema met again below itself ends it).
 */
#include <stdlib.h>
#include <string.h>

#include "../console.h"

#define EX_BUF_CAP	((size_t)32 << 20)

static const struct opt_def explain_opts[] = {
	{ "recursive", 0, 0, "Print the names of all the fields, recursively, "
	    "without their descriptions" },
	{ "api-version", 0, 1, "Use this api-version (group/version) of the "
	    "resource" },
	{ "output", 'o', 1, "The format: plaintext" },
	{ NULL, 0, 0, NULL }
};

/* The refs followed to come here, within one field (cycles). */
struct ex_hist {
	const char		*ref;
	const struct ex_hist	*up;
};

struct ex {
	json_t	*doc;		/* the group-version's OpenAPI document */
	int	 recursive;
};

/* Go template truth: empty strings, maps, lists, zero and null are
 * false. */
static int
ex_true(const json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_object(v))
		return json_object_size(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_real(v))
		return json_real_value(v) != 0;
	return 1;
}

static const char *
ex_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* A map's items or additional properties (not the boolean). */
static json_t *
ex_addl(const json_t *s)
{
	json_t *a = json_object_get(s, "additionalProperties");

	return json_is_object(a) && ex_true(a) ? a : NULL;
}

static json_t *
ex_items(const json_t *s)
{
	json_t *a = json_object_get(s, "items");

	return ex_true(a) ? a : NULL;
}

/* "#/components/schemas/X" in the document; NULL when not there. */
static json_t *
ex_deref(const struct ex *x, const char *ref)
{
	json_t *cur = x->doc;
	const char *p, *e;

	if (ref == NULL || ref[0] != '#')
		return NULL;
	for (p = ref + 1; *p != '\0'; p = *e ? e + 1 : e) {
		char key[512];
		size_t n;

		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0)
			continue;
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		cur = json_object_get(cur, key);
		if (!json_is_object(cur))
			return NULL;
	}
	return cur;
}

/* What a schema stands for: its $ref's target, else itself. */
static json_t *
ex_resolved(const struct ex *x, json_t *s)
{
	json_t *r = ex_deref(x, json_string_value(json_object_get(s, "$ref")));

	return ex_true(r) ? r : s;
}

/* go-wordwrap's WrapString (the text is UTF-8, counted in runes). */
static size_t
ex_rune(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0 && u[1]) {
		*cp = (unsigned)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
		return 2;
	}
	if ((u[0] & 0xf0) == 0xe0 && u[1] && u[2]) {
		*cp = (unsigned)(u[0] & 0x0f) << 12 |
		    (unsigned)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
		return 3;
	}
	if ((u[0] & 0xf8) == 0xf0 && u[1] && u[2] && u[3]) {
		*cp = (unsigned)(u[0] & 0x07) << 18 |
		    (unsigned)(u[1] & 0x3f) << 12 |
		    (unsigned)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

/* Go's unicode.IsSpace, without the no-break space. */
static int
ex_space(unsigned c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
	    c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

void	explain_wrap(const char *s, size_t lim, struct buf *out);

void
explain_wrap(const char *s, size_t lim, struct buf *out)
{
	struct buf word = BUF_INIT(EX_BUF_CAP), space = BUF_INIT(EX_BUF_CAP);
	size_t cur = 0, wl = 0, sl = 0, n;
	unsigned cp;

	for (; *s != '\0'; s += n) {
		n = ex_rune(s, &cp);
		if (cp == '\n') {
			if (word.len == 0) {
				if (cur + sl <= lim)
					buf_add(out, space.data, space.len);
			} else {
				buf_add(out, space.data, space.len);
				buf_add(out, word.data, word.len);
			}
			buf_reset(&space);
			buf_reset(&word);
			sl = wl = 0;
			buf_addc(out, '\n');
			cur = 0;
		} else if (ex_space(cp)) {
			if (space.len == 0 || word.len > 0) {
				cur += sl + wl;
				buf_add(out, space.data, space.len);
				buf_add(out, word.data, word.len);
				buf_reset(&space);
				buf_reset(&word);
				sl = wl = 0;
			}
			buf_add(&space, s, n);
			sl++;
		} else {
			buf_add(&word, s, n);
			wl++;
			if (cur + wl + sl > lim && wl < lim) {
				buf_addc(out, '\n');
				cur = 0;
				buf_reset(&space);
				sl = 0;
			}
		}
	}
	if (word.len == 0) {
		if (cur + sl <= lim)
			buf_add(out, space.data, space.len);
	} else {
		buf_add(out, space.data, space.len);
		buf_add(out, word.data, word.len);
	}
	buf_release(&word);
	buf_release(&space);
}

/* s wrapped at lim, every line indented by pad (the template's
 * "wrap | indent"). */
static void
ex_wrap_indent(const char *s, size_t lim, size_t pad, struct buf *out)
{
	struct buf w = BUF_INIT(EX_BUF_CAP);

	explain_wrap(s, lim, &w);
	buf_addf(out, "%*s", (int)pad, "");
	for (const char *p = buf_str(&w); *p != '\0'; p++) {
		buf_addc(out, *p);
		if (*p == '\n')
			buf_addf(out, "%*s", (int)pad, "");
	}
	buf_release(&w);
}

/* A type as explain guesses it: string, []Object, map[string]string,
 * PodSpec (the name of the schema referred to). */
static void
ex_type(const struct ex *x, const json_t *s, struct buf *out)
{
	const json_t *allof = json_object_get(s, "allOf");
	const char *ref = json_string_value(json_object_get(s, "$ref"));

	if (ex_items(s)) {
		buf_adds(out, "[]");
		ex_type(x, ex_items(s), out);
	} else if (ex_addl(s)) {
		buf_adds(out, "map[string]");
		ex_type(x, ex_addl(s), out);
	} else if (ex_true(allof) && !ex_true(json_object_get(s,
	    "properties")) && json_array_size(allof) == 1) {
		ex_type(x, json_array_get(allof, 0), out);
	} else if (ref != NULL && ref[0] != '\0') {
		json_t *rs = ex_deref(x, ref);
		const json_t *t = json_object_get(rs, "type");

		if (!ex_true(rs) || !ex_true(t) || strcmp(ex_str(rs, "type"),
		    "object") == 0) {
			const char *name = strrchr(ref, '/'), *dot;

			name = name ? name + 1 : ref;
			dot = strrchr(name, '.');
			name = dot ? dot + 1 : name;
			buf_adds(out, name[0] ? name : "Object");
		} else {
			buf_adds(out, ex_str(rs, "type"));
		}
	} else {
		const char *t = ex_str(s, "type");

		buf_adds(out, strcmp(t, "object") == 0 || t[0] == '\0' ?
		    "Object" : t);
	}
}

/* One value of an enum as Go's %v prints what JSON decoded. */
static void
ex_enum_value(const json_t *v, struct buf *out)
{
	if (json_is_string(v))
		buf_adds(out, json_string_length(v) ? json_string_value(v) :
		    "\"\"");
	else if (json_is_integer(v) && json_integer_value(v) < 1000000 &&
	    json_integer_value(v) > -1000000)
		buf_addf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_number(v))
		buf_addf(out, "%g", json_number_value(v));
	else if (json_is_boolean(v))
		buf_adds(out, json_is_true(v) ? "true" : "false");
	else
		buf_adds(out, "<nil>");
}

/* "ENUM:\n    a\n    b" (the field's own page), or "\n  enum: a, b, c,
 * d, ...." in a list of fields. */
static void
ex_enum(const json_t *s, int long_view, size_t pad, struct buf *out)
{
	const json_t *e = json_object_get(s, "enum"), *v;
	size_t i;

	if (!ex_true(e) || !json_is_array(e))
		return;
	if (long_view)
		buf_adds(out, "ENUM:");
	else
		buf_addf(out, "\n%*senum: ", (int)pad, "");
	json_array_foreach(e, i, v) {
		if (!long_view && i >= 4) {
			buf_adds(out, ", ....");
			break;
		}
		if (long_view)
			buf_adds(out, "\n    ");
		else if (i > 0)
			buf_adds(out, ", ");
		ex_enum_value(v, out);
	}
}

/* The description of a schema and of what it is made of. */
static void
ex_description(const struct ex *x, json_t *s, struct buf *out)
{
	json_t *r = ex_resolved(x, s), *sub;
	size_t i;

	if (!ex_true(r))
		return;
	if (ex_true(json_object_get(r, "description")))
		buf_addf(out, "%s\n", ex_str(r, "description"));
	json_array_foreach(json_object_get(r, "allOf"), i, sub)
		ex_description(x, sub, out);
	if (ex_items(r))
		ex_description(x, ex_items(r), out);
	if (ex_addl(r))
		ex_description(x, ex_addl(r), out);
}

static int
ex_seen(const struct ex_hist *h, const char *ref)
{
	if (ref == NULL || ref[0] == '\0')
		return 0;
	for (; h != NULL; h = h->up)
		if (h->ref != NULL && strcmp(h->ref, ref) == 0)
			return 1;
	return 0;
}

static void
ex_field(const struct ex *x, const char *name, const json_t *s, int level,
    struct buf *out)
{
	size_t pad = (size_t)level * 2, i;
	const json_t *fs = json_object_get(json_object_get(s, "properties"),
	    name), *req;

	buf_addf(out, "%*s%s\t<", (int)pad, "", name);
	ex_type(x, fs, out);
	buf_addc(out, '>');
	json_array_foreach(json_object_get(s, "required"), i, req)
		if (json_is_string(req) && strcmp(json_string_value(req),
		    name) == 0) {
			buf_adds(out, " -required-");
			break;
		}
	ex_enum(fs, 0, pad, out);
	buf_addc(out, '\n');
	if (!x->recursive) {
		ex_wrap_indent(ex_true(json_object_get(fs, "description")) ?
		    ex_str(fs, "description") : "<no description>", 78 - pad,
		    pad + 2, out);
		buf_adds(out, "\n\n");
	}
}

/* The fields of a schema (and of its allOf, items, map values); with
 * --recursive their fields below each. */
static void
ex_fields(const struct ex *x, json_t *s, int level, const struct ex_hist *h,
    struct buf *out)
{
	const char *ref = json_string_value(json_object_get(s, "$ref"));
	struct ex_hist next = { ref ? ref : "", h };
	json_t *r, *props, *sub;
	const char **keys;
	size_t n = 0, i;

	if (ex_seen(h, ref))
		return;
	r = ex_resolved(x, s);
	props = json_object_get(r, "properties");
	if (json_is_object(props) && (keys = print_keys(props, &n)) != NULL) {
		for (i = 0; i < n; i++) {
			ex_field(x, keys[i], r, level, out);
			if (x->recursive)
				ex_fields(x, json_object_get(props, keys[i]),
				    level + 1, &next, out);
		}
		free(keys);
	}
	json_array_foreach(json_object_get(r, "allOf"), i, sub)
		ex_fields(x, sub, level, &next, out);
	if (ex_items(r))
		ex_fields(x, ex_items(r), level, &next, out);
	if (ex_addl(r))
		ex_fields(x, ex_addl(r), level, &next, out);
}

/* The page of the schema at the end of path (n names); nothing when a
 * name is not there. */
static void
ex_output(const struct ex *x, json_t *s, char **path, size_t n,
    const struct ex_hist *h, struct buf *out)
{
	const char *ref = json_string_value(json_object_get(s, "$ref"));
	struct ex_hist next = { ref ? ref : "", h };
	json_t *r = ex_resolved(x, s), *props, *sub;
	size_t i;

	if (n == 0) {
		struct buf d = BUF_INIT(EX_BUF_CAP), f = BUF_INIT(EX_BUF_CAP);

		buf_adds(out, "DESCRIPTION:\n");
		ex_description(x, r, &d);
		ex_wrap_indent(d.len ? buf_str(&d) : "<empty>", 76, 4, out);
		buf_addc(out, '\n');
		ex_fields(x, r, 1, NULL, &f);
		if (f.len > 0) {
			buf_adds(out, "FIELDS:\n");
			buf_add(out, f.data, f.len);
		}
		buf_release(&d);
		buf_release(&f);
		return;
	}
	if (ex_seen(h, ref))
		return;
	props = json_object_get(r, "properties");
	if (ex_true(props) && ex_true(json_object_get(props, path[0]))) {
		sub = json_object_get(props, path[0]);
		if (n == 1) {
			buf_addf(out, "FIELD: %s <", path[0]);
			ex_type(x, sub, out);
			buf_adds(out, ">\n");
			ex_enum(sub, 1, 0, out);
			buf_adds(out, "\n\n");
		}
		ex_output(x, sub, path + 1, n - 1, NULL, out);
	} else if (ex_items(r)) {
		ex_output(x, ex_items(r), path, n, &next, out);
	} else if (ex_addl(r)) {
		ex_output(x, ex_addl(r), path, n, &next, out);
	} else {
		json_array_foreach(json_object_get(r, "allOf"), i, sub) {
			struct buf o = BUF_INIT(EX_BUF_CAP);

			ex_output(x, sub, path, n, &next, &o);
			if (o.len > 0) {
				buf_add(out, o.data, o.len);
				buf_release(&o);
				break;
			}
			buf_release(&o);
		}
	}
}

/* The group-version-kind of the resource's operations, as the template
 * finds it: the last path of the four that exists decides. */
static json_t *
ex_gvk(const struct ex *x, const char *group, const char *version,
    const char *resource)
{
	static const char *const methods[] = { "get", "post", "put", "patch",
	    "delete" };
	json_t *paths = json_object_get(x->doc, "paths"), *gvk = NULL;
	struct buf prefix = BUF_INIT(1024), p = BUF_INIT(2048);

	if (group[0] == '\0')
		buf_adds(&prefix, "/api");
	else
		buf_addf(&prefix, "/apis/%s", group);
	for (int i = 0; i < 4; i++) {
		json_t *pe;

		buf_reset(&p);
		buf_addf(&p, "%s/%s/%s%s%s", buf_str(&prefix), version,
		    i >= 2 ? "namespaces/{namespace}/" : "", resource,
		    i % 2 ? "/{name}" : "");
		pe = json_object_get(paths, buf_str(&p));
		if (!ex_true(pe))
			continue;
		for (size_t m = 0; m < sizeof methods / sizeof methods[0];
		    m++) {
			json_t *me = json_object_get(pe, methods[m]);

			if (!ex_true(me))
				continue;
			gvk = json_object_get(me,
			    "x-kubernetes-group-version-kind");
			if (ex_true(gvk))
				break;
		}
	}
	buf_release(&prefix);
	buf_release(&p);
	return ex_true(gvk) ? gvk : NULL;
}

/* The schema with this group-version-kind, the first by name. */
static json_t *
ex_kind_schema(const struct ex *x, const json_t *gvk)
{
	json_t *schemas = json_object_get(json_object_get(x->doc,
	    "components"), "schemas"), *found = NULL;
	const char **keys;
	size_t n = 0;

	if (!json_is_object(schemas) || (keys = print_keys(schemas, &n)) ==
	    NULL)
		return NULL;
	for (size_t i = 0; i < n && found == NULL; i++) {
		json_t *s = json_object_get(schemas, keys[i]), *g;
		size_t j;

		json_array_foreach(json_object_get(s,
		    "x-kubernetes-group-version-kind"), j, g)
			if (json_equal(g, gvk)) {
				found = s;
				break;
			}
	}
	free(keys);
	return found;
}

/* Go's %v of a map of strings: map[group:apps kind:Deployment ...]. */
static void
ex_gomap(const json_t *m, struct buf *out)
{
	const char **keys;
	size_t n = 0;

	buf_adds(out, "map[");
	if ((keys = print_keys(m, &n)) != NULL) {
		for (size_t i = 0; i < n; i++) {
			struct buf v = BUF_INIT(4096);

			print_cell(json_object_get(m, keys[i]), &v);
			buf_addf(out, "%s%s:%s", i ? " " : "", keys[i],
			    buf_str(&v));
			buf_release(&v);
		}
		free(keys);
	}
	buf_adds(out, "]");
}

/* The resources of a name (plural, singular, kind or short name), those of
 * the preferred versions first, as the REST mapper gives them. */
static size_t
ex_resources(struct cli *c, const char *name, const struct api_res **out,
    size_t max)
{
	size_t n = 0;

	for (int pref = 1; pref >= 0; pref--)
		for (size_t i = 0; i < c->nres && n < max; i++) {
			const struct api_res *r = &c->res[i];
			int hit = strcasecmp(name, r->name) == 0 ||
			    strcasecmp(name, r->singular) == 0 ||
			    strcasecmp(name, r->kind) == 0;

			for (int k = 0; !hit && k < 4 && r->shortnames[k][0];
			    k++)
				hit = strcasecmp(name, r->shortnames[k]) == 0;
			if (hit && (r->preferred != 0) == pref)
				out[n++] = r;
		}
	return n;
}

/*
 * The names of a field path: "spec.containers" -> spec, containers
 * (skip the first drop names, as kubectl drops the resource's); 0, or -1
 * when something else than a field is named.
 */
static int
ex_split(const char *s, size_t skip, char ***names, size_t *n)
{
	char *copy = strdup(s), *p, *save = NULL;
	size_t len = strlen(copy), k = 0;

	while (len > 0 && copy[len - 1] == '.')
		copy[--len] = '\0';
	*names = calloc(len + 2, sizeof **names);
	*n = 0;
	if (strpbrk(copy, "[]*@$?()") != NULL) {
		free(copy);
		return -1;
	}
	for (p = strtok_r(copy, ".", &save); p != NULL;
	    p = strtok_r(NULL, ".", &save))
		if (k++ >= skip)
			(*names)[(*n)++] = strdup(p);
	free(copy);
	return 0;
}

static void
ex_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int
explain_exec(struct cli *c, int argc, char **argv)
{
	const char *apiv = opt_str(&c->o, "api-version"),
	    *fmt = opt_str(&c->o, "output"), *arg, *url;
	const struct api_res *rs[32], *r = NULL;
	char first[256], group[256], version[64], **path = NULL;
	struct ex x = { .recursive = opt_bool(&c->o, "recursive") };
	struct buf b = BUF_INIT(EX_BUF_CAP), gvp = BUF_INIT(1024);
	json_t *index = NULL, *gvk, *kind;
	size_t nrs, npath = 0;
	struct err err;
	int rc = 1;

	err_clear(&err);
	if (argc == 0)
		return cli_fail(c, "You must specify the type of resource to "
		    "explain. Use \"kubec api-resources\" for a complete list "
		    "of supported resources.");
	if (argc > 1)
		return cli_fail(c, "We accept only this format: explain "
		    "RESOURCE");
	arg = argv[0];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(arg, ".["), arg);
	if (first[0] == '\0' || arg[strlen(first)] == '[')
		return cli_fail(c, "invalid jsonpath syntax, first node must "
		    "be field node");
	if (disco_load(c, &err) < 0)
		return cli_error(c, &err);
	nrs = ex_resources(c, first, rs, sizeof rs / sizeof rs[0]);
	if (nrs == 0) {
		fflush(c->out);
		fprintf(c->errout, "the server doesn't have a resource type "
		    "\"%s\"\n", first);
		return 1;
	}
	/* TYPE.GROUP.FIELD...: the group resource as a prefix */
	for (size_t i = 0; apiv == NULL && i < nrs && r == NULL; i++) {
		struct buf gr = BUF_INIT(512);

		buf_addf(&gr, "%s%s%s", rs[i]->name, rs[i]->group[0] ? "." :
		    "", rs[i]->group);
		if (strncmp(arg, buf_str(&gr), gr.len) == 0) {
			const char *suffix = arg + gr.len;

			r = rs[i];
			if (ex_split(suffix, suffix[0] == '.' ? 0 : 1, &path,
			    &npath) < 0) {
				buf_release(&gr);
				rc = cli_fail(c, "invalid jsonpath syntax, first "
				    "node must be field node");
				goto out;
			}
		}
		buf_release(&gr);
	}
	if (r == NULL) {
		r = rs[0];
		if (ex_split(arg, 1, &path, &npath) < 0) {
			rc = cli_fail(c, "invalid jsonpath syntax, %s",
			    apiv ? "all nodes must be field nodes" :
			    "first node must be field node");
			goto out;
		}
	}
	snprintf(group, sizeof group, "%s", r->group);
	snprintf(version, sizeof version, "%s", r->version);
	if (apiv != NULL) {
		const char *sl = strchr(apiv, '/');

		if (sl != NULL && strchr(sl + 1, '/') != NULL) {
			rc = cli_fail(c, "unexpected GroupVersion string: %s",
			    apiv);
			goto out;
		}
		snprintf(group, sizeof group, "%.*s", sl ? (int)(sl - apiv) :
		    0, apiv);
		snprintf(version, sizeof version, "%s", sl ? sl + 1 : apiv);
	}
	if (fmt != NULL && strcmp(fmt, "plaintext") != 0) {
		rc = cli_fail(c, "unrecognized format: %s", fmt);
		goto out;
	}
	if (cli_get_json(c, "/openapi/v3", &index, &err) < 0) {
		rc = cli_error(c, &err);
		goto out;
	}
	if (group[0] == '\0')
		buf_addf(&gvp, "api/%s", version);
	else
		buf_addf(&gvp, "apis/%s/%s", group, version);
	url = json_string_value(json_object_get(json_object_get(
	    json_object_get(index, "paths"), buf_str(&gvp)),
	    "serverRelativeURL"));
	if (url == NULL) {
		rc = cli_fail(c, "couldn't find resource for \"%s/%s, "
		    "Resource=%s\"", group, version, r->name);
		goto out;
	}
	if (cli_get_json(c, url, &x.doc, &err) < 0) {
		rc = cli_fail(c, "failed to fetch openapi schema for %s: %s",
		    buf_str(&gvp), err.msg);
		goto out;
	}
	if ((gvk = ex_gvk(&x, group, version, r->name)) == NULL) {
		rc = cli_fail(c, "GVR (%s/%s, Resource=%s) not found in "
		    "OpenAPI schema", group, version, r->name);
		goto out;
	}
	if (ex_true(json_object_get(gvk, "group")))
		fprintf(c->out, "GROUP:      %s\n", ex_str(gvk, "group"));
	fprintf(c->out, "KIND:       %s\nVERSION:    %s\n\n", ex_str(gvk,
	    "kind"), ex_str(gvk, "version"));
	if ((kind = ex_kind_schema(&x, gvk)) == NULL) {
		struct buf m = BUF_INIT(4096);

		ex_gomap(gvk, &m);
		rc = cli_fail(c, "GVK %s not found in OpenAPI schema",
		    buf_str(&m));
		buf_release(&m);
		goto out;
	}
	ex_output(&x, kind, path, npath, NULL, &b);
	if (b.len == 0) {
		rc = cli_fail(c, "field \"%s\" does not exist",
		    path[npath - 1]);
		goto out;
	}
	fwrite(b.data, 1, b.len, c->out);
	fputc('\n', c->out);
	rc = 0;
out:
	ex_free_names(path, npath);
	json_decref(index);
	json_decref(x.doc);
	buf_release(&b);
	buf_release(&gvp);
	return rc;
}

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.summary = "Get documentation for a resource",
	.usage = "kubec explain TYPE[.FIELD...] [--recursive] "
	    "[--api-version=GROUP/VERSION]",
	.opts = explain_opts,
	.exec = explain_exec,
};
