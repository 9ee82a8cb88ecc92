/* events.c - core/v1 Event: namespace agreement with the involved
 * object, the fields new-style events must carry, and `kubectl get
 * events` columns.
 */
#include <ctype.h>
#include <string.h>

#include "../../lib/names.h"
#include "kinds.h"

static const char *const events_short[] = { "ev", NULL };
static const char *const events_fields[] = {
	"involvedObject.kind", "involvedObject.namespace",
	"involvedObject.name", "involvedObject.uid",
	"involvedObject.apiVersion", "involvedObject.resourceVersion",
	"involvedObject.fieldPath", "reason", "reportingComponent", "source",
	"type", NULL,
};

static const struct registry_column events_columns[] = {
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
events_too_long(const json_t *obj, const char *field, size_t max,
    struct err *err)
{
	const char *s = reg_str(obj, field);

	if (s != NULL && strlen(s) > max)
		err_field(err, ERR_CAUSE_TOO_LONG, field, NULL,
		    "may not be more than %zu bytes", max);
}

static int
events_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const char *ns = reg_str(obj, "metadata.namespace");
	const char *ions = reg_str(obj, "involvedObject.namespace");
	const char *et = reg_str(obj, "eventTime");
	const char *rc = reg_str(obj, "reportingComponent");
	char val[300], why[512];

	if (ns == NULL)
		ns = "";
	if (ions == NULL)
		ions = "";
	reg_quote(ions, val, sizeof val);
	if (et == NULL || et[0] == '\0') {
		if ((ions[0] == '\0' && ns[0] != '\0' &&
		    strcmp(ns, "default") != 0) ||
		    (ions[0] != '\0' && strcmp(ns, ions) != 0))
			err_field(err, ERR_CAUSE_INVALID,
			    "involvedObject.namespace", val,
			    "does not match event.namespace");
	} else {
		if (ions[0] == '\0' && strcmp(ns, "default") != 0 &&
		    strcmp(ns, "kube-system") != 0)
			err_field(err, ERR_CAUSE_INVALID,
			    "involvedObject.namespace", val,
			    "does not match event.namespace");
		if (rc == NULL || rc[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, "reportingComponent",
			    NULL, NULL);
		if (names_qualified_name(rc ? rc : "", why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, "reportingComponent",
			    reg_quote(rc ? rc : "", val, sizeof val), "%s",
			    why);
		if (reg_str(obj, "reportingInstance") == NULL ||
		    !reg_str(obj, "reportingInstance")[0])
			err_field(err, ERR_CAUSE_REQUIRED, "reportingInstance",
			    NULL, NULL);
		events_too_long(obj, "reportingInstance", 128, err);
		if (reg_str(obj, "action") == NULL ||
		    !reg_str(obj, "action")[0])
			err_field(err, ERR_CAUSE_REQUIRED, "action", NULL, NULL);
		events_too_long(obj, "action", 128, err);
		if (reg_str(obj, "reason") == NULL ||
		    !reg_str(obj, "reason")[0])
			err_field(err, ERR_CAUSE_REQUIRED, "reason", NULL, NULL);
		events_too_long(obj, "reason", 128, err);
		events_too_long(obj, "message", 1024, err);
	}
	return err_invalid(err, "Event", reg_str(obj, "metadata.name"));
}

static const char *
events_first(const char *a, const char *b)
{
	return a != NULL && a[0] != '\0' ? a : b;
}

/* Message without leading and trailing white space, as TrimSpace. */
static void
events_cell_trimmed(json_t *cells, const char *s)
{
	size_t n;

	if (s == NULL)
		s = "";
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	json_array_append_new(cells, json_stringn(s, n));
}

static void
events_row(const json_t *obj, json_t *cells, long long now)
{
	const char *kind = reg_str(obj, "involvedObject.kind");
	const char *name = reg_str(obj, "involvedObject.name");
	const char *ft = reg_str(obj, "firstTimestamp");
	const char *lt = reg_str(obj, "lastTimestamp");
	const char *comp, *inst;
	char first[64], last[64], target[600], lower[256], source[600];
	long long count = reg_int(obj, "count", 0);
	size_t i;

	if (ft != NULL && ft[0] != '\0')
		reg_age(ft, now, first, sizeof first);
	else
		reg_age(reg_str(obj, "eventTime"), now, first, sizeof first);
	if (lt != NULL && lt[0] != '\0')
		reg_age(lt, now, last, sizeof last);
	else
		snprintf(last, sizeof last, "%s", first);
	if (json_is_object(json_object_get(obj, "series"))) {
		reg_age(reg_str(obj, "series.lastObservedTime"), now, last,
		    sizeof last);
		count = reg_int(obj, "series.count", 0);
	} else if (count == 0)
		count = 1;
	for (i = 0; kind != NULL && kind[i] != '\0' && i + 1 < sizeof lower;
	    i++)
		lower[i] = (char)tolower((unsigned char)kind[i]);
	lower[i] = '\0';
	if (name != NULL && name[0] != '\0')
		snprintf(target, sizeof target, "%s/%s", lower, name);
	else
		snprintf(target, sizeof target, "%s", lower);
	comp = events_first(reg_str(obj, "source.component"),
	    reg_str(obj, "reportingComponent"));
	inst = events_first(reg_str(obj, "source.host"),
	    reg_str(obj, "reportingInstance"));
	if (inst == NULL || inst[0] == '\0')
		snprintf(source, sizeof source, "%s", comp ? comp : "");
	else
		snprintf(source, sizeof source, "%s, %s", comp ? comp : "",
		    inst);
	reg_cell_raw(cells, last);
	reg_cell_raw(cells, reg_str(obj, "type"));
	reg_cell_raw(cells, reg_str(obj, "reason"));
	reg_cell_raw(cells, target);
	reg_cell_raw(cells, reg_str(obj, "involvedObject.fieldPath"));
	reg_cell_raw(cells, source);
	events_cell_trimmed(cells, reg_str(obj, "message"));
	reg_cell_raw(cells, first);
	reg_cell_int(cells, count);
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
}

const struct registry_kind registry_events = {
	.group = "",
	.version = "v1",
	.kind = "Event",
	.resource = "events",
	.singular = "event",
	.short_names = events_short,
	.flags = REG_NAMESPACED,
	.validate = events_validate,
	.columns = events_columns,
	.row = events_row,
	.fields = events_fields,
};
