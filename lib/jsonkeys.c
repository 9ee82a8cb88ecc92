/* jsonkeys.c - the keys of a JSON text in document order (see jsonkeys.h).
 *
 * A small recursive-descent reader that only follows structure: strings
 * are decoded when they are keys (escapes, \u surrogate pairs), other
 * scalars are skipped.  Each object remembers its keys in a jansson
 * object used as a set; each level of the path is a stretch of one
 * buffer, cut back when the level ends.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "jsonkeys.h"

#define JK_MAX_PATH	((size_t)64 << 10)
#define JK_STOP		1

struct jk {
	const char	*start, *p, *end;
	jsonkeys_fn	*fn;
	void		*arg;
	struct buf	 path;
	struct buf	 key;
	struct err	*err;
};

static int	jk_value(struct jk *j, int depth);

static void
jk_ws(struct jk *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
jk_bad(struct jk *j, const char *what)
{
	return err_set(j->err, ERR_BAD_REQUEST, "json: %s at offset %zu", what,
	    (size_t)(j->p - j->start));
}

static int
jk_hex4(struct jk *j, unsigned *out)
{
	unsigned v = 0;
	int i;
	char c;

	if (j->end - j->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		c = *j->p++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static int
jk_utf8(struct buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return buf_add(b, u, n);
}

/* A string (j->p at its '"'), decoded into out unless out is NULL. */
static int
jk_string(struct jk *j, struct buf *out)
{
	unsigned cp, lo;
	char c, e;

	j->p++;
	while (j->p < j->end) {
		c = *j->p++;
		if (c == '"')
			return 0;
		if ((unsigned char)c < 0x20)
			return jk_bad(j, "control character in a string");
		if (c != '\\') {
			if (out != NULL && buf_addc(out, c) < 0)
				return jk_bad(j, "key too long");
			continue;
		}
		if (j->p >= j->end)
			break;
		e = *j->p++;
		switch (e) {
		case '"': case '\\': case '/': c = e; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u':
			if (jk_hex4(j, &cp) < 0)
				return jk_bad(j, "bad \\u escape");
			if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 &&
			    j->p[0] == '\\' && j->p[1] == 'u') {
				j->p += 2;
				if (jk_hex4(j, &lo) < 0)
					return jk_bad(j, "bad \\u escape");
				if (lo >= 0xdc00 && lo < 0xe000)
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					    (lo - 0xdc00);
				else
					cp = 0xfffd;	/* as Go decodes it */
			} else if (cp >= 0xd800 && cp < 0xe000)
				cp = 0xfffd;
			if (out != NULL && jk_utf8(out, cp) < 0)
				return jk_bad(j, "key too long");
			continue;
		default:
			return jk_bad(j, "bad escape");
		}
		if (out != NULL && buf_addc(out, c) < 0)
			return jk_bad(j, "key too long");
	}
	return jk_bad(j, "unterminated string");
}

static int
jk_object(struct jk *j, int depth)
{
	size_t base = j->path.len;
	json_t *seen;
	int dup, rc = 0;

	if (depth > JSONKEYS_MAX_DEPTH)
		return err_set(j->err, ERR_BAD_REQUEST, "json: nesting depth "
		    "exceeds the limit of %d", JSONKEYS_MAX_DEPTH);
	if ((seen = json_object()) == NULL)
		return err_set(j->err, ERR_INTERNAL, "json: out of memory");
	j->p++;
	jk_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		goto out;
	}
	for (;;) {
		jk_ws(j);
		if (j->p >= j->end || *j->p != '"') {
			rc = jk_bad(j, "object key expected");
			break;
		}
		buf_reset(&j->key);
		if ((rc = jk_string(j, &j->key)) < 0)
			break;
		dup = json_object_get(seen, buf_str(&j->key)) != NULL;
		if (!dup && json_object_set_new(seen, buf_str(&j->key),
		    json_true()) < 0) {
			rc = err_set(j->err, ERR_INTERNAL, "json: out of memory");
			break;
		}
		buf_truncate(&j->path, base);
		if ((base > 0 && buf_addc(&j->path, '.') < 0) ||
		    buf_add(&j->path, j->key.data ? j->key.data : "",
		    j->key.len) < 0) {
			rc = jk_bad(j, "path too long");
			break;
		}
		if (j->fn(j->arg, buf_str(&j->path), buf_str(&j->key), depth,
		    dup) != 0) {
			rc = JK_STOP;
			break;
		}
		jk_ws(j);
		if (j->p >= j->end || *j->p != ':') {
			rc = jk_bad(j, "':' expected");
			break;
		}
		j->p++;
		if ((rc = jk_value(j, depth)) != 0)
			break;
		buf_truncate(&j->path, base);
		jk_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		rc = jk_bad(j, "',' or '}' expected");
		break;
	}
out:
	buf_truncate(&j->path, base);
	json_decref(seen);
	return rc;
}

static int
jk_array(struct jk *j, int depth)
{
	size_t base = j->path.len, i = 0;
	int rc = 0;

	if (depth > JSONKEYS_MAX_DEPTH)
		return err_set(j->err, ERR_BAD_REQUEST, "json: nesting depth "
		    "exceeds the limit of %d", JSONKEYS_MAX_DEPTH);
	j->p++;
	jk_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;; i++) {
		buf_truncate(&j->path, base);
		if (buf_addf(&j->path, "[%zu]", i) < 0)
			return jk_bad(j, "path too long");
		if ((rc = jk_value(j, depth)) != 0)
			break;
		jk_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			break;
		}
		rc = jk_bad(j, "',' or ']' expected");
		break;
	}
	buf_truncate(&j->path, base);
	return rc;
}

static int
jk_value(struct jk *j, int depth)
{
	const char *s;

	jk_ws(j);
	if (j->p >= j->end)
		return jk_bad(j, "value expected");
	switch (*j->p) {
	case '{':
		return jk_object(j, depth + 1);
	case '[':
		return jk_array(j, depth + 1);
	case '"':
		return jk_string(j, NULL);
	default:
		/* a number, true, false or null */
		for (s = j->p; j->p < j->end && ((*j->p != '\0' &&
		    strchr("+-.eE", *j->p) != NULL) ||
		    (*j->p >= '0' && *j->p <= '9') ||
		    (*j->p >= 'a' && *j->p <= 'z')); j->p++)
			;
		if (j->p == s)
			return jk_bad(j, "value expected");
		return 0;
	}
}

int
jsonkeys_walk(const char *data, size_t len, jsonkeys_fn *fn, void *arg,
    struct err *err)
{
	struct jk j;
	int rc;

	memset(&j, 0, sizeof j);
	j.start = j.p = data;
	j.end = data + len;
	j.fn = fn;
	j.arg = arg;
	j.err = err;
	buf_init(&j.path, JK_MAX_PATH);
	buf_init(&j.key, JK_MAX_PATH);
	rc = jk_value(&j, 0);
	buf_release(&j.path);
	buf_release(&j.key);
	return rc < 0 ? -1 : 0;
}
