/* image.c - the OCI distribution client of the agent, on libcurl:
 * manifests (Docker schema2 and OCI, lists and indexes) and blobs checked
 * against their sha256, with the registry's bearer-token or basic auth.
 * Registries on localhost are spoken to in plain HTTP, the others in
 * HTTPS; every request has a time limit. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <gnutls/crypto.h>
#include <jansson.h>

#include "image.h"
#include "../lib/curlapi.h"

#define IMAGE_ACCEPT \
	"application/vnd.docker.distribution.manifest.v2+json, " \
	"application/vnd.docker.distribution.manifest.list.v2+json, " \
	"application/vnd.oci.image.manifest.v1+json, " \
	"application/vnd.oci.image.index.v1+json"

#define IMAGE_CONNECT_TIMEOUT	15L	/* seconds */
#define IMAGE_SHORT_TIMEOUT	60L	/* manifests and tokens */
#define IMAGE_BLOB_TIMEOUT	3600L	/* one blob */
#define IMAGE_STALL_TIME	60L	/* below 1 KiB/s that long: abort */

struct image_client {
	CURL		*curl;
	struct image_ref ref;
	char		 base[700];	/* "https://host/v2/repo" */
	char		*username, *password, *ca_file;
	char		*token;		/* bearer token, once obtained */
	int		 basic;		/* send basic credentials */
	char		 errbuf[CURL_ERROR_SIZE];
};

/* Where one response goes, and what was seen of its headers. */
struct image_sink {
	CURL		*curl;
	struct buf	*body;		/* 2xx body into memory, or */
	int		 fd;		/* into a file (>= 0) */
	gnutls_hash_hd_t hash;		/* hash of a file body */
	long long	 n, max;	/* bytes written, limit (-1: none) */
	int		 failed;	/* write error or size overrun */
	struct buf	 errbody;	/* a non-2xx body */
	char		 auth[1024];	/* WWW-Authenticate */
	char		 ctype[128];	/* Content-Type */
};

void
image_digest_bytes(const void *p, size_t n, char *out)
{
	unsigned char md[32];
	int i;

	gnutls_hash_fast(GNUTLS_DIG_SHA256, p, n, md);
	memcpy(out, "sha256:", 7);
	for (i = 0; i < 32; i++)
		sprintf(out + 7 + 2 * i, "%02x", md[i]);
}

struct image_client *
image_client_new(const struct image_ref *r, const struct image_auth *auth,
    struct err *err)
{
	struct image_client *c;

	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	c->ref = *r;
	snprintf(c->base, sizeof(c->base), "%s://%s/v2/%s",
	    image_ref_plain_http(r) ? "http" : "https", image_ref_host(r),
	    r->repo);
	if (auth != NULL) {
		if (auth->username)
			c->username = strdup(auth->username);
		if (auth->password)
			c->password = strdup(auth->password);
		if (auth->ca_file)
			c->ca_file = strdup(auth->ca_file);
	}
	c->curl = curl_easy_init();
	if (c->curl == NULL || (auth && ((auth->username && !c->username) ||
	    (auth->password && !c->password) ||
	    (auth->ca_file && !c->ca_file)))) {
		image_client_free(c);
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	return c;
}

void
image_client_free(struct image_client *c)
{
	if (c == NULL)
		return;
	if (c->curl)
		curl_easy_cleanup(c->curl);
	free(c->username);
	free(c->password);
	free(c->ca_file);
	free(c->token);
	free(c);
}

static int
image_sink_2xx(struct image_sink *k)
{
	long code = 0;

	curl_easy_getinfo(k->curl, CURLINFO_RESPONSE_CODE, &code);
	return code >= 200 && code < 300;
}

static size_t
image_sink_write(char *p, size_t size, size_t nmemb, void *arg)
{
	struct image_sink *k = arg;
	size_t n = size * nmemb, off;
	ssize_t w;

	if (!image_sink_2xx(k)) {
		buf_add(&k->errbody, p, n);	/* capped: the rest dropped */
		return n;
	}
	if (k->max >= 0 && k->n + (long long)n > k->max) {
		k->failed = EFBIG;
		return 0;
	}
	if (k->body != NULL) {
		if (buf_add(k->body, p, n) < 0) {
			k->failed = EFBIG;
			return 0;
		}
	} else {
		for (off = 0; off < n; off += (size_t)w) {
			w = write(k->fd, p + off, n - off);
			if (w < 0 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w < 0) {
				k->failed = errno;
				return 0;
			}
		}
		gnutls_hash(k->hash, p, n);
	}
	k->n += (long long)n;
	return n;
}

static void
image_copy_header(char *dst, size_t dn, const char *v, size_t vn)
{
	while (vn > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		vn--;
	}
	while (vn > 0 && (v[vn - 1] == '\r' || v[vn - 1] == '\n' ||
	    v[vn - 1] == ' '))
		vn--;
	if (vn >= dn)
		vn = dn - 1;
	memcpy(dst, v, vn);
	dst[vn] = '\0';
}

static size_t
image_sink_header(char *p, size_t size, size_t nmemb, void *arg)
{
	struct image_sink *k = arg;
	size_t n = size * nmemb;

	if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* a new response (after a redirect or 100) */
		k->auth[0] = k->ctype[0] = '\0';
		buf_reset(&k->errbody);
	} else if (n > 17 && strncasecmp(p, "www-authenticate:", 17) == 0)
		image_copy_header(k->auth, sizeof(k->auth), p + 17, n - 17);
	else if (n > 13 && strncasecmp(p, "content-type:", 13) == 0)
		image_copy_header(k->ctype, sizeof(k->ctype), p + 13, n - 13);
	return n;
}

/* The value of param in a challenge ("Bearer realm=\"x\",service=\"y\""). */
static int
image_challenge_param(const char *ch, const char *param, char *out, size_t n)
{
	size_t pl = strlen(param), i = 0;
	const char *p = ch;

	while ((p = strcasestr(p, param)) != NULL) {
		if ((p == ch || p[-1] == ' ' || p[-1] == ',') && p[pl] == '=')
			break;
		p += pl;
	}
	if (p == NULL)
		return -1;
	p += pl + 1;
	if (*p == '"') {
		for (p++; *p && *p != '"' && i + 1 < n; p++)
			out[i++] = *p;
	} else {
		for (; *p && *p != ',' && *p != ' ' && i + 1 < n; p++)
			out[i++] = *p;
	}
	out[i] = '\0';
	return 0;
}

/* One GET; *code gets the final HTTP status.  use_auth: send the token or
 * basic credentials obtained so far. */
static int
image_client_get(struct image_client *c, const char *url, const char *accept,
    struct image_sink *k, long timeout, int use_auth, long *code,
    struct err *err)
{
	struct curl_slist *h = NULL;
	struct buf hb = BUF_INIT(16384);
	CURLcode rc;
	int ret = -1;

	curl_easy_reset(c->curl);
	k->curl = c->curl;
	c->errbuf[0] = '\0';
	if (accept != NULL) {
		buf_addf(&hb, "Accept: %s", accept);
		h = curl_slist_append(h, buf_str(&hb));
	}
	if (use_auth && c->token != NULL) {
		buf_reset(&hb);
		if (buf_addf(&hb, "Authorization: Bearer %s", c->token) < 0) {
			err_set(err, ERR_INTERNAL, "bearer token too long");
			goto out;
		}
		h = curl_slist_append(h, buf_str(&hb));
	} else if (use_auth && c->basic && c->username) {
		curl_easy_setopt(c->curl, CURLOPT_USERNAME, c->username);
		curl_easy_setopt(c->curl, CURLOPT_PASSWORD,
		    c->password ? c->password : "");
		curl_easy_setopt(c->curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
	}
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c->curl, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT, IMAGE_CONNECT_TIMEOUT);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c->curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(c->curl, CURLOPT_LOW_SPEED_TIME, IMAGE_STALL_TIME);
	curl_easy_setopt(c->curl, CURLOPT_USERAGENT, "kubec-agent");
	curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, image_sink_write);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, k);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, image_sink_header);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, k);
	if (c->ca_file)
		curl_easy_setopt(c->curl, CURLOPT_CAINFO, c->ca_file);
	rc = curl_easy_perform(c->curl);
	if (rc != CURLE_OK) {
		if (k->failed == EFBIG)
			err_set(err, ERR_TOO_LARGE, "GET %s: response too large",
			    url);
		else if (k->failed)
			err_set(err, ERR_INTERNAL, "GET %s: writing: %s", url,
			    strerror(k->failed));
		else
			err_set(err, rc == CURLE_OPERATION_TIMEDOUT ?
			    ERR_TIMEOUT : ERR_SERVICE_UNAVAILABLE, "GET %s: %s",
			    url, c->errbuf[0] ? c->errbuf :
			    curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, code);
	ret = 0;
out:
	curl_slist_free_all(h);
	buf_release(&hb);
	return ret;
}

/* The registry's error for a non-2xx answer, as the message of err. */
static int
image_client_fail(struct image_client *c, const char *url, long code,
    struct image_sink *k, struct err *err)
{
	enum err_reason r;
	json_t *j, *e0;
	const char *ecode = NULL, *emsg = NULL;
	int ret;

	switch (code) {
	case 401: r = ERR_UNAUTHORIZED; break;
	case 403: r = ERR_FORBIDDEN; break;
	case 404: r = ERR_NOT_FOUND; break;
	case 429: r = ERR_TOO_MANY_REQUESTS; break;
	default: r = code >= 500 ? ERR_SERVICE_UNAVAILABLE : ERR_INTERNAL;
	}
	j = json_loadb(buf_str(&k->errbody), k->errbody.len, 0, NULL);
	e0 = json_array_get(json_object_get(j, "errors"), 0);
	ecode = json_string_value(json_object_get(e0, "code"));
	emsg = json_string_value(json_object_get(e0, "message"));
	if (ecode != NULL)
		ret = err_set(err, r, "GET %s: registry answered %ld: %s (%s)",
		    url, code, emsg ? emsg : "", ecode);
	else
		ret = err_set(err, r, "GET %s: registry answered %ld", url,
		    code);
	json_decref(j);
	(void)c;
	return ret;
}

/* Answers a 401's challenge: a bearer token from the realm, or basic
 * credentials.  -1 when the challenge cannot be met. */
static int
image_client_authorize(struct image_client *c, const char *challenge,
    struct err *err)
{
	char realm[512], service[256], scope[512];
	struct image_sink k = { .fd = -1, .max = 1 << 20,
	    .errbody = BUF_INIT(16384) };
	struct buf body = BUF_INIT(1 << 20), url = BUF_INIT(4096);
	char *es = NULL, *esc = NULL;
	json_t *j = NULL;
	const char *tok;
	long code = 0;
	int ret = -1;

	if (strncasecmp(challenge, "Basic", 5) == 0) {
		if (c->username == NULL || c->basic)
			return err_set(err, ERR_UNAUTHORIZED,
			    "%s: the registry wants credentials (basic auth)",
			    c->ref.domain);
		c->basic = 1;
		return 0;
	}
	if (strncasecmp(challenge, "Bearer", 6) != 0 ||
	    image_challenge_param(challenge, "realm", realm,
	    sizeof(realm)) < 0)
		return err_set(err, ERR_UNAUTHORIZED,
		    "%s: unsupported authentication challenge \"%s\"",
		    c->ref.domain, challenge);
	if (image_challenge_param(challenge, "service", service,
	    sizeof(service)) < 0)
		service[0] = '\0';
	if (image_challenge_param(challenge, "scope", scope,
	    sizeof(scope)) < 0)
		snprintf(scope, sizeof(scope), "repository:%s:pull",
		    c->ref.repo);
	es = curl_easy_escape(c->curl, service, 0);
	esc = curl_easy_escape(c->curl, scope, 0);
	if (es == NULL || esc == NULL ||
	    buf_addf(&url, "%s%s", realm, strchr(realm, '?') ? "&" : "?") < 0 ||
	    (service[0] && buf_addf(&url, "service=%s&", es) < 0) ||
	    buf_addf(&url, "scope=%s", esc) < 0) {
		err_set(err, ERR_INTERNAL, "token request too long");
		goto out;
	}
	k.body = &body;
	c->basic = c->username != NULL;	/* the realm gets the credentials */
	free(c->token);
	c->token = NULL;
	if (image_client_get(c, buf_str(&url), "application/json", &k,
	    IMAGE_SHORT_TIMEOUT, 1, &code, err) < 0)
		goto out;
	if (code != 200) {
		image_client_fail(c, buf_str(&url), code, &k, err);
		err_wrap(err, "getting a token");
		goto out;
	}
	j = json_loadb(buf_str(&body), body.len, 0, NULL);
	tok = json_string_value(json_object_get(j, "token"));
	if (tok == NULL || *tok == '\0')
		tok = json_string_value(json_object_get(j, "access_token"));
	if (tok == NULL || *tok == '\0') {
		err_set(err, ERR_UNAUTHORIZED, "GET %s: no token in the answer",
		    buf_str(&url));
		goto out;
	}
	c->token = strdup(tok);
	c->basic = 0;
	ret = c->token ? 0 : err_set(err, ERR_INTERNAL, "out of memory");
out:
	json_decref(j);
	curl_free(es);
	curl_free(esc);
	buf_release(&body);
	buf_release(&url);
	buf_release(&k.errbody);
	return ret;
}

/* GET with the auth dance: on a 401, meet the challenge once and retry.
 * reset() is called before the retry to empty the sink. */
static int
image_client_fetch(struct image_client *c, const char *url,
    const char *accept, struct image_sink *k, long timeout,
    int (*reset)(struct image_sink *), struct err *err)
{
	long code = 0;
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if (image_client_get(c, url, accept, k, timeout, 1, &code,
		    err) < 0)
			return -1;
		if (code != 401 || tries > 0 || k->auth[0] == '\0')
			break;
		if (image_client_authorize(c, k->auth, err) < 0)
			return -1;
		if (reset(k) < 0)
			return err_set(err, ERR_INTERNAL, "resetting: %s",
			    strerror(errno));
	}
	if (code < 200 || code >= 300)
		return image_client_fail(c, url, code, k, err);
	return 0;
}

static int
image_sink_reset_mem(struct image_sink *k)
{
	buf_reset(k->body);
	buf_reset(&k->errbody);
	k->n = 0;
	return 0;
}

int
image_client_manifest(struct image_client *c, const char *reference,
    struct buf *body, char *mediatype, char *digest, struct err *err)
{
	struct image_sink k = { .fd = -1, .body = body, .max = -1,
	    .errbody = BUF_INIT(65536) };
	struct buf url = BUF_INIT(2048);
	json_t *j = NULL;
	const char *mt;
	char *semi;
	int ret = -1;

	if (buf_addf(&url, "%s/manifests/%s", c->base, reference) < 0) {
		err_set(err, ERR_BAD_REQUEST, "reference too long");
		goto out;
	}
	if (image_client_fetch(c, buf_str(&url), IMAGE_ACCEPT, &k,
	    IMAGE_SHORT_TIMEOUT, image_sink_reset_mem, err) < 0)
		goto out;
	image_digest_bytes(body->data ? body->data : "", body->len, digest);
	if (strncmp(reference, "sha256:", 7) == 0 &&
	    strcmp(reference, digest) != 0) {
		err_set(err, ERR_BAD_REQUEST, "GET %s: the manifest's digest is "
		    "%s, not %s", buf_str(&url), digest, reference);
		goto out;
	}
	j = json_loadb(buf_str(body), body->len, 0, NULL);
	if (!json_is_object(j)) {
		err_set(err, ERR_BAD_REQUEST, "GET %s: the manifest is not "
		    "a JSON object", buf_str(&url));
		goto out;
	}
	mt = json_string_value(json_object_get(j, "mediaType"));
	if (mt == NULL || *mt == '\0')
		mt = k.ctype;
	snprintf(mediatype, 128, "%s", mt);
	if ((semi = strchr(mediatype, ';')) != NULL)
		*semi = '\0';
	ret = 0;
out:
	json_decref(j);
	buf_release(&url);
	buf_release(&k.errbody);
	return ret;
}

static int
image_sink_reset_file(struct image_sink *k)
{
	buf_reset(&k->errbody);
	k->n = 0;
	gnutls_hash_deinit(k->hash, NULL);
	if (gnutls_hash_init(&k->hash, GNUTLS_DIG_SHA256) < 0)
		return -1;
	if (ftruncate(k->fd, 0) < 0 || lseek(k->fd, 0, SEEK_SET) < 0)
		return -1;
	return 0;
}

int
image_client_blob(struct image_client *c, const char *digest, long long size,
    const char *path, struct err *err)
{
	struct image_sink k = { .fd = -1, .max = size,
	    .errbody = BUF_INIT(65536) };
	struct buf url = BUF_INIT(2048);
	unsigned char md[32];
	char got[80];
	int i, ret = -1, hashed = 0;

	if (!image_digest_valid(digest))
		return err_set(err, ERR_BAD_REQUEST,
		    "unsupported blob digest \"%s\"", digest);
	if (buf_addf(&url, "%s/blobs/%s", c->base, digest) < 0) {
		err_set(err, ERR_BAD_REQUEST, "URL too long");
		goto out;
	}
	k.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (k.fd < 0) {
		err_set(err, ERR_INTERNAL, "open %s: %s", path, strerror(errno));
		goto out;
	}
	if (gnutls_hash_init(&k.hash, GNUTLS_DIG_SHA256) < 0) {
		err_set(err, ERR_INTERNAL, "sha256 unavailable");
		goto out;
	}
	hashed = 1;
	if (image_client_fetch(c, buf_str(&url), NULL, &k, IMAGE_BLOB_TIMEOUT,
	    image_sink_reset_file, err) < 0)
		goto out;
	gnutls_hash_deinit(k.hash, md);
	hashed = 0;
	memcpy(got, "sha256:", 7);
	for (i = 0; i < 32; i++)
		sprintf(got + 7 + 2 * i, "%02x", md[i]);
	if (strcmp(got, digest) != 0) {
		err_set(err, ERR_BAD_REQUEST, "GET %s: digest mismatch: the "
		    "blob's sha256 is %s", buf_str(&url), got);
		goto out;
	}
	if (size >= 0 && k.n != size) {
		err_set(err, ERR_BAD_REQUEST, "GET %s: size %lld, not %lld",
		    buf_str(&url), k.n, size);
		goto out;
	}
	if (fsync(k.fd) < 0) {
		err_set(err, ERR_INTERNAL, "fsync %s: %s", path,
		    strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (hashed)
		gnutls_hash_deinit(k.hash, NULL);
	if (k.fd >= 0)
		close(k.fd);
	if (ret < 0)
		unlink(path);
	buf_release(&url);
	buf_release(&k.errbody);
	return ret;
}
