/* main.c - kubec-agent: the node agent (kubelet and container runtime
 * glue): joins the cluster, registers its Node, renews its Lease and runs
 * the pods bound to it as crun containers; or, with --simulate, is that
 * many simulated nodes without containers (simulate.c). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <malloc.h>
#include <pthread.h>
#include <unistd.h>

#include "../lib/file.h"
#include "agent.h"
#include "cni.h"
#include "image.h"
#include "pod.h"
#include "runtime.h"
#include "simulate.h"

#define MAIN_STOP_LIMIT	30	/* seconds a stop may take */

static volatile sig_atomic_t main_stop;
static const char *volatile main_stage = "the API server's connections";

/* A stop that hangs (a thread that does not see a->stop) must not leave
 * a half-stopped agent behind: past the limit, say where it hangs and
 * exit (as systemd would kill it after TimeoutStopSec). */
static void *
main_watchdog(void *arg)
{
	(void)arg;
	sleep(MAIN_STOP_LIMIT);
	fprintf(stderr, "kubec-agent: still stopping after %d s (%s); "
	    "exiting\n", MAIN_STOP_LIMIT, main_stage);
	_exit(1);
}

/* Waits for TERM or INT (a signal may reach any thread: main_stop is
 * looked at every second, not left to pause()), then starts the
 * watchdog and tells every thread to stop. */
static void
main_wait(struct agent *a)
{
	pthread_t t;

	while (!main_stop)
		sleep(1);
	if (pthread_create(&t, NULL, main_watchdog, NULL) == 0)
		pthread_detach(t);
	a->stop = 1;
}

static void
main_usage(FILE *f)
{
	fprintf(f,
"usage: kubec-agent --server URL --token TOKEN --node-name NAME [options]\n"
"       kubec-agent --simulate N --server URL --token TOKEN [options]\n"
"\n"
"The kubec node agent: registers the Node, renews its Lease and runs the\n"
"pods bound to it as seccomp-confined crun containers.  With --simulate,\n"
"N simulated nodes (as kwok's) whose pods run without containers.\n"
"\n"
"  --server URL          the API server (https://host:port)\n"
"  --token TOKEN         the node join token (DIR/node-token of the server)\n"
"                        or a bearer token; a join token also carries the\n"
"                        hash of the cluster CA, fetched from /cacerts\n"
"  --ca-file FILE        trust this cluster CA instead\n"
"  --node-name NAME      the Node's name (default: the host name)\n"
"  --data-dir DIR        images, pods and state (default /var/lib/kubec-agent)\n"
"  --node-ip IP          the Node's InternalIP (default: detected); with\n"
"                        --simulate, the first node's, the next ones\n"
"                        following (default 198.19.0.1, 198.19.0.2, ...)\n"
"  --pod-cidr CIDR       spec.podCIDR of a Node this agent creates; with\n"
"                        --simulate, cut into one subnet per node\n"
"  --max-pods N          capacity in pods (default 110)\n"
"  --port PORT           the HTTPS endpoint for logs, exec, attach and\n"
"                        port-forward, on the node IP (default 10250)\n"
"  --cni-bridge NAME     the Linux bridge pods are wired to (default\n"
"                        kubec0; another for a second agent on a host)\n"
"  --cluster-domain D    the cluster's DNS domain, for pods' /etc/hosts\n"
"                        and search paths (default cluster.local)\n"
"  --cluster-dns IP[,IP] the cluster DNS servers of ClusterFirst pods\n"
"                        (default: the 10th address of the service range,\n"
"                        from the kubernetes service's, its 1st)\n"
"  --resolv-conf FILE    the node's resolver file, the base of pods'\n"
"                        resolv.conf (default /etc/resolv.conf; \"\": none)\n"
"  --image-gc-high-threshold PCT\n"
"                        disk use (percent) at which unused images are\n"
"                        removed (default 85; 100: never)\n"
"  --image-gc-low-threshold PCT\n"
"                        disk use image GC brings it down to (default 80)\n"
"  --image-minimum-gc-age DURATION\n"
"                        images first seen since are kept (default 2m)\n"
"  --image-maximum-gc-age DURATION\n"
"                        images unused that long are removed, whatever the\n"
"                        disk (default 0: never)\n"
"  --image-gc-period DURATION\n"
"                        between two passes of image GC (default 5m)\n"
"  --proxy=false         no service proxy (the nftables table ip kubec-proxy\n"
"                        that kube-proxy's nftables mode would program;\n"
"                        default true)\n"
"  --routes=false        no routes to other nodes' podCIDRs via their\n"
"                        InternalIPs (host-gw; default true)\n"
"  --dns=false           no cluster DNS on this node (dnsmasq answering at\n"
"                        the --cluster-dns addresses; default true when\n"
"                        dnsmasq is installed)\n"
"  --cluster-cidr CIDR   the pods' addresses (kubec-server's --cluster-cidr,\n"
"                        default 10.42.0.0/16), for the DNS names\n"
"                        <a-b-c-d>.<namespace>.pod.<domain>\n"
"  --ingress=false       no ingress controller (Debian's nginx serving the\n"
"                        Ingresses of IngressClass controller\n"
"                        kubec.io/ingress-nginx on the node's address;\n"
"                        default true when an nginx program is found)\n"
"  --ingress-http-port PORT   its HTTP port (default 80)\n"
"  --ingress-https-port PORT  its HTTPS port (default 443)\n"
"  --network-policy=false  no NetworkPolicy enforcement (the nftables table\n"
"                        inet kubec-netpol filtering this node's pods;\n"
"                        default true)\n"
"  --simulate N          simulate N nodes NAME-0 .. NAME-(N-1) (NAME: the\n"
"                        --node-name, default sim): they register, renew\n"
"                        their Leases and post their status, and the pods\n"
"                        bound to them are reported Running, without\n"
"                        crun, CNI, images or the HTTPS endpoint (the pod\n"
"                        annotations kubec.io/simulate-exit-code and\n"
"                        kubec.io/simulate-duration end them; see\n"
"                        kubec-agent(8)); data in --data-dir (default\n"
"                        /var/lib/kubec-agent-sim)\n"
"  --sim-cpu Q           a simulated node's cpu (default 32)\n"
"  --sim-memory Q        a simulated node's memory (default 256Gi)\n"
"  -h, --help            this help\n"
"\n"
"       kubec-agent image import [--data-dir DIR] PATH...\n"
"\n"
"Imports OCI image layouts (directories or tar archives) into the node's\n"
"image store, for machines without a registry.\n");
}

/* A Go-style duration ("90s", "2m", "1h30m", "0"; a bare number is in
 * seconds) in whole seconds; -1 when it is not one. */
static int
main_duration(const char *s)
{
	long long total = 0, v;
	char *end;

	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		v = strtoll(s, &end, 10);
		if (end == s || v < 0)
			return -1;
		switch (*end) {
		case 'h': v *= 3600; end++; break;
		case 'm': v *= 60; end++; break;
		case 's': end++; break;
		case '\0': break;
		default: return -1;
		}
		total += v;
		if (total > 0x7fffffff)
			return -1;
		s = end;
	}
	return (int)total;
}

/* A percentage option (0..100); -1 when it is not one. */
static int
main_percent(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s == '\0' || *end != '\0' || v < 0 || v > 100 ? -1 : (int)v;
}

static void
main_signal(int sig)
{
	main_stop = 1;
}

/* A count option (1..max); -1 when it is not one. */
static int
main_count(const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s == '\0' || *end != '\0' || v < 1 || v > max ? -1 : (int)v;
}

/* A true/false option of something on by default: *off set; -1 when it
 * is neither. */
static int
main_off(const char *s, int *off)
{
	if (strcmp(s, "false") != 0 && strcmp(s, "true") != 0)
		return -1;
	*off = strcmp(s, "false") == 0;
	return 0;
}

/* kubec-agent --simulate N: joins, then only simulates (no runtime,
 * images, CNI or HTTPS endpoint). */
static int
main_simulate(struct agent *a)
{
	struct err err;
	int rc = 1;

	err_clear(&err);
	if (mkdir(a->opts.data_dir, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "kubec-agent: cannot create %s: %s\n",
		    a->opts.data_dir, strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, main_signal);
	signal(SIGINT, main_signal);
	if (join_cluster(a, &err) < 0 || simulate_start(a, &err) < 0) {
		fprintf(stderr, "kubec-agent: %s\n", err.msg);
		goto out;
	}
	fprintf(stderr, "kubec-agent: simulating %d nodes %s-0..%s-%d on %s\n",
	    a->opts.simulate, a->opts.node_name, a->opts.node_name,
	    a->opts.simulate - 1, a->opts.server);
	main_wait(a);
	rc = 0;
out:
	/* the Nodes stay, as those of a stopped kubelet */
	main_stage = "the simulated nodes";
	simulate_stop(a);
	rest_close(a->api);
	free(a->ca_pem);
	return rc;
}

/* kubec-agent image import [--data-dir DIR] PATH... */
static int
main_image(int argc, char **argv)
{
	const char *dir = "/var/lib/kubec-agent";
	char path[4200];
	struct imagestore *s;
	struct err err;
	int i = 2, rc = 0;

	/* the agent's child that unpacks one layer (imagelayer.c) */
	if (argc == 4 && strcmp(argv[1], "unpack-layer") == 0)
		return image_layer_unpack_main(argv[2], argv[3]);
	if (argc < 3 || strcmp(argv[1], "import") != 0) {
		main_usage(stderr);
		return 2;
	}
	if (strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc) {
		dir = argv[i + 1];
		i += 2;
	}
	err_clear(&err);
	snprintf(path, sizeof path, "%s/images", dir);
	if (file_mkdirs(path, 0700, &err) < 0 ||
	    (s = imagestore_open(path, &err)) == NULL) {
		fprintf(stderr, "kubec-agent: %s\n", err.msg);
		return 1;
	}
	for (; i < argc; i++) {
		err_clear(&err);
		if (image_import(s, argv[i], &err) < 0) {
			fprintf(stderr, "kubec-agent: %s: %s\n", argv[i],
			    err.msg);
			rc = 1;
		}
	}
	imagestore_close(s);
	return rc;
}

/*
 * glibc keeps a cache of freed blocks in each thread (tcache, up to seven
 * of every size under 1 KB); with a worker thread per pod they held some
 * 2.7 MB of an agent running 100 pods, for threads that sleep most of the
 * time.  Only GLIBC_TUNABLES, read when a program starts, turns it off:
 * the agent starts itself again once with it (same PID), then drops it
 * from its environment so that crun, conmon and the CNI plugins run with
 * the usual malloc.  A GLIBC_TUNABLES of the user's own is left alone.
 */
#define MAIN_TUNABLES	"glibc.malloc.tcache_count=0"
#define MAIN_REEXEC	"KUBEC_AGENT_TUNED"

static void
main_tunables(char **argv)
{
	if (getenv(MAIN_REEXEC) == NULL) {	/* the first start */
		if (getenv("GLIBC_TUNABLES") != NULL)
			return;
		if (setenv("GLIBC_TUNABLES", MAIN_TUNABLES, 1) == 0 &&
		    setenv(MAIN_REEXEC, "1", 1) == 0) {
			char self[PATH_MAX];
			ssize_t n = readlink("/proc/self/exe", self,
			    sizeof self - 1);

			/* by its own name, so that ps and pgrep still say
			 * kubec-agent ("exe" after /proc/self/exe) */
			if (n > 0) {
				self[n] = '\0';
				execv(self, argv);
			}
			execv("/proc/self/exe", argv);
		}
		/* no second start: the agent runs with the cache */
	}
	unsetenv(MAIN_REEXEC);
	unsetenv("GLIBC_TUNABLES");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "token", required_argument, NULL, 't' },
		{ "ca-file", required_argument, NULL, 'C' },
		{ "node-name", required_argument, NULL, 'n' },
		{ "data-dir", required_argument, NULL, 'd' },
		{ "node-ip", required_argument, NULL, 'i' },
		{ "pod-cidr", required_argument, NULL, 'p' },
		{ "max-pods", required_argument, NULL, 'm' },
		{ "port", required_argument, NULL, 'O' },
		{ "cni-bridge", required_argument, NULL, 'B' },
		{ "cluster-domain", required_argument, NULL, 'D' },
		{ "cluster-dns", required_argument, NULL, 'N' },
		{ "resolv-conf", required_argument, NULL, 'R' },
		{ "image-gc-high-threshold", required_argument, NULL, 'H' },
		{ "image-gc-low-threshold", required_argument, NULL, 'L' },
		{ "image-minimum-gc-age", required_argument, NULL, 'A' },
		{ "image-maximum-gc-age", required_argument, NULL, 'X' },
		{ "image-gc-period", required_argument, NULL, 'P' },
		{ "simulate", required_argument, NULL, 'S' },
		{ "sim-cpu", required_argument, NULL, 'c' },
		{ "sim-memory", required_argument, NULL, 'M' },
		{ "proxy", required_argument, NULL, 'x' },
		{ "routes", required_argument, NULL, 'r' },
		{ "dns", required_argument, NULL, 'y' },
		{ "cluster-cidr", required_argument, NULL, 'z' },
		{ "ingress", required_argument, NULL, 1000 },
		{ "ingress-http-port", required_argument, NULL, 1001 },
		{ "ingress-https-port", required_argument, NULL, 1002 },
		{ "network-policy", required_argument, NULL, 1100 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct agent a;
	char host[256], path[4200];
	struct err err;
	int c, rc = 1, bad = 0, data_dir_set = 0;

	/* a worker thread per pod: without a cap each would get a malloc
	 * arena of its own, most of a megabyte resident for a few objects */
	mallopt(M_ARENA_MAX, 2);
	if (argc > 1 && strcmp(argv[1], "image") == 0)
		return main_image(argc - 1, argv + 1);
	err_clear(&err);
	/* layers are unpacked in a child: libarchive stays out of here */
	image_unpack_helper = "/proc/self/exe";
	pthread_mutex_init(&a.mu, NULL);
	pthread_mutex_init(&a.mirror_mu, NULL);
	a.opts.data_dir = "/var/lib/kubec-agent";
	a.opts.max_pods = 110;
	a.opts.port = AGENT_PORT;
	a.opts.cluster_domain = "cluster.local";
	a.opts.cluster_cidr = "10.42.0.0/16";
	a.opts.image_gc_high = 85;
	a.opts.image_gc_low = 80;
	a.opts.image_min_age = 120;
	a.opts.image_gc_period = 300;
	a.opts.ingress_http_port = 80;
	a.opts.ingress_https_port = 443;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': a.opts.server = optarg; break;
		case 't': a.opts.token = optarg; break;
		case 'C': a.opts.ca_file = optarg; break;
		case 'n': a.opts.node_name = optarg; break;
		case 'd': a.opts.data_dir = optarg; data_dir_set = 1; break;
		case 'i': a.opts.node_ip = optarg; break;
		case 'p': a.opts.pod_cidr = optarg; break;
		case 'm': a.opts.max_pods = atoi(optarg); break;
		case 'O': a.opts.port = atoi(optarg); break;
		case 'B': a.opts.cni_bridge = optarg; break;
		case 'D': a.opts.cluster_domain = optarg; break;
		case 'N': bad |= dns_check_servers(a.opts.cluster_dns =
			    optarg) < 0;
			break;
		case 'R': a.opts.resolv_conf = optarg; break;
		case 'H': bad |= (a.opts.image_gc_high = main_percent(optarg)) < 0;
			break;
		case 'L': bad |= (a.opts.image_gc_low = main_percent(optarg)) < 0;
			break;
		case 'A': bad |= (a.opts.image_min_age = main_duration(optarg)) < 0;
			break;
		case 'X': bad |= (a.opts.image_max_age = main_duration(optarg)) < 0;
			break;
		case 'P': bad |= (a.opts.image_gc_period =
			    main_duration(optarg)) <= 0;
			break;
		case 'S': bad |= (a.opts.simulate = main_count(optarg,
			    50000)) < 0;
			break;
		case 'c': a.opts.sim_cpu = optarg; break;
		case 'M': a.opts.sim_memory = optarg; break;
		case 'x': bad |= main_off(optarg, &a.opts.no_proxy) < 0; break;
		case 'r': bad |= main_off(optarg, &a.opts.no_routes) < 0; break;
		case 'y': bad |= main_off(optarg, &a.opts.no_dns) < 0; break;
		case 'z': a.opts.cluster_cidr = optarg; break;
		case 1100: bad |= main_off(optarg, &a.opts.no_netpol) < 0;
			break;
		case 1000: bad |= main_off(optarg, &a.opts.no_ingress) < 0;
			break;
		case 1001: bad |= (a.opts.ingress_http_port =
			    main_count(optarg, 65535)) < 0;
			break;
		case 1002: bad |= (a.opts.ingress_https_port =
			    main_count(optarg, 65535)) < 0;
			break;
		case 'h': main_usage(stdout); return 0;
		default: main_usage(stderr); return 2;
		}
	}
	if (bad || optind < argc || a.opts.server == NULL ||
	    a.opts.token == NULL) {
		main_usage(stderr);
		return 2;
	}
	if (a.opts.simulate > 0) {
		if (a.opts.node_name == NULL)
			a.opts.node_name = "sim";
		if (!data_dir_set)
			a.opts.data_dir = "/var/lib/kubec-agent-sim";
		return main_simulate(&a);
	}
	main_tunables(argv);
	if (a.opts.node_name == NULL) {
		if (gethostname(host, sizeof host) < 0)
			snprintf(host, sizeof host, "localhost");
		host[sizeof host - 1] = '\0';
		a.opts.node_name = host;
	}
	if (mkdir(a.opts.data_dir, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "kubec-agent: cannot create %s: %s\n",
		    a.opts.data_dir, strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, main_signal);
	signal(SIGINT, main_signal);
	/* first, while single-threaded: it enters its mount namespace */
	snprintf(path, sizeof path, "%s/runtime", a.opts.data_dir);
	if ((a.rt = runtime_open(path, &err)) == NULL)
		goto fail;
	snprintf(path, sizeof path, "%s/images", a.opts.data_dir);
	if (file_mkdirs(path, 0700, &err) < 0 ||
	    (a.images = imagestore_open(path, &err)) == NULL)
		goto fail;
	a.events = events_open();
	if (join_cluster(&a, &err) < 0 || node_start(&a, &err) < 0 ||
	    serve_start(&a, &err) < 0 || pods_start(&a, &err) < 0 ||
	    imagegc_start(&a, &err) < 0 ||
	    (!a.opts.no_dns && clusterdns_start(&a, &err) < 0) ||
	    (!a.opts.no_proxy && proxy_start(&a, &err) < 0) ||
	    (!a.opts.no_routes && routes_start(&a, &err) < 0) ||
	    (!a.opts.no_ingress && ingress_start(&a, &err) < 0) ||
	    (!a.opts.no_netpol && netpol_start(&a, &err) < 0))
		goto fail;
	fprintf(stderr, "kubec-agent: node %s (%s) joined %s\n",
	    a.opts.node_name, a.node_ip, a.opts.server);
	main_wait(&a);
	rc = 0;
out:
	/* containers keep running: a restarted agent adopts them */
	a.stop = 1;
	serve_stop(&a);
	main_stage = "the network policy";
	netpol_stop(&a);
	main_stage = "the ingress controller";
	ingress_stop(&a);
	main_stage = "the pod routes";
	routes_stop(&a);
	main_stage = "the service proxy";
	proxy_stop(&a);
	main_stage = "the cluster DNS";
	clusterdns_stop(&a);
	main_stage = "the shared mirrors";
	mirror_shared_stop(&a);
	main_stage = "image GC";
	imagegc_stop(&a);
	main_stage = "the pod workers";
	pods_stop(&a);
	main_stage = "the heartbeat";
	node_stop(&a);
	main_stage = "closing";
	events_close(a.events);
	if (a.cni != NULL)
		cni_close(a.cni);
	if (a.images != NULL)
		imagestore_close(a.images);
	if (a.rt != NULL)
		runtime_close(a.rt);
	rest_close(a.api);
	free(a.ca_pem);
	return rc;
fail:
	fprintf(stderr, "kubec-agent: %s\n", err.msg);
	goto out;
}
