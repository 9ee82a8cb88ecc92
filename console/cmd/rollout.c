/* rollout.c - kubec rollout: status (kubectl's messages for Deployments,
 * StatefulSets and DaemonSets until the rollout is done), restart (a new
 * restartedAt annotation on the pod template), pause and resume. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../console.h"

#define ROLLOUT_POLL_US	200000

static const struct opt_def rollout_opts[] = {
	{ "timeout", 0, 1, "status: how long to wait (0: for ever)" },
	{ "watch", 'w', 0, "status: wait until done (default true; "
	    "--watch=false: once)" },
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
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

static int
rollout_exec(struct cli *c, int argc, char **argv)
{
	static const char *const subs[] = { "status", "restart", "pause",
	    "resume", NULL };
	struct targets ts = { 0 };
	const char *sub = argc > 0 ? argv[0] : "";
	int rc = 0, ok = 0;

	for (int i = 0; subs[i] != NULL; i++)
		ok |= strcmp(sub, subs[i]) == 0;
	if (!ok)
		return cli_usage_error(c, "rollout", "a subcommand is required: "
		    "status, restart, pause or resume");
	if ((rc = targets_collect(c, "rollout", argc - 1, argv + 1, &ts)) != 0)
		goto out;
	for (size_t i = 0; i < ts.n; i++) {
		const char *k = ts.t[i].res->kind;

		if (strcmp(k, "Deployment") != 0 && strcmp(k,
		    "StatefulSet") != 0 && strcmp(k, "DaemonSet") != 0) {
			rc |= cli_fail(c, "no %s has been implemented for %s",
			    strcmp(sub, "status") == 0 ? "status viewer" :
			    "rollout", k);
			continue;
		}
		if (strcmp(sub, "status") == 0)
			rc |= ro_wait(c, &ts.t[i]);
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
	.usage = "kubec rollout (status|restart|pause|resume) "
	    "(TYPE NAME | TYPE/NAME | -f FILENAME)",
	.opts = rollout_opts,
	.exec = rollout_exec,
};
