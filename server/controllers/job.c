/* job.c - kube-controller-manager's Job controller, with the TTL-after-
 * finished controller's part: runs a Job's pods to completion.
 *
 * Keys are "namespace/name" of Jobs; a Job is looked at when it or one of
 * its pods changes, and when a backoff, its deadline or its TTL is due.
 *  - Pods are made from the template (with the job-tracking finalizer,
 *    and in Indexed mode the completion index as annotation, label,
 *    hostname and JOB_COMPLETION_INDEX) up to parallelism, and no more
 *    than the completions still missing; after failures the next pods
 *    wait 10 s, doubling up to 6 minutes, as upstream's pod backoff.
 *  - Finished pods are counted as upstream does it: their uids go into
 *    status.uncountedTerminatedPods, then their finalizer goes, then they
 *    move into succeeded/failed, so no pod is counted twice or lost.
 *  - The Job completes (Complete, completionTime, a Completed event) with
 *    completions successes (for each index when Indexed; for a Job
 *    without completions, with the first success once nothing runs), and
 *    fails (Failed, reason BackoffLimitExceeded or DeadlineExceeded, its
 *    pods deleted) past backoffLimit failures or activeDeadlineSeconds.
 *  - suspend deletes its pods (Suspended); ttlSecondsAfterFinished
 *    deletes a finished Job and its pods that long after it finished.
 *  - The pods of a deleted Job lose their tracking finalizer (a key
 *    "uid:<its uid>"), so that their deletion by the garbage collector
 *    completes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "../recorder.h"
#include "controllers.h"
#include "podutil.h"

#define JOB_COMPONENT	"job-controller"
#define JOB_FINALIZER	"batch.kubernetes.io/job-tracking"
#define JOB_INDEX	"batch.kubernetes.io/job-completion-index"
#define JOB_BACKOFF	10	/* seconds after the first failure */
#define JOB_BACKOFF_MAX	360
#define JOB_BURST	500
#define JOB_GONE	"uid:"	/* a key: the pods of a deleted Job's uid */

struct job_state {
	const struct registry_kind *jobs_k, *pods_k;
	struct ctl_owned pods;
};

static const char *
job_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const json_t *
job_get(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return b != NULL ? json_object_get(v, b) : v;
}

static const char *
job_phase(const json_t *pod)
{
	return job_str(json_object_get(pod, "status"), "phase") ?: "";
}

/* Failed, or deleted before it succeeded (an orphan that never gets to
 * Failed counts as a failure too, as upstream's isPodFailed). */
static int
job_failed(const json_t *pod)
{
	return strcmp(job_phase(pod), "Failed") == 0 ||
	    (json_object_get(job_get(pod, "metadata", NULL),
	    "deletionTimestamp") != NULL && strcmp(job_phase(pod),
	    "Succeeded") != 0);
}

static int
job_has_finalizer(const json_t *pod)
{
	const json_t *f;
	size_t i;

	json_array_foreach(job_get(pod, "metadata", "finalizers"), i, f)
		if (json_string_value(f) && strcmp(json_string_value(f),
		    JOB_FINALIZER) == 0)
			return 1;
	return 0;
}

static const json_t *
job_condition(const json_t *job, const char *type)
{
	const json_t *c;
	size_t i;

	json_array_foreach(job_get(job, "status", "conditions"), i, c)
		if (job_str(c, "type") && strcmp(job_str(c, "type"), type) ==
		    0 && job_str(c, "status") && strcmp(job_str(c, "status"),
		    "True") == 0)
			return c;
	return NULL;
}

static int
job_finished(const json_t *job)
{
	return job_condition(job, "Complete") != NULL ||
	    job_condition(job, "Failed") != NULL;
}

/* The completion index of a pod, or -1. */
static long
job_pod_index(const json_t *pod)
{
	const char *s = job_str(job_get(pod, "metadata", "annotations"),
	    JOB_INDEX);
	char *end;
	long v;

	if (s == NULL)
		return -1;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 ? v : -1;
}

static int
job_in_list(const json_t *list, const char *uid)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (json_string_value(v) && strcmp(json_string_value(v), uid) ==
		    0)
			return 1;
	return 0;
}

/* A set of completed indexes, as "1,3-5,7". */
static void
job_indexes_string(const unsigned char *done, long n, char *out, size_t len)
{
	size_t o = 0;
	long i = 0, j;

	out[0] = '\0';
	while (i < n && o + 1 < len) {
		if (!done[i]) {
			i++;
			continue;
		}
		for (j = i; j + 1 < n && done[j + 1]; j++)
			;
		if (j == i)
			o += (size_t)snprintf(out + o, len - o, "%s%ld",
			    o ? "," : "", i);
		else
			o += (size_t)snprintf(out + o, len - o, "%s%ld-%ld",
			    o ? "," : "", i, j);
		if (o >= len)
			break;
		i = j + 1;
	}
}

/* Parses "1,3-5" into done[0..n). */
static void
job_indexes_parse(const char *s, unsigned char *done, long n)
{
	char *end;
	long a, b;

	while (s != NULL && *s != '\0') {
		a = strtol(s, &end, 10);
		b = a;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		for (long i = a; i <= b && i < n; i++)
			if (i >= 0)
				done[i] = 1;
		s = *end == ',' ? end + 1 : NULL;
	}
}

static int
job_patch_pod(struct ctl *c, const struct cobj *pod, json_t *patch)
{
	char path[1024];
	struct err err;
	int rc;

	controllers_path(pod->kind, pod->ns, pod->name, path, sizeof path);
	err_clear(&err);
	rc = client_do(c->srv, "PATCH", path, NULL,
	    "application/merge-patch+json", patch, NULL, &err);
	json_decref(patch);
	return rc < 0 && err.reason != ERR_NOT_FOUND ? -1 : 0;
}

/* Takes the tracking finalizer off a pod. */
static int
job_release(struct ctl *c, const struct cobj *pod)
{
	const json_t *f;
	json_t *keep = json_array();
	size_t i;

	json_array_foreach(job_get(pod->obj, "metadata", "finalizers"), i, f)
		if (!json_string_value(f) || strcmp(json_string_value(f),
		    JOB_FINALIZER) != 0)
			json_array_append(keep, (json_t *)f);
	if (json_array_size(keep) == 0) {	/* gone, not [] */
		json_decref(keep);
		keep = json_null();
	}
	return job_patch_pod(c, pod, json_pack("{s:{s:o}}", "metadata",
	    "finalizers", keep));
}

static int
job_create(struct ctl *c, const struct cobj *job, long index, struct err *err)
{
	struct job_state *st = c->priv;
	const json_t *tmpl = job_get(job->obj, "spec", "template");
	char prefix[300], idx[32];
	json_t *pod, *meta, *out = NULL, *ctr;
	size_t i;
	int rc;

	if (index >= 0)
		snprintf(prefix, sizeof prefix, "%.40s-%ld-", job->name, index);
	else
		snprintf(prefix, sizeof prefix, "%.57s-", job->name);
	pod = podutil_from_template(tmpl, job->obj, "batch/v1", "Job", prefix,
	    1);
	if (pod == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	meta = json_object_get(pod, "metadata");
	if (!json_is_array(json_object_get(meta, "finalizers")))
		json_object_set_new(meta, "finalizers", json_array());
	json_array_append_new(json_object_get(meta, "finalizers"),
	    json_string(JOB_FINALIZER));
	if (index >= 0) {
		snprintf(idx, sizeof idx, "%ld", index);
		if (!json_is_object(json_object_get(meta, "annotations")))
			json_object_set_new(meta, "annotations",
			    json_object());
		json_object_set_new(json_object_get(meta, "annotations"),
		    JOB_INDEX, json_string(idx));
		if (!json_is_object(json_object_get(meta, "labels")))
			json_object_set_new(meta, "labels", json_object());
		json_object_set_new(json_object_get(meta, "labels"), JOB_INDEX,
		    json_string(idx));
		{
			char host[300];

			snprintf(host, sizeof host, "%.55s-%ld", job->name,
			    index);
			if (job_str(json_object_get(pod, "spec"),
			    "subdomain") != NULL)
				json_object_set_new(json_object_get(pod,
				    "spec"), "hostname", json_string(host));
		}
		json_array_foreach(job_get(pod, "spec", "containers"), i,
		    ctr) {
			if (!json_is_array(json_object_get(ctr, "env")))
				json_object_set_new(ctr, "env", json_array());
			json_array_append_new(json_object_get(ctr, "env"),
			    json_pack("{s:s, s:{s:{s:s}}}", "name",
			    "JOB_COMPLETION_INDEX", "valueFrom", "fieldRef",
			    "fieldPath", "metadata.annotations['"
			    JOB_INDEX "']"));
		}
	}
	rc = ctl_create(c, st->pods_k, job->ns, pod, &out, err);
	if (rc == 0)
		recorder_event(c->srv->recorder, job, JOB_COMPONENT, "Normal",
		    "SuccessfulCreate", "Created pod: %s",
		    podutil_meta(out, "name") ?: "");
	else
		recorder_event(c->srv->recorder, job, JOB_COMPONENT, "Warning",
		    "FailedCreate", "Error creating: %s", err->msg);
	json_decref(out);
	json_decref(pod);
	return rc;
}

static json_t *
job_cond(const char *type, const char *reason, const char *msg,
    const char *now)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", type,
	    "status", "True", "lastProbeTime", now, "lastTransitionTime", now,
	    "reason", reason, "message", msg);
}

/* The seconds a new pod waits after n failures, the last at last. */
static long
job_backoff_left(long failures, time_t last, time_t now)
{
	long wait = JOB_BACKOFF;

	if (failures <= 0 || last == 0)
		return 0;
	for (long i = 1; i < failures && wait < JOB_BACKOFF_MAX; i++)
		wait *= 2;
	if (wait > JOB_BACKOFF_MAX)
		wait = JOB_BACKOFF_MAX;
	return last + wait > now ? (long)(last + wait - now) : 0;
}

static time_t
job_finished_at(const json_t *pod)
{
	const json_t *cs;
	struct timespec ts;
	time_t t = 0;
	size_t i;

	json_array_foreach(job_get(pod, "status", "containerStatuses"), i,
	    cs) {
		const char *f = job_str(job_get(cs, "state", "terminated"),
		    "finishedAt");

		if (f != NULL && rfc3339_parse(f, &ts) == 0 && ts.tv_sec > t)
			t = ts.tv_sec;
	}
	return t;
}

/* The pods of a Job that was deleted (its uid): their tracking finalizer
 * goes, whether they ended or not, as upstream's handling of orphan pods
 * does, so that the garbage collector's deletion of them completes. */
static int
job_orphans(struct ctl *c, const char *uid)
{
	struct job_state *st = c->priv;
	const char *owner;
	struct cobj *pod;
	char **keys;
	size_t n = 0, i;
	int rc = 0;

	keys = ctl_owned_keys(&st->pods, uid, &n);
	for (i = 0; i < n; i++) {
		if ((pod = ctl_get(c, st->pods_k, keys[i])) == NULL)
			continue;
		owner = json_string_value(json_object_get(
		    podutil_controller_ref(pod->obj), "uid"));
		if (owner != NULL && strcmp(owner, uid) == 0 &&
		    job_has_finalizer(pod->obj) && job_release(c, pod) < 0)
			rc = -1;
		cobj_unref(pod);
	}
	multimap_free_values(keys, n);
	return rc;
}

static int
job_sync(struct ctl *c, const char *key)
{
	struct job_state *st = c->priv;
	struct cobj *job, **pods = NULL;
	const json_t *spec, *ost, *unc;
	json_t *status = NULL, *conds, *nsucc, *nfail;
	size_t n = 0, i;
	long parallelism, completions = -1, succeeded, failed, active = 0,
	    ready = 0, want, backoff_limit, deadline, made, left, recheck = 0,
	    ncomp;
	time_t now = time(NULL), started = 0, last_fail = 0;
	char nowstr[64], idxs[4096];
	unsigned char *done = NULL, *running = NULL;
	struct timespec ts;
	struct err err;
	int indexed, suspended, rc = 0, finished;

	if (strncmp(key, JOB_GONE, strlen(JOB_GONE)) == 0)
		return job_orphans(c, key + strlen(JOB_GONE));
	if ((job = ctl_get(c, st->jobs_k, key)) == NULL)
		return 0;
	rfc3339_format(now, nowstr, sizeof nowstr);
	spec = json_object_get(job->obj, "spec");
	ost = json_object_get(job->obj, "status");
	finished = job_finished(job->obj);
	pods = ctl_owned_objs(c, &st->pods, st->pods_k, job->obj, &n);
	/* a finished Job: only its TTL, and pods still to release */
	if (finished) {
		for (i = 0; i < n; i++)
			if (job_has_finalizer(pods[i]->obj) &&
			    !podutil_active(pods[i]->obj))
				job_release(c, pods[i]);
		if (json_is_integer(json_object_get(spec,
		    "ttlSecondsAfterFinished"))) {
			const char *ft = job_str(job_condition(job->obj,
			    "Complete") ? job_condition(job->obj, "Complete") :
			    job_condition(job->obj, "Failed"),
			    "lastTransitionTime");
			long ttl = (long)json_integer_value(json_object_get(
			    spec, "ttlSecondsAfterFinished"));

			if (ft != NULL && rfc3339_parse(ft, &ts) == 0) {
				if (ts.tv_sec + ttl <= now) {
					err_clear(&err);
					if (ctl_delete(c, job, "Background",
					    &err) < 0)
						rc = -1;
				} else {
					ctl_enqueue_after(c, key, (ts.tv_sec +
					    ttl - now) * 1000 + 100);
				}
			}
		}
		goto out;
	}
	if (json_object_get(job_get(job->obj, "metadata", NULL),
	    "deletionTimestamp") != NULL)
		goto out;
	indexed = job_str(spec, "completionMode") &&
	    strcmp(job_str(spec, "completionMode"), "Indexed") == 0;
	suspended = json_is_true(json_object_get(spec, "suspend"));
	parallelism = (long)json_integer_value(json_object_get(spec,
	    "parallelism"));
	if (json_is_integer(json_object_get(spec, "completions")))
		completions = (long)json_integer_value(json_object_get(spec,
		    "completions"));
	backoff_limit = json_is_integer(json_object_get(spec, "backoffLimit"))
	    ? (long)json_integer_value(json_object_get(spec, "backoffLimit"))
	    : 6;
	deadline = json_is_integer(json_object_get(spec,
	    "activeDeadlineSeconds")) ? (long)json_integer_value(
	    json_object_get(spec, "activeDeadlineSeconds")) : -1;
	succeeded = (long)json_integer_value(json_object_get(ost,
	    "succeeded"));
	failed = (long)json_integer_value(json_object_get(ost, "failed"));
	if (job_str(ost, "startTime") != NULL &&
	    rfc3339_parse(job_str(ost, "startTime"), &ts) == 0)
		started = ts.tv_sec;
	ncomp = completions > 0 ? completions : 1;
	done = calloc((size_t)ncomp + 1, 1);
	running = calloc((size_t)ncomp + 1, 1);
	if (done == NULL || running == NULL) {
		rc = -1;
		goto out;
	}
	if (indexed)
		job_indexes_parse(job_str(ost, "completedIndexes"), done,
		    ncomp);

	/* 1. counting: uncounted uids whose pods were released go into
	 * the counters; finished pods still tracked become uncounted */
	status = json_deep_copy(ost);
	if (!json_is_object(status)) {
		json_decref(status);
		status = json_object();
	}
	unc = json_object_get(ost, "uncountedTerminatedPods");
	nsucc = json_array();
	nfail = json_array();
	for (i = 0; i < n; i++) {
		const json_t *p = pods[i]->obj;
		const char *uid = podutil_meta(p, "uid") ?: "";
		const char *ph = job_phase(p);
		int ok = strcmp(ph, "Succeeded") == 0, bad = job_failed(p);

		if (bad && job_finished_at(p) > last_fail)
			last_fail = job_finished_at(p);
		if (!ok && !bad) {
			active++;
			ready += podutil_ready(p);
			if (indexed && job_pod_index(p) >= 0 &&
			    job_pod_index(p) < ncomp)
				running[job_pod_index(p)] = 1;
			continue;
		}
		if (!job_has_finalizer(p))
			continue;	/* counted before */
		if (job_in_list(json_object_get(unc, ok ? "succeeded" :
		    "failed"), uid)) {
			/* recorded: now the finalizer goes */
			if (job_release(c, pods[i]) < 0)
				rc = -1;
			continue;
		}
		json_array_append_new(ok ? nsucc : nfail, json_string(uid));
	}
	/* uids recorded before whose finalizer is gone: count them */
	{
		const json_t *v;
		json_t *keep_s = json_array(), *keep_f = json_array();
		size_t j;
		int k;

		for (k = 0; k < 2; k++) {
			json_array_foreach(json_object_get(unc, k ?
			    "failed" : "succeeded"), j, v) {
				const char *uid = json_string_value(v);
				struct cobj *p = NULL;

				for (i = 0; uid && i < n; i++)
					if (strcmp(podutil_meta(pods[i]->obj,
					    "uid") ?: "", uid) == 0)
						p = pods[i];
				if (p != NULL && job_has_finalizer(p->obj)) {
					json_array_append(k ? keep_f : keep_s,
					    (json_t *)v);
					continue;
				}
				if (k)
					failed++;
				else {
					succeeded++;
					if (indexed && p != NULL &&
					    job_pod_index(p->obj) >= 0 &&
					    job_pod_index(p->obj) < ncomp)
						done[job_pod_index(p->obj)] = 1;
				}
			}
		}
		json_array_extend(keep_s, nsucc);
		json_array_extend(keep_f, nfail);
		json_decref(nsucc);
		json_decref(nfail);
		if (json_array_size(keep_s) || json_array_size(keep_f))
			json_object_set_new(status, "uncountedTerminatedPods",
			    json_pack("{s:o, s:o}", "succeeded", keep_s,
			    "failed", keep_f));
		else {
			json_decref(keep_s);
			json_decref(keep_f);
			json_object_set_new(status, "uncountedTerminatedPods",
			    json_object());
		}
	}
	/* successes not yet counted count for the decisions below too */
	for (i = 0; i < n; i++)
		if (strcmp(job_phase(pods[i]->obj), "Succeeded") == 0 &&
		    indexed && job_pod_index(pods[i]->obj) >= 0 &&
		    job_pod_index(pods[i]->obj) < ncomp)
			done[job_pod_index(pods[i]->obj)] = 1;

	/* 2. the decision */
	if (started == 0 && !suspended) {
		started = now;
		json_object_set_new(status, "startTime", json_string(nowstr));
	}
	{
		long total_ok = succeeded, total_bad = failed, idx_done = 0;

		/* the finished pods not counted yet count too */
		for (i = 0; i < n; i++) {
			const char *ph = job_phase(pods[i]->obj);

			if (!job_has_finalizer(pods[i]->obj))
				continue;
			if (strcmp(ph, "Succeeded") == 0)
				total_ok++;
			else if (job_failed(pods[i]->obj))
				total_bad++;
		}
		if (indexed)
			for (long k = 0; k < ncomp; k++)
				idx_done += done[k];
		conds = json_deep_copy(json_object_get(ost, "conditions"));
		if (!json_is_array(conds)) {
			json_decref(conds);
			conds = json_array();
		}
		/* finished pods still being counted: the verdict waits for
		 * them (their finalizers going brings the Job back) */
		if (total_ok != succeeded || total_bad != failed) {
			json_decref(conds);
			conds = NULL;
		} else if (total_bad > backoff_limit) {
			json_array_append_new(conds, job_cond("Failed",
			    "BackoffLimitExceeded", "Job has reached the "
			    "specified backoff limit", nowstr));
			recorder_event(c->srv->recorder, job, JOB_COMPONENT,
			    "Warning", "BackoffLimitExceeded", "Job has "
			    "reached the specified backoff limit");
			finished = 1;
		} else if (deadline >= 0 && started > 0 &&
		    now - started >= deadline) {
			json_array_append_new(conds, job_cond("Failed",
			    "DeadlineExceeded", "Job was active longer than "
			    "specified deadline", nowstr));
			recorder_event(c->srv->recorder, job, JOB_COMPONENT,
			    "Warning", "DeadlineExceeded", "Job was active "
			    "longer than specified deadline");
			finished = 1;
		} else if ((indexed && idx_done >= ncomp) || (!indexed &&
		    completions > 0 && total_ok >= completions) ||
		    (!indexed && completions < 0 && total_ok > 0 &&
		    active == 0)) {
			json_array_append_new(conds, job_cond("Complete", "",
			    "", nowstr));
			json_object_del(json_array_get(conds,
			    json_array_size(conds) - 1), "reason");
			json_object_del(json_array_get(conds,
			    json_array_size(conds) - 1), "message");
			json_object_set_new(status, "completionTime",
			    json_string(nowstr));
			recorder_event(c->srv->recorder, job, JOB_COMPONENT,
			    "Normal", "Completed", "Job completed");
			finished = 1;
		}
		if (finished) {
			json_object_set_new(status, "conditions", conds);
			/* what still runs goes */
			for (i = 0; i < n; i++)
				if (podutil_active(pods[i]->obj)) {
					err_clear(&err);
					ctl_delete(c, pods[i], NULL, &err);
				}
			active = 0;
			ready = 0;
		} else if (conds != NULL) {
			json_decref(conds);
		}
		/* 3. pods to make or to delete */
		if (!finished && suspended) {
			for (i = 0; i < n; i++)
				if (podutil_active(pods[i]->obj)) {
					err_clear(&err);
					ctl_delete(c, pods[i], NULL, &err);
				}
			active = 0;
		} else if (!finished) {
			left = job_backoff_left(total_bad, last_fail, now);
			if (indexed)
				want = ncomp - idx_done;
			else if (completions >= 0)
				want = completions - total_ok;
			else
				want = total_ok > 0 ? 0 : parallelism;
			if (want > parallelism)
				want = parallelism;
			want -= active;
			if (want > JOB_BURST)
				want = JOB_BURST;
			if (want > 0 && left > 0) {
				recheck = left;
				want = 0;
			}
			err_clear(&err);
			for (made = 0, i = 0; made < want; made++) {
				long idx = -1;

				if (indexed) {
					while ((long)i < ncomp && (done[i] ||
					    running[i]))
						i++;
					if ((long)i >= ncomp)
						break;
					idx = (long)i++;
				}
				if (job_create(c, job, idx, &err) < 0) {
					rc = -1;
					break;
				}
				active++;
			}
			if (deadline >= 0 && started > 0) {
				long d = (long)(started + deadline - now) + 1;

				if (recheck == 0 || d < recheck)
					recheck = d;
			}
		}
	}
	/* 4. status */
	json_object_set_new(status, "succeeded", json_integer(succeeded));
	json_object_set_new(status, "failed", json_integer(failed));
	json_object_set_new(status, "active", json_integer(active));
	json_object_set_new(status, "ready", json_integer(ready));
	if (!json_integer_value(json_object_get(status, "succeeded")))
		json_object_del(status, "succeeded");
	if (!json_integer_value(json_object_get(status, "failed")))
		json_object_del(status, "failed");
	if (!json_integer_value(json_object_get(status, "active")))
		json_object_del(status, "active");
	if (indexed) {
		job_indexes_string(done, ncomp, idxs, sizeof idxs);
		if (idxs[0] != '\0')
			json_object_set_new(status, "completedIndexes",
			    json_string(idxs));
	}
	if (suspended && !finished && job_condition(job->obj, "Suspended") ==
	    NULL) {
		conds = json_deep_copy(json_object_get(status, "conditions"));
		if (!json_is_array(conds)) {
			json_decref(conds);
			conds = json_array();
		}
		json_array_append_new(conds, job_cond("Suspended",
		    "JobSuspended", "Job suspended", nowstr));
		json_object_set_new(status, "conditions", conds);
	}
	err_clear(&err);
	if (ctl_put_status(c, job, status, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND)
		rc = -1;
	if (recheck > 0)
		ctl_enqueue_after(c, key, recheck * 1000);
out:
	json_decref(status);
	free(done);
	free(running);
	ctl_objs_release(pods, n);
	cobj_unref(job);
	return rc;
}

static void
job_event(struct ctl *c, const struct cevent *ev)
{
	const char *uid = podutil_meta(ev->obj->obj, "uid");
	char key[128];

	if (ev->type == CEV_DELETED && uid != NULL) {
		snprintf(key, sizeof key, "%s%s", JOB_GONE, uid);
		ctl_enqueue(c, key);
	}
	ctl_enqueue_obj(c, ev->obj);
}

static int
job_init(struct ctl *c, struct err *err)
{
	struct job_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->jobs_k = registry_find("batch", "jobs");
	st->pods_k = registry_find("", "pods");
	if (ctl_watch_owned(c, st->pods_k, &st->pods, "Job", err) < 0 ||
	    ctl_watch_kind(c, st->jobs_k, job_event, err) < 0)
		return -1;
	return 0;
}

static void
job_fini(struct ctl *c)
{
	struct job_state *st = c->priv;

	if (st == NULL)
		return;
	ctl_owned_release(&st->pods);
	free(st);
	c->priv = NULL;
}

const struct controller controller_job = {
	.name = "job",
	.init = job_init,
	.fini = job_fini,
	.sync = job_sync,
};
