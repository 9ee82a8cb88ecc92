/* test-agent-cni.c - agent/cni with Debian's CNI plugins, all inside
 * network namespaces this test makes: a "node" namespace (the test enters
 * it, so kubec0 and the iptables rules live there), pod namespaces on its
 * bridge and a client namespace beside it.  Addresses are 198.18.0.0/15
 * only.  Everything is removed at exit.  Needs root and /usr/lib/cni. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../agent/cni.h"
#include "../../lib/buf.h"
#include "../../lib/file.h"
#include "../../lib/proc.h"
#include "test.h"

#define T_MAX_NS	16
#define T_NTHREADS	4

static char t_tmp[64], t_node[64];
static char t_ns[T_MAX_NS][64];
static int t_nns, t_host_fd = -1;
static struct cni *t_cni;
static struct cni_result t_ra, t_rb;
static const char *t_a = "", *t_b = "";	/* pod namespaces */

/* Runs argv (NULL-terminated arguments); 0 when it exits 0. */
static int
t_runv(struct buf *out, const char *in, int timeout_ms, const char *a0,
    va_list ap)
{
	char *argv[32];
	struct proc p = { .argv = argv, .out = out, .in = in,
	    .inlen = in ? strlen(in) : 0, .timeout_ms = timeout_ms };
	struct err err;
	int n = 0;

	argv[n++] = (char *)a0;
	while (n < 31 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	argv[n] = NULL;
	err_clear(&err);
	if (proc_run_ok(&p, &err) < 0) {
		printf("# %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int
t_run(const char *a0, ...)
{
	va_list ap;
	int rc;

	va_start(ap, a0);
	rc = t_runv(NULL, NULL, 20000, a0, ap);
	va_end(ap);
	return rc;
}

static int
t_run_out(struct buf *out, const char *in, int timeout_ms,
    const char *a0, ...)
{
	va_list ap;
	int rc;

	va_start(ap, a0);
	rc = t_runv(out, in, timeout_ms, a0, ap);
	va_end(ap);
	return rc;
}

/* ip netns add kubec-test-<tag>-<pid>; path receives /run/netns/NAME. */
static const char *
t_netns(const char *tag, char *path, size_t n)
{
	char *name;

	if (t_nns == T_MAX_NS)
		return NULL;
	name = t_ns[t_nns];
	snprintf(name, sizeof t_ns[0], "kubec-test-%s-%d", tag, (int)getpid());
	if (t_run("ip", "netns", "add", name, NULL) < 0)
		return NULL;
	t_nns++;
	snprintf(path, n, "/run/netns/%s", name);
	return name;
}

static int
t_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	remove(path);
	return 0;
}

static void
t_cleanup(void)
{
	int i;

	if (t_cni != NULL)
		cni_close(t_cni);
	t_cni = NULL;
	if (t_host_fd >= 0 && setns(t_host_fd, CLONE_NEWNET) < 0)
		printf("# setns back: %s\n", strerror(errno));
	for (i = t_nns - 1; i >= 0; i--)
		t_run("ip", "netns", "del", t_ns[i], NULL);
	t_nns = 0;
	if (t_node[0] != '\0')
		t_run("ip", "netns", "del", t_node, NULL);
	t_node[0] = '\0';
	if (t_tmp[0] != '\0')
		nftw(t_tmp, t_rm, 16, FTW_DEPTH | FTW_PHYS);
	t_tmp[0] = '\0';
}

static void
t_dir(char *dst, size_t n, const char *sub)
{
	snprintf(dst, n, "%s/%s", t_tmp, sub);
}

static struct cni *
t_open(const char *bridge, const char *cidr, const char *tag,
    struct err *err)
{
	char ipam[128], cache[128], conf[128];
	struct cni_config cfg = { .bridge = bridge, .pod_cidr = cidr,
	    .ipam_dir = ipam, .cache_dir = cache, .conf_dir = conf,
	    .mtu = 1400, .timeout_ms = 30000 };

	snprintf(ipam, sizeof ipam, "%s/ipam%s", t_tmp, tag);
	snprintf(cache, sizeof cache, "%s/cache%s", t_tmp, tag);
	snprintf(conf, sizeof conf, "%s/conf%s", t_tmp, tag);
	return cni_open(&cfg, err);
}

/* 1 when host-local holds a reservation file for ip. */
static int
t_reserved(const char *tag, const char *ip)
{
	char path[256];

	snprintf(path, sizeof path, "%s/ipam%s/kubec/%s", t_tmp, tag, ip);
	return access(path, F_OK) == 0;
}

static int
t_ping(const char *ns, const char *ip)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (ns == NULL ? t_run("busybox", "ping", "-c1", "-W2", ip,
		    NULL) == 0 : t_run("ip", "netns", "exec", ns, "busybox",
		    "ping", "-c1", "-W2", ip, NULL) == 0)
			return 0;
	}
	return -1;
}

static void
test_cni_open_errors(void)
{
	struct cni_config cfg = { .ipam_dir = "/tmp/x", .cache_dir = "/tmp/y" };
	struct err err;

	err_clear(&err);
	CHECK(cni_open(&cfg, &err) == NULL);
	CHECK_INT(err.reason, ERR_INVALID);
	cfg.pod_cidr = "198.18.1.0/24";
	cfg.ipam_dir = "relative";
	CHECK(cni_open(&cfg, &err) == NULL);
	cfg.ipam_dir = "/tmp/x";
	cfg.bridge = "much-too-long-bridge-name";
	CHECK(cni_open(&cfg, &err) == NULL);
	CHECK(strstr(err.msg, "invalid interface name") != NULL);
}

static void
test_cni_open_conflist(void)
{
	struct buf b = BUF_INIT(1 << 20);
	char path[128];
	struct err err;

	err_clear(&err);
	t_cni = t_open("kubec0", "198.18.1.0/24", "", &err);
	CHECK(t_cni != NULL);
	if (t_cni == NULL) {
		printf("# %s\n", err.msg);
		return;
	}
	t_dir(path, sizeof path, "conf/10-kubec.conflist");
	CHECK_INT(file_read(path, &b, &err), 0);
	CHECK_STR(buf_str(&b), cni_conflist(t_cni));
	CHECK(strstr(buf_str(&b), "\"cniVersion\": \"1.0.0\"") != NULL);
	CHECK(strstr(buf_str(&b), "\"subnet\": \"198.18.1.0/24\"") != NULL);
	CHECK(strstr(buf_str(&b), "\"type\": \"portmap\"") != NULL);
	CHECK(strstr(buf_str(&b), "\"isGateway\": true") != NULL);
	CHECK(strstr(buf_str(&b), "\"hairpinMode\": true") != NULL);
	CHECK(strstr(buf_str(&b), "\"ipMasq\": false") != NULL);
	buf_release(&b);
}

static void
test_cni_bad_args(void)
{
	struct cni_port bad = { 80, 8080, "icmp", NULL };
	char path[128];
	struct err err;

	if (t_cni == NULL)
		{ CHECK(0); return; }
	err_clear(&err);
	CHECK_INT(cni_add(t_cni, "../evil", "/run/netns/x", "eth0", NULL, 0,
	    NULL, &err), -1);
	CHECK(strstr(err.msg, "invalid container id") != NULL);
	CHECK_INT(cni_add(t_cni, "ok", t_tmp, "eth0", NULL, 0, NULL, &err),
	    -1);
	CHECK(strstr(err.msg, "is not a network namespace") != NULL);
	CHECK_INT(cni_del(t_cni, "ok", NULL, "eth0/x", &err), -1);
	CHECK(t_netns("bad", path, sizeof path) != NULL);
	CHECK_INT(cni_add(t_cni, "ok", path, "eth0", &bad, 1, NULL, &err), -1);
	CHECK(strstr(err.msg, "unsupported protocol") != NULL);
}

static void
test_cni_add_two_pods(void)
{
	struct cni_port port = { 8080, 18080, "TCP", NULL };
	struct buf b = BUF_INIT(4096);
	char pa[128], pb[128], f[256];
	struct err err;

	if (t_cni == NULL)
		{ CHECK(0); return; }
	err_clear(&err);
	CHECK((t_a = t_netns("a", pa, sizeof pa)) != NULL);
	CHECK((t_b = t_netns("b", pb, sizeof pb)) != NULL);
	if (cni_add(t_cni, "ctr-a", pa, "eth0", &port, 1, &t_ra, &err) < 0 ||
	    cni_add(t_cni, "ctr-b", pb, "eth0", NULL, 0, &t_rb, &err) < 0) {
		printf("# %s\n", err.msg);
		CHECK(0);
		return;
	}
	printf("# pod a %s/%d gw %s mac %s, pod b %s\n", t_ra.ip, t_ra.prefix,
	    t_ra.gateway, t_ra.mac, t_rb.ip);
	CHECK(strncmp(t_ra.ip, "198.18.1.", 9) == 0);
	CHECK(strncmp(t_rb.ip, "198.18.1.", 9) == 0);
	CHECK(strcmp(t_ra.ip, t_rb.ip) != 0);
	CHECK_INT(t_ra.prefix, 24);
	CHECK_STR(t_ra.gateway, "198.18.1.1");
	CHECK_STR(t_rb.gateway, "198.18.1.1");
	CHECK_INT(strlen(t_ra.mac), 17);
	CHECK(t_reserved("", t_ra.ip));
	snprintf(f, sizeof f, "%s/ipam/kubec/%s", t_tmp, t_rb.ip);
	CHECK_INT(file_read(f, &b, &err), 0);
	CHECK(strncmp(buf_str(&b), "ctr-b", 5) == 0);
	/* the bridge is the node namespace's, with the gateway address */
	buf_reset(&b);
	CHECK_INT(t_run_out(&b, NULL, 5000, "ip", "-4", "addr", "show",
	    "kubec0", NULL), 0);
	CHECK(strstr(buf_str(&b), "198.18.1.1/24") != NULL);
	buf_reset(&b);
	CHECK_INT(t_run_out(&b, NULL, 5000, "ip", "netns", "exec", t_a,
	    "ip", "-4", "addr", "show", "eth0", NULL), 0);
	CHECK(strstr(buf_str(&b), t_ra.ip) != NULL);
	CHECK(strstr(buf_str(&b), "mtu 1400") != NULL);
	CHECK_INT(cni_check(t_cni, "ctr-a", pa, "eth0", &err), 0);
	CHECK_INT(cni_check(t_cni, "ctr-b", pb, "eth0", &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK_INT(cni_check(t_cni, "ctr-x", pb, "eth0", &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	buf_release(&b);
}

static void
test_cni_ping(void)
{
	if (t_ra.ip[0] == '\0' || t_rb.ip[0] == '\0')
		{ CHECK(0); return; }
	CHECK_INT(t_ping(t_a, t_rb.ip), 0);	/* pod a -> pod b */
	CHECK_INT(t_ping(t_b, t_ra.ip), 0);	/* pod b -> pod a */
	CHECK_INT(t_ping(t_b, "198.18.1.1"), 0);	/* pod -> node */
	CHECK_INT(t_ping(NULL, t_ra.ip), 0);		/* node -> pods */
	CHECK_INT(t_ping(NULL, t_rb.ip), 0);
}

struct t_server {
	const char	*ns;
	struct buf	 out;
	int		 rc;
};

static void *
t_server_main(void *arg)
{
	struct t_server *s = arg;

	s->rc = t_run_out(&s->out, NULL, 15000, "ip", "netns", "exec", s->ns,
	    "busybox", "nc", "-l", "-p", "8080", NULL);
	return NULL;
}

/* nc in pod a listens on 8080; from ns, send a line to ip:18080. */
static int
t_hostport(const char *ns, const char *ip, const char *line)
{
	struct t_server s = { .ns = t_a, .out = BUF_INIT(4096) };
	pthread_t th;
	int i, sent = -1;

	if (pthread_create(&th, NULL, t_server_main, &s) != 0)
		return -1;
	for (i = 0; i < 50 && sent < 0; i++) {
		usleep(100000);
		sent = t_run_out(NULL, line, 5000, "ip", "netns", "exec", ns,
		    "busybox", "nc", "-w", "2", ip, "18080", NULL);
	}
	pthread_join(th, NULL);
	if (sent < 0 || s.rc < 0 || strcmp(buf_str(&s.out), line) != 0) {
		printf("# hostPort from %s to %s: sent %d, got \"%s\"\n", ns,
		    ip, sent, buf_str(&s.out));
		sent = -1;
	}
	buf_release(&s.out);
	return sent;
}

static void
test_cni_hostport(void)
{
	struct buf b = BUF_INIT(1 << 20);
	char pc[128], veth[16], peer[16];
	const char *c;

	if (t_ra.ip[0] == '\0')
		{ CHECK(0); return; }
	CHECK_INT(t_run_out(&b, NULL, 5000, "nft", "list", "ruleset", NULL),
	    0);
	CHECK(strstr(buf_str(&b), "dport 18080") != NULL);
	/* a client namespace on its own link: 198.19.0.2 -> node 198.19.0.1 */
	CHECK((c = t_netns("c", pc, sizeof pc)) != NULL);
	snprintf(veth, sizeof veth, "kcn%d", (int)getpid());
	snprintf(peer, sizeof peer, "kcp%d", (int)getpid());
	CHECK_INT(t_run("ip", "link", "add", veth, "type", "veth", "peer",
	    "name", peer, "netns", c, NULL), 0);
	CHECK_INT(t_run("ip", "addr", "add", "198.19.0.1/30", "dev", veth,
	    NULL), 0);
	CHECK_INT(t_run("ip", "link", "set", veth, "up", NULL), 0);
	CHECK_INT(t_run("ip", "-n", c, "addr", "add", "198.19.0.2/30", "dev",
	    peer, NULL), 0);
	CHECK_INT(t_run("ip", "-n", c, "link", "set", peer, "up", NULL), 0);
	CHECK_INT(t_run("ip", "-n", c, "link", "set", "lo", "up", NULL), 0);
	CHECK_INT(t_run("ip", "-n", c, "route", "add", "default", "via",
	    "198.19.0.1", NULL), 0);
	CHECK_INT(t_hostport(c, "198.19.0.1", "hello from c\n"), 0);
	/* pod b through the node's bridge address (hairpin SNAT) */
	CHECK_INT(t_hostport(t_b, "198.18.1.1", "hello from b\n"), 0);
	buf_release(&b);
}

static void
test_cni_del(void)
{
	struct buf b = BUF_INIT(1 << 20);
	char pb[128], f[256];
	struct err err;

	if (t_ra.ip[0] == '\0' || t_rb.ip[0] == '\0')
		{ CHECK(0); return; }
	err_clear(&err);
	snprintf(pb, sizeof pb, "/run/netns/%s", t_b);
	CHECK_INT(cni_del(t_cni, "ctr-b", pb, "eth0", &err), 0);
	CHECK(!t_reserved("", t_rb.ip));
	CHECK(t_reserved("", t_ra.ip));
	snprintf(f, sizeof f, "%s/cache/kubec-ctr-b-eth0.json", t_tmp);
	CHECK(access(f, F_OK) < 0);
	CHECK(t_run("ip", "netns", "exec", t_b, "ip", "link", "show",
	    "eth0", NULL) < 0);
	/* again: nothing left to delete is no error */
	CHECK_INT(cni_del(t_cni, "ctr-b", pb, "eth0", &err), 0);
	/* pod a's namespace is gone before its DEL */
	CHECK_INT(t_run("ip", "netns", "del", t_a, NULL), 0);
	snprintf(pb, sizeof pb, "/run/netns/%s", t_a);
	CHECK_INT(cni_del(t_cni, "ctr-a", pb, "eth0", &err), 0);
	if (err.msg[0])
		printf("# %s\n", err.msg);
	CHECK(!t_reserved("", t_ra.ip));
	CHECK_INT(cni_del(t_cni, "ctr-a", NULL, "eth0", &err), 0);
	CHECK_INT(t_run_out(&b, NULL, 5000, "nft", "list", "ruleset", NULL),
	    0);
	CHECK(strstr(buf_str(&b), "dport 18080") == NULL);
	/* a new ADD gets an address again */
	CHECK_INT(t_run("ip", "netns", "add", t_a, NULL), 0);
	CHECK_INT(cni_add(t_cni, "ctr-a2", pb, "eth0", NULL, 0, &t_ra, &err),
	    0);
	CHECK(t_reserved("", t_ra.ip));
	/* a namespace file left behind unmounted is no namespace either */
	t_dir(f, sizeof f, "not-a-netns");
	CHECK_INT(file_write_atomic(f, "", 0, 0600, &err), 0);
	CHECK_INT(cni_del(t_cni, "ctr-a2", f, "eth0", &err), 0);
	CHECK(!t_reserved("", t_ra.ip));
	buf_release(&b);
}

static void
test_cni_gc_stale(void)
{
	const char *live[] = { "ctr-d", "ctr-other" };
	struct cni_result rd, re;
	char pd[128], pe[128], f[256];
	struct err err;

	if (t_cni == NULL)
		{ CHECK(0); return; }
	err_clear(&err);
	CHECK(t_netns("d", pd, sizeof pd) != NULL);
	CHECK(t_netns("e", pe, sizeof pe) != NULL);
	CHECK_INT(cni_add(t_cni, "ctr-d", pd, "eth0", NULL, 0, &rd, &err), 0);
	CHECK_INT(cni_add(t_cni, "ctr-e", pe, "eth0", NULL, 0, &re, &err), 0);
	/* the agent crashed and lost its cache; only host-local remembers */
	snprintf(f, sizeof f, "%s/cache/kubec-ctr-e-eth0.json", t_tmp);
	CHECK_INT(unlink(f), 0);
	CHECK_INT(cni_gc_stale(t_cni, live, 2, &err), 1);
	CHECK(t_reserved("", rd.ip));
	CHECK(!t_reserved("", re.ip));
	CHECK_INT(cni_gc_stale(t_cni, live, 2, &err), 0);
	/* nothing is live: ctr-d goes too, through its cached result */
	CHECK_INT(cni_gc_stale(t_cni, NULL, 0, &err), 1);
	CHECK(!t_reserved("", rd.ip));
	snprintf(f, sizeof f, "%s/cache/kubec-ctr-d-eth0.json", t_tmp);
	CHECK(access(f, F_OK) < 0);
}

static void
test_cni_plugin_error(void)
{
	struct cni *c;
	char pf[128];
	struct err err;

	err_clear(&err);
	CHECK(t_netns("f", pf, sizeof pf) != NULL);
	c = t_open("kubec9", "198.18.1.0/24x", "-bad", &err);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(cni_add(c, "ctr-f", pf, "eth0", NULL, 0, NULL, &err), -1);
	printf("# %s\n", err.msg);
	CHECK(strstr(err.msg, "bridge ADD: invalid CIDR address: "
	    "198.18.1.0/24x") != NULL);
	cni_close(c);
	/* a /30 has one address besides the gateway */
	c = t_open("kubec8", "198.18.2.0/30", "-small", &err);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(cni_add(c, "ctr-f", pf, "eth0", NULL, 0, NULL, &err), 0);
	CHECK_INT(cni_add(c, "ctr-g", pf, "eth1", NULL, 0, NULL, &err), -1);
	printf("# %s\n", err.msg);
	CHECK(strstr(err.msg, "no IP addresses available") != NULL);
	CHECK_INT(cni_del(c, "ctr-f", pf, "eth0", &err), 0);
	CHECK_INT(cni_add(c, "ctr-g", pf, "eth1", NULL, 0, NULL, &err), 0);
	CHECK_INT(cni_del(c, "ctr-g", pf, "eth1", &err), 0);
	cni_close(c);
}

struct t_worker {
	pthread_barrier_t *bar;
	char		 id[32];
	char		 path[128];
	struct cni_result res;
	int		 add_rc, del_rc;
	struct err	 err;
};

static void *
t_worker_main(void *arg)
{
	struct t_worker *w = arg;

	err_clear(&w->err);
	w->add_rc = cni_add(t_cni, w->id, w->path, "eth0", NULL, 0, &w->res,
	    &w->err);
	pthread_barrier_wait(w->bar);
	w->del_rc = cni_del(t_cni, w->id, w->path, "eth0", &w->err);
	return NULL;
}

static void
test_cni_threads(void)
{
	static struct t_worker w[T_NTHREADS];
	pthread_barrier_t bar;
	pthread_t th[T_NTHREADS];
	char tag[8];
	int i, j;

	if (t_cni == NULL)
		{ CHECK(0); return; }
	pthread_barrier_init(&bar, NULL, T_NTHREADS);
	for (i = 0; i < T_NTHREADS; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].bar = &bar;
		snprintf(w[i].id, sizeof w[i].id, "ctr-t%d", i);
		snprintf(tag, sizeof tag, "t%d", i);
		CHECK(t_netns(tag, w[i].path, sizeof w[i].path) != NULL);
	}
	for (i = 0; i < T_NTHREADS; i++)
		pthread_create(&th[i], NULL, t_worker_main, &w[i]);
	for (i = 0; i < T_NTHREADS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&bar);
	for (i = 0; i < T_NTHREADS; i++) {
		if (w[i].add_rc < 0 || w[i].del_rc < 0)
			printf("# %s: %s\n", w[i].id, w[i].err.msg);
		CHECK_INT(w[i].add_rc, 0);
		CHECK_INT(w[i].del_rc, 0);
		CHECK(!t_reserved("", w[i].res.ip));
		for (j = 0; j < i; j++)
			CHECK(strcmp(w[i].res.ip, w[j].res.ip) != 0);
	}
}

int
main(void)
{
	char path[128];
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (geteuid() != 0 || access("/usr/lib/cni/bridge", X_OK) < 0) {
		printf("ok 1 # SKIP needs root and /usr/lib/cni\n");
		return 0;
	}
	snprintf(t_tmp, sizeof t_tmp, "/tmp/kubec-test-cni-XXXXXX");
	if (mkdtemp(t_tmp) == NULL) {
		t_tmp[0] = '\0';
		printf("not ok 1 mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	atexit(t_cleanup);
	t_host_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	snprintf(t_node, sizeof t_node, "kubec-test-node-%d", (int)getpid());
	snprintf(path, sizeof path, "/run/netns/%s", t_node);
	if (t_host_fd < 0 || t_run("ip", "netns", "add", t_node, NULL) < 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		t_node[0] = '\0';
		printf("not ok 1 cannot make the node namespace\n");
		return 1;
	}
	if (setns(fd, CLONE_NEWNET) < 0 ||
	    t_run("ip", "link", "set", "lo", "up", NULL) < 0) {
		close(fd);
		printf("not ok 1 cannot enter the node namespace\n");
		return 1;
	}
	close(fd);
	RUN(test_cni_open_errors);
	RUN(test_cni_open_conflist);
	RUN(test_cni_bad_args);
	RUN(test_cni_add_two_pods);
	RUN(test_cni_ping);
	RUN(test_cni_hostport);
	RUN(test_cni_del);
	RUN(test_cni_gc_stale);
	RUN(test_cni_plugin_error);
	RUN(test_cni_threads);
	t_cleanup();
	return TEST_EXIT();
}
