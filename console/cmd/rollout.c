/* rollout.c - kubec rollout: status (kubectl's messages for Deployments,
 * StatefulSets and DaemonSets until the rollout is done), restart (a new
 * restartedAt annotation on the pod template), pause and resume, history
 * (the revisions: a Deployment's ReplicaSets by their revision annotation,
 * a DaemonSet's or StatefulSet's ControllerRevisions, with their
 * change-cause) and undo (back to the previous revision or --to-revision:
 * the ReplicaSet's template and annotations as a JSON patch, the
 * ControllerRevision's data as a strategic merge patch). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/selector.h"
#include "../console.h"

#define RO_REVISION	"deployment.kubernetes.io/revision"
#define RO_CAUSE	"kubernetes.io/change-cause"
#define RO_HASH		"pod-template-hash"

#define ROLLOUT_POLL_US	200000

static const struct opt_def rollout_opts[] = {
	{ "timeout", 0, 1, "status: how long to wait (0: for ever)" },
	{ "watch", 'w', 0, "status: wait until done (default true; "
	    "--watch=false: once)" },
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "revision", 0, 1, "history: the details of this revision" },
	{ "to-revision", 0, 1, "undo: the revision to go back to (0: the "
	    "previous one)" },
	{ "dry-run", 0, 1, "undo: none, client or server" },
	{ NULL, 0, 0, NULL }
};

static long long
ro_int(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* kubectl's status viewer: the message, and whether the rollout is done;
 * -1 with the message an error. */
static int
ro_status(const json_t *obj, const char *kind, const char *name,
    struct buf *msg)
{
	const json_t *spec = json_object_get(obj, "spec"),
	    *st = json_object_get(obj, "status"), *c;
	long long gen = ro_int(json_object_get(obj, "metadata"), "generation");
	long long want = json_object_get(spec, "replicas") ?
	    ro_int(spec, "replicas") : 1;
	size_t i;

	if (strcmp(kind, "Deployment") == 0) {
		if (gen > ro_int(st, "observedGeneration")) {
			buf_adds(msg, "Waiting for deployment spec update to be "
			    "observed...\n");
			return 0;
		}
		json_array_foreach(json_object_get(st, "conditions"), i, c)
			if (strcmp(json_string_value(json_object_get(c,
			    "type")) ?: "", "Progressing") == 0 &&
			    strcmp(json_string_value(json_object_get(c,
			    "reason")) ?: "", "ProgressDeadlineExceeded") ==
			    0) {
				buf_addf(msg, "deployment \"%s\" exceeded its "
				    "progress deadline", name);
				return -1;
			}
		if (ro_int(st, "updatedReplicas") < want)
			buf_addf(msg, "Waiting for deployment \"%s\" rollout to "
			    "finish: %lld out of %lld new replicas have been "
			    "updated...\n", name, ro_int(st, "updatedReplicas"),
			    want);
		else if (ro_int(st, "replicas") > ro_int(st, "updatedReplicas"))
			buf_addf(msg, "Waiting for deployment \"%s\" rollout to "
			    "finish: %lld old replicas are pending "
			    "termination...\n", name, ro_int(st, "replicas") -
			    ro_int(st, "updatedReplicas"));
		else if (ro_int(st, "availableReplicas") <
		    ro_int(st, "updatedReplicas"))
			buf_addf(msg, "Waiting for deployment \"%s\" rollout to "
			    "finish: %lld of %lld updated replicas are "
			    "available...\n", name, ro_int(st,
			    "availableReplicas"), ro_int(st, "updatedReplicas"));
		else {
			buf_addf(msg, "deployment \"%s\" successfully rolled "
			    "out\n", name);
			return 1;
		}
		return 0;
	}
	if (strcmp(kind, "DaemonSet") == 0) {
		if (gen > ro_int(st, "observedGeneration")) {
			buf_adds(msg, "Waiting for daemon set spec update to be "
			    "observed...\n");
			return 0;
		}
		if (ro_int(st, "updatedNumberScheduled") <
		    ro_int(st, "desiredNumberScheduled"))
			buf_addf(msg, "Waiting for daemon set \"%s\" rollout to "
			    "finish: %lld out of %lld new pods have been "
			    "updated...\n", name, ro_int(st,
			    "updatedNumberScheduled"), ro_int(st,
			    "desiredNumberScheduled"));
		else if (ro_int(st, "numberAvailable") <
		    ro_int(st, "desiredNumberScheduled"))
			buf_addf(msg, "Waiting for daemon set \"%s\" rollout to "
			    "finish: %lld of %lld updated pods are "
			    "available...\n", name, ro_int(st,
			    "numberAvailable"), ro_int(st,
			    "desiredNumberScheduled"));
		else {
			buf_addf(msg, "daemon set \"%s\" successfully rolled "
			    "out\n", name);
			return 1;
		}
		return 0;
	}
	if (strcmp(kind, "StatefulSet") == 0) {
		if (gen > ro_int(st, "observedGeneration") ||
		    json_object_get(st, "observedGeneration") == NULL) {
			buf_adds(msg, "Waiting for statefulset spec update to be "
			    "observed...\n");
			return 0;
		}
		if (ro_int(st, "readyReplicas") < want) {
			buf_addf(msg, "Waiting for %lld pods to be ready...\n",
			    want - ro_int(st, "readyReplicas"));
			return 0;
		}
		if (strcmp(json_string_value(json_object_get(json_object_get(
		    spec, "updateStrategy"), "type")) ?: "RollingUpdate",
		    "RollingUpdate") == 0 && strcmp(json_string_value(
		    json_object_get(st, "updateRevision")) ?: "",
		    json_string_value(json_object_get(st, "currentRevision")) ?:
		    "") != 0) {
			buf_addf(msg, "waiting for statefulset rolling update to "
			    "complete %lld pods at revision %s...\n", ro_int(st,
			    "updatedReplicas"), json_string_value(
			    json_object_get(st, "updateRevision")) ?: "");
			return 0;
		}
		buf_addf(msg, "partitioned roll out complete: %lld new pods have "
		    "been updated...\n", ro_int(st, "updatedReplicas"));
		if (ro_int(st, "updatedReplicas") >= want) {
			buf_reset(msg);
			buf_addf(msg, "statefulset rolling update complete %lld "
			    "pods at revision %s...\n", ro_int(st,
			    "currentReplicas") ? ro_int(st, "currentReplicas") :
			    want, json_string_value(json_object_get(st,
			    "currentRevision")) ?: "");
		}
		return 1;
	}
	buf_addf(msg, "no status viewer has been implemented for %s", kind);
	return -1;
}

static int
ro_wait(struct cli *c, const struct target *t)
{
	const char *to = opt_str(&c->o, "timeout"), *w = opt_str(&c->o,
	    "watch");
	long limit = to ? cli_duration(to) : 0;
	time_t end = time(NULL) + limit;
	struct buf path = BUF_INIT(8192), msg = BUF_INIT(4096),
	    last = BUF_INIT(4096);
	int rc = 1;

	if (limit < 0) {
		cli_fail(c, "invalid argument \"%s\" for \"--timeout\" flag",
		    to);
		goto done;
	}
	target_path(t, &path);
	for (;;) {
		json_t *obj = NULL;
		struct err err;
		int done;

		err_clear(&err);
		if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
			cli_error(c, &err);
			break;
		}
		buf_reset(&msg);
		done = ro_status(obj, t->res->kind, t->name, &msg);
		json_decref(obj);
		if (done < 0) {
			cli_fail(c, "%s", buf_str(&msg));
			break;
		}
		if (strcmp(buf_str(&msg), buf_str(&last)) != 0) {
			fputs(buf_str(&msg), c->out);
			fflush(c->out);
			buf_reset(&last);
			buf_adds(&last, buf_str(&msg));
		}
		if (done || (w != NULL && strcmp(w, "false") == 0)) {
			rc = 0;
			break;
		}
		if (limit > 0 && time(NULL) >= end) {
			cli_fail(c, "timed out waiting for the condition");
			break;
		}
		usleep(ROLLOUT_POLL_US);
	}
done:
	buf_release(&path);
	buf_release(&msg);
	buf_release(&last);
	return rc;
}

/* restart, pause, resume: a merge patch of the workload. */
static int
ro_patch(struct cli *c, const struct target *t, const char *sub)
{
	struct buf path = BUF_INIT(8192), kind = BUF_INIT(256);
	json_t *patch, *cur = NULL;
	struct err err;
	int rc = 0;

	err_clear(&err);
	target_path(t, &path);
	res_kind_name(t->res, &kind);
	if (strcmp(sub, "restart") == 0) {
		char now[64];
		time_t s = time(NULL);
		struct tm tm;

		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&s,
		    &tm));
		patch = json_pack("{s:{s:{s:{s:{s:s}}}}}", "spec", "template",
		    "metadata", "annotations",
		    "kubectl.kubernetes.io/restartedAt", now);
	} else {
		int pause = strcmp(sub, "pause") == 0;

		if (cli_get_json(c, buf_str(&path), &cur, &err) < 0) {
			rc = cli_error(c, &err);
			goto out;
		}
		if (json_is_true(json_object_get(json_object_get(cur, "spec"),
		    "paused")) == pause) {
			rc = cli_fail(c, "%s%s%s \"%s\" is %s", t->res->name,
			    t->res->group[0] ? "." : "", t->res->group,
			    t->name, pause ? "already paused" : "not paused");
			goto out;
		}
		patch = json_pack("{s:{s:b}}", "spec", "paused", pause);
	}
	if (rest_do(c->rest, "PATCH", buf_str(&path),
	    "application/strategic-merge-patch+json", patch, NULL, &err) < 0)
		rc = cli_error(c, &err);
	else
		fprintf(c->out, "%s/%s %s\n", buf_str(&kind), t->name,
		    strcmp(sub, "restart") == 0 ? "restarted" :
		    strcmp(sub, "pause") == 0 ? "paused" : "resumed");
	json_decref(patch);
out:
	json_decref(cur);
	buf_release(&path);
	buf_release(&kind);
	return rc;
}

/* Whether two pod templates are the same but for pod-template-hash. */
static int
ro_same_template(const json_t *a, const json_t *b)
{
	json_t *x = json_deep_copy(a), *y = json_deep_copy(b);
	int eq;

	json_object_del(json_object_get(json_object_get(x, "metadata"),
	    "labels"), RO_HASH);
	json_object_del(json_object_get(json_object_get(y, "metadata"),
	    "labels"), RO_HASH);
	eq = json_equal(x, y);
	json_decref(x);
	json_decref(y);
	return eq;
}

static const char *
ro_uid(const json_t *o)
{
	return json_string_value(json_object_get(json_object_get(o,
	    "metadata"), "uid")) ?: "";
}

/* Whether obj's controller is owner. */
static int
ro_controlled(const json_t *obj, const json_t *owner)
{
	const json_t *ref;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(obj, "metadata"),
	    "ownerReferences"), i, ref)
		if (json_is_true(json_object_get(ref, "controller")))
			return strcmp(json_string_value(json_object_get(ref,
			    "uid")) ?: "", ro_uid(owner)) == 0;
	return 0;
}

/* The objects of kind (replicasets, controllerrevisions) in the owner's
 * namespace that its selector picks and it controls. */
static json_t *
ro_owned(struct cli *c, const json_t *owner, const char *ns,
    const char *resource, struct err *err)
{
	struct selector *sel = NULL;
	struct buf path = BUF_INIT(8192), s = BUF_INIT(4096);
	json_t *list = NULL, *out = NULL, *it;
	size_t i;

	if (selector_from_json(json_object_get(json_object_get(owner, "spec"),
	    "selector"), &sel, err) < 0)
		return NULL;
	selector_string(sel, &s);
	buf_addf(&path, "/apis/apps/v1/namespaces/%s/%s", ns, resource);
	if (s.len > 0)
		cli_query_arg(&path, "labelSelector", buf_str(&s));
	if (cli_get_json(c, buf_str(&path), &list, err) == 0) {
		out = json_array();
		json_array_foreach(json_object_get(list, "items"), i, it)
			if (ro_controlled(it, owner))
				json_array_append(out, it);
	}
	selector_free(sel);
	json_decref(list);
	buf_release(&path);
	buf_release(&s);
	return out;
}

/* A Deployment's ReplicaSets: the old ones, then the new one. */
static json_t *
ro_deploy_rss(struct cli *c, const json_t *d, const char *ns,
    struct err *err)
{
	json_t *rss = ro_owned(c, d, ns, "replicasets", err), *rs,
	    *tmpl = json_object_get(json_object_get(d, "spec"), "template"),
	    *out, *newrs = NULL;
	size_t i;

	if (rss == NULL)
		return NULL;
	/* the oldest with the Deployment's template is the new one */
	json_array_foreach(rss, i, rs) {
		const char *t = json_string_value(json_object_get(
		    json_object_get(rs, "metadata"), "creationTimestamp")) ?: "";

		if (!ro_same_template(json_object_get(json_object_get(rs,
		    "spec"), "template"), tmpl))
			continue;
		if (newrs == NULL || strcmp(t, json_string_value(
		    json_object_get(json_object_get(newrs, "metadata"),
		    "creationTimestamp")) ?: "") < 0)
			newrs = rs;
	}
	out = json_array();
	json_array_foreach(rss, i, rs)
		if (rs != newrs)
			json_array_append(out, rs);
	if (newrs != NULL)
		json_array_append(out, newrs);
	json_decref(rss);
	return out;
}

/* A ReplicaSet's revision (0 without the annotation); -1 when it is not
 * a number. */
static long long
ro_rs_revision(const json_t *rs)
{
	const char *v = json_string_value(json_object_get(json_object_get(
	    json_object_get(rs, "metadata"), "annotations"), RO_REVISION));
	char *end;
	long long n;

	if (v == NULL)
		return 0;
	n = strtoll(v, &end, 10);
	return *v == '\0' || *end != '\0' ? -1 : n;
}

static long long
ro_cr_revision(const json_t *cr)
{
	return (long long)json_integer_value(json_object_get(cr, "revision"));
}

static int
ro_by_revision(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* history: "REVISION  CHANGE-CAUSE" and a line per revision. */
static int
ro_history(struct cli *c, const struct target *t)
{
	const char *rev = opt_str(&c->o, "revision");
	struct buf path = BUF_INIT(8192), kind = BUF_INIT(256),
	    tab = BUF_INIT((size_t)1 << 20);
	json_t *obj = NULL, *hist = NULL, *h, *causes = json_object();
	long long *revs = NULL, want = rev ? atoll(rev) : 0;
	int deploy = strcmp(t->res->kind, "Deployment") == 0, rc = 0;
	size_t i, n = 0;
	struct err err;

	err_clear(&err);
	target_path(t, &path);
	res_kind_name(t->res, &kind);
	if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
		rc = cli_error(c, &err);
		goto out;
	}
	hist = deploy ? ro_deploy_rss(c, obj, t->ns, &err) :
	    ro_owned(c, obj, t->ns, "controllerrevisions", &err);
	if (hist == NULL) {
		err_wrap(&err, deploy ? "failed to retrieve replica sets from "
		    "deployment %s" : "unable to find history controlled by "
		    "%s %s", deploy ? t->name : t->res->kind, t->name);
		rc = cli_fail(c, "%s", err.msg);
		goto out;
	}
	revs = calloc(json_array_size(hist) + 1, sizeof *revs);
	/* by revision, the last of a number winning (a map in kubectl) */
	json_array_foreach(hist, i, h) {
		long long r = deploy ? ro_rs_revision(h) : ro_cr_revision(h);
		const char *cause = json_string_value(json_object_get(
		    json_object_get(json_object_get(h, "metadata"),
		    "annotations"), RO_CAUSE));
		char key[32];
		int seen = 0;

		if (r < 0)
			continue;
		snprintf(key, sizeof key, "%lld", r);
		for (size_t k = 0; k < n; k++)
			seen |= revs[k] == r;
		if (!seen)
			revs[n++] = r;
		json_object_set_new(causes, key, json_string(cause ? cause :
		    ""));
	}
	qsort(revs, n, sizeof *revs, ro_by_revision);
	if (want > 0) {
		/* the template of one revision: not described here */
		int found = 0;

		for (size_t k = 0; k < n; k++)
			found |= revs[k] == want;
		rc = cli_fail(c, found ? "--revision: describing a revision's "
		    "pod template is not supported by kubec" : "unable to find "
		    "the specified revision");
		goto out;
	}
	if (n == 0) {
		buf_adds(&tab, "No rollout history found.");
	} else {
		buf_adds(&tab, "REVISION\tCHANGE-CAUSE\n");
		for (size_t k = 0; k < n; k++) {
			char key[32];
			const char *cause;

			snprintf(key, sizeof key, "%lld", revs[k]);
			cause = json_string_value(json_object_get(causes, key));
			buf_addf(&tab, "%lld\t%s\n", revs[k], cause && cause[0] ?
			    cause : "<none>");
		}
	}
	fprintf(c->out, "%s/%s \n", buf_str(&kind), t->name);
	if (n == 0)
		fprintf(c->out, "%s\n", buf_str(&tab));
	else
		print_tabbed(c->out, buf_str(&tab), 2);
	fputc('\n', c->out);
out:
	free(revs);
	json_decref(causes);
	json_decref(hist);
	json_decref(obj);
	buf_release(&path);
	buf_release(&kind);
	buf_release(&tab);
	return rc;
}

/* The annotations a rollback keeps from the Deployment, not from the
 * ReplicaSet. */
static int
ro_skip_annotation(const char *k)
{
	static const char *const skip[] = {
		"kubectl.kubernetes.io/last-applied-configuration",
		RO_REVISION, "deployment.kubernetes.io/revision-history",
		"deployment.kubernetes.io/desired-replicas",
		"deployment.kubernetes.io/max-replicas",
		"deprecated.deployment.rollback.to",
	};

	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (strcmp(k, skip[i]) == 0)
			return 1;
	return 0;
}

/* undo of a Deployment: the result ("rolled back", "skipped ...") into
 * msg, or -1 with the error there. */
static int
ro_undo_deploy(struct cli *c, const struct target *t, json_t *d,
    long long to, int dry, struct buf *msg)
{
	json_t *rss, *rs, *target = NULL, *latest = NULL, *tmpl, *ann,
	    *patch, *v;
	long long lrev = -1, prev = -1;
	struct buf path = BUF_INIT(8192);
	const char *k;
	struct err err;
	size_t i;
	int rc = -1;

	err_clear(&err);
	if ((rss = ro_deploy_rss(c, d, t->ns, &err)) == NULL) {
		buf_addf(msg, "failed to retrieve replica sets from deployment "
		    "%s: %s", t->name, err.msg);
		return -1;
	}
	json_array_foreach(rss, i, rs) {
		long long r = ro_rs_revision(rs);

		if (r < 0)
			continue;
		if (to == 0) {
			if (lrev < r) {
				prev = lrev;
				target = latest;
				lrev = r;
				latest = rs;
			} else if (prev < r) {
				prev = r;
				target = rs;
			}
		} else if (to == r) {
			target = rs;
			break;
		}
	}
	if (to > 0 && (target == NULL || ro_rs_revision(target) != to)) {
		buf_addf(msg, "unable to find specified revision %lld in history",
		    to);
		goto out;
	}
	if (target == NULL) {
		buf_addf(msg, "no rollout history found for deployment \"%s\"",
		    t->name);
		goto out;
	}
	if (dry == 1) {
		buf_adds(msg, "--dry-run=client: describing the pod template "
		    "to roll back to is not supported by kubec");
		goto out;
	}
	if (json_is_true(json_object_get(json_object_get(d, "spec"),
	    "paused"))) {
		buf_adds(msg, "you cannot rollback a paused deployment; resume "
		    "it first with 'kubec rollout resume' and try again");
		goto out;
	}
	tmpl = json_deep_copy(json_object_get(json_object_get(target, "spec"),
	    "template"));
	if (ro_same_template(tmpl, json_object_get(json_object_get(d, "spec"),
	    "template"))) {
		buf_addf(msg, "skipped rollback (current template already "
		    "matches revision %lld)", to);
		json_decref(tmpl);
		rc = 0;
		goto out;
	}
	json_object_del(json_object_get(json_object_get(tmpl, "metadata"),
	    "labels"), RO_HASH);
	ann = json_object();
	json_object_foreach(json_object_get(json_object_get(d, "metadata"),
	    "annotations"), k, v)
		if (ro_skip_annotation(k))
			json_object_set(ann, k, v);
	json_object_foreach(json_object_get(json_object_get(target,
	    "metadata"), "annotations"), k, v)
		if (!ro_skip_annotation(k))
			json_object_set(ann, k, v);
	patch = json_pack("[{s:s, s:s, s:o}, {s:s, s:s, s:o}]", "op",
	    "replace", "path", "/spec/template", "value", tmpl, "op",
	    "replace", "path", "/metadata/annotations", "value", ann);
	target_path(t, &path);
	if (dry == 2)
		buf_adds(&path, "?dryRun=All");
	if (rest_do(c->rest, "PATCH", buf_str(&path),
	    "application/json-patch+json", patch, NULL, &err) < 0)
		buf_addf(msg, "failed restoring revision %lld: %s", to, err.msg);
	else {
		buf_adds(msg, "rolled back");
		rc = 0;
	}
	json_decref(patch);
out:
	json_decref(rss);
	buf_release(&path);
	return rc;
}

/* The template as kubectl's getDaemonSetPatch and getStatefulSetPatch
 * make it, {"spec":{"template":{...,"$patch":"replace"}}}, after Go's
 * typed round trip: a null creationTimestamp, every container's
 * resources (a struct, never omitted). */
static json_t *
ro_typed_patch(const json_t *template)
{
	json_t *t = json_deep_copy(template), *meta, *ctr;
	static const char *const lists[] = { "initContainers", "containers" };
	size_t i;

	if (!json_is_object(t))
		t = json_object();
	if (!json_is_object(json_object_get(t, "metadata")))
		json_object_set_new(t, "metadata", json_object());
	meta = json_object_get(t, "metadata");
	if (json_object_get(meta, "creationTimestamp") == NULL)
		json_object_set_new(meta, "creationTimestamp", json_null());
	for (int l = 0; l < 2; l++)
		json_array_foreach(json_object_get(json_object_get(t, "spec"),
		    lists[l]), i, ctr)
			if (json_object_get(ctr, "resources") == NULL)
				json_object_set_new(ctr, "resources",
				    json_object());
	json_object_set_new(t, "$patch", json_string("replace"));
	return json_pack("{s:{s:o}}", "spec", "template", t);
}

/* kubectl compares the bytes of Go's JSON (keys sorted). */
static int
ro_same_json(const json_t *a, const json_t *b)
{
	char *x = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS),
	    *y = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
	int eq = x != NULL && y != NULL && strcmp(x, y) == 0;

	free(x);
	free(y);
	return eq;
}

/* undo of a DaemonSet or StatefulSet through its ControllerRevisions. */
static int
ro_undo_revisions(struct cli *c, const struct target *t, json_t *obj,
    long long to, int dry, struct buf *msg)
{
	json_t *hist, *h, *target = NULL, *cur;
	struct buf path = BUF_INIT(8192);
	struct err err;
	size_t i, n;
	int rc = -1;

	err_clear(&err);
	if ((hist = ro_owned(c, obj, t->ns, "controllerrevisions", &err)) ==
	    NULL) {
		buf_addf(msg, "unable to find history controlled by %s %s: %s",
		    t->res->kind, t->name, err.msg);
		return -1;
	}
	n = json_array_size(hist);
	if (to == 0 && n <= 1) {
		buf_adds(msg, "no last revision to roll back to");
		goto out;
	}
	if (to == 0) {
		/* the second highest revision */
		json_t *best = NULL, *second = NULL;

		json_array_foreach(hist, i, h) {
			if (best == NULL || ro_cr_revision(h) >
			    ro_cr_revision(best)) {
				second = best;
				best = h;
			} else if (second == NULL || ro_cr_revision(h) >
			    ro_cr_revision(second)) {
				second = h;
			}
		}
		target = second;
	} else {
		json_array_foreach(hist, i, h)
			if (ro_cr_revision(h) == to) {
				target = h;
				break;
			}
	}
	if (target == NULL) {
		buf_addf(msg, "unable to find specified revision %lld in history",
		    to);
		goto out;
	}
	if (dry == 1) {
		buf_adds(msg, "--dry-run=client: describing the pod template "
		    "to roll back to is not supported by kubec");
		goto out;
	}
	cur = ro_typed_patch(json_object_get(json_object_get(obj, "spec"),
	    "template"));
	if (ro_same_json(cur, json_object_get(target, "data"))) {
		buf_addf(msg, "skipped rollback (current template already "
		    "matches revision %lld)", to);
		json_decref(cur);
		rc = 0;
		goto out;
	}
	json_decref(cur);
	target_path(t, &path);
	if (dry == 2)
		buf_adds(&path, "?dryRun=All");
	if (rest_do(c->rest, "PATCH", buf_str(&path),
	    "application/strategic-merge-patch+json", json_object_get(target,
	    "data"), NULL, &err) < 0)
		buf_addf(msg, "failed restoring revision %lld: %s", to, err.msg);
	else {
		buf_adds(msg, "rolled back");
		rc = 0;
	}
out:
	json_decref(hist);
	buf_release(&path);
	return rc;
}

static int
ro_undo(struct cli *c, const struct target *t, int dry)
{
	const char *to = opt_str(&c->o, "to-revision");
	struct buf path = BUF_INIT(8192), kind = BUF_INIT(256),
	    msg = BUF_INIT(65536);
	long long rev = to ? atoll(to) : 0;
	json_t *obj = NULL;
	struct err err;
	int rc = 0;

	err_clear(&err);
	target_path(t, &path);
	res_kind_name(t->res, &kind);
	if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
		rc = cli_error(c, &err);
		goto out;
	}
	if (rev < 0)
		buf_addf(&msg, "unable to find specified revision %lld in "
		    "history", rev);
	if (rev < 0 || (strcmp(t->res->kind, "Deployment") == 0 ?
	    ro_undo_deploy(c, t, obj, rev, dry, &msg) :
	    ro_undo_revisions(c, t, obj, rev, dry, &msg)) < 0)
		rc = cli_fail(c, "%s", buf_str(&msg));
	else
		fprintf(c->out, "%s/%s %s%s\n", buf_str(&kind), t->name,
		    buf_str(&msg), dry == 2 ? " (server dry run)" : "");
out:
	json_decref(obj);
	buf_release(&path);
	buf_release(&kind);
	buf_release(&msg);
	return rc;
}

/* The kinds kubectl's history and rollback visitors know (those without
 * a viewer say so; the others have "no visitor method"). */
static int
ro_visited_kind(const struct api_res *r)
{
	static const char *const kinds[][2] = {
		{ "apps", "Deployment" }, { "apps", "StatefulSet" },
		{ "apps", "DaemonSet" }, { "apps", "ReplicaSet" },
		{ "batch", "Job" }, { "batch", "CronJob" }, { "", "Pod" },
		{ "", "ReplicationController" },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(r->group, kinds[i][0]) == 0 && strcmp(r->kind,
		    kinds[i][1]) == 0)
			return 1;
	return 0;
}

static int
rollout_exec(struct cli *c, int argc, char **argv)
{
	static const char *const subs[] = { "status", "restart", "pause",
	    "resume", "history", "undo", NULL };
	struct targets ts = { 0 };
	const char *sub = argc > 0 ? argv[0] : "",
	    *dry = opt_str(&c->o, "dry-run");
	int rc = 0, ok = 0, dr = 0;

	for (int i = 0; subs[i] != NULL; i++)
		ok |= strcmp(sub, subs[i]) == 0;
	if (!ok)
		return cli_usage_error(c, "rollout", "a subcommand is required: "
		    "status, restart, pause, resume, history or undo");
	if (dry != NULL && strcmp(dry, "client") == 0)
		dr = 1;
	else if (dry != NULL && strcmp(dry, "server") == 0)
		dr = 2;
	else if (dry != NULL && strcmp(dry, "none") != 0)
		return cli_fail(c, "Invalid dry-run value (%s). Must be "
		    "\"none\", \"server\", or \"client\".", dry);
	if ((strcmp(sub, "history") == 0 || strcmp(sub, "undo") == 0) &&
	    argc == 1 && opt_str(&c->o, "filename") == NULL)
		return cli_fail(c, "required resource not specified");
	if ((rc = targets_collect(c, "rollout", argc - 1, argv + 1, &ts)) != 0)
		goto out;
	for (size_t i = 0; i < ts.n; i++) {
		const char *k = ts.t[i].res->kind;

		if (strcmp(k, "Deployment") != 0 && strcmp(k,
		    "StatefulSet") != 0 && strcmp(k, "DaemonSet") != 0) {
			if (strcmp(sub, "history") == 0 || strcmp(sub,
			    "undo") == 0) {
				/* kubectl reads the object first */
				struct buf p = BUF_INIT(8192);
				json_t *o = NULL;
				struct err err;

				err_clear(&err);
				target_path(&ts.t[i], &p);
				if (cli_get_json(c, buf_str(&p), &o, &err) < 0) {
					rc |= cli_error(c, &err);
					buf_release(&p);
					continue;
				}
				json_decref(o);
				buf_release(&p);
			}
			if ((strcmp(sub, "history") == 0 || strcmp(sub,
			    "undo") == 0) && ro_visited_kind(ts.t[i].res))
				rc |= cli_fail(c, "no %s has been implemented for "
				    "\"%s%s%s\"", sub[0] == 'h' ? "history viewer" :
				    "rollbacker", k, ts.t[i].res->group[0] ? "." :
				    "", ts.t[i].res->group);
			else if (strcmp(sub, "history") == 0 || strcmp(sub,
			    "undo") == 0)
				rc |= cli_fail(c, "error retrieving %s for "
				    "\"%s%s%s\", no visitor method exists for "
				    "{%s %s}", sub[0] == 'h' ? "history" :
				    "rollbacker", k, ts.t[i].res->group[0] ? "." :
				    "", ts.t[i].res->group, ts.t[i].res->group, k);
			else
				rc |= cli_fail(c, "no %s has been implemented "
				    "for %s", strcmp(sub, "status") == 0 ?
				    "status viewer" : "rollout", k);
			continue;
		}
		if (strcmp(sub, "status") == 0)
			rc |= ro_wait(c, &ts.t[i]);
		else if (strcmp(sub, "history") == 0)
			rc |= ro_history(c, &ts.t[i]);
		else if (strcmp(sub, "undo") == 0)
			rc |= ro_undo(c, &ts.t[i], dr);
		else
			rc |= ro_patch(c, &ts.t[i], sub);
	}
out:
	targets_release(&ts);
	return rc;
}

const struct cmd_entry cmd_rollout_entry = {
	.name = "rollout",
	.summary = "Manage the rollout of a resource",
	.usage = "kubec rollout (status|restart|pause|resume|history|undo) "
	    "(TYPE NAME | TYPE/NAME | -f FILENAME) [--revision=N] "
	    "[--to-revision=N]",
	.opts = rollout_opts,
	.exec = rollout_exec,
};
