/* proxy-bench.c - the driver of tests/bench/proxy.sh: makes the Services
 * and EndpointSlices, changes slices and times how long until kubec-agent
 * has applied the rules, and times raw `nft -f` of scripts, the anchor.
 * "Applied" is a new nftables generation: the kernel counts the committed
 * transactions of the network namespace, read here over netlink
 * (NFT_MSG_GETGEN, no dump and no event subscription, which would make
 * every commit slower) every POLL_US.
 *
 *   proxy-bench create URL TOKEN CAFILE NSVC NEPS THREADS
 *	NSVC selector-less Services bench/s0.. (port "http" 80) and one
 *	EndpointSlice each with NEPS ready endpoints (198.18.0.0/17, port
 *	8080); prints "I CLUSTERIP" per Service
 *   proxy-bench first NSVC READYFILE
 *	writes READYFILE, then waits for the commits until the map
 *	service-ips holds NSVC services; prints "applied_at" (CLOCK_REALTIME
 *	seconds) and "commits"
 *   proxy-bench changes URL TOKEN CAFILE AGENTPID N NSVC NEPS
 *	N times: one Service's slice (not s0's) with its first endpoint
 *	not ready, timed from the request to the next commit, checked in the
 *	chain (numgen mod NEPS-1); prints change_p50_ms, change_p99_ms,
 *	change_max_ms, verified, the agent's CPU per change: its own
 *	(agent_cpu_ms) and its nft children's (nft_cpu_ms), and every
 *	change's time (changes_ms)
 *   proxy-bench nft ROUNDS [-p PRE] FILE...
 *	`nft -f FILE` for each FILE in turn, ROUNDS times, each after an
 *	untimed `nft -f PRE`; prints the median wall time (nft_ms) and CPU
 *	time (nft_cpu_ms)
 *   proxy-bench incr DIR I CIP PODCIDR NEPS
 *	writes DIR/incr-a.nft (Service I's chain without its last endpoint,
 *	whose chain goes) and DIR/incr-b.nft (back as it was): the
 *	scripts of a proxy that updates only what changed
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/buf.h"

#define POLL_US		500
#define NS		"bench"

struct bench {
	const char	*url, *token, *cafile;
	long		 nsvc, neps;
	long		 next;
	pthread_mutex_t	 mu;
	long		 failed;
	char		**cips;
};

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The P-th percentile of n sorted values. */
static double
pct(const double *v, size_t n, double p)
{
	size_t i = (size_t)(p / 100 * (double)n + 0.999);

	if (n == 0)
		return 0;
	if (i < 1)
		i = 1;
	if (i > n)
		i = n;
	return v[i - 1];
}

/* ---- the nftables generation ---- */

static int nl_fd = -1;
static unsigned nl_seq;

static long
gen_get(void)
{
	struct {
		struct nlmsghdr	nh;
		struct nfgenmsg	g;
	} req;
	char rbuf[8192];
	struct nlmsghdr *nh = (struct nlmsghdr *)rbuf;
	struct nlattr *at;
	ssize_t n;
	int len;

	if (nl_fd < 0) {
		struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

		nl_fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);
		if (nl_fd < 0 || bind(nl_fd, (struct sockaddr *)&sa,
		    sizeof sa) < 0) {
			perror("netlink");
			exit(1);
		}
	}
	memset(&req, 0, sizeof req);
	req.nh.nlmsg_len = sizeof req;
	req.nh.nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETGEN;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.nh.nlmsg_seq = ++nl_seq;
	req.g.nfgen_family = AF_UNSPEC;
	req.g.version = NFNETLINK_V0;
	if (send(nl_fd, &req, sizeof req, 0) < 0)
		return -1;
	for (;;) {
		n = recv(nl_fd, rbuf, sizeof rbuf, 0);
		if (n < (ssize_t)sizeof *nh)
			return -1;
		if (nh->nlmsg_seq == nl_seq)
			break;
	}
	if (nh->nlmsg_type == NLMSG_ERROR)
		return -1;
	at = (struct nlattr *)((char *)NLMSG_DATA(nh) +
	    NLMSG_ALIGN(sizeof(struct nfgenmsg)));
	len = (int)nh->nlmsg_len - (int)((char *)at - rbuf);
	while (len >= (int)sizeof *at && at->nla_len >= sizeof *at &&
	    at->nla_len <= len) {
		if ((at->nla_type & NLA_TYPE_MASK) == NFTA_GEN_ID)
			return (long)ntohl(*(uint32_t *)((char *)at +
			    NLA_HDRLEN));
		len -= NLA_ALIGN(at->nla_len);
		at = (struct nlattr *)((char *)at + NLA_ALIGN(at->nla_len));
	}
	return -1;
}

/* Waits for a generation other than g0; returns it. */
static long
gen_wait(long g0, double timeout)
{
	double t0 = now_mono();
	long g;

	while ((g = gen_get()) == g0) {
		if (now_mono() - t0 > timeout)
			return g0;
		usleep(POLL_US);
	}
	return g;
}

/* ---- the API ---- */

static size_t
sink(char *p, size_t sz, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b != NULL)
		buf_add(b, p, sz * n);
	return sz * n;
}

static CURL *
handle(struct bench *b, struct curl_slist **h, const char *ctype)
{
	CURL *c = curl_easy_init();
	char auth[512];

	*h = curl_slist_append(NULL, ctype);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", b->token);
	*h = curl_slist_append(*h, auth);
	curl_easy_setopt(c, CURLOPT_CAINFO, b->cafile);
	curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, *h);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
	return c;
}

static long
req(CURL *c, const char *method, const char *url, const char *body,
    struct buf *out)
{
	long code = 0;

	buf_reset(out);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	if (curl_easy_perform(c) != CURLE_OK)
		return 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

/* Endpoint k of Service i, from 198.18.0.0/17. */
static void
ep_ip(long i, long k, char *ip, size_t len)
{
	long n = i * 16 + k + 1;

	snprintf(ip, len, "198.18.%ld.%ld", n >> 8, n & 255);
}

/* The endpoints of Service i; the first not ready with first_unready. */
static void
endpoints(struct buf *b, long i, long neps, int first_unready)
{
	char ip[32];
	long k;

	buf_adds(b, "\"endpoints\":[");
	for (k = 0; k < neps; k++) {
		ep_ip(i, k, ip, sizeof ip);
		buf_addf(b, "%s{\"addresses\":[\"%s\"],\"conditions\":"
		    "{\"ready\":%s},\"nodeName\":\"node1\"}", k > 0 ? "," : "",
		    ip, k == 0 && first_unready ? "false" : "true");
	}
	buf_adds(b, "]");
}

static void *
creator(void *arg)
{
	struct bench *b = arg;
	struct curl_slist *h;
	CURL *c = handle(b, &h, "Content-Type: application/json");
	struct buf body = BUF_INIT(1 << 20), out = BUF_INIT(1 << 20);
	char url[512], cip[64];
	const char *p;
	long i, code;

	for (;;) {
		pthread_mutex_lock(&b->mu);
		i = b->next++;
		pthread_mutex_unlock(&b->mu);
		if (i >= b->nsvc)
			break;
		buf_reset(&body);
		buf_addf(&body, "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
		    "\"metadata\":{\"name\":\"s%ld\",\"namespace\":\"" NS "\"},"
		    "\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,"
		    "\"targetPort\":8080}]}}", i);
		snprintf(url, sizeof url, "%s/api/v1/namespaces/" NS
		    "/services", b->url);
		code = req(c, "POST", url, buf_str(&body), &out);
		cip[0] = '\0';
		if ((p = strstr(buf_str(&out), "\"clusterIP\":\"")) != NULL)
			sscanf(p + 13, "%63[0-9.]", cip);
		if (code == 201 && cip[0] != '\0') {
			buf_reset(&body);
			buf_addf(&body, "{\"apiVersion\":\"discovery.k8s.io/v1\","
			    "\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":"
			    "\"s%ld-1\",\"namespace\":\"" NS "\",\"labels\":{"
			    "\"kubernetes.io/service-name\":\"s%ld\"}},"
			    "\"addressType\":\"IPv4\",\"ports\":[{\"name\":"
			    "\"http\",\"port\":8080,\"protocol\":\"TCP\"}],",
			    i, i);
			endpoints(&body, i, b->neps, 0);
			buf_adds(&body, "}");
			snprintf(url, sizeof url, "%s/apis/discovery.k8s.io/v1/"
			    "namespaces/" NS "/endpointslices", b->url);
			code = req(c, "POST", url, buf_str(&body), &out);
		}
		pthread_mutex_lock(&b->mu);
		if (code != 201) {
			if (b->failed++ == 0)
				fprintf(stderr, "create: %ld %s\n", code,
				    buf_str(&out));
		} else {
			b->cips[i] = strdup(cip);
		}
		pthread_mutex_unlock(&b->mu);
	}
	buf_release(&body);
	buf_release(&out);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return NULL;
}

static int
cmd_create(struct bench *b, int threads)
{
	pthread_t t[64];
	long i;
	int k;

	b->cips = calloc((size_t)b->nsvc, sizeof *b->cips);
	for (k = 0; k < threads && k < 64; k++)
		pthread_create(&t[k], NULL, creator, b);
	for (k = 0; k < threads && k < 64; k++)
		pthread_join(t[k], NULL);
	for (i = 0; i < b->nsvc; i++)
		if (b->cips[i] != NULL)
			printf("%ld %s\n", i, b->cips[i]);
	return b->failed > 0;
}

/* ---- nft ---- */

/* Runs a command, its output added to outb (NULL: dropped); its wall
 * and CPU time in seconds. */
static int
run(char *const argv[], struct buf *outb, double *wall, double *cpu)
{
	struct rusage ru;
	double t0 = now_mono();
	int fd[2], st;
	char tmp[65536];
	ssize_t n;
	pid_t pid;

	if (pipe(fd) < 0)
		return -1;
	if ((pid = fork()) == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], tmp, sizeof tmp)) > 0)
		if (outb != NULL)
			buf_add(outb, tmp, (size_t)n);
	close(fd[0]);
	if (wait4(pid, &st, 0, &ru) < 0)
		return -1;
	if (wall != NULL)
		*wall = now_mono() - t0;
	if (cpu != NULL)
		*cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* How many services the map service-ips sends to a chain. */
static long
services_in_map(void)
{
	char *argv[] = { "nft", "list", "map", "ip", "kubec-proxy",
	    "service-ips", NULL };
	struct buf out = BUF_INIT((size_t)256 << 20);
	const char *p;
	long n = 0;

	if (run(argv, &out, NULL, NULL) == 0)
		for (p = buf_str(&out); (p = strstr(p, "goto svc-")) != NULL;
		    p++)
			n++;
	buf_release(&out);
	return n;
}

static int
cmd_first(long nsvc, const char *ready)
{
	struct timespec ts;
	long g = gen_get(), commits = 0, n = 0;
	FILE *f;

	if ((f = fopen(ready, "w")) == NULL)
		return 1;
	fclose(f);
	for (;;) {
		g = gen_wait(g, 600);
		clock_gettime(CLOCK_REALTIME, &ts);
		commits++;
		if ((n = services_in_map()) >= nsvc)
			break;
		if (commits > 1000)
			return 1;
	}
	printf("applied_at %.6f\ncommits %ld\nservices %ld\n",
	    (double)ts.tv_sec + ts.tv_nsec / 1e9, commits, n);
	return 0;
}

/* utime+stime and cutime+cstime of a process, seconds. */
static void
proc_cpu(long pid, double *self, double *children)
{
	char path[64], line[4096], *p;
	unsigned long long v[4];
	FILE *f;
	long hz = sysconf(_SC_CLK_TCK);

	*self = *children = 0;
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fgets(line, sizeof line, f) != NULL &&
	    (p = strrchr(line, ')')) != NULL &&
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
	    "%llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) == 4) {
		*self = (double)(v[0] + v[1]) / (double)hz;
		*children = (double)(v[2] + v[3]) / (double)hz;
	}
	fclose(f);
}

static int
cmd_changes(struct bench *b, long agent, long n)
{
	struct curl_slist *h;
	CURL *c = handle(b, &h, "Content-Type: application/merge-patch+json");
	struct buf body = BUF_INIT(1 << 20), out = BUF_INIT((size_t)64 << 20);
	double *ms = calloc((size_t)n, sizeof *ms), t0, s0, c0, s1, c1;
	char url[512], chain[128], want[64];
	char *argv[] = { "nft", "list", "chain", "ip", "kubec-proxy", chain,
	    NULL };
	long j, i, g, verified = 0, code;
	int k;

	proc_cpu(agent, &s0, &c0);
	for (j = 0; j < n; j++) {
		i = 1 + (j * 37 + 11) % (b->nsvc - 1);	/* not s0 */
		buf_reset(&body);
		buf_adds(&body, "{");
		endpoints(&body, i, b->neps, 1);
		buf_adds(&body, "}");
		snprintf(url, sizeof url, "%s/apis/discovery.k8s.io/v1/"
		    "namespaces/" NS "/endpointslices/s%ld-1", b->url, i);
		g = gen_get();
		t0 = now_mono();
		code = req(c, "PATCH", url, buf_str(&body), &out);
		if (code != 200) {
			fprintf(stderr, "patch: %ld %s\n", code, buf_str(&out));
			return 1;
		}
		if (gen_wait(g, 30) == g) {
			fprintf(stderr, "no commit after change %ld\n", j);
			return 1;
		}
		ms[j] = (now_mono() - t0) * 1000;
		/* checked once the commit has ended (the generation is
		 * counted at its start: a listing then may fail) */
		snprintf(chain, sizeof chain, "svc-" NS "/s%ld/tcp/80", i);
		snprintf(want, sizeof want, "numgen random mod %ld ",
		    b->neps - 1);
		for (k = 0; k < 5; k++) {
			usleep(200000);
			buf_reset(&out);
			if (run(argv, &out, NULL, NULL) == 0) {
				verified += strstr(buf_str(&out), want) != NULL;
				break;
			}
		}
	}
	proc_cpu(agent, &s1, &c1);
	printf("changes_ms");
	for (j = 0; j < n; j++)
		printf(" %.1f", ms[j]);
	printf("\n");
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	printf("change_p50_ms %.1f\nchange_p99_ms %.1f\nchange_max_ms %.1f\n"
	    "verified %ld\nagent_cpu_ms %.1f\nnft_cpu_ms %.1f\n",
	    pct(ms, (size_t)n, 50), pct(ms, (size_t)n, 99), ms[n - 1],
	    verified, (s1 - s0) * 1000 / (double)n,
	    (c1 - c0) * 1000 / (double)n);
	free(ms);
	buf_release(&body);
	buf_release(&out);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return 0;
}

static int
cmd_nft(long rounds, const char *pre, int nfiles, char **files)
{
	char *pargv[] = { "nft", "-f", (char *)pre, NULL };
	double *wall = calloc((size_t)(rounds * nfiles), sizeof *wall);
	double *cpu = calloc((size_t)(rounds * nfiles), sizeof *cpu);
	char *argv[] = { "nft", "-f", NULL, NULL };
	long r, m = 0;
	int k;

	for (r = 0; r < rounds; r++)
		for (k = 0; k < nfiles; k++, m++) {
			argv[2] = files[k];
			if (pre != NULL && run(pargv, NULL, NULL, NULL) < 0) {
				fprintf(stderr, "nft -f %s failed\n", pre);
				return 1;
			}
			if (run(argv, NULL, &wall[m], &cpu[m]) < 0) {
				fprintf(stderr, "nft -f %s failed\n", files[k]);
				return 1;
			}
		}
	qsort(wall, (size_t)m, sizeof *wall, cmp_double);
	qsort(cpu, (size_t)m, sizeof *cpu, cmp_double);
	printf("nft_ms %.1f\nnft_cpu_ms %.1f\n", pct(wall, (size_t)m, 50) *
	    1000, pct(cpu, (size_t)m, 50) * 1000);
	free(wall);
	free(cpu);
	return 0;
}

/* The scripts of an incremental update of Service i's chain. */
static int
cmd_incr(const char *dir, long i, const char *cip, const char *podcidr,
    long neps)
{
	char path[512], ip[32];
	const char *T = "ip kubec-proxy";
	long k, last = neps - 1;
	FILE *f;
	int v;

	for (v = 0; v < 2; v++) {
		snprintf(path, sizeof path, "%s/incr-%c.nft", dir, "ab"[v]);
		if ((f = fopen(path, "w")) == NULL)
			return 1;
		ep_ip(i, last, ip, sizeof ip);
		if (v == 1)
			fprintf(f, "add chain %s ep-" NS "/s%ld/tcp/80__%s/8080\n"
			    "add rule %s ep-" NS "/s%ld/tcp/80__%s/8080 ip "
			    "saddr %s jump mark-for-masquerade\n"
			    "add rule %s ep-" NS "/s%ld/tcp/80__%s/8080 meta "
			    "l4proto tcp dnat to %s:8080\n", T, i, ip, T, i,
			    ip, ip, T, i, ip, ip);
		fprintf(f, "flush chain %s svc-" NS "/s%ld/tcp/80\n"
		    "add rule %s svc-" NS "/s%ld/tcp/80 ip daddr %s tcp dport "
		    "80 ip saddr != %s jump mark-for-masquerade\n"
		    "add rule %s svc-" NS "/s%ld/tcp/80 numgen random mod %ld "
		    "vmap { ", T, i, T, i, cip, podcidr, T, i,
		    v == 0 ? neps - 1 : neps);
		for (k = 0; k < (v == 0 ? neps - 1 : neps); k++) {
			ep_ip(i, k, ip, sizeof ip);
			fprintf(f, "%s%ld : goto ep-" NS "/s%ld/tcp/80__%s/8080",
			    k > 0 ? ", " : "", k, i, ip);
		}
		fprintf(f, " }\n");
		if (v == 0) {
			ep_ip(i, last, ip, sizeof ip);
			fprintf(f, "delete chain %s ep-" NS "/s%ld/tcp/80__"
			    "%s/8080\n", T, i, ip);
		}
		fclose(f);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct bench b = { .mu = PTHREAD_MUTEX_INITIALIZER };
	const char *cmd = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(cmd, "first") == 0 && argc == 4)
		return cmd_first(atol(argv[2]), argv[3]);
	if (strcmp(cmd, "nft") == 0 && argc >= 6 && strcmp(argv[3], "-p") == 0)
		return cmd_nft(atol(argv[2]), argv[4], argc - 5, argv + 5);
	if (strcmp(cmd, "nft") == 0 && argc >= 4)
		return cmd_nft(atol(argv[2]), NULL, argc - 3, argv + 3);
	if (strcmp(cmd, "incr") == 0 && argc == 7)
		return cmd_incr(argv[2], atol(argv[3]), argv[4], argv[5],
		    atol(argv[6]));
	if (argc < 5) {
		fprintf(stderr, "usage: see tests/bench/proxy-bench.c\n");
		return 2;
	}
	curl_global_init(CURL_GLOBAL_ALL);
	b.url = argv[2];
	b.token = argv[3];
	b.cafile = argv[4];
	if (strcmp(cmd, "create") == 0 && argc == 8) {
		b.nsvc = atol(argv[5]);
		b.neps = atol(argv[6]);
		return cmd_create(&b, atoi(argv[7]));
	}
	if (strcmp(cmd, "changes") == 0 && argc == 9) {
		b.nsvc = atol(argv[7]);
		b.neps = atol(argv[8]);
		return cmd_changes(&b, atol(argv[5]), atol(argv[6]));
	}
	fprintf(stderr, "usage: see tests/bench/proxy-bench.c\n");
	return 2;
}
