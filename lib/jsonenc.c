/* jsonenc.c - a jansson tree as compact JSON text (see jsonenc.h).
 *
 * Hand-written because jansson's own encoder costs the server more than
 * the store does on a create; what it writes is jansson's: the tests
 * compare the two on generated trees.  Reals, rare in Kubernetes
 * objects, are still formatted by jansson.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonenc.h"

/* Which bytes end a run of a string that is copied as it is. */
static const unsigned char jsonenc_special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1,
	[0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
	[0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1,
	[0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1,
	[0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

static int
jsonenc_string(const char *s, size_t n, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[8];
	size_t i = 0, run;
	unsigned char c;

	if (buf_addc(out, '"') < 0)
		return -1;
	while (i < n) {
		for (run = i; run < n &&
		    !jsonenc_special[(unsigned char)s[run]]; run++)
			;
		if (run > i && buf_add(out, s + i, run - i) < 0)
			return -1;
		if (run == n)
			break;
		c = (unsigned char)s[run];
		esc[0] = '\\';
		esc[2] = '\0';
		switch (c) {
		case '"':  esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = '\0';
			break;
		}
		if (buf_adds(out, esc) < 0)
			return -1;
		i = run + 1;
	}
	return buf_addc(out, '"');
}

static int
jsonenc_integer(json_int_t v, struct buf *out)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

static int
jsonenc_real(const json_t *v, struct buf *out)
{
	char *s;
	int rc;

	if (!isfinite(json_real_value(v)))
		return -1;
	if ((s = json_dumps(v, JSON_ENCODE_ANY)) == NULL)
		return -1;
	rc = buf_adds(out, s);
	free(s);
	return rc;
}

/* meta: at the top level only; skip: a key left out of this object. */
static int
jsonenc_value(const json_t *v, struct buf *out, int depth,
    struct jsonenc_meta *meta, const char *skip)
{
	const char *key;
	void *it;
	size_t i, n;
	int first;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (depth >= JSONENC_MAX_DEPTH || buf_addc(out, '{') < 0)
			return -1;
		first = 1;
		for (it = json_object_iter((json_t *)v); it != NULL;
		    it = json_object_iter_next((json_t *)v, it)) {
			key = json_object_iter_key(it);
			n = json_object_iter_key_len(it);
			if (skip != NULL && strlen(skip) == n &&
			    memcmp(key, skip, n) == 0)
				continue;
			if ((!first && buf_addc(out, ',') < 0) ||
			    jsonenc_string(key, n, out) < 0 ||
			    buf_addc(out, ':') < 0)
				return -1;
			first = 0;
			if (meta != NULL && n == 8 &&
			    memcmp(key, "metadata", 8) == 0 &&
			    json_is_object(json_object_iter_value(it))) {
				meta->off = out->len + 1;
				if (jsonenc_value(json_object_iter_value(it),
				    out, depth + 1, NULL, meta->skip) < 0)
					return -1;
				continue;
			}
			if (jsonenc_value(json_object_iter_value(it), out,
			    depth + 1, NULL, NULL) < 0)
				return -1;
		}
		return buf_addc(out, '}');
	case JSON_ARRAY:
		if (depth >= JSONENC_MAX_DEPTH || buf_addc(out, '[') < 0)
			return -1;
		n = json_array_size(v);
		for (i = 0; i < n; i++)
			if ((i > 0 && buf_addc(out, ',') < 0) ||
			    jsonenc_value(json_array_get(v, i), out,
			    depth + 1, NULL, NULL) < 0)
				return -1;
		return buf_addc(out, ']');
	case JSON_STRING:
		return jsonenc_string(json_string_value(v),
		    json_string_length(v), out);
	case JSON_INTEGER:
		return jsonenc_integer(json_integer_value(v), out);
	case JSON_REAL:
		return jsonenc_real(v, out);
	case JSON_TRUE:
		return buf_adds(out, "true");
	case JSON_FALSE:
		return buf_adds(out, "false");
	case JSON_NULL:
		return buf_adds(out, "null");
	}
	return -1;
}

int
jsonenc(const json_t *v, struct buf *out)
{
	if (v == NULL)
		return -1;
	return jsonenc_value(v, out, 0, NULL, NULL);
}

char *
jsonenc_dup(const json_t *v, size_t *len, struct jsonenc_meta *meta)
{
	struct buf b = BUF_INIT(JSONENC_DUP_CAP);

	if (meta != NULL)
		meta->off = 0;
	if (v == NULL || buf_grow(&b, 1024) < 0 ||
	    jsonenc_value(v, &b, 0, json_is_object(v) ? meta : NULL,
	    NULL) < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}
