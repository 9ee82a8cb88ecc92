/* secrets.c - core/v1 Secret: stringData folded into data, base64 and
 * size checks, the keys each well-known type requires, immutability.
 */
#include <string.h>

#include "../../lib/base64.h"
#include "kinds.h"

#define SECRETS_MAX_SIZE	(1 << 20)

static const char *const secrets_fields[] = { "type", NULL };

static const struct registry_column secrets_columns[] = {
	{ "Name", "string", "name", REG_DESC_NAME, 0 },
	{ "Type", "string", "", "Used to facilitate programmatic handling of "
	    "secret data. More info: https://kubernetes.io/docs/concepts/"
	    "configuration/secret/#secret-types", 0 },
	{ "Data", "string", "", "Data contains the secret data. Each key must "
	    "consist of alphanumeric characters, '-', '_' or '.'. The "
	    "serialized form of the secret data is a base64 encoded string, "
	    "representing the arbitrary (possibly non-string) data value here. "
	    "Described in https://tools.ietf.org/html/rfc4648#section-4", 0 },
	{ "Age", "string", "", REG_DESC_AGE, 0 },
	{ NULL, NULL, NULL, NULL, 0 },
};

/* stringData is write-only: the API server merges it into data. */
static void
secrets_defaults(json_t *obj)
{
	json_t *sd = json_object_get(obj, "stringData"), *data, *v;
	struct buf b = BUF_INIT(8 << 20);
	const char *k;

	if (json_object_get(obj, "type") == NULL ||
	    (json_is_string(json_object_get(obj, "type")) &&
	    json_string_length(json_object_get(obj, "type")) == 0))
		json_object_set_new(obj, "type", json_string("Opaque"));
	if (!json_is_object(sd)) {
		json_object_del(obj, "stringData");
		return;
	}
	data = reg_mkpath(obj, "data");
	json_object_foreach(sd, k, v) {
		if (!json_is_string(v))
			continue;
		buf_reset(&b);
		if (base64_encode(json_string_value(v), json_string_length(v),
		    0, &b) == 0)
			json_object_set_new(data, k, json_string(buf_str(&b)));
	}
	buf_release(&b);
	json_object_del(obj, "stringData");
}

/* Where Go's base64.StdEncoding would fail, or -1 when it decodes. */
static long
secrets_bad_base64(const char *s, size_t n)
{
	size_t i, m = 0, pad = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n')
			continue;
		if (s[i] == '=') {
			pad++;
			m++;
			continue;
		}
		if (pad > 0 || !((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '/'))
			return (long)i;
		m++;
	}
	if (m % 4 != 0 || pad > 2)
		return (long)(m - m % 4);
	return -1;
}

static int
secrets_validate(const json_t *obj, const json_t *old, struct err *err)
{
	const json_t *data = json_object_get(obj, "data"), *v;
	const char *type = reg_str(obj, "type"), *k;
	struct buf b = BUF_INIT(8 << 20);
	char field[400];
	size_t size = 0;
	long bad;

	json_object_foreach((json_t *)data, k, v) {
		const char *s = json_string_value(v);

		if (s == NULL)
			s = "";
		bad = secrets_bad_base64(s, strlen(s));
		buf_reset(&b);
		if (bad >= 0 || base64_decode(s, strlen(s), &b) < 0) {
			buf_release(&b);
			return err_set(err, ERR_BAD_REQUEST, "Secret in version "
			    "\"v1\" cannot be handled as a Secret: illegal "
			    "base64 data at input byte %ld", bad < 0 ? 0 : bad);
		}
		size += b.len;
		snprintf(field, sizeof field, "data[%s]", k);
		reg_check_config_key(k, field, err);
	}
	buf_release(&b);
	if (size > SECRETS_MAX_SIZE)
		err_field(err, ERR_CAUSE_TOO_LONG, "data", NULL,
		    "may not be more than %d bytes", SECRETS_MAX_SIZE);
	if (type == NULL)
		type = "";
	if (strcmp(type, "kubernetes.io/service-account-token") == 0) {
		if (json_string_value(json_object_get(reg_get(obj,
		    "metadata.annotations"),
		    "kubernetes.io/service-account.name")) == NULL)
			err_field(err, ERR_CAUSE_REQUIRED, "metadata.annotations"
			    "[kubernetes.io/service-account.name]", NULL, NULL);
	} else if (strcmp(type, "kubernetes.io/dockercfg") == 0) {
		if (json_object_get(data, ".dockercfg") == NULL)
			err_field(err, ERR_CAUSE_REQUIRED, "data[.dockercfg]",
			    NULL, NULL);
	} else if (strcmp(type, "kubernetes.io/dockerconfigjson") == 0) {
		if (json_object_get(data, ".dockerconfigjson") == NULL)
			err_field(err, ERR_CAUSE_REQUIRED,
			    "data[.dockerconfigjson]", NULL, NULL);
	} else if (strcmp(type, "kubernetes.io/basic-auth") == 0) {
		if (json_object_get(data, "username") == NULL &&
		    json_object_get(data, "password") == NULL) {
			err_field(err, ERR_CAUSE_REQUIRED, "data[username]",
			    NULL, NULL);
			err_field(err, ERR_CAUSE_REQUIRED, "data[password]",
			    NULL, NULL);
		}
	} else if (strcmp(type, "kubernetes.io/ssh-auth") == 0) {
		if (json_string_length(json_object_get(data,
		    "ssh-privatekey")) == 0)
			err_field(err, ERR_CAUSE_REQUIRED,
			    "data[ssh-privatekey]", NULL, NULL);
	} else if (strcmp(type, "kubernetes.io/tls") == 0) {
		if (json_object_get(data, "tls.crt") == NULL)
			err_field(err, ERR_CAUSE_REQUIRED, "data[tls.crt]",
			    NULL, NULL);
		if (json_object_get(data, "tls.key") == NULL)
			err_field(err, ERR_CAUSE_REQUIRED, "data[tls.key]",
			    NULL, NULL);
	}
	if (old != NULL) {
		reg_check_immutable(json_object_get(obj, "type"),
		    json_object_get(old, "type"), "type", err);
		if (json_is_true(json_object_get(old, "immutable"))) {
			if (!json_is_true(json_object_get(obj, "immutable")))
				err_field(err, ERR_CAUSE_FORBIDDEN, "immutable",
				    NULL, "field is immutable when `immutable` "
				    "is set");
			if (!json_equal((json_t *)data, json_object_get(old,
			    "data")) && (json_object_size(data) ||
			    json_object_size(json_object_get(old, "data"))))
				err_field(err, ERR_CAUSE_FORBIDDEN, "data", NULL,
				    "field is immutable when `immutable` is "
				    "set");
		}
	}
	return err_invalid(err, "Secret", reg_str(obj, "metadata.name"));
}

static void
secrets_row(const json_t *obj, json_t *cells, long long now)
{
	reg_cell_raw(cells, reg_str(obj, "metadata.name"));
	reg_cell_raw(cells, reg_str(obj, "type"));
	reg_cell_int(cells, (long long)json_object_size(json_object_get(obj,
	    "data")));
	reg_cell_age(cells, obj, now);
}

const struct registry_kind registry_secrets = {
	.group = "",
	.version = "v1",
	.kind = "Secret",
	.resource = "secrets",
	.singular = "secret",
	.flags = REG_NAMESPACED,
	.defaults = secrets_defaults,
	.validate = secrets_validate,
	.columns = secrets_columns,
	.row = secrets_row,
	.fields = secrets_fields,
};
