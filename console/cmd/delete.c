/* delete.c - kubec delete: objects by type and name, by label (-l), all of
 * a type (--all) or those of files (-f), each with a DELETE carrying the
 * grace period and propagation policy; then, as kubectl does, it waits
 * until they are gone (--wait=false: not).
 *
 *   kubec delete TYPE NAME... | TYPE/NAME... | TYPE -l SEL | TYPE --all
 *   kubec delete -f FILE
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../console.h"

static const struct opt_def delete_opts[] = {
	{ "filename", 'f', 1, "The files that contain the objects to delete "
	    "('-': standard input)" },
	{ "recursive", 'R', 0, "Process the directory used in -f recursively" },
	{ "selector", 'l', 1, "Selector (label query) to filter on" },
	{ "all", 0, 0, "Delete all resources of the type in the namespace" },
	{ "all-namespaces", 'A', 0, "With -l or --all: in every namespace" },
	{ "grace-period", 0, 1, "Seconds given to the object to terminate "
	    "gracefully (-1: its own default)" },
	{ "now", 0, 0, "Signal the objects to shut down at once (grace 1)" },
	{ "cascade", 0, 1, "background, foreground or orphan (default "
	    "background)" },
	{ "wait", 0, 0, "Wait until the objects are gone (default true; --wait=false: not)" },
	{ "timeout", 0, 1, "How long to wait, as 30s, 5m (default: a week)" },
	{ "ignore-not-found", 0, 0, "Treat \"resource not found\" as a "
	    "successful delete" },
	{ "output", 'o', 1, "name: print only kind/name of each object" },
	{ NULL, 0, 0, NULL }
};

/* One object to delete. */
struct delete_target {
	const struct api_res	*res;
	char			 ns[254];
	char			 name[254];
	char			 uid[64];	/* of the object deleted */
	const char		*source;	/* -f: its file */
};

struct delete_run {
	struct cli		*c;
	struct delete_target	*t;
	size_t			 n, cap;
	int			 failed;
};

static int
delete_add(struct delete_run *d, const struct api_res *r, const char *ns,
    const char *name, const char *source)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct delete_target *t = realloc(d->t, cap * sizeof *t);

		if (t == NULL)
			return -1;
		d->t = t;
		d->cap = cap;
	}
	memset(&d->t[d->n], 0, sizeof d->t[0]);
	d->t[d->n].res = r;
	snprintf(d->t[d->n].ns, sizeof d->t[0].ns, "%s", ns);
	snprintf(d->t[d->n].name, sizeof d->t[0].name, "%s", name);
	d->t[d->n++].source = source;
	return 0;
}

/* Every object of r that -l (or --all) picks. */
static int
delete_listed(struct delete_run *d, const struct api_res *r)
{
	struct cli *c = d->c;
	const char *sel = opt_str(&c->o, "selector");
	int all_ns = opt_bool(&c->o, "all-namespaces");
	struct buf path = BUF_INIT(8192);
	json_t *list = NULL, *it;
	struct err err;
	size_t i;

	err_clear(&err);
	res_path(r, all_ns ? NULL : c->ns, NULL, &path);
	if (sel != NULL) {
		char *e = curl_easy_escape(NULL, sel, 0);

		buf_addf(&path, "?labelSelector=%s", e ? e : "");
		curl_free(e);
	}
	if (cli_get_json(c, buf_str(&path), &list, &err) < 0) {
		buf_release(&path);
		return cli_error(c, &err);
	}
	json_array_foreach(json_object_get(list, "items"), i, it) {
		json_t *m = json_object_get(it, "metadata");

		delete_add(d, r, json_string_value(json_object_get(m,
		    "namespace")) ?: "", json_string_value(json_object_get(m,
		    "name")) ?: "", NULL);
	}
	json_decref(list);
	buf_release(&path);
	return 0;
}

static int
delete_targets(struct delete_run *d, int argc, char **argv, json_t *docs)
{
	struct cli *c = d->c;
	const struct api_res *r;
	struct err err;
	const char *f;
	size_t i;
	json_t *doc;

	err_clear(&err);
	for (int k = 0; (f = opt_nth(&c->o, "filename", k)) != NULL; k++)
		if (manifests_read(f, opt_bool(&c->o, "recursive"), docs,
		    &err) < 0)
			return cli_error(c, &err);
	json_array_foreach(docs, i, doc) {
		json_t *obj = json_object_get(doc, "object");
		const char *ns;

		if (cli_doc_target(c, doc, &r, &ns) < 0)
			return 1;
		delete_add(d, r, ns, json_string_value(json_object_get(
		    json_object_get(obj, "metadata"), "name")) ?: "",
		    json_string_value(json_object_get(doc, "source")));
	}
	if (json_array_size(docs) > 0 || opt_str(&c->o, "filename") != NULL)
		return argc > 0 ? cli_usage_error(c, "delete", "cannot name "
		    "objects both with -f and as arguments") : 0;
	if (argc == 0)
		return cli_usage_error(c, "delete", "You must provide one or "
		    "more resources by argument or filename.");
	if (strchr(argv[0], '/') != NULL) {
		for (int k = 0; k < argc; k++) {
			char type[256], *slash;

			snprintf(type, sizeof type, "%s", argv[k]);
			if ((slash = strchr(type, '/')) == NULL)
				return cli_usage_error(c, "delete", "there is "
				    "no need to specify a resource type as a "
				    "separate argument when passing arguments "
				    "in resource/name form");
			*slash = '\0';
			if ((r = disco_find(c, type, &err)) == NULL)
				return cli_error(c, &err);
			delete_add(d, r, r->namespaced ? c->ns : "",
			    slash + 1, NULL);
		}
		return 0;
	}
	if ((r = disco_find(c, argv[0], &err)) == NULL)
		return cli_error(c, &err);
	if (argc == 1) {
		if (opt_str(&c->o, "selector") == NULL &&
		    !opt_bool(&c->o, "all"))
			return cli_fail(c, "resource(s) were provided, but no "
			    "name was specified");
		return delete_listed(d, r);
	}
	for (int k = 1; k < argc; k++)
		delete_add(d, r, r->namespaced ? c->ns : "", argv[k], NULL);
	return 0;
}

static json_t *
delete_options(struct cli *c)
{
	const char *cascade = opt_str(&c->o, "cascade");
	const char *grace = opt_str(&c->o, "grace-period");
	json_t *o = json_pack("{s:s, s:s}", "kind", "DeleteOptions",
	    "apiVersion", "v1");
	const char *policy = "Background";

	if (cascade != NULL && strcmp(cascade, "foreground") == 0)
		policy = "Foreground";
	else if (cascade != NULL && (strcmp(cascade, "orphan") == 0 ||
	    strcmp(cascade, "false") == 0))
		policy = "Orphan";
	json_object_set_new(o, "propagationPolicy", json_string(policy));
	if (opt_bool(&c->o, "now"))
		json_object_set_new(o, "gracePeriodSeconds", json_integer(1));
	else if (grace != NULL && atoi(grace) >= 0)
		json_object_set_new(o, "gracePeriodSeconds",
		    json_integer(atoi(grace)));
	return o;
}

/* "30s", "5m", "1h", or seconds; -1 when malformed. */
static long
delete_seconds(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || v < 0)
		return -1;
	switch (*end) {
	case '\0': case 's': return v;
	case 'm': return v * 60;
	case 'h': return v * 3600;
	default: return -1;
	}
}

/* Waits until every deleted object is gone (or made again: a new uid). */
static void
delete_wait(struct delete_run *d)
{
	const char *to = opt_str(&d->c->o, "timeout");
	long limit = to ? delete_seconds(to) : 0;
	time_t end = time(NULL) + (limit > 0 ? limit : 7 * 86400);

	for (size_t i = 0; i < d->n; i++) {
		struct delete_target *t = &d->t[i];
		struct buf path = BUF_INIT(8192);

		if (t->uid[0] == '\0')
			continue;
		res_path(t->res, t->ns, t->name, &path);
		for (;;) {
			json_t *obj = NULL;
			struct err err;
			const char *uid;

			err_clear(&err);
			if (cli_get_json(d->c, buf_str(&path), &obj,
			    &err) < 0) {
				if (err.reason != ERR_NOT_FOUND) {
					cli_error(d->c, &err);
					d->failed = 1;
				}
				break;
			}
			uid = json_string_value(json_object_get(
			    json_object_get(obj, "metadata"), "uid"));
			if (uid == NULL || strcmp(uid, t->uid) != 0) {
				json_decref(obj);
				break;
			}
			json_decref(obj);
			if (time(NULL) >= end) {
				fprintf(d->c->errout, "error: timed out "
				    "waiting for the condition on %s/%s\n",
				    t->res->name, t->name);
				d->failed = 1;
				break;
			}
			usleep(100000);
		}
		buf_release(&path);
	}
}

static int
delete_exec(struct cli *c, int argc, char **argv)
{
	struct delete_run d = { .c = c };
	json_t *docs = json_array(), *opts = delete_options(c);
	const char *w = opt_str(&c->o, "wait");
	int rc, o_name = opt_str(&c->o, "output") != NULL &&
	    strcmp(opt_str(&c->o, "output"), "name") == 0;

	rc = delete_targets(&d, argc, argv, docs);
	if (rc == 0 && d.n == 0 && !opt_bool(&c->o, "ignore-not-found") &&
	    (opt_str(&c->o, "selector") || opt_bool(&c->o, "all"))) {
		fprintf(c->errout, "No resources found\n");
	}
	for (size_t i = 0; rc == 0 && i < d.n; i++) {
		struct delete_target *t = &d.t[i];
		struct buf path = BUF_INIT(8192), kind = BUF_INIT(256);
		json_t *gone = NULL;
		struct err err;

		err_clear(&err);
		res_path(t->res, t->ns, t->name, &path);
		res_kind_name(t->res, &kind);
		if (rest_do(c->rest, "DELETE", buf_str(&path), NULL, opts,
		    &gone, &err) < 0) {
			if (err.reason != ERR_NOT_FOUND ||
			    !opt_bool(&c->o, "ignore-not-found")) {
				if (t->source != NULL)
					err_wrap(&err, "error when deleting "
					    "\"%s\"", t->source);
				cli_error(c, &err);
				d.failed = 1;
			}
		} else {
			/* the object as it is now, or a Status when gone */
			const char *uid = json_string_value(json_object_get(
			    json_object_get(gone, "metadata"), "uid"));

			if (uid == NULL)
				uid = json_string_value(json_object_get(
				    json_object_get(gone, "details"), "uid"));
			snprintf(t->uid, sizeof t->uid, "%s", uid ? uid : "");
			if (o_name)
				fprintf(c->out, "%s/%s\n", buf_str(&kind),
				    t->name);
			else
				fprintf(c->out, "%s \"%s\" deleted\n",
				    buf_str(&kind), t->name);
		}
		json_decref(gone);
		buf_release(&path);
		buf_release(&kind);
	}
	fflush(c->out);
	if (rc == 0 && (w == NULL || strcmp(w, "false") != 0))
		delete_wait(&d);
	json_decref(docs);
	json_decref(opts);
	free(d.t);
	return rc ? rc : d.failed;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.summary = "Delete resources by file names, stdin, resources and "
	    "names, or by resources and label selector",
	.usage = "kubec delete ([-f FILENAME] | TYPE [(NAME | -l label | "
	    "--all)]) [flags]",
	.opts = delete_opts,
	.exec = delete_exec,
};
