/* test-srv-policy.c - unit tests for server/policy.c (the RBAC bootstrap
 * policy: its objects, rule coverage, reconciliation) and for what it
 * grants through server/auth.c's evaluation: discovery and health for
 * every user, the public paths for the anonymous user, admin/edit/view,
 * and the reasons of a denial; then the policy written into a real
 * SQLite store and reconciled there, and auth.c answering from the watch
 * cache through its index of bindings.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../server/auth.h"
#include "../../server/cache.h"
#include "../../server/policy.h"
#include "../../server/server.h"
#include "test.h"

static json_t *
j(const char *s)
{
	json_error_t je;
	json_t *v = json_loads(s, 0, &je);

	if (v == NULL)
		printf("#   bad JSON in the test: %s\n", je.text);
	return v;
}

static const json_t *
find(const json_t *list, const char *name)
{
	const json_t *o;
	size_t i;

	json_array_foreach(list, i, o)
		if (strcmp(json_string_value(json_object_get(json_object_get(o,
		    "metadata"), "name")), name) == 0)
			return o;
	return NULL;
}

static void
test_objects(void)
{
	json_t *roles = policy_cluster_roles();
	json_t *bindings = policy_cluster_role_bindings();
	const struct registry_kind *kr = registry_find(
	    "rbac.authorization.k8s.io", "clusterroles");
	const struct registry_kind *kb = registry_find(
	    "rbac.authorization.k8s.io", "clusterrolebindings");
	const json_t *o, *m;
	struct err err;
	char *s;
	size_t i;

	CHECK(json_array_size(roles) >= 20);
	CHECK(json_array_size(bindings) >= 10);
	/* every object is valid, labelled and annotated as upstream's */
	json_array_foreach(roles, i, o) {
		err_clear(&err);
		CHECK_INT(kr->validate(o, NULL, &err), 0);
		m = json_object_get(o, "metadata");
		CHECK_STR(json_string_value(json_object_get(json_object_get(m,
		    "labels"), "kubernetes.io/bootstrapping")), "rbac-defaults");
		CHECK_STR(json_string_value(json_object_get(json_object_get(m,
		    "annotations"), POLICY_AUTOUPDATE)), "true");
	}
	json_array_foreach(bindings, i, o) {
		err_clear(&err);
		CHECK_INT(kb->validate(o, NULL, &err), 0);
		CHECK(find(roles, json_string_value(json_object_get(
		    json_object_get(o, "roleRef"), "name"))) != NULL);
	}
	/* the aggregated roles and who they aggregate into */
	o = find(roles, "view");
	CHECK(json_object_get(o, "rules") == NULL);
	s = json_dumps(json_object_get(o, "aggregationRule"), JSON_COMPACT);
	CHECK_STR(s, "{\"clusterRoleSelectors\":[{\"matchLabels\":"
	    "{\"rbac.authorization.k8s.io/aggregate-to-view\":\"true\"}}]}");
	free(s);
	CHECK_STR(json_string_value(json_object_get(json_object_get(
	    json_object_get(o, "metadata"), "labels"),
	    "rbac.authorization.k8s.io/aggregate-to-edit")), "true");
	o = find(roles, "system:discovery");
	s = json_dumps(json_object_get(o, "rules"), JSON_COMPACT);
	CHECK_STR(s, "[{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/api\","
	    "\"/api/*\",\"/apis\",\"/apis/*\",\"/healthz\",\"/livez\","
	    "\"/openapi\",\"/openapi/*\",\"/readyz\",\"/version\","
	    "\"/version/\"]}]");
	free(s);
	o = find(bindings, "system:public-info-viewer");
	s = json_dumps(json_object_get(o, "subjects"), JSON_COMPACT);
	CHECK_STR(s, "[{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":"
	    "\"Group\",\"name\":\"system:authenticated\"},{\"apiGroup\":"
	    "\"rbac.authorization.k8s.io\",\"kind\":\"Group\",\"name\":"
	    "\"system:unauthenticated\"}]");
	free(s);
	o = find(bindings, "system:kube-dns");
	s = json_dumps(json_object_get(o, "subjects"), JSON_COMPACT);
	CHECK_STR(s, "[{\"kind\":\"ServiceAccount\",\"name\":\"kube-dns\","
	    "\"namespace\":\"kube-system\"}]");
	free(s);
	json_decref(roles);
	json_decref(bindings);
}

static void
test_uncovered(void)
{
	json_t *have = j("[{\"verbs\":[\"get\",\"list\"],\"apiGroups\":[\"\"],"
	    "\"resources\":[\"pods\",\"*/status\"]},{\"verbs\":[\"*\"],"
	    "\"apiGroups\":[\"apps\"],\"resources\":[\"deployments\"],"
	    "\"resourceNames\":[\"web\"]},{\"verbs\":[\"get\"],"
	    "\"nonResourceURLs\":[\"/healthz\",\"/api/*\"]}]");
	json_t *want, *miss;
	char *s;

	/* everything covered: pods, a subresource through "*" + "/status",
	 * a name inside a named rule, URLs through a prefix */
	want = j("[{\"verbs\":[\"list\"],\"apiGroups\":[\"\"],\"resources\":"
	    "[\"pods\",\"nodes/status\"]},{\"verbs\":[\"delete\"],"
	    "\"apiGroups\":[\"apps\"],\"resources\":[\"deployments\"],"
	    "\"resourceNames\":[\"web\"]},{\"verbs\":[\"get\"],"
	    "\"nonResourceURLs\":[\"/api/v1\",\"/healthz\"]}]");
	miss = policy_uncovered(have, want);
	CHECK_INT(json_array_size(miss), 0);
	json_decref(miss);
	json_decref(want);
	/* broken down: what is left, one verb and resource (or URL) each;
	 * a named rule does not cover the unnamed one */
	want = j("[{\"verbs\":[\"get\",\"watch\"],\"apiGroups\":[\"\"],"
	    "\"resources\":[\"pods\",\"secrets\"]},{\"verbs\":[\"get\"],"
	    "\"apiGroups\":[\"apps\"],\"resources\":[\"deployments\"]},"
	    "{\"verbs\":[\"get\",\"post\"],\"nonResourceURLs\":[\"/healthz\","
	    "\"/version\"]}]");
	miss = policy_uncovered(have, want);
	s = json_dumps(miss, JSON_COMPACT);
	CHECK_STR(s, "[{\"verbs\":[\"watch\"],\"apiGroups\":[\"\"],"
	    "\"resources\":[\"pods\"]},{\"verbs\":[\"get\"],\"apiGroups\":"
	    "[\"\"],\"resources\":[\"secrets\"]},{\"verbs\":[\"watch\"],"
	    "\"apiGroups\":[\"\"],\"resources\":[\"secrets\"]},{\"verbs\":"
	    "[\"get\"],\"apiGroups\":[\"apps\"],\"resources\":"
	    "[\"deployments\"]},{\"verbs\":[\"post\"],\"nonResourceURLs\":"
	    "[\"/healthz\"]},{\"verbs\":[\"get\"],\"nonResourceURLs\":"
	    "[\"/version\"]},{\"verbs\":[\"post\"],\"nonResourceURLs\":"
	    "[\"/version\"]}]");
	free(s);
	json_decref(miss);
	json_decref(want);
	json_decref(have);
}

static void
test_reconcile(void)
{
	json_t *roles = policy_cluster_roles();
	json_t *bindings = policy_cluster_role_bindings();
	const json_t *want = find(roles, "system:discovery");
	json_t *cur, *out;
	char *s;
	int recreate;

	/* up to date: nothing to do */
	CHECK(policy_reconcile_role(want, want) == NULL);
	/* a user's label value stays, a missing annotation and the missing
	 * URLs are added (broken down), a user's own rule stays */
	cur = j("{\"metadata\":{\"name\":\"system:discovery\",\"labels\":"
	    "{\"kubernetes.io/bootstrapping\":\"mine\"}},\"rules\":[{\"verbs\":"
	    "[\"get\"],\"nonResourceURLs\":[\"/api\",\"/api/*\",\"/apis\","
	    "\"/apis/*\",\"/healthz\",\"/livez\",\"/openapi\",\"/openapi/*\","
	    "\"/readyz\",\"/version/\"]},{\"verbs\":[\"get\"],\"apiGroups\":"
	    "[\"\"],\"resources\":[\"pods\"]}]}");
	out = policy_reconcile_role(cur, want);
	CHECK(out != NULL);
	s = json_dumps(out, JSON_COMPACT);
	CHECK_STR(s, "{\"metadata\":{\"name\":\"system:discovery\",\"labels\":"
	    "{\"kubernetes.io/bootstrapping\":\"mine\"},\"annotations\":"
	    "{\"rbac.authorization.kubernetes.io/autoupdate\":\"true\"}},"
	    "\"rules\":[{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/api\","
	    "\"/api/*\",\"/apis\",\"/apis/*\",\"/healthz\",\"/livez\","
	    "\"/openapi\",\"/openapi/*\",\"/readyz\",\"/version/\"]},"
	    "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":"
	    "[\"pods\"]},{\"verbs\":[\"get\"],\"nonResourceURLs\":"
	    "[\"/version\"]}]}");
	free(s);
	json_decref(out);
	/* autoupdate "false" protects it */
	json_object_set_new(json_object_get(cur, "metadata"), "annotations",
	    j("{\"rbac.authorization.kubernetes.io/autoupdate\":\"false\"}"));
	CHECK(policy_reconcile_role(cur, want) == NULL);
	json_decref(cur);

	/* an aggregated role keeps its aggregated rules; a lost selector
	 * comes back */
	want = find(roles, "view");
	cur = json_deep_copy(want);
	json_object_set_new(cur, "rules", j("[{\"verbs\":[\"get\"],"
	    "\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}]"));
	CHECK(policy_reconcile_role(cur, want) == NULL);
	json_object_set_new(cur, "aggregationRule", j("{\"clusterRoleSelectors\":"
	    "[{\"matchLabels\":{\"mine\":\"true\"}}]}"));
	out = policy_reconcile_role(cur, want);
	s = json_dumps(json_object_get(out, "aggregationRule"), JSON_COMPACT);
	CHECK_STR(s, "{\"clusterRoleSelectors\":[{\"matchLabels\":{\"mine\":"
	    "\"true\"}},{\"matchLabels\":{\"rbac.authorization.k8s.io/"
	    "aggregate-to-view\":\"true\"}}]}");
	free(s);
	CHECK(json_array_size(json_object_get(out, "rules")) == 1);
	json_decref(out);
	json_decref(cur);

	/* bindings: missing subjects added, other subjects kept; another
	 * roleRef is made again */
	want = find(bindings, "system:basic-user");
	cur = json_deep_copy(want);
	json_object_set_new(cur, "subjects", j("[{\"kind\":\"User\","
	    "\"name\":\"x\",\"apiGroup\":\"rbac.authorization.k8s.io\"}]"));
	out = policy_reconcile_binding(cur, want, &recreate);
	CHECK_INT(recreate, 0);
	CHECK_INT(json_array_size(json_object_get(out, "subjects")), 2);
	json_decref(out);
	CHECK(policy_reconcile_binding(want, want, &recreate) == NULL);
	json_object_set_new(json_object_get(cur, "roleRef"), "name",
	    json_string("view"));
	out = policy_reconcile_binding(cur, want, &recreate);
	CHECK_INT(recreate, 1);
	CHECK(json_equal(out, (json_t *)want));
	json_decref(out);
	json_decref(cur);
	json_decref(roles);
	json_decref(bindings);
}

/* The bootstrap policy as auth_rbac arrays, plus extra objects. */
struct fixture {
	json_t		*roles, *bindings, *rbs, *rs;
	const json_t	*crb[64], *cr[64], *rb[8], *r[8];
	struct auth_rbac rbac;
};

static void
fixture_init(struct fixture *f)
{
	size_t i;

	memset(f, 0, sizeof *f);
	f->roles = policy_cluster_roles();
	f->bindings = policy_cluster_role_bindings();
	/* view as the aggregation controller leaves it */
	json_object_set((json_t *)find(f->roles, "view"), "rules",
	    json_object_get(find(f->roles, "system:aggregate-to-view"),
	    "rules"));
	json_array_append_new(f->bindings, j("{\"metadata\":{\"name\":"
	    "\"viewers\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":"
	    "\"view\"},\"subjects\":[{\"kind\":\"User\",\"name\":"
	    "\"viewer\"}]}"));
	json_array_append_new(f->bindings, j("{\"metadata\":{\"name\":"
	    "\"broken\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":"
	    "\"gone\"},\"subjects\":[{\"kind\":\"User\",\"name\":"
	    "\"ghost\"}]}"));
	f->rbs = j("[{\"metadata\":{\"name\":\"b\",\"namespace\":\"ns1\"},"
	    "\"roleRef\":{\"kind\":\"Role\",\"name\":\"nope\"},\"subjects\":"
	    "[{\"kind\":\"User\",\"name\":\"ghost\"}]}]");
	f->rs = json_array();
	for (i = 0; i < json_array_size(f->roles) && i < 64; i++)
		f->cr[i] = json_array_get(f->roles, i);
	for (i = 0; i < json_array_size(f->bindings) && i < 64; i++)
		f->crb[i] = json_array_get(f->bindings, i);
	f->rb[0] = json_array_get(f->rbs, 0);
	f->rbac.crbs = f->crb;
	f->rbac.ncrbs = json_array_size(f->bindings);
	f->rbac.crs = f->cr;
	f->rbac.ncrs = json_array_size(f->roles);
	f->rbac.rbs = f->rb;
	f->rbac.nrbs = 1;
	f->rbac.roles = f->r;
	f->rbac.nroles = 0;
}

static void
fixture_release(struct fixture *f)
{
	json_decref(f->roles);
	json_decref(f->bindings);
	json_decref(f->rbs);
	json_decref(f->rs);
}

static void
user(struct auth_user *u, const char *name)
{
	memset(u, 0, sizeof *u);
	snprintf(u->name, sizeof u->name, "%s", name);
	snprintf(u->groups[0], sizeof u->groups[0], "system:authenticated");
	u->ngroups = 1;
}

static int
path(const struct fixture *f, const struct auth_user *u, const char *verb,
    const char *p)
{
	return auth_rbac_decide(&f->rbac, u, verb, "", "", "", "", p, NULL);
}

static void
test_grants(void)
{
	struct fixture f;
	struct auth_user u;
	struct buf why = BUF_INIT(4096);

	fixture_init(&f);
	/* every authenticated user: discovery, health, self reviews */
	user(&u, "nobody");
	CHECK_INT(path(&f, &u, "get", "/healthz"), 1);
	CHECK_INT(path(&f, &u, "get", "/readyz"), 1);
	CHECK_INT(path(&f, &u, "get", "/version"), 1);
	CHECK_INT(path(&f, &u, "get", "/apis/apps/v1"), 1);
	CHECK_INT(path(&f, &u, "get", "/openapi/v3/apis/apps/v1"), 1);
	CHECK_INT(path(&f, &u, "get", "/healthz/etcd"), 0);
	CHECK_INT(path(&f, &u, "get", "/foo"), 0);
	CHECK_INT(path(&f, &u, "post", "/api"), 0);
	CHECK_INT(path(&f, &u, "head", "/version"), 0);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "create",
	    "authorization.k8s.io", "selfsubjectaccessreviews", "", ""), 1);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "create",
	    "authorization.k8s.io", "subjectaccessreviews", "", ""), 0);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "list", "", "pods", "x", ""),
	    0);
	/* the anonymous user: only the public information */
	auth_anonymous(&u);
	CHECK_STR(u.name, "system:anonymous");
	CHECK_INT(path(&f, &u, "get", "/healthz"), 1);
	CHECK_INT(path(&f, &u, "get", "/version/"), 1);
	CHECK_INT(path(&f, &u, "get", "/api"), 0);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "create",
	    "authorization.k8s.io", "selfsubjectaccessreviews", "", ""), 0);
	/* system:monitoring sees the checks one by one */
	user(&u, "prometheus");
	snprintf(u.groups[u.ngroups++], sizeof u.groups[0],
	    "system:monitoring");
	CHECK_INT(path(&f, &u, "get", "/healthz/etcd"), 1);
	CHECK_INT(path(&f, &u, "get", "/metrics"), 1);
	/* view: read, not write, not secrets */
	user(&u, "viewer");
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "list", "", "pods", "x", ""),
	    1);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "get", "apps", "deployments",
	    "x", "web"), 1);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "create", "", "pods", "x",
	    ""), 0);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "get", "", "secrets", "x",
	    "s"), 0);
	/* nodes: system:node */
	user(&u, "kubec:node");
	snprintf(u.groups[u.ngroups++], sizeof u.groups[0], "system:nodes");
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "update", "", "nodes/status",
	    "", "n1"), 1);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "delete", "", "secrets", "x",
	    "s"), 0);
	/* ... and its ingress controller */
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "watch", "networking.k8s.io",
	    "ingressclasses", "", ""), 1);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "update", "networking.k8s.io",
	    "ingresses/status", "x", "i"), 1);
	CHECK_INT(auth_rbac_allows(&f.rbac, &u, "update", "networking.k8s.io",
	    "ingresses", "x", "i"), 0);
	/* a binding to a role that is not there: the reason says so */
	user(&u, "ghost");
	CHECK_INT(auth_rbac_decide(&f.rbac, &u, "get", "", "pods", "", "p",
	    NULL, &why), 0);
	CHECK_STR(buf_str(&why), "RBAC: clusterrole.rbac.authorization.k8s.io "
	    "\"gone\" not found");
	buf_reset(&why);
	CHECK_INT(auth_rbac_decide(&f.rbac, &u, "get", "", "pods", "ns1", "p",
	    NULL, &why), 0);
	CHECK_STR(buf_str(&why), "RBAC: [clusterrole.rbac.authorization.k8s.io "
	    "\"gone\" not found, role.rbac.authorization.k8s.io \"nope\" not "
	    "found]");
	buf_release(&why);
	fixture_release(&f);
}

static char tdir[256];

static int
t_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(p);
}

static json_t *
t_get(struct store *s, const char *key)
{
	struct store_kv kv;
	struct err err;
	json_t *o;

	err_clear(&err);
	if (store_get(s, key, &kv, &err) < 0)
		return NULL;
	o = object_decode(kv.value, kv.value_len, kv.mod_rev, &err);
	store_kv_release(&kv);
	return o;
}

/* Writes an RBAC object (JSON text) and waits until the cache has it. */
static void
t_put(struct store *s, struct cache *c, const char *resource,
    const char *ns, const char *json, int del)
{
	const struct registry_kind *k = registry_find(
	    "rbac.authorization.k8s.io", resource);
	json_t *o = j(json);
	const char *name = json_string_value(json_object_get(json_object_get(o,
	    "metadata"), "name"));
	char key[512], *data;
	struct err err;
	size_t len;
	int64_t rev = 0;

	err_clear(&err);
	object_key(k, ns, name, key, sizeof key);
	data = object_encode(o, &len, NULL);
	if (del)
		CHECK_INT(store_delete(s, key, 0, NULL, &rev, &err), 0);
	else
		CHECK_INT(store_create(s, key, data, len, &rev, &err), 0);
	cache_note(c, rev);
	free(data);
	json_decref(o);
}

static void
test_store_and_cache(void)
{
	struct store *s;
	struct cache *c;
	struct auth a;
	struct auth_user u;
	struct err err;
	char key[512], *data;
	json_t *o;
	size_t len;
	int64_t rev0, rev1, comp, rev;

	err_clear(&err);
	s = store_open(tdir, NULL, &err);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	/* created once; a second start changes nothing */
	CHECK_INT(policy_ensure(s, &err), 0);
	store_revision(s, &rev0, &comp, &err);
	CHECK_INT(policy_ensure(s, &err), 0);
	store_revision(s, &rev1, &comp, &err);
	CHECK_INT(rev1, rev0);
	snprintf(key, sizeof key,
	    "/registry/rbac.authorization.k8s.io/clusterroles/system:discovery");
	o = t_get(s, key);
	CHECK(o != NULL);
	CHECK_STR(json_string_value(json_object_get(json_array_get(
	    json_object_get(json_object_get(o, "metadata"), "managedFields"),
	    0), "manager")), "kube-apiserver");
	CHECK(json_object_get(json_object_get(o, "metadata"), "uid") != NULL);
	/* a role that lost its rules gets them back at the next start */
	json_object_del(o, "rules");
	data = object_encode(o, &len, NULL);
	CHECK_INT(store_update(s, key, data, len, 0, &rev, &err), 0);
	free(data);
	json_decref(o);
	CHECK_INT(policy_ensure(s, &err), 0);
	o = t_get(s, key);
	CHECK_INT(json_array_size(json_object_get(o, "rules")), 11);
	json_decref(o);

	/* auth over the cache and its index */
	c = cache_open(s, &err);
	CHECK(c != NULL);
	CHECK_INT(auth_init(&a, tdir, NULL, &err), 0);
	a.cache = c;
	user(&u, "bob");
	CHECK_INT(auth_path_allowed(&a, &u, "get", "/version"), 1);
	CHECK_INT(auth_path_allowed(&a, &u, "get", "/foo"), 0);
	CHECK_INT(auth_allowed(&a, &u, "list", "", "pods", "team", ""), 0);
	/* a new binding is seen by the next request, in its namespace only */
	t_put(s, c, "rolebindings", "team", "{\"apiVersion\":"
	    "\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\","
	    "\"metadata\":{\"name\":\"bob\",\"namespace\":\"team\"},"
	    "\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":"
	    "\"system:aggregate-to-view\"},\"subjects\":[{\"kind\":"
	    "\"User\",\"name\":\"bob\"}]}", 0);
	CHECK_INT(auth_allowed(&a, &u, "list", "", "pods", "team", ""), 1);
	CHECK_INT(auth_allowed(&a, &u, "list", "", "pods", "other", ""), 0);
	CHECK_INT(auth_allowed(&a, &u, "create", "", "pods", "team", ""), 0);
	/* service accounts of the binding's namespace, groups */
	user(&u, "system:serviceaccount:team:ci");
	CHECK_INT(auth_allowed(&a, &u, "list", "", "pods", "team", ""), 0);
	t_put(s, c, "clusterrolebindings", "", "{\"apiVersion\":"
	    "\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\","
	    "\"metadata\":{\"name\":\"ci\"},\"roleRef\":{\"kind\":"
	    "\"ClusterRole\",\"name\":\"system:aggregate-to-edit\"},"
	    "\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":\"ci\","
	    "\"namespace\":\"team\"},{\"kind\":\"Group\",\"name\":"
	    "\"deployers\"}]}", 0);
	CHECK_INT(auth_allowed(&a, &u, "create", "", "pods", "any", ""), 1);
	user(&u, "carol");
	CHECK_INT(auth_allowed(&a, &u, "create", "", "pods", "any", ""), 0);
	snprintf(u.groups[u.ngroups++], sizeof u.groups[0], "deployers");
	CHECK_INT(auth_allowed(&a, &u, "create", "", "pods", "any", ""), 1);
	/* and gone once deleted */
	t_put(s, c, "clusterrolebindings", "", "{\"metadata\":{\"name\":"
	    "\"ci\"}}", 1);
	CHECK_INT(auth_allowed(&a, &u, "create", "", "pods", "any", ""), 0);
	/* the anonymous user: public information only */
	auth_anonymous(&u);
	CHECK_INT(auth_path_allowed(&a, &u, "get", "/readyz"), 1);
	CHECK_INT(auth_path_allowed(&a, &u, "get", "/apis"), 0);
	auth_release(&a);
	cache_shutdown(c);
	cache_close(c);
	store_close(s);
}

int
main(void)
{
	int rc;

	snprintf(tdir, sizeof tdir, "%s/kubec-policyXXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	RUN(test_objects);
	RUN(test_uncovered);
	RUN(test_reconcile);
	RUN(test_grants);
	RUN(test_store_and_cache);
	rc = TEST_EXIT();
	nftw(tdir, t_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
