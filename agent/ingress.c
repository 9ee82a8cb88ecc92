/* ingress.c - the ingress controller of kubec-agent (IngressClass
 * controller kubec.io/ingress-nginx): mirrors Ingresses, IngressClasses,
 * Services and EndpointSlices (mirror.c) and keeps Debian's nginx, run
 * with a configuration of its own under DATA/ingress, in step with them,
 * on the node's address, ports 80 and 443 (--ingress-http-port,
 * --ingress-https-port).
 *
 * After a change (debounced) and every INGRESS_RESYNC_SECONDS, the TLS
 * Secrets the Ingresses name are read (GET, not mirrored), their
 * certificates written to DATA/ingress/tls, and the whole nginx.conf
 * rendered from the objects by a pure function, ingress_render(), as
 * ingress-nginx renders its template: one upstream per service port with
 * the ready endpoints' addresses, one server per host with a location per
 * path (Exact: `location = /p`; Prefix, element-wise: `location = /p` and
 * `location /p/`), the default backend for what no path matches (404
 * without one; 503 for a backend without a ready endpoint).  A text that
 * differs is written next to the running one, checked with `nginx -t`,
 * renamed into place, and the master is sent SIGHUP: new workers take the
 * new configuration and the old ones finish their connections.
 *
 * nginx runs as a daemon with its own pid file (DATA/ingress/nginx.pid):
 * it outlives an agent killed with -9, and the next agent adopts it (the
 * pid file's process is an nginx master with our configuration's path)
 * instead of starting a second one; one that dies is started again.  A
 * graceful stop of the agent stops it (SIGQUIT: the connections finish).
 * Each agent adds its node's address to status.loadBalancer.ingress of
 * the Ingresses it serves (and takes it out of those it no longer does).
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>

#include "agent.h"
#include "../lib/base64.h"
#include "../lib/buf.h"
#include "../lib/file.h"
#include "../lib/proc.h"

#define INGRESS_DEBOUNCE_MS	100	/* changes gathered before a render */
#define INGRESS_RESYNC_SECONDS	30	/* secrets read and rendered anyway */
#define INGRESS_RETRY_SECONDS	5	/* nginx started again at most this
					 * often */
#define INGRESS_MAX_TEXT	((size_t)64 << 20)
#define INGRESS_STOP_SECONDS	10	/* a graceful stop, then TERM */
#define INGRESS_DEFAULT_CLASS	"ingressclass.kubernetes.io/is-default-class"
#define INGRESS_LEGACY_CLASS	"kubernetes.io/ingress.class"

struct ingress {
	struct agent		*a;
	pthread_mutex_t		*mu;		/* a->mirror_mu */
	pthread_cond_t		 cond;
	struct mirror		 ing, cls;
	struct mirror		*svc, *eps;	/* shared */
	int			 dirty;
	pthread_t		 sync_thread;
	int			 sync_started;
	char			 nginx[PATH_MAX];	/* the program */
	char			 dir[PATH_MAX];		/* DATA/ingress */
	pid_t			 pid;		/* the master; 0: none */
	char			*applied;	/* the text it runs */
	char			*refused;	/* the text nginx -t refused */
	time_t			 rendered_at, started_at;
	json_t			*secrets;	/* "ns/name" -> Secret (the
						 * sync thread's) */
	time_t			 secrets_at;
	char			 said[512];	/* the last error logged */
};

/* ---- rendering (pure) ---- */

static const char *
ingress_annotation(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(json_object_get(
	    json_object_get(o, "metadata"), "annotations"), k));
}

/* Whether the IngressClass name is one of ours; with dflt, one of ours
 * marked the default class. */
static int
ingress_class_ours(const json_t *classes, const char *name, int dflt)
{
	const json_t **v;
	size_t n, i;
	int rc = 0;

	n = mirror_values(classes, &v);
	for (i = 0; i < n && !rc; i++) {
		if (strcmp(mirror_str(v[i], "spec", "controller") ?: "",
		    INGRESS_CONTROLLER) != 0)
			continue;
		if (name != NULL)
			rc = strcmp(mirror_str(v[i], "metadata", "name") ?: "",
			    name) == 0;
		else if (dflt)
			rc = strcmp(ingress_annotation(v[i],
			    INGRESS_DEFAULT_CLASS) ?: "", "true") == 0;
	}
	free(v);
	return rc;
}

int
ingress_ours(const json_t *ing, const json_t *classes)
{
	const char *cls = mirror_str(ing, "spec", "ingressClassName");

	if (cls == NULL)
		cls = ingress_annotation(ing, INGRESS_LEGACY_CLASS);
	if (cls != NULL)
		return ingress_class_ours(classes, cls, 0);
	return ingress_class_ours(classes, NULL, 1);
}

/* Ingresses oldest first (creationTimestamp), then by namespace and name:
 * the older wins a host's or a path's conflict, as in ingress-nginx. */
static int
ingress_cmp(const void *x, const void *y)
{
	const json_t *a = *(const json_t *const *)x;
	const json_t *b = *(const json_t *const *)y;
	int c = strcmp(mirror_str(a, "metadata", "creationTimestamp") ?: "",
	    mirror_str(b, "metadata", "creationTimestamp") ?: "");

	if (c == 0)
		c = strcmp(mirror_str(a, "metadata", "namespace") ?: "",
		    mirror_str(b, "metadata", "namespace") ?: "");
	return c != 0 ? c : strcmp(mirror_str(a, "metadata", "name") ?: "",
	    mirror_str(b, "metadata", "name") ?: "");
}

/* Objects by namespace, then name (Services). */
static int
ingress_nsname_cmp(const void *x, const void *y)
{
	const json_t *a = *(const json_t *const *)x;
	const json_t *b = *(const json_t *const *)y;
	int c = strcmp(mirror_str(a, "metadata", "namespace") ?: "",
	    mirror_str(b, "metadata", "namespace") ?: "");

	return c != 0 ? c : strcmp(mirror_str(a, "metadata", "name") ?: "",
	    mirror_str(b, "metadata", "name") ?: "");
}

/* A host nginx may be given as it is: a DNS name of lower-case letters,
 * digits, '-' and '.', or one with a leading "*." wildcard label. */
static int
ingress_host_ok(const char *h)
{
	size_t n = h != NULL ? strlen(h) : 0;

	if (n == 0 || n > 253)
		return 0;
	if (strncmp(h, "*.", 2) == 0)
		h += 2;
	if (*h == '\0' || *h == '.' || *h == '-')
		return 0;
	for (; *h != '\0'; h++)
		if (!((*h >= 'a' && *h <= 'z') || (*h >= '0' && *h <= '9') ||
		    *h == '-' || *h == '.'))
			return 0;
	return 1;
}

/* A path nginx may be given unquoted: absolute, printable, without the
 * characters nginx's configuration or variables would read. */
static int
ingress_path_ok(const char *p)
{
	if (p == NULL || p[0] != '/' || strlen(p) > 1024)
		return 0;
	for (; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("\"'\\;{}$#", *p))
			return 0;
	return 1;
}

/* A Secret nginx can serve: kubernetes.io/tls with tls.crt and
 * tls.key. */
static int
ingress_secret_ok(const json_t *s)
{
	const json_t *d = json_object_get(s, "data");

	return s != NULL && strcmp(mirror_str(s, "type", NULL) ?: "",
	    "kubernetes.io/tls") == 0 &&
	    json_string_length(json_object_get(d, "tls.crt")) > 0 &&
	    json_string_length(json_object_get(d, "tls.key")) > 0;
}

/* What rendering works on. */
struct ingress_r {
	const struct ingress_config	*cfg;
	const json_t			**svcs;	/* sorted by ns/name */
	size_t				 nsvc;
	const json_t			**sl;
	size_t				 nsl;
	const json_t			*secrets;
	json_t				*servers;	/* host ("": the
				 * default server) -> {"fallback": target,
				 * "tls": "ns/name", "locs": {key -> {"prio",
				 * "to"}}} */
	json_t				*upstreams;	/* name -> ["ip:port"] */
};

/* An endpoint of an upstream. */
struct ingress_ep {
	uint32_t	addr;	/* host order */
	int		port;
};

static int
ingress_ep_cmp(const void *x, const void *y)
{
	const struct ingress_ep *a = x, *b = y;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return a->port - b->port;
}

/* The ready endpoints of service port sp of (ns, name), as "ip:port"
 * strings in a new sorted array (the slices' port of the same name and
 * protocol TCP gives the target port). */
static json_t *
ingress_endpoints(const struct ingress_r *r, const char *ns,
    const char *name, const json_t *sp)
{
	const char *pname = mirror_str(sp, "name", NULL) ?: "";
	struct ingress_ep *eps = NULL, *grown;
	size_t i, j, k, m = 0, alloc = 0;
	const json_t *s, *p, *e, *ready;
	const char *ip, *svc;
	struct in_addr in;
	json_t *out;
	char hp[64];
	int port;

	for (i = 0; i < r->nsl; i++) {
		s = r->sl[i];
		svc = json_string_value(json_object_get(json_object_get(
		    json_object_get(s, "metadata"), "labels"),
		    "kubernetes.io/service-name"));
		if (svc == NULL || strcmp(svc, name) != 0 ||
		    strcmp(mirror_str(s, "metadata", "namespace") ?: "", ns)
		    != 0 || strcmp(mirror_str(s, "addressType", NULL) ?: "",
		    "IPv4") != 0)
			continue;
		port = 0;
		json_array_foreach(json_object_get(s, "ports"), j, p) {
			if (strcmp(mirror_str(p, "name", NULL) ?: "", pname)
			    == 0 && strcmp(mirror_str(p, "protocol", NULL) ?:
			    "TCP", "TCP") == 0 && json_integer_value(
			    json_object_get(p, "port")) > 0 &&
			    json_integer_value(json_object_get(p, "port")) <
			    65536)
				port = (int)json_integer_value(json_object_get(p,
				    "port"));
		}
		if (port == 0)
			continue;
		json_array_foreach(json_object_get(s, "endpoints"), j, e) {
			/* unset: ready, as kube-proxy takes it */
			ready = json_object_get(json_object_get(e,
			    "conditions"), "ready");
			ip = json_string_value(json_array_get(json_object_get(e,
			    "addresses"), 0));
			if (json_is_false(ready) || ip == NULL ||
			    inet_pton(AF_INET, ip, &in) != 1)
				continue;
			for (k = 0; k < m; k++)
				if (eps[k].addr == ntohl(in.s_addr) &&
				    eps[k].port == port)
					break;
			if (k < m)
				continue;
			if (m == alloc) {
				alloc = alloc ? alloc * 2 : 8;
				if ((grown = realloc(eps, alloc * sizeof *eps))
				    == NULL)
					break;
				eps = grown;
			}
			eps[m].addr = ntohl(in.s_addr);
			eps[m++].port = port;
		}
	}
	if (m > 1)
		qsort(eps, m, sizeof *eps, ingress_ep_cmp);
	out = json_array();
	for (i = 0; i < m; i++) {
		in.s_addr = htonl(eps[i].addr);
		inet_ntop(AF_INET, &in, hp, sizeof hp);
		snprintf(hp + strlen(hp), sizeof hp - strlen(hp), ":%d",
		    eps[i].port);
		json_array_append_new(out, json_string(hp));
	}
	free(eps);
	return out;
}

/* The Service ns/name among the sorted ones; NULL when there is none. */
static const json_t *
ingress_service(const struct ingress_r *r, const char *ns, const char *name)
{
	size_t lo = 0, hi = r->nsvc, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(mirror_str(r->svcs[mid], "metadata", "namespace") ?:
		    "", ns);
		if (c == 0)
			c = strcmp(mirror_str(r->svcs[mid], "metadata", "name")
			    ?: "", name);
		if (c == 0)
			return r->svcs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Where a backend of an Ingress in namespace ns sends requests, into to:
 * the name of its upstream (made when new: "ns_service_port"), or "@503"
 * when its Service, its port or a ready endpoint is missing (or it is
 * not a service backend).
 */
static void
ingress_backend(struct ingress_r *r, const char *ns, const json_t *be,
    char *to, size_t n)
{
	const json_t *svc = json_object_get(be, "service");
	const json_t *bport = json_object_get(svc, "port");
	const char *name = mirror_str(svc, "name", NULL);
	const char *pname = mirror_str(bport, "name", NULL);
	json_int_t pnum = json_integer_value(json_object_get(bport, "number"));
	const json_t *found, *sp = NULL, *p;
	json_t *eps;
	size_t i;

	snprintf(to, n, "@503");
	if (name == NULL || (found = ingress_service(r, ns, name)) == NULL)
		return;
	json_array_foreach(json_object_get(json_object_get(found, "spec"),
	    "ports"), i, p) {
		if (pname != NULL ? strcmp(mirror_str(p, "name", NULL) ?: "",
		    pname) == 0 : json_integer_value(json_object_get(p,
		    "port")) == pnum) {
			sp = p;
			break;
		}
	}
	if (sp == NULL || strcmp(mirror_str(sp, "protocol", NULL) ?: "TCP",
	    "TCP") != 0)
		return;
	snprintf(to, n, "%s_%s_%lld", ns, name,
	    (long long)json_integer_value(json_object_get(sp, "port")));
	if (json_object_get(r->upstreams, to) != NULL)
		return;
	eps = ingress_endpoints(r, ns, name, sp);
	if (json_array_size(eps) == 0) {
		json_decref(eps);
		snprintf(to, n, "@503");
		return;
	}
	json_object_set_new(r->upstreams, to, eps);
}

/* The server of host ("": the default one), made when new with the
 * default backend fallback (NULL: the cluster's). */
static json_t *
ingress_server(struct ingress_r *r, const char *host, const char *fallback)
{
	json_t *srv = json_object_get(r->servers, host);

	if (srv != NULL)
		return srv;
	srv = json_pack("{s:o, s:o}", "locs", json_object(), "fallback",
	    fallback != NULL ? json_string(fallback) : json_null());
	json_object_set_new(r->servers, host, srv);
	return srv;
}

/* A location of a server, unless one of the same key and at least the
 * same priority is there: an Exact path (2) wins `= /p` over a Prefix
 * one (1); between equals, the older Ingress's (the first). */
static void
ingress_loc(json_t *srv, const char *key, int prio, const char *to)
{
	json_t *locs = json_object_get(srv, "locs");
	json_t *cur = json_object_get(locs, key);

	if (cur != NULL && json_integer_value(json_object_get(cur, "prio")) >=
	    prio)
		return;
	json_object_set_new(locs, key, json_pack("{s:i, s:s}", "prio", prio,
	    "to", to));
}

/* The paths of one rule of an Ingress in ns into its server.  Location
 * keys: "/p =" for `location = /p`, "/p/" (or "/") for `location /p/`. */
static void
ingress_paths(struct ingress_r *r, const char *ns, const json_t *rule,
    json_t *srv)
{
	const json_t *p;
	const char *path, *type;
	char to[320], key[1100];
	size_t i, len;

	json_array_foreach(json_object_get(json_object_get(rule, "http"),
	    "paths"), i, p) {
		path = mirror_str(p, "path", NULL) ?: "/";
		type = mirror_str(p, "pathType", NULL) ?:
		    "ImplementationSpecific";
		if (!ingress_path_ok(path))
			continue;
		ingress_backend(r, ns, json_object_get(p, "backend"), to,
		    sizeof to);
		if (strcmp(type, "Exact") == 0) {
			snprintf(key, sizeof key, "%s =", path);
			ingress_loc(srv, key, 2, to);
			continue;
		}
		/* Prefix (and ImplementationSpecific, read as Prefix):
		 * element-wise, a trailing slash ignored; "/" is all */
		len = strlen(path);
		while (len > 1 && path[len - 1] == '/')
			len--;
		if (len == 1) {
			ingress_loc(srv, "/", 1, to);
			continue;
		}
		snprintf(key, sizeof key, "%.*s =", (int)len, path);
		ingress_loc(srv, key, 1, to);
		snprintf(key, sizeof key, "%.*s/", (int)len, path);
		ingress_loc(srv, key, 1, to);
	}
}

/* What a location does: proxy to an upstream or answer a status. */
static void
ingress_to(struct buf *out, const char *to)
{
	if (to[0] == '@')
		buf_addf(out, "\t\t\treturn %s;\n", to + 1);
	else
		buf_addf(out, "\t\t\tproxy_pass http://%s;\n", to);
}

/* A secret's certificate and key files under the directory. */
static void
ingress_tls_path(struct buf *out, const char *dir, const char *ref,
    const char *ext)
{
	const char *slash = strchr(ref, '/');

	buf_addf(out, "%s/tls/%.*s_%s.%s", dir, (int)(slash - ref), ref,
	    slash + 1, ext);
}

/* One server block. */
static void
ingress_render_server(const struct ingress_r *r, const char *host,
    const json_t *srv, const char *dflt, struct buf *out)
{
	const struct ingress_config *cfg = r->cfg;
	const char *ip = cfg->listen_ip != NULL ? cfg->listen_ip : "";
	const char *sep = ip[0] != '\0' ? ":" : "";
	const char *tls = json_string_value(json_object_get(srv, "tls"));
	const char *fb = json_string_value(json_object_get(srv, "fallback"));
	const char **keys, *h;
	size_t n, i, len;
	json_t *loc, *locs = json_object_get(srv, "locs");

	buf_adds(out, "\tserver {\n");
	if (host[0] == '\0') {
		buf_addf(out, "\t\tlisten %s%s%d default_server;\n", ip, sep,
		    cfg->http_port);
		if (cfg->https_port > 0)
			buf_addf(out, "\t\tlisten %s%s%d ssl default_server;\n"
			    "\t\tssl_reject_handshake on;\n", ip, sep,
			    cfg->https_port);
		buf_adds(out, "\t\tserver_name _;\n");
	} else {
		buf_addf(out, "\t\tlisten %s%s%d;\n", ip, sep, cfg->http_port);
		if (tls != NULL && cfg->https_port > 0) {
			buf_addf(out, "\t\tlisten %s%s%d ssl;\n", ip, sep,
			    cfg->https_port);
			buf_adds(out, "\t\tssl_certificate ");
			ingress_tls_path(out, cfg->dir, tls, "crt");
			buf_adds(out, ";\n\t\tssl_certificate_key ");
			ingress_tls_path(out, cfg->dir, tls, "key");
			buf_adds(out, ";\n");
		}
		if (strncmp(host, "*.", 2) == 0) {
			/* one label, as Kubernetes' wildcard (nginx's own
			 * would take several) */
			buf_adds(out, "\t\tserver_name ~^[^.]+");
			for (h = host + 1; *h != '\0'; h++)
				buf_adds(out, *h == '.' ? "\\." : (char[]){ *h,
				    '\0' });
			buf_adds(out, "$;\n");
		} else {
			buf_addf(out, "\t\tserver_name %s;\n", host);
		}
	}
	keys = mirror_keys(locs, &n);
	for (i = 0; i < n; i++) {
		loc = json_object_get(locs, keys[i]);
		len = strlen(keys[i]);
		if (len > 2 && strcmp(keys[i] + len - 2, " =") == 0)
			buf_addf(out, "\t\tlocation = %.*s {\n", (int)(len - 2),
			    keys[i]);
		else
			buf_addf(out, "\t\tlocation %s {\n", keys[i]);
		ingress_to(out, json_string_value(json_object_get(loc, "to")));
		buf_adds(out, "\t\t}\n");
	}
	if (json_object_get(locs, "/") == NULL) {
		buf_adds(out, "\t\tlocation / {\n");
		ingress_to(out, fb != NULL ? fb : dflt != NULL ? dflt : "@404");
		buf_adds(out, "\t\t}\n");
	}
	buf_adds(out, "\t}\n");
	free(keys);
}

int
ingress_render(const json_t *ingresses, const json_t *classes,
    const json_t *services, const json_t *slices, const json_t *secrets,
    const struct ingress_config *cfg, struct buf *out, struct err *err)
{
	struct ingress_r r = { .cfg = cfg, .secrets = secrets };
	const json_t **ings, *ing, *t, *h, *rule, *sec;
	const char *ns, *host, *sname, **keys, *dir = cfg->dir;
	char dflt[320], to[320], ref[600];
	const char **ups;
	size_t ning, i, j, k, n, nup;
	json_t *srv, *eps, *e;
	int have_dflt = 0, rc = 0;

	ning = mirror_values(ingresses, &ings);
	if (ning > 1)
		qsort(ings, ning, sizeof *ings, ingress_cmp);
	r.nsvc = mirror_values(services, &r.svcs);
	if (r.nsvc > 1)
		qsort(r.svcs, r.nsvc, sizeof *r.svcs, ingress_nsname_cmp);
	r.nsl = mirror_values(slices, &r.sl);
	r.servers = json_object();
	r.upstreams = json_object();
	ingress_server(&r, "", NULL);
	for (i = 0; i < ning; i++) {
		ing = ings[i];
		if (!ingress_ours(ing, classes))
			continue;
		ns = mirror_str(ing, "metadata", "namespace") ?: "default";
		to[0] = '\0';
		if (json_object_get(json_object_get(ing, "spec"),
		    "defaultBackend") != NULL) {
			ingress_backend(&r, ns, json_object_get(json_object_get(
			    ing, "spec"), "defaultBackend"), to, sizeof to);
			if (!have_dflt) {
				snprintf(dflt, sizeof dflt, "%s", to);
				have_dflt = 1;
			}
		}
		json_array_foreach(json_object_get(json_object_get(ing, "spec"),
		    "rules"), j, rule) {
			host = mirror_str(rule, "host", NULL) ?: "";
			if (host[0] != '\0' && !ingress_host_ok(host))
				continue;
			srv = ingress_server(&r, host, to[0] ? to : NULL);
			ingress_paths(&r, ns, rule, srv);
		}
		/* TLS: the first Ingress naming a host with a usable Secret
		 * gives its certificate */
		json_array_foreach(json_object_get(json_object_get(ing, "spec"),
		    "tls"), j, t) {
			sname = mirror_str(t, "secretName", NULL);
			if (sname == NULL)
				continue;
			snprintf(ref, sizeof ref, "%s/%s", ns, sname);
			sec = json_object_get(secrets, ref);
			json_array_foreach(json_object_get(t, "hosts"), k, h) {
				host = json_string_value(h);
				if (!ingress_host_ok(host))
					continue;
				srv = ingress_server(&r, host, to[0] ? to :
				    NULL);
				if (ingress_secret_ok(sec) &&
				    json_object_get(srv, "tls") == NULL)
					json_object_set_new(srv, "tls",
					    json_string(ref));
			}
		}
	}
	buf_addf(out,
	    "# nginx.conf of kubec-agent's ingress controller (%s),\n"
	    "# rendered from the Ingresses: not to be edited\n"
	    "user root;\n"
	    "worker_processes 1;\n"
	    "pid %s/nginx.pid;\n"
	    "lock_file %s/nginx.lock;\n"
	    "error_log %s/error.log warn;\n"
	    "events {\n"
	    "\tworker_connections 4096;\n"
	    "}\n"
	    "http {\n"
	    "\taccess_log off;\n"
	    "\tserver_tokens off;\n"
	    "\tclient_body_temp_path %s/tmp/client_body;\n"
	    "\tproxy_temp_path %s/tmp/proxy;\n"
	    "\tfastcgi_temp_path %s/tmp/fastcgi;\n"
	    "\tuwsgi_temp_path %s/tmp/uwsgi;\n"
	    "\tscgi_temp_path %s/tmp/scgi;\n"
	    "\tserver_names_hash_bucket_size 256;\n"
	    "\tssl_protocols TLSv1.2 TLSv1.3;\n"
	    "\tmap $http_upgrade $connection_upgrade {\n"
	    "\t\tdefault upgrade;\n"
	    "\t\t'' '';\n"
	    "\t}\n"
	    "\tproxy_http_version 1.1;\n"
	    "\tproxy_connect_timeout 5s;\n"
	    "\tproxy_set_header Host $host;\n"
	    "\tproxy_set_header X-Real-IP $remote_addr;\n"
	    "\tproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
	    "\tproxy_set_header X-Forwarded-Proto $scheme;\n"
	    "\tproxy_set_header X-Forwarded-Host $host;\n"
	    "\tproxy_set_header X-Forwarded-Port $server_port;\n"
	    "\tproxy_set_header Upgrade $http_upgrade;\n"
	    "\tproxy_set_header Connection $connection_upgrade;\n",
	    INGRESS_CONTROLLER, dir, dir, dir, dir, dir, dir, dir, dir);
	ups = mirror_keys(r.upstreams, &nup);
	for (i = 0; i < nup; i++) {
		buf_addf(out, "\tupstream %s {\n", ups[i]);
		eps = json_object_get(r.upstreams, ups[i]);
		json_array_foreach(eps, j, e)
			buf_addf(out, "\t\tserver %s max_fails=0;\n",
			    json_string_value(e));
		buf_adds(out, "\t}\n");
	}
	free(ups);
	/* the default server first, then the hosts' */
	keys = mirror_keys(r.servers, &n);
	for (i = 0; i < n; i++)
		ingress_render_server(&r, keys[i], json_object_get(r.servers,
		    keys[i]), have_dflt ? dflt : NULL, out);
	free(keys);
	if (buf_adds(out, "}\n") < 0)
		rc = err_set(err, ERR_INTERNAL, "the ingress configuration "
		    "is too large");
	json_decref(r.servers);
	json_decref(r.upstreams);
	free(ings);
	free(r.svcs);
	free(r.sl);
	return rc;
}

/* The TLS Secrets our Ingresses name ("ns/name"), sorted, in a new
 * array. */
static json_t *
ingress_tls_refs(const json_t *ingresses, const json_t *classes)
{
	const json_t **ings, *t;
	json_t *set = json_object(), *out = json_array();
	const char *ns, *sname, **keys;
	char ref[600];
	size_t n, i, j;

	n = mirror_values(ingresses, &ings);
	for (i = 0; i < n; i++) {
		if (!ingress_ours(ings[i], classes))
			continue;
		ns = mirror_str(ings[i], "metadata", "namespace") ?: "default";
		json_array_foreach(json_object_get(json_object_get(ings[i],
		    "spec"), "tls"), j, t) {
			if ((sname = mirror_str(t, "secretName", NULL)) ==
			    NULL)
				continue;
			snprintf(ref, sizeof ref, "%s/%s", ns, sname);
			json_object_set_new(set, ref, json_true());
		}
	}
	free(ings);
	keys = mirror_keys(set, &n);
	for (i = 0; i < n; i++)
		json_array_append_new(out, json_string(keys[i]));
	free(keys);
	json_decref(set);
	return out;
}

/* Whether status.loadBalancer.ingress of ing lists ip. */
static int
ingress_lists_ip(const json_t *ing, const char *ip)
{
	const json_t *e;
	size_t i;

	json_array_foreach(json_object_get(json_object_get(json_object_get(ing,
	    "status"), "loadBalancer"), "ingress"), i, e)
		if (strcmp(mirror_str(e, "ip", NULL) ?: "", ip) == 0)
			return 1;
	return 0;
}

static int
ingress_lb_cmp(const void *x, const void *y)
{
	const json_t *a = *(const json_t *const *)x;
	const json_t *b = *(const json_t *const *)y;

	return strcmp(mirror_str(a, "ip", NULL) ?: mirror_str(a, "hostname",
	    NULL) ?: "", mirror_str(b, "ip", NULL) ?: mirror_str(b,
	    "hostname", NULL) ?: "");
}

int
ingress_status_set(json_t *ing, const char *ip, int serve)
{
	json_t *st, *lb, *list, *e, *out;
	const json_t **v;
	size_t n, i;

	if (ingress_lists_ip(ing, ip) == serve)
		return 0;
	if ((st = json_object_get(ing, "status")) == NULL)
		json_object_set_new(ing, "status", st = json_object());
	if ((lb = json_object_get(st, "loadBalancer")) == NULL)
		json_object_set_new(st, "loadBalancer", lb = json_object());
	list = json_object_get(lb, "ingress");
	out = json_array();
	json_array_foreach(list, i, e)
		if (strcmp(mirror_str(e, "ip", NULL) ?: "", ip) != 0)
			json_array_append(out, e);
	if (serve)
		json_array_append_new(out, json_pack("{s:s}", "ip", ip));
	n = mirror_values(out, &v);
	if (n > 1)
		qsort(v, n, sizeof *v, ingress_lb_cmp);
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append(list, (json_t *)v[i]);
	free(v);
	json_decref(out);
	if (json_array_size(list) == 0) {
		json_decref(list);
		json_object_del(lb, "ingress");
	} else {
		json_object_set_new(lb, "ingress", list);
	}
	return 1;
}

/* ---- nginx ---- */

/* Logs msg unless it is what was said last (a failure that repeats on
 * every pass is said once). */
static void
ingress_say(struct ingress *p, const char *msg)
{
	if (strcmp(p->said, msg) == 0)
		return;
	snprintf(p->said, sizeof p->said, "%s", msg);
	if (msg[0] != '\0')
		fprintf(stderr, "kubec-agent: ingress: %s\n", msg);
}

/* Whether pid is an nginx master running our configuration: its command
 * line (nginx sets it to "nginx: master process PROG -p DIR/ -c CONF")
 * names nginx and "-c CONF". */
static int
ingress_pid_ours(pid_t pid, const char *dir)
{
	struct buf b = BUF_INIT(8192);
	char conf[PATH_MAX + 16];
	const char *s, *hit;
	int rc = 0;

	if (pid > 1 && proc_cmdline(pid, &b) == 0) {
		s = buf_str(&b);
		snprintf(conf, sizeof conf, "-c %s/nginx.conf", dir);
		hit = strstr(s, conf);
		rc = strstr(s, "nginx") != NULL &&
		    strstr(s, "master") != NULL && hit != NULL &&
		    (hit[strlen(conf)] == ' ' || hit[strlen(conf)] == '\0');
	}
	buf_release(&b);
	return rc;
}

/* The pid in the pid file, or 0. */
static pid_t
ingress_pidfile(const char *dir)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof path, "%s/nginx.pid", dir);
	return proc_pidfile(path);
}

/* Runs nginx with args after "-p DIR/ -c CONF". */
static int
ingress_nginx(struct ingress *p, const char *conf, const char *a1,
    const char *a2, struct err *err)
{
	char prefix[PATH_MAX + 2];
	char *argv[] = { p->nginx, "-p", prefix, "-c", (char *)conf,
	    (char *)a1, (char *)a2, NULL };
	struct buf eout = BUF_INIT(64 << 10);
	struct proc pr = { .argv = argv, .errout = &eout,
	    .timeout_ms = 30000 };
	int rc;

	snprintf(prefix, sizeof prefix, "%s/", p->dir);
	rc = proc_run_ok(&pr, err);
	buf_release(&eout);
	return rc;
}

/* Starts nginx on the configuration in place (it becomes a daemon and
 * writes its pid file). */
static int
ingress_nginx_start(struct ingress *p, struct err *err)
{
	char conf[PATH_MAX + 16], pidf[PATH_MAX + 16];
	pid_t pid;
	int i;

	snprintf(conf, sizeof conf, "%s/nginx.conf", p->dir);
	snprintf(pidf, sizeof pidf, "%s/nginx.pid", p->dir);
	unlink(pidf);
	if (ingress_nginx(p, conf, NULL, NULL, err) < 0)
		return -1;
	for (i = 0; i < 50; i++) {
		pid = ingress_pidfile(p->dir);
		if (pid > 0 && ingress_pid_ours(pid, p->dir)) {
			p->pid = pid;
			fprintf(stderr, "kubec-agent: ingress: nginx started "
			    "(pid %d)\n", (int)pid);
			return 0;
		}
		usleep(100 * 1000);
	}
	return err_set(err, ERR_INTERNAL, "nginx started but wrote no pid "
	    "file (see %s/error.log)", p->dir);
}

/* Whether the master we know of still runs. */
static int
ingress_alive(struct ingress *p)
{
	if (p->pid > 0 && kill(p->pid, 0) == 0 &&
	    ingress_pid_ours(p->pid, p->dir))
		return 1;
	if (p->pid > 0)
		fprintf(stderr, "kubec-agent: ingress: nginx (pid %d) has "
		    "gone\n", (int)p->pid);
	p->pid = 0;
	return 0;
}

/* The certificates of the usable Secrets into DIR/tls (0600), those of
 * no Secret removed; 1 when a file changed (nginx reads them when it
 * loads its configuration), 0 when none did, -1 on a failure. */
static int
ingress_write_tls(struct ingress *p, const json_t *secrets, struct err *err)
{
	static const char *const exts[] = { "crt", "key" };
	static const char *const keys[] = { "tls.crt", "tls.key" };
	struct buf path = BUF_INIT(PATH_MAX), data = BUF_INIT(1 << 20),
	    cur = BUF_INIT(1 << 20), want = BUF_INIT(1 << 16);
	const char *ref, *b64;
	struct dirent *de;
	struct err rerr;
	json_t *s;
	DIR *d;
	int changed = 0, i, rc = 0;

	buf_adds(&want, "\n");
	json_object_foreach((json_t *)secrets, ref, s) {
		if (!ingress_secret_ok(s))
			continue;
		for (i = 0; i < 2; i++) {
			buf_reset(&path);
			ingress_tls_path(&path, p->dir, ref, exts[i]);
			buf_addf(&want, "%s\n", strrchr(buf_str(&path), '/') +
			    1);
			b64 = json_string_value(json_object_get(json_object_get(
			    s, "data"), keys[i]));
			buf_reset(&data);
			buf_reset(&cur);
			err_clear(&rerr);
			if (base64_decode(b64, strlen(b64), &data) < 0)
				continue;
			if (file_read(buf_str(&path), &cur, &rerr) == 0 &&
			    cur.len == data.len &&
			    memcmp(cur.data, data.data, data.len) == 0)
				continue;
			if (file_write_atomic(buf_str(&path), data.data,
			    data.len, 0600, err) < 0) {
				rc = -1;
				goto out;
			}
			changed = 1;
		}
	}
	/* the files of Secrets no longer used go */
	buf_reset(&path);
	buf_addf(&path, "%s/tls", p->dir);
	if ((d = opendir(buf_str(&path))) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			buf_reset(&cur);
			buf_addf(&cur, "\n%s\n", de->d_name);
			if (strstr(buf_str(&want), buf_str(&cur)) != NULL)
				continue;
			buf_reset(&data);
			buf_addf(&data, "%s/%s", buf_str(&path), de->d_name);
			unlink(buf_str(&data));
		}
		closedir(d);
	}
out:
	buf_release(&path);
	buf_release(&data);
	buf_release(&cur);
	buf_release(&want);
	return rc < 0 ? rc : changed;
}

/*
 * Puts text in place and has nginx run it: written next to nginx.conf,
 * checked with `nginx -t`, renamed over it; then SIGHUP to the master
 * (a graceful reload), or nginx started when none runs.  Nothing is done
 * when the master runs text already, unless force (certificates changed).
 */
static int
ingress_apply(struct ingress *p, const char *text, int force,
    struct err *err)
{
	char conf[PATH_MAX + 16], next[PATH_MAX + 16];
	int alive = ingress_alive(p);

	if (alive && !force && p->applied != NULL &&
	    strcmp(p->applied, text) == 0)
		return 0;
	/* refused already (and said): until the objects change */
	if (alive && !force && p->refused != NULL &&
	    strcmp(p->refused, text) == 0)
		return 0;
	if (!alive) {
		if (time(NULL) - p->started_at < INGRESS_RETRY_SECONDS)
			return 0;
		p->started_at = time(NULL);
	}
	snprintf(conf, sizeof conf, "%s/nginx.conf", p->dir);
	snprintf(next, sizeof next, "%s/nginx.conf.next", p->dir);
	if (file_write_atomic(next, text, strlen(text), 0600, err) < 0)
		return -1;
	if (ingress_nginx(p, next, "-t", "-q", err) < 0) {
		unlink(next);
		free(p->refused);
		p->refused = strdup(text);
		err_wrap(err, "the new configuration is refused");
		return -1;
	}
	if (rename(next, conf) < 0)
		return err_set(err, ERR_INTERNAL, "rename %s: %s", next,
		    strerror(errno));
	free(p->applied);
	p->applied = strdup(text);
	if (!alive)
		return ingress_nginx_start(p, err);
	if (kill(p->pid, SIGHUP) < 0)
		return err_set(err, ERR_INTERNAL, "cannot reload nginx (pid "
		    "%d): %s", (int)p->pid, strerror(errno));
	return 0;
}

/* Stops the master (SIGQUIT: its workers finish their connections), then
 * faster when it takes too long. */
static void
ingress_nginx_stop(struct ingress *p)
{
	static const int sigs[] = { SIGQUIT, SIGTERM, SIGKILL };
	static const int waits[] = { INGRESS_STOP_SECONDS * 10, 30, 10 };
	size_t i;
	int t;

	if (!ingress_alive(p))
		return;
	for (i = 0; i < 3; i++) {
		kill(p->pid, sigs[i]);
		for (t = 0; t < waits[i]; t++) {
			if (kill(p->pid, 0) < 0 ||
			    !ingress_pid_ours(p->pid, p->dir)) {
				fprintf(stderr, "kubec-agent: ingress: nginx "
				    "(pid %d) stopped\n", (int)p->pid);
				p->pid = 0;
				return;
			}
			usleep(100 * 1000);
		}
	}
}

/* ---- the Ingresses' status ---- */

/* Puts this node's address in (or out of) status.loadBalancer.ingress of
 * the Ingress ns/name, from cur, then from what the API has after a
 * conflict. */
static void
ingress_status_put(struct ingress *p, const json_t *cur, int serve)
{
	struct agent *a = p->a;
	const char *ns = mirror_str(cur, "metadata", "namespace") ?: "";
	const char *name = mirror_str(cur, "metadata", "name") ?: "";
	char path[1024], spath[1100], msg[1200];
	json_t *obj = json_deep_copy(cur), *got;
	struct err err;
	int try;

	snprintf(path, sizeof path, "/apis/networking.k8s.io/v1/namespaces/"
	    "%s/ingresses/%s", ns, name);
	snprintf(spath, sizeof spath, "%s/status", path);
	for (try = 0; try < 5 && obj != NULL; try++) {
		if (!ingress_status_set(obj, a->node_ip, serve))
			break;
		err_clear(&err);
		if (rest_do(a->api, "PUT", spath, NULL, obj, NULL, &err) >= 0)
			break;
		json_decref(obj);
		obj = NULL;
		if (err.reason == ERR_NOT_FOUND)
			break;
		if (err.reason != ERR_CONFLICT) {
			snprintf(msg, sizeof msg, "status of ingress %s/%s: %s",
			    ns, name, err.msg);
			ingress_say(p, msg);
			break;
		}
		err_clear(&err);
		if (rest_do(a->api, "GET", path, NULL, NULL, &got, &err) < 0)
			break;
		obj = got;
	}
	json_decref(obj);
}

/* ---- watching ---- */

static void
ingress_touch(void *arg)
{
	struct ingress *p = arg;

	p->dirty = 1;
	pthread_cond_signal(&p->cond);
}

/* Whether a kubernetes.io/tls Secret's certificate and key can be
 * served (PEM, the key the certificate's), as GnuTLS reads them: nginx
 * -t would refuse the whole configuration for one that cannot. */
static int
ingress_secret_usable(const json_t *s)
{
	const json_t *d = json_object_get(s, "data");
	const char *c = json_string_value(json_object_get(d, "tls.crt"));
	const char *k = json_string_value(json_object_get(d, "tls.key"));
	struct buf crt = BUF_INIT(1 << 20), key = BUF_INIT(1 << 20);
	gnutls_certificate_credentials_t cred;
	gnutls_datum_t dc, dk;
	int rc = 0;

	if (c == NULL || k == NULL ||
	    base64_decode(c, strlen(c), &crt) < 0 ||
	    base64_decode(k, strlen(k), &key) < 0 ||
	    gnutls_certificate_allocate_credentials(&cred) < 0)
		goto out;
	dc.data = (unsigned char *)crt.data;
	dc.size = (unsigned)crt.len;
	dk.data = (unsigned char *)key.data;
	dk.size = (unsigned)key.len;
	rc = crt.len > 0 && key.len > 0 &&
	    gnutls_certificate_set_x509_key_mem2(cred, &dc, &dk,
	    GNUTLS_X509_FMT_PEM, NULL, 0) >= 0;
	gnutls_certificate_free_credentials(cred);
out:
	buf_release(&crt);
	buf_release(&key);
	return rc;
}

/* The Secrets refs name, from the cache when read less than
 * INGRESS_RESYNC_SECONDS ago, else from the API (unlocked). */
static void
ingress_read_secrets(struct ingress *p, const json_t *refs)
{
	int full = time(NULL) - p->secrets_at >= INGRESS_RESYNC_SECONDS;
	json_t *next = json_object(), *cur, *got, *r;
	const char *ref, *slash;
	char path[1024], msg[1200];
	struct err err;
	size_t i;

	json_array_foreach(refs, i, r) {
		ref = json_string_value(r);
		cur = json_object_get(p->secrets, ref);
		if (cur != NULL && !full) {
			json_object_set(next, ref, cur);
			continue;
		}
		slash = strchr(ref, '/');
		snprintf(path, sizeof path, "/api/v1/namespaces/%.*s/secrets/%s",
		    (int)(slash - ref), ref, slash + 1);
		err_clear(&err);
		got = NULL;
		if (rest_do(p->a->api, "GET", path, NULL, NULL, &got, &err) >= 0 &&
		    got != NULL) {
			if (ingress_secret_ok(got) &&
			    !ingress_secret_usable(got)) {
				/* kept as null: no TLS, not read again
				 * before the next full pass */
				snprintf(msg, sizeof msg, "secret %s: not a "
				    "PEM certificate and its key", ref);
				ingress_say(p, msg);
				json_decref(got);
				got = json_null();
			}
			json_object_set_new(next, ref, got);
			continue;
		}
		json_decref(got);
		if (err.reason == ERR_NOT_FOUND)
			continue;
		snprintf(msg, sizeof msg, "secret %s: %s", ref, err.msg);
		ingress_say(p, msg);
		if (cur != NULL)
			json_object_set(next, ref, cur);
	}
	if (full)
		p->secrets_at = time(NULL);
	json_decref(p->secrets);
	p->secrets = next;
}

/*
 * Renders after changes (debounced) and every INGRESS_RESYNC_SECONDS,
 * applies what differs, and keeps nginx running (looked at every second)
 * and the Ingresses' status saying this node serves them.
 */
static void *
ingress_sync_loop(void *arg)
{
	struct ingress *p = arg;
	struct agent *a = p->a;
	struct ingress_config cfg = { .listen_ip = a->node_ip,
	    .http_port = a->opts.ingress_http_port,
	    .https_port = a->opts.ingress_https_port, .dir = p->dir };
	struct buf text = BUF_INIT(INGRESS_MAX_TEXT);
	json_t *refs, *todo, *o;
	const char *k;
	struct err err;
	int rc, certs, ours, down, failed = 0;
	size_t i;

	pthread_mutex_lock(p->mu);
	while (!a->stop) {
		/* nginx gone: started again, at most every
		 * INGRESS_RETRY_SECONDS */
		down = !ingress_alive(p) && time(NULL) - p->started_at >=
		    INGRESS_RETRY_SECONDS;
		if (!p->ing.synced || !p->cls.synced || !p->svc->synced ||
		    !p->eps->synced || (!p->dirty && !down && time(NULL) -
		    p->rendered_at < INGRESS_RESYNC_SECONDS)) {
			mirror_wait(&p->cond, p->mu, 1000);
			continue;
		}
		if (p->dirty) {
			pthread_mutex_unlock(p->mu);
			usleep(INGRESS_DEBOUNCE_MS * 1000);
			pthread_mutex_lock(p->mu);
		}
		p->dirty = 0;
		p->rendered_at = time(NULL);
		refs = ingress_tls_refs(p->ing.objs, p->cls.objs);
		pthread_mutex_unlock(p->mu);
		ingress_read_secrets(p, refs);
		json_decref(refs);
		pthread_mutex_lock(p->mu);
		buf_reset(&text);
		err_clear(&err);
		rc = ingress_render(p->ing.objs, p->cls.objs, p->svc->objs,
		    p->eps->objs, p->secrets, &cfg, &text, &err);
		/* the Ingresses whose status is to change */
		todo = json_array();
		json_object_foreach(p->ing.objs, k, o) {
			ours = ingress_ours(o, p->cls.objs);
			if (ingress_lists_ip(o, a->node_ip) != ours)
				json_array_append_new(todo, json_pack("{s:O, "
				    "s:b}", "obj", o, "serve", ours));
		}
		pthread_mutex_unlock(p->mu);
		certs = rc == 0 ? ingress_write_tls(p, p->secrets, &err) : 0;
		if (certs < 0)
			rc = -1;
		if (rc == 0)
			rc = ingress_apply(p, buf_str(&text), certs > 0, &err);
		if (rc < 0) {
			ingress_say(p, err.msg);
			/* again in a moment */
			p->rendered_at = time(NULL) - INGRESS_RESYNC_SECONDS +
			    INGRESS_RETRY_SECONDS;
		} else if (failed) {
			ingress_say(p, "");	/* a new failure is said */
		}
		failed = rc < 0;
		json_array_foreach(todo, i, o)
			ingress_status_put(p, json_object_get(o, "obj"),
			    json_is_true(json_object_get(o, "serve")));
		json_decref(todo);
		pthread_mutex_lock(p->mu);
	}
	pthread_mutex_unlock(p->mu);
	buf_release(&text);
	return NULL;
}

int
ingress_start(struct agent *a, struct err *err)
{
	struct ingress *p;
	char sub[PATH_MAX + 16];
	static const char *const dirs[] = { "", "/tmp", "/tls" };
	struct buf cur = BUF_INIT(INGRESS_MAX_TEXT);
	struct err rerr;
	size_t i;

	if ((p = calloc(1, sizeof *p)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (proc_which("nginx", p->nginx, sizeof p->nginx) < 0) {
		fprintf(stderr, "kubec-agent: ingress: no nginx program (apt-get "
		    "install nginx-light): running without the ingress "
		    "controller\n");
		free(p);
		return 0;
	}
	p->a = a;
	snprintf(p->dir, sizeof p->dir, "%s/ingress", a->opts.data_dir);
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(sub, sizeof sub, "%s%s", p->dir, dirs[i]);
		if (file_mkdirs(sub, 0700, err) < 0) {
			free(p);
			return -1;
		}
	}
	p->mu = &a->mirror_mu;
	pthread_cond_init(&p->cond, NULL);
	/* an nginx left by an agent killed with -9: adopted, with the
	 * configuration it runs */
	p->pid = ingress_pidfile(p->dir);
	if (ingress_alive(p)) {
		snprintf(sub, sizeof sub, "%s/nginx.conf", p->dir);
		err_clear(&rerr);
		if (file_read(sub, &cur, &rerr) == 0)
			p->applied = strdup(buf_str(&cur));
		fprintf(stderr, "kubec-agent: ingress: adopted nginx (pid "
		    "%d)\n", (int)p->pid);
	}
	buf_release(&cur);
	p->ing = (struct mirror){ .a = a, .owner = "ingress",
	    .what = "ingresses",
	    .path = "/apis/networking.k8s.io/v1/ingresses", .mu = p->mu,
	    .changed = ingress_touch, .arg = p };
	p->cls = p->ing;
	p->cls.what = "ingressclasses";
	p->cls.path = "/apis/networking.k8s.io/v1/ingressclasses";
	a->ingress = p;
	if (mirror_start(&p->ing, err) < 0 || mirror_start(&p->cls, err) < 0 ||
	    (p->svc = mirror_share(a, "services", "/api/v1/services",
	    ingress_touch, p, err)) == NULL || (p->eps = mirror_share(a,
	    "endpointslices", "/apis/discovery.k8s.io/v1/endpointslices",
	    ingress_touch, p, err)) == NULL)
		return -1;
	if (pthread_create(&p->sync_thread, NULL, ingress_sync_loop, p) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the ingress "
		    "controller");
	p->sync_started = 1;
	return 0;
}

/* Stops the threads and nginx (gracefully). */
void
ingress_stop(struct agent *a)
{
	struct ingress *p = a->ingress;

	if (p == NULL)
		return;
	a->stop = 1;
	pthread_mutex_lock(p->mu);
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(p->mu);
	if (p->sync_started)
		pthread_join(p->sync_thread, NULL);
	mirror_stop(&p->ing);
	mirror_stop(&p->cls);
	mirror_unshare(p->svc, ingress_touch, p);
	mirror_unshare(p->eps, ingress_touch, p);
	ingress_nginx_stop(p);
	free(p->applied);
	free(p->refused);
	json_decref(p->secrets);
	pthread_cond_destroy(&p->cond);
	free(p);
	a->ingress = NULL;
}
