/* test-srv-openapi.c - unit tests for server/openapi.c: the /openapi/v3
 * index and group-version documents built from registry_kinds[], and the
 * /openapi/v2 answers kubectl 1.27 and 1.28 need.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../server/openapi.h"
#include "../../server/registry/registry.h"
#include "test.h"

static json_t *
load(const struct buf *b)
{
	json_error_t je;

	return json_loadb(b->data ? b->data : "", b->len, 0, &je);
}

static void
gv_of(const struct registry_kind *k, char *out, size_t len)
{
	if (k->group[0] == '\0')
		snprintf(out, len, "api/%s", k->version);
	else
		snprintf(out, len, "apis/%s/%s", k->group, k->version);
}

static json_t *
gv_doc(const char *gv)
{
	struct buf b = BUF_INIT(BUF_CAP_DEFAULT);
	struct err e;
	json_t *doc = NULL;

	err_clear(&e);
	if (openapi_v3_gv(gv, &b, &e) == 0)
		doc = load(&b);
	buf_release(&b);
	return doc;
}

static void
test_index(void)
{
	struct buf b = BUF_INIT(BUF_CAP_DEFAULT);
	json_t *idx, *paths, *e;
	const char *url, *hash;
	char gv[256], want[512];
	int i;

	CHECK_INT(openapi_v3_index(&b), 0);
	idx = load(&b);
	CHECK(idx != NULL);
	paths = json_object_get(idx, "paths");
	CHECK(json_is_object(paths));
	for (i = 0; registry_kinds[i] != NULL; i++) {
		gv_of(registry_kinds[i], gv, sizeof gv);
		e = json_object_get(paths, gv);
		CHECK(e != NULL);
		url = json_string_value(json_object_get(e, "serverRelativeURL"));
		hash = openapi_v3_hash(gv);
		CHECK(url != NULL && hash != NULL);
		if (url == NULL || hash == NULL)
			continue;
		snprintf(want, sizeof want, "/openapi/v3/%s?hash=%s", gv, hash);
		CHECK_STR(url, want);
		CHECK_INT(strlen(hash), 64);
	}
	json_decref(idx);
	buf_release(&b);
}

/* The PATCH operation of a GVK, found the way kubectl finds it. */
static json_t *
patch_op(json_t *doc, const char *group, const char *version,
    const char *kind)
{
	const char *path;
	json_t *item, *op, *gvk;

	json_object_foreach(json_object_get(doc, "paths"), path, item) {
		op = json_object_get(item, "patch");
		gvk = json_object_get(op, "x-kubernetes-group-version-kind");
		if (op == NULL || gvk == NULL)
			continue;
		if (strcmp(json_string_value(json_object_get(gvk, "group")),
		    group) == 0 &&
		    strcmp(json_string_value(json_object_get(gvk, "version")),
		    version) == 0 &&
		    strcmp(json_string_value(json_object_get(gvk, "kind")),
		    kind) == 0)
			return op;
	}
	return NULL;
}

static int
has_param(json_t *op, const char *name)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(op, "parameters"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "name")),
		    name) == 0)
			return 1;
	return 0;
}

/* Every served kind: a PATCH op with fieldValidation, a schema with its GVK. */
static void
test_every_kind(void)
{
	const struct registry_kind *k;
	json_t *doc, *op;
	char gv[256];
	int i;

	for (i = 0; registry_kinds[i] != NULL; i++) {
		k = registry_kinds[i];
		gv_of(k, gv, sizeof gv);
		doc = gv_doc(gv);
		CHECK(doc != NULL);
		CHECK_STR(json_string_value(json_object_get(doc, "openapi")),
		    "3.0.0");
		if (k->flags & REG_CREATE_ONLY) {
			json_decref(doc);
			continue;
		}
		op = patch_op(doc, k->group, k->version, k->kind);
		if (op == NULL)
			printf("#   no PATCH for %s %s\n", gv, k->kind);
		CHECK(op != NULL);
		CHECK(has_param(op, "fieldValidation"));
		CHECK(has_param(op, "dryRun"));
		CHECK(has_param(op, "fieldManager"));
		CHECK_STR(json_string_value(json_object_get(op,
		    "x-kubernetes-action")), "patch");
		json_decref(doc);
	}
}

static void
test_deployment(void)
{
	json_t *doc, *schemas, *d, *gvk, *c, *ports, *op;
	struct err e;
	struct buf b = BUF_INIT(BUF_CAP_DEFAULT);

	if (registry_find("apps", "deployments") == NULL) {
		printf("# skip: deployments not registered\n");
		return;
	}
	doc = gv_doc("apis/apps/v1");
	CHECK(doc != NULL);
	op = json_object_get(json_object_get(json_object_get(doc, "paths"),
	    "/apis/apps/v1/namespaces/{namespace}/deployments/{name}"),
	    "patch");
	CHECK(op != NULL);
	CHECK(has_param(op, "fieldValidation"));
	schemas = json_object_get(json_object_get(doc, "components"),
	    "schemas");
	d = json_object_get(schemas, "io.k8s.api.apps.v1.Deployment");
	CHECK(d != NULL);
	gvk = json_array_get(json_object_get(d,
	    "x-kubernetes-group-version-kind"), 0);
	CHECK_STR(json_string_value(json_object_get(gvk, "group")), "apps");
	CHECK_STR(json_string_value(json_object_get(gvk, "kind")),
	    "Deployment");
	c = json_object_get(json_object_get(json_object_get(schemas,
	    "io.k8s.api.core.v1.PodSpec"), "properties"), "containers");
	CHECK_STR(json_string_value(json_object_get(c,
	    "x-kubernetes-patch-merge-key")), "name");
	CHECK_STR(json_string_value(json_object_get(c,
	    "x-kubernetes-patch-strategy")), "merge");
	ports = json_object_get(json_object_get(json_object_get(schemas,
	    "io.k8s.api.core.v1.Container"), "properties"), "ports");
	CHECK_STR(json_string_value(json_object_get(ports,
	    "x-kubernetes-patch-merge-key")), "containerPort");
	/* every $ref resolves inside the document */
	CHECK(json_object_get(schemas,
	    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta") != NULL);
	CHECK(json_object_get(schemas, "io.k8s.api.autoscaling.v1.Scale")
	    != NULL);
	json_decref(doc);

	err_clear(&e);
	CHECK_INT(openapi_v3_gv("apis/nope/v1", &b, &e), -1);
	CHECK_INT(e.reason, ERR_NOT_FOUND);
	buf_release(&b);
}

static void
check_refs(json_t *node, json_t *schemas, int *bad)
{
	const char *key, *ref;
	json_t *v;
	size_t i;

	if (json_is_array(node)) {
		json_array_foreach(node, i, v)
			check_refs(v, schemas, bad);
		return;
	}
	if (!json_is_object(node))
		return;
	ref = json_string_value(json_object_get(node, "$ref"));
	if (ref != NULL && (strncmp(ref, "#/components/schemas/", 21) != 0 ||
	    json_object_get(schemas, ref + 21) == NULL)) {
		printf("#   dangling %s\n", ref);
		(*bad)++;
	}
	json_object_foreach(node, key, v)
		check_refs(v, schemas, bad);
}

static void
test_refs_resolve(void)
{
	json_t *doc;
	char gv[256];
	int i, bad = 0;

	for (i = 0; registry_kinds[i] != NULL; i++) {
		gv_of(registry_kinds[i], gv, sizeof gv);
		doc = gv_doc(gv);
		check_refs(doc, json_object_get(json_object_get(doc,
		    "components"), "schemas"), &bad);
		json_decref(doc);
	}
	CHECK_INT(bad, 0);
}

static void
test_handle(void)
{
	struct buf b = BUF_INIT(BUF_CAP_DEFAULT);
	const char *ct = NULL;
	char etag[80];
	struct err e;
	json_t *doc;

	err_clear(&e);
	CHECK_INT(openapi_handle("/openapi/v3", NULL, "application/json", &b,
	    &ct, etag, sizeof etag, &e), 200);
	CHECK_STR(ct, "application/json");
	CHECK(etag[0] != '\0');
	doc = load(&b);
	CHECK(json_object_get(doc, "paths") != NULL);
	json_decref(doc);

	buf_reset(&b);
	CHECK_INT(openapi_handle("/openapi/v3/api/v1", "hash=X&timeout=32s",
	    "application/json", &b, &ct, etag, sizeof etag, &e), 200);
	CHECK_STR(etag, openapi_v3_hash("api/v1"));
	buf_reset(&b);
	CHECK(openapi_handle("/openapi/v3/apis/none/v9", NULL, "", &b, &ct,
	    etag, sizeof etag, &e) < 0);
	CHECK_INT(e.reason, ERR_NOT_FOUND);
	err_clear(&e);
	CHECK(openapi_handle("/openapi/v3/api/v1", NULL,
	    "application/com.github.proto-openapi.spec.v3@v1.0+protobuf",
	    &b, &ct, etag, sizeof etag, &e) < 0);
	CHECK_INT(e.reason, ERR_NOT_ACCEPTABLE);

	/* kubectl 1.27/1.28: protobuf v2, a gnostic Document "2.0" */
	buf_reset(&b);
	CHECK_INT(openapi_handle("/openapi/v2", NULL,
	    "application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
	    &b, &ct, etag, sizeof etag, &e), 200);
	CHECK_STR(ct, "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
	CHECK_INT(b.len, 5);
	CHECK(b.len == 5 && memcmp(b.data, "\x0a\x03" "2.0", 5) == 0);
	buf_reset(&b);
	CHECK_INT(openapi_handle("/openapi/v2", NULL, "application/json", &b,
	    &ct, etag, sizeof etag, &e), 200);
	CHECK_STR(ct, "application/json");
	doc = load(&b);
	CHECK_STR(json_string_value(json_object_get(doc, "swagger")), "2.0");
	CHECK(json_object_size(json_object_get(doc, "definitions")) > 0);
	json_decref(doc);
	buf_release(&b);
}

int
main(int argc, char **argv)
{
	struct buf b = BUF_INIT(BUF_CAP_DEFAULT);
	char path[512], gv[256];
	size_t i;
	int k;
	FILE *f;

	/* test-srv-openapi DIR: dump the documents for a mock server */
	if (argc == 2) {
		openapi_v3_index(&b);
		snprintf(path, sizeof path, "%s/index.json", argv[1]);
		if ((f = fopen(path, "w")) == NULL)
			return 1;
		fwrite(b.data, 1, b.len, f);
		fclose(f);
		for (k = 0; registry_kinds[k] != NULL; k++) {
			struct err e;

			gv_of(registry_kinds[k], gv, sizeof gv);
			buf_reset(&b);
			if (openapi_v3_gv(gv, &b, &e) < 0)
				return 1;
			for (i = 0; gv[i] != '\0'; i++)
				if (gv[i] == '/')
					gv[i] = '_';
			snprintf(path, sizeof path, "%s/%s.json", argv[1], gv);
			if ((f = fopen(path, "w")) == NULL)
				return 1;
			fwrite(b.data, 1, b.len, f);
			fclose(f);
		}
		buf_release(&b);
		return 0;
	}
	RUN(test_index);
	RUN(test_every_kind);
	RUN(test_deployment);
	RUN(test_refs_resolve);
	RUN(test_handle);
	return TEST_EXIT();
}
