/* leases.c - coordination.k8s.io/v1 Lease: node heartbeats and leader
 * election; only the lease spec's numbers are checked.
 */
#include <stdio.h>
#include <string.h>

#include "kinds.h"

static const struct registry_column leases_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Holder", "string", "", "holderIdentity contains the identity of "
	    "the holder of a current lease. If Coordinated Leader Election is "
	    "used, the holder identity must be equal to the elected "
	    "LeaseCandidate.metadata.name field.", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static int
leases_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *spec = json_object_get(obj, "spec");
	const json_t *d = json_object_get(spec, "leaseDurationSeconds");
	const json_t *t = json_object_get(spec, "leaseTransitions");
	const char *ph = reg_str(spec, "preferredHolder");
	const char *st = reg_str(spec, "strategy");
	char val[32];

	if (json_is_integer(d) && json_integer_value(d) <= 0) {
		snprintf(val, sizeof val, "%lld", (long long)json_integer_value(d));
		err_field(err, ERR_CAUSE_INVALID, "spec.leaseDurationSeconds", val,
		    "must be greater than 0");
	}
	if (json_is_integer(t) && json_integer_value(t) < 0) {
		snprintf(val, sizeof val, "%lld", (long long)json_integer_value(t));
		err_field(err, ERR_CAUSE_INVALID, "spec.leaseTransitions", val,
		    "must be greater than or equal to 0");
	}
	if (ph != NULL && ph[0] != '\0' && (st == NULL || st[0] == '\0'))
		err_field(err, ERR_CAUSE_FORBIDDEN, "spec.preferredHolder", NULL,
		    "may only be specified if `strategy` is defined");
	return err_invalid(err, "Lease.coordination.k8s.io", reg_str(obj,
	    "metadata.name"));
}

static void
leases_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, reg_str(obj, "spec.holderIdentity"));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_leases = {
	.group = "coordination.k8s.io",
	.version = "v1",
	.kind = "Lease",
	.resource = "leases",
	.singular = "lease",
	.flags = REG_NAMESPACED,
	.validate = leases_validate,
	.columns = leases_columns,
	.row = leases_row,
};
