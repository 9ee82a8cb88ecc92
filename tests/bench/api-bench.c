/* api-bench.c - load generator for tests/bench/api.sh: the same operations
 * against kubec-server's Kubernetes API and against etcd's v3 JSON gateway,
 * so the two can be printed side by side.
 *
 *   api-bench kubec URL TOKEN CAFILE TEST [N] [THREADS]
 *   api-bench etcd  URL - - TEST [N] [THREADS]
 *
 * TEST: creates (N durable creates over THREADS keep-alive connections;
 * prints creates/s), gets (N reads of one object; gets/s), list (the time
 * of one LIST of everything under the bench prefix, median of 9 runs, ms),
 * watch (N watchers, then one write: the latency until every watcher saw
 * it, ms at p50/p99/max).  Every figure is one line "name value".
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/base64.h"
#include "../../lib/buf.h"

struct bench {
	int		 etcd;
	const char	*url, *token, *cafile;
	long		 n;
	int		 threads;
	long		 next;		/* next item to create */
	pthread_mutex_t	 mu;
	long		 failed;
};

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
bench_sink(char *p, size_t sz, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b != NULL)
		buf_add(b, p, sz * n);
	return sz * n;
}

static CURL *
bench_handle(struct bench *b, struct curl_slist **h)
{
	CURL *c = curl_easy_init();
	char auth[512];

	*h = curl_slist_append(NULL, "Content-Type: application/json");
	if (!b->etcd) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s",
		    b->token);
		*h = curl_slist_append(*h, auth);
		curl_easy_setopt(c, CURLOPT_CAINFO, b->cafile);
		/* not also every certificate of /etc/ssl/certs per handle */
		curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, *h);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
	return c;
}

static void
b64(const char *s, struct buf *out)
{
	buf_reset(out);
	base64_encode(s, strlen(s), 0, out);
}

/* One request; returns the HTTP status. */
static long
bench_req(CURL *c, const char *method, const char *url, const char *body,
    struct buf *out)
{
	long code = 0;

	if (out != NULL)
		buf_reset(out);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (body == NULL)
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bench_sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	if (curl_easy_perform(c) != CURLE_OK)
		return 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

/* The create request of item i: a ConfigMap, or an etcd txn that puts
 * the same bytes only if the key does not exist (what a create is). */
static void
bench_create_req(struct bench *b, long i, char *url, size_t ulen,
    struct buf *body)
{
	char name[64], key[128], val[512];
	struct buf k = BUF_INIT(1024), v = BUF_INIT(2048);

	snprintf(name, sizeof name, "cm-%ld", i);
	snprintf(val, sizeof val, "{\"apiVersion\":\"v1\",\"kind\":"
	    "\"ConfigMap\",\"metadata\":{\"name\":\"%s\",\"namespace\":"
	    "\"bench\"},\"data\":{\"key\":\"value-%ld\",\"other\":"
	    "\"some more configuration text\"}}", name, i);
	buf_reset(body);
	if (!b->etcd) {
		snprintf(url, ulen, "%s/api/v1/namespaces/bench/configmaps",
		    b->url);
		buf_adds(body, val);
		return;
	}
	snprintf(url, ulen, "%s/v3/kv/txn", b->url);
	snprintf(key, sizeof key, "/registry/configmaps/bench/%s", name);
	b64(key, &k);
	b64(val, &v);
	buf_addf(body, "{\"compare\":[{\"key\":\"%s\",\"target\":\"CREATE\","
	    "\"result\":\"EQUAL\",\"create_revision\":\"0\"}],\"success\":"
	    "[{\"request_put\":{\"key\":\"%s\",\"value\":\"%s\"}}]}",
	    buf_str(&k), buf_str(&k), buf_str(&v));
	buf_release(&k);
	buf_release(&v);
}

static void *
bench_creator(void *arg)
{
	struct bench *b = arg;
	struct curl_slist *h;
	CURL *c = bench_handle(b, &h);
	struct buf body = BUF_INIT(8192), out = BUF_INIT(1 << 20);
	char url[512];
	long i, code;

	for (;;) {
		pthread_mutex_lock(&b->mu);
		i = b->next++;
		pthread_mutex_unlock(&b->mu);
		if (i >= b->n)
			break;
		bench_create_req(b, i, url, sizeof url, &body);
		code = bench_req(c, "POST", url, buf_str(&body), &out);
		if (code != 201 && code != 200) {
			pthread_mutex_lock(&b->mu);
			if (b->failed++ == 0)
				fprintf(stderr, "create: %ld %s\n", code,
				    buf_str(&out));
			pthread_mutex_unlock(&b->mu);
		}
	}
	buf_release(&body);
	buf_release(&out);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return NULL;
}

static void
bench_creates(struct bench *b)
{
	pthread_t t[256];
	double t0;
	int i;

	t0 = bench_now();
	for (i = 0; i < b->threads && i < 256; i++)
		pthread_create(&t[i], NULL, bench_creator, b);
	for (i = 0; i < b->threads && i < 256; i++)
		pthread_join(t[i], NULL);
	printf("creates/s %.0f\n", (double)b->n / (bench_now() - t0));
	printf("failed %ld\n", b->failed);
}

static void *
bench_getter(void *arg)
{
	struct bench *b = arg;
	struct curl_slist *h;
	CURL *c = bench_handle(b, &h);
	struct buf body = BUF_INIT(8192), out = BUF_INIT(1 << 20), k =
	    BUF_INIT(1024);
	char url[512];
	long i;

	if (b->etcd) {
		snprintf(url, sizeof url, "%s/v3/kv/range", b->url);
		b64("/registry/configmaps/bench/cm-0", &k);
		buf_addf(&body, "{\"key\":\"%s\"}", buf_str(&k));
	} else {
		snprintf(url, sizeof url, "%s/api/v1/namespaces/bench/"
		    "configmaps/cm-0", b->url);
	}
	for (;;) {
		pthread_mutex_lock(&b->mu);
		i = b->next++;
		pthread_mutex_unlock(&b->mu);
		if (i >= b->n)
			break;
		if (bench_req(c, b->etcd ? "POST" : "GET", url, b->etcd ?
		    buf_str(&body) : NULL, &out) != 200)
			b->failed++;
	}
	buf_release(&body);
	buf_release(&out);
	buf_release(&k);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return NULL;
}

static void
bench_gets(struct bench *b)
{
	pthread_t t[256];
	double t0;
	int i;

	t0 = bench_now();
	for (i = 0; i < b->threads && i < 256; i++)
		pthread_create(&t[i], NULL, bench_getter, b);
	for (i = 0; i < b->threads && i < 256; i++)
		pthread_join(t[i], NULL);
	printf("gets/s %.0f\n", (double)b->n / (bench_now() - t0));
	printf("failed %ld\n", b->failed);
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
bench_list(struct bench *b)
{
	struct curl_slist *h;
	CURL *c = bench_handle(b, &h);
	struct buf body = BUF_INIT(8192), out = BUF_INIT((size_t)1 << 30),
	    k = BUF_INIT(1024), e = BUF_INIT(1024);
	char url[512];
	double ms[9], t0;
	int i;

	if (b->etcd) {
		snprintf(url, sizeof url, "%s/v3/kv/range", b->url);
		b64("/registry/configmaps/bench/", &k);
		b64("/registry/configmaps/bench0", &e);
		buf_addf(&body, "{\"key\":\"%s\",\"range_end\":\"%s\"}",
		    buf_str(&k), buf_str(&e));
	} else {
		snprintf(url, sizeof url, "%s/api/v1/namespaces/bench/"
		    "configmaps", b->url);
	}
	for (i = 0; i < 9; i++) {
		t0 = bench_now();
		if (bench_req(c, b->etcd ? "POST" : "GET", url, b->etcd ?
		    buf_str(&body) : NULL, &out) != 200)
			b->failed++;
		ms[i] = (bench_now() - t0) * 1000;
	}
	qsort(ms, 9, sizeof ms[0], bench_cmp);
	printf("list_ms %.1f\n", ms[4]);
	printf("list_bytes %zu\n", out.len);
	printf("failed %ld\n", b->failed);
	buf_release(&body);
	buf_release(&out);
	buf_release(&k);
	buf_release(&e);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
}

struct watcher {
	struct buf	 got;
	double		 seen;		/* when the marker arrived, 0 = not yet */
	const char	*marker;
	double		*base;
};

static size_t
bench_watch_data(char *p, size_t sz, size_t n, void *arg)
{
	struct watcher *w = arg;

	buf_add(&w->got, p, sz * n);
	if (w->seen == 0 && *w->base > 0 && strstr(buf_str(&w->got),
	    w->marker) != NULL)
		w->seen = bench_now();
	if (w->got.len > 65536 && w->seen == 0)
		buf_reset(&w->got);
	return sz * n;
}

/* How many of the first n handles got their 200. */
static int
bench_connected(CURL **cs, long n)
{
	long code, i;
	int up = 0;

	for (i = 0; i < n; i++) {
		code = 0;
		curl_easy_getinfo(cs[i], CURLINFO_RESPONSE_CODE, &code);
		up += code == 200;
	}
	return up;
}

static void
bench_watch(struct bench *b)
{
	CURLM *m = curl_multi_init();
	struct curl_slist *h = NULL, **hs;
	struct watcher *ws;
	CURL **cs, *wc;
	struct buf body = BUF_INIT(8192), k = BUF_INIT(1024), e =
	    BUF_INIT(1024), marker = BUF_INIT(1024), out = BUF_INIT(1 << 20);
	char url[512], wurl[512];
	double base = 0, t0, *lat;
	int running, i, nseen = 0;
	long n = b->n;

	ws = calloc((size_t)n, sizeof *ws);
	cs = calloc((size_t)n, sizeof *cs);
	hs = calloc((size_t)n, sizeof *hs);
	lat = calloc((size_t)n, sizeof *lat);
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)n + 10);
	if (b->etcd) {
		snprintf(wurl, sizeof wurl, "%s/v3/watch", b->url);
		b64("/registry/configmaps/bench/", &k);
		b64("/registry/configmaps/bench0", &e);
		buf_addf(&body, "{\"create_request\":{\"key\":\"%s\","
		    "\"range_end\":\"%s\"}}", buf_str(&k), buf_str(&e));
		b64("/registry/configmaps/bench/marker", &marker);
	} else {
		/* from the current resourceVersion: no initial ADDED flood */
		const char *rv;

		wc = bench_handle(b, &h);
		snprintf(url, sizeof url, "%s/api/v1/namespaces/bench/"
		    "configmaps?limit=1", b->url);
		bench_req(wc, "GET", url, NULL, &out);
		curl_easy_cleanup(wc);
		curl_slist_free_all(h);
		h = NULL;
		rv = strstr(buf_str(&out), "\"resourceVersion\":\"");
		snprintf(wurl, sizeof wurl, "%s/api/v1/namespaces/bench/"
		    "configmaps?watch=1&resourceVersion=%ld", b->url,
		    rv ? atol(rv + 19) : 0L);
		buf_adds(&marker, "\"name\":\"marker\"");
	}
	for (i = 0; i < n; i++) {
		buf_init(&ws[i].got, 1 << 20);
		ws[i].marker = buf_str(&marker);
		ws[i].base = &base;
		cs[i] = bench_handle(b, &hs[i]);
		curl_easy_setopt(cs[i], CURLOPT_URL, wurl);
		if (b->etcd)
			curl_easy_setopt(cs[i], CURLOPT_POSTFIELDS,
			    buf_str(&body));
		curl_easy_setopt(cs[i], CURLOPT_WRITEFUNCTION,
		    bench_watch_data);
		curl_easy_setopt(cs[i], CURLOPT_WRITEDATA, &ws[i]);
	}
	/* connect every watcher at once and wait until each stream answered
	 * 200 (its TLS handshake is over) */
	t0 = bench_now();
	for (i = 0; i < n; i++)
		curl_multi_add_handle(m, cs[i]);
	do {
		curl_multi_perform(m, &running);
		curl_multi_poll(m, NULL, 0, 20, NULL);
		nseen = bench_connected(cs, n);
	} while (nseen < n && bench_now() - t0 < 120.0);
	printf("watch_connected %d\n", nseen);
	printf("watch_connect_s %.1f\n", bench_now() - t0);
	/* let the streams settle */
	nseen = 0;
	t0 = bench_now();
	while (bench_now() - t0 < 1.0) {
		curl_multi_perform(m, &running);
		curl_multi_poll(m, NULL, 0, 50, NULL);
	}
	for (i = 0; i < n; i++)
		buf_reset(&ws[i].got);
	/* the write */
	wc = bench_handle(b, &h);
	buf_reset(&body);
	if (b->etcd) {
		snprintf(url, sizeof url, "%s/v3/kv/put", b->url);
		b64("{\"kind\":\"ConfigMap\"}", &e);
		buf_addf(&body, "{\"key\":\"%s\",\"value\":\"%s\"}",
		    buf_str(&marker), buf_str(&e));
	} else {
		snprintf(url, sizeof url, "%s/api/v1/namespaces/bench/"
		    "configmaps", b->url);
		buf_adds(&body, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
		    "\"metadata\":{\"name\":\"marker\"}}");
	}
	base = bench_now();
	bench_req(wc, "POST", url, buf_str(&body), &out);
	t0 = bench_now();
	printf("write_ms %.1f\n", (t0 - base) * 1000);
	while (nseen < n && bench_now() - t0 < 30.0) {
		curl_multi_perform(m, &running);
		curl_multi_poll(m, NULL, 0, 10, NULL);
		for (nseen = 0, i = 0; i < n; i++)
			nseen += ws[i].seen > 0;
	}
	for (i = 0; i < n; i++)
		lat[i] = ws[i].seen > 0 ? (ws[i].seen - base) * 1000 : 1e9;
	qsort(lat, (size_t)n, sizeof *lat, bench_cmp);
	printf("watchers %ld\n", n);
	printf("watch_seen %d\n", nseen);
	printf("watch_p50_ms %.1f\n", lat[n / 2]);
	printf("watch_p99_ms %.1f\n", lat[(n * 99) / 100]);
	printf("watch_max_ms %.1f\n", lat[n - 1]);
	for (i = 0; i < n; i++) {
		curl_multi_remove_handle(m, cs[i]);
		curl_easy_cleanup(cs[i]);
		curl_slist_free_all(hs[i]);
		buf_release(&ws[i].got);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(wc);
	curl_multi_cleanup(m);
	free(ws);
	free(cs);
	free(hs);
	free(lat);
	buf_release(&body);
	buf_release(&k);
	buf_release(&e);
	buf_release(&marker);
	buf_release(&out);
}

int
main(int argc, char **argv)
{
	struct bench b;

	if (argc < 6) {
		fprintf(stderr, "usage: api-bench kubec|etcd URL TOKEN CAFILE "
		    "creates|gets|list|watch [N] [THREADS]\n");
		return 2;
	}
	memset(&b, 0, sizeof b);
	pthread_mutex_init(&b.mu, NULL);
	b.etcd = strcmp(argv[1], "etcd") == 0;
	b.url = argv[2];
	b.token = argv[3];
	b.cafile = argv[4];
	b.n = argc > 6 ? atol(argv[6]) : 10000;
	b.threads = argc > 7 ? atoi(argv[7]) : 16;
	curl_global_init(CURL_GLOBAL_ALL);
	if (strcmp(argv[5], "creates") == 0)
		bench_creates(&b);
	else if (strcmp(argv[5], "gets") == 0)
		bench_gets(&b);
	else if (strcmp(argv[5], "list") == 0)
		bench_list(&b);
	else if (strcmp(argv[5], "watch") == 0)
		bench_watch(&b);
	else
		return 2;
	curl_global_cleanup();
	return 0;
}
