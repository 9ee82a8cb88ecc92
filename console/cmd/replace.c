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

/* One object of -f, put in place (or deleted and created). */
static int
replace_one(struct cli *c, const struct api_res *r, const char *ns,
    json_t *obj, const char *src, void *arg)
{
	const char *name = json_string_value(json_object_get(json_object_get(
	    obj, "metadata"), "name"));
	struct buf path = BUF_INIT(8192);
	json_t *made = NULL;
	struct err err;
	int rc, failed = 0;

	err_clear(&err);
	if (opt_bool(&c->o, "force")) {
		rc = replace_force(c, r, ns, name ? name : "", obj, &made,
		    &err);
	} else {
		res_path(r, ns, name ? name : "", &path);
		rc = rest_do(c->rest, "PUT", buf_str(&path), NULL, obj, &made,
		    &err);
	}
	if (rc < 0) {
		err_wrap(&err, "error when replacing \"%s\"", src);
		failed = cli_error(c, &err);
	} else {
		cli_report(c, r, made, "replaced");
	}
	json_decref(made);
	buf_release(&path);
	return failed;
}

static int
replace_exec(struct cli *c, int argc, char **argv)
{
	return targets_each_doc(c, "replace", argc, argv, replace_one, NULL);
}

const struct cmd_entry cmd_replace_entry = {
	.name = "replace",
	.summary = "Replace a resource by file name or stdin",
	.usage = "kubec replace -f FILENAME [--force]",
	.opts = replace_opts,
	.exec = replace_exec,
};
