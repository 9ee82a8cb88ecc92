/* main.c - kubec-server: the API server, its store, the scheduler and
 * the controllers in one process.  Parses the command line,
 * opens the store, creates the system namespaces and the RBAC bootstrap
 * policy, fills the watch cache, writes the admin kubeconfig and serves
 * HTTPS until SIGTERM or SIGINT.
 */
#include <errno.h>
#include <getopt.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/file.h"
#include "../lib/kubeconfig.h"
#include "alloc.h"
#include "auth.h"
#include "cache.h"
#include "../lib/pki.h"
#include "policy.h"
#include "recorder.h"
#include "registry/kinds.h"
#include "server.h"

static volatile sig_atomic_t main_stop;

static void
main_usage(FILE *f)
{
	fprintf(f,
"usage: kubec-server [--data-dir DIR] [--listen ADDR:PORT] [options]\n"
"\n"
"The kubec API server: the Kubernetes API over an embedded SQLite store\n"
"(default) or an etcd v3 cluster.\n"
"\n"
"  --data-dir DIR          state, certificates and admin.kubeconfig\n"
"                          (default /var/lib/kubec)\n"
"  --listen ADDR:PORT      HTTPS address (default 127.0.0.1:6443)\n"
"  --advertise HOST        host name or address written into\n"
"                          admin.kubeconfig (default: the listen address)\n"
"  --etcd-servers URLS     use etcd v3 at URL[,URL...] instead of SQLite\n"
"  --token-auth-file FILE  static tokens: token,user,uid,\"group1,group2\"\n"
"  --client-ca-file FILE   client certificates signed by a CA of FILE\n"
"                          authenticate as their CN, in their O groups\n"
"                          (default: the cluster CA, DIR/pki/ca.crt)\n"
"  --threads N             HTTP worker threads (default 32)\n"
"  --service-cidr CIDR     cluster IPs of Services (default 10.96.0.0/12)\n"
"  --service-node-port-range LOW-HIGH\n"
"                          node ports of Services (default 30000-32767)\n"
"  --compact-interval SEC  compact revisions older than SEC seconds, every\n"
"                          SEC seconds (default 300, 0 = never)\n"
"  --cluster-cidr CIDR     pod addresses: each node gets a part of it as\n"
"                          its spec.podCIDR (default 10.42.0.0/16)\n"
"  --node-cidr-mask-size N the prefix length of a node's part (default 24)\n"
"  --controllers LIST      the controllers to run, as kube-controller-\n"
"                          manager's: * for all, -NAME to leave one out\n"
"                          (default *; see kubec-server(8) for the names)\n"
"  --disable-scheduler     do not place pods (another scheduler does)\n"
"  --event-ttl DURATION    how long Events are kept after they were last\n"
"                          seen (default 1h; 0: for ever)\n"
"  --local-storage-path DIR\n"
"                          where the local-path StorageClass puts volumes\n"
"                          on the nodes (default /var/lib/kubec/storage)\n"
"  -h, --help              this help\n"
"\n"
"On first start the server creates DIR/pki (a cluster CA, a serving\n"
"certificate, an admin token) and writes DIR/admin.kubeconfig:\n"
"  kubectl --kubeconfig DIR/admin.kubeconfig get namespaces\n"
"\n"
"kubec-server certificate issue --cn NAME [--org GROUP]... issues a client\n"
"certificate from the cluster CA (kubec-server certificate --help).\n");
}

/* A duration as kube-apiserver takes it ("1h", "30m", "1h30m", "90s",
 * or seconds); -1 when it is none. */
static long
main_seconds(const char *s)
{
	long total = 0, v;
	char *end;

	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		v = strtol(s, &end, 10);
		if (end == s || v < 0)
			return -1;
		switch (*end) {
		case 'h': total += v * 3600; end++; break;
		case 'm': total += v * 60; end++; break;
		case 's': total += v; end++; break;
		case '\0': total += v; break;
		default: return -1;
		}
		s = end;
	}
	return total;
}

static void
main_signal(int sig)
{
	main_stop = 1;
}

/* Creates default, kube-system, kube-public and kube-node-lease. */
static int
main_namespaces(struct server *s, struct err *err)
{
	static const char *names[] = { "default", "kube-system",
	    "kube-public", "kube-node-lease", NULL };
	const struct registry_kind *k = registry_find("", "namespaces");
	char key[256], uid[64], now[64];
	json_t *obj;
	char *data;
	size_t len;
	int64_t rev;
	int i;

	for (i = 0; names[i] != NULL; i++) {
		object_key(k, "", names[i], key, sizeof key);
		object_new_uid(uid, sizeof uid);
		object_now(now, sizeof now);
		obj = json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:{s:s}}}",
		    "apiVersion", "v1", "kind", "Namespace", "metadata",
		    "name", names[i], "uid", uid, "creationTimestamp", now,
		    "labels", "kubernetes.io/metadata.name", names[i]);
		if (k->defaults != NULL)
			k->defaults(obj);
		data = object_encode(obj, &len, NULL);
		json_decref(obj);
		if (store_create(s->store, key, data, len, &rev, err) < 0 &&
		    err->reason != ERR_ALREADY_EXISTS) {
			free(data);
			return -1;
		}
		free(data);
		err_clear(err);
	}
	return 0;
}

/* Creates obj under path unless it exists; updates Endpoints. */
static int
main_ensure(struct server *s, const char *path, const json_t *obj,
    struct err *err)
{
	char item[512];
	json_t *cur = NULL, *upd;
	int rc;

	snprintf(item, sizeof item, "%s/%s", path, json_string_value(
	    json_object_get(json_object_get(obj, "metadata"), "name")));
	if (client_do(s, "GET", item, NULL, NULL, NULL, &cur, err) < 0) {
		if (err->reason != ERR_NOT_FOUND)
			return -1;
		err_clear(err);
		return client_do(s, "POST", path, NULL, NULL, obj, NULL, err);
	}
	rc = 0;
	if (strstr(path, "/endpoints") != NULL) {
		/* the address of this server may have changed */
		upd = json_deep_copy(obj);
		json_object_set(json_object_get(upd, "metadata"),
		    "resourceVersion", json_object_get(json_object_get(cur,
		    "metadata"), "resourceVersion"));
		rc = client_do(s, "PUT", item, NULL, NULL, upd, NULL, err);
		json_decref(upd);
	}
	json_decref(cur);
	return rc;
}

/*
 * default/kubernetes: the Service (first address of --service-cidr, port
 * 443) and Endpoints that lead pods to the API server, as kube-apiserver
 * keeps them.
 */
static int
main_kubernetes_service(struct server *s, const char *host, const char *port,
    struct err *err)
{
	json_t *svc, *ep;
	char ip[64];
	int rc;

	alloc_first_ip(ip, sizeof ip);
	svc = json_pack("{s:s, s:s, s:{s:s, s:{s:s, s:s}}, s:{s:s, s:s, "
	    "s:[{s:s, s:s, s:i, s:i}]}}", "apiVersion", "v1", "kind",
	    "Service", "metadata", "name", "kubernetes", "labels", "component",
	    "apiserver", "provider", "kubernetes", "spec", "type", "ClusterIP",
	    "clusterIP", ip, "ports", "name", "https", "protocol", "TCP",
	    "port", 443, "targetPort", atoi(port));
	ep = json_pack("{s:s, s:s, s:{s:s, s:{s:s}}, s:[{s:[{s:s}], "
	    "s:[{s:s, s:i, s:s}]}]}", "apiVersion", "v1", "kind", "Endpoints",
	    "metadata", "name", "kubernetes", "labels",
	    "endpointslice.kubernetes.io/skip-mirror", "true", "subsets",
	    "addresses", "ip", s->opts.advertise ? s->opts.advertise :
	    host[0] && strcmp(host, "0.0.0.0") ? host : "127.0.0.1", "ports",
	    "name", "https", "port", atoi(port), "protocol", "TCP");
	rc = main_ensure(s, "/api/v1/namespaces/default/services", svc, err);
	if (rc == 0)
		rc = main_ensure(s, "/api/v1/namespaces/default/endpoints", ep,
		    err);
	json_decref(svc);
	json_decref(ep);
	return rc;
}

/*
 * kube-system/kube-dns: the Service of the cluster DNS at the 10th address
 * of --service-cidr, as kubeadm and k3s make it.  Each kubec-agent answers
 * at that address itself (dnsmasq on the node, agent/clusterdns.c), so
 * the Service has no selector and no endpoints: it names the address and
 * keeps it from being given to another Service.
 */
static int
main_dns_service(struct server *s, struct err *err)
{
	json_t *svc;
	char ip[64];
	int rc;

	alloc_nth_ip(10, ip, sizeof ip);
	svc = json_pack("{s:s, s:s, s:{s:s, s:{s:s, s:s, s:s}}, s:{s:s, s:s, "
	    "s:[{s:s, s:s, s:i, s:i}, {s:s, s:s, s:i, s:i}]}}", "apiVersion",
	    "v1", "kind", "Service", "metadata", "name", "kube-dns", "labels",
	    "k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
	    "kubernetes.io/name", "kubec-dns", "spec", "type", "ClusterIP",
	    "clusterIP", ip, "ports", "name", "dns", "protocol", "UDP",
	    "port", 53, "targetPort", 53, "name", "dns-tcp", "protocol", "TCP",
	    "port", 53, "targetPort", 53);
	rc = main_ensure(s, "/api/v1/namespaces/kube-system/services", svc,
	    err);
	json_decref(svc);
	return rc;
}

/* The default StorageClass local-path, as k3s has one. */
static int
main_storage_class(struct server *s, struct err *err)
{
	json_t *sc = json_pack("{s:s, s:s, s:{s:s, s:{s:s}}, s:s, s:s, s:s}",
	    "apiVersion", "storage.k8s.io/v1", "kind", "StorageClass",
	    "metadata", "name", "local-path", "annotations",
	    "storageclass.kubernetes.io/is-default-class", "true",
	    "provisioner", "kubec.io/local-path", "reclaimPolicy", "Delete",
	    "volumeBindingMode", "WaitForFirstConsumer");
	int rc;

	rc = main_ensure(s, "/apis/storage.k8s.io/v1/storageclasses", sc,
	    err);
	json_decref(sc);
	return rc;
}

/* The IngressClass nginx of the agents' ingress controller
 * (agent/ingress.c), the default one, as k3s makes traefik's. */
static int
main_ingress_class(struct server *s, struct err *err)
{
	json_t *ic = json_pack("{s:s, s:s, s:{s:s, s:{s:s}}, s:{s:s}}",
	    "apiVersion", "networking.k8s.io/v1", "kind", "IngressClass",
	    "metadata", "name", "nginx", "annotations",
	    "ingressclass.kubernetes.io/is-default-class", "true",
	    "spec", "controller", "kubec.io/ingress-nginx");
	int rc;

	rc = main_ensure(s, "/apis/networking.k8s.io/v1/ingressclasses", ic,
	    err);
	json_decref(ic);
	return rc;
}

/* The system PriorityClasses, as kube-apiserver makes them. */
static int
main_priority_classes(struct server *s, struct err *err)
{
	json_t *pc;
	int rc = 0;

	for (size_t i = 0; rc == 0 && (pc = priorityclasses_system_object(i)) !=
	    NULL; i++) {
		rc = main_ensure(s, "/apis/scheduling.k8s.io/v1/priorityclasses",
		    pc, err);
		json_decref(pc);
	}
	return rc;
}

static int
main_kubeconfig(struct server *s, struct err *err)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/admin.kubeconfig", s->opts.data_dir);
	if (kubeconfig_write_admin(path, s->url, s->pki->ca_pem,
	    auth_admin_token(s->auth), "kubec") < 0)
		return err_set(err, ERR_INTERNAL, "cannot write %s", path);
	return 0;
}

/*
 * The CAs client certificates are verified against: --client-ca-file's
 * (PEM, checked here: one certificate at least, all readable), else the
 * cluster CA.  *pem is what the caller frees (NULL for the cluster CA).
 */
static int
main_client_ca(struct server *s, char **pem, struct err *err)
{
	struct buf b = BUF_INIT((size_t)4 << 20);
	gnutls_x509_crt_t *list = NULL;
	unsigned int n = 0, i;
	gnutls_datum_t d;
	int rc;

	*pem = NULL;
	s->client_ca_pem = s->pki->ca_pem;
	if (s->opts.client_ca_file == NULL)
		return 0;
	if (file_read(s->opts.client_ca_file, &b, err) < 0) {
		buf_release(&b);
		err_wrap(err, "--client-ca-file");
		return -1;
	}
	d.data = (unsigned char *)b.data;
	d.size = (unsigned int)b.len;
	rc = b.len > 0 ? gnutls_x509_crt_list_import2(&list, &n, &d,
	    GNUTLS_X509_FMT_PEM, 0) : GNUTLS_E_NO_CERTIFICATE_FOUND;
	for (i = 0; i < n; i++)
		gnutls_x509_crt_deinit(list[i]);
	gnutls_free(list);
	if (rc < 0 || n == 0) {
		buf_release(&b);
		return err_set(err, ERR_BAD_REQUEST, "--client-ca-file %s: no "
		    "PEM certificates (%s)", s->opts.client_ca_file,
		    gnutls_strerror(rc < 0 ? rc :
		    GNUTLS_E_NO_CERTIFICATE_FOUND));
	}
	*pem = buf_detach(&b, NULL);
	s->client_ca_pem = *pem;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "advertise", required_argument, NULL, 'a' },
		{ "etcd-servers", required_argument, NULL, 'e' },
		{ "token-auth-file", required_argument, NULL, 't' },
		{ "client-ca-file", required_argument, NULL, 'A' },
		{ "threads", required_argument, NULL, 'T' },
		{ "compact-interval", required_argument, NULL, 'c' },
		{ "service-cidr", required_argument, NULL, 'S' },
		{ "service-node-port-range", required_argument, NULL, 'P' },
		{ "cluster-cidr", required_argument, NULL, 'C' },
		{ "node-cidr-mask-size", required_argument, NULL, 'M' },
		{ "controllers", required_argument, NULL, 'R' },
		{ "disable-scheduler", no_argument, NULL, 'D' },
		{ "local-storage-path", required_argument, NULL, 'L' },
		{ "event-ttl", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct server s;
	struct pki pki;
	struct auth auth;
	struct err err;
	char *client_ca = NULL;
	const char *sans[5];
	char svcip[64];
	char host[256];
	const char *colon;
	int c, nsans = 0;
	int64_t rev, compacted, mark = 0;
	long long next_compact;

	if (argc >= 2 && strcmp(argv[1], "certificate") == 0)
		return certcmd_main(argc - 1, argv + 1);
	memset(&s, 0, sizeof s);
	s.listen_fd = -1;
	memset(&pki, 0, sizeof pki);
	memset(&auth, 0, sizeof auth);
	err_clear(&err);
	s.opts.data_dir = "/var/lib/kubec";
	s.opts.listen = "127.0.0.1:6443";
	s.opts.threads = 32;
	s.opts.compact_interval = 300;
	s.opts.service_cidr = "10.96.0.0/12";
	s.opts.node_port_range = "30000-32767";
	s.opts.cluster_cidr = "10.42.0.0/16";
	s.opts.node_cidr_mask = 24;
	s.opts.controllers = "*";
	s.opts.local_storage_path = "/var/lib/kubec/storage";
	s.opts.event_ttl = 3600;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': s.opts.data_dir = optarg; break;
		case 'l': s.opts.listen = optarg; break;
		case 'a': s.opts.advertise = optarg; break;
		case 'e': s.opts.etcd_servers = optarg; break;
		case 't': s.opts.token_auth_file = optarg; break;
		case 'A': s.opts.client_ca_file = optarg; break;
		case 'T': s.opts.threads = atoi(optarg); break;
		case 'c': s.opts.compact_interval = atol(optarg); break;
		case 'S': s.opts.service_cidr = optarg; break;
		case 'P': s.opts.node_port_range = optarg; break;
		case 'C': s.opts.cluster_cidr = optarg; break;
		case 'M': s.opts.node_cidr_mask = atoi(optarg); break;
		case 'R': s.opts.controllers = optarg; break;
		case 'D': s.opts.disable_scheduler = 1; break;
		case 'L': s.opts.local_storage_path = optarg; break;
		case 'E':
			if ((s.opts.event_ttl = main_seconds(optarg)) < 0) {
				fprintf(stderr, "kubec-server: --event-ttl %s: "
				    "not a duration\n", optarg);
				return 2;
			}
			break;
		case 'h': main_usage(stdout); return 0;
		default: main_usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		main_usage(stderr);
		return 2;
	}
	if (s.opts.threads < 1)
		s.opts.threads = 1;
	if (mkdir(s.opts.data_dir, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "kubec-server: cannot create %s: %s\n",
		    s.opts.data_dir, strerror(errno));
		return 1;
	}
	colon = strrchr(s.opts.listen, ':');
	snprintf(host, sizeof host, "%.*s", colon ? (int)(colon -
	    s.opts.listen) : 0, s.opts.listen);
	if (host[0] != '\0' && strcmp(host, "0.0.0.0") != 0)
		sans[nsans++] = host;
	if (s.opts.advertise != NULL)
		sans[nsans++] = s.opts.advertise;
	sans[nsans] = NULL;
	snprintf(s.url, sizeof s.url, "https://%s:%s", s.opts.advertise ?
	    s.opts.advertise : (host[0] && strcmp(host, "0.0.0.0") ? host :
	    "127.0.0.1"), colon ? colon + 1 : "6443");
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, main_signal);
	signal(SIGINT, main_signal);
	s.started = (long long)time(NULL);
	if (alloc_init(s.opts.service_cidr, s.opts.node_port_range, &err) < 0)
		goto fail;
	alloc_first_ip(svcip, sizeof svcip);
	sans[nsans++] = svcip;
	sans[nsans] = NULL;
	if (pki_ensure(s.opts.data_dir, sans, &pki, &err) < 0)
		goto fail;
	s.pki = &pki;
	if (main_client_ca(&s, &client_ca, &err) < 0)
		goto fail;
	if (proxy_start(&s, &err) < 0)
		goto fail;
	if (auth_init(&auth, s.opts.data_dir, s.opts.token_auth_file,
	    &err) < 0 || auth_node_token(&auth, s.opts.data_dir, pki.ca_pem,
	    &err) < 0)
		goto fail;
	s.auth = &auth;
	s.store = store_open(s.opts.data_dir, s.opts.etcd_servers, &err);
	if (s.store == NULL)
		goto fail;
	if (main_namespaces(&s, &err) < 0 || policy_ensure(s.store, &err) < 0)
		goto fail;
	s.cache = cache_open(s.store, &err);
	if (s.cache == NULL)
		goto fail;
	auth.cache = s.cache;
	if (main_kubeconfig(&s, &err) < 0 || http_start(&s, &err) < 0 ||
	    main_kubernetes_service(&s, host, colon ? colon + 1 : "6443",
	    &err) < 0 || main_dns_service(&s, &err) < 0 ||
	    main_storage_class(&s, &err) < 0 ||
	    main_ingress_class(&s, &err) < 0 ||
	    main_priority_classes(&s, &err) < 0 ||
	    (s.recorder = recorder_start(&s, &err)) == NULL ||
	    leader_start(&s, &err) < 0)
		goto fail;
	fprintf(stderr, "kubec-server: serving %s (store: %s); kubeconfig: "
	    "%s/admin.kubeconfig; nodes join with: kubec-agent --server %s "
	    "--token $(cat %s/node-token)\n", s.url, s.opts.etcd_servers ?
	    "etcd" : "sqlite", s.opts.data_dir, s.url, s.opts.data_dir);
	next_compact = (long long)time(NULL) + s.opts.compact_interval;
	while (!main_stop) {
		sleep(1);
		if (s.opts.compact_interval <= 0 ||
		    (long long)time(NULL) < next_compact)
			continue;
		/* compact what is older than one interval */
		if (mark > 0 && store_compact(s.store, mark, &err) < 0) {
			fprintf(stderr, "kubec-server: compaction: %s\n",
			    err.msg);
			err_clear(&err);
		}
		if (store_revision(s.store, &rev, &compacted, &err) == 0)
			mark = rev;
		err_clear(&err);
		next_compact = (long long)time(NULL) + s.opts.compact_interval;
	}
	s.stopping = 1;
	leader_stop(&s);
	recorder_stop(s.recorder);
	s.recorder = NULL;
	cache_shutdown(s.cache);
	http_stop(&s);
	cache_close(s.cache);
	store_close(s.store);
	auth_release(&auth);
	proxy_stop(&s);
	pki_release(&pki);
	free(client_ca);
	return 0;
fail:
	fprintf(stderr, "kubec-server: %s\n", err.msg);
	free(client_ca);
	return 1;
}
