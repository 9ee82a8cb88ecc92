/* create.c - kubec create -f: every object of the files (or of standard
 * input) created on the server, each reported as kubectl reports it
 * ("deployment.apps/web created"); kubec create KIND NAME: one object
 * made by a generator (generate.c); --dry-run=client prints it only. */
#include <string.h>

#include "../console.h"

static const struct opt_def create_opts[] = {
	{ "filename", 'f', 1, "Filename, directory, or URL to files to use "
	    "to create the resource ('-': standard input)" },
	{ "recursive", 'R', 0, "Process the directory used in -f, "
	    "--filename recursively" },
	{ "output", 'o', 1, "Output format: name, json or yaml" },
	{ "dry-run", 0, 1, "none, client (print only) or server" },
	{ "from-literal", 0, 1, "configmap, secret: KEY=VALUE" },
	{ "from-file", 0, 1, "configmap, secret: [KEY=]FILE" },
	{ "from-env-file", 0, 1, "configmap, secret: KEY=VALUE lines" },
	{ "type", 0, 1, "secret: its type" },
	{ "image", 0, 1, "deployment: a container's image (repeatable)" },
	{ "replicas", 'r', 1, "deployment: the number of replicas" },
	{ "port", 0, 1, "deployment: the container port" },
	{ NULL, 0, 0, NULL }
};

/* kubec create KIND NAME ...: the generated object, posted (or only
 * printed with --dry-run=client). */
static int
create_generated(struct cli *c, int argc, char **argv)
{
	const char *dry = opt_str(&c->o, "dry-run");
	const struct api_res *r;
	struct buf path = BUF_INIT(8192);
	json_t *obj = NULL, *made = NULL;
	struct err err;
	int rc;

	err_clear(&err);
	if (dry != NULL && strcmp(dry, "none") != 0 && strcmp(dry, "client") !=
	    0 && strcmp(dry, "server") != 0)
		return cli_fail(c, "Invalid dry-run value (%s). Must be "
		    "\"none\", \"server\", or \"client\".", dry);
	if ((rc = generate_object(c, argc, argv, &obj)) != 0)
		return rc;
	if ((r = disco_kind(c, json_string_value(json_object_get(obj,
	    "apiVersion")), json_string_value(json_object_get(obj, "kind")),
	    &err)) == NULL) {
		json_decref(obj);
		return cli_error(c, &err);
	}
	if (dry != NULL && strcmp(dry, "client") == 0) {
		if (r->namespaced && c->ns_given)
			json_object_set_new(json_object_get(obj, "metadata"),
			    "namespace", json_string(c->ns));
		cli_report(c, r, obj, "created (dry run)");
		json_decref(obj);
		return 0;
	}
	res_path(r, r->namespaced ? c->ns : NULL, NULL, &path);
	if (dry != NULL && strcmp(dry, "server") == 0)
		buf_adds(&path, "?dryRun=All");
	if (rest_do(c->rest, "POST", buf_str(&path), NULL, obj, &made,
	    &err) < 0) {
		/* kubectl's generators say it their way, but for namespaces */
		if (strcmp(r->kind, "Namespace") == 0)
			rc = cli_error(c, &err);
		else if (strcmp(r->kind, "Secret") == 0)
			rc = cli_fail(c, "failed to create secret %s", err.msg);
		else
			rc = cli_fail(c, "failed to create %s: %s",
			    strcmp(r->kind, "ConfigMap") == 0 ? "configmap" :
			    "deployment", err.msg);
	} else {
		cli_report(c, r, made, dry != NULL && strcmp(dry, "server") ==
		    0 ? "created (server dry run)" : "created");
	}
	json_decref(obj);
	json_decref(made);
	buf_release(&path);
	return rc;
}

/* One object of -f, created. */
static int
create_one(struct cli *c, const struct api_res *r, const char *ns,
    json_t *obj, const char *src, void *arg)
{
	struct buf path = BUF_INIT(8192);
	json_t *made = NULL;
	struct err err;
	int failed = 0;

	err_clear(&err);
	res_path(r, ns, NULL, &path);
	if (rest_do(c->rest, "POST", buf_str(&path), NULL, obj, &made,
	    &err) < 0) {
		err_wrap(&err, "error when creating \"%s\"", src);
		failed = cli_error(c, &err);
	} else {
		cli_report(c, r, made, "created");
	}
	json_decref(made);
	buf_release(&path);
	return failed;
}

static int
create_exec(struct cli *c, int argc, char **argv)
{
	if (argc > 0 && opt_str(&c->o, "filename") == NULL)
		return create_generated(c, argc, argv);
	return targets_each_doc(c, "create", argc, argv, create_one, NULL);
}

const struct cmd_entry cmd_create_entry = {
	.name = "create",
	.summary = "Create a resource from a file or from stdin",
	.usage = "kubec create -f FILENAME [-R] [-o name|json|yaml]",
	.opts = create_opts,
	.exec = create_exec,
};
