/* cronjob.c - kube-controller-manager's CronJob controller (v2): makes a
 * Job from a CronJob's jobTemplate at each time its schedule names.
 *
 * Keys are "namespace/name" of CronJobs; each is looked at again when
 * its next time comes, and when it or one of its Jobs changes.  A sync
 * finds the latest time the schedule (lib/cron: standard syntax, @hourly
 * and the like, in spec.timeZone when set) named since the last one it
 * acted on (or since the CronJob was made; not before startingDeadline
 * Seconds ago, as upstream); when there is one, it makes the Job named
 * <cronjob>-<minutes since the epoch> unless concurrencyPolicy Forbid
 * says to skip while one runs, or Replace says to delete the running ones
 * first.  status.active lists the running Jobs, lastScheduleTime and
 * lastSuccessfulTime say when; finished Jobs beyond successfulJobsHistory
 * Limit and failedJobsHistoryLimit go, oldest first.  Events as upstream:
 * SuccessfulCreate, SawCompletedJob, SuccessfulDelete, MissSchedule,
 * JobAlreadyActive.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/cron.h"
#include "../../lib/rfc3339.h"
#include "../recorder.h"
#include "controllers.h"
#include "podutil.h"

#define CJ_COMPONENT	"cronjob-controller"
#define CJ_SCHEDULED	"batch.kubernetes.io/cronjob-scheduled-timestamp"
#define CJ_MAX_MISSED	100

struct cj_state {
	const struct registry_kind *cj_k, *jobs_k;
	struct ctl_owned jobs;
};

static const char *
cj_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static time_t
cj_time(const char *s)
{
	struct timespec ts;

	if (s == NULL || rfc3339_parse(s, &ts) < 0)
		return 0;
	return ts.tv_sec;
}

/*
 * The C library reads zones through TZ, which is the process's: switched
 * under a lock for each computation.  setenv() is not safe beside a
 * getenv() of another thread when it grows or shrinks the environment
 * (environ is reallocated, or unsetenv() moves its entries); it only
 * swaps a pointer (glibc never frees the strings it made) when TZ is
 * there already.  So TZ is put there before main() (and threads) starts,
 * with the meaning of an unset TZ in glibc (":/etc/localtime"), and is
 * never removed.  Nothing else in kubec-server reads local time (it
 * formats and parses times with gmtime_r() and timegm()).
 */
static pthread_mutex_t cj_tz_mu = PTHREAD_MUTEX_INITIALIZER;

__attribute__((constructor)) static void
cj_tz_init(void)
{
	if (getenv("TZ") == NULL)
		setenv("TZ", ":/etc/localtime", 0);
}

/* The UTC offset of zone at t, in seconds (0 for UTC or an unknown
 * zone). */
static long
cj_offset(const char *zone, time_t t)
{
	char *old, *saved = NULL;
	struct tm tm;
	long off = 0;

	if (zone == NULL || zone[0] == '\0' || strcmp(zone, "UTC") == 0 ||
	    strcmp(zone, "Etc/UTC") == 0)
		return 0;
	pthread_mutex_lock(&cj_tz_mu);
	old = getenv("TZ");
	if (old == NULL || (saved = strdup(old)) == NULL) {
		/* no TZ to swap (not set up), or no memory */
		pthread_mutex_unlock(&cj_tz_mu);
		return 0;
	}
	setenv("TZ", zone, 1);
	tzset();
	if (localtime_r(&t, &tm) != NULL)
		off = tm.tm_gmtoff;
	setenv("TZ", saved, 1);
	free(saved);
	tzset();
	pthread_mutex_unlock(&cj_tz_mu);
	return off;
}

/* The next time after t, in the zone (its offset as of that time). */
static time_t
cj_next(const struct cron_schedule *s, const char *zone, time_t t)
{
	long off = cj_offset(zone, t);
	time_t n = cron_next(s, t, off);

	if (n != 0 && cj_offset(zone, n) != off)	/* across a DST change */
		n = cron_next(s, t, cj_offset(zone, n));
	return n;
}

static const json_t *
cj_job_condition(const json_t *job)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(job, "status"),
	    "conditions"), i, c)
		if (cj_str(c, "status") && strcmp(cj_str(c, "status"), "True") ==
		    0 && cj_str(c, "type") && (strcmp(cj_str(c, "type"),
		    "Complete") == 0 || strcmp(cj_str(c, "type"), "Failed") ==
		    0))
			return c;
	return NULL;
}

static int
cj_by_start(const void *a, const void *b)
{
	const json_t *x = (*(struct cobj *const *)a)->obj;
	const json_t *y = (*(struct cobj *const *)b)->obj;
	time_t tx = cj_time(podutil_meta(x, "creationTimestamp"));
	time_t ty = cj_time(podutil_meta(y, "creationTimestamp"));

	if (tx != ty)
		return tx < ty ? -1 : 1;
	return strcmp(podutil_meta(x, "name") ?: "",
	    podutil_meta(y, "name") ?: "");
}

/* Deletes the oldest finished Jobs of one kind beyond limit. */
static void
cj_history(struct ctl *c, const struct cobj *cj, struct cobj **jobs, size_t n,
    const char *type, const json_t *limit)
{
	struct cobj **v;
	struct err err;
	size_t i, k = 0, keep;

	if (!json_is_integer(limit) || (v = calloc(n + 1, sizeof *v)) == NULL)
		return;
	keep = (size_t)json_integer_value(limit);
	for (i = 0; i < n; i++) {
		const json_t *cond = cj_job_condition(jobs[i]->obj);

		if (cond != NULL && strcmp(cj_str(cond, "type"), type) == 0)
			v[k++] = jobs[i];
	}
	qsort(v, k, sizeof *v, cj_by_start);
	for (i = 0; k > keep && i < k - keep; i++) {
		err_clear(&err);
		if (ctl_delete(c, v[i], "Background", &err) == 0)
			recorder_event(c->srv->recorder, cj, CJ_COMPONENT,
			    "Normal", "SuccessfulDelete", "Deleted job %s",
			    v[i]->name);
	}
	free(v);
}

/* Makes the Job of the scheduled time t. */
static int
cj_create(struct ctl *c, const struct cobj *cj, time_t t)
{
	struct cj_state *st = c->priv;
	const json_t *jt = json_object_get(json_object_get(cj->obj, "spec"),
	    "jobTemplate");
	char name[300], when[64];
	json_t *job, *meta;
	struct err err;
	int rc;

	snprintf(name, sizeof name, "%.240s-%lld", cj->name,
	    (long long)t / 60);
	rfc3339_format(t, when, sizeof when);
	job = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o?}", "apiVersion",
	    "batch/v1", "kind", "Job", "metadata", "name", name, "namespace",
	    cj->ns, "spec", json_deep_copy(json_object_get(jt, "spec")));
	if (job == NULL)
		return -1;
	meta = json_object_get(job, "metadata");
	json_object_set_new(meta, "labels", json_deep_copy(json_object_get(
	    json_object_get(jt, "metadata"), "labels")));
	if (json_object_get(meta, "labels") == NULL)
		json_object_del(meta, "labels");
	json_object_set_new(meta, "annotations", json_deep_copy(
	    json_object_get(json_object_get(jt, "metadata"), "annotations")));
	if (!json_is_object(json_object_get(meta, "annotations")))
		json_object_set_new(meta, "annotations", json_object());
	json_object_set_new(json_object_get(meta, "annotations"), CJ_SCHEDULED,
	    json_string(when));
	json_object_set_new(meta, "ownerReferences", json_pack("[o]",
	    podutil_owner_ref(cj->obj, "batch/v1", "CronJob")));
	err_clear(&err);
	rc = ctl_create(c, st->jobs_k, cj->ns, job, NULL, &err);
	json_decref(job);
	if (rc == 0)
		recorder_event(c->srv->recorder, cj, CJ_COMPONENT, "Normal",
		    "SuccessfulCreate", "Created job %s", name);
	else if (err.reason == ERR_ALREADY_EXISTS)
		rc = 0;		/* made before (a sync that was cut short) */
	else
		recorder_event(c->srv->recorder, cj, CJ_COMPONENT, "Warning",
		    "FailedCreate", "Error creating job: %s", err.msg);
	return rc;
}

static int
cj_sync(struct ctl *c, const char *key)
{
	struct cj_state *st = c->priv;
	struct cobj *cj = ctl_get(c, st->cj_k, key), **jobs = NULL;
	const json_t *spec, *ost, *ref;
	struct cron_schedule sched;
	json_t *status, *active;
	char why[256], when[64];
	const char *zone, *policy;
	time_t now = time(NULL), since, t, latest = 0, next, last_ok = 0;
	size_t n = 0, i, nactive = 0;
	int missed = 0, rc = 0;
	struct err err;

	if (cj == NULL)
		return 0;
	spec = json_object_get(cj->obj, "spec");
	ost = json_object_get(cj->obj, "status");
	jobs = ctl_owned_objs(c, &st->jobs, st->jobs_k, cj->obj, &n);
	status = json_deep_copy(ost);
	if (!json_is_object(status)) {
		json_decref(status);
		status = json_object();
	}
	/* the running Jobs, and news of the finished ones */
	active = json_array();
	for (i = 0; i < n; i++) {
		const json_t *cond = cj_job_condition(jobs[i]->obj);
		int was_active = 0;
		size_t j;

		json_array_foreach(json_object_get(ost, "active"), j, ref)
			if (cj_str(ref, "uid") && podutil_meta(jobs[i]->obj,
			    "uid") && strcmp(cj_str(ref, "uid"),
			    podutil_meta(jobs[i]->obj, "uid")) == 0)
				was_active = 1;
		if (cond == NULL && json_object_get(json_object_get(
		    jobs[i]->obj, "metadata"), "deletionTimestamp") == NULL) {
			json_array_append_new(active, json_pack("{s:s, s:s, "
			    "s:s, s:s, s:s, s:s}", "kind", "Job", "namespace",
			    cj->ns, "name", jobs[i]->name, "uid",
			    podutil_meta(jobs[i]->obj, "uid") ?: "",
			    "apiVersion", "batch/v1", "resourceVersion",
			    podutil_meta(jobs[i]->obj, "resourceVersion") ?:
			    ""));
			nactive++;
			continue;
		}
		if (cond != NULL && was_active)
			recorder_event(c->srv->recorder, cj, CJ_COMPONENT,
			    "Normal", "SawCompletedJob", "Saw completed job: "
			    "%s, status: %s", jobs[i]->name, cj_str(cond,
			    "type"));
		if (cond != NULL && strcmp(cj_str(cond, "type"), "Complete") ==
		    0) {
			t = cj_time(cj_str(json_object_get(jobs[i]->obj,
			    "status"), "completionTime"));
			if (t > last_ok)
				last_ok = t;
		}
	}
	if (last_ok > cj_time(cj_str(ost, "lastSuccessfulTime"))) {
		rfc3339_format(last_ok, when, sizeof when);
		json_object_set_new(status, "lastSuccessfulTime",
		    json_string(when));
	}
	if (json_object_get(json_object_get(cj->obj, "metadata"),
	    "deletionTimestamp") != NULL)
		goto status;
	if (cron_parse(cj_str(spec, "schedule") ?: "", &sched, why,
	    sizeof why) < 0) {
		recorder_event(c->srv->recorder, cj, CJ_COMPONENT, "Warning",
		    "UnparseableSchedule", "unparseable schedule: %s", why);
		goto status;
	}
	zone = cj_str(spec, "timeZone");
	if (zone == NULL && sched.tz[0] != '\0')
		zone = sched.tz;
	since = cj_time(cj_str(ost, "lastScheduleTime"));
	if (since == 0)
		since = cj_time(podutil_meta(cj->obj, "creationTimestamp"));
	/* as upstream, nothing older than startingDeadlineSeconds is due:
	 * such a missed time is skipped (lastScheduleTime not set to it) */
	if (json_is_integer(json_object_get(spec, "startingDeadlineSeconds")) &&
	    now - (time_t)json_integer_value(json_object_get(spec,
	    "startingDeadlineSeconds")) > since)
		since = now - (time_t)json_integer_value(json_object_get(spec,
		    "startingDeadlineSeconds"));
	/* the latest time due, counting the missed ones */
	for (t = cj_next(&sched, zone, since); t != 0 && t <= now;
	    t = cj_next(&sched, zone, t)) {
		latest = t;
		if (++missed > CJ_MAX_MISSED) {
			/* too many to walk: the most recent one only */
			time_t back = now - 1;

			while (back > since && (t = cj_next(&sched, zone,
			    back)) > now)
				back -= 60;
			latest = t <= now ? t : latest;
			recorder_event(c->srv->recorder, cj, CJ_COMPONENT,
			    "Warning", "TooManyMissedTimes", "too many missed "
			    "start times: %d. Set or decrease .spec.starting"
			    "DeadlineSeconds or check clock skew", missed);
			break;
		}
	}
	if (latest != 0 && !json_is_true(json_object_get(spec, "suspend"))) {
		const json_t *dl = json_object_get(spec,
		    "startingDeadlineSeconds");

		policy = cj_str(spec, "concurrencyPolicy") ?: "Allow";
		if (json_is_integer(dl) && latest + json_integer_value(dl) <
		    now) {
			rfc3339_format(latest, when, sizeof when);
			recorder_event(c->srv->recorder, cj, CJ_COMPONENT,
			    "Warning", "MissSchedule", "Missed scheduled time "
			    "to start a job: %s", when);
		} else if (strcmp(policy, "Forbid") == 0 && nactive > 0) {
			recorder_event(c->srv->recorder, cj, CJ_COMPONENT,
			    "Normal", "JobAlreadyActive", "Not starting job "
			    "because prior execution is running and "
			    "concurrency policy is Forbid");
			latest = 0;	/* not acted on: it stays due */
		} else {
			if (strcmp(policy, "Replace") == 0)
				for (i = 0; i < n; i++) {
					if (cj_job_condition(jobs[i]->obj))
						continue;
					err_clear(&err);
					if (ctl_delete(c, jobs[i],
					    "Background", &err) == 0)
						recorder_event(c->srv->recorder,
						    cj, CJ_COMPONENT, "Normal",
						    "SuccessfulDelete",
						    "Deleted job %s",
						    jobs[i]->name);
				}
			if (cj_create(c, cj, latest) < 0)
				rc = -1;
		}
		if (latest != 0 && rc == 0) {
			rfc3339_format(latest, when, sizeof when);
			json_object_set_new(status, "lastScheduleTime",
			    json_string(when));
		}
	}
	/* again at the next time */
	next = cj_next(&sched, zone, now);
	if (next != 0)
		ctl_enqueue_after(c, key, (long)(next - now) * 1000 + 200);
status:
	cj_history(c, cj, jobs, n, "Complete", json_object_get(spec,
	    "successfulJobsHistoryLimit"));
	cj_history(c, cj, jobs, n, "Failed", json_object_get(spec,
	    "failedJobsHistoryLimit"));
	if (json_array_size(active) > 0)
		json_object_set_new(status, "active", active);
	else {
		json_decref(active);
		json_object_del(status, "active");
	}
	err_clear(&err);
	if (ctl_put_status(c, cj, status, &err) < 0 &&
	    err.reason != ERR_NOT_FOUND)
		rc = -1;
	json_decref(status);
	ctl_objs_release(jobs, n);
	cobj_unref(cj);
	return rc;
}

static void
cj_event(struct ctl *c, const struct cevent *ev)
{
	ctl_enqueue_obj(c, ev->obj);
}

static int
cj_init(struct ctl *c, struct err *err)
{
	struct cj_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->cj_k = registry_find("batch", "cronjobs");
	st->jobs_k = registry_find("batch", "jobs");
	if (ctl_watch_owned(c, st->jobs_k, &st->jobs, "CronJob", err) < 0 ||
	    ctl_watch_kind(c, st->cj_k, cj_event, err) < 0)
		return -1;
	return 0;
}

static void
cj_fini(struct ctl *c)
{
	struct cj_state *st = c->priv;

	if (st == NULL)
		return;
	ctl_owned_release(&st->jobs);
	free(st);
	c->priv = NULL;
}

const struct controller controller_cronjob = {
	.name = "cronjob",
	.init = cj_init,
	.fini = cj_fini,
	.sync = cj_sync,
};
