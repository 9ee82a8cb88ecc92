/* registry.c - the list of kinds kubec-server serves, lookups in it, and
 * the small helpers the kind files share: dotted-path access to JSON
 * objects, defaulting, Table cells and kubectl's AGE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/quantity.h"
#include "../../lib/rfc3339.h"
#include "kinds.h"

/* Discovery lists groups in this order. */
const struct registry_kind *const registry_kinds[] = {
	&registry_namespaces,
	&registry_pods,
	&registry_services,
	&registry_endpoints,
	&registry_configmaps,
	&registry_secrets,
	&registry_nodes,
	&registry_events,
	&registry_serviceaccounts,
	&registry_persistentvolumes,
	&registry_persistentvolumeclaims,
	&registry_resourcequotas,
	&registry_limitranges,
	&registry_deployments,
	&registry_replicasets,
	&registry_statefulsets,
	&registry_daemonsets,
	&registry_controllerrevisions,
	&registry_jobs,
	&registry_cronjobs,
	&registry_ingresses,
	&registry_ingressclasses,
	&registry_networkpolicies,
	&registry_leases,
	&registry_endpointslices,
	&registry_roles,
	&registry_rolebindings,
	&registry_clusterroles,
	&registry_clusterrolebindings,
	&registry_storageclasses,
	&registry_priorityclasses,
	&registry_events_k8s_io,
	&registry_selfsubjectaccessreviews,
	&registry_selfsubjectreviews,
	NULL,
};

const struct registry_kind *
registry_find(const char *group, const char *resource)
{
	const struct registry_kind *k;
	size_t i;

	if (group == NULL || resource == NULL)
		return NULL;
	for (i = 0; (k = registry_kinds[i]) != NULL; i++)
		if (strcmp(k->group, group) == 0 &&
		    strcmp(k->resource, resource) == 0)
			return k;
	return NULL;
}

const struct registry_kind *
registry_find_kind(const char *group, const char *kind)
{
	const struct registry_kind *k;
	size_t i;

	if (group == NULL || kind == NULL)
		return NULL;
	for (i = 0; (k = registry_kinds[i]) != NULL; i++)
		if (strcmp(k->group, group) == 0 && strcmp(k->kind, kind) == 0)
			return k;
	return NULL;
}

const char *
registry_api_version(const struct registry_kind *k, char *buf, size_t len)
{
	if (k->group[0] == '\0')
		snprintf(buf, len, "%s", k->version);
	else
		snprintf(buf, len, "%s/%s", k->group, k->version);
	return buf;
}

/* Walks "a.b.c"; create makes missing or non-object steps objects. */
static json_t *
reg_walk(json_t *obj, const char *path, int create)
{
	char key[256];
	const char *p = path, *dot;
	json_t *next;
	size_t n;

	while (obj != NULL && p != NULL && *p != '\0') {
		dot = strchr(p, '.');
		n = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (!json_is_object(obj))
			return NULL;
		next = json_object_get(obj, key);
		if (create && !json_is_object(next)) {
			next = json_object();
			if (json_object_set_new(obj, key, next) < 0)
				return NULL;
		}
		obj = next;
		p = dot != NULL ? dot + 1 : NULL;
	}
	return obj;
}

json_t *
reg_get(const json_t *obj, const char *path)
{
	return reg_walk((json_t *)obj, path, 0);
}

const char *
reg_str(const json_t *obj, const char *path)
{
	return json_string_value(reg_get(obj, path));
}

long long
reg_int(const json_t *obj, const char *path, long long dflt)
{
	json_t *v = reg_get(obj, path);

	return json_is_integer(v) ? (long long)json_integer_value(v) : dflt;
}

json_t *
reg_mkpath(json_t *obj, const char *path)
{
	return reg_walk(obj, path, 1);
}

/* The parent object of path (created) and the last key. */
static json_t *
reg_parent(json_t *obj, const char *path, const char **last)
{
	char parent[512];
	const char *dot = strrchr(path, '.');

	if (dot == NULL) {
		*last = path;
		return json_is_object(obj) ? obj : NULL;
	}
	if ((size_t)(dot - path) >= sizeof parent)
		return NULL;
	memcpy(parent, path, (size_t)(dot - path));
	parent[dot - path] = '\0';
	*last = dot + 1;
	return reg_mkpath(obj, parent);
}

static void
reg_default(json_t *obj, const char *path, json_t *v)
{
	const char *last;
	json_t *p = reg_parent(obj, path, &last);

	if (p != NULL && json_object_get(p, last) == NULL)
		json_object_set_new(p, last, v);
	else
		json_decref(v);
}

void
reg_default_str(json_t *obj, const char *path, const char *v)
{
	reg_default(obj, path, json_string(v));
}

void
reg_default_int(json_t *obj, const char *path, long long v)
{
	reg_default(obj, path, json_integer((json_int_t)v));
}

void
reg_default_bool(json_t *obj, const char *path, int v)
{
	reg_default(obj, path, json_boolean(v));
}

void
reg_age(const char *rfc3339, long long now, char *out, size_t len)
{
	struct timespec ts;

	if (rfc3339 == NULL || rfc3339[0] == '\0' ||
	    rfc3339_parse(rfc3339, &ts) < 0) {
		snprintf(out, len, "<unknown>");
		return;
	}
	rfc3339_human_duration(now - (long long)ts.tv_sec, out, len);
}

void
reg_cell_str(json_t *cells, const char *s)
{
	json_array_append_new(cells, json_string(s != NULL && s[0] != '\0' ?
	    s : "<none>"));
}

void
reg_cell_int(json_t *cells, long long v)
{
	json_array_append_new(cells, json_integer((json_int_t)v));
}

void
reg_cell_age(json_t *cells, const json_t *obj, long long now)
{
	char age[64];

	reg_age(reg_str(obj, "metadata.creationTimestamp"), now, age,
	    sizeof age);
	json_array_append_new(cells, json_string(age));
}

const char *
reg_quote(const char *s, char *out, size_t len)
{
	size_t n = 0;
	const unsigned char *p;
	char esc[8];
	const char *e;

	if (len < 3) {
		if (len > 0)
			out[0] = '\0';
		return out;
	}
	out[n++] = '"';
	for (p = (const unsigned char *)(s ? s : ""); *p != '\0'; p++) {
		e = NULL;
		switch (*p) {
		case '"':	e = "\\\""; break;
		case '\\':	e = "\\\\"; break;
		case '\n':	e = "\\n"; break;
		case '\t':	e = "\\t"; break;
		case '\r':	e = "\\r"; break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(esc, sizeof esc, "\\x%02x", *p);
				e = esc;
			}
		}
		if (e == NULL) {
			if (n + 2 >= len)
				break;
			out[n++] = (char)*p;
		} else {
			if (n + strlen(e) + 1 >= len)
				break;
			memcpy(out + n, e, strlen(e));
			n += strlen(e);
		}
	}
	out[n++] = '"';
	out[n] = '\0';
	return out;
}

const char *
reg_path(char *out, size_t len, const char *path, const char *child)
{
	if (path == NULL || path[0] == '\0')
		snprintf(out, len, "%s", child);
	else
		snprintf(out, len, "%s.%s", path, child);
	return out;
}

const char *
reg_index(char *out, size_t len, const char *path, size_t i)
{
	snprintf(out, len, "%s[%zu]", path, i);
	return out;
}

void
reg_canon_quantities(json_t *map)
{
	struct quantity q;
	struct err err;
	const char *k;
	json_t *v;
	char s[128];

	if (!json_is_object(map))
		return;
	json_object_foreach(map, k, v) {
		if (json_is_integer(v)) {
			snprintf(s, sizeof s, "%lld",
			    (long long)json_integer_value(v));
			json_object_set_new(map, k, json_string(s));
			continue;
		}
		if (!json_is_string(v))
			continue;
		err_clear(&err);
		if (quantity_parse(json_string_value(v), &q, &err) < 0 ||
		    quantity_format(&q, s, sizeof s) < 0)
			continue;
		if (strcmp(s, json_string_value(v)) != 0)
			json_object_set_new(map, k, json_string(s));
	}
}

void
reg_check_quantities(const json_t *map, const char *path, struct err *err)
{
	struct quantity q, zero;
	struct err perr;
	const char *k, *s;
	json_t *v;
	char field[300], val[300];

	if (!json_is_object(map))
		return;
	memset(&zero, 0, sizeof zero);
	json_object_foreach((json_t *)map, k, v) {
		snprintf(field, sizeof field, "%s[%s]", path, k);
		s = json_string_value(v);
		err_clear(&perr);
		if (s == NULL || quantity_parse(s, &q, &perr) < 0) {
			err_field(err, ERR_CAUSE_INVALID, field,
			    reg_quote(s ? s : "", val, sizeof val),
			    "quantities must match the regular expression "
			    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
			continue;
		}
		if (quantity_cmp(&q, &zero) < 0)
			err_field(err, ERR_CAUSE_INVALID, field,
			    reg_quote(s, val, sizeof val),
			    "must be greater than or equal to 0");
	}
}

const char *
reg_port_name_error(const char *s)
{
	size_t i, n = strlen(s);
	int letter = 0;

	if (n > 15)
		return "must be no more than 15 characters";
	for (i = 0; i < n; i++) {
		if ((s[i] < 'a' || s[i] > 'z') && (s[i] < '0' || s[i] > '9') &&
		    s[i] != '-')
			return "must contain only alpha-numeric characters "
			    "(a-z, 0-9), and hyphens (-)";
		if (s[i] >= 'a' && s[i] <= 'z')
			letter = 1;
	}
	if (!letter)
		return "must contain at least one letter (a-z)";
	if (strstr(s, "--") != NULL)
		return "must not contain consecutive hyphens";
	if (n > 0 && (s[0] == '-' || s[n - 1] == '-'))
		return "must not begin or end with a hyphen";
	return NULL;
}

void
reg_cell_raw(json_t *cells, const char *s)
{
	json_array_append_new(cells, json_string(s != NULL ? s : ""));
}

void
reg_check_config_key(const char *key, const char *field, struct err *err)
{
	char val[400];
	size_t i, n = strlen(key);
	int ok = n > 0;

	reg_quote(key, val, sizeof val);
	if (n > 253)
		err_field(err, ERR_CAUSE_INVALID, field, val,
		    "must be no more than 253 characters");
	for (i = 0; i < n && ok; i++)
		ok = (key[i] >= 'a' && key[i] <= 'z') ||
		    (key[i] >= 'A' && key[i] <= 'Z') ||
		    (key[i] >= '0' && key[i] <= '9') || key[i] == '-' ||
		    key[i] == '_' || key[i] == '.';
	if (!ok)
		err_field(err, ERR_CAUSE_INVALID, field, val, "a valid config "
		    "key must consist of alphanumeric characters, '-', '_' or "
		    "'.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
		    "regex used for validation is '[-._a-zA-Z0-9]+')");
	if (strcmp(key, ".") == 0)
		err_field(err, ERR_CAUSE_INVALID, field, val, "must not be '.'");
	else if (strcmp(key, "..") == 0)
		err_field(err, ERR_CAUSE_INVALID, field, val,
		    "must not be '..'");
	else if (strncmp(key, "..", 2) == 0)
		err_field(err, ERR_CAUSE_INVALID, field, val,
		    "must not start with '..'");
}

void
reg_check_immutable(const json_t *v, const json_t *old, const char *field,
    struct err *err)
{
	char val[400];
	char *text;

	if (json_equal((json_t *)v, (json_t *)old) || (v == NULL &&
	    old == NULL))
		return;
	if (json_is_string(v))
		reg_quote(json_string_value(v), val, sizeof val);
	else if (v == NULL)
		snprintf(val, sizeof val, "\"\"");
	else {
		text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		snprintf(val, sizeof val, "%s", text ? text : "null");
		free(text);
	}
	err_field(err, ERR_CAUSE_INVALID, field, val, "field is immutable");
}

int
reg_creating(const json_t *obj)
{
	return json_object_get(obj, "status") == NULL;
}
