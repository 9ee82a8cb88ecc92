/* create.c - kubec create -f: every object of the files (or of standard
 * input) created on the server, each reported as kubectl reports it
 * ("deployment.apps/web created"). */
#include <string.h>

#include "../console.h"

static const struct opt_def create_opts[] = {
	{ "filename", 'f', 1, "Filename, directory, or URL to files to use "
	    "to create the resource ('-': standard input)" },
	{ "recursive", 'R', 0, "Process the directory used in -f, "
	    "--filename recursively" },
	{ "output", 'o', 1, "Output format: name, json or yaml" },
	{ NULL, 0, 0, NULL }
};

static int
create_exec(struct cli *c, int argc, char **argv)
{
	json_t *docs = json_array(), *d;
	struct err err;
	const char *f;
	size_t i;
	int failed = 0;

	err_clear(&err);
	if (argc > 0 || opt_str(&c->o, "filename") == NULL) {
		json_decref(docs);
		return cli_usage_error(c, "create", argc > 0 ? "kubec create "
		    "takes its objects from -f (unexpected argument \"%s\")" :
		    "must specify one of -f and -k", argc > 0 ? argv[0] : "");
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
		    "source"));
		const struct api_res *r;
		struct buf path = BUF_INIT(8192);
		const char *ns;

		if (cli_doc_target(c, d, &r, &ns) < 0) {
			failed = 1;
			continue;
		}
		res_path(r, ns, NULL, &path);
		if (rest_do(c->rest, "POST", buf_str(&path), NULL, obj, &made,
		    &err) < 0) {
			err_wrap(&err, "error when creating \"%s\"", src);
			cli_error(c, &err);
			err_clear(&err);
			failed = 1;
		} else {
			cli_report(c, r, made, "created");
		}
		json_decref(made);
		buf_release(&path);
	}
	json_decref(docs);
	return failed;
}

const struct cmd_entry cmd_create_entry = {
	.name = "create",
	.summary = "Create a resource from a file or from stdin",
	.usage = "kubec create -f FILENAME [-R] [-o name|json|yaml]",
	.opts = create_opts,
	.exec = create_exec,
};
