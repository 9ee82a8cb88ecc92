/* get.c - kubec get: objects by type and name, or the objects of a type
 * (-l, --field-selector, -A), printed as kubectl prints them: the
 * server's Table (kubectl's columns; -o wide adds the rest), or -o name,
 * json, yaml.
 *
 *   kubec get TYPE[,TYPE...] [NAME...]
 *   kubec get TYPE/NAME...
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/jsonpath.h"
#include "../console.h"

#define GET_ACCEPT_TABLE "application/json;as=Table;v=v1;g=meta.k8s.io," \
	"application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
#define GET_MAX_GROUPS	32
#define GET_CHUNK	500

static const struct opt_def get_opts[] = {
	{ "output", 'o', 1, "Output format: wide, name, json or yaml" },
	{ "selector", 'l', 1, "Selector (label query) to filter on" },
	{ "field-selector", 0, 1, "Selector (field query) to filter on" },
	{ "all-namespaces", 'A', 0, "List the requested objects across all "
	    "namespaces" },
	{ "show-labels", 0, 0, "Show all labels as the last column" },
	{ "no-headers", 0, 0, "Don't print headers" },
	{ "ignore-not-found", 0, 0, "Treat \"resource not found\" as a "
	    "successful retrieval" },
	{ "show-managed-fields", 0, 0, "Keep managedFields in JSON and YAML" },
	{ "watch", 'w', 0, "After listing, print each change as it comes" },
	{ "sort-by", 0, 1, "Sort by a JSONPath expression: .metadata.name" },
	{ "watch-only", 0, 0, "Print the changes only, not the list first" },
	{ NULL, 0, 0, NULL }
};

/* The objects of one resource type the command line asks for. */
struct get_group {
	const struct api_res	*res;
	const char		*names[64];
	int			 nnames;
};

struct get_run {
	struct cli	*c;
	const char	*output;	/* NULL: the table */
	int		 wide, all_ns, multi, failed, printed;
	json_t		*items;		/* json, yaml */
	int		 headed;	/* the header was printed */
	char		 rv[32];	/* of the list: where -w starts */
	struct print_widths widths;	/* -w: the table's columns */
	const struct api_res *res;	/* -w: the type watched */
	struct jsonpath	*sort;		/* --sort-by */
};

/* The value --sort-by reads in obj (null when none). */
static json_t *
get_sort_key(const struct get_run *g, const json_t *obj)
{
	json_t *vals = jsonpath_select(g->sort, obj), *v;

	v = json_incref(json_array_get(vals, 0));
	json_decref(vals);
	return v ? v : json_null();
}

/* kubectl's order: numbers by value, strings (and RFC 3339 times) by
 * bytes, missing values first. */
static int
get_sort_cmp(const json_t *a, const json_t *b)
{
	if (json_is_null(a) || json_is_null(b))
		return json_is_null(b) - json_is_null(a);
	if (json_is_number(a) && json_is_number(b)) {
		double x = json_number_value(a), y = json_number_value(b);

		return x < y ? -1 : x > y;
	}
	if (json_is_string(a) && json_is_string(b))
		return strcmp(json_string_value(a), json_string_value(b));
	return 0;
}

static int
get_rows_cmp(const void *x, const void *y)
{
	const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;

	return get_sort_cmp(json_array_get(a, json_array_size(a) - 1),
	    json_array_get(b, json_array_size(b) - 1));
}

static int
get_items_cmp(const void *x, const void *y)
{
	const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;

	return get_sort_cmp(json_object_get(a, "\x01sort"),
	    json_object_get(b, "\x01sort"));
}

/* Sorts the rows (after the header, when one is there) by their hidden
 * last cell, then takes that cell off. */
static void
get_sort_rows(struct get_run *g, json_t *rows)
{
	size_t n = json_array_size(rows), first = 0, i;
	json_t **v;

	if (g->sort == NULL || n == 0)
		return;
	if (g->headed == 0 && !opt_bool(&g->c->o, "no-headers"))
		first = 1;	/* the header has no key */
	if (n > first && (v = calloc(n - first, sizeof *v)) != NULL) {
		for (i = first; i < n; i++)
			v[i - first] = json_incref(json_array_get(rows, i));
		qsort(v, n - first, sizeof *v, get_rows_cmp);
		for (i = first; i < n; i++) {
			json_array_remove(v[i - first], json_array_size(
			    v[i - first]) - 1);
			json_array_set_new(rows, i, v[i - first]);
		}
		free(v);
	}
}

/* Sorts the items of -o json, yaml, name... by --sort-by. */
static void
get_sort_items(struct get_run *g)
{
	size_t n = json_array_size(g->items), i;
	json_t **v;

	if (g->sort == NULL || n < 2 || (v = calloc(n, sizeof *v)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		v[i] = json_incref(json_array_get(g->items, i));
		json_object_set_new(v[i], "\x01sort", get_sort_key(g, v[i]));
	}
	qsort(v, n, sizeof *v, get_items_cmp);
	for (i = 0; i < n; i++) {
		json_object_del(v[i], "\x01sort");
		json_array_set_new(g->items, i, v[i]);
	}
	free(v);
}

/* Adds the rows of a Table to out (the header first when out is empty). */
static void
get_table_rows(struct get_run *g, const struct api_res *res,
    const json_t *table, json_t *out)
{
	json_t *cols = json_object_get(table, "columnDefinitions"), *row, *c;
	int show_ns = g->all_ns && res->namespaced;
	int labels = opt_bool(&g->c->o, "show-labels");
	struct buf b = BUF_INIT(65536), kind = BUF_INIT(256);
	size_t i, j;

	res_kind_name(res, &kind);
	if (json_array_size(out) == 0 && !opt_bool(&g->c->o, "no-headers") &&
	    !g->headed) {
		json_t *h = json_array();

		if (show_ns)
			json_array_append_new(h, json_string("NAMESPACE"));
		json_array_foreach(cols, j, c) {
			const char *name = json_string_value(
			    json_object_get(c, "name"));

			if (!g->wide && json_integer_value(json_object_get(c,
			    "priority")) > 0)
				continue;
			buf_reset(&b);
			for (const char *p = name ? name : ""; *p; p++)
				buf_addc(&b, (char)(*p >= 'a' && *p <= 'z' ?
				    *p - 'a' + 'A' : *p));
			json_array_append_new(h, json_string(buf_str(&b)));
		}
		if (labels)
			json_array_append_new(h, json_string("LABELS"));
		json_array_append_new(out, h);
	}
	json_array_foreach(json_object_get(table, "rows"), i, row) {
		json_t *cells = json_object_get(row, "cells"), *r = json_array();
		json_t *meta = json_object_get(json_object_get(row, "object"),
		    "metadata");

		if (show_ns)
			json_array_append_new(r, json_string(json_string_value(
			    json_object_get(meta, "namespace")) ?: ""));
		json_array_foreach(cols, j, c) {
			if (!g->wide && json_integer_value(json_object_get(c,
			    "priority")) > 0)
				continue;
			buf_reset(&b);
			/* several types at once: NAME says which */
			if (g->multi && json_array_size(r) == (size_t)show_ns
			    && strcmp(json_string_value(json_object_get(c,
			    "name")) ?: "", "Name") == 0)
				buf_addf(&b, "%s/", buf_str(&kind));
			print_cell(json_array_get(cells, j), &b);
			json_array_append_new(r, json_string(buf_str(&b)));
		}
		if (labels) {
			buf_reset(&b);
			print_labels(&b, json_object_get(meta, "labels"),
			    "<none>");
			json_array_append_new(r, json_string(buf_str(&b)));
		}
		if (g->sort != NULL)	/* taken off before printing */
			json_array_append_new(r, get_sort_key(g,
			    json_object_get(row, "object")));
		json_array_append_new(out, r);
	}
	buf_release(&b);
	buf_release(&kind);
}

/* One object (or list) as JSON: its items, with apiVersion and kind. */
static void
get_collect(struct get_run *g, const struct api_res *res, json_t *obj)
{
	struct buf av = BUF_INIT(256);

	/* -o json and yaml leave them out; jsonpath sees them */
	if (!opt_bool(&g->c->o, "show-managed-fields") && g->output != NULL &&
	    (strcmp(g->output, "json") == 0 || strcmp(g->output, "yaml") == 0))
		print_strip_managed(obj);
	if (res->group[0])
		buf_addf(&av, "%s/%s", res->group, res->version);
	else
		buf_adds(&av, res->version);
	if (!json_is_array(json_object_get(obj, "items"))) {
		json_array_append(g->items, obj);
	} else {
		size_t i;
		json_t *it;

		json_array_foreach(json_object_get(obj, "items"), i, it) {
			if (json_object_get(it, "apiVersion") == NULL) {
				json_object_set_new(it, "apiVersion",
				    json_string(buf_str(&av)));
				json_object_set_new(it, "kind",
				    json_string(res->kind));
			}
			json_array_append(g->items, it);
		}
	}
	buf_release(&av);
}

static void
get_print_names(struct get_run *g, const struct api_res *res,
    const json_t *items)
{
	struct buf kind = BUF_INIT(256);
	size_t i;
	json_t *it;

	res_kind_name(res, &kind);
	json_array_foreach(items, i, it) {
		fprintf(g->c->out, "%s/%s\n", buf_str(&kind), json_string_value(
		    json_object_get(json_object_get(it, "metadata"), "name")));
		g->printed++;
	}
	buf_release(&kind);
}

/* GET path, as a Table or as JSON; -1 after printing the error. */
static int
get_fetch(struct get_run *g, const char *path, int table, json_t **out)
{
	struct buf b = BUF_INIT(REST_MAX_BODY);
	struct err err;
	int rc;

	err_clear(&err);
	if (table && g->sort != NULL) {
		/* the rows' objects whole: --sort-by reads any field */
		char full[8400];

		snprintf(full, sizeof full, "%s%cincludeObject=Object", path,
		    strchr(path, '?') ? '&' : '?');
		rc = rest_call(g->c->rest, "GET", full, GET_ACCEPT_TABLE, NULL,
		    NULL, 0, &b, &err);
	} else {
		rc = rest_call(g->c->rest, "GET", path, table ?
		    GET_ACCEPT_TABLE : "application/json", NULL, NULL, 0, &b,
		    &err);
	}
	if (rc >= 0 && (*out = json_loadb(b.data, b.len, 0, NULL)) == NULL)
		rc = err_set(&err, ERR_INTERNAL, "the answer to GET %s is not "
		    "JSON", path);
	buf_release(&b);
	if (rc < 0) {
		if (err.reason == ERR_NOT_FOUND && opt_bool(&g->c->o,
		    "ignore-not-found"))
			return 0;
		cli_error(g->c, &err);
		g->failed = 1;
		return -1;
	}
	return 1;
}

static void
get_group(struct get_run *g, const struct get_group *gr, int first)
{
	const struct api_res *res = gr->res;
	const char *ns = g->all_ns ? NULL : g->c->ns;
	int table = g->output == NULL || g->wide;
	json_t *rows = json_array(), *obj;
	struct buf path = BUF_INIT(8192), q = BUF_INIT(4096);

	/* each type its own table (-w goes on with the last one's) */
	g->headed = 0;
	memset(&g->widths, 0, sizeof g->widths);

	if (gr->nnames > 0) {
		for (int i = 0; i < gr->nnames; i++) {
			buf_reset(&path);
			res_path(res, ns, gr->names[i], &path);
			if (get_fetch(g, buf_str(&path), table, &obj) <= 0)
				continue;
			if (table)
				get_table_rows(g, res, obj, rows);
			else
				get_collect(g, res, obj);
			json_decref(obj);
		}
	} else {
		char *cont = NULL;

		do {
			buf_reset(&path);
			buf_reset(&q);
			cli_query_arg(&q, "labelSelector", opt_str(&g->c->o,
			    "selector"));
			cli_query_arg(&q, "fieldSelector", opt_str(&g->c->o,
			    "field-selector"));
			buf_addf(&q, "%climit=%d", q.len ? '&' : '?',
			    GET_CHUNK);
			cli_query_arg(&q, "continue", cont);
			free(cont);
			cont = NULL;
			res_path(res, ns, NULL, &path);
			buf_adds(&path, buf_str(&q));
			if (get_fetch(g, buf_str(&path), table, &obj) <= 0)
				break;
			if (table) {
				get_table_rows(g, res, obj, rows);
			} else {
				get_collect(g, res, obj);
			}
			const char *rv = json_string_value(json_object_get(
			    json_object_get(obj, "metadata"), "resourceVersion"));
			const char *c = json_string_value(json_object_get(
			    json_object_get(obj, "metadata"), "continue"));

			if (rv != NULL)
				snprintf(g->rv, sizeof g->rv, "%s", rv);

			if (c != NULL && c[0] != '\0')
				cont = strdup(c);
			json_decref(obj);
		} while (cont != NULL);
	}
	get_sort_rows(g, rows);
	/* a header alone is no object */
	if (table && json_array_size(rows) > (opt_bool(&g->c->o,
	    "no-headers") ? 0u : 1u)) {
		if (!first && g->printed)
			fputc('\n', g->c->out);
		print_columns_keep(g->c->out, rows, &g->widths);
		g->printed++;
		g->headed = 1;
	}
	json_decref(rows);
	buf_release(&path);
	buf_release(&q);
}

/* -w: one event of the watch, printed as kubectl get -w prints it. */
static int
get_watch_event(void *arg, const char *type, json_t *obj)
{
	struct get_run *g = arg;

	if (type == NULL || strcmp(type, "BOOKMARK") == 0)
		return 0;
	if (strcmp(type, "ERROR") == 0) {
		cli_eprintf(g->c, "error: %s\n", json_string_value(
		    json_object_get(obj, "message")) ?: "the watch failed");
		g->failed = 1;
		return 1;
	}
	if (g->output == NULL || g->wide) {
		json_t *rows = json_array();

		get_table_rows(g, g->res, obj, rows);
		get_sort_rows(g, rows);
		print_columns_keep(g->c->out, rows, &g->widths);
		if (json_array_size(rows) > 0)
			g->headed = 1;
		json_decref(rows);
	} else if (strcmp(g->output, "name") == 0) {
		struct buf kind = BUF_INIT(256);

		res_kind_name(g->res, &kind);
		fprintf(g->c->out, "%s/%s\n", buf_str(&kind),
		    json_string_value(json_object_get(json_object_get(obj,
		    "metadata"), "name")) ?: "");
		buf_release(&kind);
	} else {
		print_strip_managed(obj);
		if (strcmp(g->output, "json") == 0)
			print_json(g->c->out, obj);
		else {
			fputs("---\n", g->c->out);
			print_yaml(g->c->out, obj);
		}
	}
	fflush(g->c->out);
	return 0;
}

/* -w: the changes after the list, until the server ends the watch. */
static void
get_watch(struct get_run *g, const struct get_group *gr)
{
	const char *ns = g->all_ns ? NULL : g->c->ns;
	struct buf path = BUF_INIT(8192);
	struct err err;
	int table = g->output == NULL || g->wide;

	err_clear(&err);
	g->res = gr->res;
	if (g->rv[0] == '\0') {
		/* --watch-only: from now on, as the list would have been */
		json_t *list = NULL;

		res_path(gr->res, ns, NULL, &path);
		buf_adds(&path, "?limit=1");
		if (cli_get_json(g->c, buf_str(&path), &list, &err) == 0)
			snprintf(g->rv, sizeof g->rv, "%s", json_string_value(
			    json_object_get(json_object_get(list, "metadata"),
			    "resourceVersion")) ?: "");
		json_decref(list);
		buf_reset(&path);
		err_clear(&err);
	}
	res_path(gr->res, ns, NULL, &path);
	buf_adds(&path, "?watch=1");
	if (g->rv[0] != '\0')
		buf_addf(&path, "&resourceVersion=%s", g->rv);
	cli_query_arg(&path, "labelSelector", opt_str(&g->c->o, "selector"));
	if (gr->nnames == 1) {
		/* one object: the name joins the field selector */
		struct buf fs = BUF_INIT(4096);
		const char *more = opt_str(&g->c->o, "field-selector");

		buf_addf(&fs, "metadata.name=%s%s%s", gr->names[0], more ?
		    "," : "", more ? more : "");
		cli_query_arg(&path, "fieldSelector", buf_str(&fs));
		buf_release(&fs);
	} else {
		cli_query_arg(&path, "fieldSelector", opt_str(&g->c->o,
		    "field-selector"));
	}
	fflush(g->c->out);
	if (rest_watch_accept(g->c->rest, buf_str(&path), table ?
	    GET_ACCEPT_TABLE : "application/json", get_watch_event, g, NULL,
	    &err) < 0) {
		cli_error(g->c, &err);
		g->failed = 1;
	}
	buf_release(&path);
}

/* TYPE[,TYPE] NAME... or TYPE/NAME... into groups. */
static int
get_groups(struct cli *c, int argc, char **argv, struct get_group *gs,
    int *ng)
{
	struct err err;
	int n = 0;

	err_clear(&err);
	if (strchr(argv[0], '/') != NULL) {
		for (int i = 0; i < argc; i++) {
			char type[256], *slash;
			const struct api_res *r;

			snprintf(type, sizeof type, "%s", argv[i]);
			if ((slash = strchr(type, '/')) == NULL ||
			    slash[1] == '\0')
				return cli_usage_error(c, "get", "arguments in "
				    "resource/name form must have a single "
				    "resource and name");
			*slash = '\0';
			if ((r = disco_find(c, type, &err)) == NULL)
				return cli_error(c, &err);
			if (n == 0 || gs[n - 1].res != r ||
			    gs[n - 1].nnames == 64) {
				if (n == GET_MAX_GROUPS)
					return cli_usage_error(c, "get",
					    "too many arguments");
				gs[n].res = r;
				gs[n++].nnames = 0;
			}
			gs[n - 1].names[gs[n - 1].nnames++] = argv[i] +
			    (slash - type) + 1;
		}
	} else {
		char types[1024], *save = NULL, *t;

		snprintf(types, sizeof types, "%s", argv[0]);
		if (argc - 1 > 64)
			return cli_usage_error(c, "get", "too many names");
		for (t = strtok_r(types, ",", &save); t != NULL;
		    t = strtok_r(NULL, ",", &save)) {
			if (strcmp(t, "all") == 0) {
				/* the category: its types, in discovery's
				 * order */
				if (disco_load(c, &err) < 0)
					return cli_error(c, &err);
				for (size_t k = 0; k < c->nres &&
				    n < GET_MAX_GROUPS; k++) {
					if (!c->res[k].in_all ||
					    !c->res[k].preferred)
						continue;
					gs[n].res = &c->res[k];
					gs[n].nnames = argc - 1;
					for (int i = 1; i < argc; i++)
						gs[n].names[i - 1] = argv[i];
					n++;
				}
				continue;
			}
			if (n == GET_MAX_GROUPS)
				return cli_usage_error(c, "get",
				    "too many types");
			if ((gs[n].res = disco_find(c, t, &err)) == NULL)
				return cli_error(c, &err);
			gs[n].nnames = argc - 1;
			for (int i = 1; i < argc; i++)
				gs[n].names[i - 1] = argv[i];
			n++;
		}
	}
	*ng = n;
	return 0;
}

/* -o custom-columns=HEADER:EXPR,... */
struct get_cols {
	size_t		 n;
	char		*header[64];
	struct jsonpath	*jp[64];
};

static void
get_columns_free(struct get_cols *cols)
{
	if (cols == NULL)
		return;
	for (size_t i = 0; i < cols->n; i++) {
		free(cols->header[i]);
		jsonpath_free(cols->jp[i]);
	}
	free(cols);
}

static int
get_columns_parse(struct cli *c, const char *spec, struct get_cols **out)
{
	char *copy = strdup(spec), *save = NULL, *part;
	struct get_cols *cols = calloc(1, sizeof *cols);
	int rc = 0;

	for (part = strtok_r(copy, ",", &save); part != NULL && rc == 0;
	    part = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(part, ':'), tmpl[4096];
		struct err err;

		err_clear(&err);
		if (colon == NULL) {
			rc = cli_fail(c, "unexpected custom-columns spec: %s, "
			    "expected <header>:<json-path-expr>", part);
			break;
		}
		if (cols->n == 64) {
			rc = cli_fail(c, "too many custom columns");
			break;
		}
		*colon = '\0';
		/* kubectl's: ".a.b" and "{.a.b}" alike */
		snprintf(tmpl, sizeof tmpl, colon[1] == '{' ? "%s" : "{%s}",
		    colon + 1);
		if ((cols->jp[cols->n] = jsonpath_parse(tmpl, &err)) == NULL) {
			rc = cli_fail(c, "%s", err.msg);
			break;
		}
		cols->header[cols->n++] = strdup(part);
	}
	free(copy);
	if (rc != 0) {
		get_columns_free(cols);
		return -1;
	}
	*out = cols;
	return 0;
}

/* The table of custom columns for doc (an object or a List); whether a
 * row was printed. */
static int
get_columns_print(struct cli *c, const struct get_cols *cols,
    const json_t *doc)
{
	json_t *rows = json_array(), *row, *items, *it, *v, *vals;
	json_t *single = NULL;
	struct buf b = BUF_INIT(65536);
	size_t i, k;
	int n = 0;

	if (!opt_bool(&c->o, "no-headers")) {
		row = json_array();
		for (size_t j = 0; j < cols->n; j++)
			json_array_append_new(row, json_string(
			    cols->header[j]));
		json_array_append_new(rows, row);
	}
	items = json_object_get(doc, "items");
	if (!json_is_array(items) || strcmp(json_string_value(json_object_get(
	    doc, "kind")) ?: "", "List") != 0) {
		single = json_pack("[O]", doc);
		items = single;
	}
	json_array_foreach(items, i, it) {
		row = json_array();
		for (size_t j = 0; j < cols->n; j++) {
			vals = jsonpath_select(cols->jp[j], it);
			buf_reset(&b);
			json_array_foreach(vals, k, v) {
				if (k > 0)
					buf_addc(&b, ',');
				jsonpath_format_go(v, &b);
			}
			json_array_append_new(row, json_string(
			    json_array_size(vals) ? buf_str(&b) : "<none>"));
			json_decref(vals);
		}
		json_array_append_new(rows, row);
		n++;
	}
	/* kubectl: the header even without rows, and no "No resources" */
	print_columns(c->out, rows);
	json_decref(rows);
	json_decref(single);
	buf_release(&b);
	return n > 0;
}

static int
get_exec(struct cli *c, int argc, char **argv)
{
	struct get_group gs[GET_MAX_GROUPS];
	struct get_run g = { .c = c };
	int ng = 0, named = 0;
	const char *o = opt_str(&c->o, "output");
	FILE *errs, *saved = c->errout;
	int watch_only = opt_bool(&c->o, "watch-only"),
	    watch = watch_only || opt_bool(&c->o, "watch");
	struct jsonpath *jp = NULL;
	struct get_cols *cols = NULL;
	char *ebuf = NULL;
	size_t elen = 0;

	if (argc == 0) {
		cli_eprintf(c, "You must specify the type of resource to "
		    "get. Use \"kubec api-resources\" for a complete list of "
		    "supported resources.\n\n");
		return cli_usage_error(c, "get", "Required resource not "
		    "specified.");
	}
	if (o != NULL && strncmp(o, "jsonpath=", 9) == 0) {
		struct err err;

		err_clear(&err);
		if ((jp = jsonpath_parse(o + 9, &err)) == NULL)
			return cli_fail(c, "%s", err.msg);
	} else if (o != NULL && strncmp(o, "custom-columns=", 15) == 0) {
		if (get_columns_parse(c, o + 15, &cols) < 0)
			return 1;
	} else if (o != NULL && strcmp(o, "wide") != 0 &&
	    strcmp(o, "name") != 0 && strcmp(o, "json") != 0 &&
	    strcmp(o, "yaml") != 0) {
		return cli_usage_error(c, "get", "unable to match a printer "
		    "suitable for the output format \"%s\", allowed formats "
		    "are: custom-columns,json,jsonpath,name,wide,yaml", o);
	}
	g.output = o;
	g.wide = o != NULL && strcmp(o, "wide") == 0;
	if (opt_str(&c->o, "sort-by") != NULL) {
		char tmpl[1024];
		struct err err;

		err_clear(&err);
		snprintf(tmpl, sizeof tmpl, opt_str(&c->o, "sort-by")[0] == '{' ?
		    "%s" : "{%s}", opt_str(&c->o, "sort-by"));
		if ((g.sort = jsonpath_parse(tmpl, &err)) == NULL)
			return cli_fail(c, "%s", err.msg);
	}
	g.all_ns = opt_bool(&c->o, "all-namespaces");
	if (get_groups(c, argc, argv, gs, &ng) != 0)
		return 1;
	for (int i = 0; i < ng; i++)
		if (g.all_ns && gs[i].nnames > 0)
			return cli_fail(c, "a resource cannot be retrieved "
			    "by name across all namespaces");
	g.multi = ng > 1;
	if (watch && ng > 1)
		return cli_fail(c, "you may only specify a single resource "
		    "type");
	if (watch && (gs[0].nnames > 1 || jp != NULL || cols != NULL))
		return cli_fail(c, "watch is only supported on individual "
		    "resources and resource collections, but %d resources were "
		    "found", gs[0].nnames);
	g.items = json_array();
	/* as kubectl: what was found first, then the errors */
	errs = open_memstream(&ebuf, &elen);
	if (errs != NULL)
		c->errout = errs;
	for (int i = 0; i < ng && !watch_only; i++) {
		named += gs[i].nnames;
		if (o != NULL && !g.wide) {
			size_t before = json_array_size(g.items);

			get_group(&g, &gs[i], i == 0);
			if (strcmp(o, "name") == 0) {
				json_t *mine = json_array();

				json_t *all = g.items;

				for (size_t k = before; k < json_array_size(
				    g.items); k++)
					json_array_append(mine,
					    json_array_get(g.items, k));
				g.items = mine;
				get_sort_items(&g);
				g.items = all;
				get_print_names(&g, gs[i].res, mine);
				json_decref(mine);
			}
		} else {
			get_group(&g, &gs[i], i == 0);
		}
	}
	get_sort_items(&g);
	if (o != NULL && !watch_only && (strcmp(o, "json") == 0 ||
	    strcmp(o, "yaml") == 0 || jp != NULL || cols != NULL)) {
		/* one object named: itself; else a List */
		json_t *doc = ng == 1 && named == 1 && !g.failed &&
		    json_array_size(g.items) == 1 ? json_incref(
		    json_array_get(g.items, 0)) : print_list(
		    json_incref(g.items));

		if (cols != NULL) {
			g.printed = get_columns_print(c, cols, doc);
		} else if (!(named > 0 && json_array_size(g.items) == 0)) {
			if (jp != NULL) {
				struct buf b = BUF_INIT((size_t)256 << 20);
				struct err err;

				err_clear(&err);
				if (jsonpath_exec(jp, doc, &b, &err) < 0)
					g.failed = cli_fail(c, "%s", err.msg);
				fwrite(b.data ? b.data : "", 1, b.len, c->out);
				buf_release(&b);
			} else if (strcmp(o, "json") == 0) {
				print_json(c->out, doc);
			} else {
				print_yaml(c->out, doc);
			}
		}
		json_decref(doc);
		/* an empty List (or columns) says there are none */
		g.printed = 1;
	}
	fflush(c->out);
	if (errs != NULL) {
		fclose(errs);
		c->errout = saved;
		fwrite(ebuf, 1, elen, saved);
		free(ebuf);
	}
	/* kubectl says so only for tables: -o name prints nothing */
	if (!g.printed && named == 0 && !g.failed && !watch_only &&
	    !(o != NULL && strcmp(o, "name") == 0)) {
		if (g.all_ns || !gs[0].res->namespaced)
			cli_eprintf(c, "No resources found\n");
		else
			cli_eprintf(c, "No resources found in %s "
			    "namespace.\n", c->ns);
	}
	if (watch && !g.failed)
		get_watch(&g, &gs[0]);
	json_decref(g.items);
	jsonpath_free(g.sort);
	jsonpath_free(jp);
	get_columns_free(cols);
	return g.failed;
}

const struct cmd_entry cmd_get_entry = {
	.name = "get",
	.summary = "Display one or many resources",
	.usage = "kubec get [-o wide|name|json|yaml] (TYPE[,TYPE...] [NAME...] "
	    "[-l label] | TYPE/NAME ...) [flags]",
	.opts = get_opts,
	.exec = get_exec,
};
