/* priorityclasses.c - scheduling.k8s.io/v1 PriorityClass: a name for a
 * pod priority.  The two system classes (system-node-critical and
 * system-cluster-critical, made at start by the server) own the
 * "system-" prefix; user classes go up to one billion; value and
 * preemptionPolicy never change.  That only one is globalDefault is the
 * Priority admission's to check (write.c), as upstream.
 */
#include <stdio.h>
#include <string.h>

#include "kinds.h"

#define PC_USER_MAX	1000000000LL	/* HighestUserDefinablePriority */

static const char *const priorityclasses_short[] = { "pc", NULL };

static const struct registry_column priorityclasses_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Value", "integer", "", "value represents the integer value of this "
	    "priority class. This is the actual priority that pods receive "
	    "when they have the name of this class in their pod spec.", 0 },
	{ "Global-Default", "boolean", "", "globalDefault specifies whether "
	    "this PriorityClass should be considered as the default priority "
	    "for pods that do not have any priority class.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "PreemptionPolicy", "string", "", "preemptionPolicy is the Policy "
	    "for preempting pods with lower priority. One of Never, "
	    "PreemptLowerPriority. Defaults to PreemptLowerPriority if "
	    "unset.", 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

/* The system classes: name and value. */
static const struct {
	const char	*name;
	long long	 value;
} priorityclasses_system[] = {
	{ "system-node-critical", 2000001000LL },
	{ "system-cluster-critical", 2000000000LL },
};

int
priorityclasses_is_system(const char *name)
{
	for (size_t i = 0; i < sizeof priorityclasses_system /
	    sizeof priorityclasses_system[0]; i++)
		if (strcmp(name, priorityclasses_system[i].name) == 0)
			return 1;
	return 0;
}

json_t *
priorityclasses_system_object(size_t i)
{
	if (i >= sizeof priorityclasses_system /
	    sizeof priorityclasses_system[0])
		return NULL;
	return json_pack("{s:s, s:s, s:{s:s}, s:I, s:s, s:s}", "apiVersion",
	    "scheduling.k8s.io/v1", "kind", "PriorityClass", "metadata",
	    "name", priorityclasses_system[i].name, "value",
	    (json_int_t)priorityclasses_system[i].value, "description",
	    i == 0 ? "Used for system critical pods that must not be moved "
	    "from their current node." : "Used for system critical pods "
	    "that must run in the cluster, but can be moved to another node "
	    "if necessary.", "preemptionPolicy", "PreemptLowerPriority");
}

static void
priorityclasses_defaults(json_t *obj)
{
	reg_default_str(obj, "preemptionPolicy", "PreemptLowerPriority");
}

static int
priorityclasses_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	const char *name = reg_str(obj, "metadata.name") ?: "";
	const char *pp = reg_str(obj, "preemptionPolicy");
	long long value = reg_int(obj, "value", 0);
	char val[300];
	size_t i;
	int known = 0;

	if (strncmp(name, "system-", 7) == 0) {
		char why[300];

		snprintf(why, sizeof why, "%s is not a known system priority "
		    "class", name);
		for (i = 0; i < sizeof priorityclasses_system /
		    sizeof priorityclasses_system[0]; i++) {
			if (strcmp(name, priorityclasses_system[i].name) != 0)
				continue;
			known = 1;
			if (value != priorityclasses_system[i].value) {
				snprintf(why, sizeof why, "value of %s "
				    "PriorityClass must be %lld", name,
				    priorityclasses_system[i].value);
				known = 0;
			} else if (json_is_true(json_object_get(obj,
			    "globalDefault"))) {
				snprintf(why, sizeof why, "globalDefault of %s "
				    "PriorityClass must be false", name);
				known = 0;
			}
		}
		if (!known)
			err_field(err, ERR_CAUSE_FORBIDDEN, "metadata.name",
			    NULL, "priority class names with 'system-' prefix "
			    "are reserved for system use only. error: %s", why);
	} else if (value > PC_USER_MAX) {
		err_field(err, ERR_CAUSE_FORBIDDEN, "value", NULL, "maximum "
		    "allowed value of a user defined priority is %lld",
		    PC_USER_MAX);
	}
	if (pp != NULL && strcmp(pp, "PreemptLowerPriority") != 0 &&
	    strcmp(pp, "Never") != 0)
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, "preemptionPolicy",
		    reg_quote(pp, val, sizeof val), "supported values: "
		    "\"Never\", \"PreemptLowerPriority\"");
	if (old != NULL) {
		if (value != reg_int(old, "value", 0))
			err_field(err, ERR_CAUSE_FORBIDDEN, "value", NULL,
			    "may not be changed in an update.");
		if (!json_equal(json_object_get(obj, "preemptionPolicy"),
		    json_object_get(old, "preemptionPolicy")))
			err_field(err, ERR_CAUSE_FORBIDDEN, "preemptionPolicy",
			    NULL, "may not be changed in an update.");
	}
	return err_invalid(err, "PriorityClass.scheduling.k8s.io", name);
}

static void
priorityclasses_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_int(cells, reg_int(obj, "value", 0));
	json_array_append_new(cells, json_boolean(json_is_true(
	    json_object_get(obj, "globalDefault"))));
	reg_cell_age(cells, obj, now);
	reg_cell_raw(cells, reg_str(obj, "preemptionPolicy"));
}

const struct registry_kind registry_priorityclasses = {
	.group = "scheduling.k8s.io",
	.version = "v1",
	.kind = "PriorityClass",
	.resource = "priorityclasses",
	.singular = "priorityclass",
	.short_names = priorityclasses_short,
	.defaults = priorityclasses_defaults,
	.validate = priorityclasses_validate,
	.columns = priorityclasses_columns,
	.row = priorityclasses_row,
};
