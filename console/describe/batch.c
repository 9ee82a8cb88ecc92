/* batch.c - kubec describe for the batch/v1 kinds: Jobs (parallelism,
 * completions, times, the pods' counts, completed indexes) and CronJobs
 * (schedule, policies, the job template, active jobs), each with its pod
 * template (podspec.c) and Events, as kubectl describe prints them. */
#include <stdlib.h>
#include <string.h>

#include "../../lib/rfc3339.h"
#include "describe.h"

/* "Title:\t<n><unit>" for o's integer k; when not set, "Title:\t<unset>"
 * (unset) or nothing */
static void
batch_int(struct buf *b, const char *title, const json_t *o, const char *k,
    const char *unit, int unset)
{
	if (json_is_integer(json_object_get(o, k)))
		buf_addf(b, "%s:\t%lld%s\n", title, describe_int(o, k), unit);
	else if (unset)
		buf_addf(b, "%s:\t<unset>\n", title);
}

/* "Title:\t<time>", or "Title:\t<unset>" (unset) or nothing for none */
static void
batch_time(struct buf *b, const char *title, const char *t, int unset)
{
	if (t == NULL) {
		if (unset)
			buf_addf(b, "%s:\t<unset>\n", title);
		return;
	}
	buf_addf(b, "%s:\t", title);
	describe_time(b, t);
	buf_adds(b, "\n");
}

/* kubectl's capIndexesListOrNone(indexes, 50) */
static void
batch_indexes(struct buf *b, const char *s)
{
	size_t len = strlen(s), i;

	if (len == 0) {
		buf_adds(b, "<none>");
		return;
	}
	for (i = 50; i < len && s[i] != ','; i++)
		;
	if (i >= len)
		buf_adds(b, s);
	else
		buf_addf(b, "%.*s...", (int)(i + 1), s);
}

/* Start Time, Completed At and the Duration between the two */
static void
batch_times(struct buf *b, const json_t *st)
{
	const char *start = describe_str(st, "startTime"),
	    *done = describe_str(st, "completionTime");
	struct timespec ts = { 0 }, td = { 0 };
	char d[64];

	batch_time(b, "Start Time", start, 0);
	batch_time(b, "Completed At", done, 0);
	if (start == NULL || done == NULL)
		return;
	rfc3339_parse(start, &ts);
	rfc3339_parse(done, &td);
	rfc3339_human_duration((long long)(td.tv_sec - ts.tv_sec), d, sizeof d);
	buf_addf(b, "Duration:\t%s\n", d);
}

void
describe_job(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"),
	    *spec = json_object_get(obj, "spec"),
	    *st = json_object_get(obj, "status");
	const char *mode = describe_str(spec, "completionMode");

	describe_name(b, obj, 1);
	buf_adds(b, "Selector:\t");
	describe_selector(b, json_object_get(spec, "selector"), NULL);
	buf_adds(b, "\n");
	describe_labels(b, "Labels", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
	describe_controlled_by(b, obj);
	batch_int(b, "Parallelism", spec, "parallelism", "", 0);
	batch_int(b, "Completions", spec, "completions", "", 1);
	if (mode != NULL)
		buf_addf(b, "Completion Mode:\t%s\n", mode);
	if (json_is_boolean(json_object_get(spec, "suspend")))
		buf_addf(b, "Suspend:\t%s\n", describe_bool(spec, "suspend"));
	batch_int(b, "Backoff Limit", spec, "backoffLimit", "", 0);
	batch_int(b, "TTL Seconds After Finished", spec,
	    "ttlSecondsAfterFinished", "", 0);
	batch_times(b, st);
	batch_int(b, "Active Deadline Seconds", spec, "activeDeadlineSeconds",
	    "s", 0);
	buf_addf(b, "Pods Statuses:\t%lld Active ", describe_int(st, "active"));
	if (json_is_integer(json_object_get(st, "ready")))
		buf_addf(b, "(%lld Ready) ", describe_int(st, "ready"));
	buf_addf(b, "/ %lld Succeeded / %lld Failed\n", describe_int(st,
	    "succeeded"), describe_int(st, "failed"));
	if (mode != NULL && strcmp(mode, "Indexed") == 0) {
		buf_adds(b, "Completed Indexes:\t");
		batch_indexes(b, describe_s(st, "completedIndexes"));
		buf_adds(b, "\n");
	}
	podspec_template(b, json_object_get(spec, "template"));
	describe_events(c, obj, b);
}

/* kubectl's describeJobTemplate */
static void
batch_job_template(struct buf *b, const json_t *jt)
{
	const json_t *spec = json_object_get(jt, "spec");

	buf_adds(b, "Selector:\t");
	if (json_is_object(json_object_get(spec, "selector")))
		describe_selector(b, json_object_get(spec, "selector"), NULL);
	else
		buf_adds(b, "<unset>");
	buf_adds(b, "\n");
	batch_int(b, "Parallelism", spec, "parallelism", "", 1);
	batch_int(b, "Completions", spec, "completions", "", 1);
	batch_int(b, "Active Deadline Seconds", spec, "activeDeadlineSeconds",
	    "s", 0);
	podspec_template(b, json_object_get(spec, "template"));
}

void
describe_cronjob(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *spec = json_object_get(obj, "spec"),
	    *st = json_object_get(obj, "status"),
	    *susp = json_object_get(spec, "suspend"), *j;
	size_t i;

	describe_meta(b, obj, 1);
	buf_addf(b, "Schedule:\t%s\n", describe_s(spec, "schedule"));
	buf_addf(b, "Concurrency Policy:\t%s\n", describe_s(spec,
	    "concurrencyPolicy"));
	buf_addf(b, "Suspend:\t%s\n", !json_is_boolean(susp) ? "<unset>" :
	    json_is_true(susp) ? "True" : "False");
	batch_int(b, "Successful Job History Limit", spec,
	    "successfulJobsHistoryLimit", "", 1);
	batch_int(b, "Failed Job History Limit", spec,
	    "failedJobsHistoryLimit", "", 1);
	batch_int(b, "Starting Deadline Seconds", spec,
	    "startingDeadlineSeconds", "s", 1);
	batch_job_template(b, json_object_get(spec, "jobTemplate"));
	batch_time(b, "Last Schedule Time", describe_str(st,
	    "lastScheduleTime"), 1);
	buf_adds(b, "Active Jobs:\t");
	json_array_foreach(json_object_get(st, "active"), i, j)
		buf_addf(b, "%s%s", i ? ", " : "", describe_s(j, "name"));
	buf_adds(b, json_array_size(json_object_get(st, "active")) ? "\n" :
	    "<none>\n");
	describe_events(c, obj, b);
}
