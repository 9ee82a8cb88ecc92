/* test-store-sqlite.c - the store suite on SQLite, plus SQLite's own tests:
 * group-commit throughput, durability across SIGKILL, physical compaction
 * and the revision counter across reopening.
 */
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "store-suite.h"

#define SQT_MAXDIRS	64

static char sqt_dirs[SQT_MAXDIRS][64];
static int sqt_ndirs;

/* A new empty directory under $TMPDIR (or /tmp), removed at exit. */
static const char *
sqt_mkdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *d;

	if (sqt_ndirs == SQT_MAXDIRS)
		abort();
	d = sqt_dirs[sqt_ndirs];
	snprintf(d, sizeof sqt_dirs[0], "%s/kubec-store-XXXXXX",
	    tmp && tmp[0] && strlen(tmp) < 30 ? tmp : "/tmp");
	if (mkdtemp(d) == NULL) {
		perror("mkdtemp");
		abort();
	}
	sqt_ndirs++;
	return d;
}

static void
sqt_cleanup(void)
{
	static const char *const files[] = { "state.db", "state.db-wal",
	    "state.db-shm", NULL };
	char path[128];
	int i, j;

	for (i = 0; i < sqt_ndirs; i++) {
		for (j = 0; files[j] != NULL; j++) {
			snprintf(path, sizeof path, "%s/%s", sqt_dirs[i],
			    files[j]);
			unlink(path);
		}
		rmdir(sqt_dirs[i]);
	}
}

static struct store *
sqt_open_dir(const char *dir)
{
	struct store *s;
	struct err err;

	err_clear(&err);
	s = store_open(dir, NULL, &err);
	if (s == NULL)
		printf("#   store_open %s: %s\n", dir, err.msg);
	return s;
}

static struct store *
sqt_open_fresh(void)
{
	return sqt_open_dir(sqt_mkdir());
}

/* Closes s and reopens the directory it was opened in last. */
static struct store *
sqt_reopen(struct store *s)
{
	store_close(s);
	return sqt_open_dir(sqt_dirs[sqt_ndirs - 1]);
}

/* Runs one SQL query returning one integer on the database file of dir. */
static long long
sqt_query(const char *dir, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char path[128];
	long long v = -1;

	snprintf(path, sizeof path, "%s/state.db", dir);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static const char *
sqt_query_str(const char *dir, const char *sql, char *out, size_t outsz)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char path[128];

	out[0] = '\0';
	snprintf(path, sizeof path, "%s/state.db", dir);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, outsz, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/* A fresh file starts at revision 0, in WAL mode, at <dir>/state.db. */
static void
test_sqlite_layout(void)
{
	const char *dir = sqt_mkdir();
	struct store *s = sqt_open_dir(dir);
	struct stat sb;
	char path[128], mode[32];
	int64_t rev, compacted;
	struct err err;

	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	CHECK_STR(s->ops->name, "sqlite");
	snprintf(path, sizeof path, "%s/state.db", dir);
	CHECK_INT(stat(path, &sb), 0);
	err_clear(&err);
	CHECK_INT(store_revision(s, &rev, &compacted, &err), 0);
	CHECK_INT(rev, 0);
	CHECK_INT(compacted, 0);
	CHECK_INT(suite_create(s, "/registry/a", "1"), 1);
	CHECK_INT(suite_create(s, "/registry/b", "2"), 2);
	CHECK_STR(sqt_query_str(dir, "PRAGMA journal_mode", mode,
	    sizeof mode), "wal");
	CHECK_INT(sqt_query(dir, "SELECT COUNT(*) FROM kv"), 2);
	store_close(s);

	err_clear(&err);
	CHECK(store_open("/nonexistent/kubec/dir", NULL, &err) == NULL);
	CHECK_INT(err.reason, ERR_INTERNAL);
	CHECK(strstr(err.msg, "/nonexistent/kubec/dir/state.db") != NULL);
}

/* Compaction really removes rows; the counter survives an empty log. */
static void
test_sqlite_compact_rows(void)
{
	const char *dir = sqt_mkdir();
	struct store *s = sqt_open_dir(dir);
	struct store_kv kv;
	struct err err;
	int64_t rev, compacted, r;
	int i;

	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	r = suite_create(s, "/registry/k", "0");
	for (i = 1; i <= 10; i++)
		r = suite_update(s, "/registry/k", "x", r);
	r = suite_create(s, "/registry/gone", "g");
	CHECK(suite_delete(s, "/registry/gone", r) > 0);
	CHECK_INT(sqt_query(dir, "SELECT COUNT(*) FROM kv"), 13);
	err_clear(&err);
	CHECK_INT(store_compact(s, suite_rev(s), &err), 0);
	CHECK_INT(sqt_query(dir, "SELECT COUNT(*) FROM kv"), 1);
	/* compacting again, or to an older revision, is a no-op */
	CHECK_INT(store_compact(s, 3, &err), 0);
	CHECK_INT(store_compact(s, suite_rev(s), &err), 0);
	/* a future revision is refused */
	err_clear(&err);
	CHECK_INT(store_compact(s, suite_rev(s) + 5, &err), -1);
	CHECK_INT(err.reason, ERR_BAD_REQUEST);

	/* delete the last key and compact: the log is empty */
	CHECK(suite_delete(s, "/registry/k", 0) > 0);
	err_clear(&err);
	CHECK_INT(store_compact(s, suite_rev(s), &err), 0);
	CHECK_INT(sqt_query(dir, "SELECT COUNT(*) FROM kv"), 0);
	CHECK_INT(store_revision(s, &rev, &compacted, &err), 0);
	CHECK_INT(rev, 14);
	CHECK_INT(compacted, 14);
	s = sqt_reopen(s);
	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	err_clear(&err);
	CHECK_INT(store_revision(s, &rev, &compacted, &err), 0);
	CHECK_INT(rev, 14);
	CHECK_INT(compacted, 14);
	CHECK_INT(suite_create(s, "/registry/k", "new"), 15);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, "/registry/k", &kv, &err), 0);
	CHECK_INT(kv.create_rev, 15);
	store_kv_release(&kv);
	store_close(s);
}

/* A callback may stop its own watch. */
struct sqt_self {
	struct store		*s;
	struct store_watch	*w;
	int			 calls;
};

static void
sqt_self_cb(void *arg, const struct store_event *ev, const struct err *err)
{
	struct sqt_self *x = arg;

	if (ev == NULL)
		return;
	__atomic_add_fetch(&x->calls, 1, __ATOMIC_RELAXED);
	store_unwatch(x->s, __atomic_load_n(&x->w, __ATOMIC_ACQUIRE));
}

static void
test_sqlite_unwatch_in_callback(void)
{
	struct store *s = sqt_open_fresh();
	struct sqt_self x;
	struct store_watch *w = NULL;
	struct err err;
	int i;

	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	memset(&x, 0, sizeof x);
	x.s = s;
	CHECK_INT(suite_create(s, "/registry/a", "1"), 1);
	err_clear(&err);
	/* from now: nothing is delivered before x.w is set */
	CHECK_INT(store_watch(s, "/registry/", 1, sqt_self_cb, &x, &w, &err),
	    0);
	__atomic_store_n(&x.w, w, __ATOMIC_RELEASE);
	CHECK_INT(suite_create(s, "/registry/b", "2"), 2);
	for (i = 0; i < 500 && __atomic_load_n(&x.calls, __ATOMIC_RELAXED) ==
	    0; i++)
		usleep(10 * 1000);
	CHECK_INT(__atomic_load_n(&x.calls, __ATOMIC_RELAXED), 1);
	CHECK_INT(suite_create(s, "/registry/c", "3"), 3);
	usleep(200 * 1000);
	CHECK_INT(__atomic_load_n(&x.calls, __ATOMIC_RELAXED), 1);
	store_close(s);
}

/* A watch that lags behind a compaction by more than it has read: Gone. */
struct sqt_slow {
	struct suite_watch	 sw;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cond;
	int			 release;
};

static void
sqt_slow_cb(void *arg, const struct store_event *ev, const struct err *err)
{
	struct sqt_slow *x = arg;

	pthread_mutex_lock(&x->mu);
	while (!x->release)
		pthread_cond_wait(&x->cond, &x->mu);
	pthread_mutex_unlock(&x->mu);
	suite_on_event(&x->sw, ev, err);
}

static void
test_sqlite_watch_lagging(void)
{
	struct store *s = sqt_open_fresh();
	struct sqt_slow x;
	struct store_watch *w = NULL;
	struct err err;
	int64_t r;
	int i;

	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	memset(&x, 0, sizeof x);
	suite_watch_init(&x.sw);
	pthread_mutex_init(&x.mu, NULL);
	pthread_cond_init(&x.cond, NULL);
	r = suite_create(s, "/registry/a", "0");
	for (i = 0; i < 1000; i++)
		r = suite_update(s, "/registry/a", "x", r);
	err_clear(&err);
	CHECK_INT(store_watch(s, "/registry/", 0, sqt_slow_cb, &x, &w, &err),
	    0);
	usleep(100 * 1000);	/* the dispatcher is stuck in the first event */
	CHECK_INT(store_compact(s, r, &err), 0);
	pthread_mutex_lock(&x.mu);
	x.release = 1;
	pthread_cond_broadcast(&x.cond);
	pthread_mutex_unlock(&x.mu);
	suite_watch_wait(&x.sw, 100000, SUITE_WAIT_MS);
	CHECK_INT(suite_watch_ended(&x.sw), 1);
	CHECK_INT(x.sw.why.reason, ERR_GONE);
	CHECK_STR(x.sw.why.msg, "too old resource version: 512 (1001)");
	/* what it read before came from one consistent snapshot */
	CHECK_INT(x.sw.n, 512);
	CHECK_INT(x.sw.misordered, 0);
	store_unwatch(s, w);
	suite_watch_release(&x.sw);
	store_close(s);
}

struct sqt_bench {
	struct store	*s;
	int		 id;
	int		 n;
	int		 failed;
};

static void *
sqt_bench_run(void *arg)
{
	struct sqt_bench *b = arg;
	struct err err;
	char key[128], val[256];
	int64_t rev;
	int i;

	for (i = 0; i < b->n; i++) {
		snprintf(key, sizeof key, "/registry/pods/bench/p-%d-%d",
		    b->id, i);
		snprintf(val, sizeof val, "{\"kind\":\"Pod\",\"metadata\":"
		    "{\"name\":\"p-%d-%d\",\"namespace\":\"bench\"}}", b->id,
		    i);
		err_clear(&err);
		if (store_create(b->s, key, val, strlen(val), &rev, &err) < 0)
			b->failed++;
	}
	return NULL;
}

static double
sqt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 16 writer threads, each create acknowledged only once durable. */
static void
test_sqlite_throughput(void)
{
	struct store *s = sqt_open_fresh();
	struct sqt_bench b[16];
	pthread_t th[16];
	double t0, dt, rate;
	int64_t n;
	struct err err;
	int i, failed = 0, per = 2000;

	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	t0 = sqt_now();
	for (i = 0; i < 16; i++) {
		b[i].s = s;
		b[i].id = i;
		b[i].n = per;
		b[i].failed = 0;
		pthread_create(&th[i], NULL, sqt_bench_run, &b[i]);
	}
	for (i = 0; i < 16; i++) {
		pthread_join(th[i], NULL);
		failed += b[i].failed;
	}
	dt = sqt_now() - t0;
	rate = 16.0 * per / dt;
	printf("# creates/s: %.0f (16 threads, %d creates in %.2fs)\n", rate,
	    16 * per, dt);
	CHECK_INT(failed, 0);
	err_clear(&err);
	CHECK_INT(store_count(s, "/registry/pods/bench/", &n, &err), 0);
	CHECK_INT(n, 16 * per);
	CHECK_INT(suite_rev(s), 16 * per);
	/* a floor that even a sanitized build on a busy machine clears */
	CHECK(rate > 1000);
	store_close(s);
}

struct sqt_child {
	struct store	*s;
	int		 id;
	int		 fd;
};

static void *
sqt_child_run(void *arg)
{
	struct sqt_child *c = arg;
	struct err err;
	char key[128], line[160];
	int64_t rev;
	int i, n;

	for (i = 0;; i++) {
		snprintf(key, sizeof key, "/registry/crash/k-%d-%d", c->id, i);
		err_clear(&err);
		if (store_create(c->s, key, key, strlen(key), &rev, &err) < 0)
			continue;
		n = snprintf(line, sizeof line, "%s\n", key);
		if (write(c->fd, line, (size_t)n) != n)
			_exit(3);
	}
	return NULL;
}

/* Every create acknowledged before a SIGKILL is there after reopening. */
static void
test_sqlite_crash(void)
{
	const char *dir = sqt_mkdir();
	struct sqt_child c[8];
	pthread_t th[8];
	struct store *s;
	struct store_kv kv;
	struct err err;
	char buf[8192], line[160], **keys = NULL;
	size_t nkeys = 0, cap = 0, ll = 0, missing = 0, i;
	ssize_t r, j;
	int fds[2], st, t;
	pid_t pid;

	CHECK_INT(pipe(fds), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		s = sqt_open_dir(dir);
		if (s == NULL)
			_exit(2);
		for (t = 0; t < 8; t++) {
			c[t].s = s;
			c[t].id = t;
			c[t].fd = fds[1];
			pthread_create(&th[t], NULL, sqt_child_run, &c[t]);
		}
		pthread_join(th[0], NULL);
		_exit(0);
	}
	CHECK(pid > 0);
	close(fds[1]);
	/* read until 3000 acknowledgements, kill, then drain the pipe */
	for (;;) {
		r = read(fds[0], buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		for (j = 0; j < r; j++) {
			if (buf[j] != '\n') {
				if (ll < sizeof line - 1)
					line[ll++] = buf[j];
				continue;
			}
			line[ll] = '\0';
			ll = 0;
			if (nkeys == cap) {
				cap = cap ? 2 * cap : 1024;
				keys = realloc(keys, cap * sizeof *keys);
				if (keys == NULL)
					abort();
			}
			keys[nkeys++] = strdup(line);
		}
		if (nkeys >= 3000 && pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
			pid = 0;
		}
	}
	close(fds[0]);
	if (pid > 0) {
		waitpid(pid, &st, 0);
		printf("#   child ended early: status %d\n", st);
		CHECK(0);
	}
	printf("# crash: %zu acknowledged creates before SIGKILL\n", nkeys);
	CHECK(nkeys >= 3000);
	s = sqt_open_dir(dir);
	CHECK(s != NULL);
	if (s != NULL) {
		for (i = 0; i < nkeys; i++) {
			err_clear(&err);
			memset(&kv, 0, sizeof kv);
			if (store_get(s, keys[i], &kv, &err) < 0 ||
			    strcmp(kv.value, keys[i]) != 0)
				missing++;
			store_kv_release(&kv);
		}
		CHECK_INT(missing, 0);
		CHECK(suite_rev(s) >= (int64_t)nkeys);
		/* and the store goes on from there */
		CHECK(suite_create(s, "/registry/crash/after", "x") >
		    (int64_t)nkeys);
		store_close(s);
	}
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
}

/* Under a steady stream of writes the WAL's pages are copied back into
 * the database and the WAL starts over instead of growing. */
static void
test_sqlite_checkpoint(void)
{
	const char *dir = sqt_mkdir();
	struct store *s = sqt_open_dir(dir);
	char key[64], *val, path[128];
	struct stat db, wal;
	int i, ok = 1;

	if (s == NULL) {
		CHECK(s != NULL);
		return;
	}
	val = malloc(4001);
	memset(val, 'v', 4000);
	val[4000] = '\0';
	/* some 4 pages a write: 40 MB of WAL without checkpoints */
	for (i = 0; i < 2500 && ok; i++) {
		snprintf(key, sizeof key, "/registry/big/%05d", i);
		ok = suite_create(s, key, val) == i + 1;
	}
	CHECK(ok);
	snprintf(path, sizeof path, "%s/state.db", dir);
	CHECK_INT(stat(path, &db), 0);
	snprintf(path, sizeof path, "%s/state.db-wal", dir);
	CHECK_INT(stat(path, &wal), 0);
	printf("# database %lld bytes, WAL %lld bytes\n",
	    (long long)db.st_size, (long long)wal.st_size);
	CHECK(db.st_size > 8 << 20);
	CHECK(wal.st_size < 24 << 20);
	s = sqt_reopen(s);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(sqt_query(dir, "SELECT COUNT(*) FROM kv"), 2500);
		store_close(s);
	}
	free(val);
}

int
main(void)
{
	store_suite_set_reopen(sqt_reopen);
	store_suite_run(sqt_open_fresh);
	RUN(test_sqlite_layout);
	RUN(test_sqlite_compact_rows);
	RUN(test_sqlite_unwatch_in_callback);
	RUN(test_sqlite_watch_lagging);
	RUN(test_sqlite_throughput);
	RUN(test_sqlite_checkpoint);
	RUN(test_sqlite_crash);
	sqt_cleanup();
	return TEST_EXIT();
}
