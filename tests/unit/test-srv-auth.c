/* test-srv-auth.c - unit tests for server/auth.c (tokens, the token file,
 * RBAC rule and binding evaluation) and server/pki.c (CA, serving and
 * client certificates). */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <jansson.h>

#include "../../lib/err.h"
#include "../../server/auth.h"
#include "../../lib/pki.h"
#include "test.h"

static char tdir[256];

static char *
t_path(const char *name)
{
	static char path[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof path[i], "%s/%s", tdir, name);
	return path[i];
}

static void
t_write(const char *name, const char *content)
{
	FILE *f = fopen(t_path(name), "w");

	if (f == NULL) {
		perror(name);
		exit(2);
	}
	fputs(content, f);
	fclose(f);
}

static int
t_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(p);
}

static int
t_mode(const char *name)
{
	struct stat st;

	if (stat(t_path(name), &st) < 0)
		return -1;
	return st.st_mode & 0777;
}

static int
t_has_group(const struct auth_user *u, const char *g)
{
	int i;

	for (i = 0; i < u->ngroups; i++)
		if (strcmp(u->groups[i], g) == 0)
			return 1;
	return 0;
}

/* ---- tokens ---- */

static void
test_tokens(void)
{
	struct auth a, b;
	struct auth_user u;
	struct err err;
	char hdr[300], tok[128];
	size_t i;

	t_write("tokens.csv",
	    "# kube-apiserver --token-auth-file\n"
	    "\n"
	    "tok-alice,alice,uid-1,\"devs,ops\"\r\n"
	    "tok-bob,bob,uid-2\n"
	    "\"tok,quoted\",\"carol \"\"c\"\"\",uid-3,viewers\n"
	    "tok-bob,bobby,uid-4,\n"
	    ",nobody,uid-5\n");
	err_clear(&err);
	CHECK_INT(auth_init(&a, t_path("data"), t_path("tokens.csv"), &err),
	    0);
	CHECK_STR(err.msg, "");
	CHECK_INT(strlen(auth_admin_token(&a)), 64);
	for (i = 0; i < 64; i++)
		CHECK(strchr("0123456789abcdef", auth_admin_token(&a)[i]));
	CHECK_INT(t_mode("data/pki/admin.token"), 0600);
	snprintf(tok, sizeof tok, "%s", auth_admin_token(&a));

	snprintf(hdr, sizeof hdr, "Bearer %s", tok);
	CHECK_INT(auth_token(&a, hdr, &u), 0);
	CHECK_STR(u.name, "kubec-admin");
	CHECK(t_has_group(&u, "system:masters"));
	CHECK(t_has_group(&u, "system:authenticated"));

	CHECK_INT(auth_token(&a, "bearer tok-alice", &u), 0);
	CHECK_STR(u.name, "alice");
	CHECK_STR(u.uid, "uid-1");
	CHECK_INT(u.ngroups, 3);
	CHECK_STR(u.groups[0], "devs");
	CHECK_STR(u.groups[1], "ops");
	CHECK_STR(u.groups[2], "system:authenticated");
	CHECK_INT(auth_token(&a, "  BEARER tok-alice  ", &u), 0);
	/* the last line with a token wins */
	CHECK_INT(auth_token(&a, "Bearer tok-bob", &u), 0);
	CHECK_STR(u.name, "bobby");
	CHECK_STR(u.uid, "uid-4");
	CHECK_INT(u.ngroups, 1);
	CHECK_INT(auth_token(&a, "Bearer tok,quoted", &u), 0);
	CHECK_STR(u.name, "carol \"c\"");
	CHECK_STR(u.groups[0], "viewers");

	CHECK_INT(auth_token(&a, "Bearer nope", &u), -1);
	CHECK_INT(auth_token(&a, "Basic tok-alice", &u), -1);
	CHECK_INT(auth_token(&a, "Bearer ", &u), -1);
	CHECK_INT(auth_token(&a, "Bearer  tok-alice", &u), -1);
	CHECK_INT(auth_token(&a, "tok-alice", &u), -1);
	CHECK_INT(auth_token(&a, "Bearertok-alice", &u), -1);
	CHECK_INT(auth_token(&a, NULL, &u), -1);
	CHECK_INT(auth_token(&a, "Bearer ", &u), -1);

	/* the admin token is kept across restarts */
	CHECK_INT(auth_init(&b, t_path("data"), NULL, &err), 0);
	CHECK_STR(auth_admin_token(&b), tok);
	CHECK_INT(auth_token(&b, "Bearer tok-alice", &u), -1);
	auth_release(&b);
	auth_release(&a);
}

static void
test_token_file_errors(void)
{
	struct auth a;
	struct err err;

	t_write("short.csv", "tok,user-only\n");
	err_clear(&err);
	CHECK_INT(auth_init(&a, t_path("data"), t_path("short.csv"), &err),
	    -1);
	CHECK(strstr(err.msg, "must have at least 3 columns (token, user "
	    "name, user uid), found 2") != NULL);

	t_write("quote.csv", "tok,us\"er,uid\n");
	err_clear(&err);
	CHECK_INT(auth_init(&a, t_path("data"), t_path("quote.csv"), &err),
	    -1);
	CHECK(strstr(err.msg, "line 1: bad CSV") != NULL);

	t_write("open.csv", "a,b,c\n\"tok,user,uid\n");
	err_clear(&err);
	CHECK_INT(auth_init(&a, t_path("data"), t_path("open.csv"), &err),
	    -1);
	CHECK(strstr(err.msg, "line 2: bad CSV") != NULL);

	err_clear(&err);
	CHECK_INT(auth_init(&a, t_path("data"), t_path("absent.csv"), &err),
	    -1);
	CHECK(strstr(err.msg, "absent.csv") != NULL);
}

/* ---- RBAC ---- */

static void
test_rule_allows(void)
{
	static const struct {
		const char *rule;
		const char *verb, *group, *resource, *name;
		int want;
	} t[] = {
		{ "{\"verbs\":[\"get\",\"list\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"pods\"]}", "get", "", "pods", "", 1 },
		{ "{\"verbs\":[\"get\",\"list\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"pods\"]}", "list", "", "pods", "x", 1 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"pods\"]}", "delete", "", "pods", "", 0 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"pods\"]}", "get", "apps", "pods", "", 0 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"pods\"]}", "get", "", "pods/log", "", 0 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"pods/log\"]}", "get", "", "pods/log", "p",
		  1 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"pods/log\"]}", "get", "", "pods", "", 0 },
		{ "{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],"
		  "\"resources\":[\"*\"]}", "deletecollection", "apps",
		  "deployments/scale", "", 1 },
		{ "{\"verbs\":[\"update\"],\"apiGroups\":[\"apps\"],"
		  "\"resources\":[\"*/scale\"]}", "update", "apps",
		  "deployments/scale", "web", 1 },
		{ "{\"verbs\":[\"update\"],\"apiGroups\":[\"apps\"],"
		  "\"resources\":[\"*/scale\"]}", "update", "apps",
		  "deployments", "web", 0 },
		{ "{\"verbs\":[\"update\"],\"apiGroups\":[\"apps\"],"
		  "\"resources\":[\"*/scale\"]}", "update", "apps",
		  "deployments/status", "web", 0 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"configmaps\"],\"resourceNames\":[\"a\","
		  "\"b\"]}", "get", "", "configmaps", "b", 1 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"configmaps\"],\"resourceNames\":[\"a\"]}",
		  "get", "", "configmaps", "c", 0 },
		{ "{\"verbs\":[\"list\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"configmaps\"],\"resourceNames\":[\"a\"]}",
		  "list", "", "configmaps", "", 0 },
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],"
		  "\"resources\":[\"configmaps\"],\"resourceNames\":[]}",
		  "get", "", "configmaps", "", 1 },
		{ "{\"verbs\":[\"get\"],\"resources\":[\"pods\"]}",
		  "get", "", "pods", "", 0 },	/* no apiGroups: none */
		{ "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"]}",
		  "get", "", "pods", "", 0 },
		{ "{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"*\"]}",
		  "get", "", "pods", "", 0 },
		{ "[]", "get", "", "pods", "", 0 },
	};
	json_t *rule;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		rule = json_loads(t[i].rule, 0, NULL);
		CHECK(rule != NULL);
		if (auth_rule_allows(rule, t[i].verb, t[i].group,
		    t[i].resource, t[i].name) != t[i].want) {
			printf("#   case %zu: %s %s %s/%s %s: want %d\n", i,
			    t[i].rule, t[i].verb, t[i].group, t[i].resource,
			    t[i].name, t[i].want);
			CHECK(0);
		}
		json_decref(rule);
	}
	rule = json_loads("{\"verbs\":[\"get\"],\"nonResourceURLs\":"
	    "[\"/healthz\",\"/metrics/*\"]}", 0, NULL);
	CHECK_INT(auth_rule_allows_path(rule, "get", "/healthz"), 1);
	CHECK_INT(auth_rule_allows_path(rule, "get", "/metrics/x"), 1);
	CHECK_INT(auth_rule_allows_path(rule, "get", "/metrics"), 0);
	CHECK_INT(auth_rule_allows_path(rule, "post", "/healthz"), 0);
	json_decref(rule);
}

static void
t_user(struct auth_user *u, const char *name, const char *g1)
{
	memset(u, 0, sizeof *u);
	snprintf(u->name, sizeof u->name, "%s", name);
	if (g1 != NULL)
		snprintf(u->groups[u->ngroups++], sizeof u->groups[0], "%s",
		    g1);
	snprintf(u->groups[u->ngroups++], sizeof u->groups[0],
	    "system:authenticated");
}

static void
test_rbac(void)
{
	json_t *crb = json_loads("{\"metadata\":{\"name\":\"readers\"},"
	    "\"subjects\":[{\"kind\":\"Group\",\"name\":\"readers\"},"
	    "{\"kind\":\"ServiceAccount\",\"name\":\"mon\",\"namespace\":"
	    "\"monitoring\"}],\"roleRef\":{\"kind\":\"ClusterRole\","
	    "\"name\":\"pod-reader\",\"apiGroup\":"
	    "\"rbac.authorization.k8s.io\"}}", 0, NULL);
	json_t *cr = json_loads("{\"metadata\":{\"name\":\"pod-reader\"},"
	    "\"rules\":[{\"verbs\":[\"get\",\"list\",\"watch\"],"
	    "\"apiGroups\":[\"\"],\"resources\":[\"pods\",\"pods/log\"]}]}",
	    0, NULL);
	json_t *cr2 = json_loads("{\"metadata\":{\"name\":\"deployer\"},"
	    "\"rules\":[{\"verbs\":[\"*\"],\"apiGroups\":[\"apps\"],"
	    "\"resources\":[\"deployments\",\"deployments/scale\"]}]}", 0,
	    NULL);
	json_t *rb = json_loads("{\"metadata\":{\"name\":\"dev\","
	    "\"namespace\":\"team-a\"},\"subjects\":[{\"kind\":\"User\","
	    "\"name\":\"alice\"},{\"kind\":\"ServiceAccount\",\"name\":"
	    "\"ci\"}],\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":"
	    "\"deployer\"}}", 0, NULL);
	json_t *rb2 = json_loads("{\"metadata\":{\"name\":\"cm\","
	    "\"namespace\":\"team-a\"},\"subjects\":[{\"kind\":\"Group\","
	    "\"name\":\"system:authenticated\"}],\"roleRef\":{\"kind\":"
	    "\"Role\",\"name\":\"cm-one\"}}", 0, NULL);
	json_t *role = json_loads("{\"metadata\":{\"name\":\"cm-one\","
	    "\"namespace\":\"team-a\"},\"rules\":[{\"verbs\":[\"get\"],"
	    "\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],"
	    "\"resourceNames\":[\"settings\"]}]}", 0, NULL);
	json_t *role_b = json_loads("{\"metadata\":{\"name\":\"cm-one\","
	    "\"namespace\":\"team-b\"},\"rules\":[{\"verbs\":[\"*\"],"
	    "\"apiGroups\":[\"*\"],\"resources\":[\"*\"]}]}", 0, NULL);
	const json_t *crbs[] = { crb }, *crs[] = { cr, cr2 };
	const json_t *rbs[] = { rb, rb2 }, *roles[] = { role_b, role };
	struct auth_rbac r = { crbs, 1, crs, 2, rbs, 2, roles, 2 };
	struct auth_user u;
	struct auth a;

	/* system:masters may do anything, even without objects */
	t_user(&u, "root", "system:masters");
	CHECK_INT(auth_rbac_allows(NULL, &u, "delete", "", "nodes", "", "n"),
	    1);
	/* without objects, nothing (what everyone may do comes from the
	 * bootstrap policy's objects: test-srv-policy) */
	t_user(&u, "nobody", NULL);
	CHECK_INT(auth_rbac_allows(NULL, &u, "create", "authorization.k8s.io",
	    "selfsubjectaccessreviews", "", ""), 0);
	CHECK_INT(auth_rbac_allows(&r, &u, "get", "", "pods", "team-a", "p"),
	    0);

	/* Group through a ClusterRoleBinding: every namespace */
	t_user(&u, "bob", "readers");
	CHECK_INT(auth_rbac_allows(&r, &u, "list", "", "pods", "", ""), 1);
	CHECK_INT(auth_rbac_allows(&r, &u, "get", "", "pods/log", "x", "p"),
	    1);
	CHECK_INT(auth_rbac_allows(&r, &u, "delete", "", "pods", "x", "p"), 0);
	CHECK_INT(auth_rbac_allows(&r, &u, "get", "", "pods/exec", "x", "p"),
	    0);

	/* ServiceAccount with its namespace in a ClusterRoleBinding */
	t_user(&u, "system:serviceaccount:monitoring:mon",
	    "system:serviceaccounts");
	CHECK_INT(auth_rbac_allows(&r, &u, "watch", "", "pods", "", ""), 1);
	t_user(&u, "system:serviceaccount:other:mon", NULL);
	CHECK_INT(auth_rbac_allows(&r, &u, "watch", "", "pods", "", ""), 0);

	/* User through a RoleBinding to a ClusterRole: only its namespace */
	t_user(&u, "alice", NULL);
	CHECK_INT(auth_rbac_allows(&r, &u, "patch", "apps",
	    "deployments/scale", "team-a", "web"), 1);
	CHECK_INT(auth_rbac_allows(&r, &u, "create", "apps", "deployments",
	    "team-a", ""), 1);
	CHECK_INT(auth_rbac_allows(&r, &u, "create", "apps", "deployments",
	    "team-b", ""), 0);
	CHECK_INT(auth_rbac_allows(&r, &u, "list", "apps", "deployments", "",
	    ""), 0);
	CHECK_INT(auth_rbac_allows(&r, &u, "get", "apps", "replicasets",
	    "team-a", ""), 0);

	/* ServiceAccount subject without namespace: the binding's */
	t_user(&u, "system:serviceaccount:team-a:ci", NULL);
	CHECK_INT(auth_rbac_allows(&r, &u, "update", "apps", "deployments",
	    "team-a", "web"), 1);
	t_user(&u, "system:serviceaccount:team-b:ci", NULL);
	CHECK_INT(auth_rbac_allows(&r, &u, "update", "apps", "deployments",
	    "team-a", "web"), 0);

	/* Role of the binding's namespace (not team-b's namesake), and the
	 * implicit system:authenticated group */
	t_user(&u, "zed", NULL);
	u.ngroups = 0;
	CHECK_INT(auth_rbac_allows(&r, &u, "get", "", "configmaps", "team-a",
	    "settings"), 1);
	CHECK_INT(auth_rbac_allows(&r, &u, "get", "", "configmaps", "team-a",
	    "other"), 0);
	CHECK_INT(auth_rbac_allows(&r, &u, "delete", "", "secrets", "team-a",
	    "x"), 0);

	/* no cache: only system:masters */
	memset(&a, 0, sizeof a);
	t_user(&u, "root", "system:masters");
	CHECK_INT(auth_allowed(&a, &u, "get", "", "pods", "x", ""), 1);
	CHECK_INT(auth_path_allowed(&a, &u, "get", "/version"), 1);
	t_user(&u, "bob", "readers");
	CHECK_INT(auth_allowed(&a, &u, "get", "", "pods", "x", ""), 0);
	CHECK_INT(auth_allowed(&a, &u, "create", "authorization.k8s.io",
	    "selfsubjectaccessreviews", "", ""), 0);

	json_decref(crb);
	json_decref(cr);
	json_decref(cr2);
	json_decref(rb);
	json_decref(rb2);
	json_decref(role);
	json_decref(role_b);
}

/* ---- PKI ---- */

static gnutls_x509_crt_t
t_crt(const char *pem)
{
	gnutls_x509_crt_t c;
	gnutls_datum_t d;

	gnutls_x509_crt_init(&c);
	d.data = (unsigned char *)(uintptr_t)pem;
	d.size = (unsigned)strlen(pem);
	if (gnutls_x509_crt_import(c, &d, GNUTLS_X509_FMT_PEM) < 0) {
		gnutls_x509_crt_deinit(c);
		return NULL;
	}
	return c;
}

/* 1 when crt is signed by ca (and valid now) */
static int
t_verify(gnutls_x509_crt_t crt, gnutls_x509_crt_t ca)
{
	unsigned int status = 1;

	if (gnutls_x509_crt_verify(crt, &ca, 1, 0, &status) < 0)
		return 0;
	return status == 0;
}

static int
t_san(gnutls_x509_crt_t c, const char *want)
{
	unsigned char data[512];
	char s[128];
	size_t size;
	unsigned int seq, crit;
	int type;

	for (seq = 0;; seq++) {
		size = sizeof data;
		type = gnutls_x509_crt_get_subject_alt_name(c, seq, data,
		    &size, &crit);
		if (type < 0)
			return 0;
		if (type == GNUTLS_SAN_DNSNAME)
			snprintf(s, sizeof s, "%.*s", (int)size, data);
		else if (type == GNUTLS_SAN_IPADDRESS && size == 4)
			inet_ntop(AF_INET, data, s, sizeof s);
		else if (type == GNUTLS_SAN_IPADDRESS && size == 16)
			inet_ntop(AF_INET6, data, s, sizeof s);
		else
			continue;
		if (strcmp(s, want) == 0)
			return 1;
	}
}

static int
t_has_eku(gnutls_x509_crt_t c, const char *oid)
{
	char buf[128];
	size_t size;
	unsigned int i, crit;

	for (i = 0;; i++) {
		size = sizeof buf;
		if (gnutls_x509_crt_get_key_purpose_oid(c, i, buf, &size,
		    &crit) < 0)
			return 0;
		if (strcmp(buf, oid) == 0)
			return 1;
	}
}

static void
test_pki(void)
{
	const char *sans[] = { "10.1.2.3", "api.example.com", NULL };
	const char *sans2[] = { "10.1.2.3", "api.example.com", "10.9.9.9",
	    NULL };
	gnutls_x509_crt_t ca, srv, srv2, cl;
	struct pki p, q, r;
	struct err err;
	unsigned int crit, ku, ca_flag;
	char *ca_first, *cert_first, *cpem, *kpem, dn[512], cmd[1200];
	size_t dnlen;

	err_clear(&err);
	CHECK_INT(pki_ensure(t_path("pkidata"), sans, &p, &err), 0);
	CHECK_STR(err.msg, "");
	CHECK_STR(p.dir, t_path("pkidata/pki"));
	CHECK_INT(t_mode("pkidata/pki/ca.key"), 0600);
	CHECK_INT(t_mode("pkidata/pki/server.key"), 0600);
	CHECK_INT(t_mode("pkidata/pki"), 0700);
	CHECK(strstr(p.key_pem, "PRIVATE KEY") != NULL);
	ca = t_crt(p.ca_pem);
	srv = t_crt(p.cert_pem);
	CHECK(ca != NULL && srv != NULL);
	if (ca == NULL || srv == NULL)
		return;
	/* the CA: self-signed, CA:TRUE, keyCertSign, ECDSA P-256 */
	CHECK(t_verify(ca, ca));
	CHECK_INT(gnutls_x509_crt_get_basic_constraints(ca, &crit, &ca_flag,
	    NULL) >= 0, 1);
	CHECK_INT(ca_flag, 1);
	CHECK(gnutls_x509_crt_get_key_usage(ca, &ku, &crit) >= 0);
	CHECK(ku & GNUTLS_KEY_KEY_CERT_SIGN);
	CHECK_INT(gnutls_x509_crt_get_pk_algorithm(ca, NULL), GNUTLS_PK_ECDSA);
	dnlen = sizeof dn;
	CHECK(gnutls_x509_crt_get_dn(ca, dn, &dnlen) >= 0);
	CHECK_STR(dn, "CN=kubec-ca");
	/* the serving certificate */
	CHECK(t_verify(srv, ca));
	CHECK(t_has_eku(srv, GNUTLS_KP_TLS_WWW_SERVER));
	CHECK(!t_has_eku(srv, GNUTLS_KP_TLS_WWW_CLIENT));
	CHECK(t_san(srv, "10.1.2.3"));
	CHECK(t_san(srv, "api.example.com"));
	CHECK(t_san(srv, "localhost"));
	CHECK(t_san(srv, "127.0.0.1"));
	CHECK(t_san(srv, "::1"));
	CHECK(t_san(srv, "kubernetes.default.svc.cluster.local"));
	CHECK(!t_san(srv, "10.9.9.9"));
	CHECK(gnutls_x509_crt_get_expiration_time(srv) > time(NULL) +
	    300L * 86400);
	if (system("certtool --version >/dev/null 2>&1") == 0) {
		snprintf(cmd, sizeof cmd, "certtool --verify "
		    "--load-ca-certificate '%s' --infile '%s' >/dev/null "
		    "2>&1", t_path("pkidata/pki/ca.crt"),
		    t_path("pkidata/pki/server.crt"));
		CHECK_INT(system(cmd), 0);
	}

	/* again: the same certificates */
	CHECK_INT(pki_ensure(t_path("pkidata"), sans, &q, &err), 0);
	CHECK_STR(q.ca_pem, p.ca_pem);
	CHECK_STR(q.cert_pem, p.cert_pem);
	CHECK_STR(q.key_pem, p.key_pem);
	ca_first = strdup(p.ca_pem);
	cert_first = strdup(p.cert_pem);
	pki_release(&q);

	/* a new name: a new serving certificate from the same CA */
	CHECK_INT(pki_ensure(t_path("pkidata"), sans2, &r, &err), 0);
	CHECK_STR(r.ca_pem, ca_first);
	CHECK(strcmp(r.cert_pem, cert_first) != 0);
	srv2 = t_crt(r.cert_pem);
	CHECK(srv2 != NULL && t_verify(srv2, ca));
	CHECK(srv2 != NULL && t_san(srv2, "10.9.9.9"));
	CHECK(srv2 != NULL && t_san(srv2, "api.example.com"));
	if (srv2 != NULL)
		gnutls_x509_crt_deinit(srv2);

	/* a client certificate: CN is the user, O the group */
	CHECK_INT(pki_issue_client(&r, "alice", "devs", &cpem, &kpem, &err),
	    0);
	cl = t_crt(cpem);
	CHECK(cl != NULL);
	if (cl != NULL) {
		CHECK(t_verify(cl, ca));
		CHECK(t_has_eku(cl, GNUTLS_KP_TLS_WWW_CLIENT));
		CHECK(!t_has_eku(cl, GNUTLS_KP_TLS_WWW_SERVER));
		dnlen = sizeof dn;
		CHECK(gnutls_x509_crt_get_dn_by_oid(cl,
		    GNUTLS_OID_X520_COMMON_NAME, 0, 0, dn, &dnlen) >= 0);
		CHECK_STR(dn, "alice");
		dnlen = sizeof dn;
		CHECK(gnutls_x509_crt_get_dn_by_oid(cl,
		    GNUTLS_OID_X520_ORGANIZATION_NAME, 0, 0, dn, &dnlen) >= 0);
		CHECK_STR(dn, "devs");
		gnutls_x509_crt_deinit(cl);
	}
	CHECK(strstr(kpem, "PRIVATE KEY") != NULL);
	free(cpem);
	free(kpem);
	CHECK_INT(pki_issue_client(&r, "", NULL, &cpem, &kpem, &err), -1);
	err_clear(&err);

	/* several groups: one O each, in order */
	CHECK_INT(pki_issue_client(&r, "bob", "devs,system:masters", &cpem,
	    &kpem, &err), 0);
	cl = cpem != NULL ? t_crt(cpem) : NULL;
	CHECK(cl != NULL);
	if (cl != NULL) {
		dnlen = sizeof dn;
		CHECK(gnutls_x509_crt_get_dn_by_oid(cl,
		    GNUTLS_OID_X520_ORGANIZATION_NAME, 0, 0, dn, &dnlen) >= 0);
		CHECK_STR(dn, "devs");
		dnlen = sizeof dn;
		CHECK(gnutls_x509_crt_get_dn_by_oid(cl,
		    GNUTLS_OID_X520_ORGANIZATION_NAME, 1, 0, dn, &dnlen) >= 0);
		CHECK_STR(dn, "system:masters");
		dnlen = sizeof dn;
		CHECK_INT(gnutls_x509_crt_get_dn_by_oid(cl,
		    GNUTLS_OID_X520_ORGANIZATION_NAME, 2, 0, dn, &dnlen),
		    GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE);
		gnutls_x509_crt_deinit(cl);
	}
	free(cpem);
	free(kpem);

	/* the CA alone, as kubec-server certificate issue loads it */
	CHECK_INT(pki_load_ca(t_path("pkidata"), &q, &err), 0);
	CHECK_STR(q.ca_pem, r.ca_pem);
	CHECK(q.cert_pem == NULL && q.key_pem == NULL);
	CHECK_INT(pki_issue_client(&q, "carol", NULL, &cpem, &kpem, &err), 0);
	cl = cpem != NULL ? t_crt(cpem) : NULL;
	CHECK(cl != NULL && t_verify(cl, ca));
	if (cl != NULL)
		gnutls_x509_crt_deinit(cl);
	free(cpem);
	free(kpem);
	pki_release(&q);
	CHECK_INT(pki_load_ca(t_path("nopki"), &q, &err), -1);
	CHECK(strstr(err.msg, "nopki/pki/ca.crt") != NULL);
	err_clear(&err);

	/* a CA certificate without its key is refused, not replaced */
	unlink(t_path("pkidata/pki/ca.key"));
	CHECK_INT(pki_ensure(t_path("pkidata"), sans, &q, &err), -1);
	CHECK(strstr(err.msg, "ca.key") != NULL);

	pki_release(&r);
	pki_release(&p);
	free(ca_first);
	free(cert_first);
	gnutls_x509_crt_deinit(srv);
	gnutls_x509_crt_deinit(ca);
}

int
main(void)
{
	snprintf(tdir, sizeof tdir, "%s/kubec-authXXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	RUN(test_tokens);
	RUN(test_token_file_errors);
	RUN(test_rule_allows);
	RUN(test_rbac);
	RUN(test_pki);
	nftw(tdir, t_rm, 16, FTW_DEPTH | FTW_PHYS);
	return TEST_EXIT();
}
