/* patch.c - kubec patch: a strategic merge (the default), JSON merge or
 * JSON patch (RFC 6902) sent to the objects named, "patched", or
 * "patched (no change)" when the object's resourceVersion stayed. */
#include <string.h>

#include "../../lib/buf.h"
#include "../../lib/file.h"
#include "../../lib/yaml.h"
#include "../console.h"

static const struct opt_def patch_opts[] = {
	{ "patch", 'p', 1, "The patch, JSON or YAML" },
	{ "patch-file", 0, 1, "A file holding the patch" },
	{ "type", 0, 1, "strategic (the default), merge or json" },
	{ "subresource", 0, 1, "status or scale: patch that subresource" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "output", 'o', 1, "name, json or yaml: print the objects" },
	{ NULL, 0, 0, NULL }
};

static int
patch_exec(struct cli *c, int argc, char **argv)
{
	const char *type = opt_str(&c->o, "type"), *p = opt_str(&c->o, "patch"),
	    *pf = opt_str(&c->o, "patch-file"), *sub = opt_str(&c->o,
	    "subresource"), *ctype;
	struct buf text = BUF_INIT((size_t)3 << 20);
	struct targets ts = { 0 };
	json_t *body = NULL;
	struct err err;
	int rc = 0, failed = 0;

	err_clear(&err);
	if (type == NULL || strcmp(type, "strategic") == 0)
		ctype = "application/strategic-merge-patch+json";
	else if (strcmp(type, "merge") == 0)
		ctype = "application/merge-patch+json";
	else if (strcmp(type, "json") == 0)
		ctype = "application/json-patch+json";
	else
		return cli_fail(c, "--type must be one of [json merge "
		    "strategic], not \"%s\"", type);
	if (p == NULL && pf == NULL)
		return cli_fail(c, "must specify --patch or --patch-file "
		    "containing the contents of the patch");
	if (p != NULL)
		buf_adds(&text, p);
	else if (file_read(pf, &text, &err) < 0) {
		buf_release(&text);
		return cli_fail(c, "%s", err.msg);
	}
	/* JSON or YAML, sent as JSON */
	if (yaml_parse_one(text.data ? text.data : "", text.len, &body,
	    &err) < 0) {
		rc = cli_fail(c, "unable to parse \"%s\": %s", buf_str(&text),
		    err.msg);
		goto out;
	}
	if ((rc = targets_collect(c, "patch", argc, argv, &ts)) != 0)
		goto out;
	for (size_t i = 0; i < ts.n; i++) {
		struct target *t = &ts.t[i];
		struct buf path = BUF_INIT(8192), kind = BUF_INIT(256);
		json_t *before = NULL, *after = NULL;
		const char *o = opt_str(&c->o, "output");

		target_path(t, &path);
		if (sub != NULL)
			buf_addf(&path, "/%s", sub);
		res_kind_name(t->res, &kind);
		err_clear(&err);
		if (cli_get_json(c, buf_str(&path), &before, &err) < 0 ||
		    rest_do(c->rest, "PATCH", buf_str(&path), ctype, body,
		    &after, &err) < 0) {
			cli_error(c, &err);
			failed = 1;
		} else if (o != NULL) {
			cli_report(c, t->res, after, "patched");
		} else {
			json_t *m0 = json_object_get(before, "metadata"),
			    *m1 = json_object_get(after, "metadata");

			fprintf(c->out, "%s/%s patched%s\n", buf_str(&kind),
			    t->name, json_equal(json_object_get(m0,
			    "resourceVersion"), json_object_get(m1,
			    "resourceVersion")) ? " (no change)" : "");
		}
		json_decref(before);
		json_decref(after);
		buf_release(&path);
		buf_release(&kind);
	}
out:
	json_decref(body);
	buf_release(&text);
	targets_release(&ts);
	return rc ? rc : failed;
}

const struct cmd_entry cmd_patch_entry = {
	.name = "patch",
	.summary = "Update fields of a resource",
	.usage = "kubec patch (-f FILENAME | TYPE NAME | TYPE/NAME) "
	    "(-p PATCH | --patch-file FILE) [--type strategic|merge|json]",
	.opts = patch_opts,
	.exec = patch_exec,
};
