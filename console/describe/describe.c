/* describe.c - what kubec describe's describers share: metadata,
 * labels and annotations in kubectl's layout, and the object's Events. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "describe.h"

const char *
describe_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* "Labels:<tab>k=v" then "<tab>k2=v2"..., or <none>. */
void
describe_labels(struct buf *b, const char *title, const json_t *map)
{
	size_t n, i;
	const char **keys = print_keys(map, &n);

	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s\t%s=%s\n", i ? "" : title, keys[i],
		    describe_str(map, keys[i]) ?: "");
	if (n == 0)
		buf_addf(b, "%s\t<none>\n", title);
	free(keys);
}

/* "Annotations:<tab>k: v", the last-applied configuration left out. */
void
describe_annotations(struct buf *b, const json_t *map)
{
	size_t n, i, shown = 0;
	const char **keys = print_keys(map, &n);

	for (i = 0; keys != NULL && i < n; i++) {
		if (strcmp(keys[i], "kubectl.kubernetes.io/last-applied-"
		    "configuration") == 0)
			continue;
		buf_addf(b, "%s\t%s: %s\n", shown++ ? "" : "Annotations:",
		    keys[i], describe_str(map, keys[i]) ?: "");
	}
	if (shown == 0)
		buf_adds(b, "Annotations:\t<none>\n");
	free(keys);
}

void
describe_meta(struct buf *b, const json_t *obj, int namespaced)
{
	const json_t *m = json_object_get(obj, "metadata");

	buf_addf(b, "Name:\t%s\n", describe_str(m, "name") ?: "");
	if (namespaced)
		buf_addf(b, "Namespace:\t%s\n", describe_str(m, "namespace") ?: "");
	describe_labels(b, "Labels:", json_object_get(m, "labels"));
	describe_annotations(b, json_object_get(m, "annotations"));
}

static long long
event_last(const json_t *ev)
{
	struct timespec ts = { 0 };

	if (rfc3339_parse(describe_str(ev, "lastTimestamp") ?: "", &ts) < 0)
		return LLONG_MIN;	/* Go's zero time: before any other */
	return (long long)ts.tv_sec;
}

/* kubectl's SortableEvents: by lastTimestamp (a stable insertion sort,
 * as Go's sort is for the few events of an object) */
static void
events_sort(json_t *items)
{
	size_t n = json_array_size(items), i, j;

	for (i = 1; i < n; i++) {
		json_t *e = json_incref(json_array_get(items, i));
		long long t = event_last(e);

		for (j = i; j > 0 && event_last(json_array_get(items,
		    j - 1)) > t; j--)
			;
		if (j != i) {
			json_array_remove(items, i);
			json_array_insert(items, j, e);
		}
		json_decref(e);
	}
}

/* The object's Events, as kubectl's DescribeEvents lists them. */
void
describe_events(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata");
	struct buf path = BUF_INIT(8192), sel = BUF_INIT(2048);
	json_t *list = NULL, *ev;
	struct err err;
	size_t i;

	err_clear(&err);
	/* --show-events=false: no Events section at all */
	if (opt_str(&c->o, "show-events") != NULL &&
	    !opt_bool(&c->o, "show-events"))
		goto out;
	buf_addf(&sel, "involvedObject.name=%s,involvedObject.uid=%s",
	    describe_str(m, "name") ?: "", describe_str(m, "uid") ?: "");
	if (describe_str(m, "namespace") != NULL)
		buf_addf(&sel, ",involvedObject.namespace=%s",
		    describe_str(m, "namespace"));
	buf_addf(&path, "/api/v1/%s%s%sevents",
	    describe_str(m, "namespace") ? "namespaces/" : "",
	    describe_str(m, "namespace") ?: "", describe_str(m, "namespace") ? "/" : "");
	cli_query_arg(&path, "fieldSelector", buf_str(&sel));
	if (cli_get_json(c, buf_str(&path), &list, &err) < 0 ||
	    json_array_size(json_object_get(list, "items")) == 0) {
		buf_adds(b, "Events:\t<none>\n");
		goto out;
	}
	buf_adds(b, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n"
	    "  ----\t------\t----\t----\t-------\n");
	events_sort(json_object_get(list, "items"));
	json_array_foreach(json_object_get(list, "items"), i, ev) {
		const char *last = describe_str(ev, "lastTimestamp") ?:
		    describe_str(ev, "eventTime") ?: "", *first =
		    describe_str(ev, "firstTimestamp") ?: last, *from =
		    describe_str(json_object_get(ev, "source"), "component") ?:
		    describe_str(ev, "reportingComponent") ?: "";
		long long count = json_integer_value(json_object_get(ev,
		    "count"));
		struct timespec tl = { 0 }, tf = { 0 };
		char age[64], over[64];
		time_t now = time(NULL);

		rfc3339_parse(last, &tl);
		rfc3339_parse(first, &tf);
		rfc3339_human_duration((long long)(now - tl.tv_sec), age,
		    sizeof age);
		rfc3339_human_duration((long long)(now - tf.tv_sec), over,
		    sizeof over);
		buf_addf(b, "  %s\t%s\t", describe_str(ev, "type") ?: "",
		    describe_str(ev, "reason") ?: "");
		if (count > 1)
			buf_addf(b, "%s (x%lld over %s)", age, count, over);
		else
			buf_adds(b, age);
		buf_addf(b, "\t%s\t%s\n", from[0] ? from : "",
		    describe_str(ev, "message") ?: "");
	}
out:
	json_decref(list);
	buf_release(&path);
	buf_release(&sel);
}

void
describe_join(struct buf *b, const json_t *list)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		buf_addf(b, "%s%s", i ? "," : "", json_string_value(v) ?: "");
}

/* An RFC 3339 time as Go's time.RFC1123Z in local time ("Mon, 07 Dec
 * 2026 00:00:00 +0000"), as kubectl describe prints times; <unknown>
 * when it does not parse. */
void
describe_time(struct buf *b, const char *rfc3339)
{
	struct timespec ts;
	struct tm tm;
	char out[64];

	if (rfc3339 == NULL || rfc3339_parse(rfc3339, &ts) < 0 ||
	    localtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S %z", &tm) == 0) {
		buf_adds(b, "<unknown>");
		return;
	}
	buf_adds(b, out);
}

/* The object's controller: its ownerReference with controller: true,
 * NULL when none (kubectl's "Controlled By:\tKind/name"). */
const json_t *
describe_controller(const json_t *obj)
{
	const json_t *r;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(obj, "metadata"),
	    "ownerReferences"), i, r)
		if (json_is_true(json_object_get(r, "controller")))
			return r;
	return NULL;
}
