/* describe.c - what kubec describe's describers share: small JSON
 * getters, metadata, labels and annotations in kubectl's layout, Go's
 * formatting of times, quantities, IntOrStrings, selectors and lists,
 * and the object's Events. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/quantity.h"
#include "../../lib/rfc3339.h"
#include "../../lib/selector.h"
#include "describe.h"

const char *
describe_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

const char *
describe_s(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k)) ?: "";
}

long long
describe_int(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

const char *
describe_bool(const json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k)) ? "true" : "false";
}

/*
 * kubectl's printLabelsMultilineWithIndent under a writer nested by
 * prefix, which starts every write: "<prefix><indent><title>:\t<prefix>
 * k=v", then "<prefix><indent><prefix>\t<prefix>k2=v2" for the others,
 * "<prefix><none>" when empty.
 */
void
describe_labels_in(struct buf *b, const char *prefix, const char *indent,
    const char *title, const json_t *map)
{
	size_t n, i;
	const char **keys = print_keys(map, &n);

	buf_addf(b, "%s%s%s:\t", prefix, indent, title);
	if (keys == NULL || n == 0)
		buf_addf(b, "%s<none>\n", prefix);
	for (i = 0; keys != NULL && i < n; i++) {
		if (i != 0)
			buf_addf(b, "%s%s%s\t", prefix, indent, prefix);
		buf_addf(b, "%s%s=%s\n", prefix, keys[i], describe_s(map,
		    keys[i]));
	}
	free(keys);
}

/* printLabelsMultiline: "Labels:<tab>k=v" then "<tab>k2=v2"..., or
 * <none> */
void
describe_labels(struct buf *b, const char *title, const json_t *map)
{
	describe_labels_in(b, "", "", title, map);
}

/* kubectl's printAnnotationsMultiline (under a writer nested by prefix):
 * "Annotations:<tab>k: v", the last-applied configuration left out; a
 * value of more than one line or too long (140) for one line follows its
 * key on lines of its own, each cut at 138 bytes. */
void
describe_annotations_in(struct buf *b, const char *prefix, const char *title,
    const json_t *map)
{
	size_t n, i, shown = 0;
	const char **keys = print_keys(map, &n);

	buf_addf(b, "%s%s:\t", prefix, title);
	for (i = 0; keys != NULL && i < n; i++) {
		const char *v = describe_s(map, keys[i]), *nl;
		size_t len = strlen(v);

		if (strcmp(keys[i], "kubectl.kubernetes.io/last-applied-"
		    "configuration") == 0)
			continue;
		if (shown++)
			buf_addf(b, "%s\t", prefix);
		if (len > 0 && v[len - 1] == '\n')
			len--;
		if (len + strlen(keys[i]) + 2 <= 140 &&
		    memchr(v, '\n', len) == NULL) {
			buf_addf(b, "%s%s: %.*s\n", prefix, keys[i], (int)len,
			    v);
			continue;
		}
		buf_addf(b, "%s%s:\n", prefix, keys[i]);
		for (const char *end = v + len;; v = nl + 1) {
			size_t l;

			nl = memchr(v, '\n', (size_t)(end - v));
			l = nl ? (size_t)(nl - v) : (size_t)(end - v);
			if (l > 138)
				buf_addf(b, "%s\t  %.138s...\n", prefix, v);
			else
				buf_addf(b, "%s\t  %.*s\n", prefix, (int)l, v);
			if (nl == NULL)
				break;
		}
	}
	if (shown == 0)
		buf_addf(b, "%s<none>\n", prefix);
	free(keys);
}

void
describe_annotations(struct buf *b, const json_t *map)
{
	describe_annotations_in(b, "", "Annotations", map);
}

void
describe_name(struct buf *b, const json_t *obj, int namespaced)
{
	const json_t *m = json_object_get(obj, "metadata");

	buf_addf(b, "Name:\t%s\n", describe_s(m, "name"));
	if (namespaced)
		buf_addf(b, "Namespace:\t%s\n", describe_s(m, "namespace"));
}

void
describe_meta(struct buf *b, const json_t *obj, int namespaced)
{
	const json_t *m = json_object_get(obj, "metadata");

	describe_name(b, obj, namespaced);
	describe_labels(b, "Labels", json_object_get(m, "labels"));
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
	    describe_s(m, "name"), ns ?: "");
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
		uid = describe_s(json_object_get(obj, "metadata"), "uid");
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
		const char *msg = describe_s(e, "message");
		long long count = json_integer_value(json_object_get(e,
		    "count"));
		size_t len;

		if (from == NULL || from[0] == '\0')
			from = describe_s(e, "reportingComponent");
		buf_addf(b, "  %s\t%s\t", describe_s(e, "type"),
		    describe_s(e, "reason"));
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

/* The strings of list joined by sep. */
void
describe_join(struct buf *b, const json_t *list, const char *sep)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		buf_addf(b, "%s%s", i ? sep : "", json_string_value(v) ?: "");
}

/* Go's %v of a []string: "[a b]" */
void
describe_golist(struct buf *b, const json_t *list)
{
	buf_adds(b, "[");
	describe_join(b, list, " ");
	buf_adds(b, "]");
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

/* A metav1.Time as Go formats it: the zero time when it is missing. */
void
describe_metatime(struct buf *b, const char *rfc3339)
{
	if (rfc3339 == NULL)
		buf_adds(b, "Mon, 01 Jan 0001 00:00:00 +0000");
	else
		describe_time(b, rfc3339);
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

/* "Controlled By:\tKind/name" when the object has a controller. */
void
describe_controlled_by(struct buf *b, const json_t *obj)
{
	const json_t *r = describe_controller(obj);

	if (r != NULL)
		buf_addf(b, "Controlled By:\t%s/%s\n", describe_s(r, "kind"),
		    describe_s(r, "name"));
}

/* A quantity as Go's Quantity.String() prints the one it parsed, "0" for
 * none. */
void
describe_quantity(struct buf *b, const json_t *v)
{
	char out[128];
	struct err err;

	err_clear(&err);
	if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_string(v) && quantity_canonical(json_string_value(v),
	    out, sizeof out, &err) >= 0)
		buf_adds(b, out);
	else
		buf_adds(b, json_string_value(v) ?: "0");
}

/* An IntOrString as its String(): "80", "http", "25%"; <nil> for none */
void
describe_intstr(struct buf *b, const json_t *v)
{
	if (json_is_string(v))
		buf_adds(b, json_string_value(v));
	else if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else
		buf_adds(b, "<nil>");
}

/* metav1.FormatLabelSelector's selector string ("" for none); none, when
 * not NULL, for an empty one. */
void
describe_selector(struct buf *b, const json_t *sel, const char *none)
{
	struct selector *s = NULL;
	size_t at = b->len;

	if (selector_from_json(sel, &s, NULL) < 0) {
		buf_adds(b, "<error>");
		return;
	}
	/* LabelSelectorAsSelector(nil) selects nothing: "" too */
	if (json_is_object(sel))
		selector_string(s, b);
	selector_free(s);
	if (b->len == at && none != NULL)
		buf_adds(b, none);
}

/* The elements of a JSON array ordered by the string at key (a stable
 * insertion sort, as Go's sort does for the few elements at hand), as
 * many as the array has; NULL when out of memory.  free() it. */
const json_t **
describe_sorted(const json_t *list, const char *key)
{
	size_t n = json_array_size(list), i, j;
	const json_t **v = calloc(n + 1, sizeof *v);

	if (v == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const json_t *e = json_array_get(list, i);

		for (j = i; j > 0 && strcmp(describe_s(v[j - 1], key),
		    describe_s(e, key)) > 0; j--)
			v[j] = v[j - 1];
		v[j] = e;
	}
	return v;
}

/* A TypedLocalObjectReference's lines at indent: APIGroup (when set),
 * Kind, Name. */
void
describe_object_ref(struct buf *b, const char *indent, const json_t *ref)
{
	if (describe_str(ref, "apiGroup") != NULL)
		buf_addf(b, "%sAPIGroup:\t%s\n", indent, describe_s(ref,
		    "apiGroup"));
	buf_addf(b, "%sKind:\t%s\n%sName:\t%s\n", indent, describe_s(ref,
	    "kind"), indent, describe_s(ref, "name"));
}

/* A Node's or a claim's Conditions table, when it has any: type, status,
 * the time at key ("lastHeartbeatTime", "lastProbeTime": its column
 * titled so), the last transition, reason and message. */
void
describe_conditions(struct buf *b, const json_t *conds, const char *key)
{
	const json_t *v;
	size_t i;

	if (json_array_size(conds) == 0)
		return;
	buf_addf(b, "Conditions:\n  Type\tStatus\t%c%s\tLastTransitionTime\t"
	    "Reason\tMessage\n  ----\t------\t-----------------\t"
	    "------------------\t------\t-------\n", key[0] - 'a' + 'A',
	    key + 1);
	json_array_foreach(conds, i, v) {
		buf_addf(b, "  %s \t%s \t", describe_s(v, "type"), describe_s(v,
		    "status"));
		describe_metatime(b, describe_str(v, key));
		buf_adds(b, " \t");
		describe_metatime(b, describe_str(v, "lastTransitionTime"));
		buf_addf(b, " \t%s \t%s\n", describe_s(v, "reason"),
		    describe_s(v, "message"));
	}
}
