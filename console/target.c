/* target.c - the objects a verb acts on, named as kubectl names them:
 * TYPE NAME..., TYPE/NAME..., TYPE -l SELECTOR, TYPE --all, or -f FILE
 * (the files' objects); each with its resource, namespace and name. */
#include <stdlib.h>
#include <string.h>

#include "console.h"

static int
target_add(struct targets *ts, const struct api_res *r, const char *ns,
    const char *name, const char *source)
{
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 16;
		struct target *t = realloc(ts->t, cap * sizeof *t);

		if (t == NULL)
			return -1;
		ts->t = t;
		ts->cap = cap;
	}
	memset(&ts->t[ts->n], 0, sizeof ts->t[0]);
	ts->t[ts->n].res = r;
	snprintf(ts->t[ts->n].ns, sizeof ts->t[0].ns, "%s", ns);
	snprintf(ts->t[ts->n].name, sizeof ts->t[0].name, "%s", name);
	ts->t[ts->n++].source = source;
	return 0;
}

/* Every object of r that -l (or --all) picks. */
static int
target_listed(struct cli *c, struct targets *ts, const struct api_res *r)
{
	const char *sel = opt_str(&c->o, "selector");
	int all_ns = opt_bool(&c->o, "all-namespaces");
	struct buf path = BUF_INIT(8192);
	json_t *list = NULL, *it;
	struct err err;
	size_t i;

	err_clear(&err);
	res_path(r, all_ns ? NULL : c->ns, NULL, &path);
	cli_query_arg(&path, "labelSelector", sel);
	if (cli_get_json(c, buf_str(&path), &list, &err) < 0) {
		buf_release(&path);
		return cli_error(c, &err);
	}
	json_array_foreach(json_object_get(list, "items"), i, it) {
		json_t *m = json_object_get(it, "metadata");

		target_add(ts, r, json_string_value(json_object_get(m,
		    "namespace")) ?: "", json_string_value(json_object_get(m,
		    "name")) ?: "", NULL);
	}
	json_decref(list);
	buf_release(&path);
	ts->listed = 1;
	return 0;
}

int
targets_collect(struct cli *c, const char *verb, int argc, char **argv,
    struct targets *ts)
{
	const struct api_res *r;
	struct err err;
	const char *f;
	size_t i;
	json_t *doc;

	err_clear(&err);
	ts->docs = json_array();
	for (int k = 0; (f = opt_nth(&c->o, "filename", k)) != NULL; k++)
		if (manifests_read(f, opt_bool(&c->o, "recursive"), ts->docs,
		    &err) < 0)
			return cli_error(c, &err);
	json_array_foreach(ts->docs, i, doc) {
		json_t *obj = json_object_get(doc, "object");
		const char *ns;

		if (cli_doc_target(c, doc, &r, &ns) < 0)
			return 1;
		target_add(ts, r, ns, json_string_value(json_object_get(
		    json_object_get(obj, "metadata"), "name")) ?: "",
		    json_string_value(json_object_get(doc, "source")));
	}
	if (opt_str(&c->o, "filename") != NULL)
		return argc > 0 ? cli_usage_error(c, verb, "cannot name "
		    "objects both with -f and as arguments") : 0;
	if (argc == 0)
		return cli_usage_error(c, verb, "You must provide one or more "
		    "resources by argument or filename.");
	if (strchr(argv[0], '/') != NULL) {
		for (int k = 0; k < argc; k++) {
			char type[256], *slash;

			snprintf(type, sizeof type, "%s", argv[k]);
			if ((slash = strchr(type, '/')) == NULL)
				return cli_fail(c, "there is no need to specify "
				    "a resource type as a separate argument "
				    "when passing arguments in resource/name "
				    "form (e.g. 'kubec %s resource/<resource_"
				    "name>' instead of 'kubec %s resource "
				    "resource/<resource_name>'", verb, verb);
			*slash = '\0';
			if ((r = disco_find(c, type, &err)) == NULL)
				return cli_error(c, &err);
			target_add(ts, r, r->namespaced ? c->ns : "",
			    slash + 1, NULL);
		}
		ts->args_used = argc;
		return 0;
	}
	if ((r = disco_find(c, argv[0], &err)) == NULL)
		return cli_error(c, &err);
	ts->args_used = argc;
	if (argc == 1) {
		if (opt_str(&c->o, "selector") == NULL &&
		    !opt_bool(&c->o, "all"))
			return cli_fail(c, "resource(s) were provided, but no "
			    "name was specified");
		return target_listed(c, ts, r);
	}
	for (int k = 1; k < argc; k++)
		target_add(ts, r, r->namespaced ? c->ns : "", argv[k], NULL);
	return 0;
}

void
targets_release(struct targets *ts)
{
	free(ts->t);
	json_decref(ts->docs);
	memset(ts, 0, sizeof *ts);
}

void
target_path(const struct target *t, struct buf *out)
{
	res_path(t->res, t->ns, t->name, out);
}

int
targets_each_doc(struct cli *c, const char *verb, int argc, char **argv,
    target_doc_fn *fn, void *arg)
{
	json_t *docs = json_array(), *d;
	struct err err;
	const char *f;
	int failed = 0;
	size_t i;

	err_clear(&err);
	if (argc > 0 || opt_str(&c->o, "filename") == NULL) {
		json_decref(docs);
		return cli_usage_error(c, verb, argc > 0 ? "unexpected "
		    "argument \"%s\": the objects come from -f" : "must "
		    "specify one of -f and -k", argc > 0 ? argv[0] : "");
	}
	for (int k = 0; (f = opt_nth(&c->o, "filename", k)) != NULL; k++)
		if (manifests_read(f, opt_bool(&c->o, "recursive"), docs,
		    &err) < 0) {
			json_decref(docs);
			return cli_error(c, &err);
		}
	if (json_array_size(docs) == 0) {
		json_decref(docs);
		return cli_fail(c, "no objects passed to %s", verb);
	}
	json_array_foreach(docs, i, d) {
		const struct api_res *r;
		const char *ns;

		if (cli_doc_target(c, d, &r, &ns) < 0)
			failed = 1;
		else
			failed |= fn(c, r, ns, json_object_get(d, "object"),
			    json_string_value(json_object_get(d, "source")),
			    arg);
	}
	json_decref(docs);
	return failed;
}
