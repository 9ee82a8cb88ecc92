/* metamap.c - kubec label and kubec annotate: KEY=VALUE and KEY- changes
 * to metadata.labels or metadata.annotations of the objects named, sent
 * as a JSON merge patch, reported as kubectl reports them. */
#include <stdlib.h>
#include <string.h>

#include "console.h"

const struct opt_def metamap_opts[] = {
	{ "overwrite", 0, 0, "Replace a key that has another value" },
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "all", 0, 0, "Every object of the type in the namespace" },
	{ "all-namespaces", 'A', 0, "With -l or --all: in every namespace" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "output", 'o', 1, "name, json or yaml: print the objects" },
	{ NULL, 0, 0, NULL }
};

/* A change argument: KEY=VALUE, or KEY- (remove). */
static int
metamap_is_change(const char *a)
{
	size_t n = strlen(a);

	return strchr(a, '=') != NULL || (n > 1 && a[n - 1] == '-' &&
	    strchr(a, '/') == NULL);
}

int
metamap_exec(struct cli *c, int argc, char **argv, const char *verb,
    const char *field)
{
	/* "label" -> "labeled", "annotate" -> "annotated" */
	char did[32], undid[32], kind[16];
	struct targets ts = { 0 };
	json_t *set = json_object();
	char **objs = calloc((size_t)argc + 1, sizeof *objs);
	int nobj = 0, rc = 0, failed = 0, ann = strcmp(verb, "annotate") == 0;


	snprintf(did, sizeof did, "%s", ann ? "annotated" : "labeled");
	snprintf(undid, sizeof undid, "%s", ann ? "annotated" : "unlabeled");
	snprintf(kind, sizeof kind, "%s", ann ? "annotation" : "label");
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!metamap_is_change(argv[i]) || (i == 0 &&
		    opt_str(&c->o, "filename") == NULL)) {
			objs[nobj++] = argv[i];
		} else if (eq != NULL) {
			char key[512];

			snprintf(key, sizeof key, "%.*s", (int)(eq - argv[i]),
			    argv[i]);
			json_object_set_new(set, key, json_string(eq + 1));
		} else {
			char key[512];

			snprintf(key, sizeof key, "%.*s",
			    (int)strlen(argv[i]) - 1, argv[i]);
			json_object_set_new(set, key, json_null());
		}
	}
	if (json_object_size(set) == 0) {
		rc = cli_fail(c, "at least one %s update is required", kind);
		goto out;
	}
	if ((rc = targets_collect(c, verb, nobj, objs, &ts)) != 0)
		goto out;
	for (size_t i = 0; i < ts.n; i++) {
		struct target *t = &ts.t[i];
		struct buf path = BUF_INIT(8192), kn = BUF_INIT(256);
		json_t *cur = NULL, *now, *patch, *out = NULL, *val;
		const char *key;
		struct err err;
		const char *message;
		int changed = 0, refused = 0;

		err_clear(&err);
		target_path(t, &path);
		res_kind_name(t->res, &kn);
		if (cli_get_json(c, buf_str(&path), &cur, &err) < 0) {
			cli_error(c, &err);
			failed = 1;
			goto next;
		}
		now = json_object_get(json_object_get(cur, "metadata"), field);
		json_object_foreach(set, key, val) {
			json_t *old = json_object_get(now, key);

			if (json_is_null(val)) {
				if (old == NULL && !ann)
					fprintf(c->out, "%s \"%s\" not "
					    "found.\n", kind, key);
				changed |= old != NULL;
			} else if (old != NULL && !json_equal(old, val) &&
			    !opt_bool(&c->o, "overwrite")) {
				cli_eprintf(c, "error: '%s' already has a "
				    "value (%s), and --overwrite is false\n",
				    key, json_string_value(old));
				refused = 1;
			} else {
				changed |= old == NULL || !json_equal(old, val);
			}
		}
		if (refused) {
			failed = 1;
			goto next;
		}
		/* kubectl's message compares the object before and after
		 * the change, the map made when there was none: "labeled"
		 * when they differ, "unlabeled" when the text got shorter
		 * (without --overwrite), else "not labeled" */
		{
			json_t *after = json_deep_copy(cur), *m = json_object_get(
			    after, "metadata"), *map;
			char *a, *b;

			if (!json_is_object(json_object_get(m, field)))
				json_object_set_new(m, field, json_object());
			map = json_object_get(m, field);
			json_object_foreach(set, key, val)
				if (json_is_null(val))
					json_object_del(map, key);
				else
					json_object_set(map, key, val);
			a = json_dumps(cur, JSON_COMPACT);
			b = json_dumps(after, JSON_COMPACT);
			message = !json_equal(cur, after) ? (!opt_bool(&c->o,
			    "overwrite") && a && b && strlen(b) < strlen(a) ?
			    undid : did) : "not labeled";
			free(a);
			free(b);
			json_decref(after);
		}
		patch = json_pack("{s:{s:O}}", "metadata", field, set);
		if ((changed || ann) && rest_do(c->rest, "PATCH",
		    buf_str(&path), "application/merge-patch+json", patch,
		    &out, &err) < 0) {
			cli_error(c, &err);
			failed = 1;
		} else if (opt_str(&c->o, "output") != NULL) {
			cli_report(c, t->res, out ? out : cur, "");
		} else {
			fprintf(c->out, "%s/%s %s\n", buf_str(&kn), t->name,
			    ann ? did : message);
		}
		json_decref(patch);
		json_decref(out);
next:
		json_decref(cur);
		buf_release(&path);
		buf_release(&kn);
	}
out:
	targets_release(&ts);
	json_decref(set);
	free(objs);
	return rc ? rc : failed;
}
