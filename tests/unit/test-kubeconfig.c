/* test-kubeconfig.c - unit tests for lib/kubeconfig.c: loading, merging
 * ($KUBECONFIG), resolution, relative paths, *-data fields, writing (and
 * reading the result back with the real kubectl when it is installed). */
#include <sys/stat.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../../lib/base64.h"
#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "../../lib/kubeconfig.h"
#include "test.h"

static char tdir[256];

static void
t_write(const char *name, const char *content)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tdir, name);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(content, f);
	fclose(f);
}

static char *
t_path(const char *name)
{
	static char path[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof path[i], "%s/%s", tdir, name);
	return path[i];
}

static int
t_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(p);
}

static char *
t_b64(const char *s)
{
	struct buf b = BUF_INIT(0);

	base64_encode(s, strlen(s), 0, &b);
	return buf_detach(&b, NULL);
}

/* kubectl config view --raw -o json of a file, parsed; NULL without kubectl */
static json_t *
t_kubectl_view(const char *path)
{
	char cmd[1024];
	json_error_t je;
	json_t *v;
	FILE *f;

	if (system("kubectl version --client >/dev/null 2>&1") != 0) {
		printf("# kubectl not installed: skipping its check\n");
		return NULL;
	}
	snprintf(cmd, sizeof cmd, "kubectl --kubeconfig '%s' config view "
	    "--raw -o json 2>&1", path);
	f = popen(cmd, "r");
	if (f == NULL)
		return NULL;
	v = json_loadf(f, 0, &je);
	pclose(f);
	if (v == NULL)
		printf("# kubectl output not JSON: %s\n", je.text);
	return v;
}

/* A string at a dotted path ("clusters.0.name") of v, or NULL. */
static const char *
t_jstr(json_t *v, const char *path)
{
	char part[128];
	const char *p = path, *dot;
	size_t n;

	while (v != NULL && *p != '\0') {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		snprintf(part, sizeof part, "%.*s", (int)n, p);
		if (json_is_array(v))
			v = json_array_get(v, strtoul(part, NULL, 10));
		else
			v = json_object_get(v, part);
		p += n + (dot != NULL);
	}
	return json_string_value(v);
}

static const char CA_PEM[] = "-----BEGIN CERTIFICATE-----\nMIIBcA==\n"
    "-----END CERTIFICATE-----\n";
static const char CERT_PEM[] = "-----BEGIN CERTIFICATE-----\nY2VydA==\n"
    "-----END CERTIFICATE-----\n";
static const char KEY_PEM[] = "-----BEGIN EC PRIVATE KEY-----\na2V5\n"
    "-----END EC PRIVATE KEY-----\n";

static void
test_load_explicit(void)
{
	struct kubeconfig kc;
	struct kube_target t;
	struct err err;
	char *cert = t_b64(CERT_PEM), *key = t_b64(KEY_PEM), cfg[4096];

	mkdir(t_path("sub"), 0700);
	t_write("sub/ca.crt", CA_PEM);
	snprintf(cfg, sizeof cfg,
	    "apiVersion: v1\n"
	    "kind: Config\n"
	    "# a comment\n"
	    "clusters:\n"
	    "- name: dev\n"
	    "  cluster:\n"
	    "    server: https://10.0.0.1:6443\n"
	    "    certificate-authority: ca.crt\n"
	    "users:\n"
	    "- name: alice\n"
	    "  user:\n"
	    "    client-certificate-data: %s\n"
	    "    client-key-data: %s\n"
	    "contexts:\n"
	    "- name: dev\n"
	    "  context:\n"
	    "    cluster: dev\n"
	    "    user: alice\n"
	    "    namespace: team-a\n"
	    "- name: other\n"
	    "  context:\n"
	    "    cluster: dev\n"
	    "current-context: dev\n", cert, key);
	t_write("sub/config", cfg);
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("sub/config"), &err), 0);
	CHECK_STR(kc.path, t_path("sub/config"));
	/* the relative path is made absolute against the file */
	CHECK_STR(json_string_value(json_object_get(json_object_get(
	    json_array_get(json_object_get(kc.doc, "clusters"), 0),
	    "cluster"), "certificate-authority")), t_path("sub/ca.crt"));
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), 0);
	CHECK_STR(t.context, "dev");
	CHECK_STR(t.cluster, "dev");
	CHECK_STR(t.user, "alice");
	CHECK_STR(t.server, "https://10.0.0.1:6443");
	CHECK_STR(t.ns, "team-a");
	CHECK_STR(t.ca_pem, CA_PEM);
	CHECK_STR(t.cert_pem, CERT_PEM);
	CHECK_STR(t.key_pem, KEY_PEM);
	CHECK(t.token == NULL);
	CHECK_INT(t.insecure, 0);
	kube_target_release(&t);

	/* another context: namespace defaults, no user, no credentials */
	CHECK_INT(kubeconfig_resolve(&kc, "other", &t, &err), 0);
	CHECK_STR(t.ns, "default");
	CHECK_STR(t.user, "");
	CHECK_STR(t.ca_pem, CA_PEM);
	CHECK(t.cert_pem == NULL && t.token == NULL);
	kube_target_release(&t);

	CHECK_INT(kubeconfig_resolve(&kc, "nope", &t, &err), -1);
	CHECK_STR(err.msg, "context was not found for specified context: "
	    "nope");
	kubeconfig_release(&kc);
	free(cert);
	free(key);
}

static void
test_load_errors(void)
{
	struct kubeconfig kc;
	struct kube_target t;
	struct err err;

	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("missing"), &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	CHECK(strstr(err.msg, "no such file or directory") != NULL);

	t_write("bad-list", "clusters: 3\n");
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("bad-list"), &err), -1);
	CHECK(strstr(err.msg, "clusters: not a list") != NULL);

	/* an empty file is an empty Config */
	t_write("empty", "\n# nothing\n");
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("empty"), &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), -1);
	CHECK(strstr(err.msg, "no configuration has been provided") != NULL);
	kubeconfig_release(&kc);

	t_write("noserver",
	    "clusters:\n- name: c\n  cluster: {}\n"
	    "contexts:\n- name: x\n  context: {cluster: c, user: u}\n"
	    "current-context: x\n");
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("noserver"), &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), -1);
	CHECK_STR(err.msg, "invalid configuration: no server found for "
	    "cluster \"c\"");
	kubeconfig_release(&kc);

	t_write("nouser",
	    "clusters:\n- name: c\n  cluster: {server: 'https://h:1'}\n"
	    "contexts:\n- name: x\n  context: {cluster: c, user: u}\n"
	    "current-context: x\n");
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("nouser"), &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), -1);
	CHECK_STR(err.msg, "invalid configuration: user \"u\" was not found "
	    "for context \"x\"");
	kubeconfig_release(&kc);

	t_write("halfcert",
	    "clusters:\n- name: c\n  cluster: {server: 'https://h:1'}\n"
	    "users:\n- name: u\n  user: {client-certificate-data: YQ==}\n"
	    "contexts:\n- name: x\n  context: {cluster: c, user: u}\n"
	    "current-context: x\n");
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("halfcert"), &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), -1);
	CHECK(strstr(err.msg, "client-key-data or client-key must be "
	    "specified for u") != NULL);
	kubeconfig_release(&kc);

	t_write("badca",
	    "clusters:\n- name: c\n  cluster: {server: 'https://h:1', "
	    "certificate-authority: nothere.crt}\n"
	    "contexts:\n- name: x\n  context: {cluster: c}\n"
	    "current-context: x\n");
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("badca"), &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), -1);
	CHECK(strstr(err.msg, "unable to read certificate-authority") != NULL);
	CHECK(strstr(err.msg, "nothere.crt") != NULL);
	kubeconfig_release(&kc);
}

static void
test_merge_env(void)
{
	struct kubeconfig kc;
	struct kube_target t;
	struct err err;
	char env[2048];

	t_write("one",
	    "apiVersion: v1\nkind: Config\n"
	    "clusters:\n"
	    "- name: a\n  cluster:\n    server: https://first:1\n"
	    "    insecure-skip-tls-verify: true\n"
	    "contexts:\n"
	    "- name: ctx1\n  context:\n    cluster: a\n    user: bob\n"
	    "current-context: ctx1\n");
	mkdir(t_path("two.d"), 0700);
	t_write("two.d/tok", "  s3cret-token\n");
	t_write("two.d/config",
	    "apiVersion: v1\nkind: Config\n"
	    "clusters:\n"
	    "- name: a\n  cluster:\n    server: https://second:2\n"
	    "- name: b\n  cluster:\n    server: https://b:3\n"
	    "users:\n"
	    "- name: bob\n  user:\n    tokenFile: tok\n"
	    "- name: carol\n  user:\n    token: abc\n    tokenFile: tok\n"
	    "contexts:\n"
	    "- name: ctx1\n  context:\n    cluster: b\n"
	    "- name: ctx2\n  context:\n    cluster: b\n    user: carol\n"
	    "    namespace: kube-system\n"
	    "current-context: ctx2\n");
	/* a missing file and a duplicate are skipped */
	snprintf(env, sizeof env, "%s::%s:%s:%s", t_path("absent"),
	    t_path("one"), t_path("two.d/config"), t_path("one"));
	setenv("KUBECONFIG", env, 1);
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, NULL, &err), 0);
	/* writes go to the first file that exists */
	CHECK_STR(kc.path, t_path("one"));
	CHECK_INT(json_array_size(json_object_get(kc.doc, "clusters")), 2);
	CHECK_INT(json_array_size(json_object_get(kc.doc, "contexts")), 2);
	CHECK_INT(json_array_size(json_object_get(kc.doc, "users")), 2);
	CHECK_STR(json_string_value(json_object_get(kc.doc,
	    "current-context")), "ctx1");
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), 0);
	CHECK_STR(t.context, "ctx1");
	CHECK_STR(t.server, "https://first:1");	/* first file wins */
	CHECK_INT(t.insecure, 1);
	CHECK_STR(t.user, "bob");
	CHECK_STR(t.token, "s3cret-token");	/* tokenFile, trimmed */
	CHECK(t.ca_pem == NULL);
	kube_target_release(&t);
	CHECK_INT(kubeconfig_resolve(&kc, "ctx2", &t, &err), 0);
	CHECK_STR(t.server, "https://b:3");
	CHECK_STR(t.ns, "kube-system");
	CHECK_STR(t.token, "abc");		/* token before tokenFile */
	CHECK_INT(t.insecure, 0);
	kube_target_release(&t);
	kubeconfig_release(&kc);

	/* none of the files exists: writes go to the last */
	snprintf(env, sizeof env, "%s:%s", t_path("x1"), t_path("x2"));
	setenv("KUBECONFIG", env, 1);
	CHECK_INT(kubeconfig_load(&kc, NULL, &err), 0);
	CHECK_STR(kc.path, t_path("x2"));
	kubeconfig_release(&kc);
	unsetenv("KUBECONFIG");
}

static void
test_home(void)
{
	struct kubeconfig kc;
	struct kube_target t;
	struct err err;
	char *old = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	unsetenv("KUBECONFIG");
	mkdir(t_path("home"), 0700);
	setenv("HOME", t_path("home"), 1);
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, NULL, &err), 0);
	CHECK_STR(kc.path, t_path("home/.kube/config"));
	CHECK_INT(json_array_size(json_object_get(kc.doc, "clusters")), 0);
	kubeconfig_release(&kc);

	mkdir(t_path("home/.kube"), 0700);
	t_write("home/.kube/config",
	    "{\"clusters\":[{\"name\":\"h\",\"cluster\":{\"server\":"
	    "\"https://home:6443\"}}],\"contexts\":[{\"name\":\"h\","
	    "\"context\":{\"cluster\":\"h\"}}],\"current-context\":\"h\"}");
	CHECK_INT(kubeconfig_load(&kc, NULL, &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), 0);
	CHECK_STR(t.server, "https://home:6443");
	kube_target_release(&t);
	kubeconfig_release(&kc);
	if (old != NULL)
		setenv("HOME", old, 1);
	free(old);
}

static void
test_write_admin(void)
{
	struct kubeconfig kc;
	struct kube_target t;
	struct err err;
	struct stat st;
	json_t *v;
	char *ca64 = t_b64(CA_PEM);

	CHECK_INT(kubeconfig_write_admin(t_path("admin.kubeconfig"),
	    "https://127.0.0.1:6443", CA_PEM, "tok123", "kubec"), 0);
	CHECK_INT(stat(t_path("admin.kubeconfig"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("admin.kubeconfig"), &err), 0);
	CHECK_STR(json_string_value(json_object_get(kc.doc, "kind")),
	    "Config");
	CHECK_STR(json_string_value(json_object_get(kc.doc, "apiVersion")),
	    "v1");
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), 0);
	CHECK_STR(t.context, "kubec");
	CHECK_STR(t.cluster, "kubec");
	CHECK_STR(t.user, "kubec");
	CHECK_STR(t.server, "https://127.0.0.1:6443");
	CHECK_STR(t.ca_pem, CA_PEM);
	CHECK_STR(t.token, "tok123");
	CHECK_STR(t.ns, "default");
	kube_target_release(&t);
	kubeconfig_release(&kc);

	v = t_kubectl_view(t_path("admin.kubeconfig"));
	if (v != NULL) {
		CHECK_STR(t_jstr(v, "current-context"), "kubec");
		CHECK_STR(t_jstr(v, "clusters.0.name"), "kubec");
		CHECK_STR(t_jstr(v, "clusters.0.cluster.server"),
		    "https://127.0.0.1:6443");
		CHECK_STR(t_jstr(v, "clusters.0.cluster."
		    "certificate-authority-data"), ca64);
		CHECK_STR(t_jstr(v, "users.0.name"), "kubec");
		CHECK_STR(t_jstr(v, "users.0.user.token"), "tok123");
		CHECK_STR(t_jstr(v, "contexts.0.context.cluster"), "kubec");
		CHECK_STR(t_jstr(v, "contexts.0.context.user"), "kubec");
		json_decref(v);
	}
	free(ca64);

	/* a client certificate's (kubec-server certificate issue) */
	CHECK_INT(kubeconfig_write_cert(t_path("alice.kubeconfig"),
	    "https://127.0.0.1:6443", CA_PEM, CERT_PEM, KEY_PEM, "kubec",
	    "alice"), 0);
	CHECK_INT(stat(t_path("alice.kubeconfig"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK_INT(kubeconfig_load(&kc, t_path("alice.kubeconfig"), &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), 0);
	CHECK_STR(t.context, "alice@kubec");
	CHECK_STR(t.cluster, "kubec");
	CHECK_STR(t.user, "alice");
	CHECK_STR(t.ca_pem, CA_PEM);
	CHECK_STR(t.cert_pem, CERT_PEM);
	CHECK_STR(t.key_pem, KEY_PEM);
	CHECK(t.token == NULL);
	kube_target_release(&t);
	kubeconfig_release(&kc);
}

static void
test_save(void)
{
	struct kubeconfig kc;
	struct kube_target t;
	struct err err;
	struct stat st;
	json_t *v;

	t_write("save.yaml",
	    "apiVersion: v1\nkind: Config\n"
	    "clusters:\n- name: s\n  cluster:\n    server: https://s:1\n"
	    "contexts:\n- name: s\n  context:\n    cluster: s\n"
	    "current-context: s\n");
	chmod(t_path("save.yaml"), 0644);
	err_clear(&err);
	CHECK_INT(kubeconfig_load(&kc, t_path("save.yaml"), &err), 0);
	json_array_append_new(json_object_get(kc.doc, "contexts"),
	    json_pack("{s:s, s:{s:s, s:s}}", "name", "t", "context",
	    "cluster", "s", "namespace", "ns-t"));
	json_object_set_new(kc.doc, "current-context", json_string("t"));
	CHECK_INT(kubeconfig_save(&kc, &err), 0);
	kubeconfig_release(&kc);
	CHECK_INT(stat(t_path("save.yaml"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK_INT(kubeconfig_load(&kc, t_path("save.yaml"), &err), 0);
	CHECK_INT(kubeconfig_resolve(&kc, NULL, &t, &err), 0);
	CHECK_STR(t.context, "t");
	CHECK_STR(t.server, "https://s:1");
	CHECK_STR(t.ns, "ns-t");
	kube_target_release(&t);
	kubeconfig_release(&kc);

	v = t_kubectl_view(t_path("save.yaml"));
	if (v != NULL) {
		CHECK_STR(t_jstr(v, "current-context"), "t");
		CHECK_STR(t_jstr(v, "contexts.1.context.namespace"), "ns-t");
		json_decref(v);
	}
}

int
main(void)
{
	snprintf(tdir, sizeof tdir, "%s/kubec-kcXXXXXX", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	RUN(test_load_explicit);
	RUN(test_load_errors);
	RUN(test_merge_env);
	RUN(test_home);
	RUN(test_write_admin);
	RUN(test_save);
	nftw(tdir, t_rm, 16, FTW_DEPTH | FTW_PHYS);
	return TEST_EXIT();
}
