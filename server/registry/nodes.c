/* nodes.c - core/v1 Node: allocatable defaults to capacity, taint rules,
 * and the STATUS/ROLES columns as kubectl prints them.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/names.h"
#include "kinds.h"

#define NODES_ROLE_PREFIX	"node-role.kubernetes.io/"
#define NODES_MAX_ROLES		32

static const char *const nodes_short[] = { "no", NULL };
static const char *const nodes_fields[] = { "spec.unschedulable", NULL };

static const struct registry_column nodes_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Status", "string", "", "The status of the node", 0 },
	{ "Roles", "string", "", "The roles of the node", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ "Version", "string", "", "Kubelet Version reported by the node.", 0 },
	{ "Internal-IP", "string", "", "List of addresses reachable to the "
	    "node. Queried from cloud provider, if available.", 1 },
	{ "External-IP", "string", "", "List of addresses reachable to the "
	    "node. Queried from cloud provider, if available.", 1 },
	{ "OS-Image", "string", "", "OS Image reported by the node from "
	    "/etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1 },
	{ "Kernel-Version", "string", "", "Kernel Version reported by the "
	    "node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1 },
	{ "Container-Runtime", "string", "", "ContainerRuntime Version "
	    "reported by the node through runtime remote API (e.g. "
	    "containerd://1.4.2).", 1 },
	{ NULL, NULL, NULL, NULL, 0 },
};

static void
nodes_defaults(json_t *obj)
{
	json_t *st, *cap;

	reg_canon_quantities(reg_get(obj, "status.capacity"));
	reg_canon_quantities(reg_get(obj, "status.allocatable"));
	cap = reg_get(obj, "status.capacity");
	st = json_object_get(obj, "status");
	if (json_is_object(cap) && json_is_object(st) &&
	    json_object_get(st, "allocatable") == NULL)
		json_object_set_new(st, "allocatable", json_deep_copy(cap));
}

static int
nodes_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *t;
	const char *key, *eff;
	char field[200], val[400], why[512];
	size_t i;

	json_array_foreach(reg_get(obj, "spec.taints"), i, t) {
		key = reg_str(t, "key");
		eff = reg_str(t, "effect");
		snprintf(field, sizeof field, "spec.taints[%zu].key", i);
		if (names_qualified_name(key ? key : "", why, sizeof why) < 0)
			err_field(err, ERR_CAUSE_INVALID, field,
			    reg_quote(key ? key : "", val, sizeof val), "%s",
			    why);
		snprintf(field, sizeof field, "spec.taints[%zu].effect", i);
		if (eff == NULL || eff[0] == '\0')
			err_field(err, ERR_CAUSE_REQUIRED, field, NULL, NULL);
		else if (strcmp(eff, "NoSchedule") != 0 &&
		    strcmp(eff, "PreferNoSchedule") != 0 &&
		    strcmp(eff, "NoExecute") != 0)
			err_field(err, ERR_CAUSE_NOT_SUPPORTED, field,
			    reg_quote(eff, val, sizeof val), "supported values: "
			    "\"NoExecute\", \"NoSchedule\", "
			    "\"PreferNoSchedule\"");
	}
	reg_check_quantities(reg_get(obj, "status.capacity"),
	    "status.capacity", err);
	reg_check_quantities(reg_get(obj, "status.allocatable"),
	    "status.allocatable", err);
	return err_invalid(err, "Node", reg_str(obj, "metadata.name"));
}

static const char *
nodes_address(const json_t *obj, const char *type)
{
	const json_t *a;
	const char *t;
	size_t i;

	json_array_foreach(reg_get(obj, "status.addresses"), i, a) {
		t = reg_str(a, "type");
		if (t != NULL && strcmp(t, type) == 0)
			return reg_str(a, "address");
	}
	return NULL;
}

static int
nodes_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
nodes_roles(const json_t *obj, struct buf *b)
{
	const char *roles[NODES_MAX_ROLES], *k, *r;
	json_t *v;
	size_t n = 0, i, j;
	int dup;

	json_object_foreach(reg_get(obj, "metadata.labels"), k, v) {
		r = NULL;
		if (strncmp(k, NODES_ROLE_PREFIX,
		    strlen(NODES_ROLE_PREFIX)) == 0)
			r = k + strlen(NODES_ROLE_PREFIX);
		else if (strcmp(k, "kubernetes.io/role") == 0)
			r = json_string_value(v);
		if (r == NULL || r[0] == '\0' || n == NODES_MAX_ROLES)
			continue;
		for (dup = 0, j = 0; j < n; j++)
			dup |= strcmp(roles[j], r) == 0;
		if (!dup)
			roles[n++] = r;
	}
	qsort(roles, n, sizeof roles[0], nodes_cmp);
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s", i ? "," : "", roles[i]);
}

static void
nodes_row(const json_t *obj, json_t *cells, long long now)
{
	struct buf status = BUF_INIT(4096), roles = BUF_INIT(4096);
	const json_t *c;
	const char *s;
	size_t i;

	json_array_foreach(reg_get(obj, "status.conditions"), i, c) {
		if (reg_str(c, "type") == NULL ||
		    strcmp(reg_str(c, "type"), "Ready") != 0)
			continue;
		s = reg_str(c, "status");
		buf_reset(&status);
		buf_adds(&status, s && strcmp(s, "True") == 0 ? "Ready" :
		    "NotReady");
	}
	if (status.len == 0)
		buf_adds(&status, "Unknown");
	if (json_is_true(reg_get(obj, "spec.unschedulable")))
		buf_adds(&status, ",SchedulingDisabled");
	nodes_roles(obj, &roles);
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, buf_str(&status));
	reg_cell_str(cells, buf_str(&roles));
	reg_cell_age(cells, obj, now);
	reg_cell_raw(cells, reg_str(obj, "status.nodeInfo.kubeletVersion"));
	reg_cell_str(cells, nodes_address(obj, "InternalIP"));
	reg_cell_str(cells, nodes_address(obj, "ExternalIP"));
	s = reg_str(obj, "status.nodeInfo.osImage");
	reg_cell_raw(cells, s && s[0] ? s : "<unknown>");
	s = reg_str(obj, "status.nodeInfo.kernelVersion");
	reg_cell_raw(cells, s && s[0] ? s : "<unknown>");
	s = reg_str(obj, "status.nodeInfo.containerRuntimeVersion");
	reg_cell_raw(cells, s && s[0] ? s : "<unknown>");
	buf_release(&status);
	buf_release(&roles);
}

const struct registry_kind registry_nodes = {
	.group = "",
	.version = "v1",
	.kind = "Node",
	.resource = "nodes",
	.singular = "node",
	.short_names = nodes_short,
	.flags = REG_STATUS,
	.defaults = nodes_defaults,
	.validate = nodes_validate,
	.columns = nodes_columns,
	.row = nodes_row,
	.fields = nodes_fields,
};
