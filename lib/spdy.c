/* spdy.c - SPDY/3.1 frames and zlib header blocks; see spdy.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "spdy.h"

#define SPDY_VERSION		3
#define SPDY_BLOCK_MAX		((size_t)1 << 20)	/* inflated headers */

/* The header dictionary of the SPDY/3 specification (2.6.10.1): these
 * words, each after its length as 4 bytes big-endian, then the tail. */
static const char *const spdy_dict_words[] = {
	"options", "head", "post", "put", "delete", "trace", "accept",
	"accept-charset", "accept-encoding", "accept-language",
	"accept-ranges", "age", "allow", "authorization", "cache-control",
	"connection", "content-base", "content-encoding", "content-language",
	"content-length", "content-location", "content-md5", "content-range",
	"content-type", "date", "etag", "expect", "expires", "from", "host",
	"if-match", "if-modified-since", "if-none-match", "if-range",
	"if-unmodified-since", "last-modified", "location", "max-forwards",
	"pragma", "proxy-authenticate", "proxy-authorization", "range",
	"referer", "retry-after", "server", "te", "trailer",
	"transfer-encoding", "upgrade", "user-agent", "vary", "via",
	"warning", "www-authenticate", "method", "get", "status", "200 OK",
	"version", "HTTP/1.1", "url", "public", "set-cookie", "keep-alive",
	"origin",
	NULL
};
static const char spdy_dict_tail[] =
    "1001012012022052063003023033043053063074024054064074084094104114"
    "12413414415416417502504505203 Non-Authoritative Information204 N"
    "o Content301 Moved Permanently400 Bad Request401 Unauthorized403"
    " Forbidden404 Not Found500 Internal Server Error501 Not Implemen"
    "ted503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept O"
    "ct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunke"
    "d,text/html,image/png,image/jpg,image/gif,application/xml,applic"
    "ation/xhtml+xml,text/plain,text/javascript,publicprivatemax-age="
    "gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

static unsigned char spdy_dict[1536];
static size_t spdy_dict_len;
static pthread_once_t spdy_dict_once = PTHREAD_ONCE_INIT;

static void
spdy_dict_build(void)
{
	size_t n = 0, l;

	for (int i = 0; spdy_dict_words[i] != NULL; i++) {
		l = strlen(spdy_dict_words[i]);
		spdy_dict[n++] = 0;
		spdy_dict[n++] = 0;
		spdy_dict[n++] = 0;
		spdy_dict[n++] = (unsigned char)l;
		memcpy(spdy_dict + n, spdy_dict_words[i], l);
		n += l;
	}
	l = sizeof spdy_dict_tail - 1;
	memcpy(spdy_dict + n, spdy_dict_tail, l);
	spdy_dict_len = n + l;
}

static uint32_t
spdy_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
spdy_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

ssize_t
spdy_parse(const unsigned char *data, size_t len, size_t max,
    struct spdy_frame *f, struct err *err)
{
	size_t plen;
	const unsigned char *p;

	if (len < 8)
		return 0;
	memset(f, 0, sizeof *f);
	f->flags = data[4];
	plen = (size_t)data[5] << 16 | (size_t)data[6] << 8 | data[7];
	if (plen > max)
		return err_set(err, ERR_TOO_LARGE, "spdy: a frame of %zu bytes",
		    plen);
	if (len - 8 < plen)
		return 0;
	p = data + 8;
	if (!(data[0] & 0x80)) {
		f->type = SPDY_DATA;
		f->stream = spdy_u32(data) & 0x7fffffff;
		f->data = p;
		f->len = plen;
		return (ssize_t)(8 + plen);
	}
	if (((data[0] & 0x7f) << 8 | data[1]) != SPDY_VERSION)
		return err_set(err, ERR_BAD_REQUEST, "spdy: version %d",
		    (data[0] & 0x7f) << 8 | data[1]);
	f->type = data[2] << 8 | data[3];
	switch (f->type) {
	case SPDY_SYN_STREAM:	/* stream, associated, priority, slot */
		if (plen < 10)
			goto short_frame;
		f->stream = spdy_u32(p) & 0x7fffffff;
		f->data = p + 10;
		f->len = plen - 10;
		break;
	case SPDY_SYN_REPLY:
	case SPDY_HEADERS:
		if (plen < 4)
			goto short_frame;
		f->stream = spdy_u32(p) & 0x7fffffff;
		f->data = p + 4;
		f->len = plen - 4;
		break;
	case SPDY_RST_STREAM:
	case SPDY_GOAWAY:
	case SPDY_WINDOW_UPDATE:
		if (plen < 8)
			goto short_frame;
		f->stream = spdy_u32(p) & 0x7fffffff;
		f->value = spdy_u32(p + 4);
		break;
	case SPDY_PING:
		if (plen < 4)
			goto short_frame;
		f->value = spdy_u32(p);
		break;
	default:		/* SETTINGS and the rest: the caller skips */
		f->data = p;
		f->len = plen;
	}
	return (ssize_t)(8 + plen);
short_frame:
	return err_set(err, ERR_BAD_REQUEST, "spdy: control frame %d too short",
	    f->type);
}

int
spdy_zlib_init(struct spdy_zlib *z, int deflate, struct err *err)
{
	z_stream *s = calloc(1, sizeof *s);
	int rc;

	pthread_once(&spdy_dict_once, spdy_dict_build);
	z->z = s;
	z->deflate = deflate;
	if (s == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if (deflate) {
		rc = deflateInit(s, Z_BEST_COMPRESSION);
		if (rc == Z_OK)
			rc = deflateSetDictionary(s, spdy_dict,
			    (uInt)spdy_dict_len);
	} else {
		rc = inflateInit(s);
	}
	if (rc != Z_OK) {
		free(s);
		z->z = NULL;
		return err_set(err, ERR_INTERNAL, "spdy: zlib: %d", rc);
	}
	return 0;
}

void
spdy_zlib_end(struct spdy_zlib *z)
{
	if (z->z == NULL)
		return;
	if (z->deflate)
		deflateEnd(z->z);
	else
		inflateEnd(z->z);
	free(z->z);
	z->z = NULL;
}

/* Inflates a header block (the stream goes on across blocks). */
static int
spdy_inflate(struct spdy_zlib *z, const unsigned char *in, size_t len,
    struct buf *out, struct err *err)
{
	z_stream *s = z->z;
	unsigned char chunk[8192];
	int rc;

	s->next_in = (Bytef *)(uintptr_t)in;
	s->avail_in = (uInt)len;
	do {
		s->next_out = chunk;
		s->avail_out = sizeof chunk;
		rc = inflate(s, Z_SYNC_FLUSH);
		if (rc == Z_NEED_DICT)
			rc = inflateSetDictionary(s, spdy_dict,
			    (uInt)spdy_dict_len);
		if (rc != Z_OK && rc != Z_BUF_ERROR)
			return err_set(err, ERR_BAD_REQUEST, "spdy: bad header "
			    "block (zlib %d)", rc);
		if (buf_add(out, chunk, sizeof chunk - s->avail_out) < 0)
			return err_set(err, ERR_TOO_LARGE, "spdy: header block "
			    "too large");
	} while (s->avail_in > 0 || s->avail_out == 0);
	return 0;
}

int
spdy_headers_decode(struct spdy_zlib *z, const unsigned char *blk,
    size_t len, struct spdy_headers *h, struct err *err)
{
	struct buf b = BUF_INIT(SPDY_BLOCK_MAX);
	const unsigned char *p, *end;
	uint32_t n, l;
	int ret = -1;

	memset(h, 0, sizeof *h);
	if (spdy_inflate(z, blk, len, &b, err) < 0)
		goto out;
	p = (const unsigned char *)b.data;
	end = p + b.len;
	if (end - p < 4)
		goto bad;
	n = spdy_u32(p);
	p += 4;
	for (uint32_t i = 0; i < n; i++) {
		const unsigned char *name, *value;
		uint32_t nl;

		if (end - p < 4 || (nl = spdy_u32(p)) > (size_t)(end - p - 4))
			goto bad;
		name = p + 4;
		p += 4 + nl;
		if (end - p < 4 || (l = spdy_u32(p)) > (size_t)(end - p - 4))
			goto bad;
		value = p + 4;
		p += 4 + l;
		if (h->n < SPDY_MAX_HEADERS && nl < sizeof h->name[0] &&
		    l < sizeof h->value[0]) {
			memcpy(h->name[h->n], name, nl);
			h->name[h->n][nl] = '\0';
			memcpy(h->value[h->n], value, l);
			h->value[h->n][l] = '\0';
			h->n++;
		}
	}
	ret = 0;
	goto out;
bad:
	err_set(err, ERR_BAD_REQUEST, "spdy: malformed header block");
out:
	buf_release(&b);
	return ret;
}

const char *
spdy_header(const struct spdy_headers *h, const char *name)
{
	for (int i = 0; i < h->n; i++)
		if (strcasecmp(h->name[i], name) == 0)
			return h->value[i];
	return NULL;
}

int
spdy_header_add(struct spdy_headers *h, const char *name, const char *value)
{
	size_t i;

	if (h->n >= SPDY_MAX_HEADERS || strlen(name) >= sizeof h->name[0] ||
	    strlen(value) >= sizeof h->value[0])
		return -1;
	for (i = 0; name[i] != '\0'; i++)
		h->name[h->n][i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ?
		    name[i] - 'A' + 'a' : name[i]);
	h->name[h->n][i] = '\0';
	snprintf(h->value[h->n], sizeof h->value[0], "%s", value);
	h->n++;
	return 0;
}

/* Appends the deflated block of h (flushed, so it stands alone). */
static int
spdy_block(struct spdy_zlib *z, struct buf *out, const struct spdy_headers *h)
{
	struct buf raw = BUF_INIT(SPDY_BLOCK_MAX);
	unsigned char n4[4], chunk[8192];
	z_stream *s = z->z;
	int ret = -1, rc;

	spdy_put32(n4, h != NULL ? (uint32_t)h->n : 0);
	buf_add(&raw, n4, 4);
	for (int i = 0; h != NULL && i < h->n; i++) {
		spdy_put32(n4, (uint32_t)strlen(h->name[i]));
		buf_add(&raw, n4, 4);
		buf_adds(&raw, h->name[i]);
		spdy_put32(n4, (uint32_t)strlen(h->value[i]));
		buf_add(&raw, n4, 4);
		buf_adds(&raw, h->value[i]);
	}
	s->next_in = (Bytef *)raw.data;
	s->avail_in = (uInt)raw.len;
	do {
		s->next_out = chunk;
		s->avail_out = sizeof chunk;
		rc = deflate(s, Z_SYNC_FLUSH);
		if ((rc != Z_OK && rc != Z_BUF_ERROR) ||
		    buf_add(out, chunk, sizeof chunk - s->avail_out) < 0)
			goto out;
	} while (s->avail_out == 0);
	ret = 0;
out:
	buf_release(&raw);
	return ret;
}

/* A control frame: header, the fixed fields, then (z) a header block. */
static int
spdy_control(struct buf *out, int type, int flags, const unsigned char *fixed,
    size_t nfixed, struct spdy_zlib *z, const struct spdy_headers *h)
{
	unsigned char hd[8];
	size_t start = out->len, len;

	hd[0] = 0x80;
	hd[1] = SPDY_VERSION;
	hd[2] = (unsigned char)(type >> 8);
	hd[3] = (unsigned char)type;
	hd[4] = (unsigned char)flags;
	if (buf_add(out, hd, 8) < 0 || buf_add(out, fixed, nfixed) < 0 ||
	    (z != NULL && spdy_block(z, out, h) < 0)) {
		buf_truncate(out, start);
		return -1;
	}
	len = out->len - start - 8;
	out->data[start + 5] = (char)(len >> 16);
	out->data[start + 6] = (char)(len >> 8);
	out->data[start + 7] = (char)len;
	return 0;
}

int
spdy_syn_stream(struct spdy_zlib *z, struct buf *out, uint32_t stream,
    const struct spdy_headers *h, int flags)
{
	unsigned char f[10] = { 0 };

	spdy_put32(f, stream & 0x7fffffff);
	return spdy_control(out, SPDY_SYN_STREAM, flags, f, sizeof f, z, h);
}

int
spdy_syn_reply(struct spdy_zlib *z, struct buf *out, uint32_t stream,
    const struct spdy_headers *h, int flags)
{
	unsigned char f[4];

	spdy_put32(f, stream & 0x7fffffff);
	return spdy_control(out, SPDY_SYN_REPLY, flags, f, sizeof f, z, h);
}

int
spdy_data(struct buf *out, uint32_t stream, const void *p, size_t n,
    int flags)
{
	unsigned char hd[8];
	size_t start = out->len;

	if (n >= SPDY_MAX_FRAME)
		return -1;
	spdy_put32(hd, stream & 0x7fffffff);
	hd[4] = (unsigned char)flags;
	hd[5] = (unsigned char)(n >> 16);
	hd[6] = (unsigned char)(n >> 8);
	hd[7] = (unsigned char)n;
	if (buf_add(out, hd, 8) < 0 || (n > 0 && buf_add(out, p, n) < 0)) {
		buf_truncate(out, start);
		return -1;
	}
	return 0;
}

int
spdy_rst_stream(struct buf *out, uint32_t stream, uint32_t status)
{
	unsigned char f[8];

	spdy_put32(f, stream & 0x7fffffff);
	spdy_put32(f + 4, status);
	return spdy_control(out, SPDY_RST_STREAM, 0, f, sizeof f, NULL, NULL);
}

int
spdy_ping(struct buf *out, uint32_t id)
{
	unsigned char f[4];

	spdy_put32(f, id);
	return spdy_control(out, SPDY_PING, 0, f, sizeof f, NULL, NULL);
}

int
spdy_goaway(struct buf *out, uint32_t last, uint32_t status)
{
	unsigned char f[8];

	spdy_put32(f, last & 0x7fffffff);
	spdy_put32(f + 4, status);
	return spdy_control(out, SPDY_GOAWAY, 0, f, sizeof f, NULL, NULL);
}
