/* test-srv-cache.c - unit tests for server/cache.c's watchers (the queue
 * that grows while a watcher reads, the close of one that fell behind,
 * the JSON with its resourceVersion spliced in, a writer's object taken
 * instead of decoded) and server/informer.c
 * (events to a function, a filter, the watch again after a close). */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../server/cache.h"
#include "../../server/informer.h"
#include "../../server/server.h"
#include "test.h"

static char tdir[256];
static struct store *st;
static struct cache *cache;
static const struct registry_kind *cm;
static int64_t t_last;		/* the last revision written */

static int
t_rm(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(p);
}

/* Creates configmap ns/name with label app=VALUE; returns its revision. */
static int64_t
t_create(const char *ns, const char *name, const char *app)
{
	char key[256], val[512];
	struct err err;
	int64_t rev = 0;

	snprintf(key, sizeof key, "/registry/configmaps/%s/%s", ns, name);
	snprintf(val, sizeof val, "{\"apiVersion\":\"v1\",\"kind\":"
	    "\"ConfigMap\",\"metadata\":{\"name\":\"%s\",\"namespace\":"
	    "\"%s\",\"labels\":{\"app\":\"%s\"}},\"data\":{\"k\":\"v\"}}",
	    name, ns, app);
	err_clear(&err);
	if (store_create(st, key, val, strlen(val), &rev, &err) < 0)
		printf("# create %s: %s\n", key, err.msg);
	cache_note(cache, rev);	/* as the API does: reads see it */
	return t_last = rev;
}

static int64_t
t_delete(const char *ns, const char *name)
{
	char key[256];
	struct err err;
	int64_t rev = 0;

	snprintf(key, sizeof key, "/registry/configmaps/%s/%s", ns, name);
	err_clear(&err);
	if (store_delete(st, key, 0, NULL, &rev, &err) < 0)
		printf("# delete %s: %s\n", key, err.msg);
	cache_note(cache, rev);
	return t_last = rev;
}

static void
t_nowake(void *arg)
{
}

/* A watcher that reads a few events at a time while many arrive keeps
 * them all, in order (its ring grows and wraps). */
static void
test_watch_grows(void)
{
	struct watcher *w;
	struct cevent ev;
	struct err err;
	int64_t last = 0, first;
	char name[32];
	int i, got = 0, order = 1, r;

	err_clear(&err);
	first = cache_rev(cache);
	w = cache_watch(cache, cm, "grow", first, NULL, NULL, t_nowake, NULL,
	    &err);
	CHECK(w != NULL);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "g%d", i);
		t_create("grow", name, "x");
		if (i % 7 == 0) {	/* read a few: the ring wraps */
			cache_wait(cache, t_last, 2000);
			for (r = 0; r < 3 && watcher_next(w, &ev, &err) == 1;
			    r++) {
				order &= ev.rev > last && ev.type == CEV_ADDED;
				last = ev.rev;
				got++;
				cevent_release(&ev);
			}
		}
	}
	cache_wait(cache, t_last, 2000);
	while (watcher_next(w, &ev, &err) == 1) {
		order &= ev.rev > last && ev.type == CEV_ADDED;
		last = ev.rev;
		got++;
		cevent_release(&ev);
	}
	CHECK_INT(got, 300);
	CHECK(order);
	watcher_close(w);
}

/* One that never reads is closed with TooManyRequests past its cap. */
static void
test_watch_behind(void)
{
	struct watcher *w;
	struct cevent ev;
	struct err err;
	char name[32];
	int i, r, n = 0;

	err_clear(&err);
	w = cache_watch(cache, cm, "behind", cache_rev(cache), NULL, NULL,
	    t_nowake, NULL, &err);
	CHECK(w != NULL);
	for (i = 0; i < 10050; i++) {
		snprintf(name, sizeof name, "b%d", i);
		t_create("behind", name, "x");
	}
	cache_wait(cache, t_last, 5000);
	while ((r = watcher_next(w, &ev, &err)) == 1) {
		n++;
		cevent_release(&ev);
	}
	CHECK_INT(r, -1);
	CHECK_INT(err.reason, ERR_TOO_MANY_REQUESTS);
	CHECK(strstr(err.msg, "behind") != NULL);
	CHECK_INT(n, 10000);
	watcher_close(w);
}

/* The cached JSON carries the revision, and reads back as the object. */
static void
test_json_rv(void)
{
	int64_t rev = t_create("json", "a", "x");
	struct cobj *o;
	json_t *j;
	char want[32];

	o = cache_get(cache, "/registry/configmaps/json/a");
	CHECK(o != NULL);
	if (o == NULL)
		return;
	j = json_loadb(o->json, o->len, 0, NULL);
	snprintf(want, sizeof want, "%lld", (long long)rev);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j,
	    "metadata"), "resourceVersion")), want);
	CHECK(json_equal(j, o->obj));
	json_decref(j);
	cobj_unref(o);
}

struct seen {
	int	added, modified, deleted;
	char	last[64];
};

static void
t_on(void *arg, const struct cevent *ev)
{
	struct seen *s = arg;

	if (ev->type == CEV_ADDED)
		s->added++;
	else if (ev->type == CEV_MODIFIED)
		s->modified++;
	else if (ev->type == CEV_DELETED)
		s->deleted++;
	snprintf(s->last, sizeof s->last, "%s", ev->obj->name);
}

static int
t_app_a(void *arg, const struct cobj *o)
{
	return strcmp(json_string_value(json_object_get(json_object_get(
	    json_object_get(o->obj, "metadata"), "labels"), "app")) ?: "",
	    "a") == 0;
}

static void
test_informer(void)
{
	struct seen all = { 0 }, only_a = { 0 };
	struct informer *i1, *i2;
	int64_t rev;

	t_create("inf", "pre", "a");
	cache_wait(cache, t_last, 2000);
	i1 = informer_new(cache, cm, NULL, NULL, t_on, &all, t_nowake, NULL);
	i2 = informer_new(cache, cm, t_app_a, NULL, t_on, &only_a, t_nowake,
	    NULL);
	CHECK(i1 != NULL && i2 != NULL);
	/* the start: every object there is, as ADDED */
	informer_drain(i1);
	informer_drain(i2);
	CHECK(informer_synced(i1));
	CHECK(all.added > 300);
	CHECK_INT(only_a.added, 1);
	t_create("inf", "one", "a");
	t_create("inf", "two", "b");
	rev = t_delete("inf", "pre");
	cache_wait(cache, rev, 2000);
	memset(&all, 0, sizeof all);
	memset(&only_a, 0, sizeof only_a);
	informer_drain(i1);
	informer_drain(i2);
	CHECK_INT(all.added, 2);
	CHECK_INT(all.deleted, 1);
	CHECK_INT(only_a.added, 1);
	CHECK_INT(only_a.deleted, 1);
	CHECK_STR(only_a.last, "pre");
	informer_free(i1);
	informer_free(i2);
}

/* An informer whose watch closed (it fell behind) watches again from
 * where it was and misses nothing. */
static void
test_informer_behind(void)
{
	struct seen s = { 0 };
	struct informer *inf;
	char name[32];
	int i;

	inf = informer_new(cache, cm, NULL, NULL, t_on, &s, t_nowake, NULL);
	informer_drain(inf);
	memset(&s, 0, sizeof s);
	for (i = 0; i < 10100; i++) {
		snprintf(name, sizeof name, "r%d", i);
		t_create("again", name, "x");
	}
	cache_wait(cache, t_last, 5000);
	/* the first drain ends at the close; the next one watches again */
	for (i = 0; i < 3; i++)
		informer_drain(inf);
	CHECK_INT(s.added, 10100);
	CHECK_STR(s.last, "r10099");
	informer_free(inf);
}

/* Writes obj to key through an offer, as write.c does; returns the rev. */
static int64_t
t_offered(const char *key, json_t *obj, int fail)
{
	struct cache_offer *o;
	struct err err;
	size_t len, meta_off;
	char *data = object_encode(obj, &len, &meta_off);
	int64_t rev = 0;
	int rc;

	err_clear(&err);
	o = cache_offer(cache, key, obj, data, len, meta_off);
	rc = store_create(st, key, data, len, &rev, &err);
	cache_offer_done(cache, o, rc == 0 && !fail ? rev : 0);
	free(data);
	cache_note(cache, rev);
	return rc == 0 ? (t_last = rev) : 0;
}

/*
 * The cache takes the writer's object rather than decoding its bytes: the
 * cached object shares the writer's nodes below the top level and the
 * metadata, gets its resourceVersion on its own metadata, and the
 * writer's object stays as it was.  A write whose offer was withdrawn
 * (failed, as the writer sees it) is decoded as usual.
 */
static void
test_offer(void)
{
	json_t *obj, *data;
	struct cobj *o;
	int64_t rev;
	char want[256];

	obj = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}}", "apiVersion",
	    "v1", "kind", "ConfigMap", "metadata", "name", "off",
	    "namespace", "offers", "data", "k", "v");
	data = json_object_get(obj, "data");
	rev = t_offered("/registry/configmaps/offers/off", obj, 0);
	CHECK(rev > 0);
	CHECK(cache_wait(cache, rev, 2000) == 0);
	o = cache_get(cache, "/registry/configmaps/offers/off");
	CHECK(o != NULL);
	if (o != NULL) {
		CHECK(json_object_get(o->obj, "data") == data);
		CHECK(json_object_get(o->obj, "metadata") !=
		    json_object_get(obj, "metadata"));
		CHECK_INT(o->rev, rev);
		CHECK_INT(object_rv(o->obj), rev);
		/* the revision went in where the writer's encoding said */
		snprintf(want, sizeof want, "{\"apiVersion\":\"v1\",\"kind\":"
		    "\"ConfigMap\",\"metadata\":{\"resourceVersion\":\"%lld\","
		    "\"name\":\"off\",\"namespace\":\"offers\"},\"data\":"
		    "{\"k\":\"v\"}}", (long long)rev);
		CHECK_STR(o->json, want);
		CHECK_INT((long long)o->len, (long long)strlen(want));
		cobj_unref(o);
	}
	CHECK(json_object_get(json_object_get(obj, "metadata"),
	    "resourceVersion") == NULL);
	json_decref(obj);

	obj = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}}", "apiVersion",
	    "v1", "kind", "ConfigMap", "metadata", "name", "off2",
	    "namespace", "offers", "data", "k", "w");
	data = json_object_get(obj, "data");
	rev = t_offered("/registry/configmaps/offers/off2", obj, 1);
	CHECK(cache_wait(cache, rev, 2000) == 0);
	o = cache_get(cache, "/registry/configmaps/offers/off2");
	CHECK(o != NULL);
	if (o != NULL) {
		CHECK_INT(object_rv(o->obj), rev);
		CHECK_STR(json_string_value(json_object_get(json_object_get(
		    o->obj, "data"), "k")), "w");
		cobj_unref(o);
	}
	json_decref(obj);
}

int
main(void)
{
	struct err err;
	char tmpl[] = "/tmp/kubec-test-cache.XXXXXX";

	if (mkdtemp(tmpl) == NULL)
		return 2;
	snprintf(tdir, sizeof tdir, "%s", tmpl);
	err_clear(&err);
	st = store_open(tdir, NULL, &err);
	if (st == NULL) {
		printf("# store: %s\n", err.msg);
		return 2;
	}
	cache = cache_open(st, &err);
	if (cache == NULL) {
		printf("# cache: %s\n", err.msg);
		return 2;
	}
	cm = registry_find("", "configmaps");
	RUN(test_watch_grows);
	RUN(test_watch_behind);
	RUN(test_json_rv);
	RUN(test_offer);
	RUN(test_informer);
	RUN(test_informer_behind);
	cache_shutdown(cache);
	cache_close(cache);
	store_close(st);
	nftw(tdir, t_rm, 16, FTW_DEPTH | FTW_PHYS);
	return TEST_EXIT();
}
