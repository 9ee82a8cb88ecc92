/* misc.c - kubec describe for ServiceAccounts (their secrets and
 * tokens), ResourceQuotas (used against hard), LimitRanges (a row per
 * limited resource) and PriorityClasses, in kubectl's layout. */
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"
#include "describe.h"

/* whether name is none of the Secrets listed (kubectl's "(not found)");
 * not when the list could not be read */
static int
misc_missing(const json_t *secrets, const char *name)
{
	const json_t *s;
	size_t i;

	if (secrets == NULL)
		return 0;
	json_array_foreach(json_object_get(secrets, "items"), i, s)
		if (strcmp(describe_s(json_object_get(s, "metadata"),
		    "name"), name) == 0)
			return 0;
	return 1;
}

static void
misc_secret_names(struct buf *b, const char *header, const json_t *refs,
    const json_t *secrets)
{
	const json_t *r;
	size_t i;

	if (json_array_size(refs) == 0) {
		buf_addf(b, "%s\t<none>\n", header);
		return;
	}
	json_array_foreach(refs, i, r) {
		const char *name = describe_s(r, "name");

		/* the header, then spaces as wide as it */
		buf_addf(b, "%s\t%s%s\n", i ? "                   " : header,
		    name, misc_missing(secrets, name) ? " (not found)" : "");
	}
}

void
describe_serviceaccount(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *m = json_object_get(obj, "metadata"), *s;
	json_t *secrets = NULL, *tokens = json_array();
	struct buf path = BUF_INIT(4096);
	struct err err;
	size_t i;

	err_clear(&err);
	describe_meta(b, obj, 1);
	/* the namespace's Secrets: the tokens of this account (by name and
	 * UID) and which referenced Secrets are missing; none when they
	 * cannot be listed */
	buf_addf(&path, "/api/v1/namespaces/%s/secrets",
	    describe_s(m, "namespace"));
	if (cli_get_json(c, buf_str(&path), &secrets, &err) < 0)
		secrets = NULL;
	json_array_foreach(json_object_get(secrets, "items"), i, s) {
		const json_t *ann = json_object_get(json_object_get(s,
		    "metadata"), "annotations");

		if (strcmp(describe_s(s, "type"),
		    "kubernetes.io/service-account-token") != 0)
			continue;
		if (strcmp(describe_s(ann, "kubernetes.io/service-account."
		    "name"), describe_s(m, "name")) == 0 &&
		    strcmp(describe_s(ann, "kubernetes.io/service-account."
		    "uid"), describe_s(m, "uid")) == 0)
			json_array_append_new(tokens, json_pack("{s:s}", "name",
			    describe_s(json_object_get(s, "metadata"),
			    "name")));
	}
	misc_secret_names(b, "Image pull secrets:", json_object_get(obj,
	    "imagePullSecrets"), secrets);
	misc_secret_names(b, "Mountable secrets: ", json_object_get(obj,
	    "secrets"), secrets);
	misc_secret_names(b, "Tokens:            ", tokens, NULL);
	json_decref(secrets);
	json_decref(tokens);
	buf_release(&path);
	describe_events(c, obj, b);
}

static const char *
misc_scope_help(const char *scope)
{
	if (strcmp(scope, "Terminating") == 0)
		return "Matches all pods that have an active deadline. These "
		    "pods have a limited lifespan on a node before being "
		    "actively terminated by the system.";
	if (strcmp(scope, "NotTerminating") == 0)
		return "Matches all pods that do not have an active deadline. "
		    "These pods usually include long running pods whose "
		    "container command is not expected to terminate.";
	if (strcmp(scope, "BestEffort") == 0)
		return "Matches all pods that do not have resource "
		    "requirements set. These pods have a best effort quality "
		    "of service.";
	if (strcmp(scope, "NotBestEffort") == 0)
		return "Matches all pods that have at least one resource "
		    "requirement set. These pods have a burstable or "
		    "guaranteed quality of service.";
	return NULL;
}

void
describe_resourcequota(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *st = json_object_get(obj, "status"),
	    *hard = json_object_get(st, "hard"),
	    *used = json_object_get(st, "used"),
	    *scopes = json_object_get(json_object_get(obj, "spec"), "scopes"),
	    *v;
	const char **keys;
	size_t n, i;

	describe_name(b, obj, 1);
	if (json_array_size(scopes) > 0) {
		const char **sorted = calloc(json_array_size(scopes),
		    sizeof *sorted);

		n = 0;
		json_array_foreach(scopes, i, v)
			if (sorted != NULL)
				sorted[n++] = json_string_value(v) ?: "";
		if (sorted != NULL)
			qsort(sorted, n, sizeof *sorted, describe_strcmp);
		buf_adds(b, "Scopes:\t");
		for (i = 0; i < n; i++)
			buf_addf(b, "%s%s", i ? ", " : "", sorted[i]);
		buf_adds(b, "\n");
		for (i = 0; i < n; i++)
			if (misc_scope_help(sorted[i]) != NULL)
				buf_addf(b, " * %s\n", misc_scope_help(sorted[i]));
		free(sorted);
	}
	buf_adds(b, "Resource\tUsed\tHard\n--------\t----\t----\n");
	keys = print_keys(hard, &n);
	for (i = 0; keys != NULL && i < n; i++) {
		struct quantity h, u;
		struct err err;
		char out[128];
		const char *us = describe_str(used, keys[i]);

		err_clear(&err);
		buf_addf(b, "%s\t", keys[i]);
		/* used in hard's format when the two differ, as kubectl */
		if (us != NULL && quantity_parse(describe_s(hard, keys[i]), &h,
		    &err) == 0 && quantity_parse(us, &u, &err) == 0 &&
		    h.format != u.format) {
			quantity_from_value(&u, quantity_value(&u), h.format);
			if (quantity_format(&u, out, sizeof out) >= 0)
				buf_adds(b, out);
		} else
			describe_quantity(b, json_object_get(used, keys[i]));
		buf_adds(b, "\t");
		describe_quantity(b, json_object_get(hard, keys[i]));
		buf_adds(b, "\n");
	}
	free(keys);
}

/* one limit of a LimitRange: the value for resource, "-" when unset */
static void
misc_limit(struct buf *b, const json_t *item, const char *field,
    const char *res)
{
	const json_t *v = json_object_get(json_object_get(item, field), res);

	buf_adds(b, "\t");
	if (v == NULL)
		buf_adds(b, "-");
	else
		describe_quantity(b, v);
}

void
describe_limitrange(struct cli *c, const json_t *obj, struct buf *b)
{
	static const char *const fields[] = { "max", "min", "default",
	    "defaultRequest", "maxLimitRequestRatio" };
	const json_t *item;
	size_t i, f, k, n;

	describe_name(b, obj, 1);
	buf_adds(b, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\t"
	    "Max Limit/Request Ratio\n----\t--------\t---\t---\t"
	    "---------------\t-------------\t-----------------------\n");
	json_array_foreach(json_object_get(json_object_get(obj, "spec"),
	    "limits"), i, item) {
		json_t *set = json_object();
		const char **keys;

		/* kubectl walks a Go map here (no order): sorted */
		for (f = 0; f < sizeof fields / sizeof fields[0]; f++) {
			const char *key;
			json_t *v;

			json_object_foreach(json_object_get(item, fields[f]),
			    key, v)
				json_object_set_new(set, key, json_true());
		}
		keys = print_keys(set, &n);
		for (k = 0; keys != NULL && k < n; k++) {
			buf_addf(b, "%s\t%s", describe_s(item, "type"),
			    keys[k]);
			misc_limit(b, item, "min", keys[k]);
			misc_limit(b, item, "max", keys[k]);
			misc_limit(b, item, "defaultRequest", keys[k]);
			misc_limit(b, item, "default", keys[k]);
			misc_limit(b, item, "maxLimitRequestRatio", keys[k]);
			buf_adds(b, "\n");
		}
		free(keys);
		json_decref(set);
	}
}

void
describe_priorityclass(struct cli *c, const json_t *obj, struct buf *b)
{
	buf_addf(b, "Name:\t%s\nValue:\t%lld\nGlobalDefault:\t%s\n"
	    "PreemptionPolicy:\t%s\nDescription:\t%s\nAnnotations:\t",
	    describe_s(json_object_get(obj, "metadata"), "name"),
	    (long long)json_integer_value(json_object_get(obj, "value")),
	    json_is_true(json_object_get(obj, "globalDefault")) ? "true" :
	    "false", describe_s(obj, "preemptionPolicy"),
	    describe_s(obj, "description"));
	print_labels(b, json_object_get(json_object_get(obj, "metadata"),
	    "annotations"), "<none>");
	buf_adds(b, "\n");
	describe_events(c, obj, b);
}
