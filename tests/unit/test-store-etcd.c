/* test-store-etcd.c - the store conformance suite and etcd-specific tests
 * against a real etcd (Debian's etcd-server), started on free ports of
 * 127.0.0.1 in a temporary directory and killed at the end.
 *
 * The etcd-specific tests cover failing over to the next server, watch
 * streams that break and resume (through a small TCP proxy in this file
 * that can cut, hold and refuse connections), Gone for a watch resumed
 * across a compaction, and prompt unwatch.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "store-suite.h"

static char	 etcd_dir[64];
static pid_t	 etcd_pid = -1;
static int	 etcd_port;
static char	 etcd_url[64];

/* A port of 127.0.0.1 that was free a moment ago. */
static int
test_free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd, port = -1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static const char *
test_find_etcd(void)
{
	static char path[4096];
	const char *p = getenv("PATH"), *q;
	size_t n;

	if (p == NULL)
		p = "/usr/local/bin:/usr/bin:/bin";
	for (; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
		q = strchrnul(p, ':');
		n = q - p;
		if (n == 0)
			continue;
		snprintf(path, sizeof path, "%.*s/etcd", (int)n, p);
		if (access(path, X_OK) == 0)
			return path;
	}
	return NULL;
}

static int
test_rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	remove(path);
	return 0;
}

static void
test_etcd_stop(void)
{
	if (etcd_pid > 0) {
		kill(etcd_pid, SIGTERM);
		waitpid(etcd_pid, NULL, 0);
		etcd_pid = -1;
	}
	if (etcd_dir[0] != '\0') {
		nftw(etcd_dir, test_rm_one, 16, FTW_DEPTH | FTW_PHYS);
		etcd_dir[0] = '\0';
	}
}

/* Starts etcd; 0 once it answers, -1 when it did not start. */
static int
test_etcd_start(const char *bin)
{
	char data[128], log[128], curls[64], purls[64], cluster[96];
	struct store *s;
	struct err err;
	int peer, fd, i;

	snprintf(etcd_dir, sizeof etcd_dir, "/tmp/kubec-etcd-XXXXXX");
	if (mkdtemp(etcd_dir) == NULL) {
		etcd_dir[0] = '\0';
		return -1;
	}
	etcd_port = test_free_port();
	peer = test_free_port();
	if (etcd_port < 0 || peer < 0 || peer == etcd_port)
		return -1;
	snprintf(data, sizeof data, "%s/data", etcd_dir);
	snprintf(log, sizeof log, "%s/etcd.log", etcd_dir);
	snprintf(curls, sizeof curls, "http://127.0.0.1:%d", etcd_port);
	snprintf(purls, sizeof purls, "http://127.0.0.1:%d", peer);
	snprintf(cluster, sizeof cluster, "default=%s", purls);
	snprintf(etcd_url, sizeof etcd_url, "%s", curls);
	fflush(stdout);
	if ((etcd_pid = fork()) == -1)
		return -1;
	if (etcd_pid == 0) {
		if ((fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execl(bin, bin, "--data-dir", data, "--name", "default",
		    "--listen-client-urls", curls, "--advertise-client-urls",
		    curls, "--listen-peer-urls", purls,
		    "--initial-advertise-peer-urls", purls,
		    "--initial-cluster", cluster, "--log-level", "error",
		    (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 200; i++) {
		err_clear(&err);
		if ((s = store_open(NULL, etcd_url, &err)) != NULL) {
			store_close(s);
			return 0;
		}
		if (waitpid(etcd_pid, NULL, WNOHANG) == etcd_pid) {
			etcd_pid = -1;
			return -1;
		}
		usleep(50 * 1000);
	}
	return -1;
}

static struct store *
test_open(const char *spec)
{
	struct store *s;
	struct err err;

	err_clear(&err);
	if ((s = store_open(NULL, spec, &err)) == NULL)
		printf("#   open %s: %s\n", spec, err.msg);
	return s;
}

static struct store *
test_open_fresh(void)
{
	return test_open(etcd_url);
}

static struct store *
test_reopen(struct store *s)
{
	store_close(s);
	return test_open(etcd_url);
}

/*
 * A TCP proxy to etcd that can cut its connections, hold new ones (accept
 * them but forward nothing until released) or refuse them.
 */
#define PROXY_MAX	64

static struct {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 lfd;
	int		 port;
	int		 hold;
	int		 refuse;
	int		 quit;
	int		 fds[PROXY_MAX];
	int		 nthreads;
	pthread_t	 thread;
} proxy = {
	.mu = PTHREAD_MUTEX_INITIALIZER,
	.cv = PTHREAD_COND_INITIALIZER,
	.lfd = -1,
};

static void
proxy_track(int fd, int add)
{
	int i;

	pthread_mutex_lock(&proxy.mu);
	for (i = 0; i < PROXY_MAX; i++)
		if (add ? proxy.fds[i] == -1 : proxy.fds[i] == fd) {
			proxy.fds[i] = add ? fd : -1;
			break;
		}
	pthread_mutex_unlock(&proxy.mu);
}

static void *
proxy_conn(void *arg)
{
	int cfd = (int)(intptr_t)arg, ufd = -1, i, wait;
	struct sockaddr_in sa;
	struct pollfd pf[2];
	char b[16384];
	ssize_t n;

	proxy_track(cfd, 1);
	pthread_mutex_lock(&proxy.mu);
	while (proxy.hold && !proxy.quit)
		pthread_cond_wait(&proxy.cv, &proxy.mu);
	wait = proxy.refuse || proxy.quit;
	pthread_mutex_unlock(&proxy.mu);
	if (wait)
		goto out;
	if ((ufd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		goto out;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(etcd_port);
	if (connect(ufd, (struct sockaddr *)&sa, sizeof sa) == -1)
		goto out;
	proxy_track(ufd, 1);
	for (;;) {
		pf[0].fd = cfd;
		pf[1].fd = ufd;
		pf[0].events = pf[1].events = POLLIN;
		if (poll(pf, 2, -1) == -1 && errno != EINTR)
			break;
		for (i = 0; i < 2; i++) {
			if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(pf[i].fd, b, sizeof b);
			if (n <= 0 || write(pf[1 - i].fd, b, n) != n)
				goto out;
		}
	}
out:
	proxy_track(cfd, 0);
	close(cfd);
	if (ufd != -1) {
		proxy_track(ufd, 0);
		close(ufd);
	}
	pthread_mutex_lock(&proxy.mu);
	proxy.nthreads--;
	pthread_cond_broadcast(&proxy.cv);
	pthread_mutex_unlock(&proxy.mu);
	return NULL;
}

static void *
proxy_main(void *arg)
{
	pthread_t t;
	int fd;

	for (;;) {
		fd = accept(proxy.lfd, NULL, NULL);
		if (fd == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			break;
		}
		pthread_mutex_lock(&proxy.mu);
		if (proxy.quit) {
			pthread_mutex_unlock(&proxy.mu);
			close(fd);
			break;
		}
		proxy.nthreads++;
		pthread_mutex_unlock(&proxy.mu);
		if (pthread_create(&t, NULL, proxy_conn,
		    (void *)(intptr_t)fd) != 0) {
			close(fd);
			pthread_mutex_lock(&proxy.mu);
			proxy.nthreads--;
			pthread_mutex_unlock(&proxy.mu);
		} else
			pthread_detach(t);
	}
	return NULL;
}

static int
proxy_start(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int i;

	for (i = 0; i < PROXY_MAX; i++)
		proxy.fds[i] = -1;
	proxy.hold = proxy.refuse = proxy.quit = 0;
	if ((proxy.lfd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(proxy.lfd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    getsockname(proxy.lfd, (struct sockaddr *)&sa, &len) == -1 ||
	    listen(proxy.lfd, 16) == -1) {
		close(proxy.lfd);
		return -1;
	}
	proxy.port = ntohs(sa.sin_port);
	return pthread_create(&proxy.thread, NULL, proxy_main, NULL) == 0 ?
	    0 : -1;
}

/* Breaks every connection going through the proxy. */
static void
proxy_cut(void)
{
	int i;

	pthread_mutex_lock(&proxy.mu);
	for (i = 0; i < PROXY_MAX; i++)
		if (proxy.fds[i] != -1)
			shutdown(proxy.fds[i], SHUT_RDWR);
	pthread_mutex_unlock(&proxy.mu);
}

static void
proxy_set(int hold, int refuse)
{
	pthread_mutex_lock(&proxy.mu);
	proxy.hold = hold;
	proxy.refuse = refuse;
	pthread_cond_broadcast(&proxy.cv);
	pthread_mutex_unlock(&proxy.mu);
}

static void
proxy_stop(void)
{
	pthread_mutex_lock(&proxy.mu);
	proxy.quit = 1;
	proxy.hold = 0;
	pthread_cond_broadcast(&proxy.cv);
	pthread_mutex_unlock(&proxy.mu);
	shutdown(proxy.lfd, SHUT_RDWR);
	pthread_join(proxy.thread, NULL);
	close(proxy.lfd);
	proxy_cut();
	pthread_mutex_lock(&proxy.mu);
	while (proxy.nthreads > 0)
		pthread_cond_wait(&proxy.cv, &proxy.mu);
	pthread_mutex_unlock(&proxy.mu);
}

static int64_t
test_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Bad specs are refused; an unreachable server fails open. */
static void
test_etcd_open_errors(void)
{
	struct store *s;
	struct err err;
	char spec[128];

	err_clear(&err);
	s = store_open(NULL, "127.0.0.1:2379", &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
	CHECK_STR(err.msg, "etcd: bad server URL \"127.0.0.1:2379\" (want "
	    "http://host:port)");
	err_clear(&err);
	s = store_open(NULL, " , ", &err);
	CHECK(s == NULL);
	CHECK_STR(err.msg, "etcd: no servers given");
	snprintf(spec, sizeof spec, "http://127.0.0.1:%d", test_free_port());
	err_clear(&err);
	s = store_open(NULL, spec, &err);
	CHECK(s == NULL);
	CHECK_INT(err.reason, ERR_SERVICE_UNAVAILABLE);
	CHECK(strncmp(err.msg, "cannot open the etcd store: etcd: ",
	    34) == 0);
}

/* The first server is dead: every request moves on to the second. */
static void
test_etcd_failover(void)
{
	struct store *s;
	struct suite_watch sw;
	struct store_kv kv;
	struct err err;
	char spec[160];
	int64_t r1, r2;

	snprintf(suite_pfx, sizeof suite_pfx, "/registry/etcd-failover-%ld/",
	    (long)getpid());
	snprintf(spec, sizeof spec, "http://127.0.0.1:%d/, %s",
	    test_free_port(), etcd_url);
	if ((s = test_open(spec)) == NULL) {
		CHECK(s != NULL);
		return;
	}
	r1 = suite_create(s, suite_key("a"), "one");
	CHECK(r1 > 0);
	CHECK_INT(suite_watch_start(s, &sw, suite_key(""), r1, &err), 0);
	r2 = suite_update(s, suite_key("a"), "two", r1);
	CHECK(r2 > r1);
	memset(&kv, 0, sizeof kv);
	err_clear(&err);
	CHECK_INT(store_get(s, suite_key("a"), &kv, &err), 0);
	CHECK_STR(kv.value, "two");
	CHECK_INT(kv.mod_rev, r2);
	store_kv_release(&kv);
	CHECK_INT(suite_watch_wait(&sw, 1, SUITE_WAIT_MS), 1);
	if (sw.n == 1) {
		CHECK_INT(sw.evs[0].rev, r2);
		CHECK_STR(sw.evs[0].value, "two");
		CHECK_STR(sw.evs[0].prev_value, "one");
	}
	if (sw.w != NULL)
		store_unwatch(s, sw.w);
	suite_watch_release(&sw);
	store_close(s);

	/* the live server first, then a dead one: no failover needed */
	snprintf(spec, sizeof spec, "%s,http://127.0.0.1:%d", etcd_url,
	    test_free_port());
	if ((s = test_open(spec)) == NULL) {
		CHECK(s != NULL);
		return;
	}
	memset(&kv, 0, sizeof kv);
	err_clear(&err);
	CHECK_INT(store_get(s, suite_key("a"), &kv, &err), 0);
	CHECK_STR(kv.value, "two");
	store_kv_release(&kv);
	store_close(s);
}

/*
 * A watch whose stream breaks resumes where it left off, without gaps;
 * when it cannot reconnect, it ends with a NULL event.
 */
static void
test_etcd_watch_resume(void)
{
	struct store *direct, *via;
	struct suite_watch sw;
	struct err err;
	char spec[64];
	int64_t r[4];
	int i;

	snprintf(suite_pfx, sizeof suite_pfx, "/registry/etcd-resume-%ld/",
	    (long)getpid());
	snprintf(spec, sizeof spec, "http://127.0.0.1:%d", proxy.port);
	direct = test_open(etcd_url);
	via = test_open(spec);
	CHECK(direct != NULL && via != NULL);
	if (direct == NULL || via == NULL)
		goto out;
	CHECK_INT(suite_watch_start(via, &sw, suite_key(""), suite_rev(direct),
	    &err), 0);
	r[0] = suite_create(direct, suite_key("a"), "a0");
	CHECK_INT(suite_watch_wait(&sw, 1, SUITE_WAIT_MS), 1);
	proxy_cut();
	r[1] = suite_update(direct, suite_key("a"), "a1", r[0]);
	r[2] = suite_update(direct, suite_key("a"), "a2", r[1]);
	CHECK_INT(suite_watch_wait(&sw, 3, SUITE_WAIT_MS), 3);
	proxy_cut();
	proxy_cut();
	r[3] = suite_delete(direct, suite_key("a"), r[2]);
	CHECK_INT(suite_watch_wait(&sw, 4, SUITE_WAIT_MS), 4);
	CHECK_INT(sw.misordered, 0);
	CHECK_INT(suite_watch_ended(&sw), 0);
	for (i = 0; i < 4 && (size_t)i < sw.n; i++)
		CHECK_INT(sw.evs[i].rev, r[i]);
	if (sw.n == 4) {
		CHECK_STR(sw.evs[2].prev_value, "a1");
		CHECK_INT(sw.evs[3].type, STORE_DELETE);
	}

	/* no server to go back to: the watch ends */
	proxy_set(0, 1);
	proxy_cut();
	suite_watch_wait(&sw, 100, SUITE_WAIT_MS);
	CHECK_INT(suite_watch_ended(&sw), 1);
	CHECK_INT(sw.why.reason, ERR_SERVICE_UNAVAILABLE);
	CHECK_INT(sw.n, 4);
	proxy_set(0, 0);
	store_unwatch(via, sw.w);
	suite_watch_release(&sw);
out:
	if (direct != NULL)
		store_close(direct);
	if (via != NULL)
		store_close(via);
}

/*
 * A watch that was away while its next revision got compacted cannot
 * resume: it ends with Gone.  A new watch from there fails with Gone.
 */
static void
test_etcd_watch_gone(void)
{
	struct store *direct, *via;
	struct suite_watch sw;
	struct err err;
	char spec[64];
	int64_t r0, r1, r2, rev, compacted;

	snprintf(suite_pfx, sizeof suite_pfx, "/registry/etcd-gone-%ld/",
	    (long)getpid());
	snprintf(spec, sizeof spec, "http://127.0.0.1:%d", proxy.port);
	direct = test_open(etcd_url);
	via = test_open(spec);
	CHECK(direct != NULL && via != NULL);
	if (direct == NULL || via == NULL)
		goto out;
	r0 = suite_rev(direct);
	CHECK_INT(suite_watch_start(via, &sw, suite_key(""), r0, &err), 0);
	r1 = suite_create(direct, suite_key("a"), "a1");
	CHECK_INT(suite_watch_wait(&sw, 1, SUITE_WAIT_MS), 1);

	/* the stream breaks; its reconnection is held back */
	proxy_set(1, 0);
	proxy_cut();
	r2 = suite_update(direct, suite_key("a"), "a2", r1);
	CHECK(suite_update(direct, suite_key("a"), "a3", r2) > r2);
	err_clear(&err);
	CHECK_INT(store_compact(direct, r2 + 1, &err), 0);
	CHECK_INT(suite_compacted(direct), r2 + 1);
	proxy_set(0, 0);
	suite_watch_wait(&sw, 100, SUITE_WAIT_MS);
	CHECK_INT(suite_watch_ended(&sw), 1);
	CHECK_INT(sw.why.reason, ERR_GONE);
	CHECK_INT(sw.n, 1);
	store_unwatch(via, sw.w);
	suite_watch_release(&sw);

	/* the other store learns of the compaction too */
	err_clear(&err);
	CHECK_INT(store_revision(via, &rev, &compacted, &err), 0);
	CHECK_INT(compacted, r2 + 1);

	/* starting from a compacted revision fails at once */
	memset(&sw, 0, sizeof sw);
	CHECK_INT(suite_watch_start(direct, &sw, suite_key(""), r1, &err),
	    -1);
	CHECK_INT(err.reason, ERR_GONE);
	CHECK(sw.w == NULL);
	suite_watch_release(&sw);
	/* compacting to an older revision is a no-op, a future one fails */
	err_clear(&err);
	CHECK_INT(store_compact(direct, r1, &err), 0);
	err_clear(&err);
	CHECK_INT(store_compact(direct, rev + 100, &err), -1);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);
out:
	if (direct != NULL)
		store_close(direct);
	if (via != NULL)
		store_close(via);
}

static void
test_on_event_unwatch(void *arg, const struct store_event *ev,
    const struct err *err)
{
	void **a = arg;

	void *w = __atomic_load_n(&a[1], __ATOMIC_SEQ_CST);

	if (ev != NULL && w != NULL) {
		store_unwatch(a[0], w);
		__atomic_store_n(&a[1], NULL, __ATOMIC_SEQ_CST);
	}
}

/* unwatch returns at once, also on an idle stream, or from the callback. */
static void
test_etcd_unwatch(void)
{
	struct store *s;
	struct suite_watch sw;
	struct store_watch *w = NULL;
	struct err err;
	int64_t t0, took;
	void *arg[2];
	int i;

	snprintf(suite_pfx, sizeof suite_pfx, "/registry/etcd-unwatch-%ld/",
	    (long)getpid());
	if ((s = test_open(etcd_url)) == NULL) {
		CHECK(s != NULL);
		return;
	}
	for (i = 0; i < 3; i++) {
		CHECK_INT(suite_watch_start(s, &sw, suite_key(""), 0, &err),
		    0);
		usleep(i * 300 * 1000);
		t0 = test_ms();
		if (sw.w != NULL)
			store_unwatch(s, sw.w);
		took = test_ms() - t0;
		CHECK(took < 300);
		if (took >= 300)
			printf("#   unwatch took %lld ms\n", (long long)took);
		CHECK_INT(suite_watch_ended(&sw), 0);
		suite_watch_release(&sw);
	}

	/* from within the callback */
	arg[0] = s;
	arg[1] = NULL;
	err_clear(&err);
	CHECK_INT(store_watch(s, suite_key(""), 0, test_on_event_unwatch, arg,
	    &w, &err), 0);
	__atomic_store_n(&arg[1], w, __ATOMIC_SEQ_CST);
	CHECK(suite_create(s, suite_key("x"), "x") > 0);
	for (i = 0; i < 100 && __atomic_load_n(&arg[1], __ATOMIC_SEQ_CST)
	    != NULL; i++)
		usleep(20 * 1000);
	CHECK(__atomic_load_n(&arg[1], __ATOMIC_SEQ_CST) == NULL);
	store_close(s);
}

int
main(void)
{
	const char *bin;

	signal(SIGPIPE, SIG_IGN);
	if ((bin = test_find_etcd()) == NULL) {
		printf("ok 1 # SKIP etcd not installed\n");
		return 0;
	}
	if (test_etcd_start(bin) == -1) {
		printf("not ok 1 etcd did not start (see its log)\n");
		test_etcd_stop();
		return 1;
	}
	store_suite_set_reopen(test_reopen);
	store_suite_run(test_open_fresh);
	RUN(test_etcd_open_errors);
	RUN(test_etcd_failover);
	if (proxy_start() == 0) {
		RUN(test_etcd_watch_resume);
		RUN(test_etcd_watch_gone);
		proxy_stop();
	}
	RUN(test_etcd_unwatch);
	test_etcd_stop();
	return TEST_EXIT();
}
