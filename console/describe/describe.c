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

/* "Annotations:<tab>k: v", the last-applied configuration left out; a
 * value of more than one line or too long (140) for one line follows its
 * key on lines of its own, each cut at 138 bytes. */
void
describe_annotations(struct buf *b, const json_t *map)
{
	size_t n, i, shown = 0;
	const char **keys = print_keys(map, &n);

	for (i = 0; keys != NULL && i < n; i++) {
		const char *v = describe_str(map, keys[i]) ?: "", *nl;
		size_t len = strlen(v);

		if (strcmp(keys[i], "kubectl.kubernetes.io/last-applied-"
		    "configuration") == 0)
			continue;
		buf_adds(b, shown++ ? "\t" : "Annotations:\t");
		if (len > 0 && v[len - 1] == '\n')
			len--;
		if (len + strlen(keys[i]) + 2 <= 140 &&
		    memchr(v, '\n', len) == NULL) {
			buf_addf(b, "%s: %.*s\n", keys[i], (int)len, v);
			continue;
		}
		buf_addf(b, "%s:\n", keys[i]);
		for (const char *end = v + len;; v = nl + 1) {
			size_t l;

			nl = memchr(v, '\n', (size_t)(end - v));
			l = nl ? (size_t)(nl - v) : (size_t)(end - v);
			if (l > 138)
				buf_addf(b, "\t  %.138s...\n", v);
			else
				buf_addf(b, "\t  %.*s\n", (int)l, v);
			if (nl == NULL)
				break;
		}
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

/* now - t in whole seconds toward zero, as Go's time.Since; *zero when t
 * is missing or does not parse. */
static long long
describe_since(const char *t, int *zero)
{
	struct timespec now, ts;
	long long ns;

	*zero = t == NULL || rfc3339_parse(t, &ts) < 0;
	if (*zero)
		return 0;
	clock_gettime(CLOCK_REALTIME, &now);
	ns = (long long)(now.tv_sec - ts.tv_sec) * 1000000000LL +
	    (now.tv_nsec - ts.tv_nsec);
	return ns / 1000000000LL;
}

/* translateTimestampSince: the age of t, <unknown> when missing. */
void
describe_age(struct buf *b, const char *t)
{
	char age[64];
	int zero;
	long long secs = describe_since(t, &zero);

	if (zero) {
		buf_adds(b, "<unknown>");
		return;
	}
	rfc3339_human_duration(secs, age, sizeof age);
	buf_adds(b, age);
}

static long long
describe_event_last(const json_t *ev)
{
	struct timespec ts = { 0 };

	if (describe_str(ev, "lastTimestamp") == NULL ||
	    rfc3339_parse(describe_str(ev, "lastTimestamp"), &ts) < 0)
		return LLONG_MIN;
	return (long long)ts.tv_sec;
}

/* The events of one query appended to all. */
static void
describe_events_query(struct cli *c, const json_t *obj, const char *kind,
    const char *uid, json_t *all)
{
	const json_t *m = json_object_get(obj, "metadata");
	const char *ns = describe_str(m, "namespace");
	struct buf path = BUF_INIT(8192), sel = BUF_INIT(2048);
	json_t *list = NULL;
	struct err err;

	err_clear(&err);
	buf_addf(&sel, "involvedObject.name=%s,involvedObject.namespace=%s",
	    describe_str(m, "name") ?: "", ns ?: "");
	if (kind != NULL)
		buf_addf(&sel, ",involvedObject.kind=%s", kind);
	buf_addf(&sel, ",involvedObject.uid=%s", uid);
	if (ns != NULL)
		buf_addf(&path, "/api/v1/namespaces/%s/events", ns);
	else
		buf_adds(&path, "/api/v1/events");
	cli_query_arg(&path, "fieldSelector", buf_str(&sel));
	if (cli_get_json(c, buf_str(&path), &list, &err) == 0)
		json_array_extend(all, json_object_get(list, "items"));
	json_decref(list);
	buf_release(&path);
	buf_release(&sel);
}

/* The object's Events, as kubectl's DescribeEvents lists them: sorted by
 * their last time (stably), the age of the first time, "(xN over AGE)"
 * for repeated ones. kind NULL: events of any kind of object; uid NULL:
 * the object's; uid2: the events recorded under that uid too (a Node's
 * by its name). */
void
describe_events_of(struct cli *c, const json_t *obj, const char *kind,
    const char *uid, const char *uid2, struct buf *b)
{
	json_t *all, *ev;
	const json_t **v;
	size_t i, j, n;

	/* --show-events=false: no Events section at all */
	if (opt_str(&c->o, "show-events") != NULL &&
	    !opt_bool(&c->o, "show-events"))
		return;
	all = json_array();
	if (uid == NULL)
		uid = describe_str(json_object_get(obj, "metadata"), "uid") ?: "";
	describe_events_query(c, obj, kind, uid, all);
	if (uid2 != NULL)
		describe_events_query(c, obj, kind, uid2, all);
	n = json_array_size(all);
	if (n == 0 || (v = calloc(n, sizeof *v)) == NULL) {
		buf_adds(b, "Events:\t<none>\n");
		json_decref(all);
		return;
	}
	json_array_foreach(all, i, ev) {
		for (j = i; j > 0 && describe_event_last(v[j - 1]) >
		    describe_event_last(ev); j--)
			v[j] = v[j - 1];
		v[j] = ev;
	}
	buf_adds(b, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n"
	    "  ----\t------\t----\t----\t-------\n");
	for (i = 0; i < n; i++) {
		const json_t *e = v[i], *series = json_object_get(e, "series");
		const char *first = describe_str(e, "eventTime") ?:
		    describe_str(e, "firstTimestamp"), *from =
		    describe_str(json_object_get(e, "source"), "component");
		const char *msg = describe_str(e, "message") ?: "";
		long long count = json_integer_value(json_object_get(e,
		    "count"));
		size_t len;

		if (from == NULL || from[0] == '\0')
			from = describe_str(e, "reportingComponent") ?: "";
		buf_addf(b, "  %s\t%s\t", describe_str(e, "type") ?: "",
		    describe_str(e, "reason") ?: "");
		if (series != NULL || count > 1) {
			describe_age(b, series ? describe_str(series,
			    "lastObservedTime") : describe_str(e,
			    "lastTimestamp"));
			buf_addf(b, " (x%lld over ", series ? (long long)
			    json_integer_value(json_object_get(series,
			    "count")) : count);
			describe_age(b, first);
			buf_adds(b, ")");
		} else
			describe_age(b, first);
		/* strings.TrimSpace */
		while (*msg == ' ' || *msg == '\t' || *msg == '\n' ||
		    *msg == '\r' || *msg == '\v' || *msg == '\f')
			msg++;
		for (len = strlen(msg); len > 0 && strchr(" \t\n\r\v\f",
		    msg[len - 1]) != NULL; len--)
			;
		buf_addf(b, "\t%s\t%.*s\n", from, (int)len, msg);
	}
	free(v);
	json_decref(all);
}

void
describe_events(struct cli *c, const json_t *obj, struct buf *b)
{
	describe_events_of(c, obj, NULL, NULL, NULL, b);
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

/* qsort's comparison of two (const char *) */
int
describe_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}
