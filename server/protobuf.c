/* protobuf.c - Kubernetes protobuf request bodies to JSON.
 *
 * A bounds-checked proto2 wire-format reader walks the typed message with
 * the schema table of protobuf-types*.c and builds the JSON object Go's
 * encoding/json would print for the same Go struct: omitempty scalars are
 * dropped when zero (gogo-protobuf encodes empty strings and zero ints of
 * non-pointer fields), pointers present are kept, absent non-pointer
 * structs become their empty form ({}, null times, "0" quantities), nil
 * slices and maps without omitempty become null.  Nesting and the number
 * of JSON values built are bounded; malformed input is ERR_BAD_REQUEST.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "../lib/base64.h"
#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/quantity.h"
#include "../lib/rfc3339.h"
#include "protobuf.h"

#define PB_MAX_DEPTH	64
#define PB_MAGIC	"k8s\0"

/* Wire types. */
#define PB_WT_VARINT	0
#define PB_WT_I64	1
#define PB_WT_LEN	2
#define PB_WT_I32	5

/* metav1.Time's range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z. */
#define PB_TIME_MIN	(-62135596800LL)
#define PB_TIME_MAX	253402300799LL

struct pb_reader {
	const uint8_t	*p;
	const uint8_t	*end;
};

struct pb_ctx {
	struct err	*err;
	size_t		 budget;	/* JSON values still allowed */
};

static json_t	*protobuf_message(struct pb_ctx *, const struct pb_msg *,
		    const uint8_t *, size_t, int);

static int
protobuf_bad(struct pb_ctx *ctx, const char *what)
{
	return err_set(ctx->err, ERR_BAD_REQUEST,
	    "unable to decode protobuf body: %s", what);
}

/* Counts one JSON value against the budget; -1 when exhausted. */
static int
protobuf_spend(struct pb_ctx *ctx)
{
	if (ctx->budget == 0)
		return protobuf_bad(ctx, "object too large");
	ctx->budget--;
	return 0;
}

static int
protobuf_varint(struct pb_reader *r, uint64_t *v)
{
	uint64_t	 x = 0;
	int		 shift;

	for (shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			return -1;
		x |= (uint64_t)(*r->p & 0x7f) << shift;
		if ((*r->p++ & 0x80) == 0) {
			*v = x;
			return 0;
		}
	}
	return -1;
}

static int
protobuf_fixed(struct pb_reader *r, size_t n, uint64_t *v)
{
	uint64_t	 x = 0;
	size_t		 i;

	if ((size_t)(r->end - r->p) < n)
		return -1;
	for (i = 0; i < n; i++)
		x |= (uint64_t)r->p[i] << (8 * i);
	r->p += n;
	*v = x;
	return 0;
}

static int
protobuf_bytes(struct pb_reader *r, const uint8_t **data, size_t *len)
{
	uint64_t	 n;

	if (protobuf_varint(r, &n) < 0 || n > (uint64_t)(r->end - r->p))
		return -1;
	*data = r->p;
	*len = (size_t)n;
	r->p += n;
	return 0;
}

/* Skips one value of wire type wt; groups (3, 4) are not accepted. */
static int
protobuf_skip(struct pb_reader *r, unsigned wt)
{
	const uint8_t	*d;
	uint64_t	 v;
	size_t		 n;

	switch (wt) {
	case PB_WT_VARINT:
		return protobuf_varint(r, &v);
	case PB_WT_I64:
		return protobuf_fixed(r, 8, &v);
	case PB_WT_LEN:
		return protobuf_bytes(r, &d, &n);
	case PB_WT_I32:
		return protobuf_fixed(r, 4, &v);
	}
	return -1;
}

/* Reads a tag; 0 at the end of the message, -1 when malformed. */
static int
protobuf_tag(struct pb_reader *r, uint32_t *num, unsigned *wt)
{
	uint64_t	 t;

	if (r->p >= r->end)
		return 0;
	if (protobuf_varint(r, &t) < 0 || (t >> 3) == 0 || (t >> 3) > 0x1fffffff)
		return -1;
	*num = (uint32_t)(t >> 3);
	*wt = (unsigned)(t & 7);
	return 1;
}

static int
protobuf_msg_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct pb_msg *)elem)->name);
}

static const struct pb_msg *
protobuf_lookup(const char *name)
{
	const struct pb_msg	*m;

	m = bsearch(name, pb_msgs_core, pb_msgs_core_len, sizeof *m,
	    protobuf_msg_cmp);
	if (m == NULL)
		m = bsearch(name, pb_msgs_apis, pb_msgs_apis_len, sizeof *m,
		    protobuf_msg_cmp);
	return m;
}

static const struct pb_field *
protobuf_find_field(const struct pb_msg *m, uint32_t num)
{
	size_t	 lo = 0, hi = m->nfields, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->fields[mid].num == num)
			return &m->fields[mid];
		if (m->fields[mid].num < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * A JSON string from bytes; invalid UTF-8 is replaced by U+FFFD as Go's
 * encoding/json does.
 */
static json_t *
protobuf_string(struct pb_ctx *ctx, const uint8_t *s, size_t len)
{
	struct buf	 b = BUF_INIT(BUF_CAP_DEFAULT);
	json_t		*j;
	size_t		 i, n, k;
	uint32_t	 c;

	if (protobuf_spend(ctx) < 0)
		return NULL;
	if ((j = json_stringn((const char *)s, len)) != NULL)
		return j;
	for (i = 0; i < len; i += n) {
		n = 1;
		c = s[i];
		if (c >= 0xc2 && c <= 0xf4) {
			n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
			if (i + n > len)
				n = 0;
			for (k = 1; n != 0 && k < n; k++)
				if ((s[i + k] & 0xc0) != 0x80)
					n = 0;
			if (n != 0) {
				c &= 0x3f >> (n - 1);
				for (k = 1; k < n; k++)
					c = (c << 6) | (s[i + k] & 0x3f);
				if ((n == 3 && (c < 0x800 ||
				    (c >= 0xd800 && c <= 0xdfff))) ||
				    (n == 4 && (c < 0x10000 || c > 0x10ffff)))
					n = 0;
			}
			if (n != 0) {
				if (buf_add(&b, s + i, n) < 0)
					goto fail;
				continue;
			}
			n = 1;
		} else if (c < 0x80) {
			if (buf_addc(&b, (char)c) < 0)
				goto fail;
			continue;
		}
		if (buf_adds(&b, "\xef\xbf\xbd") < 0)
			goto fail;
	}
	j = json_stringn(buf_str(&b), b.len);
	buf_release(&b);
	if (j == NULL)
		protobuf_bad(ctx, "string conversion failed");
	return j;
fail:
	buf_release(&b);
	protobuf_bad(ctx, "string too large");
	return NULL;
}

static json_t *
protobuf_base64(struct pb_ctx *ctx, const uint8_t *d, size_t len)
{
	struct buf	 b = BUF_INIT(BUF_CAP_DEFAULT);
	json_t		*j = NULL;

	if (protobuf_spend(ctx) < 0)
		return NULL;
	if (base64_encode(d, len, 0, &b) < 0)
		protobuf_bad(ctx, "bytes too large");
	else if ((j = json_stringn(buf_str(&b), b.len)) == NULL)
		protobuf_bad(ctx, "out of memory");
	buf_release(&b);
	return j;
}

/* Go's time.Duration.String(). */
static void
protobuf_duration_format(int64_t d, char *out, size_t len)
{
	char		 b[40];
	size_t		 w = sizeof b;
	uint64_t	 u = d < 0 ? -(uint64_t)d : (uint64_t)d;
	int		 prec, i, print = 0;

	if (u == 0) {
		snprintf(out, len, "0s");
		return;
	}
	b[--w] = '\0';
	b[--w] = 's';
	if (u < 1000000000ULL) {
		if (u < 1000ULL) {
			prec = 0;
			b[--w] = 'n';
		} else if (u < 1000000ULL) {
			prec = 3;
			b[--w] = '\xb5';
			b[--w] = '\xc2';
		} else {
			prec = 6;
			b[--w] = 'm';
		}
	} else
		prec = 9;
	for (i = 0; i < prec; i++) {
		if (u % 10 != 0)
			print = 1;
		if (print)
			b[--w] = (char)('0' + u % 10);
		u /= 10;
	}
	if (print)
		b[--w] = '.';
	if (prec == 9) {
		/* u is now whole seconds. */
		uint64_t	 s = u % 60, m;

		do {
			b[--w] = (char)('0' + s % 10);
			s /= 10;
		} while (s != 0);
		u /= 60;
		if (u > 0) {
			b[--w] = 'm';
			m = u % 60;
			do {
				b[--w] = (char)('0' + m % 10);
				m /= 10;
			} while (m != 0);
			u /= 60;
			if (u > 0) {
				b[--w] = 'h';
				do {
					b[--w] = (char)('0' + u % 10);
					u /= 10;
				} while (u != 0);
			}
		}
	} else {
		do {
			b[--w] = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
	}
	if (d < 0)
		b[--w] = '-';
	snprintf(out, len, "%s", b + w);
}

/* metav1.Time and MicroTime: Timestamp {seconds = 1, nanos = 2}. */
static json_t *
protobuf_time(struct pb_ctx *ctx, const uint8_t *d, size_t len, int micro)
{
	struct pb_reader r = { d, d + len };
	struct timespec	 ts;
	uint64_t	 v;
	int64_t		 sec = 0;
	int32_t		 nsec = 0;
	uint32_t	 num;
	unsigned	 wt;
	char		 out[64];
	int		 rc;

	if (protobuf_spend(ctx) < 0)
		return NULL;
	if (len == 0)
		return json_null();
	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if ((num == 1 || num == 2) && wt == PB_WT_VARINT) {
			if (protobuf_varint(&r, &v) < 0)
				goto bad;
			if (num == 1)
				sec = (int64_t)v;
			else
				nsec = (int32_t)v;
		} else if (protobuf_skip(&r, wt) < 0)
			goto bad;
	}
	if (rc < 0)
		goto bad;
	if (!micro)
		nsec = 0;
	nsec -= nsec % 1000;
	if (nsec < 0 || nsec > 999999999 || sec < PB_TIME_MIN ||
	    sec > PB_TIME_MAX) {
		protobuf_bad(ctx, "time out of range");
		return NULL;
	}
	if (micro) {
		ts.tv_sec = (time_t)sec;
		ts.tv_nsec = nsec;
		rfc3339_format_micro(&ts, out, sizeof out);
	} else
		rfc3339_format((time_t)sec, out, sizeof out);
	return json_string(out);
bad:
	protobuf_bad(ctx, "malformed time");
	return NULL;
}

static json_t *
protobuf_duration(struct pb_ctx *ctx, const uint8_t *d, size_t len)
{
	struct pb_reader r = { d, d + len };
	uint64_t	 v = 0;
	uint32_t	 num;
	unsigned	 wt;
	char		 out[64];
	int		 rc;

	if (protobuf_spend(ctx) < 0)
		return NULL;
	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if (num == 1 && wt == PB_WT_VARINT) {
			if (protobuf_varint(&r, &v) < 0)
				break;
		} else if (protobuf_skip(&r, wt) < 0)
			break;
	}
	if (r.p != r.end || rc < 0) {
		protobuf_bad(ctx, "malformed duration");
		return NULL;
	}
	protobuf_duration_format((int64_t)v, out, sizeof out);
	return json_string(out);
}

/* resource.Quantity {string = 1}: parsed and printed canonically. */
static json_t *
protobuf_quantity(struct pb_ctx *ctx, const uint8_t *d, size_t len)
{
	struct pb_reader r = { d, d + len };
	struct quantity	 q;
	struct err	 qerr;
	const uint8_t	*s = NULL;
	size_t		 slen = 0;
	uint32_t	 num;
	unsigned	 wt;
	char		 str[128], out[128];
	int		 rc;

	if (protobuf_spend(ctx) < 0)
		return NULL;
	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if (num == 1 && wt == PB_WT_LEN) {
			if (protobuf_bytes(&r, &s, &slen) < 0)
				break;
		} else if (protobuf_skip(&r, wt) < 0)
			break;
	}
	if (r.p != r.end || rc < 0) {
		protobuf_bad(ctx, "malformed quantity");
		return NULL;
	}
	if (s == NULL)
		return json_string("0");
	if (slen >= sizeof str || memchr(s, '\0', slen) != NULL) {
		protobuf_bad(ctx, "invalid quantity");
		return NULL;
	}
	memcpy(str, s, slen);
	str[slen] = '\0';
	if (quantity_parse(str, &q, &qerr) < 0 ||
	    quantity_format(&q, out, sizeof out) < 0) {
		err_set(ctx->err, ERR_BAD_REQUEST, "unable to decode protobuf "
		    "body: quantity \"%s\": %s", str, qerr.msg);
		return NULL;
	}
	return json_string(out);
}

/* intstr.IntOrString {type = 1, intVal = 2, strVal = 3}. */
static json_t *
protobuf_intorstr(struct pb_ctx *ctx, const uint8_t *d, size_t len)
{
	struct pb_reader r = { d, d + len };
	const uint8_t	*s = NULL;
	uint64_t	 v, type = 0, ival = 0;
	size_t		 slen = 0;
	uint32_t	 num;
	unsigned	 wt;
	int		 rc;

	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if ((num == 1 || num == 2) && wt == PB_WT_VARINT) {
			if (protobuf_varint(&r, &v) < 0)
				break;
			if (num == 1)
				type = v;
			else
				ival = v;
		} else if (num == 3 && wt == PB_WT_LEN) {
			if (protobuf_bytes(&r, &s, &slen) < 0)
				break;
		} else if (protobuf_skip(&r, wt) < 0)
			break;
	}
	if (r.p != r.end || rc < 0) {
		protobuf_bad(ctx, "malformed IntOrString");
		return NULL;
	}
	if (type == 0) {
		if (protobuf_spend(ctx) < 0)
			return NULL;
		return json_integer((int32_t)ival);
	}
	if (type == 1)
		return protobuf_string(ctx, s != NULL ? s : (const uint8_t *)"", slen);
	protobuf_bad(ctx, "impossible IntOrString.Type");
	return NULL;
}

/* runtime.RawExtension / metav1.FieldsV1 {raw = 1}: embedded JSON. */
static json_t *
protobuf_raw(struct pb_ctx *ctx, const uint8_t *d, size_t len)
{
	struct pb_reader r = { d, d + len };
	const uint8_t	*s = NULL;
	size_t		 slen = 0;
	uint32_t	 num;
	unsigned	 wt;
	json_error_t	 jerr;
	json_t		*j;
	int		 rc;

	if (protobuf_spend(ctx) < 0)
		return NULL;
	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if (num == 1 && wt == PB_WT_LEN) {
			if (protobuf_bytes(&r, &s, &slen) < 0)
				break;
		} else if (protobuf_skip(&r, wt) < 0)
			break;
	}
	if (r.p != r.end || rc < 0) {
		protobuf_bad(ctx, "malformed raw extension");
		return NULL;
	}
	if (s == NULL || slen == 0)
		return json_null();
	if (slen > ctx->budget) {
		protobuf_bad(ctx, "object too large");
		return NULL;
	}
	ctx->budget -= slen;
	j = json_loadb((const char *)s, slen, JSON_DECODE_ANY, &jerr);
	if (j == NULL)
		err_set(ctx->err, ERR_BAD_REQUEST, "unable to decode protobuf "
		    "body: embedded object is not JSON: %s", jerr.text);
	return j;
}

/* A Go []string wrapped as {repeated string items = 1}. */
static json_t *
protobuf_strlist(struct pb_ctx *ctx, const uint8_t *d, size_t len)
{
	struct pb_reader r = { d, d + len };
	const uint8_t	*s;
	size_t		 slen;
	uint32_t	 num;
	unsigned	 wt;
	json_t		*a = NULL, *v;
	int		 rc;

	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if (num == 1 && wt == PB_WT_LEN) {
			if (protobuf_bytes(&r, &s, &slen) < 0)
				goto bad;
			if (a == NULL && (a = json_array()) == NULL)
				goto bad;
			if ((v = protobuf_string(ctx, s, slen)) == NULL)
				goto fail;
			json_array_append_new(a, v);
		} else if (protobuf_skip(&r, wt) < 0)
			goto bad;
	}
	if (rc < 0)
		goto bad;
	if (a == NULL) {
		if (protobuf_spend(ctx) < 0)
			return NULL;
		return json_null();
	}
	return a;
bad:
	protobuf_bad(ctx, "malformed string list");
fail:
	json_decref(a);
	return NULL;
}

static int
protobuf_is_numeric(int kind)
{
	return kind == PB_BOOL || kind == PB_INT32 || kind == PB_INT64 ||
	    kind == PB_UINT32 || kind == PB_UINT64 || kind == PB_DOUBLE ||
	    kind == PB_FLOAT;
}

/* The zero value of a numeric kind. */
static json_t *
protobuf_zero(struct pb_ctx *ctx, int kind)
{
	if (protobuf_spend(ctx) < 0)
		return NULL;
	if (kind == PB_BOOL)
		return json_false();
	if (kind == PB_DOUBLE || kind == PB_FLOAT)
		return json_real(0);
	return json_integer(0);
}

/* Decodes a numeric scalar of the field's kind from the reader. */
static json_t *
protobuf_number(struct pb_ctx *ctx, int kind, unsigned wt, struct pb_reader *r)
{
	uint64_t	 v;
	double		 dbl;
	float		 flt;
	uint32_t	 u32;

	if (kind == PB_DOUBLE || kind == PB_FLOAT) {
		if (wt != (kind == PB_DOUBLE ? PB_WT_I64 : PB_WT_I32) ||
		    protobuf_fixed(r, kind == PB_DOUBLE ? 8 : 4, &v) < 0)
			goto bad;
		if (protobuf_spend(ctx) < 0)
			return NULL;
		if (kind == PB_DOUBLE) {
			memcpy(&dbl, &v, sizeof dbl);
		} else {
			u32 = (uint32_t)v;
			memcpy(&flt, &u32, sizeof flt);
			dbl = flt;
		}
		if (dbl != dbl || dbl > 1.7976931348623157e308 ||
		    dbl < -1.7976931348623157e308) {
			protobuf_bad(ctx, "unsupported float value");
			return NULL;
		}
		return json_real(dbl);
	}
	if (wt != PB_WT_VARINT || protobuf_varint(r, &v) < 0)
		goto bad;
	if (protobuf_spend(ctx) < 0)
		return NULL;
	switch (kind) {
	case PB_BOOL:
		return json_boolean(v != 0);
	case PB_INT32:
		return json_integer((int32_t)v);
	case PB_UINT32:
		return json_integer((uint32_t)v);
	case PB_UINT64:
		if (v > INT64_MAX)
			return json_real((double)v);
		return json_integer((json_int_t)v);
	default:
		return json_integer((int64_t)v);
	}
bad:
	protobuf_bad(ctx, "wrong wire type or truncated number");
	return NULL;
}

/* Decodes one length-delimited value of a non-numeric kind. */
static json_t *
protobuf_value_len(struct pb_ctx *ctx, const struct pb_field *f,
    const uint8_t *d, size_t len, int depth)
{
	const struct pb_msg	*m;

	switch (f->kind) {
	case PB_STRING:
		return protobuf_string(ctx, d, len);
	case PB_BYTES:
		return protobuf_base64(ctx, d, len);
	case PB_TIME:
		return protobuf_time(ctx, d, len, 0);
	case PB_MICROTIME:
		return protobuf_time(ctx, d, len, 1);
	case PB_DURATION:
		return protobuf_duration(ctx, d, len);
	case PB_QUANTITY:
		return protobuf_quantity(ctx, d, len);
	case PB_INTORSTR:
		return protobuf_intorstr(ctx, d, len);
	case PB_RAW:
		return protobuf_raw(ctx, d, len);
	case PB_STRLIST:
		return protobuf_strlist(ctx, d, len);
	case PB_MSG:
		if (f->msg == NULL || (m = protobuf_lookup(f->msg)) == NULL) {
			err_set(ctx->err, ERR_INTERNAL, "protobuf schema: "
			    "unknown message %s", f->msg ? f->msg : "(null)");
			return NULL;
		}
		return protobuf_message(ctx, m, d, len, depth + 1);
	}
	err_set(ctx->err, ERR_INTERNAL, "protobuf schema: bad kind %d",
	    f->kind);
	return NULL;
}

/* One value of field f from the reader (wire type wt). */
static json_t *
protobuf_value(struct pb_ctx *ctx, const struct pb_field *f, unsigned wt,
    struct pb_reader *r, int depth)
{
	const uint8_t	*d;
	size_t		 len;

	if (protobuf_is_numeric(f->kind))
		return protobuf_number(ctx, f->kind, wt, r);
	if (wt != PB_WT_LEN || protobuf_bytes(r, &d, &len) < 0) {
		protobuf_bad(ctx, "wrong wire type or truncated field");
		return NULL;
	}
	return protobuf_value_len(ctx, f, d, len, depth);
}

/* A map entry {key = 1, value = 2} added to the object obj. */
static int
protobuf_map_entry(struct pb_ctx *ctx, const struct pb_field *f, json_t *obj,
    const uint8_t *d, size_t len, int depth)
{
	struct pb_reader r = { d, d + len };
	const uint8_t	*key = (const uint8_t *)"";
	size_t		 klen = 0;
	uint32_t	 num;
	unsigned	 wt;
	json_t		*k = NULL, *v = NULL;
	int		 rc;

	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if (num == 1) {
			if (wt != PB_WT_LEN || protobuf_bytes(&r, &key, &klen) < 0)
				goto bad;
		} else if (num == 2) {
			json_decref(v);
			if ((v = protobuf_value(ctx, f, wt, &r, depth)) == NULL)
				goto fail;
		} else if (protobuf_skip(&r, wt) < 0)
			goto bad;
	}
	if (rc < 0)
		goto bad;
	if (v == NULL) {
		/* The zero value of the map's value type. */
		if (protobuf_is_numeric(f->kind))
			v = protobuf_zero(ctx, f->kind);
		else if (f->kind == PB_BYTES)
			v = protobuf_base64(ctx, (const uint8_t *)"", 0);
		else
			v = protobuf_value_len(ctx, f, (const uint8_t *)"", 0,
			    depth);
		if (v == NULL)
			goto fail;
	}
	if ((k = protobuf_string(ctx, key, klen)) == NULL)
		goto fail;
	json_object_setn_new(obj, json_string_value(k),
	    json_string_length(k), v);
	json_decref(k);
	return 0;
bad:
	protobuf_bad(ctx, "malformed map entry");
fail:
	json_decref(v);
	return -1;
}

/* Whether v is the zero value Go's omitempty drops. */
static int
protobuf_is_empty(const struct pb_field *f, json_t *v)
{
	if (f->flags & (PBF_REPEATED | PBF_MAP)) {
		if (json_is_array(v))
			return json_array_size(v) == 0;
		if (json_is_object(v))
			return json_object_size(v) == 0;
		return json_is_null(v);
	}
	if (f->flags & PBF_POINTER)
		return 0;
	switch (f->kind) {
	case PB_STRING:
	case PB_BYTES:
		return json_is_string(v) && json_string_length(v) == 0;
	case PB_BOOL:
		return json_is_false(v);
	case PB_INT32:
	case PB_INT64:
	case PB_UINT32:
	case PB_UINT64:
		return json_is_integer(v) && json_integer_value(v) == 0;
	case PB_DOUBLE:
	case PB_FLOAT:
		return json_is_real(v) && json_real_value(v) == 0;
	case PB_STRLIST:
		return json_is_null(v) ||
		    (json_is_array(v) && json_array_size(v) == 0);
	}
	/* Structs (messages, times, quantities, ...) are never omitted. */
	return 0;
}

/* The JSON Go prints for field f when the message did not carry it. */
static int
protobuf_absent(struct pb_ctx *ctx, const struct pb_field *f, json_t *obj,
    int depth)
{
	json_t	*v;

	if ((f->flags & (PBF_REPEATED | PBF_MAP | PBF_POINTER)) ||
	    f->kind == PB_BYTES || f->kind == PB_STRLIST) {
		/* nil pointer, slice or map */
		if (f->flags & PBF_OMITEMPTY)
			return 0;
		if (protobuf_spend(ctx) < 0)
			return -1;
		v = json_null();
	} else if (protobuf_is_numeric(f->kind) || f->kind == PB_STRING) {
		if (f->flags & PBF_OMITEMPTY)
			return 0;
		if (f->kind == PB_STRING) {
			if (protobuf_spend(ctx) < 0)
				return -1;
			v = json_string("");
		} else if ((v = protobuf_zero(ctx, f->kind)) == NULL)
			return -1;
	} else if (f->kind == PB_INTORSTR) {
		if (protobuf_spend(ctx) < 0)
			return -1;
		v = json_integer(0);
	} else if ((v = protobuf_value_len(ctx, f, (const uint8_t *)"", 0,
	    depth)) == NULL)
		return -1;
	if (f->flags & PBF_INLINE) {
		if (json_is_object(v))
			json_object_update_missing(obj, v);
		json_decref(v);
		return 0;
	}
	json_object_set_new(obj, f->json, v);
	return 0;
}

/* Appends scalars of a packed repeated field to the array a. */
static int
protobuf_packed(struct pb_ctx *ctx, const struct pb_field *f, json_t *a,
    const uint8_t *d, size_t len)
{
	struct pb_reader r = { d, d + len };
	unsigned	 wt;
	json_t		*v;

	wt = f->kind == PB_DOUBLE ? PB_WT_I64 : f->kind == PB_FLOAT ?
	    PB_WT_I32 : PB_WT_VARINT;
	while (r.p < r.end) {
		if ((v = protobuf_number(ctx, f->kind, wt, &r)) == NULL)
			return -1;
		json_array_append_new(a, v);
	}
	return 0;
}

/* Decodes message m from d/len into a new JSON object. */
static json_t *
protobuf_message(struct pb_ctx *ctx, const struct pb_msg *m, const uint8_t *d,
    size_t len, int depth)
{
	struct pb_reader	 r = { d, d + len };
	const struct pb_field	*f;
	const uint8_t		*sub;
	size_t			 sublen, i;
	uint32_t		 num;
	unsigned		 wt;
	json_t			*obj, *v, *cur;
	int			 rc;

	if (depth > PB_MAX_DEPTH) {
		protobuf_bad(ctx, "nesting too deep");
		return NULL;
	}
	if (protobuf_spend(ctx) < 0)
		return NULL;
	if ((obj = json_object()) == NULL) {
		err_set(ctx->err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if ((f = protobuf_find_field(m, num)) == NULL) {
			if (protobuf_skip(&r, wt) < 0)
				goto bad;
			continue;
		}
		if (f->flags & PBF_MAP) {
			if (wt != PB_WT_LEN || protobuf_bytes(&r, &sub, &sublen) < 0)
				goto bad;
			if ((cur = json_object_get(obj, f->json)) == NULL) {
				if (protobuf_spend(ctx) < 0)
					goto fail;
				cur = json_object();
				json_object_set_new(obj, f->json, cur);
			}
			if (protobuf_map_entry(ctx, f, cur, sub, sublen, depth) < 0)
				goto fail;
			continue;
		}
		if (f->flags & PBF_REPEATED) {
			if ((cur = json_object_get(obj, f->json)) == NULL) {
				if (protobuf_spend(ctx) < 0)
					goto fail;
				cur = json_array();
				json_object_set_new(obj, f->json, cur);
			}
			if (protobuf_is_numeric(f->kind) && wt == PB_WT_LEN) {
				if (protobuf_bytes(&r, &sub, &sublen) < 0)
					goto bad;
				if (protobuf_packed(ctx, f, cur, sub, sublen) < 0)
					goto fail;
				continue;
			}
			if ((v = protobuf_value(ctx, f, wt, &r, depth)) == NULL)
				goto fail;
			json_array_append_new(cur, v);
			continue;
		}
		if ((v = protobuf_value(ctx, f, wt, &r, depth)) == NULL)
			goto fail;
		if (f->flags & PBF_INLINE) {
			if (json_is_object(v))
				json_object_update(obj, v);
			json_decref(v);
			continue;
		}
		json_object_set_new(obj, f->json, v);
	}
	if (rc < 0)
		goto bad;
	for (i = 0; i < m->nfields; i++) {
		f = &m->fields[i];
		if (f->flags & PBF_INLINE) {
			/*
			 * Inlined structs add their own defaults when seen;
			 * when not seen, their empty form is merged without
			 * replacing anything.
			 */
			if (protobuf_absent(ctx, f, obj, depth) < 0)
				goto fail;
			continue;
		}
		if ((v = json_object_get(obj, f->json)) == NULL) {
			if (protobuf_absent(ctx, f, obj, depth) < 0)
				goto fail;
		} else if ((f->flags & PBF_OMITEMPTY) && protobuf_is_empty(f, v))
			json_object_del(obj, f->json);
	}
	return obj;
bad:
	protobuf_bad(ctx, "malformed message");
fail:
	json_decref(obj);
	return NULL;
}

/* The proto package of an API group ("" is the core group). */
static const struct {
	const char	*group;
	const char	*pkg;
} pb_groups[] = {
	{ "", "core" },
	{ "apps", "apps" },
	{ "batch", "batch" },
	{ "autoscaling", "autoscaling" },
	{ "policy", "policy" },
	{ "rbac.authorization.k8s.io", "rbac" },
	{ "networking.k8s.io", "networking" },
	{ "scheduling.k8s.io", "scheduling" },
	{ "authorization.k8s.io", "authorization" },
	{ "authentication.k8s.io", "authentication" },
	{ "certificates.k8s.io", "certificates" },
	{ "coordination.k8s.io", "coordination" },
	{ "discovery.k8s.io", "discovery" },
	{ "storage.k8s.io", "storage" },
	{ "meta.k8s.io", "meta" },
};

/* The top-level message for apiVersion/kind, or NULL. */
static const struct pb_msg *
protobuf_lookup_kind(const char *apiversion, const char *kind)
{
	const struct pb_msg	*m;
	const char		*slash, *version;
	char			 group[128], name[256];
	size_t			 i;

	if ((slash = strchr(apiversion, '/')) != NULL) {
		if ((size_t)(slash - apiversion) >= sizeof group)
			return NULL;
		memcpy(group, apiversion, slash - apiversion);
		group[slash - apiversion] = '\0';
		version = slash + 1;
	} else {
		group[0] = '\0';
		version = apiversion;
	}
	if (*version == '\0' || strchr(version, '.') != NULL ||
	    strchr(kind, '.') != NULL)
		return NULL;
	for (i = 0; i < sizeof pb_groups / sizeof pb_groups[0]; i++) {
		if (strcmp(group, pb_groups[i].group) != 0)
			continue;
		snprintf(name, sizeof name, "%s.%s.%s", pb_groups[i].pkg,
		    version, kind);
		if ((m = protobuf_lookup(name)) != NULL &&
		    (m->flags & PBM_TOPLEVEL))
			return m;
		break;
	}
	/* Option types (DeleteOptions, ...) are registered in every group. */
	snprintf(name, sizeof name, "meta.v1.%s", kind);
	if (strcmp(version, "v1") == 0 && strstr(kind, "Options") != NULL &&
	    (m = protobuf_lookup(name)) != NULL && (m->flags & PBM_TOPLEVEL))
		return m;
	return NULL;
}

/* Copies a length-delimited string into out (NUL-terminated). */
static int
protobuf_cstr(const uint8_t *s, size_t len, char *out, size_t outlen)
{
	if (len >= outlen || memchr(s, '\0', len) != NULL)
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

json_t *
protobuf_decode(const void *data, size_t len, struct err *err)
{
	struct pb_ctx		 ctx;
	struct pb_reader	 r, tr;
	const struct pb_msg	*m;
	const uint8_t		*raw = NULL, *s, *tm = NULL;
	size_t			 rawlen = 0, slen, tmlen = 0;
	uint32_t		 num;
	unsigned		 wt;
	char			 apiversion[256] = "", kind[256] = "";
	json_t			*obj;
	int			 rc;

	ctx.err = err;
	ctx.budget = 2 * len + 65536;
	if (len < 4 || memcmp(data, PB_MAGIC, 4) != 0) {
		err_set(err, ERR_BAD_REQUEST, "provided data does not appear "
		    "to be a protobuf message, expected prefix "
		    "[107 56 115 0]");
		return NULL;
	}
	r.p = (const uint8_t *)data + 4;
	r.end = (const uint8_t *)data + len;
	/* runtime.Unknown {typeMeta = 1, raw = 2, contentEncoding = 3,
	 * contentType = 4} */
	while ((rc = protobuf_tag(&r, &num, &wt)) > 0) {
		if (num >= 1 && num <= 4) {
			if (wt != PB_WT_LEN || protobuf_bytes(&r, &s, &slen) < 0)
				goto bad;
			if (num == 1) {
				tm = s;
				tmlen = slen;
			} else if (num == 2) {
				raw = s;
				rawlen = slen;
			} else if (num == 3 && slen != 0) {
				err_set(err, ERR_UNSUPPORTED_MEDIA,
				    "protobuf body: content encoding "
				    "\"%.*s\" is not supported",
				    (int)(slen > 64 ? 64 : slen), s);
				return NULL;
			}
		} else if (protobuf_skip(&r, wt) < 0)
			goto bad;
	}
	if (rc < 0)
		goto bad;
	/* runtime.TypeMeta {apiVersion = 1, kind = 2} */
	tr.p = tm;
	tr.end = tm + tmlen;
	while (tm != NULL && (rc = protobuf_tag(&tr, &num, &wt)) > 0) {
		if ((num == 1 || num == 2) && wt == PB_WT_LEN) {
			if (protobuf_bytes(&tr, &s, &slen) < 0)
				goto bad;
			if (protobuf_cstr(s, slen, num == 1 ? apiversion : kind,
			    num == 1 ? sizeof apiversion : sizeof kind) < 0)
				goto bad;
		} else if (protobuf_skip(&tr, wt) < 0)
			goto bad;
	}
	if (tm != NULL && rc < 0)
		goto bad;
	if (kind[0] == '\0') {
		err_set(err, ERR_BAD_REQUEST, "Object 'Kind' is missing in "
		    "protobuf body");
		return NULL;
	}
	if (apiversion[0] == '\0') {
		err_set(err, ERR_BAD_REQUEST, "Object 'apiVersion' is missing "
		    "in protobuf body");
		return NULL;
	}
	if ((m = protobuf_lookup_kind(apiversion, kind)) == NULL) {
		err_set(err, ERR_UNSUPPORTED_MEDIA, "the body of the request "
		    "was in an unknown format: unknown protobuf type %s %s - "
		    "accepted media types include: application/json, "
		    "application/yaml", apiversion, kind);
		return NULL;
	}
	if ((obj = protobuf_message(&ctx, m, raw != NULL ? raw :
	    (const uint8_t *)"", rawlen, 0)) == NULL)
		return NULL;
	json_object_set_new(obj, "apiVersion", json_string(apiversion));
	json_object_set_new(obj, "kind", json_string(kind));
	return obj;
bad:
	err_set(err, ERR_BAD_REQUEST, "unable to decode protobuf body: "
	    "malformed runtime.Unknown envelope");
	return NULL;
}

int
protobuf_is_media_type(const char *ct)
{
	size_t	 n = strlen(PROTOBUF_MEDIA_TYPE);

	if (ct == NULL)
		return 0;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, PROTOBUF_MEDIA_TYPE, n) != 0)
		return 0;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}
