/* test-agent-ingress.c - agent/ingress.c's rendering: Ingresses,
 * IngressClasses, Services, EndpointSlices and TLS Secrets in, nginx.conf
 * out, compared with golden text; which Ingresses are ours; the status's
 * addresses; and, when nginx is installed, the configurations checked by
 * `nginx -t` itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../agent/agent.h"
#include "../../lib/buf.h"
#include "../../lib/file.h"
#include "../../lib/proc.h"
#include "test.h"

static char t_dir[] = "/tmp/test-agent-ingress.XXXXXX";
/* for nginx -t, which binds the addresses it is given (a port in use is
 * fine) */
static struct ingress_config t_cfg = { "127.0.0.1", 18080, 18443, NULL };

static json_t *
t_json(const char *s)
{
	json_error_t je;
	json_t *v = json_loads(s, 0, &je);

	if (v == NULL)
		printf("# bad JSON: %s: %s\n", je.text, s);
	return v;
}

static const char t_classes[] =
    "[{\"metadata\":{\"name\":\"nginx\",\"annotations\":"
    "{\"ingressclass.kubernetes.io/is-default-class\":\"true\"}},"
    "\"spec\":{\"controller\":\"kubec.io/ingress-nginx\"}},"
    "{\"metadata\":{\"name\":\"mine\"},"
    "\"spec\":{\"controller\":\"kubec.io/ingress-nginx\"}},"
    "{\"metadata\":{\"name\":\"other\",\"annotations\":"
    "{\"ingressclass.kubernetes.io/is-default-class\":\"true\"}},"
    "\"spec\":{\"controller\":\"example.com/other\"}}]";

static const char t_services[] =
    "[{\"metadata\":{\"namespace\":\"default\",\"name\":\"web\"},"
    "\"spec\":{\"clusterIP\":\"198.18.128.10\",\"ports\":["
    "{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":80,"
    "\"targetPort\":8080}]}},"
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"api\"},"
    "\"spec\":{\"clusterIP\":\"198.18.128.11\",\"ports\":["
    "{\"protocol\":\"TCP\",\"port\":8081,\"targetPort\":9000}]}},"
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"idle\"},"
    "\"spec\":{\"clusterIP\":\"198.18.128.12\",\"ports\":["
    "{\"protocol\":\"TCP\",\"port\":80}]}}]";

static const char t_slices[] =
    "[{\"metadata\":{\"namespace\":\"default\",\"name\":\"web-x\","
    "\"labels\":{\"kubernetes.io/service-name\":\"web\"}},"
    "\"addressType\":\"IPv4\","
    "\"ports\":[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":8080}],"
    "\"endpoints\":["
    "{\"addresses\":[\"198.18.1.12\"],\"conditions\":{\"ready\":true}},"
    "{\"addresses\":[\"198.18.1.5\"],\"conditions\":{\"ready\":true}},"
    "{\"addresses\":[\"198.18.1.7\"],\"conditions\":{\"ready\":false}}]},"
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"api-x\","
    "\"labels\":{\"kubernetes.io/service-name\":\"api\"}},"
    "\"addressType\":\"IPv4\","
    "\"ports\":[{\"name\":\"\",\"protocol\":\"TCP\",\"port\":9000}],"
    "\"endpoints\":[{\"addresses\":[\"198.18.1.9\"]}]},"
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"idle-x\","
    "\"labels\":{\"kubernetes.io/service-name\":\"idle\"}},"
    "\"addressType\":\"IPv4\",\"ports\":[{\"port\":80}],"
    "\"endpoints\":[{\"addresses\":[\"198.18.1.3\"],"
    "\"conditions\":{\"ready\":false}}]}]";

/* "PEM" is not read by the renderer, only by nginx (t_nginx_check) */
static const char t_secrets[] =
    "{\"default/tls\":{\"metadata\":{\"namespace\":\"default\","
    "\"name\":\"tls\"},\"type\":\"kubernetes.io/tls\",\"data\":{"
    "\"tls.crt\":\"eA==\",\"tls.key\":\"eA==\"}},"
    "\"default/opaque\":{\"metadata\":{\"namespace\":\"default\","
    "\"name\":\"opaque\"},\"type\":\"Opaque\",\"data\":{"
    "\"tls.crt\":\"eA==\",\"tls.key\":\"eA==\"}}}";

#define T_HEAD(dir) \
	"# nginx.conf of kubec-agent's ingress controller " \
	"(kubec.io/ingress-nginx),\n" \
	"# rendered from the Ingresses: not to be edited\n" \
	"user root;\n" \
	"worker_processes 1;\n" \
	"pid " dir "/nginx.pid;\n" \
	"lock_file " dir "/nginx.lock;\n" \
	"error_log " dir "/error.log warn;\n" \
	"events {\n" \
	"\tworker_connections 4096;\n" \
	"}\n" \
	"http {\n" \
	"\taccess_log off;\n" \
	"\tserver_tokens off;\n" \
	"\tclient_body_temp_path " dir "/tmp/client_body;\n" \
	"\tproxy_temp_path " dir "/tmp/proxy;\n" \
	"\tfastcgi_temp_path " dir "/tmp/fastcgi;\n" \
	"\tuwsgi_temp_path " dir "/tmp/uwsgi;\n" \
	"\tscgi_temp_path " dir "/tmp/scgi;\n" \
	"\tserver_names_hash_bucket_size 256;\n" \
	"\tssl_protocols TLSv1.2 TLSv1.3;\n" \
	"\tmap $http_upgrade $connection_upgrade {\n" \
	"\t\tdefault upgrade;\n" \
	"\t\t'' '';\n" \
	"\t}\n" \
	"\tproxy_http_version 1.1;\n" \
	"\tproxy_connect_timeout 5s;\n" \
	"\tproxy_set_header Host $host;\n" \
	"\tproxy_set_header X-Real-IP $remote_addr;\n" \
	"\tproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n" \
	"\tproxy_set_header X-Forwarded-Proto $scheme;\n" \
	"\tproxy_set_header X-Forwarded-Host $host;\n" \
	"\tproxy_set_header X-Forwarded-Port $server_port;\n" \
	"\tproxy_set_header Upgrade $http_upgrade;\n" \
	"\tproxy_set_header Connection $connection_upgrade;\n"

#define T_DEFAULT_SERVER \
	"\tserver {\n" \
	"\t\tlisten 198.19.0.2:80 default_server;\n" \
	"\t\tlisten 198.19.0.2:443 ssl default_server;\n" \
	"\t\tssl_reject_handshake on;\n" \
	"\t\tserver_name _;\n"

/* Renders with the test's classes, services, slices and secrets. */
static char *
t_render(const char *ingresses, const struct ingress_config *cfg)
{
	json_t *i = t_json(ingresses), *c = t_json(t_classes);
	json_t *s = t_json(t_services), *e = t_json(t_slices);
	json_t *sec = t_json(t_secrets);
	struct buf out = BUF_INIT(1 << 20);
	struct err err;

	err_clear(&err);
	CHECK(i != NULL && c != NULL && s != NULL && e != NULL && sec != NULL);
	CHECK_INT(ingress_render(i, c, s, e, sec, cfg, &out, &err), 0);
	json_decref(i);
	json_decref(c);
	json_decref(s);
	json_decref(e);
	json_decref(sec);
	return buf_detach(&out, NULL);
}

/* nginx -t on text in t_dir (certificates made by openssl): 1 good, 0
 * refused, -1 cannot tell (no nginx or openssl). */
static int
t_nginx_check(const char *text)
{
	char conf[256], prefix[256], crt[256], key[256];
	char *argv[] = { "nginx", "-t", "-q", "-p", prefix, "-c", conf, NULL };
	char *ossl[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048",
	    "-nodes", "-days", "2", "-subj", "/CN=a.example.com", "-keyout",
	    key, "-out", crt, NULL };
	struct buf eout = BUF_INIT(1 << 16);
	struct proc p = { .argv = ossl, .errout = &eout };
	struct err err;
	int st = 1;

	err_clear(&err);
	snprintf(prefix, sizeof prefix, "%s/", t_dir);
	snprintf(conf, sizeof conf, "%s/nginx.conf", t_dir);
	snprintf(crt, sizeof crt, "%s/tls/default_tls.crt", t_dir);
	snprintf(key, sizeof key, "%s/tls/default_tls.key", t_dir);
	if (access(crt, R_OK) != 0 && (proc_run(&p, &st, &err) < 0 || st != 0))
		return -1;
	if (file_write_atomic(conf, text, strlen(text), 0600, &err) < 0)
		return -1;
	p.argv = argv;
	buf_reset(&eout);
	if (proc_run(&p, &st, &err) < 0)
		return -1;
	if (st != 0)
		printf("# nginx -t: %s\n", buf_str(&eout));
	buf_release(&eout);
	return st == 0;
}

static const struct ingress_config t_golden = { "198.19.0.2", 80, 443,
    "/D" };

/* Which Ingresses are ours: by class name, by the legacy annotation, by
 * the default class; never another controller's. */
static void
test_ours(void)
{
	json_t *c = t_json(t_classes), *c2, *i;
	static const struct { const char *ing; int ours; } cases[] = {
		{ "{\"spec\":{\"ingressClassName\":\"nginx\"}}", 1 },
		{ "{\"spec\":{\"ingressClassName\":\"mine\"}}", 1 },
		{ "{\"spec\":{\"ingressClassName\":\"other\"}}", 0 },
		{ "{\"spec\":{\"ingressClassName\":\"missing\"}}", 0 },
		{ "{\"spec\":{}}", 1 },
		{ "{\"metadata\":{\"annotations\":{\"kubernetes.io/ingress."
		  "class\":\"mine\"}},\"spec\":{}}", 1 },
		{ "{\"metadata\":{\"annotations\":{\"kubernetes.io/ingress."
		  "class\":\"other\"}},\"spec\":{}}", 0 },
	};
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		i = t_json(cases[k].ing);
		if (ingress_ours(i, c) != cases[k].ours)
			printf("# case %zu: %s\n", k, cases[k].ing);
		CHECK_INT(ingress_ours(i, c), cases[k].ours);
		json_decref(i);
	}
	/* without a default class of ours, a class is needed */
	c2 = t_json("{\"nginx\":{\"metadata\":{\"name\":\"nginx\"},"
	    "\"spec\":{\"controller\":\"kubec.io/ingress-nginx\"}}}");
	i = t_json("{\"spec\":{}}");
	CHECK_INT(ingress_ours(i, c2), 0);
	json_decref(i);
	i = t_json("{\"spec\":{\"ingressClassName\":\"nginx\"}}");
	CHECK_INT(ingress_ours(i, c2), 1);
	json_decref(i);
	json_decref(c2);
	json_decref(c);
}

/* Nothing: the default server answers 404 (and refuses TLS). */
static void
test_render_empty(void)
{
	char *got = t_render("[]", &t_golden);

	CHECK_STR(got, T_HEAD("/D")
	    T_DEFAULT_SERVER
	    "\t\tlocation / {\n"
	    "\t\t\treturn 404;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "}\n");
	free(got);
}

static const char t_ings[] =
    "[{\"metadata\":{\"namespace\":\"default\",\"name\":\"main\","
    "\"creationTimestamp\":\"2026-12-07T10:00:00Z\"},"
    "\"spec\":{\"ingressClassName\":\"nginx\","
    "\"defaultBackend\":{\"service\":{\"name\":\"api\",\"port\":"
    "{\"number\":8081}}},"
    "\"tls\":[{\"hosts\":[\"a.example.com\"],\"secretName\":\"tls\"},"
    "{\"hosts\":[\"b.example.com\"],\"secretName\":\"opaque\"},"
    "{\"hosts\":[\"c.example.com\"],\"secretName\":\"missing\"}],"
    "\"rules\":["
    "{\"host\":\"a.example.com\",\"http\":{\"paths\":["
    "{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"web\",\"port\":{\"name\":\"http\"}}}},"
    "{\"path\":\"/api\",\"pathType\":\"Exact\",\"backend\":{\"service\":"
    "{\"name\":\"api\",\"port\":{\"number\":8081}}}}]}},"
    "{\"host\":\"b.example.com\",\"http\":{\"paths\":["
    "{\"path\":\"/foo/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"web\",\"port\":{\"number\":80}}}},"
    "{\"path\":\"/foo\",\"pathType\":\"Exact\",\"backend\":{\"service\":"
    "{\"name\":\"api\",\"port\":{\"number\":8081}}}},"
    "{\"path\":\"/bar\",\"pathType\":\"ImplementationSpecific\","
    "\"backend\":{\"service\":{\"name\":\"idle\",\"port\":"
    "{\"number\":80}}}},"
    "{\"path\":\"/gone\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"nosuch\",\"port\":{\"number\":80}}}},"
    "{\"path\":\"/bad;path\",\"pathType\":\"Prefix\",\"backend\":"
    "{\"service\":{\"name\":\"web\",\"port\":{\"number\":80}}}}]}},"
    "{\"host\":\"*.wild.example.com\",\"http\":{\"paths\":["
    "{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"web\",\"port\":{\"number\":80}}}}]}},"
    "{\"http\":{\"paths\":["
    "{\"path\":\"/x\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"web\",\"port\":{\"number\":80}}}}]}}]}},"
    /* newer: its / of a.example.com loses to main's, its /new is
     * added; its default backend is not the cluster's (main's is) */
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"newer\","
    "\"creationTimestamp\":\"2026-12-07T11:00:00Z\"},"
    "\"spec\":{\"defaultBackend\":{\"service\":{\"name\":\"web\","
    "\"port\":{\"number\":80}}},\"rules\":["
    "{\"host\":\"a.example.com\",\"http\":{\"paths\":["
    "{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"api\",\"port\":{\"number\":8081}}}},"
    "{\"path\":\"/new\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"api\",\"port\":{\"number\":8081}}}}]}},"
    "{\"host\":\"d.example.com\",\"http\":{\"paths\":["
    "{\"path\":\"/d\",\"pathType\":\"Exact\",\"backend\":{\"service\":"
    "{\"name\":\"api\",\"port\":{\"number\":8081}}}}]}}]}},"
    /* another controller's: not served */
    "{\"metadata\":{\"namespace\":\"default\",\"name\":\"theirs\","
    "\"creationTimestamp\":\"2026-12-07T09:00:00Z\"},"
    "\"spec\":{\"ingressClassName\":\"other\",\"rules\":["
    "{\"host\":\"a.example.com\",\"http\":{\"paths\":["
    "{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":"
    "{\"name\":\"idle\",\"port\":{\"number\":80}}}}]}}]}}]";

/* Hosts (exact and wildcard), paths (Exact winning `= /p` over Prefix,
 * Prefix element-wise, ImplementationSpecific as Prefix, "/" as all),
 * rules without a host in the default server, default backends (the
 * oldest Ingress's for the cluster, an Ingress's own for its hosts),
 * 503 without a Service or a ready endpoint, TLS from kubernetes.io/tls
 * Secrets only, the older Ingress winning, another class's left out; a
 * path nginx could misread left out. */
static void
test_render_rules(void)
{
	char *got = t_render(t_ings, &t_golden);
	int rc;

	CHECK_STR(got, T_HEAD("/D")
	    "\tupstream default_api_8081 {\n"
	    "\t\tserver 198.18.1.9:9000 max_fails=0;\n"
	    "\t}\n"
	    "\tupstream default_web_80 {\n"
	    "\t\tserver 198.18.1.5:8080 max_fails=0;\n"
	    "\t\tserver 198.18.1.12:8080 max_fails=0;\n"
	    "\t}\n"
	    "\tserver {\n"
	    "\t\tlisten 198.19.0.2:80 default_server;\n"
	    "\t\tlisten 198.19.0.2:443 ssl default_server;\n"
	    "\t\tssl_reject_handshake on;\n"
	    "\t\tserver_name _;\n"
	    "\t\tlocation = /x {\n"
	    "\t\t\tproxy_pass http://default_web_80;\n"
	    "\t\t}\n"
	    "\t\tlocation /x/ {\n"
	    "\t\t\tproxy_pass http://default_web_80;\n"
	    "\t\t}\n"
	    "\t\tlocation / {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tserver {\n"
	    "\t\tlisten 198.19.0.2:80;\n"
	    "\t\tserver_name ~^[^.]+\\.wild\\.example\\.com$;\n"
	    "\t\tlocation / {\n"
	    "\t\t\tproxy_pass http://default_web_80;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tserver {\n"
	    "\t\tlisten 198.19.0.2:80;\n"
	    "\t\tlisten 198.19.0.2:443 ssl;\n"
	    "\t\tssl_certificate /D/tls/default_tls.crt;\n"
	    "\t\tssl_certificate_key /D/tls/default_tls.key;\n"
	    "\t\tserver_name a.example.com;\n"
	    "\t\tlocation / {\n"
	    "\t\t\tproxy_pass http://default_web_80;\n"
	    "\t\t}\n"
	    "\t\tlocation = /api {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t\tlocation = /new {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t\tlocation /new/ {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tserver {\n"
	    "\t\tlisten 198.19.0.2:80;\n"
	    "\t\tserver_name b.example.com;\n"
	    "\t\tlocation = /bar {\n"
	    "\t\t\treturn 503;\n"
	    "\t\t}\n"
	    "\t\tlocation /bar/ {\n"
	    "\t\t\treturn 503;\n"
	    "\t\t}\n"
	    "\t\tlocation = /foo {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t\tlocation /foo/ {\n"
	    "\t\t\tproxy_pass http://default_web_80;\n"
	    "\t\t}\n"
	    "\t\tlocation = /gone {\n"
	    "\t\t\treturn 503;\n"
	    "\t\t}\n"
	    "\t\tlocation /gone/ {\n"
	    "\t\t\treturn 503;\n"
	    "\t\t}\n"
	    "\t\tlocation / {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tserver {\n"
	    "\t\tlisten 198.19.0.2:80;\n"
	    "\t\tserver_name c.example.com;\n"
	    "\t\tlocation / {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "\tserver {\n"
	    "\t\tlisten 198.19.0.2:80;\n"
	    "\t\tserver_name d.example.com;\n"
	    "\t\tlocation = /d {\n"
	    "\t\t\tproxy_pass http://default_api_8081;\n"
	    "\t\t}\n"
	    "\t\tlocation / {\n"
	    "\t\t\tproxy_pass http://default_web_80;\n"
	    "\t\t}\n"
	    "\t}\n"
	    "}\n"
	    );
	free(got);
	got = t_render(t_ings, &t_cfg);
	rc = t_nginx_check(got);
	if (rc < 0)
		printf("# no nginx or openssl: nginx -t not tried\n");
	CHECK(rc != 0);
	free(got);
}

/* An array as an object of its items in reverse, keyed by their
 * place. */
static json_t *
t_reversed(const char *text)
{
	json_t *a = t_json(text), *o = json_object();
	char key[32];
	size_t i;

	for (i = json_array_size(a); i > 0; i--) {
		snprintf(key, sizeof key, "k%zu", i);
		json_object_set(o, key, json_array_get(a, i - 1));
	}
	json_decref(a);
	return o;
}

/* The same objects in another order, as the mirrors hold them: the same
 * text. */
static void
test_render_deterministic(void)
{
	json_t *i = t_reversed(t_ings), *c = t_reversed(t_classes);
	json_t *s = t_reversed(t_services), *e = t_reversed(t_slices);
	json_t *sec = t_json(t_secrets);
	struct buf out = BUF_INIT(1 << 20);
	struct err err;
	char *want = t_render(t_ings, &t_golden);

	err_clear(&err);
	CHECK_INT(ingress_render(i, c, s, e, sec, &t_golden, &out, &err), 0);
	CHECK_STR(buf_str(&out), want);
	free(want);
	buf_release(&out);
	json_decref(i);
	json_decref(c);
	json_decref(s);
	json_decref(e);
	json_decref(sec);
}

/* status.loadBalancer.ingress: this node's address added (sorted) or
 * taken out; nothing to do when it is so already. */
static void
test_status_set(void)
{
	json_t *ing = t_json("{\"metadata\":{\"name\":\"a\"}}");
	char *got;

	CHECK_INT(ingress_status_set(ing, "198.19.1.2", 0), 0);
	CHECK_INT(ingress_status_set(ing, "198.19.1.2", 1), 1);
	CHECK_INT(ingress_status_set(ing, "198.19.1.2", 1), 0);
	CHECK_INT(ingress_status_set(ing, "198.19.0.2", 1), 1);
	got = json_dumps(json_object_get(ing, "status"), JSON_COMPACT);
	CHECK_STR(got, "{\"loadBalancer\":{\"ingress\":[{\"ip\":"
	    "\"198.19.0.2\"},{\"ip\":\"198.19.1.2\"}]}}");
	free(got);
	CHECK_INT(ingress_status_set(ing, "198.19.1.2", 0), 1);
	CHECK_INT(ingress_status_set(ing, "198.19.0.2", 0), 1);
	got = json_dumps(json_object_get(ing, "status"), JSON_COMPACT);
	CHECK_STR(got, "{\"loadBalancer\":{}}");
	free(got);
	json_decref(ing);
}

int
main(void)
{
	char tls[256], *rm[] = { "rm", "-rf", t_dir, NULL };
	struct proc p = { .argv = rm };
	struct err err;
	int st;

	if (mkdtemp(t_dir) == NULL)
		return 1;
	snprintf(tls, sizeof tls, "%s/tls", t_dir);
	mkdir(tls, 0700);
	snprintf(tls, sizeof tls, "%s/tmp", t_dir);
	mkdir(tls, 0700);
	t_cfg.dir = t_dir;
	RUN(test_ours);
	RUN(test_render_empty);
	RUN(test_render_rules);
	RUN(test_render_deterministic);
	RUN(test_status_set);
	err_clear(&err);
	proc_run(&p, &st, &err);
	return TEST_EXIT();
}
