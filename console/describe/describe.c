/* describe.c - what kubec describe's describers share: metadata,
 * labels and annotations in kubectl's layout, and the object's Events. */
#include <limits.h>
#include <stdio.h>
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

/* the age of an event's time as kubectl prints it, <unknown> unset */
static void
event_since(const char *t, char *out, size_t len)
{
	struct timespec ts;

	if (t == NULL || rfc3339_parse(t, &ts) < 0) {
		snprintf(out, len, "<unknown>");
		return;
	}
	rfc3339_human_duration((long long)(time(NULL) - ts.tv_sec), out, len);
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
		const json_t *series = json_object_get(ev, "series");
		const char *from = describe_str(json_object_get(ev, "source"),
		    "component") ?: "", *msg = describe_str(ev, "message") ?: "";
		long long count = json_integer_value(json_object_get(ev,
		    "count"));
		char first[64], last[64];
		size_t mlen;

		/* kubectl: since the eventTime, else the firstTimestamp; a
		 * series' or a repeated event's last time first */
		if (describe_str(ev, "eventTime") != NULL)
			event_since(describe_str(ev, "eventTime"), first,
			    sizeof first);
		else
			event_since(describe_str(ev, "firstTimestamp"), first,
			    sizeof first);
		if (!*from)
			from = describe_str(ev, "reportingComponent") ?: "";
		buf_addf(b, "  %s\t%s\t", describe_str(ev, "type") ?: "",
		    describe_str(ev, "reason") ?: "");
		if (json_is_object(series)) {
			event_since(describe_str(series, "lastObservedTime"),
			    last, sizeof last);
			buf_addf(b, "%s (x%lld over %s)", last,
			    (long long)json_integer_value(json_object_get(
			    series, "count")), first);
		} else if (count > 1) {
			event_since(describe_str(ev, "lastTimestamp"), last,
			    sizeof last);
			buf_addf(b, "%s (x%lld over %s)", last, count, first);
		} else
			buf_adds(b, first);
		/* the message trimmed as Go's strings.TrimSpace */
		while (*msg == ' ' || (*msg >= '\t' && *msg <= '\r'))
			msg++;
		for (mlen = strlen(msg); mlen > 0 && (msg[mlen - 1] == ' ' ||
		    (msg[mlen - 1] >= '\t' && msg[mlen - 1] <= '\r')); mlen--)
			;
		buf_addf(b, "\t%s\t%.*s\n", from, (int)mlen, msg);
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
