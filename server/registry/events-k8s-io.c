/* events-k8s-io.c - events.k8s.io/v1 Event: the new-style view of the
 * same events (regarding, note, reportingController, the deprecated*
 * fields), its required fields, and the `kubectl get events` columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/names.h"
#include "kinds.h"

static const char *const events_k8s_io_short[] = { "ev", NULL };
static const char *const events_k8s_io_fields[] = {
	"regarding.kind", "regarding.namespace", "regarding.name",
	"regarding.uid", "regarding.apiVersion", "regarding.resourceVersion",
	"regarding.fieldPath", "reason", "reportingController", "type", NULL,
};

static const struct registry_column events_k8s_io_columns[] = {
	{ "Last Seen", "string", "", "The time at which the most recent "
	    "occurrence of this event was recorded.", 0 },
	{ "Type", "string", "", "Type of this event (Normal, Warning), new "
	    "types could be added in the future", 0 },
	{ "Reason", "string", "", "This should be a short, machine "
	    "understandable string that gives the reason for the transition "
	    "into the object's current status.", 0 },
	{ "Object", "string", "", "The object that this event is about.", 0 },
	{ "Subobject", "string", "", "If referring to a piece of an object "
	    "instead of an entire object, this string should contain a valid "
	    "JSON/Go field access statement, such as desiredState.manifest."
	    "containers[2]. For example, if the object reference is to a "
	    "container within a pod, this would take on a value like: "
	    "\"spec.containers{name}\" (where \"name\" refers to the name of "
	    "the container that triggered the event) or if no container name "
	    "is specified \"spec.containers[2]\" (container with index 2 in "
	    "this pod). This syntax is chosen only to have some well-defined "
	    "way of referencing a part of an object.", 1 },
	{ "Source", "string", "", "The component reporting this event. "
	    "Should be a short machine understandable string.", 1 },
	{ "Message", "string", "", "A human-readable description of the "
	    "status of this operation.", 0 },
	{ "First Seen", "string", "", "The time at which the event was first "
	    "recorded. (Time of server receipt is in TypeMeta.)", 1 },
	{ "Count", "string", "", "The number of times this event has "
	    "occurred.", 1 },
	{ "Name", "string", "name", REG_DESC_NAME, 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
events_k8s_io_required(const json_t *obj, const char *field, size_t max,
    struct err *err)
{
	const char *s = reg_str(obj, field);

	if (s == NULL || s[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
	else if (strlen(s) > max)
		err_field(err, ERR_CAUSE_INVALID, field, "\"\"",
		    "can have at most %zu characters", max);
}

/* ValidateEventCreate for events.k8s.io/v1 requests. */
static int
events_k8s_io_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const char *type = reg_str(obj, "type");
	const char *rc = reg_str(obj, "reportingController");
	const char *note = reg_str(obj, "note");
	char why[512], val[300];

	if (reg_str(obj, "eventTime") == NULL)
		err_field(err, ERR_CAUSE_REQUIRED, "eventTime", NULL, NULL);
	if (type == NULL || (strcmp(type, "Normal") != 0 &&
	    strcmp(type, "Warning") != 0))
		err_field(err, ERR_CAUSE_INVALID, "type", "\"\"",
		    "has invalid value: %s", type ? type : "");
	if (rc == NULL || rc[0] == '\0')
		err_field(err, ERR_CAUSE_REQUIRED, "reportingController", NULL,
		    NULL);
	else if (names_qualified_name(rc, why, sizeof why) < 0)
		err_field(err, ERR_CAUSE_INVALID, "reportingController",
		    reg_quote(rc, val, sizeof val), "%s", why);
	events_k8s_io_required(obj, "reportingInstance", 128, err);
	events_k8s_io_required(obj, "action", 128, err);
	events_k8s_io_required(obj, "reason", 128, err);
	if (note != NULL && strlen(note) > 1024)
		err_field(err, ERR_CAUSE_INVALID, "note", "\"\"",
		    "can have at most 1024 characters");
	return err_invalid(err, "Event.events.k8s.io", reg_str(obj,
	    "metadata.name"));
}

static void
events_k8s_io_age(const char *t, long long now, char *out, size_t len)
{
	reg_age(t, now, out, len);
}

/* printEvent over the v1 fields (deprecated* are the core ones). */
static void
events_k8s_io_row(const json_t *obj, json_t *cells, long long now)
{
	const char *first = reg_str(obj, "deprecatedFirstTimestamp");
	const char *last = reg_str(obj, "deprecatedLastTimestamp");
	const char *kind = reg_str(obj, "regarding.kind");
	const char *name = reg_str(obj, "regarding.name");
	const char *comp = reg_str(obj, "deprecatedSource.component");
	const char *host = reg_str(obj, "deprecatedSource.host");
	const char *note = reg_str(obj, "note");
	const json_t *series = json_object_get(obj, "series");
	char fs[64], ls[64], target[600], src[600], lower[300], *msg;
	long long count = reg_int(obj, "deprecatedCount", 0);
	size_t i, n;

	if (first != NULL)
		events_k8s_io_age(first, now, fs, sizeof fs);
	else
		events_k8s_io_age(reg_str(obj, "eventTime"), now, fs, sizeof fs);
	if (last != NULL)
		events_k8s_io_age(last, now, ls, sizeof ls);
	else
		snprintf(ls, sizeof ls, "%s", fs);
	if (json_is_object(series)) {
		events_k8s_io_age(reg_str(series, "lastObservedTime"), now, ls,
		    sizeof ls);
		count = reg_int(series, "count", 0);
	} else if (count == 0)
		count = 1;
	for (i = 0; kind != NULL && kind[i] != '\0' && i < sizeof lower - 1;
	    i++)
		lower[i] = (char)(kind[i] >= 'A' && kind[i] <= 'Z' ?
		    kind[i] + 32 : kind[i]);
	lower[i] = '\0';
	if (name != NULL && name[0] != '\0')
		snprintf(target, sizeof target, "%s/%s", lower, name);
	else
		snprintf(target, sizeof target, "%s", lower);
	if (comp == NULL || comp[0] == '\0')
		comp = reg_str(obj, "reportingController");
	if (host == NULL || host[0] == '\0')
		host = reg_str(obj, "reportingInstance");
	if (host != NULL && host[0] != '\0')
		snprintf(src, sizeof src, "%s, %s", comp ? comp : "", host);
	else
		snprintf(src, sizeof src, "%s", comp ? comp : "");
	json_array_append_new(cells, json_string(ls));
	reg_cell_raw(cells, reg_str(obj, "type"));
	reg_cell_raw(cells, reg_str(obj, "reason"));
	json_array_append_new(cells, json_string(target));
	reg_cell_raw(cells, reg_str(obj, "regarding.fieldPath"));
	json_array_append_new(cells, json_string(src));
	/* strings.TrimSpace(note) */
	msg = strdup(note ? note : "");
	if (msg != NULL) {
		char *p = msg;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '\v' || *p == '\f')
			p++;
		n = strlen(p);
		while (n > 0 && strchr(" \t\n\r\v\f", p[n - 1]) != NULL)
			p[--n] = '\0';
		json_array_append_new(cells, json_string(p));
		free(msg);
	} else
		json_array_append_new(cells, json_string(""));
	json_array_append_new(cells, json_string(fs));
	reg_cell_int(cells, count);
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
}

const struct registry_kind registry_events_k8s_io = {
	.group = "events.k8s.io",
	.version = "v1",
	.kind = "Event",
	.resource = "events",
	.singular = "event",
	.short_names = events_k8s_io_short,
	.flags = REG_NAMESPACED,
	.validate = events_k8s_io_validate,
	.columns = events_k8s_io_columns,
	.row = events_k8s_io_row,
	.fields = events_k8s_io_fields,
};
