/* resourcequotas.c - core/v1 ResourceQuota: quantities, status.hard
 * mirroring spec.hard (what the quota controller publishes), and the
 * REQUEST/LIMIT columns ("pods: 1/10, requests.cpu: 0/2").
 */
#include <stdlib.h>
#include <string.h>

#include "kinds.h"

#define RESOURCEQUOTAS_MAX	64

static const char *const resourcequotas_short[] = { "quota", NULL };

static const struct registry_column resourcequotas_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Request", "string", "", "Request represents a minimum amount of "
	    "cpu/memory that a container may consume.", 0 },
	{ "Limit", "string", "", "Limits control the maximum amount of "
	    "cpu/memory that a container may use independent of contention "
	    "on the node.", 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
resourcequotas_defaults(json_t *obj)
{
	json_t *hard = reg_get(obj, "spec.hard");

	reg_canon_quantities(hard);
	reg_canon_quantities(reg_get(obj, "status.used"));
	if (json_is_object(hard))
		json_object_set_new(reg_mkpath(obj, "status"), "hard",
		    json_deep_copy(hard));
}

static int
resourcequotas_validate(const json_t *obj, const json_t *old,
    struct err *err)
{
	static const char *const scopes[] = { "Terminating", "NotTerminating",
	    "BestEffort", "NotBestEffort", "PriorityClass",
	    "CrossNamespacePodAffinity", NULL };
	const char *const *s;
	const json_t *v;
	char field[100], val[300];
	size_t i;
	int ok;

	reg_check_quantities(reg_get(obj, "spec.hard"), "spec.hard", err);
	reg_check_quantities(reg_get(obj, "status.hard"), "status.hard", err);
	reg_check_quantities(reg_get(obj, "status.used"), "status.used", err);
	json_array_foreach(reg_get(obj, "spec.scopes"), i, v) {
		for (ok = 0, s = scopes; *s != NULL && !ok; s++)
			ok = json_is_string(v) &&
			    strcmp(json_string_value(v), *s) == 0;
		if (ok)
			continue;
		snprintf(field, sizeof field, "spec.scopes[%zu]", i);
		err_field(err, ERR_CAUSE_NOT_SUPPORTED, field,
		    reg_quote(json_string_value(v), val, sizeof val),
		    "unsupported scope");
	}
	return err_invalid(err, "ResourceQuota",
	    reg_str(obj, "metadata.name"));
}

static int
resourcequotas_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
resourcequotas_row(const json_t *obj, json_t *cells, long long now)
{
	const json_t *hard = reg_get(obj, "status.hard");
	const json_t *used = reg_get(obj, "status.used");
	struct buf req = BUF_INIT(1 << 16), lim = BUF_INIT(1 << 16), *w;
	const char *names[RESOURCEQUOTAS_MAX], *k, *u;
	json_t *v;
	size_t n = 0, i;

	json_object_foreach((json_t *)hard, k, v)
		if (n < RESOURCEQUOTAS_MAX)
			names[n++] = k;
	qsort(names, n, sizeof names[0], resourcequotas_cmp);
	for (i = 0; i < n; i++) {
		w = strncmp(names[i], "limits.", 7) == 0 ? &lim : &req;
		u = json_string_value(json_object_get(used, names[i]));
		buf_addf(w, "%s%s: %s/%s", w->len ? ", " : "", names[i],
		    u ? u : "0", json_string_value(json_object_get(hard,
		    names[i])) ?: "0");
	}
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_age(cells, obj, now);
	reg_cell_raw(cells, buf_str(&req));
	reg_cell_raw(cells, buf_str(&lim));
	buf_release(&req);
	buf_release(&lim);
}

const struct registry_kind registry_resourcequotas = {
	.group = "",
	.version = "v1",
	.kind = "ResourceQuota",
	.resource = "resourcequotas",
	.singular = "resourcequota",
	.short_names = resourcequotas_short,
	.flags = REG_NAMESPACED | REG_STATUS,
	.defaults = resourcequotas_defaults,
	.validate = resourcequotas_validate,
	.columns = resourcequotas_columns,
	.row = resourcequotas_row,
};
