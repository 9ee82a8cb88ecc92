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

#include "agent.h"

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
"  -h, --help            this help\n");
}

static void
main_signal(int sig)
{
	main_stop = 1;
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct agent a;
	char host[256];
	struct err err;
	int c;

	err_clear(&err);
	pthread_mutex_init(&a.mu, NULL);
	a.opts.data_dir = "/var/lib/kubec-agent";
	a.opts.max_pods = 110;
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
	if (join_cluster(&a, &err) < 0 || node_start(&a, &err) < 0)
		goto fail;
	fprintf(stderr, "kubec-agent: node %s (%s) joined %s\n",
	    a.opts.node_name, a.node_ip, a.opts.server);
	while (!main_stop)
		pause();
	node_stop(&a);
	rest_close(a.api);
	free(a.ca_pem);
	return 0;
fail:
	fprintf(stderr, "kubec-agent: %s\n", err.msg);
	node_stop(&a);
	rest_close(a.api);
	free(a.ca_pem);
	return 1;
}
