/* apply.c - kubec apply -f: the objects of files, directories or standard
 * input made to be as they say, as kubectl apply does.
 *
 * Client-side (the default): an object that does not exist is created
 * with the annotation kubectl.kubernetes.io/last-applied-configuration
 * (the object as applied, JSON with sorted keys); one that exists gets
 * the strategic merge patch (a JSON merge patch for kinds without merge
 * keys) from the live object to the three-way merge of the last applied,
 * the applied and the live (lib/threeway.c), or nothing when that patch
 * is empty: "created", "configured", "unchanged".
 * --server-side: an apply patch (application/apply-patch+yaml) per
 * object, with field manager kubectl: "serverside-applied".
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/mergepatch.h"
#include "../../lib/smpatch.h"
#include "../../lib/threeway.h"
#include "../console.h"

#define LAST_APPLIED	"kubectl.kubernetes.io/last-applied-configuration"
#define CSA_MANAGER	"kubectl-client-side-apply"

static const struct opt_def apply_opts[] = {
	{ "filename", 'f', 1, "The files that contain the configuration to "
	    "apply ('-': standard input)" },
	{ "recursive", 'R', 0, "Process the directory used in -f recursively" },
	{ "server-side", 0, 0, "Apply on the server (server-side apply)" },
	{ "force-conflicts", 0, 0, "With --server-side: take over the fields "
	    "other managers own" },
	{ "field-manager", 0, 1, "The name of the manager of the fields "
	    "(server-side; default kubectl)" },
	{ "dry-run", 0, 1, "none, client or server" },
	{ "output", 'o', 1, "Output format: name, json or yaml" },
	{ NULL, 0, 0, NULL }
};

struct apply_run {
	struct cli	*c;
	int		 dry;		/* 0, 1 client, 2 server */
	const char	*suffix;	/* "", " (dry run)", " (server dry run)" */
};

/* The object to apply: its namespace set, the annotation of itself. */
static json_t *
apply_modified(const json_t *obj, const char *ns)
{
	json_t *m = json_deep_copy(obj), *meta, *ann;
	char *text;

	if (!json_is_object(json_object_get(m, "metadata")))
		json_object_set_new(m, "metadata", json_object());
	meta = json_object_get(m, "metadata");
	if (ns[0] != '\0')
		json_object_set_new(meta, "namespace", json_string(ns));
	if (!json_is_object(json_object_get(meta, "annotations")))
		json_object_set_new(meta, "annotations", json_object());
	ann = json_object_get(meta, "annotations");
	json_object_del(ann, LAST_APPLIED);
	text = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);
	if (text != NULL) {
		size_t n = strlen(text);
		char *nl = malloc(n + 2);

		if (nl != NULL) {
			memcpy(nl, text, n);
			nl[n] = '\n';
			nl[n + 1] = '\0';
			json_object_set_new(ann, LAST_APPLIED, json_string(nl));
			free(nl);
		}
		free(text);
	}
	return m;
}

static void
apply_query(struct apply_run *a, struct buf *path, const char *manager,
    int force)
{
	buf_addf(path, "?fieldManager=%s", manager);
	if (force)
		buf_adds(path, "&force=true");
	if (a->dry == 2)
		buf_adds(path, "&dryRun=All");
}

static void
apply_done(struct apply_run *a, const struct api_res *r, const json_t *obj,
    const char *what)
{
	struct buf b = BUF_INIT(256);

	buf_addf(&b, "%s%s", what, a->suffix);
	cli_report(a->c, r, obj, buf_str(&b));
	buf_release(&b);
}

static int
apply_server_side(struct apply_run *a, const struct api_res *r,
    const char *ns, const char *name, const json_t *obj, struct err *err)
{
	const char *mgr = opt_str(&a->c->o, "field-manager");
	struct buf path = BUF_INIT(8192);
	json_t *body = json_deep_copy(obj), *out = NULL;
	int rc;

	if (ns[0] != '\0')
		json_object_set_new(json_object_get(body, "metadata"),
		    "namespace", json_string(ns));
	res_path(r, ns, name, &path);
	apply_query(a, &path, mgr ? mgr : "kubectl",
	    opt_bool(&a->c->o, "force-conflicts"));
	rc = a->dry == 1 ? 0 : rest_do(a->c->rest, "PATCH", buf_str(&path),
	    "application/apply-patch+yaml", body, &out, err);
	if (rc >= 0)
		apply_done(a, r, out ? out : body, "serverside-applied");
	json_decref(body);
	json_decref(out);
	buf_release(&path);
	return rc < 0 ? -1 : 0;
}

static int
apply_client_side(struct apply_run *a, const struct api_res *r,
    const char *ns, const char *name, const json_t *obj, struct err *err)
{
	struct buf path = BUF_INIT(8192);
	json_t *mod = apply_modified(obj, ns), *cur = NULL, *orig = NULL,
	    *want = NULL, *patch = NULL, *out = NULL;
	const char *last, *kind = r->kind;
	int known = smpatch_known_kind(kind), rc = -1;

	res_path(r, ns, name, &path);
	if (cli_get_json(a->c, buf_str(&path), &cur, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			goto out;
		err_clear(err);
		buf_reset(&path);
		res_path(r, ns, NULL, &path);
		apply_query(a, &path, CSA_MANAGER, 0);
		if (a->dry != 1 && rest_do(a->c->rest, "POST", buf_str(&path),
		    NULL, mod, &out, err) < 0)
			goto out;
		apply_done(a, r, out ? out : mod, "created");
		rc = 0;
		goto out;
	}
	last = json_string_value(json_object_get(json_object_get(
	    json_object_get(cur, "metadata"), "annotations"), LAST_APPLIED));
	if (last == NULL)
		fprintf(a->c->errout, "Warning: resource %s/%s is missing the "
		    "%s annotation which is required by kubec apply. kubec "
		    "apply should only be used on resources created "
		    "declaratively by either kubec create --save-config or "
		    "kubec apply. The missing annotation will be patched "
		    "automatically.\n", r->name, name, LAST_APPLIED);
	else
		orig = json_loads(last, JSON_DISABLE_EOF_CHECK, NULL);
	want = threeway_merge(orig, mod, cur, known ? kind : NULL);
	patch = known ? smpatch_diff(cur, want, kind) :
	    mergepatch_diff(cur, want);
	if (patch == NULL) {
		err_set(err, ERR_INTERNAL, "cannot make the patch of %s/%s",
		    r->name, name);
		goto out;
	}
	if (json_object_size(patch) == 0) {
		apply_done(a, r, cur, "unchanged");
		rc = 0;
		goto out;
	}
	apply_query(a, &path, CSA_MANAGER, 0);
	if (a->dry != 1 && rest_do(a->c->rest, "PATCH", buf_str(&path),
	    known ? "application/strategic-merge-patch+json" :
	    "application/merge-patch+json", patch, &out, err) < 0)
		goto out;
	apply_done(a, r, out ? out : want, "configured");
	rc = 0;
out:
	json_decref(mod);
	json_decref(cur);
	json_decref(orig);
	json_decref(want);
	json_decref(patch);
	json_decref(out);
	buf_release(&path);
	return rc;
}

/* One object of -f, applied. */
static int
apply_one(struct cli *c, const struct api_res *r, const char *ns,
    json_t *obj, const char *src, void *arg)
{
	struct apply_run *a = arg;
	const char *name = json_string_value(json_object_get(json_object_get(
	    obj, "metadata"), "name"));
	struct err err;
	int rc;

	err_clear(&err);
	if (name == NULL || name[0] == '\0') {
		cli_eprintf(c, "error: error when retrieving current "
		    "configuration of:\nResource: \"%s\", Name: \"\", "
		    "Namespace: \"%s\"\nfrom server for: \"%s\": resource "
		    "name may not be empty\n", r->name, ns, src);
		return 1;
	}
	rc = opt_bool(&c->o, "server-side") ?
	    apply_server_side(a, r, ns, name, obj, &err) :
	    apply_client_side(a, r, ns, name, obj, &err);
	if (rc < 0) {
		err_wrap(&err, "error when applying patch to \"%s\"", src);
		return cli_error(c, &err);
	}
	return 0;
}

static int
apply_exec(struct cli *c, int argc, char **argv)
{
	struct apply_run a = { .c = c, .suffix = "" };
	const char *dry = opt_str(&c->o, "dry-run");

	if (dry != NULL && strcmp(dry, "client") == 0) {
		a.dry = 1;
		a.suffix = " (dry run)";
	} else if (dry != NULL && strcmp(dry, "server") == 0) {
		a.dry = 2;
		a.suffix = " (server dry run)";
	} else if (dry != NULL && strcmp(dry, "none") != 0) {
		return cli_fail(c, "Invalid dry-run value (%s). Must be "
		    "\"none\", \"server\", or \"client\".", dry);
	}
	return targets_each_doc(c, "apply", argc, argv, apply_one, &a);
}

const struct cmd_entry cmd_apply_entry = {
	.name = "apply",
	.summary = "Apply a configuration to a resource by file name or stdin",
	.usage = "kubec apply (-f FILENAME) [-R] [--server-side] "
	    "[--dry-run=client|server] [-o name|json|yaml]",
	.opts = apply_opts,
	.exec = apply_exec,
};
