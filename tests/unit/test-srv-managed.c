/* test-srv-managed.c - unit tests for server/managed.c: field sets,
 * managedFields on updates, and server-side apply (merge, conflicts,
 * force, removal of fields no longer applied). */
#include <stdlib.h>

#include "../../server/managed.h"
#include "test.h"

static json_t *
J(const char *s)
{
	json_error_t e;
	json_t *j = json_loads(s, 0, &e);

	if (j == NULL)
		printf("#   bad test JSON: %s: %s\n", e.text, s);
	return j;
}

/* Compact, sorted JSON text of v (static buffer, one at a time). */
static const char *
S(const json_t *v)
{
	static char out[8192];
	char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS |
	    JSON_ENCODE_ANY);

	snprintf(out, sizeof out, "%s", s ? s : "(null)");
	free(s);
	return out;
}

static const json_t *
entry(const json_t *obj, size_t i)
{
	return json_array_get(json_object_get(json_object_get(obj,
	    "metadata"), "managedFields"), i);
}

static void
test_fieldset(void)
{
	json_t *d = J("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
	    "\"metadata\":{\"name\":\"web\",\"namespace\":\"x\",\"labels\":"
	    "{\"app\":\"web\"},\"finalizers\":[\"f1\"]},\"spec\":{\"replicas\":"
	    "2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":"
	    "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\","
	    "\"args\":[\"a\"],\"ports\":[{\"containerPort\":80,\"protocol\":"
	    "\"TCP\"}]}]}}}}");
	json_t *fs = managed_fieldset(d, "Deployment");

	CHECK_STR(S(fs), "{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"f1\\\"\""
	    ":{}},\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:replicas\":{},"
	    "\"f:selector\":{},\"f:template\":{\"f:spec\":{\"f:containers\":"
	    "{\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{},\"f:args\":{},"
	    "\"f:image\":{},\"f:name\":{},\"f:ports\":{\"k:{\\\"containerPort"
	    "\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},"
	    "\"f:containerPort\":{},\"f:protocol\":{}}}}}}}}}");
	json_decref(fs);
	json_decref(d);
}

static void
test_update(void)
{
	json_t *old, *obj;

	obj = J("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
	    "\"data\":{\"a\":\"1\"}}");
	managed_update(obj, NULL, "kubectl-create", "v1", "ConfigMap", "");
	CHECK_STR(json_string_value(json_object_get(entry(obj, 0), "manager")),
	    "kubectl-create");
	CHECK_STR(json_string_value(json_object_get(entry(obj, 0),
	    "operation")), "Update");
	CHECK_STR(S(json_object_get(entry(obj, 0), "fieldsV1")),
	    "{\"f:data\":{\"f:a\":{}}}");
	old = obj;
	obj = json_deep_copy(old);
	json_object_set_new(json_object_get(obj, "data"), "b",
	    json_string("2"));
	json_object_set_new(json_object_get(obj, "data"), "a",
	    json_string("9"));
	managed_update(obj, old, "kubectl-edit", "v1", "ConfigMap", "");
	/* a moved to kubectl-edit, which also owns b */
	CHECK_INT(json_array_size(json_object_get(json_object_get(obj,
	    "metadata"), "managedFields")), 1);
	CHECK_STR(json_string_value(json_object_get(entry(obj, 0), "manager")),
	    "kubectl-edit");
	CHECK_STR(S(json_object_get(entry(obj, 0), "fieldsV1")),
	    "{\"f:data\":{\"f:a\":{},\"f:b\":{}}}");
	json_decref(old);
	json_decref(obj);
}

static void
test_apply_conflict(void)
{
	json_t *live, *cfg, *out;
	struct err err;

	live = J("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
	    "{\"name\":\"c\"},\"data\":{\"x\":\"1\",\"y\":\"1\"}}");
	managed_update(live, NULL, "kubectl-client-side-apply", "v1",
	    "ConfigMap", "");
	cfg = J("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
	    "{\"name\":\"c\"},\"data\":{\"x\":\"2\"}}");
	err_clear(&err);
	out = managed_apply(live, cfg, "kubectl", 0, "v1", "ConfigMap", &err);
	CHECK(out == NULL);
	CHECK_INT(err.reason, ERR_CONFLICT);
	CHECK_STR(err.msg, "Apply failed with 1 conflict: conflict with "
	    "\"kubectl-client-side-apply\" using v1: .data.x");
	/* the same value is shared, not a conflict */
	json_object_set_new(json_object_get(cfg, "data"), "x",
	    json_string("1"));
	json_object_set_new(json_object_get(cfg, "data"), "y",
	    json_string("3"));
	json_object_set_new(json_object_get(cfg, "data"), "z",
	    json_string("3"));
	err_clear(&err);
	out = managed_apply(live, cfg, "kubectl", 0, "v1", "ConfigMap", &err);
	CHECK(out == NULL);
	CHECK_STR(err.msg, "Apply failed with 1 conflict: conflict with "
	    "\"kubectl-client-side-apply\" using v1: .data.y");
	/* forced: the value changes and ownership moves */
	err_clear(&err);
	out = managed_apply(live, cfg, "kubectl", 1, "v1", "ConfigMap", &err);
	CHECK(out != NULL);
	CHECK_STR(S(json_object_get(out, "data")),
	    "{\"x\":\"1\",\"y\":\"3\",\"z\":\"3\"}");
	CHECK_STR(S(json_object_get(entry(out, 0), "fieldsV1")),
	    "{\"f:data\":{\"f:x\":{}}}");
	CHECK_STR(json_string_value(json_object_get(entry(out, 1),
	    "operation")), "Apply");
	CHECK_STR(S(json_object_get(entry(out, 1), "fieldsV1")),
	    "{\"f:data\":{\"f:x\":{},\"f:y\":{},\"f:z\":{}}}");
	json_decref(out);
	json_decref(cfg);
	json_decref(live);
}

static void
test_apply_removes(void)
{
	json_t *cfg, *one, *two;
	struct err err;

	err_clear(&err);
	cfg = J("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
	    "\"metadata\":{\"name\":\"d\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}},"
	    "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\","
	    "\"image\":\"i1\"},{\"name\":\"s\",\"image\":\"side\"}]}}}}");
	one = managed_apply(NULL, cfg, "mgr", 0, "apps/v1", "Deployment",
	    &err);
	CHECK(one != NULL);
	/* someone else sets an env var on container c */
	json_object_set_new(json_array_get(json_object_get(json_object_get(
	    json_object_get(json_object_get(one, "spec"), "template"), "spec"),
	    "containers"), 0), "env", J("[{\"name\":\"E\",\"value\":\"v\"}]"));
	json_decref(cfg);
	/* the manager drops label b and container s, changes c's image */
	cfg = J("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
	    "\"metadata\":{\"name\":\"d\",\"labels\":{\"a\":\"1\"}},"
	    "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\","
	    "\"image\":\"i2\"}]}}}}");
	two = managed_apply(one, cfg, "mgr", 0, "apps/v1", "Deployment", &err);
	CHECK(two != NULL);
	CHECK_STR(S(json_object_get(json_object_get(two, "metadata"),
	    "labels")), "{\"a\":\"1\"}");
	CHECK_STR(S(json_object_get(json_object_get(json_object_get(
	    json_object_get(two, "spec"), "template"), "spec"), "containers")),
	    "[{\"env\":[{\"name\":\"E\",\"value\":\"v\"}],\"image\":\"i2\","
	    "\"name\":\"c\"}]");
	json_decref(cfg);
	json_decref(one);
	json_decref(two);
}

static void
test_default_manager(void)
{
	char m[64];

	managed_default_manager("kubectl/v1.33.0 (linux/amd64) kubernetes/x",
	    m, sizeof m);
	CHECK_STR(m, "kubectl");
	managed_default_manager(NULL, m, sizeof m);
	CHECK_STR(m, "unknown");
}

int
main(void)
{
	RUN(test_fieldset);
	RUN(test_update);
	RUN(test_apply_conflict);
	RUN(test_apply_removes);
	RUN(test_default_manager);
	return TEST_EXIT();
}
