/* main.c - kubec-agent: the node agent (kubelet and container runtime
 * glue): joins the cluster, registers its Node, renews its Lease and runs
 * the pods bound to it as crun containers. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/file.h"
#include "agent.h"
#include "cni.h"
#include "image.h"
#include "runtime.h"

static volatile sig_atomic_t main_stop;

static void
main_usage(FILE *f)
{
	fprintf(f,
"usage: kubec-agent --server URL --token TOKEN --node-name NAME [options]\n"
"\n"
"The kubec node agent: registers the Node, renews its Lease and runs the\n"
"pods bound to it as seccomp-confined crun containers.\n"
"\n"
"  --server URL          the API server (https://host:port)\n"
"  --token TOKEN         the node join token (DIR/node-token of the server)\n"
"                        or a bearer token; a join token also carries the\n"
"                        hash of the cluster CA, fetched from /cacerts\n"
"  --ca-file FILE        trust this cluster CA instead\n"
"  --node-name NAME      the Node's name (default: the host name)\n"
"  --data-dir DIR        images, pods and state (default /var/lib/kubec-agent)\n"
"  --node-ip IP          the Node's InternalIP (default: detected)\n"
"  --pod-cidr CIDR       spec.podCIDR of a Node this agent creates\n"
"  --max-pods N          capacity in pods (default 110)\n"
"  --port PORT           the HTTPS endpoint for logs, exec, attach and\n"
"                        port-forward, on the node IP (default 10250)\n"
"  -h, --help            this help\n"
"\n"
"       kubec-agent image import [--data-dir DIR] PATH...\n"
"\n"
"Imports OCI image layouts (directories or tar archives) into the node's\n"
"image store, for machines without a registry.\n");
}

static void
main_signal(int sig)
{
	main_stop = 1;
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
		{ "port", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct agent a;
	char host[256], path[4200];
	struct err err;
	int c, rc = 1;

	if (argc > 1 && strcmp(argv[1], "image") == 0)
		return main_image(argc - 1, argv + 1);
	err_clear(&err);
	pthread_mutex_init(&a.mu, NULL);
	a.opts.data_dir = "/var/lib/kubec-agent";
	a.opts.max_pods = 110;
	a.opts.port = AGENT_PORT;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': a.opts.server = optarg; break;
		case 't': a.opts.token = optarg; break;
		case 'C': a.opts.ca_file = optarg; break;
		case 'n': a.opts.node_name = optarg; break;
		case 'd': a.opts.data_dir = optarg; break;
		case 'i': a.opts.node_ip = optarg; break;
		case 'p': a.opts.pod_cidr = optarg; break;
		case 'm': a.opts.max_pods = atoi(optarg); break;
		case 'P': a.opts.port = atoi(optarg); break;
		case 'h': main_usage(stdout); return 0;
		default: main_usage(stderr); return 2;
		}
	}
	if (optind < argc || a.opts.server == NULL || a.opts.token == NULL) {
		main_usage(stderr);
		return 2;
	}
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
	if (join_cluster(&a, &err) < 0 || node_start(&a, &err) < 0 ||
	    serve_start(&a, &err) < 0 || pods_start(&a, &err) < 0)
		goto fail;
	fprintf(stderr, "kubec-agent: node %s (%s) joined %s\n",
	    a.opts.node_name, a.node_ip, a.opts.server);
	while (!main_stop)
		pause();
	rc = 0;
out:
	/* containers keep running: a restarted agent adopts them */
	serve_stop(&a);
	pods_stop(&a);
	node_stop(&a);
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
