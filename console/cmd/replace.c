/* replace.c - kubec replace -f: each object of the files put in place of
 * the live one (PUT; its resourceVersion, when the file has one, must
 * still be the live one's), or with --force deleted and made again. */
#include <string.h>
#include <unistd.h>

#include "../console.h"

static const struct opt_def replace_opts[] = {
	{ "filename", 'f', 1, "The files of the objects ('-': standard "
	    "input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "force", 0, 0, "Delete the object and create it again" },
	{ "output", 'o', 1, "name, json or yaml: print the objects" },
	{ NULL, 0, 0, NULL }
};

/* --force: the object deleted, gone, then created. */
static int
replace_force(struct cli *c, const struct api_res *r, const char *ns,
    const char *name, json_t *obj, json_t **made, struct err *err)
{
	struct buf path = BUF_INIT(8192);
	json_t *cur = NULL;
	int rc = -1, tries;

	res_path(r, ns, name, &path);
	if (rest_do(c->rest, "DELETE", buf_str(&path), NULL, NULL, NULL,
	    err) < 0 && err->reason != ERR_NOT_FOUND)
		goto out;
	err_clear(err);
	/* gone (finalizers, a pod's grace period) before it is made again */
	for (tries = 0; tries < 600; tries++) {
		if (cli_get_json(c, buf_str(&path), &cur, err) < 0)
			break;
		json_decref(cur);
		cur = NULL;
		usleep(100000);
	}
	if (err->reason != ERR_NOT_FOUND && err->reason != ERR_NONE)
		goto out;
	err_clear(err);
	json_object_del(json_object_get(obj, "metadata"), "resourceVersion");
	json_object_del(json_object_get(obj, "metadata"), "uid");
	buf_reset(&path);
	res_path(r, ns, NULL, &path);
	rc = rest_do(c->rest, "POST", buf_str(&path), NULL, obj, made, err);
out:
	buf_release(&path);
	return rc < 0 ? -1 : 0;
}

static int
replace_exec(struct cli *c, int argc, char **argv)
{
	json_t *docs = json_array(), *d;
	struct err err;
	const char *f;
	size_t i;
	int failed = 0;

	err_clear(&err);
	if (argc > 0 || opt_str(&c->o, "filename") == NULL) {
		json_decref(docs);
		return cli_usage_error(c, "replace", "must specify --filename "
		    "to replace");
	}
	for (int k = 0; (f = opt_nth(&c->o, "filename", k)) != NULL; k++)
		if (manifests_read(f, opt_bool(&c->o, "recursive"), docs,
		    &err) < 0) {
			json_decref(docs);
			return cli_error(c, &err);
		}
	json_array_foreach(docs, i, d) {
		json_t *obj = json_object_get(d, "object"), *made = NULL;
		const char *src = json_string_value(json_object_get(d,
		    "source")), *name = json_string_value(json_object_get(
		    json_object_get(obj, "metadata"), "name")), *ns;
		const struct api_res *r;
		struct buf path = BUF_INIT(8192);
		int rc;

		if (cli_doc_target(c, d, &r, &ns) < 0) {
			failed = 1;
			continue;
		}
		if (opt_bool(&c->o, "force")) {
			rc = replace_force(c, r, ns, name ? name : "", obj,
			    &made, &err);
		} else {
			res_path(r, ns, name ? name : "", &path);
			rc = rest_do(c->rest, "PUT", buf_str(&path), NULL, obj,
			    &made, &err);
		}
		if (rc < 0) {
			err_wrap(&err, "error when replacing \"%s\"", src);
			cli_error(c, &err);
			err_clear(&err);
			failed = 1;
		} else {
			cli_report(c, r, made, "replaced");
		}
		json_decref(made);
		buf_release(&path);
	}
	json_decref(docs);
	return failed;
}

const struct cmd_entry cmd_replace_entry = {
	.name = "replace",
	.summary = "Replace a resource by file name or stdin",
	.usage = "kubec replace -f FILENAME [--force]",
	.opts = replace_opts,
	.exec = replace_exec,
};
