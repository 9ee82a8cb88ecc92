/* store-etcd.c - the etcd v3 backend of the store (see store.h).
 *
 * Talks to etcd's JSON gateway (/v3/kv/range, /v3/kv/txn, /v3/watch,
 * /v3/kv/compaction) with libcurl and jansson; keys and values travel
 * base64-encoded, 64-bit numbers as decimal strings.  Each write is one
 * transaction whose compare gives create, update and delete their
 * semantics, so etcd decides atomically; etcd answers only once the write
 * is committed to a quorum's disks.  Unary requests borrow a curl handle
 * from a small pool (the server calls in from many threads at once); each
 * watch streams on its own thread through a curl multi handle, which
 * unwatch wakes to stop it at once.  The spec may name several servers,
 * comma-separated: a request that cannot reach one moves to the next.
 */
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/base64.h"
#include "../../lib/curlapi.h"
#include "../../lib/buf.h"
#include "store.h"

#define ETCD_POOL_MAX		32
#define ETCD_RESP_CAP		((size_t)1 << 30)
#define ETCD_LINE_CAP		((size_t)512 << 20)
#define ETCD_CONNECT_MS		2000L
#define ETCD_TIMEOUT_MS		60000L
#define ETCD_WATCH_START_MS	15000L
#define ETCD_WATCH_RETRY_MS	200

/* etcd_call's results besides 0 and -1. */
#define ETCD_ECOMPACTED		-2	/* revision compacted */
#define ETCD_EFUTURE		-3	/* revision in the future */

/* gRPC status codes etcd puts in its error answers. */
#define ETCD_GRPC_INVALID_ARGUMENT	3
#define ETCD_GRPC_DEADLINE		4
#define ETCD_GRPC_RESOURCE_EXHAUSTED	8
#define ETCD_GRPC_UNAVAILABLE		14

struct etcd_watch;

struct etcd {
	char			**urls;		/* without a trailing slash */
	size_t			  nurls;
	pthread_mutex_t		  mu;		/* guards what follows */
	size_t			  cur;		/* server that answered last */
	CURL			 *pool[ETCD_POOL_MAX];
	size_t			  npool;
	int64_t			  compacted;	/* known compacted revision */
	struct etcd_watch	 *watches;
};

struct etcd_watch {
	struct etcd		*e;
	char			*key;
	size_t			 keylen;
	char			*end;
	size_t			 endlen;
	int64_t			 next_rev;	/* next one wanted; 0 = now */
	store_watch_fn		*fn;
	void			*arg;
	pthread_t		 thread;
	CURLM			*multi;
	atomic_int		 stop;
	atomic_int		 self_free;	/* unwatched by its callback */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	int			 state;		/* 0 starting, 1 up, -1 fail */
	int			 ended;		/* the NULL callback was made */
	int			 created;	/* this stream is established */
	int			 fatal;		/* stop; err says why */
	struct err		 err;
	struct buf		 line;
	struct etcd_watch	*next;
};

static void	etcd_close(struct store *);

static pthread_once_t etcd_once = PTHREAD_ONCE_INIT;

static void
etcd_global_init(void)
{
	curl_global_init(CURL_GLOBAL_ALL);
}

static int64_t
etcd_int(const json_t *o, const char *name)
{
	const json_t *v = json_object_get(o, name);
	const char *s;

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_string(v)) {
		s = json_string_value(v);
		return strtoll(s, NULL, 10);
	}
	return 0;
}

static int
etcd_set_int(json_t *o, const char *name, int64_t v)
{
	char s[32];

	snprintf(s, sizeof s, "%" PRId64, v);
	return json_object_set_new(o, name, json_string(s));
}

static int
etcd_set_b64(json_t *o, const char *name, const void *p, size_t n)
{
	struct buf b = BUF_INIT(ETCD_RESP_CAP);
	int rc = -1;

	if (base64_encode(p, n, 0, &b) == -1)
		goto out;
	rc = json_object_set_new(o, name, json_stringn(b.data, b.len));
out:
	buf_release(&b);
	return rc;
}

/* Decodes the base64 string o[name] into a new NUL-terminated string. */
static int
etcd_get_b64(const json_t *o, const char *name, char **out, size_t *len)
{
	const json_t *v = json_object_get(o, name);
	struct buf b = BUF_INIT(ETCD_RESP_CAP);

	*out = NULL;
	if (len != NULL)
		*len = 0;
	if (v != NULL && !json_is_string(v))
		return -1;
	if (v != NULL && base64_decode(json_string_value(v),
	    json_string_length(v), &b) == -1) {
		buf_release(&b);
		return -1;
	}
	*out = buf_detach(&b, len);
	return *out == NULL ? -1 : 0;
}

/* Fills kv from an etcd KeyValue; with_value 0 leaves value NULL. */
static int
etcd_kv_parse(const json_t *j, struct store_kv *kv, int with_value,
    struct err *err)
{
	memset(kv, 0, sizeof *kv);
	if (!json_is_object(j) || etcd_get_b64(j, "key", &kv->key,
	    NULL) == -1)
		goto fail;
	if (with_value && etcd_get_b64(j, "value", &kv->value,
	    &kv->value_len) == -1)
		goto fail;
	kv->create_rev = etcd_int(j, "create_revision");
	kv->mod_rev = etcd_int(j, "mod_revision");
	return 0;
fail:
	free(kv->key);
	free(kv->value);
	memset(kv, 0, sizeof *kv);
	return err_set(err, ERR_INTERNAL, "etcd: malformed key-value");
}

static void
etcd_kv_free(struct store_kv *kv)
{
	free(kv->key);
	free(kv->value);
	memset(kv, 0, sizeof *kv);
}

/*
 * The end of the range of keys starting with prefix: prefix with its last
 * byte below 0xff incremented, or "\0" (to the end of all keys).
 */
static char *
etcd_prefix_end(const char *prefix, size_t *len)
{
	size_t n = strlen(prefix);
	char *p;

	while (n > 0 && (unsigned char)prefix[n - 1] == 0xff)
		n--;
	if (n == 0) {
		*len = 1;
		return calloc(1, 2);
	}
	if ((p = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, prefix, n);
	p[n - 1]++;
	p[n] = '\0';
	*len = n;
	return p;
}

static size_t
etcd_write_cb(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (buf_add(b, p, size * n) == -1)
		return 0;
	return size * n;
}

static CURL *
etcd_handle_get(struct etcd *e)
{
	CURL *h = NULL;

	pthread_mutex_lock(&e->mu);
	if (e->npool > 0)
		h = e->pool[--e->npool];
	pthread_mutex_unlock(&e->mu);
	if (h == NULL)
		h = curl_easy_init();
	return h;
}

static void
etcd_handle_put(struct etcd *e, CURL *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&e->mu);
	if (e->npool < ETCD_POOL_MAX) {
		e->pool[e->npool++] = h;
		h = NULL;
	}
	pthread_mutex_unlock(&e->mu);
	if (h != NULL)
		curl_easy_cleanup(h);
}

static void
etcd_set_compacted(struct etcd *e, int64_t rev)
{
	pthread_mutex_lock(&e->mu);
	if (rev > e->compacted)
		e->compacted = rev;
	pthread_mutex_unlock(&e->mu);
}

static int64_t
etcd_get_compacted(struct etcd *e)
{
	int64_t rev;

	pthread_mutex_lock(&e->mu);
	rev = e->compacted;
	pthread_mutex_unlock(&e->mu);
	return rev;
}

/* Common options of every request, unary or watch. */
static void
etcd_setopt(CURL *h, const char *url, const char *body,
    struct curl_slist *hdr, char *cerr)
{
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, ETCD_CONNECT_MS);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPIDLE, 10L);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPINTVL, 5L);
	cerr[0] = '\0';
}

static struct curl_slist *
etcd_headers(void)
{
	struct curl_slist *h, *t;

	if ((h = curl_slist_append(NULL, "Content-Type: application/json"))
	    == NULL)
		return NULL;
	if ((t = curl_slist_append(h, "Expect:")) == NULL) {
		curl_slist_free_all(h);
		return NULL;
	}
	return t;
}

/*
 * Turns an error answer of etcd into err; returns -1, ETCD_ECOMPACTED or
 * ETCD_EFUTURE.
 */
static int
etcd_answer_error(const json_t *j, long status, struct err *err)
{
	const json_t *ev = json_object_get(j, "error");
	const char *msg = NULL;
	int64_t code = etcd_int(j, "code");

	if (json_is_string(ev))
		msg = json_string_value(ev);
	else if (json_is_object(ev)) {
		msg = json_string_value(json_object_get(ev, "message"));
		if (code == 0)
			code = etcd_int(ev, "grpc_code");
	}
	if (msg == NULL)
		msg = json_string_value(json_object_get(j, "message"));
	if (msg == NULL)
		msg = "unexpected answer";
	if (strstr(msg, "required revision has been compacted") != NULL) {
		err_set(err, ERR_GONE, "etcd: %s", msg);
		return ETCD_ECOMPACTED;
	}
	if (strstr(msg, "required revision is a future revision") != NULL) {
		err_set(err, ERR_TIMEOUT, "etcd: %s", msg);
		return ETCD_EFUTURE;
	}
	if (strstr(msg, "request is too large") != NULL ||
	    code == ETCD_GRPC_RESOURCE_EXHAUSTED)
		return err_set(err, ERR_TOO_LARGE, "etcd: %s", msg);
	if (code == ETCD_GRPC_UNAVAILABLE)
		return err_set(err, ERR_SERVICE_UNAVAILABLE, "etcd: %s", msg);
	if (code == ETCD_GRPC_DEADLINE)
		return err_set(err, ERR_TIMEOUT, "etcd: %s", msg);
	return err_set(err, ERR_INTERNAL, "etcd: %s (HTTP %ld)", msg, status);
}

/*
 * POSTs req to path, starting at the server that answered last and moving
 * to the next one while a server cannot be reached (nothing was sent to
 * it) or says it is unavailable.  On success *resp holds etcd's answer.
 */
static int
etcd_call(struct etcd *e, const char *path, json_t *req, json_t **resp,
    struct err *err)
{
	struct buf out = BUF_INIT(ETCD_RESP_CAP), url = BUF_INIT(0);
	struct curl_slist *hdr = NULL;
	char cerr[CURL_ERROR_SIZE], *body = NULL;
	json_t *j = NULL;
	json_error_t jerr;
	CURL *h = NULL;
	CURLcode rc;
	long status, sent;
	size_t i, start, idx = 0;
	int ret = -1;

	*resp = NULL;
	if ((body = json_dumps(req, JSON_COMPACT)) == NULL) {
		err_set(err, ERR_INTERNAL, "etcd: cannot encode a request");
		goto out;
	}
	if ((h = etcd_handle_get(e)) == NULL || (hdr = etcd_headers())
	    == NULL) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	pthread_mutex_lock(&e->mu);
	start = e->cur;
	pthread_mutex_unlock(&e->mu);
	err_set(err, ERR_SERVICE_UNAVAILABLE, "etcd: no server");
	for (i = 0; i < e->nurls; i++) {
		idx = (start + i) % e->nurls;
		buf_reset(&url);
		buf_reset(&out);
		if (buf_addf(&url, "%s%s", e->urls[idx], path) == -1) {
			err_set(err, ERR_INTERNAL, "etcd: URL too long");
			goto out;
		}
		curl_easy_reset(h);
		etcd_setopt(h, buf_str(&url), body, hdr, cerr);
		curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, ETCD_TIMEOUT_MS);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, etcd_write_cb);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, &out);
		rc = curl_easy_perform(h);
		if (rc != CURLE_OK) {
			err_set(err, ERR_SERVICE_UNAVAILABLE, "etcd: %s: %s",
			    e->urls[idx], cerr[0] != '\0' ? cerr :
			    curl_easy_strerror(rc));
			sent = 0;
			curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &sent);
			if (rc == CURLE_WRITE_ERROR) {
				err_set(err, ERR_TOO_LARGE,
				    "etcd: answer too large");
				goto out;
			}
			/* Sent but unanswered: it may have been applied. */
			if (sent > 0 && rc != CURLE_COULDNT_CONNECT)
				goto out;
			continue;
		}
		status = 0;
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		j = json_loadb(buf_str(&out), out.len, 0, &jerr);
		if (j == NULL || !json_is_object(j)) {
			err_set(err, status == 200 ? ERR_INTERNAL :
			    ERR_SERVICE_UNAVAILABLE,
			    "etcd: %s: bad answer (HTTP %ld)", e->urls[idx],
			    status);
			json_decref(j);
			j = NULL;
			if (status == 200)
				goto out;
			continue;
		}
		if (status == 200 && json_object_get(j, "error") == NULL)
			break;
		ret = etcd_answer_error(j, status, err);
		json_decref(j);
		j = NULL;
		if (err->reason != ERR_SERVICE_UNAVAILABLE)
			goto out;
		ret = -1;
	}
	if (j == NULL)
		goto out;
	pthread_mutex_lock(&e->mu);
	e->cur = idx;
	pthread_mutex_unlock(&e->mu);
	*resp = j;
	err_clear(err);		/* a failed server before this one is no error */
	ret = 0;
out:
	etcd_handle_put(e, h);
	curl_slist_free_all(hdr);
	free(body);
	buf_release(&out);
	buf_release(&url);
	return ret;
}

/* A range request for key alone or [key, end). */
static json_t *
etcd_range_req(const char *key, size_t keylen, const char *end,
    size_t endlen)
{
	json_t *r = json_object();

	if (r == NULL || etcd_set_b64(r, "key", key, keylen) == -1 ||
	    (end != NULL && etcd_set_b64(r, "range_end", end, endlen) == -1)) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* Reads the current revision; with at > 0, reads at that revision. */
static int
etcd_current(struct etcd *e, int64_t at, int64_t *rev, struct err *err)
{
	json_t *req, *resp = NULL;
	int rc;

	if ((req = etcd_range_req("", 1, NULL, 0)) == NULL ||
	    json_object_set_new(req, "count_only", json_true()) == -1 ||
	    (at > 0 && etcd_set_int(req, "revision", at) == -1)) {
		json_decref(req);
		return err_set(err, ERR_INTERNAL, "etcd: out of memory");
	}
	rc = etcd_call(e, "/v3/kv/range", req, &resp, err);
	json_decref(req);
	if (rc < 0)
		return rc;
	*rev = etcd_int(json_object_get(resp, "header"), "revision");
	json_decref(resp);
	return 0;
}

/*
 * Finds the compacted revision: the oldest readable one, searched for
 * between the last one known and now.  0 when nothing was compacted.
 */
static int
etcd_find_compacted(struct etcd *e, int64_t *now, int64_t *compacted,
    struct err *err)
{
	int64_t lo, hi, mid, cur;
	int rc;

	lo = etcd_get_compacted(e);
	if (lo < 1)
		lo = 1;
	rc = etcd_current(e, lo, now, err);
	if (rc == 0) {
		*compacted = lo > 1 ? lo : 0;
		return 0;
	}
	if (rc != ETCD_ECOMPACTED)
		return -1;
	if (etcd_current(e, 0, &cur, err) < 0)
		return -1;
	lo++;
	hi = cur;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		rc = etcd_current(e, mid, now, err);
		if (rc == 0)
			hi = mid;
		else if (rc == ETCD_ECOMPACTED)
			lo = mid + 1;
		else
			return -1;
	}
	etcd_set_compacted(e, lo);
	*now = cur;
	*compacted = lo;
	return 0;
}

/* Runs a transaction; *ok says whether its compare succeeded. */
static int
etcd_txn(struct etcd *e, json_t *cmp, json_t *success, json_t *failure,
    json_t **resp, int *ok, struct err *err)
{
	json_t *req = json_object();
	int rc = -1;

	*resp = NULL;
	if (req == NULL || json_object_set_new(req, "compare",
	    json_pack("[O]", cmp)) == -1 || json_object_set_new(req,
	    "success", json_pack("[O]", success)) == -1 ||
	    (failure != NULL && json_object_set_new(req, "failure",
	    json_pack("[O]", failure)) == -1)) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	if (etcd_call(e, "/v3/kv/txn", req, resp, err) < 0)
		goto out;
	*ok = json_is_true(json_object_get(*resp, "succeeded"));
	rc = 0;
out:
	json_decref(req);
	return rc;
}

/* A compare of key's mod_revision (expect != 0) or of its existence. */
static json_t *
etcd_compare(const char *key, int64_t expect)
{
	json_t *c = json_object();

	if (c == NULL || etcd_set_b64(c, "key", key, strlen(key)) == -1)
		goto fail;
	if (expect != 0) {
		if (json_object_set_new(c, "target", json_string("MOD")) ==
		    -1 || json_object_set_new(c, "result",
		    json_string("EQUAL")) == -1 || etcd_set_int(c,
		    "mod_revision", expect) == -1)
			goto fail;
	} else if (json_object_set_new(c, "target", json_string("CREATE")) ==
	    -1 || json_object_set_new(c, "result", json_string("GREATER")) ==
	    -1 || etcd_set_int(c, "create_revision", 0) == -1)
		goto fail;
	return c;
fail:
	json_decref(c);
	return NULL;
}

static json_t *
etcd_put_op(const char *key, const char *value, size_t len)
{
	json_t *p = json_object();

	if (p == NULL || etcd_set_b64(p, "key", key, strlen(key)) == -1 ||
	    etcd_set_b64(p, "value", value != NULL ? value : "", value !=
	    NULL ? len : 0) == -1) {
		json_decref(p);
		return NULL;
	}
	return json_pack("{s:o}", "request_put", p);
}

static json_t *
etcd_get_op(const char *key)
{
	json_t *r = etcd_range_req(key, strlen(key), NULL, 0);

	if (r == NULL)
		return NULL;
	return json_pack("{s:o}", "request_range", r);
}

/* Sets err for a failed update or delete, from the failure's range. */
static int
etcd_failed_write(const json_t *resp, const char *key, struct err *err)
{
	const json_t *r;

	r = json_array_get(json_object_get(resp, "responses"), 0);
	r = json_object_get(json_object_get(r, "response_range"), "kvs");
	if (json_array_size(r) > 0)
		return err_set(err, ERR_CONFLICT, "the object has been "
		    "modified; please apply your changes to the latest "
		    "version and try again");
	return err_set(err, ERR_NOT_FOUND, "key \"%s\" not found", key);
}

static int
etcd_open(struct store *s, const char *spec, struct err *err)
{
	struct etcd *e;
	const char *p, *q;
	size_t n;
	int64_t now, compacted;
	char *u;

	pthread_once(&etcd_once, etcd_global_init);
	if (spec == NULL || *spec == '\0')
		return err_set(err, ERR_BAD_REQUEST, "etcd: no servers given");
	if ((e = calloc(1, sizeof *e)) == NULL)
		return err_set(err, ERR_INTERNAL, "etcd: out of memory");
	pthread_mutex_init(&e->mu, NULL);
	s->priv = e;
	for (p = spec; *p != '\0'; p = *q == ',' ? q + 1 : q) {
		while (*p == ' ')
			p++;
		for (q = p; *q != '\0' && *q != ','; q++)
			;
		n = q - p;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '/'))
			n--;
		if (n == 0)
			continue;
		if ((n < 7 || strncmp(p, "http://", 7) != 0) &&
		    (n < 8 || strncmp(p, "https://", 8) != 0)) {
			err_set(err, ERR_BAD_REQUEST, "etcd: bad server URL "
			    "\"%.*s\" (want http://host:port)", (int)n, p);
			goto fail;
		}
		u = strndup(p, n);
		if (u == NULL || (e->urls = reallocarray(e->urls,
		    e->nurls + 1, sizeof *e->urls)) == NULL) {
			free(u);
			err_set(err, ERR_INTERNAL, "etcd: out of memory");
			goto fail;
		}
		e->urls[e->nurls++] = u;
	}
	if (e->nurls == 0) {
		err_set(err, ERR_BAD_REQUEST, "etcd: no servers given");
		goto fail;
	}
	if (etcd_find_compacted(e, &now, &compacted, err) == -1) {
		err_wrap(err, "cannot open the etcd store");
		goto fail;
	}
	return 0;
fail:
	etcd_close(s);
	return -1;
}

static void
etcd_watch_free(struct etcd_watch *w)
{
	if (w->multi != NULL)
		curl_multi_cleanup(w->multi);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	buf_release(&w->line);
	free(w->key);
	free(w->end);
	free(w);
}

static void
etcd_close(struct store *s)
{
	struct etcd *e = s->priv;
	struct etcd_watch *w;
	struct err err;
	size_t i;

	if (e == NULL)
		return;
	for (;;) {
		pthread_mutex_lock(&e->mu);
		if ((w = e->watches) != NULL)
			e->watches = w->next;
		pthread_mutex_unlock(&e->mu);
		if (w == NULL)
			break;
		atomic_store(&w->stop, 1);
		curl_multi_wakeup(w->multi);
		pthread_join(w->thread, NULL);
		if (!w->ended) {
			err_set(&err, ERR_SERVICE_UNAVAILABLE,
			    "the store was closed");
			w->fn(w->arg, NULL, &err);
		}
		etcd_watch_free(w);
	}
	for (i = 0; i < e->npool; i++)
		curl_easy_cleanup(e->pool[i]);
	for (i = 0; i < e->nurls; i++)
		free(e->urls[i]);
	free(e->urls);
	pthread_mutex_destroy(&e->mu);
	free(e);
	s->priv = NULL;
}

static int
etcd_get(struct store *s, const char *key, struct store_kv *out,
    struct err *err)
{
	struct etcd *e = s->priv;
	json_t *req, *resp = NULL, *kvs;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if ((req = etcd_range_req(key, strlen(key), NULL, 0)) == NULL)
		return err_set(err, ERR_INTERNAL, "etcd: out of memory");
	if (etcd_call(e, "/v3/kv/range", req, &resp, err) < 0)
		goto out;
	kvs = json_object_get(resp, "kvs");
	if (json_array_size(kvs) == 0) {
		err_set(err, ERR_NOT_FOUND, "key \"%s\" not found", key);
		goto out;
	}
	rc = etcd_kv_parse(json_array_get(kvs, 0), out, 1, err);
out:
	json_decref(req);
	json_decref(resp);
	return rc;
}

static int
etcd_list(struct store *s, const char *prefix, const char *start_after,
    int64_t rev, size_t limit, struct store_list *out, struct err *err)
{
	struct etcd *e = s->priv;
	struct buf from = BUF_INIT(0);
	json_t *req = NULL, *resp = NULL, *kvs;
	char *end = NULL;
	size_t endlen, i, n;
	int64_t cur;
	int rc = -1;

	memset(out, 0, sizeof *out);
	/* From the key after start_after (a whole key), or the prefix. */
	if (start_after != NULL && strcmp(start_after, prefix) < 0)
		start_after = NULL;
	if ((start_after != NULL && start_after[0] != '\0' ?
	    buf_add(&from, start_after, strlen(start_after) + 1) :
	    buf_adds(&from, prefix)) == -1 || (from.len == 0 &&
	    buf_add(&from, "", 1) == -1) ||
	    (end = etcd_prefix_end(prefix, &endlen)) == NULL ||
	    (req = etcd_range_req(from.data, from.len, end, endlen)) == NULL ||
	    (rev > 0 && etcd_set_int(req, "revision", rev) == -1) ||
	    (limit > 0 && etcd_set_int(req, "limit", (int64_t)limit) == -1)) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	rc = etcd_call(e, "/v3/kv/range", req, &resp, err);
	if (rc == ETCD_ECOMPACTED) {
		rc = err_set(err, ERR_GONE, "The resourceVersion for the "
		    "provided list is too old.");
		goto out;
	}
	if (rc == ETCD_EFUTURE) {
		if (etcd_current(e, 0, &cur, err) == 0)
			err_set(err, ERR_TIMEOUT, "Too large resource version: "
			    "%" PRId64 ", current: %" PRId64, rev, cur);
		rc = -1;
		goto out;
	}
	if (rc < 0)
		goto out;
	rc = -1;
	kvs = json_object_get(resp, "kvs");
	n = json_array_size(kvs);
	if (n > 0 && (out->items = calloc(n, sizeof *out->items)) == NULL) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (etcd_kv_parse(json_array_get(kvs, i), &out->items[i], 1,
		    err) == -1)
			goto out;
		out->n++;
	}
	out->rev = rev > 0 ? rev :
	    etcd_int(json_object_get(resp, "header"), "revision");
	out->more = json_is_true(json_object_get(resp, "more"));
	rc = 0;
out:
	if (rc != 0) {
		for (i = 0; i < out->n; i++)
			etcd_kv_free(&out->items[i]);
		free(out->items);
		memset(out, 0, sizeof *out);
	}
	buf_release(&from);
	free(end);
	json_decref(req);
	json_decref(resp);
	return rc;
}

static int
etcd_count(struct store *s, const char *prefix, int64_t *n,
    struct err *err)
{
	struct etcd *e = s->priv;
	json_t *req = NULL, *resp = NULL;
	char *end;
	size_t endlen;
	int rc = -1;

	if ((end = etcd_prefix_end(prefix, &endlen)) == NULL ||
	    (req = etcd_range_req(*prefix != '\0' ? prefix : "",
	    *prefix != '\0' ? strlen(prefix) : 1, end, endlen)) == NULL ||
	    json_object_set_new(req, "count_only", json_true()) == -1) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	if (etcd_call(e, "/v3/kv/range", req, &resp, err) < 0)
		goto out;
	*n = etcd_int(resp, "count");
	rc = 0;
out:
	free(end);
	json_decref(req);
	json_decref(resp);
	return rc;
}

static int
etcd_create(struct store *s, const char *key, const char *value,
    size_t len, int64_t *rev, struct err *err)
{
	struct etcd *e = s->priv;
	json_t *cmp = json_object(), *put, *resp = NULL;
	int ok = 0, rc = -1;

	put = etcd_put_op(key, value, len);
	if (cmp == NULL || put == NULL || etcd_set_b64(cmp, "key", key,
	    strlen(key)) == -1 || json_object_set_new(cmp, "target",
	    json_string("CREATE")) == -1 || json_object_set_new(cmp, "result",
	    json_string("EQUAL")) == -1 || etcd_set_int(cmp,
	    "create_revision", 0) == -1) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	if (etcd_txn(e, cmp, put, NULL, &resp, &ok, err) < 0)
		goto out;
	if (!ok) {
		err_set(err, ERR_ALREADY_EXISTS, "key \"%s\" already exists",
		    key);
		goto out;
	}
	if (rev != NULL)
		*rev = etcd_int(json_object_get(resp, "header"), "revision");
	rc = 0;
out:
	json_decref(cmp);
	json_decref(put);
	json_decref(resp);
	return rc;
}

static int
etcd_update(struct store *s, const char *key, const char *value,
    size_t len, int64_t expect_rev, int64_t *rev, struct err *err)
{
	struct etcd *e = s->priv;
	json_t *cmp, *put, *get, *resp = NULL;
	int ok = 0, rc = -1;

	cmp = etcd_compare(key, expect_rev);
	put = etcd_put_op(key, value, len);
	get = etcd_get_op(key);
	if (cmp == NULL || put == NULL || get == NULL) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	if (etcd_txn(e, cmp, put, get, &resp, &ok, err) < 0)
		goto out;
	if (!ok) {
		etcd_failed_write(resp, key, err);
		goto out;
	}
	if (rev != NULL)
		*rev = etcd_int(json_object_get(resp, "header"), "revision");
	rc = 0;
out:
	json_decref(cmp);
	json_decref(put);
	json_decref(get);
	json_decref(resp);
	return rc;
}

static int
etcd_delete(struct store *s, const char *key, int64_t expect_rev,
    struct store_kv *prev, int64_t *rev, struct err *err)
{
	struct etcd *e = s->priv;
	json_t *cmp, *del = NULL, *dr, *get, *resp = NULL, *p;
	int ok = 0, rc = -1;

	if (prev != NULL)
		memset(prev, 0, sizeof *prev);
	cmp = etcd_compare(key, expect_rev);
	get = etcd_get_op(key);
	if ((dr = etcd_range_req(key, strlen(key), NULL, 0)) != NULL &&
	    json_object_set_new(dr, "prev_kv", json_true()) == 0)
		del = json_pack("{s:O}", "request_delete_range", dr);
	json_decref(dr);
	if (cmp == NULL || del == NULL || get == NULL) {
		err_set(err, ERR_INTERNAL, "etcd: out of memory");
		goto out;
	}
	if (etcd_txn(e, cmp, del, get, &resp, &ok, err) < 0)
		goto out;
	if (!ok) {
		etcd_failed_write(resp, key, err);
		goto out;
	}
	p = json_array_get(json_object_get(resp, "responses"), 0);
	p = json_object_get(p, "response_delete_range");
	p = json_array_get(json_object_get(p, "prev_kvs"), 0);
	if (p == NULL) {
		err_set(err, ERR_NOT_FOUND, "key \"%s\" not found", key);
		goto out;
	}
	if (prev != NULL && etcd_kv_parse(p, prev, 1, err) == -1)
		goto out;
	if (rev != NULL)
		*rev = etcd_int(json_object_get(resp, "header"), "revision");
	rc = 0;
out:
	json_decref(cmp);
	json_decref(del);
	json_decref(get);
	json_decref(resp);
	return rc;
}

/* Watch: one streaming POST /v3/watch per connection, on its own thread. */

static void
etcd_watch_started(struct etcd_watch *w, int state)
{
	pthread_mutex_lock(&w->mu);
	if (w->state == 0) {
		w->state = state;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
}

/* Delivers one etcd event unless it is older than from. */
static int
etcd_watch_event(struct etcd_watch *w, const json_t *j, int64_t from)
{
	struct store_event ev;
	const char *type;
	int64_t rev;
	int rc = -1;

	memset(&ev, 0, sizeof ev);
	type = json_string_value(json_object_get(j, "type"));
	ev.type = type != NULL && strcmp(type, "DELETE") == 0 ?
	    STORE_DELETE : STORE_PUT;
	if (etcd_kv_parse(json_object_get(j, "kv"), &ev.kv,
	    ev.type == STORE_PUT, &w->err) == -1)
		goto out;
	if (json_object_get(j, "prev_kv") != NULL &&
	    etcd_kv_parse(json_object_get(j, "prev_kv"), &ev.prev, 1,
	    &w->err) == -1)
		goto out;
	rev = ev.rev = ev.kv.mod_rev;
	if (rev >= from && !atomic_load(&w->stop))
		w->fn(w->arg, &ev, NULL);
	rc = 0;
out:
	etcd_kv_free(&ev.kv);
	etcd_kv_free(&ev.prev);
	return rc;
}

/* Handles one message of the watch stream. */
static void
etcd_watch_message(struct etcd_watch *w, const json_t *m)
{
	const json_t *r, *evs, *hdr;
	const char *why;
	int64_t compact, from, last = 0;
	size_t i;

	if (json_object_get(m, "error") != NULL) {
		etcd_answer_error(m, 200, &w->err);
		w->fatal = 1;
		return;
	}
	r = json_object_get(m, "result");
	hdr = json_object_get(r, "header");
	if (json_is_true(json_object_get(r, "created")) && !w->created) {
		w->created = 1;
		if (w->next_rev == 0)
			w->next_rev = etcd_int(hdr, "revision") + 1;
		etcd_watch_started(w, 1);
	}
	if ((compact = etcd_int(r, "compact_revision")) > 0) {
		etcd_set_compacted(w->e, compact);
		err_set(&w->err, ERR_GONE, "too old resource version: %" PRId64
		    " (%" PRId64 ")", w->next_rev - 1, compact);
		w->fatal = 1;
		return;
	}
	if (json_is_true(json_object_get(r, "canceled"))) {
		why = json_string_value(json_object_get(r, "cancel_reason"));
		err_set(&w->err, ERR_INTERNAL, "etcd: watch canceled: %s",
		    why != NULL ? why : "no reason given");
		w->fatal = 1;
		return;
	}
	evs = json_object_get(r, "events");
	from = w->next_rev;
	for (i = 0; i < json_array_size(evs); i++) {
		if (etcd_watch_event(w, json_array_get(evs, i), from) == -1) {
			w->fatal = 1;
			return;
		}
		last = etcd_int(json_object_get(json_array_get(evs, i),
		    "kv"), "mod_revision");
	}
	if (last >= w->next_rev)
		w->next_rev = last + 1;
}

/* Parses and handles the complete lines in w->line. */
static void
etcd_watch_lines(struct etcd_watch *w, int final)
{
	json_error_t jerr;
	json_t *m;
	char *nl;
	size_t n;

	while (w->line.len > 0 && !w->fatal && !atomic_load(&w->stop)) {
		nl = memchr(w->line.data, '\n', w->line.len);
		if (nl == NULL && !final)
			break;
		n = nl != NULL ? (size_t)(nl - w->line.data) : w->line.len;
		if (n > 0) {
			m = json_loadb(w->line.data, n, 0, &jerr);
			if (m == NULL) {
				err_set(&w->err, ERR_INTERNAL, "etcd: watch: "
				    "malformed message: %s", jerr.text);
				w->fatal = 1;
				break;
			}
			etcd_watch_message(w, m);
			json_decref(m);
		}
		if (nl != NULL)
			n++;
		memmove(w->line.data, w->line.data + n, w->line.len - n);
		buf_truncate(&w->line, w->line.len - n);
	}
}

static size_t
etcd_watch_write(char *p, size_t size, size_t n, void *arg)
{
	struct etcd_watch *w = arg;

	if (atomic_load(&w->stop) || w->fatal)
		return 0;
	if (buf_add(&w->line, p, size * n) == -1) {
		err_set(&w->err, ERR_TOO_LARGE, "etcd: watch message too "
		    "large");
		w->fatal = 1;
		return 0;
	}
	etcd_watch_lines(w, 0);
	if (atomic_load(&w->stop) || w->fatal)
		return 0;
	return size * n;
}

/*
 * Streams from one server until the stream ends.  Returns 2 when stopped,
 * 1 on a fatal error (w->err), 0 when an established stream was lost and
 * -1 when none could be established.
 */
static int
etcd_watch_stream(struct etcd_watch *w, const char *base)
{
	struct buf url = BUF_INIT(0);
	struct curl_slist *hdr = NULL;
	char cerr[CURL_ERROR_SIZE], *body = NULL;
	json_t *cr = NULL, *req = NULL;
	CURLMsg *msg;
	CURLcode res = CURLE_OK;
	CURL *h = NULL;
	int running = 1, left, rc = -1;

	w->created = 0;
	w->fatal = 0;
	buf_reset(&w->line);
	if ((cr = etcd_range_req(w->key, w->keylen, w->end, w->endlen)) ==
	    NULL || (w->next_rev > 0 && etcd_set_int(cr, "start_revision",
	    w->next_rev) == -1) || json_object_set_new(cr, "prev_kv",
	    json_true()) == -1 || (req = json_pack("{s:O}", "create_request",
	    cr)) == NULL || (body = json_dumps(req, JSON_COMPACT)) == NULL ||
	    buf_addf(&url, "%s/v3/watch", base) == -1 ||
	    (hdr = etcd_headers()) == NULL || (h = curl_easy_init()) == NULL) {
		err_set(&w->err, ERR_INTERNAL, "etcd: out of memory");
		rc = 1;
		goto out;
	}
	etcd_setopt(h, buf_str(&url), body, hdr, cerr);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, etcd_watch_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, w);
	curl_multi_add_handle(w->multi, h);
	while (running && !atomic_load(&w->stop)) {
		if (curl_multi_perform(w->multi, &running) != CURLM_OK)
			break;
		if (running)
			curl_multi_poll(w->multi, NULL, 0, 1000, NULL);
	}
	while ((msg = curl_multi_info_read(w->multi, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE)
			res = msg->data.result;
	curl_multi_remove_handle(w->multi, h);
	if (res == CURLE_OK && !w->fatal && !atomic_load(&w->stop))
		etcd_watch_lines(w, 1);
	if (atomic_load(&w->stop))
		rc = 2;
	else if (w->fatal)
		rc = 1;
	else {
		err_set(&w->err, ERR_SERVICE_UNAVAILABLE, "etcd: %s: watch "
		    "stream lost: %s", base, cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(res));
		rc = w->created ? 0 : -1;
	}
out:
	if (h != NULL)
		curl_easy_cleanup(h);
	curl_slist_free_all(hdr);
	free(body);
	json_decref(cr);
	json_decref(req);
	buf_release(&url);
	return rc;
}

static void *
etcd_watch_main(void *arg)
{
	struct etcd_watch *w = arg;
	struct etcd *e = w->e;
	size_t idx, fails = 0;
	int rc;

	pthread_mutex_lock(&e->mu);
	idx = e->cur;
	pthread_mutex_unlock(&e->mu);
	for (;;) {
		rc = etcd_watch_stream(w, e->urls[idx % e->nurls]);
		if (rc == 2)
			break;
		if (rc == 1)
			goto end;
		if (rc == 0)
			fails = 0;
		else if (++fails >= e->nurls)
			goto end;
		idx++;
		/* Pause, unless unwatch wakes us. */
		curl_multi_poll(w->multi, NULL, 0, ETCD_WATCH_RETRY_MS, NULL);
		if (atomic_load(&w->stop))
			break;
	}
	goto out;
end:
	pthread_mutex_lock(&w->mu);
	if (w->state == 0) {
		/* watch() is waiting and reports the error itself. */
		w->state = -1;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
		goto out;
	}
	pthread_mutex_unlock(&w->mu);
	if (!atomic_load(&w->stop)) {
		w->ended = 1;
		w->fn(w->arg, NULL, &w->err);
	}
out:
	if (atomic_load(&w->self_free))
		etcd_watch_free(w);
	return NULL;
}

static int
etcd_watch(struct store *s, const char *prefix, int64_t after_rev,
    store_watch_fn *fn, void *arg, struct store_watch **wp,
    struct err *err)
{
	struct etcd *e = s->priv;
	struct etcd_watch *w;
	struct timespec ts;
	int64_t now, compacted;
	int rc;

	*wp = NULL;
	if (after_rev > 0) {
		/* Report a compacted start at once, when it already is. */
		rc = etcd_current(e, after_rev + 1, &now, err);
		if (rc == ETCD_ECOMPACTED) {
			if (etcd_find_compacted(e, &now, &compacted, err) ==
			    -1)
				return -1;
			return err_set(err, ERR_GONE, "too old resource "
			    "version: %" PRId64 " (%" PRId64 ")", after_rev,
			    compacted);
		}
		if (rc < 0 && rc != ETCD_EFUTURE)
			return -1;
	}
	if ((w = calloc(1, sizeof *w)) == NULL)
		return err_set(err, ERR_INTERNAL, "etcd: out of memory");
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	buf_init(&w->line, ETCD_LINE_CAP);
	w->e = e;
	w->fn = fn;
	w->arg = arg;
	w->next_rev = after_rev > 0 ? after_rev + 1 : 0;
	if (*prefix == '\0') {
		w->key = calloc(1, 2);
		w->keylen = 1;
	} else {
		w->key = strdup(prefix);
		w->keylen = strlen(prefix);
	}
	w->end = etcd_prefix_end(prefix, &w->endlen);
	if (w->key == NULL || w->end == NULL ||
	    (w->multi = curl_multi_init()) == NULL) {
		etcd_watch_free(w);
		return err_set(err, ERR_INTERNAL, "etcd: out of memory");
	}
	if ((errno = pthread_create(&w->thread, NULL, etcd_watch_main, w))
	    != 0) {
		etcd_watch_free(w);
		return err_set(err, ERR_INTERNAL, "etcd: cannot start a "
		    "thread: %s", strerror(errno));
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ETCD_WATCH_START_MS / 1000;
	pthread_mutex_lock(&w->mu);
	while (w->state == 0)
		if (pthread_cond_timedwait(&w->cv, &w->mu, &ts) == ETIMEDOUT)
			break;
	rc = w->state;
	pthread_mutex_unlock(&w->mu);
	if (rc != 1) {
		atomic_store(&w->stop, 1);
		curl_multi_wakeup(w->multi);
		pthread_join(w->thread, NULL);
		if (rc == 0)
			err_set(err, ERR_TIMEOUT, "etcd: the watch did not "
			    "start in time");
		else
			*err = w->err;
		etcd_watch_free(w);
		return -1;
	}
	pthread_mutex_lock(&e->mu);
	w->next = e->watches;
	e->watches = w;
	pthread_mutex_unlock(&e->mu);
	*wp = (struct store_watch *)w;
	return 0;
}

static void
etcd_unwatch(struct store *s, struct store_watch *sw)
{
	struct etcd *e = s->priv;
	struct etcd_watch *w = (struct etcd_watch *)sw, **pp;

	if (w == NULL)
		return;
	pthread_mutex_lock(&e->mu);
	for (pp = &e->watches; *pp != NULL; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	pthread_mutex_unlock(&e->mu);
	atomic_store(&w->stop, 1);
	curl_multi_wakeup(w->multi);
	if (pthread_equal(pthread_self(), w->thread)) {
		/* From its own callback: the thread frees it on its way out. */
		pthread_detach(w->thread);
		atomic_store(&w->self_free, 1);
		return;
	}
	pthread_join(w->thread, NULL);
	etcd_watch_free(w);
}

static int
etcd_compact(struct store *s, int64_t rev, struct err *err)
{
	struct etcd *e = s->priv;
	json_t *req, *resp = NULL;
	int64_t cur;
	int rc;

	if (rev <= etcd_get_compacted(e))
		return 0;
	if ((req = json_object()) == NULL || etcd_set_int(req, "revision",
	    rev) == -1 || json_object_set_new(req, "physical",
	    json_true()) == -1) {
		json_decref(req);
		return err_set(err, ERR_INTERNAL, "etcd: out of memory");
	}
	rc = etcd_call(e, "/v3/kv/compaction", req, &resp, err);
	json_decref(req);
	json_decref(resp);
	if (rc == ETCD_ECOMPACTED)
		return 0;	/* someone compacted further already */
	if (rc == ETCD_EFUTURE) {
		if (etcd_current(e, 0, &cur, err) < 0)
			return -1;
		return err_set(err, ERR_BAD_REQUEST, "cannot compact to "
		    "revision %" PRId64 ": the current revision is %" PRId64,
		    rev, cur);
	}
	if (rc < 0)
		return -1;
	etcd_set_compacted(e, rev);
	return 0;
}

static int
etcd_revision(struct store *s, int64_t *rev, int64_t *compacted,
    struct err *err)
{
	struct etcd *e = s->priv;
	int64_t now, c;

	if (etcd_find_compacted(e, &now, &c, err) == -1)
		return -1;
	if (rev != NULL)
		*rev = now;
	if (compacted != NULL)
		*compacted = c;
	return 0;
}

const struct store_ops store_etcd_ops = {
	.name = "etcd",
	.open = etcd_open,
	.close = etcd_close,
	.get = etcd_get,
	.list = etcd_list,
	.count = etcd_count,
	.create = etcd_create,
	.update = etcd_update,
	.delete = etcd_delete,
	.watch = etcd_watch,
	.unwatch = etcd_unwatch,
	.compact = etcd_compact,
	.revision = etcd_revision,
};
