/* store-suite.h - the conformance suite every store backend must pass.
 *
 * A test file includes this header, provides a function that opens a
 * fresh store, and calls store_suite_run() from its main().  Every test
 * works under its own key prefix ("/registry/suite-<pid>-<time>-<n>/") and
 * compares revisions relative to each other, so the suite runs unchanged
 * on a SQLite file that starts at revision 0 and on an etcd that already
 * holds other data.  store_suite_set_reopen() adds the durability test:
 * the hook closes a store and opens the same data again.
 *
 * Only static functions, so both test-store-sqlite.c and
 * test-store-etcd.c may include it.
 */
#ifndef KUBEC_STORE_SUITE_H
#define KUBEC_STORE_SUITE_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/err.h"
#include "../../server/store/store.h"
#include "test.h"

#define SUITE_GONE_LIST	"The resourceVersion for the provided list is too old."
#define SUITE_WAIT_MS	10000

static struct store *(*suite_open_fresh)(void);
static struct store *(*suite_reopen)(struct store *);
static char suite_pfx[128];
static int suite_serial;

/* Optional: fn closes the store it is given and reopens the same data. */
static void __attribute__((unused))
store_suite_set_reopen(struct store *(*fn)(struct store *))
{
	suite_reopen = fn;
}

/* Opens a fresh store and picks a new key prefix for the test. */
static struct store *
suite_begin(void)
{
	struct store *s;

	snprintf(suite_pfx, sizeof suite_pfx, "/registry/suite-%ld-%lld-%d/",
	    (long)getpid(), (long long)time(NULL), ++suite_serial);
	s = suite_open_fresh();
	CHECK(s != NULL);
	return s;
}

/* "<prefix><name>" into a static ring of buffers. */
static const char *
suite_key(const char *name)
{
	static char ring[8][256];
	static int at;
	char *k = ring[at++ % 8];

	snprintf(k, sizeof ring[0], "%s%s", suite_pfx, name);
	return k;
}

static int64_t
suite_rev(struct store *s)
{
	struct err err;
	int64_t rev = -1, compacted = -1;

	err_clear(&err);
	CHECK_INT(store_revision(s, &rev, &compacted, &err), 0);
	return rev;
}

static int64_t
suite_compacted(struct store *s)
{
	struct err err;
	int64_t rev = -1, compacted = -1;

	err_clear(&err);
	CHECK_INT(store_revision(s, &rev, &compacted, &err), 0);
	return compacted;
}

/* Creates key with a string value; returns its revision or -1. */
static int64_t
suite_create(struct store *s, const char *key, const char *value)
{
	struct err err;
	int64_t rev = 0;

	err_clear(&err);
	if (store_create(s, key, value, strlen(value), &rev, &err) < 0) {
		printf("#   create %s: %s\n", key, err.msg);
		return -1;
	}
	return rev;
}

static int64_t
suite_update(struct store *s, const char *key, const char *value,
    int64_t expect)
{
	struct err err;
	int64_t rev = 0;

	err_clear(&err);
	if (store_update(s, key, value, strlen(value), expect, &rev,
	    &err) < 0) {
		printf("#   update %s: %s\n", key, err.msg);
		return -1;
	}
	return rev;
}

static int64_t
suite_delete(struct store *s, const char *key, int64_t expect)
{
	struct err err;
	int64_t rev = 0;

	err_clear(&err);
	if (store_delete(s, key, expect, NULL, &rev, &err) < 0) {
		printf("#   delete %s: %s\n", key, err.msg);
		return -1;
	}
	return rev;
}

/* One recorded watch event (a deep copy). */
struct suite_ev {
	enum store_event_type type;
	int64_t		 rev;
	char		*key;
	char		*value;
	size_t		 value_len;
	int64_t		 create_rev, mod_rev;
	char		*prev_value;
	size_t		 prev_len;
	int64_t		 prev_create_rev, prev_mod_rev;
};

struct suite_watch {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cond;
	struct suite_ev	*evs;
	size_t		 n, cap;
	int64_t		 last_rev;
	int		 misordered;
	int		 ended;
	struct err	 why;
	struct store_watch *w;
};

static char *
suite_memdup(const char *p, size_t n)
{
	char *q;

	if (p == NULL)
		return NULL;
	q = malloc(n + 1);
	if (q == NULL)
		abort();
	memcpy(q, p, n);
	q[n] = '\0';
	return q;
}

static void
suite_on_event(void *arg, const struct store_event *ev, const struct err *err)
{
	struct suite_watch *sw = arg;
	struct suite_ev *e;

	pthread_mutex_lock(&sw->mu);
	if (ev == NULL) {
		sw->ended = 1;
		if (err != NULL)
			sw->why = *err;
		goto out;
	}
	if (sw->n == sw->cap) {
		sw->cap = sw->cap ? 2 * sw->cap : 64;
		sw->evs = realloc(sw->evs, sw->cap * sizeof *sw->evs);
		if (sw->evs == NULL)
			abort();
	}
	if (ev->rev <= sw->last_rev)
		sw->misordered++;
	sw->last_rev = ev->rev;
	e = &sw->evs[sw->n++];
	memset(e, 0, sizeof *e);
	e->type = ev->type;
	e->rev = ev->rev;
	e->key = suite_memdup(ev->kv.key, ev->kv.key ? strlen(ev->kv.key) : 0);
	e->value = suite_memdup(ev->kv.value, ev->kv.value_len);
	e->value_len = ev->kv.value_len;
	e->create_rev = ev->kv.create_rev;
	e->mod_rev = ev->kv.mod_rev;
	e->prev_value = suite_memdup(ev->prev.value, ev->prev.value_len);
	e->prev_len = ev->prev.value_len;
	e->prev_create_rev = ev->prev.create_rev;
	e->prev_mod_rev = ev->prev.mod_rev;
out:
	pthread_cond_broadcast(&sw->cond);
	pthread_mutex_unlock(&sw->mu);
}

static void
suite_watch_init(struct suite_watch *sw)
{
	memset(sw, 0, sizeof *sw);
	pthread_mutex_init(&sw->mu, NULL);
	pthread_cond_init(&sw->cond, NULL);
	err_clear(&sw->why);
}

/* Starts a watch; returns store_watch()'s result, err filled on failure. */
static int
suite_watch_start(struct store *s, struct suite_watch *sw, const char *prefix,
    int64_t after, struct err *err)
{
	suite_watch_init(sw);
	err_clear(err);
	return store_watch(s, prefix, after, suite_on_event, sw, &sw->w, err);
}

/* Waits until n events arrived or the watch ended; returns the count. */
static size_t
suite_watch_wait(struct suite_watch *sw, size_t n, int ms)
{
	struct timespec ts;
	size_t got;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&sw->mu);
	while (sw->n < n && !sw->ended)
		if (pthread_cond_timedwait(&sw->cond, &sw->mu, &ts) != 0)
			break;
	got = sw->n;
	pthread_mutex_unlock(&sw->mu);
	return got;
}

static int
suite_watch_ended(struct suite_watch *sw)
{
	int e;

	pthread_mutex_lock(&sw->mu);
	e = sw->ended;
	pthread_mutex_unlock(&sw->mu);
	return e;
}

/* Frees what was recorded (the watch itself must be stopped already). */
static void
suite_watch_release(struct suite_watch *sw)
{
	size_t i;

	for (i = 0; i < sw->n; i++) {
		free(sw->evs[i].key);
		free(sw->evs[i].value);
		free(sw->evs[i].prev_value);
	}
	free(sw->evs);
	pthread_mutex_destroy(&sw->mu);
	pthread_cond_destroy(&sw->cond);
}

/* create / get / update / delete, their revisions and their errors. */
static void
test_store_crud(void)
{
	struct store *s = suite_begin();
	struct store_kv kv, prev;
	struct err err;
	int64_t r0, r1, r2, r3, r4, r5, rev;
	const char *k;

	if (s == NULL)
		return;
	k = suite_key("a");
	r0 = suite_rev(s);
	r1 = suite_create(s, k, "v1");
	CHECK(r1 > r0);
	CHECK_INT(suite_rev(s), r1);

	err_clear(&err);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, k, &kv, &err), 0);
	CHECK_STR(kv.key, k);
	CHECK_STR(kv.value, "v1");
	CHECK_INT(kv.value_len, 2);
	CHECK_INT(kv.create_rev, r1);
	CHECK_INT(kv.mod_rev, r1);
	store_kv_release(&kv);

	/* AlreadyExists, and a failed write takes no revision */
	err_clear(&err);
	rev = 0;
	CHECK_INT(store_create(s, k, "x", 1, &rev, &err), -1);
	CHECK_INT(err.reason, ERR_ALREADY_EXISTS);
	CHECK_INT(suite_rev(s), r1);

	r2 = suite_update(s, k, "v2", r1);
	CHECK(r2 > r1);
	memset(&kv, 0, sizeof kv);
	err_clear(&err);
	CHECK_INT(store_get(s, k, &kv, &err), 0);
	CHECK_STR(kv.value, "v2");
	CHECK_INT(kv.create_rev, r1);
	CHECK_INT(kv.mod_rev, r2);
	store_kv_release(&kv);

	/* stale mod_rev: Conflict, nothing changes */
	err_clear(&err);
	CHECK_INT(store_update(s, k, "v3", 2, r1, &rev, &err), -1);
	CHECK_INT(err.reason, ERR_CONFLICT);
	CHECK_INT(suite_rev(s), r2);

	/* expect_rev 0: unconditional */
	r3 = suite_update(s, k, "v3", 0);
	CHECK(r3 > r2);

	err_clear(&err);
	CHECK_INT(store_delete(s, k, r2, NULL, &rev, &err), -1);
	CHECK_INT(err.reason, ERR_CONFLICT);

	err_clear(&err);
	memset(&prev, 0, sizeof prev);
	r4 = 0;
	CHECK_INT(store_delete(s, k, r3, &prev, &r4, &err), 0);
	CHECK(r4 > r3);
	CHECK_STR(prev.key, k);
	CHECK_STR(prev.value, "v3");
	CHECK_INT(prev.create_rev, r1);
	CHECK_INT(prev.mod_rev, r3);
	store_kv_release(&prev);
	CHECK_INT(suite_rev(s), r4);

	/* gone: NotFound for get, update (with or without expect), delete */
	err_clear(&err);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, k, &kv, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	err_clear(&err);
	CHECK_INT(store_update(s, k, "v", 1, 0, &rev, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	err_clear(&err);
	CHECK_INT(store_update(s, k, "v", 1, r3, &rev, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	err_clear(&err);
	CHECK_INT(store_delete(s, k, 0, NULL, &rev, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	err_clear(&err);
	CHECK_INT(store_delete(s, k, r4, NULL, &rev, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	err_clear(&err);
	CHECK_INT(store_get(s, suite_key("never"), &kv, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	CHECK_INT(suite_rev(s), r4);

	/* created again: a new life with a new create_rev */
	r5 = suite_create(s, k, "again");
	CHECK(r5 > r4);
	memset(&kv, 0, sizeof kv);
	err_clear(&err);
	CHECK_INT(store_get(s, k, &kv, &err), 0);
	CHECK_STR(kv.value, "again");
	CHECK_INT(kv.create_rev, r5);
	CHECK_INT(kv.mod_rev, r5);
	store_kv_release(&kv);
	store_close(s);
}

/* Values are bytes: embedded NULs, empty values and large values survive. */
static void
test_store_values(void)
{
	struct store *s = suite_begin();
	struct store_kv kv;
	struct err err;
	int64_t rev;
	char *big;
	size_t i, n = 256 * 1024;

	if (s == NULL)
		return;
	err_clear(&err);
	CHECK_INT(store_create(s, suite_key("nul"), "a\0b", 3, &rev, &err), 0);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, suite_key("nul"), &kv, &err), 0);
	CHECK_INT(kv.value_len, 3);
	CHECK(kv.value != NULL && memcmp(kv.value, "a\0b", 4) == 0);
	store_kv_release(&kv);

	CHECK_INT(store_create(s, suite_key("empty"), "", 0, &rev, &err), 0);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, suite_key("empty"), &kv, &err), 0);
	CHECK_INT(kv.value_len, 0);
	store_kv_release(&kv);

	big = malloc(n);
	if (big == NULL)
		abort();
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	CHECK_INT(store_create(s, suite_key("big"), big, n, &rev, &err), 0);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, suite_key("big"), &kv, &err), 0);
	CHECK_INT(kv.value_len, n);
	CHECK(kv.value != NULL && memcmp(kv.value, big, n) == 0 &&
	    kv.value[n] == '\0');
	store_kv_release(&kv);
	free(big);
	store_close(s);
}

/* Pages in key order; start_after is exclusive; more; count. */
static void
test_store_list_paging(void)
{
	struct store *s = suite_begin();
	struct store_list l;
	struct err err;
	char name[32], want[256], last[256];
	int64_t snap, n64;
	size_t i, seen;
	int page;

	if (s == NULL)
		return;
	/* created out of order; listed sorted */
	for (i = 0; i < 25; i++) {
		snprintf(name, sizeof name, "a/k%02zu", (i * 7) % 25);
		CHECK(suite_create(s, suite_key(name), name) > 0);
	}
	/* neighbours that share a string prefix but not the "a/" one */
	CHECK(suite_create(s, suite_key("ab/x"), "x") > 0);
	CHECK(suite_create(s, suite_key("a"), "x") > 0);
	CHECK(suite_create(s, suite_key("Z/x"), "x") > 0);

	err_clear(&err);
	memset(&l, 0, sizeof l);
	snprintf(want, sizeof want, "%s", suite_key("a/"));
	CHECK_INT(store_list(s, want, NULL, 0, 0, &l, &err), 0);
	CHECK_INT(l.n, 25);
	CHECK_INT(l.more, 0);
	CHECK_INT(l.rev, suite_rev(s));
	for (i = 0; i < l.n && i < 25; i++) {
		snprintf(name, sizeof name, "a/k%02zu", i);
		CHECK_STR(l.items[i].key, suite_key(name));
		CHECK_STR(l.items[i].value, name);
		CHECK_INT(l.items[i].value_len, strlen(name));
		CHECK(l.items[i].create_rev > 0);
		CHECK_INT(l.items[i].mod_rev, l.items[i].create_rev);
	}
	snap = l.rev;
	store_list_release(&l);
	CHECK_INT(l.n, 0);
	CHECK(l.items == NULL);

	/* pages of 10, 10, 5 at the snapshot revision */
	last[0] = '\0';
	seen = 0;
	for (page = 0; page < 3; page++) {
		err_clear(&err);
		CHECK_INT(store_list(s, want, last[0] ? last : NULL, snap, 10,
		    &l, &err), 0);
		CHECK_INT(l.n, page < 2 ? 10 : 5);
		CHECK_INT(l.more, page < 2 ? 1 : 0);
		CHECK_INT(l.rev, snap);
		for (i = 0; i < l.n; i++) {
			snprintf(name, sizeof name, "a/k%02zu", seen + i);
			CHECK_STR(l.items[i].key, suite_key(name));
		}
		seen += l.n;
		if (l.n > 0)
			snprintf(last, sizeof last, "%s",
			    l.items[l.n - 1].key);
		store_list_release(&l);
	}
	CHECK_INT(seen, 25);

	/* a page that ends exactly at the last key: more = 0 */
	err_clear(&err);
	CHECK_INT(store_list(s, want, suite_key("a/k14"), 0, 10, &l, &err), 0);
	CHECK_INT(l.n, 10);
	CHECK_INT(l.more, 0);
	if (l.n == 10) {
		CHECK_STR(l.items[0].key, suite_key("a/k15"));
		CHECK_STR(l.items[9].key, suite_key("a/k24"));
	}
	store_list_release(&l);

	/* start_after between keys, and after the last key */
	err_clear(&err);
	CHECK_INT(store_list(s, want, suite_key("a/k03x"), 0, 2, &l, &err),
	    0);
	CHECK_INT(l.n, 2);
	CHECK_INT(l.more, 1);
	if (l.n == 2)
		CHECK_STR(l.items[0].key, suite_key("a/k04"));
	store_list_release(&l);
	err_clear(&err);
	CHECK_INT(store_list(s, want, suite_key("a/k24"), 0, 10, &l, &err), 0);
	CHECK_INT(l.n, 0);
	CHECK_INT(l.more, 0);
	store_list_release(&l);

	/* an empty prefix range */
	err_clear(&err);
	CHECK_INT(store_list(s, suite_key("nothing/"), NULL, 0, 10, &l, &err),
	    0);
	CHECK_INT(l.n, 0);
	CHECK_INT(l.more, 0);
	CHECK_INT(l.rev, suite_rev(s));
	store_list_release(&l);

	/* the whole test prefix: every key, sorted bytewise */
	err_clear(&err);
	CHECK_INT(store_list(s, suite_key(""), NULL, 0, 0, &l, &err), 0);
	CHECK_INT(l.n, 28);
	if (l.n == 28) {
		CHECK_STR(l.items[0].key, suite_key("Z/x"));
		CHECK_STR(l.items[1].key, suite_key("a"));
		CHECK_STR(l.items[2].key, suite_key("a/k00"));
		CHECK_STR(l.items[27].key, suite_key("ab/x"));
	}
	store_list_release(&l);

	err_clear(&err);
	n64 = -1;
	CHECK_INT(store_count(s, want, &n64, &err), 0);
	CHECK_INT(n64, 25);
	CHECK(suite_delete(s, suite_key("a/k07"), 0) > 0);
	CHECK_INT(store_count(s, want, &n64, &err), 0);
	CHECK_INT(n64, 24);
	CHECK_INT(store_count(s, suite_key(""), &n64, &err), 0);
	CHECK_INT(n64, 27);
	CHECK_INT(store_count(s, suite_key("nothing/"), &n64, &err), 0);
	CHECK_INT(n64, 0);
	store_close(s);
}

/* A list at an older revision sees the state of that revision. */
static void
test_store_list_snapshot(void)
{
	struct store *s = suite_begin();
	struct store_list l;
	struct err err;
	int64_t ra, rb, rc, snap, ra2, rd, now;
	char pfx[256];

	if (s == NULL)
		return;
	snprintf(pfx, sizeof pfx, "%s", suite_key(""));
	ra = suite_create(s, suite_key("a"), "a1");
	rb = suite_create(s, suite_key("b"), "b1");
	rc = suite_create(s, suite_key("c"), "c1");
	snap = suite_rev(s);
	CHECK_INT(snap, rc);
	ra2 = suite_update(s, suite_key("a"), "a2", ra);
	CHECK(suite_delete(s, suite_key("b"), rb) > 0);
	rd = suite_create(s, suite_key("d"), "d1");
	CHECK(suite_update(s, suite_key("c"), "c2", rc) > 0);
	now = suite_rev(s);

	err_clear(&err);
	CHECK_INT(store_list(s, pfx, NULL, snap, 0, &l, &err), 0);
	CHECK_INT(l.rev, snap);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_STR(l.items[0].key, suite_key("a"));
		CHECK_STR(l.items[0].value, "a1");
		CHECK_INT(l.items[0].mod_rev, ra);
		CHECK_STR(l.items[1].key, suite_key("b"));
		CHECK_STR(l.items[1].value, "b1");
		CHECK_INT(l.items[1].mod_rev, rb);
		CHECK_STR(l.items[2].value, "c1");
	}
	store_list_release(&l);

	/* paging inside the old snapshot */
	err_clear(&err);
	CHECK_INT(store_list(s, pfx, suite_key("a"), snap, 1, &l, &err), 0);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.more, 1);
	if (l.n == 1)
		CHECK_STR(l.items[0].value, "b1");
	store_list_release(&l);

	/* one revision before: only a and b */
	err_clear(&err);
	CHECK_INT(store_list(s, pfx, NULL, rb, 0, &l, &err), 0);
	CHECK_INT(l.n, 2);
	store_list_release(&l);

	err_clear(&err);
	CHECK_INT(store_list(s, pfx, NULL, 0, 0, &l, &err), 0);
	CHECK_INT(l.rev, now);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_STR(l.items[0].value, "a2");
		CHECK_INT(l.items[0].mod_rev, ra2);
		CHECK_INT(l.items[0].create_rev, ra);
		CHECK_STR(l.items[1].value, "c2");
		CHECK_STR(l.items[2].key, suite_key("d"));
		CHECK_INT(l.items[2].mod_rev, rd);
	}
	store_list_release(&l);
	store_close(s);
}

/* A watch from now: puts, updates, deletes, with previous values. */
static void
test_store_watch_now(void)
{
	struct store *s = suite_begin();
	struct suite_watch sw;
	struct err err;
	int64_t r1, r2, r3, r4;
	char pfx[256], k[256];

	if (s == NULL)
		return;
	snprintf(pfx, sizeof pfx, "%s", suite_key("w/"));
	snprintf(k, sizeof k, "%s", suite_key("w/x"));
	CHECK(suite_create(s, suite_key("before"), "b") > 0);
	CHECK_INT(suite_watch_start(s, &sw, pfx, suite_rev(s), &err), 0);
	if (sw.w == NULL) {
		store_close(s);
		return;
	}
	r1 = suite_create(s, k, "v1");
	CHECK(suite_create(s, suite_key("other/x"), "o") > 0);
	CHECK(suite_create(s, suite_key("w"), "o") > 0);
	r2 = suite_update(s, k, "v2", r1);
	r3 = suite_delete(s, k, 0);
	r4 = suite_create(s, k, "v3");
	CHECK_INT(suite_watch_wait(&sw, 4, SUITE_WAIT_MS), 4);
	usleep(200 * 1000);	/* nothing else may come */
	store_unwatch(s, sw.w);
	CHECK_INT(sw.n, 4);
	CHECK_INT(sw.misordered, 0);
	CHECK_INT(sw.ended, 0);
	if (sw.n == 4) {
		CHECK_INT(sw.evs[0].type, STORE_PUT);
		CHECK_INT(sw.evs[0].rev, r1);
		CHECK_STR(sw.evs[0].key, k);
		CHECK_STR(sw.evs[0].value, "v1");
		CHECK_INT(sw.evs[0].value_len, 2);
		CHECK_INT(sw.evs[0].create_rev, r1);
		CHECK_INT(sw.evs[0].mod_rev, r1);
		CHECK(sw.evs[0].prev_value == NULL);

		CHECK_INT(sw.evs[1].type, STORE_PUT);
		CHECK_INT(sw.evs[1].rev, r2);
		CHECK_STR(sw.evs[1].value, "v2");
		CHECK_INT(sw.evs[1].create_rev, r1);
		CHECK_INT(sw.evs[1].mod_rev, r2);
		CHECK_STR(sw.evs[1].prev_value, "v1");
		CHECK_INT(sw.evs[1].prev_mod_rev, r1);
		CHECK_INT(sw.evs[1].prev_create_rev, r1);

		CHECK_INT(sw.evs[2].type, STORE_DELETE);
		CHECK_INT(sw.evs[2].rev, r3);
		CHECK_STR(sw.evs[2].key, k);
		CHECK_INT(sw.evs[2].mod_rev, r3);
		CHECK_STR(sw.evs[2].prev_value, "v2");
		CHECK_INT(sw.evs[2].prev_len, 2);
		CHECK_INT(sw.evs[2].prev_mod_rev, r2);

		CHECK_INT(sw.evs[3].type, STORE_PUT);
		CHECK_INT(sw.evs[3].rev, r4);
		CHECK_STR(sw.evs[3].value, "v3");
		CHECK_INT(sw.evs[3].create_rev, r4);
		CHECK(sw.evs[3].prev_value == NULL);
	}
	suite_watch_release(&sw);
	store_close(s);
}

/* A watch from an older revision replays history, then goes on live. */
static void
test_store_watch_history(void)
{
	struct store *s = suite_begin();
	struct suite_watch sw, sw2;
	struct err err;
	int64_t start, r[6];
	char pfx[256];
	int i;

	if (s == NULL)
		return;
	snprintf(pfx, sizeof pfx, "%s", suite_key(""));
	start = suite_rev(s);
	r[0] = suite_create(s, suite_key("a"), "a1");
	r[1] = suite_create(s, suite_key("b"), "b1");
	r[2] = suite_update(s, suite_key("a"), "a2", r[0]);
	r[3] = suite_delete(s, suite_key("b"), r[1]);
	r[4] = suite_update(s, suite_key("a"), "a3", r[2]);

	CHECK_INT(suite_watch_start(s, &sw, pfx, start, &err), 0);
	/* from the middle: only what came after r[1] */
	CHECK_INT(suite_watch_start(s, &sw2, pfx, r[1], &err), 0);
	CHECK_INT(suite_watch_wait(&sw, 5, SUITE_WAIT_MS), 5);
	r[5] = suite_delete(s, suite_key("a"), r[4]);
	CHECK_INT(suite_watch_wait(&sw, 6, SUITE_WAIT_MS), 6);
	CHECK_INT(suite_watch_wait(&sw2, 4, SUITE_WAIT_MS), 4);
	usleep(200 * 1000);
	if (sw.w != NULL)
		store_unwatch(s, sw.w);
	if (sw2.w != NULL)
		store_unwatch(s, sw2.w);
	CHECK_INT(sw.n, 6);
	CHECK_INT(sw.misordered, 0);
	for (i = 0; i < 6 && (size_t)i < sw.n; i++)
		CHECK_INT(sw.evs[i].rev, r[i]);
	if (sw.n == 6) {
		CHECK_INT(sw.evs[0].type, STORE_PUT);
		CHECK(sw.evs[0].prev_value == NULL);
		CHECK_STR(sw.evs[2].value, "a2");
		CHECK_STR(sw.evs[2].prev_value, "a1");
		CHECK_INT(sw.evs[2].prev_mod_rev, r[0]);
		CHECK_INT(sw.evs[2].create_rev, r[0]);
		CHECK_INT(sw.evs[3].type, STORE_DELETE);
		CHECK_STR(sw.evs[3].key, suite_key("b"));
		CHECK_STR(sw.evs[3].prev_value, "b1");
		CHECK_STR(sw.evs[4].prev_value, "a2");
		CHECK_INT(sw.evs[5].type, STORE_DELETE);
		CHECK_STR(sw.evs[5].prev_value, "a3");
		CHECK_INT(sw.evs[5].prev_mod_rev, r[4]);
	}
	CHECK_INT(sw2.n, 4);
	CHECK_INT(sw2.misordered, 0);
	for (i = 0; i < 4 && (size_t)i < sw2.n; i++)
		CHECK_INT(sw2.evs[i].rev, r[i + 2]);
	suite_watch_release(&sw);
	suite_watch_release(&sw2);
	store_close(s);
}

struct suite_writer {
	struct store	*s;
	int		 id;
	int		 n;
	int64_t		*revs;
	int		 failed;
};

static void *
suite_writer_run(void *arg)
{
	struct suite_writer *wr = arg;
	struct err err;
	char name[64], key[256];
	int64_t rev;
	int i;

	for (i = 0; i < wr->n; i++) {
		snprintf(name, sizeof name, "c/t%d-%d", wr->id, i);
		snprintf(key, sizeof key, "%s%s", suite_pfx, name);
		err_clear(&err);
		rev = 0;
		if (i % 5 == 4) {	/* every fifth write updates */
			snprintf(key, sizeof key, "%sc/t%d-%d", suite_pfx,
			    wr->id, i - 1);
			if (store_update(wr->s, key, "u", 1, wr->revs[i - 1],
			    &rev, &err) < 0)
				wr->failed++;
		} else if (store_create(wr->s, key, name, strlen(name), &rev,
		    &err) < 0)
			wr->failed++;
		wr->revs[i] = rev;
	}
	return NULL;
}

static int
suite_cmp_rev(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* 8 concurrent writers: the watch sees every write once, in order. */
static void
test_store_watch_concurrent(void)
{
	struct store *s = suite_begin();
	struct suite_watch sw;
	struct suite_writer wr[8];
	pthread_t th[8];
	struct err err;
	int64_t *all;
	size_t i, total = 8 * 50, got;
	int t, failed = 0, bad = 0;

	if (s == NULL)
		return;
	all = calloc(total, sizeof *all);
	if (all == NULL)
		abort();
	CHECK_INT(suite_watch_start(s, &sw, suite_key("c/"), suite_rev(s),
	    &err), 0);
	for (t = 0; t < 8; t++) {
		wr[t].s = s;
		wr[t].id = t;
		wr[t].n = 50;
		wr[t].revs = all + (size_t)t * 50;
		wr[t].failed = 0;
		pthread_create(&th[t], NULL, suite_writer_run, &wr[t]);
	}
	for (t = 0; t < 8; t++) {
		pthread_join(th[t], NULL);
		failed += wr[t].failed;
	}
	CHECK_INT(failed, 0);
	got = suite_watch_wait(&sw, total, SUITE_WAIT_MS);
	usleep(200 * 1000);
	if (sw.w != NULL)
		store_unwatch(s, sw.w);
	CHECK_INT(got, total);
	CHECK_INT(sw.n, total);
	CHECK_INT(sw.misordered, 0);
	/* exactly the revisions the writers were given: no gaps */
	qsort(all, total, sizeof *all, suite_cmp_rev);
	for (i = 0; i < total && i < sw.n; i++)
		if (sw.evs[i].rev != all[i])
			bad++;
	for (i = 1; i < total; i++)
		if (all[i] == all[i - 1])
			bad++;
	CHECK_INT(bad, 0);
	free(all);
	suite_watch_release(&sw);
	store_close(s);
}

struct suite_racer {
	struct store	*s;
	const char	*key;
	int64_t		 expect;
	int		 mode;		/* 0 create, 1 update */
	int		 ok;
	enum err_reason	 reason;
	pthread_mutex_t	*mu;
	pthread_cond_t	*cond;
	int		*go;
};

static void *
suite_racer_run(void *arg)
{
	struct suite_racer *r = arg;
	struct err err;
	int64_t rev;

	pthread_mutex_lock(r->mu);
	while (!*r->go)
		pthread_cond_wait(r->cond, r->mu);
	pthread_mutex_unlock(r->mu);
	err_clear(&err);
	if (r->mode == 0)
		r->ok = store_create(r->s, r->key, "r", 1, &rev, &err) == 0;
	else
		r->ok = store_update(r->s, r->key, "r", 1, r->expect, &rev,
		    &err) == 0;
	r->reason = err.reason;
	return NULL;
}

/* 8 racing creates of one key, then 8 racing updates: one wins each. */
static void
test_store_races(void)
{
	struct store *s = suite_begin();
	struct suite_racer rc[8];
	pthread_t th[8];
	pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
	struct store_kv kv;
	struct err err;
	char key[256];
	int go, mode, i, wins, losses;
	int64_t cur = 0;

	if (s == NULL)
		return;
	snprintf(key, sizeof key, "%s", suite_key("race"));
	for (mode = 0; mode < 2; mode++) {
		go = 0;
		for (i = 0; i < 8; i++) {
			memset(&rc[i], 0, sizeof rc[i]);
			rc[i].s = s;
			rc[i].key = key;
			rc[i].mode = mode;
			rc[i].expect = cur;
			rc[i].mu = &mu;
			rc[i].cond = &cond;
			rc[i].go = &go;
			pthread_create(&th[i], NULL, suite_racer_run, &rc[i]);
		}
		pthread_mutex_lock(&mu);
		go = 1;
		pthread_cond_broadcast(&cond);
		pthread_mutex_unlock(&mu);
		wins = losses = 0;
		for (i = 0; i < 8; i++) {
			pthread_join(th[i], NULL);
			if (rc[i].ok)
				wins++;
			else if (rc[i].reason == (mode == 0 ?
			    ERR_ALREADY_EXISTS : ERR_CONFLICT))
				losses++;
		}
		CHECK_INT(wins, 1);
		CHECK_INT(losses, 7);
		err_clear(&err);
		memset(&kv, 0, sizeof kv);
		CHECK_INT(store_get(s, key, &kv, &err), 0);
		cur = kv.mod_rev;
		store_kv_release(&kv);
	}
	store_close(s);
}

/* compact: older revisions are Gone for list and watch; the rest stays. */
static void
test_store_compact(void)
{
	struct store *s = suite_begin();
	struct suite_watch sw;
	struct store_list l;
	struct store_kv kv;
	struct err err;
	int64_t start, ra, rb, rx, rc, cur, rev, compacted, n64;
	char pfx[256];
	int wr;

	if (s == NULL)
		return;
	snprintf(pfx, sizeof pfx, "%s", suite_key(""));
	start = suite_rev(s);
	ra = suite_create(s, suite_key("a"), "a1");
	ra = suite_update(s, suite_key("a"), "a2", ra);
	ra = suite_update(s, suite_key("a"), "a3", ra);
	rb = suite_create(s, suite_key("b"), "b1");
	rx = suite_create(s, suite_key("x"), "x1");
	CHECK(suite_delete(s, suite_key("x"), rx) > 0);
	rc = suite_create(s, suite_key("c"), "c1");
	cur = suite_rev(s);
	CHECK_INT(cur, rc);
	/* a key deleted only after the compaction point */
	CHECK(suite_delete(s, suite_key("c"), rc) > 0);

	err_clear(&err);
	CHECK_INT(store_compact(s, cur, &err), 0);
	err_clear(&err);
	CHECK_INT(store_revision(s, &rev, &compacted, &err), 0);
	CHECK_INT(compacted, cur);
	CHECK_INT(rev, cur + 1);
	CHECK_INT(suite_compacted(s), cur);

	err_clear(&err);
	memset(&l, 0, sizeof l);
	CHECK_INT(store_list(s, pfx, NULL, start + 1, 0, &l, &err), -1);
	CHECK_INT(err.reason, ERR_GONE);
	CHECK_STR(err.msg, SUITE_GONE_LIST);
	err_clear(&err);
	CHECK_INT(store_list(s, pfx, NULL, cur - 1, 0, &l, &err), -1);
	CHECK_INT(err.reason, ERR_GONE);

	/* at the compaction point itself everything is readable */
	err_clear(&err);
	CHECK_INT(store_list(s, pfx, NULL, cur, 0, &l, &err), 0);
	CHECK_INT(l.n, 3);
	CHECK_INT(l.rev, cur);
	if (l.n == 3) {
		CHECK_STR(l.items[0].key, suite_key("a"));
		CHECK_STR(l.items[0].value, "a3");
		CHECK_INT(l.items[0].mod_rev, ra);
		CHECK_STR(l.items[1].value, "b1");
		CHECK_INT(l.items[1].mod_rev, rb);
		CHECK_STR(l.items[2].key, suite_key("c"));
	}
	store_list_release(&l);
	err_clear(&err);
	CHECK_INT(store_list(s, pfx, NULL, 0, 0, &l, &err), 0);
	CHECK_INT(l.n, 2);
	store_list_release(&l);
	err_clear(&err);
	CHECK_INT(store_count(s, pfx, &n64, &err), 0);
	CHECK_INT(n64, 2);
	err_clear(&err);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, suite_key("a"), &kv, &err), 0);
	CHECK_STR(kv.value, "a3");
	CHECK_INT(kv.mod_rev, ra);
	CHECK(kv.create_rev < ra);
	store_kv_release(&kv);

	/* a watch from before the compaction: Gone, now or on the stream */
	memset(&sw, 0, sizeof sw);
	wr = suite_watch_start(s, &sw, pfx, start, &err);
	if (wr < 0) {
		CHECK_INT(err.reason, ERR_GONE);
	} else {
		suite_watch_wait(&sw, 1000, 3000);
		CHECK_INT(suite_watch_ended(&sw), 1);
		CHECK_INT(sw.why.reason, ERR_GONE);
		store_unwatch(s, sw.w);
	}
	suite_watch_release(&sw);

	/* a watch from the compaction point works */
	CHECK_INT(suite_watch_start(s, &sw, pfx, cur, &err), 0);
	rev = suite_update(s, suite_key("a"), "a4", ra);
	CHECK_INT(suite_watch_wait(&sw, 2, SUITE_WAIT_MS), 2);
	if (sw.w != NULL)
		store_unwatch(s, sw.w);
	if (sw.n == 2) {
		CHECK_INT(sw.evs[0].type, STORE_DELETE);
		CHECK_STR(sw.evs[0].key, suite_key("c"));
		CHECK_STR(sw.evs[0].prev_value, "c1");
		CHECK_INT(sw.evs[1].rev, rev);
		CHECK_STR(sw.evs[1].prev_value, "a3");
	}
	suite_watch_release(&sw);

	/* writes go on after compaction */
	CHECK(suite_create(s, suite_key("x"), "x2") > rev);
	store_close(s);
}

/* Closing the store ends a running watch with a NULL event. */
static void
test_store_watch_close(void)
{
	struct store *s = suite_begin();
	struct suite_watch sw;
	struct err err;

	if (s == NULL)
		return;
	CHECK_INT(suite_watch_start(s, &sw, suite_key(""), suite_rev(s),
	    &err), 0);
	CHECK(suite_create(s, suite_key("a"), "a") > 0);
	CHECK_INT(suite_watch_wait(&sw, 1, SUITE_WAIT_MS), 1);
	store_close(s);
	CHECK_INT(suite_watch_ended(&sw), 1);
	suite_watch_release(&sw);
}

/* Everything survives close and reopen, and revisions go on. */
static void
test_store_reopen(void)
{
	struct store *s;
	struct store_kv kv;
	struct store_list l;
	struct err err;
	int64_t ra, rb, rev, compacted, rev2, compacted2;

	if (suite_reopen == NULL) {
		printf("# reopen: skipped, no reopen hook\n");
		return;
	}
	s = suite_begin();
	if (s == NULL)
		return;
	ra = suite_create(s, suite_key("a"), "a1");
	ra = suite_update(s, suite_key("a"), "a2", ra);
	rb = suite_create(s, suite_key("b"), "b1");
	CHECK(suite_delete(s, suite_key("b"), rb) > 0);
	CHECK(suite_create(s, suite_key("c"), "c1") > 0);
	err_clear(&err);
	CHECK_INT(store_compact(s, ra, &err), 0);
	err_clear(&err);
	CHECK_INT(store_revision(s, &rev, &compacted, &err), 0);
	s = suite_reopen(s);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	err_clear(&err);
	CHECK_INT(store_revision(s, &rev2, &compacted2, &err), 0);
	CHECK_INT(rev2, rev);
	CHECK_INT(compacted2, compacted);
	memset(&kv, 0, sizeof kv);
	CHECK_INT(store_get(s, suite_key("a"), &kv, &err), 0);
	CHECK_STR(kv.value, "a2");
	CHECK_INT(kv.mod_rev, ra);
	store_kv_release(&kv);
	err_clear(&err);
	CHECK_INT(store_get(s, suite_key("b"), &kv, &err), -1);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	err_clear(&err);
	CHECK_INT(store_list(s, suite_key(""), NULL, 0, 0, &l, &err), 0);
	CHECK_INT(l.n, 2);
	store_list_release(&l);
	CHECK(suite_create(s, suite_key("d"), "d1") > rev);
	store_close(s);
}

/* Runs every test of the suite; open_fresh opens a store to test. */
static void
store_suite_run(struct store *(*open_fresh)(void))
{
	suite_open_fresh = open_fresh;
	RUN(test_store_crud);
	RUN(test_store_values);
	RUN(test_store_list_paging);
	RUN(test_store_list_snapshot);
	RUN(test_store_watch_now);
	RUN(test_store_watch_history);
	RUN(test_store_watch_concurrent);
	RUN(test_store_races);
	RUN(test_store_compact);
	RUN(test_store_watch_close);
	RUN(test_store_reopen);
}

#endif
