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
 * -l: only the objects of the files whose labels match.
 * --prune (with -l or --all): then, in every namespace an object went to,
 * the objects of the allowlisted kinds (--prune-allowlist, else
 * kubectl's default list) that match -l, carry the last-applied
 * annotation and were not applied now are deleted: "pruned".
 */
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/mergepatch.h"
#include "../../lib/selector.h"
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
	{ "selector", 'l', 1, "Only the objects whose labels match (and, "
	    "with --prune, those pruned)" },
	{ "prune", 0, 0, "Delete the objects of the selector (or --all) not "
	    "in the files" },
	{ "all", 0, 0, "With --prune: every object of the allowlisted kinds" },
	{ "prune-allowlist", 0, 1, "With --prune: a kind to prune, "
	    "group/version/kind (core/v1/ConfigMap); repeatable" },
	{ NULL, 0, 0, NULL }
};

struct apply_run {
	struct cli	*c;
	int		 dry;		/* 0, 1 client, 2 server */
	const char	*suffix;	/* "", " (dry run)", " (server dry run)" */
	struct selector	*sel;		/* -l */
	size_t		 applied;
	json_t		*uids;		/* of the objects applied: a set */
	json_t		*nss;		/* the namespaces they went to */
};

/* kubectl's default --prune-allowlist (namespaced, then not). */
static const struct {
	const char	*api_version, *kind;
	int		 namespaced;
} apply_prune_default[] = {
	{ "v1", "ConfigMap", 1 },
	{ "v1", "Endpoints", 1 },
	{ "v1", "PersistentVolumeClaim", 1 },
	{ "v1", "Pod", 1 },
	{ "v1", "ReplicationController", 1 },
	{ "v1", "Secret", 1 },
	{ "v1", "Service", 1 },
	{ "batch/v1", "Job", 1 },
	{ "batch/v1", "CronJob", 1 },
	{ "networking.k8s.io/v1", "Ingress", 1 },
	{ "apps/v1", "DaemonSet", 1 },
	{ "apps/v1", "Deployment", 1 },
	{ "apps/v1", "ReplicaSet", 1 },
	{ "apps/v1", "StatefulSet", 1 },
	{ "v1", "Namespace", 0 },
	{ "v1", "PersistentVolume", 0 },
};
#define APPLY_PRUNE_MAX	64

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
apply_query(int dry, struct buf *path, const char *manager, int force)
{
	buf_addf(path, "?fieldManager=%s", manager);
	if (force)
		buf_adds(path, "&force=true");
	if (dry == 2)
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
	/* what --prune keeps */
	json_object_set_new(a->uids, json_string_value(json_object_get(
	    json_object_get(obj, "metadata"), "uid")) ?: "", json_true());
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
	apply_query(a->dry, &path, mgr ? mgr : "kubectl",
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

/*
 * The client-side apply of one object (kubec apply's, and the
 * dashboard's manifests view's): created with the last-applied
 * annotation when it does not exist, else the patch of the three-way
 * merge sent when not empty.  dry: 0, 1 (client: nothing sent, no patch
 * made), 2 (server).  *out the object as the server answered (or as it
 * would be), *what "created", "configured" or "unchanged"; -1 with err.
 */
int
apply_client(struct cli *c, const struct api_res *r, const char *ns,
    const char *name, const json_t *obj, int dry, json_t **out,
    const char **what, struct err *err)
{
	struct buf path = BUF_INIT(8192);
	json_t *mod = apply_modified(obj, ns), *cur = NULL, *orig = NULL,
	    *want = NULL, *patch = NULL, *got = NULL;
	const char *last, *kind = r->kind;
	int known = smpatch_known_kind(kind), rc = -1;

	*out = NULL;
	res_path(r, ns, name, &path);
	if (cli_get_json(c, buf_str(&path), &cur, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			goto out;
		err_clear(err);
		buf_reset(&path);
		res_path(r, ns, NULL, &path);
		apply_query(dry, &path, CSA_MANAGER, 0);
		if (dry != 1 && rest_do(c->rest, "POST", buf_str(&path),
		    NULL, mod, &got, err) < 0)
			goto out;
		*out = got ? json_incref(got) : json_incref(mod);
		*what = "created";
		rc = 0;
		goto out;
	}
	if (dry == 1) {
		/* kubectl computes no patch in a client dry run */
		*out = json_incref(cur);
		*what = "configured";
		rc = 0;
		goto out;
	}
	last = json_string_value(json_object_get(json_object_get(
	    json_object_get(cur, "metadata"), "annotations"), LAST_APPLIED));
	if (last == NULL)
		fprintf(c->errout, "Warning: resource %s/%s is missing the "
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
		*out = json_incref(cur);
		*what = "unchanged";
		rc = 0;
		goto out;
	}
	apply_query(dry, &path, CSA_MANAGER, 0);
	if (dry != 1 && rest_do(c->rest, "PATCH", buf_str(&path),
	    known ? "application/strategic-merge-patch+json" :
	    "application/merge-patch+json", patch, &got, err) < 0)
		goto out;
	*out = got ? json_incref(got) : json_incref(want);
	*what = "configured";
	rc = 0;
out:
	json_decref(mod);
	json_decref(cur);
	json_decref(orig);
	json_decref(want);
	json_decref(patch);
	json_decref(got);
	buf_release(&path);
	return rc;
}

static int
apply_client_side(struct apply_run *a, const struct api_res *r,
    const char *ns, const char *name, const json_t *obj, struct err *err)
{
	json_t *out = NULL;
	const char *what = NULL;

	if (apply_client(a->c, r, ns, name, obj, a->dry, &out, &what,
	    err) < 0)
		return -1;
	apply_done(a, r, out, what);
	json_decref(out);
	return 0;
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
	if (a->sel != NULL && !selector_matches(a->sel, json_object_get(
	    json_object_get(obj, "metadata"), "labels")))
		return 0;
	a->applied++;
	if (r->namespaced) {
		json_t *n;
		size_t i;
		int seen = 0;

		json_array_foreach(a->nss, i, n)
			seen |= strcmp(json_string_value(n), ns) == 0;
		if (!seen)
			json_array_append_new(a->nss, json_string(ns));
	}
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

/* The kinds to prune: --prune-allowlist's, resolved when given (-1
 * after kubectl's error), else kubectl's default list, resolved when
 * pruning. */
static int
apply_allowlist(struct cli *c, const struct api_res **res, size_t *n)
{
	const char *e;
	struct err err;

	*n = 0;
	err_clear(&err);
	for (int k = 0; (e = opt_nth(&c->o, "prune-allowlist", k)) != NULL &&
	    *n < APPLY_PRUNE_MAX; k++) {
		char g[256], v[64], kind[128], av[330];

		if (sscanf(e, "%255[^/]/%63[^/]/%127[^/]", g, v, kind) != 3 ||
		    strchr(e, '/') == e || strstr(e, "//") != NULL ||
		    strchr(strchr(strchr(e, '/') + 1, '/') + 1, '/') != NULL)
			return cli_fail(c, "invalid GroupVersionKind format: "
			    "%s, please follow <group/version/kind>", e), -1;
		if (strcmp(g, "core") == 0)
			g[0] = '\0';
		snprintf(av, sizeof av, "%s%s%s", g, g[0] ? "/" : "", v);
		if ((res[*n] = disco_kind(c, av, kind, &err)) == NULL)
			return cli_error(c, &err), -1;
		(*n)++;
	}
	return 0;
}

/* klog's warning line, as kubectl prints it. */
static void
apply_klog_warning(struct cli *c, const char *where, const char *msg)
{
	struct timeval tv;
	struct tm tm;

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	cli_eprintf(c, "W%02d%02d %02d:%02d:%02d.%06ld %7d %s] %s\n",
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (long)tv.tv_usec, (int)getpid(), where, msg);
}

/* Deletes the objects of r in ns (NULL: cluster-scoped) that -l selects,
 * were applied before and not now. */
static int
apply_prune_one(struct apply_run *a, const struct api_res *r,
    const char *ns, struct err *err)
{
	struct cli *c = a->c;
	struct buf path = BUF_INIT(8192), item = BUF_INIT(8192);
	json_t *list = NULL, *obj;
	size_t i;
	int rc = 0;

	res_path(r, ns, NULL, &path);
	cli_query_arg(&path, "labelSelector", opt_str(&c->o, "selector"));
	if (cli_get_json(c, buf_str(&path), &list, err) < 0) {
		buf_release(&path);
		return -1;
	}
	json_array_foreach(json_object_get(list, "items"), i, obj) {
		json_t *meta = json_object_get(obj, "metadata"), *opts;
		const char *name = json_string_value(json_object_get(meta,
		    "name")) ?: "";

		if (json_object_get(json_object_get(meta, "annotations"),
		    LAST_APPLIED) == NULL || json_object_get(a->uids,
		    json_string_value(json_object_get(meta, "uid")) ?: ""))
			continue;
		if (a->dry != 1) {
			opts = json_pack("{s:s, s:s, s:s}", "kind",
			    "DeleteOptions", "apiVersion", "v1",
			    "propagationPolicy", "Background");
			if (a->dry == 2)
				json_object_set_new(opts, "dryRun",
				    json_pack("[s]", "All"));
			buf_reset(&item);
			res_path(r, ns, name, &item);
			rc = rest_do(c->rest, "DELETE", buf_str(&item), NULL,
			    opts, NULL, err);
			json_decref(opts);
			if (rc < 0)
				break;
		}
		/* the list's items have no kind: the resource names it */
		apply_done(a, r, obj, "pruned");
	}
	json_decref(list);
	buf_release(&path);
	buf_release(&item);
	return rc < 0 ? -1 : 0;
}

static int
apply_prune(struct apply_run *a, const struct api_res **allow, size_t nallow)
{
	struct cli *c = a->c;
	const struct api_res *res[APPLY_PRUNE_MAX];
	int nsd[APPLY_PRUNE_MAX];
	size_t n = 0, i, k;
	json_t *ns;
	struct err err;

	err_clear(&err);
	if (nallow > 0) {
		for (i = 0; i < nallow; i++) {
			res[n] = allow[i];
			nsd[n++] = allow[i]->namespaced;
		}
	} else {
		apply_klog_warning(c, "prune.go:71", "Deprecated: kubec "
		    "apply will no longer prune non-namespaced resources by "
		    "default when used with the --namespace flag in a future "
		    "release. To preserve the current behaviour, list the "
		    "resources you want to target explicitly in the "
		    "--prune-allowlist flag.");
		for (i = 0; i < sizeof apply_prune_default /
		    sizeof apply_prune_default[0]; i++) {
			res[n] = disco_kind(c, apply_prune_default[i].api_version,
			    apply_prune_default[i].kind, &err);
			if (res[n] == NULL) {
				const char *sl = strchr(
				    apply_prune_default[i].api_version, '/');

				return cli_fail(c, "error retrieving RESTMappings "
				    "to prune: invalid resource %.*s/%s, Kind=%s, "
				    "Namespaced=%s: %s", sl ? (int)(sl -
				    apply_prune_default[i].api_version) : 0,
				    apply_prune_default[i].api_version,
				    sl ? sl + 1 : apply_prune_default[i].api_version,
				    apply_prune_default[i].kind,
				    apply_prune_default[i].namespaced ? "true" :
				    "false", err.msg);
			}
			nsd[n++] = apply_prune_default[i].namespaced;
		}
	}
	/* the namespaced kinds in each namespace, then the others */
	json_array_foreach(a->nss, k, ns)
		for (i = 0; i < n; i++)
			if (nsd[i] && apply_prune_one(a, res[i],
			    json_string_value(ns), &err) < 0)
				goto fail;
	for (i = 0; i < n; i++)
		if (!nsd[i] && apply_prune_one(a, res[i], NULL, &err) < 0)
			goto fail;
	return 0;
fail:
	err_wrap(&err, "error pruning %snamespaced object %s/%s, Kind=%s",
	    nsd[i] ? "" : "nonNamespaced ", res[i]->group, res[i]->version,
	    res[i]->kind);
	return cli_fail(c, "%s", err.msg);
}

static int
apply_exec(struct cli *c, int argc, char **argv)
{
	struct apply_run a = { .c = c, .suffix = "" };
	const char *dry = opt_str(&c->o, "dry-run"),
	    *sel = opt_str(&c->o, "selector");
	const struct api_res *allow[APPLY_PRUNE_MAX];
	int prune = opt_bool(&c->o, "prune"), rc;
	size_t nallow = 0;
	struct err err;

	err_clear(&err);
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
	if (prune && apply_allowlist(c, allow, &nallow) < 0)
		return 1;
	if (opt_bool(&c->o, "all") && sel != NULL && sel[0] != '\0')
		return cli_fail(c, "cannot set --all and --selector at the "
		    "same time");
	if (prune && !opt_bool(&c->o, "all") && (sel == NULL ||
	    sel[0] == '\0'))
		return cli_fail(c, "all resources selected for prune without "
		    "explicitly passing --all. To prune all resources, pass "
		    "the --all flag. If you did not mean to prune all "
		    "resources, specify a label selector");
	if (prune && opt_bool(&c->o, "server-side"))
		return cli_fail(c, "--prune is in alpha and doesn't currently "
		    "work on objects created by server-side apply");
	if (sel != NULL && sel[0] != '\0' && selector_parse(sel, &a.sel,
	    &err) < 0)
		return cli_fail(c, "the provided selector \"%s\" is not valid: "
		    "%s", sel, err.msg);
	a.uids = json_object();
	a.nss = json_array();
	/* -n: its namespace is pruned even when no object goes there */
	if (c->ns_given)
		json_array_append_new(a.nss, json_string(c->ns));
	rc = targets_each_doc(c, "apply", argc, argv, apply_one, &a);
	if (rc == 0 && a.applied == 0)
		rc = cli_fail(c, "no objects passed to apply");
	if (rc == 0 && prune)
		rc = apply_prune(&a, allow, nallow);
	selector_free(a.sel);
	json_decref(a.uids);
	json_decref(a.nss);
	return rc;
}

const struct cmd_entry cmd_apply_entry = {
	.name = "apply",
	.summary = "Apply a configuration to a resource by file name or stdin",
	.usage = "kubec apply (-f FILENAME) [-R] [--server-side] "
	    "[--dry-run=client|server] [-o name|json|yaml] [-l SELECTOR] "
	    "[--prune (-l SELECTOR | --all) [--prune-allowlist=G/V/K]...]",
	.opts = apply_opts,
	.exec = apply_exec,
};
